"""Alembic migrations of wp2bot's database schema."""
