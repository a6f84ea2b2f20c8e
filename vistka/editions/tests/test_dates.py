"""Long dates in each edition's house style, in Kyiv time."""

from datetime import UTC, datetime

import pytest

from vistka.editions.dates import long_date

MOMENT = datetime(2025, 5, 28, 16, 20, tzinfo=UTC)  # 19:20 in Kyiv (EEST, UTC+3)


@pytest.mark.parametrize(
    "language_code, expected",
    [
        ("uk", "середа, 28 травня 2025, 19:20"),
        ("ru", "среда, 28 мая 2025, 19:20"),
        ("en", "Wednesday, 28 May 2025, 19:20"),
    ],
)
def test_long_date_in_each_editions_style(language_code, expected):
    assert long_date(MOMENT, language_code) == expected


@pytest.mark.parametrize(
    "language_code, expected",
    [("uk", "середа, 28 травня 2025"), ("ru", "среда, 28 мая 2025"), ("en", "Wednesday, 28 May 2025")],
)
def test_long_date_without_time(language_code, expected):
    assert long_date(MOMENT, language_code, with_time=False) == expected


def test_long_date_uses_the_kyiv_day_not_the_utc_day():
    assert long_date(datetime(2025, 5, 28, 22, 30, tzinfo=UTC), "en") == "Thursday, 29 May 2025, 01:30"


def test_long_date_of_nothing_is_empty():
    assert long_date(None, "uk") == ""
