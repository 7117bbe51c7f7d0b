"""The vocabulary and the rules of the domain, in pure Python (no Qt, no SQL, no files)."""
