"""Files into domain records plus located problems; nothing here writes to the database."""
