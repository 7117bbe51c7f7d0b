"""Thin table models over lists of row records; they never query the database."""
