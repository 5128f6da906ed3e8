"""Operating a store: backing it up while the app runs, and restoring it elsewhere.

``archive`` reads and writes the backup file and its manifest; ``database`` takes the
database's own consistent snapshot (SQLite's online backup API, or ``pg_dump``) and puts it back;
``backup`` ties them together. The console commands (``board backup``, ``board restore``) are
thin wrappers over ``backup``.
"""
