"""Types of the API's inputs (query and path parameters), strict enough that the OpenAPI schema
says exactly what is accepted: every value the schema allows is served, every other one is a 400."""

import re
from datetime import UTC, datetime, timedelta, timezone
from enum import Enum
from typing import Annotated

from pydantic import PlainValidator, StringConstraints, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema

from vistka.editions.languages import EDITIONS
from vistka.stories.kinds import Kind

Edition = Enum("Edition", {edition.code: edition.code for edition in EDITIONS}, type=str)
Edition.__doc__ = "An edition of the newspaper, by language code."

StoryKind = Enum("StoryKind", {kind.value: kind.value for kind in Kind}, type=str)
StoryKind.__doc__ = "The kind of a story."

# Slugs of sections, tags and authors are ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS is off).
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80)]

# Story numbers are PositiveBigIntegerField values: anything larger cannot exist (and would
# overflow the database's bigint), so the schema bounds it.
MAX_BIGINT = 2**63 - 1

# Optional query parameters: absent means "no filter". `SkipJsonSchema` keeps `null` out of the
# published schema (a query string cannot carry a null).
Absent = SkipJsonSchema[None]

# --- RFC 3339 moments -----------------------------------------------------------------------------

_RFC3339 = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[Tt]"
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?P<fraction>\.\d+)?"
    r"(?P<offset>[Zz]|(?P<sign>[+-])(?P<off_hour>\d{2}):(?P<off_minute>\d{2}))$"
)
# A "+" written unencoded in a query string arrives as a space.
_SPACE_FOR_PLUS = re.compile(r"\d{2}:\d{2}:\d{2}(\.\d+)? \d{2}:\d{2}$")

MOMENT_HELP = (
    "An RFC 3339 (ISO 8601) date-time with an offset, e.g. 2025-05-28T12:00:00+03:00 or "
    "2025-05-28T09:00:00Z. Write '+' as %2B in a query string."
)


def parse_moment(value):
    """A timezone-aware datetime in UTC from an RFC 3339 date-time, or ValueError.

    Values that are valid RFC 3339 but fall outside Python's range once moved to UTC
    (0001-01-01T00:00:00+05:00) are clamped to the earliest or latest representable moment:
    as filter bounds they mean "no bound" either way.
    """
    if not isinstance(value, str):
        raise ValueError("expected a date-time string")
    match = _RFC3339.match(value)
    if match is None:
        if _SPACE_FOR_PLUS.search(value):
            raise ValueError("the '+' of the offset must be written %2B in a query string")
        raise ValueError(
            "expected an RFC 3339 date-time with an offset, e.g. 2025-05-28T12:00:00%2B03:00 "
            "or 2025-05-28T09:00:00Z"
        )
    parts = {name: int(match[name]) for name in ("year", "month", "day", "hour", "minute", "second")}
    if match["offset"] in ("Z", "z"):
        offset = timedelta(0)
    else:
        off_hour, off_minute = int(match["off_hour"]), int(match["off_minute"])
        if off_hour > 23 or off_minute > 59:
            raise ValueError("the offset must be between -23:59 and +23:59")
        offset = timedelta(hours=off_hour, minutes=off_minute) * (-1 if match["sign"] == "-" else 1)
    microsecond = int((match["fraction"] or ".0")[1:7].ljust(6, "0"))
    try:
        local = datetime(**parts, microsecond=microsecond, tzinfo=timezone(offset))
    except ValueError as error:
        raise ValueError(f"not a valid date-time: {error}") from None
    try:
        return local.astimezone(UTC)
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC) if local.year > 1 else datetime.min.replace(tzinfo=UTC)


Moment = Annotated[
    datetime,
    PlainValidator(parse_moment),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
