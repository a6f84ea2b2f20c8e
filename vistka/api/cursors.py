"""Opaque cursors for keyset pagination, after vistka.reader.cursor.

A cursor is the position of the last item shown, two signed 64-bit numbers packed into 16 bytes
and written as 22 characters of unpadded URL-safe base64. Stories: (first publication in
microseconds since the epoch, page id); records: (id, 0). Every 22-character token is a
position (a forged one just lands somewhere in the list), so the schema's pattern is the whole
contract: anything else is a malformed cursor.
"""

import base64
import struct
from datetime import UTC, datetime, timedelta
from typing import Annotated

from django.db.models import Q
from pydantic import StringConstraints

_PACK = struct.Struct(">qq")
TOKEN_LENGTH = 22
TOKEN_PATTERN = rf"^[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}$"
Token = Annotated[str, StringConstraints(pattern=TOKEN_PATTERN)]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MIN_MOMENT = datetime.min.replace(tzinfo=UTC)
_MAX_MOMENT = datetime.max.replace(tzinfo=UTC)


def encode(first, second=0):
    return base64.urlsafe_b64encode(_PACK.pack(first, second)).decode("ascii").rstrip("=")


def decode(token):
    """(first, second) from a token that matches TOKEN_PATTERN (checked by the schema)."""
    return _PACK.unpack(base64.urlsafe_b64decode(token + "=="))


def _microseconds(moment):
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _moment(microseconds):
    try:
        return _EPOCH + timedelta(microseconds=microseconds)
    except OverflowError:
        return _MAX_MOMENT if microseconds > 0 else _MIN_MOMENT


# --- stories: newest first ------------------------------------------------------------------------


def story_cursor(story):
    return encode(_microseconds(story.first_published_at), story.pk)


def stories_after(queryset, token):
    """The stories that come after the cursor in newest-first order."""
    stamp, pk = decode(token)
    moment = _moment(stamp)
    return queryset.filter(Q(first_published_at__lt=moment) | Q(first_published_at=moment, pk__lt=pk))


# --- records: by id ------------------------------------------------------------------------------------


def record_cursor(record):
    return encode(record.pk)


def records_after(queryset, token):
    pk, _ = decode(token)
    return queryset.filter(pk__gt=pk)


def page_of(queryset, limit, cursor_for):
    """(items, next cursor or None): one extra row tells whether there is a next page."""
    items = list(queryset[: limit + 1])
    if len(items) > limit:
        items = items[:limit]
        return items, cursor_for(items[-1])
    return items, None
