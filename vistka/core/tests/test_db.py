"""Timestamps read through psycopg's C loader are the values Django's own loader gives."""

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import BaseTzLoader

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a PostgreSQL loader"),
]

VALUES = [
    "2026-11-25 07:00:00+02",  # Kyiv winter time
    "2026-06-01 23:59:59.999999+03",
    "1999-12-31 23:00:00.5-05",
    "2026-03-29 00:30:00+00",
]


class DjangoUTCLoader(BaseTzLoader):
    timezone = datetime.UTC


def read(values):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v::timestamptz FROM unnest(%s::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i", [values]
        )
        return [row[0] for row in cursor.fetchall()]


def test_timestamps_are_read_in_c_and_equal_what_djangos_loader_reads():
    connection.ensure_connection()
    adapters = connection.connection.adapters
    fast = adapters.get_loader(1184, 0)  # timestamptz, text
    assert fast is not DjangoUTCLoader and fast.__name__ == "UTCTimestamptzLoader"
    ours = read(VALUES)
    adapters.register_loader("timestamptz", DjangoUTCLoader)
    try:
        djangos = read(VALUES)
    finally:
        adapters.register_loader("timestamptz", fast)
    assert ours == djangos
    assert [value.tzinfo for value in ours] == [datetime.UTC] * len(VALUES)
    assert ours[1] == datetime.datetime(2026, 6, 1, 20, 59, 59, 999999, tzinfo=datetime.UTC)
