"""Exports: every table a page shows, and the whole pack's data, as CSV and Excel files.

``services.export_file`` is the one entry the web app and ``board export`` both call. The
tables are read from the store here (``selectors`` and one module per page's tables) and laid out
by the core (``core/exports``), which also applies the disclosure rules to an export marked for
publication. docs/exports.md describes every export and its columns.
"""
