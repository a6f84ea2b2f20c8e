"""A row lock inside the current transaction, so that a version check and the write that follows
cannot interleave with another save of the same object."""

from django.db import connection
from django.db.models import F


def lock_row(model, pk):
    """PostgreSQL: SELECT … FOR UPDATE. SQLite has no row locks: a no-op UPDATE makes sure the
    transaction holds the database's write lock before the check (settings already open SQLite
    transactions IMMEDIATE; this keeps the guarantee if that changes)."""
    if connection.features.has_select_for_update:
        list(model._base_manager.select_for_update().filter(pk=pk).values_list("pk", flat=True))
    else:
        name = model._meta.pk.attname
        model._base_manager.filter(pk=pk).update(**{name: F(name)})
