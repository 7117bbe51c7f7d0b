"""The database: SQLAlchemy models, engine, repositories, unit of work and migrations."""
