"""The measure definitions as Spark SQL: translated by sqlglot, never written twice.

``spark_sql`` translates a definition from DuckDB's dialect; ``shared_parts`` splits out the
common table expressions a query reads more than once, for Spark to build once; ``values_sql``
turns a small Arrow table into a query of its values. Every piece of SQL here is produced from
sqlglot's syntax tree, which quotes each value, never by pasting text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cache

import pyarrow as pa
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

_MARKER = re.compile(r":([a-z_]+)")
SPARK_TYPES = {
    "string": "string",
    "date32[day]": "date",
    "bool": "boolean",
    "int32": "int",
    "int64": "bigint",
    "double": "double",
}


def values_sql(table: pa.Table) -> str:
    """A small Arrow table (periods, population, calendar) as a Spark SQL query of its values.

    Spark holds the rows in the query itself (a local relation): no Python process has to
    read them again on each executor, so the cluster's executors need no Python at all. Built
    through sqlglot's syntax tree, which quotes every value, never by pasting text.
    """
    types = [SPARK_TYPES[str(field.type)] for field in table.schema]
    named = list(zip(table.column_names, types, strict=True))
    if not table.num_rows:
        empty = [exp.cast(exp.null(), kind).as_(name) for name, kind in named]
        return exp.select(*empty).where(exp.false()).sql(dialect="spark")
    columns = [exp.cast(exp.column(name), kind).as_(name) for name, kind in named]
    rows = zip(*(table.column(name).to_pylist() for name in table.column_names), strict=True)
    values = exp.values(
        [tuple(_literal(value) for value in row) for row in rows],
        alias="given",
        columns=table.column_names,
    )
    return exp.select(*columns).from_(values).sql(dialect="spark")


def _literal(value: object) -> exp.Expression:
    if value is None:
        return exp.null()
    if isinstance(value, date):
        return exp.cast(exp.Literal.string(value.isoformat()), "date")
    if isinstance(value, str):
        return exp.Literal.string(value)
    if isinstance(value, int | float):
        return exp.Literal.number(value)
    raise TypeError(f"no Spark literal for {value!r}")


@cache
def spark_sql(sql: str) -> str:
    """A definition in Spark SQL. Parameters (``$days``) become Spark's named markers (``:days``);
    a construct Spark cannot run is refused here rather than mistranslated."""
    return sqlglot.transpile(sql, read="duckdb", write="spark", unsupported_level=ErrorLevel.RAISE)[
        0
    ]


@cache
def shared_parts(sql: str, prefix: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """Split out of a Spark SQL query each common table expression it reads more than once.

    Spark computes a CTE afresh wherever it is read (DuckDB computes one read twice once), so
    the month-end counts, which read a table of dates four times in each of five reads of
    their spans, would be computed twenty times over. Each such CTE becomes a query of its
    own, named ``<prefix>_<name>``, to be built (checkpointed) before the query, which then
    reads it by that name. Returns those (name, query) pairs in the order to build them,
    and the query. The meaning is unchanged: the same rows, read from a table.
    """
    tree = sqlglot.parse_one(sql, read="spark")
    parts: list[tuple[str, str]] = []
    for block in reversed(list(tree.find_all(exp.With))):  # inner ones first
        scope = block.parent
        if scope is None:  # a WITH always belongs to a query; nothing to split otherwise
            continue
        for cte in list(block.expressions):
            reads = [t for t in scope.find_all(exp.Table) if t.name == cte.alias and not t.db]
            if len(reads) < 2:
                continue
            kept = {c.alias: c for c in block.expressions if c is not cte}
            body = cte.this.copy()
            for name, earlier in kept.items():  # inline CTEs it reads go with it
                if any(t.name == name and not t.db for t in body.find_all(exp.Table)):
                    body = body.with_(name, as_=earlier.this.copy())
            named = f"{prefix}_{cte.alias}"
            parts.append((named, body.sql(dialect="spark")))
            for table in reads:
                table.set("this", exp.to_identifier(named))
            cte.pop()
        for cte in list(block.expressions):  # what went with a part and is read no more
            if parts and not any(
                t.name == cte.alias and not t.db for t in scope.find_all(exp.Table)
            ):
                cte.pop()
        if not block.expressions:
            block.pop()
    return tuple(parts), tree.sql(dialect="spark")


def bound(sql: str, params: Mapping[str, object]) -> dict[str, object]:
    """The parameters a query names: each part of a definition is given only its own."""
    named = set(_MARKER.findall(sql))
    return {name: value for name, value in params.items() if name in named}
