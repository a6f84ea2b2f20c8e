"""Cursor pagination for story lists: stable while new stories are being published.

A cursor names the last story shown ("<microseconds since epoch>-<page id>"); the next page
holds the stories published before it. No COUNT(*), so it stays fast at a million stories.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q
from django.http import Http404

PAGE_SIZE = 30


@dataclass
class CursorPage:
    items: list
    next_cursor: str | None


def encode(story):
    stamp = int(story.first_published_at.timestamp() * 1_000_000)
    return f"{stamp}-{story.pk}"


def decode(value):
    try:
        stamp, pk = value.split("-", 1)
        moment = datetime.fromtimestamp(int(stamp) / 1_000_000, tz=UTC)
        pk = int(pk)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        return moment, pk
    except (ValueError, OverflowError, OSError) as error:
        raise Http404("Malformed cursor") from error


def paginate(queryset, before=None, size=PAGE_SIZE):
    """`queryset` must be ordered newest first (first_published_at, then pk, descending)."""
    queryset = queryset.order_by("-first_published_at", "-pk")
    if before:
        moment, pk = decode(before)
        queryset = queryset.filter(Q(first_published_at__lt=moment) | Q(first_published_at=moment, pk__lt=pk))
    items = list(queryset[: size + 1])
    next_cursor = encode(items[size - 1]) if len(items) > size else None
    return CursorPage(items=items[:size], next_cursor=next_cursor)
