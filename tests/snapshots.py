"""Expensive database set-ups made once per test run, then replayed (the demo plan: ~1 s each).

`replayed(name, make)` runs `make()` for real the first time and records what it did to the
database: every row it inserted, changed or deleted, read back table by table through the
models. A later call that starts from the same database (the same rows everywhere, compared
by a fingerprint of all of them) on the same day writes exactly those rows again instead, in
a few milliseconds, and returns the same result fetched anew. Any other starting point (a test
that made data of its own first, a clock set to another day) runs `make()` for real and
records that too, so a replay is always what the real call did from that same state.

Nothing outside the database is recorded: use it only for set-ups that write no files, no
cache and start no process (`demo.plan.load_demo` and the move in tests/moving.py).
HELHEDSPLAN_TEST_SNAPSHOTS=0 turns replaying off (every call runs for real).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
Rows = dict[Any, tuple[Any, ...]]


@dataclass
class _Change:
    """One table's change: rows inserted and changed (pk → values) and pks deleted."""

    model: Any
    attnames: list[str]
    inserted: Rows = field(default_factory=dict)
    updated: Rows = field(default_factory=dict)
    deleted: list[Any] = field(default_factory=list)


@dataclass
class _Recording:
    changes: list[_Change]
    result: Any


_recordings: dict[tuple[Any, ...], _Recording] = {}


def enabled() -> bool:
    return os.environ.get("HELHEDSPLAN_TEST_SNAPSHOTS", "1") != "0"


def _models() -> list[Any]:
    """Every model with a table of its own (auto-created many-to-many tables included)."""
    from django.apps import apps

    seen: set[str] = set()
    models = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        models.append(model)
    return models


def _attnames(model: Any) -> list[str]:
    return [f.attname for f in model._meta.local_concrete_fields]


def _dump(model: Any, attnames: list[str]) -> Rows:
    pk = model._meta.pk.attname
    index = attnames.index(pk)
    rows = model._base_manager.order_by(pk).values_list(*attnames)
    return {row[index]: tuple(row) for row in rows}


def _dump_all() -> dict[str, Rows]:
    return {m._meta.label: _dump(m, _attnames(m)) for m in _models()}


def _fingerprint(state: dict[str, Rows]) -> str:
    digest = hashlib.sha256()
    for label in sorted(state):
        digest.update(label.encode())
        digest.update(repr(list(state[label].values())).encode())
    return digest.hexdigest()


def _diff(before: dict[str, Rows], after: dict[str, Rows]) -> list[_Change]:
    changes = []
    for model in _models():
        label = model._meta.label
        old, new = before[label], after[label]
        if old == new:
            continue
        change = _Change(model=model, attnames=_attnames(model))
        for pk, row in new.items():
            if pk not in old:
                change.inserted[pk] = row
            elif old[pk] != row:
                change.updated[pk] = row
        change.deleted = [pk for pk in old if pk not in new]
        changes.append(change)
    return changes


def _replay(changes: list[_Change]) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():
        for change in changes:
            if change.deleted:
                manager = change.model._base_manager
                manager.filter(pk__in=change.deleted)._raw_delete(connection.alias)
        for change in changes:
            manager = change.model._base_manager
            for pk, row in change.updated.items():
                manager.filter(pk=pk).update(**dict(zip(change.attnames, row, strict=True)))
        inserted = []
        for change in changes:
            if not change.inserted:
                continue
            model = change.model
            fields = list(model._meta.local_concrete_fields)
            objs = [
                model(**dict(zip(change.attnames, row, strict=True)))
                for row in change.inserted.values()
            ]
            size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
            for start in range(0, len(objs), size):
                model._base_manager._insert(objs[start : start + size], fields=fields, raw=True)
            inserted.append(model)
        # PostgreSQL's sequences do not move for rows inserted with their own keys
        statements = connection.ops.sequence_reset_sql(no_style(), inserted)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def replayed(
    name: str,
    make: Callable[[], T],
    *,
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> T:
    """`make()`, or its recorded effect on the database replayed (see the module's docstring).
    `encode` turns the result into plain data (keys, not model instances) kept with the
    recording; `decode` turns that back into a result for the replay."""
    if not enabled():
        return make()
    from django.db import connection
    from django.utils import timezone

    before = _dump_all()
    key = (
        name,
        connection.vendor,
        connection.settings_dict["NAME"],
        timezone.localdate(),
        _fingerprint(before),
    )
    recording = _recordings.get(key)
    if recording is not None:
        _replay(recording.changes)
        return decode(recording.result)
    result = make()
    _recordings[key] = _Recording(changes=_diff(before, _dump_all()), result=encode(result))
    return result
