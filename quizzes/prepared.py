"""Querysets whose SQL is built once per database connection, then only run.

Building and compiling a queryset with subqueries costs a request more Python than running it
(about 2 ms for the attempt a student's question page reads, against a fraction of one for the
database). A `PreparedQuery` builds its queryset once with stand-in integers in place of the
values that change from request to request (an id), compiles it, and keeps the SQL, its
parameters and what turns a row into model instances, as the ORM itself would do for that
queryset. Each later call substitutes the real values for the stand-ins and runs the SQL.

The queryset stays the one definition of what is read: the SQL is the ORM's own, and a value the
stand-ins cannot stand for (an id beyond the column's range) runs the queryset through the ORM
instead. What is kept depends only on the code and the database backend, never on data, so it
never goes stale; it is kept on the connection object (one per thread), whose converters it uses.

On PostgreSQL the statement is also prepared on the server (psycopg's `prepare=True`, per
database connection), so PostgreSQL stops planning it anew on every request: planning the
attempt's query with its three subqueries costs it several times what running it does. Set
`DATABASE_PREPARED_STATEMENTS=0` behind a pooler that cannot carry prepared statements across
its server connections (PgBouncer before 1.21, or without `max_prepared_statements`, in
transaction mode).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.transaction import TransactionManagementError

# Stand-ins for the values of a call: distinct, inside every integer column's range, and unlike
# any value a queryset puts in its parameters by itself.
_STAND_IN = 1_987_654_301
# A value outside a 64-bit integer goes through the ORM, which refuses it as it always has.
_SAFE = range(-(2**63), 2**63)
# psycopg prepares a statement once it has run this many times, or when asked (prepare=True);
# with None it prepares none at all.
_ONLY_WHEN_ASKED = 2**62


class _Compiled:
    """One variant's SQL, with the positions of the stand-ins in its parameters, and how a
    row becomes instances (as `django.db.models.query.ModelIterable` does it)."""

    def __init__(self, queryset: QuerySet, connection, stand_ins: dict[int, str]) -> None:
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if not sql:
            raise ValueError("a prepared query cannot be empty")
        for stand_in in stand_ins:
            if str(stand_in) in sql:
                raise ValueError("a stand-in was written into the SQL, not passed as a parameter")
        self.sql = sql
        self.params = list(params)
        self.slots = [
            (position, stand_ins[value])
            for position, value in enumerate(self.params)
            if type(value) is int and value in stand_ins
        ]
        if {name for _, name in self.slots} != set(stand_ins.values()):
            raise ValueError("a stand-in is missing from the parameters")
        self.compiler = compiler
        self.locks = bool(queryset.query.select_for_update)
        self.col_count = compiler.col_count
        self.converters = compiler.get_converters([s[0] for s in compiler.select[: self.col_count]])
        select, klass_info = compiler.select, compiler.klass_info
        if queryset._iterable_class is ValuesListIterable:  # its rows are the result, as tuples
            self.model = None
            return
        if queryset._iterable_class is not ModelIterable:
            raise ValueError("a prepared query gives model instances or values_list() tuples")
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
        self.related_populators = get_related_populators(klass_info, select, connection.alias)
        self.annotation_col_map = dict(compiler.annotation_col_map or {})

    def run(self, connection, values: dict[str, int]) -> list:
        # As the ORM refuses it: a lock needs a transaction.
        if self.locks and connection.features.has_select_for_update and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        params = list(self.params)
        for position, name in self.slots:
            params[position] = values[name]
        with self.cursor(connection) as cursor:
            cursor.execute(self.sql, params)
            rows = [row[: self.col_count] for row in cursor.fetchall()]
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        if self.model is None:
            return [tuple(row) for row in rows]
        db = connection.alias
        objects = []
        for row in rows:
            obj = self.model.from_db(db, self.init_list, row[self.start : self.end])
            for populator in self.related_populators:
                populator.populate(row, obj)
            for name, position in self.annotation_col_map.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects

    def cursor(self, connection):
        """Django's cursor (its query log, its wrappers), over one that prepares the statement
        on PostgreSQL; a plain one elsewhere, or if the connection was just opened anew."""
        preparing = _preparing_cursor(connection)
        if preparing is None or connection.queries_logged:
            # Django's query log (DEBUG, a test counting queries) shows a statement with its
            # values only as a client-side cursor runs it: the same SQL, unprepared.
            return connection.cursor()
        connection.ensure_connection()
        raw = connection.connection
        factory = raw.cursor_factory
        raw.cursor_factory = preparing
        try:
            return connection.cursor()
        finally:
            raw.cursor_factory = factory


def _preparing_cursor(connection):
    """For psycopg 3 with client-side binding (Django's default), a cursor class that binds on
    the server and prepares each statement it runs; else None."""
    if connection.vendor != "postgresql" or not getattr(
        settings, "DATABASE_PREPARED_STATEMENTS", True
    ):
        return None
    if connection.settings_dict["OPTIONS"].get("server_side_binding") is True:
        return None  # psycopg prepares by its own threshold then
    return _preparing_cursor_class()


@functools.cache
def _preparing_cursor_class():
    from django.db.backends.postgresql import base

    if not base.is_psycopg3:
        return None

    class PreparingCursor(base.ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            # Django turns preparing off on its connections (a threshold of None); it is on
            # for this statement only, so no other query is counted or prepared.
            connection = self.connection
            threshold = connection.prepare_threshold
            connection.prepare_threshold = _ONLY_WHEN_ASKED
            try:
                return super().execute(query, params, **{**kwargs, "prepare": True})
            finally:
                connection.prepare_threshold = threshold

    return PreparingCursor


class PreparedQuery:
    """`build(variant, **values)` returns the queryset; `variant` (hashable) selects among the
    few shapes the SQL takes (locked or not, a superuser or not), `values` are integers. A
    queryset of model instances gives instances; a `values_list()` of fields gives tuples."""

    def __init__(self, name: str, build: Callable[..., QuerySet], *value_names: str) -> None:
        self.attribute = f"_prepared_{name}"
        self.build = build
        self.value_names = value_names

    def all(self, variant: Hashable, using: str = "default", **values: int) -> list:
        """The instances the queryset `build(variant, **values)` would give, in its order."""
        if any(type(value) is not int or value not in _SAFE for value in values.values()):
            return list(self.build(variant, **values).using(using))
        connection = connections[using]
        compiled = self.compiled(variant, using)
        return compiled.run(connection, values)

    def compiled(self, variant: Hashable, using: str = "default") -> _Compiled:
        """The variant's SQL for this thread's connection, compiled on first use."""
        connection = connections[using]
        kept = connection.__dict__.setdefault(self.attribute, {})
        compiled = kept.get(variant)
        if compiled is None:
            stand_ins = {_STAND_IN + n: name for n, name in enumerate(self.value_names)}
            queryset = self.build(variant, **{name: n for n, name in stand_ins.items()})
            compiled = kept[variant] = _Compiled(queryset.using(using), connection, stand_ins)
        return compiled

    def first(self, variant: Hashable, using: str = "default", **values: int):
        found = self.all(variant, using, **values)
        return found[0] if found else None
