"""Child-level records: the canonical tables, the statutory formats read into them (specs and
readers), their checks, pseudonymisation and the Parquet store (``load``), and the measures
computed from them."""
