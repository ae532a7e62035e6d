"""The pandera schemas of the CSV tables, made from their contracts (:mod:`lkjip.inputs.tables`).

Only :func:`lkjip.inputs.csv_table.validate_frame` uses them; pandera is imported with this
module, not with the contracts.
"""

from __future__ import annotations

from functools import cache

import pandera.pandas as pa

from lkjip.inputs.tables import TABLES, Cek, Table, kind_checks


def _check(cek: Cek) -> pa.Check:
    return getattr(pa.Check, cek.name)(*cek.args, error=cek.expected)


def schema(table: Table, present: list[str] | None = None,
           loose: set[str] | frozenset[str] = frozenset()) -> pa.DataFrameSchema:
    """The pandera schema of a table, as loaded (dtypes after parsing).

    ``present``: only these columns (the others are missing from the file); ``loose``: columns
    where some cells could not be parsed, so they hold missing values (nullable dtype).
    Row checks and the key check apply only when all of their columns are present.
    """
    names = table.column_names if present is None else list(present)
    columns = {}
    for c in table.columns:
        if c.name not in names:
            continue
        dtype, nullable = c.dtype, c.nullable
        if c.name in loose:
            dtype, nullable = {"int64": "Int64"}.get(dtype, dtype), True
        columns[c.name] = pa.Column(dtype, checks=[_check(k) for k in (*kind_checks(c.kind), *c.checks)],
                                    nullable=nullable)
    row_checks = [pa.Check(rc.ok, error=rc.expected) for rc in table.row_checks
                  if {rc.column, *rc.columns} <= set(names)]
    key = list(table.key) if set(table.key) <= set(names) else None
    return pa.DataFrameSchema(columns, checks=row_checks, unique=key or None, ordered=True,
                              strict=False, name=table.name)


@cache
def of(name: str) -> pa.DataFrameSchema:
    """The full schema of table ``name`` (made once per process)."""
    return schema(TABLES[name])
