"""SQLite storage: opening files safely, migrations, and repositories that return domain objects."""
