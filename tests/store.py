"""A store loaded once for a module's tests: the outer transaction of a module-scoped fixture."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction


@contextmanager
def loaded_for_module(django_db_blocker: Any, load: Callable[[], object]) -> Iterator[None]:
    """Run ``load`` inside a transaction kept open while the module's tests run (each test's own
    transaction nests in it) and rolled back after them, so nothing outlives the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
