"""Which query parameters each public route reads (query_params.json): the rest never reach the
cache key or Django, so `?q=<random>` on a story is the story's cached copy, not a new render."""

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

DATA = Path(__file__).with_name("query_params.json")


def edition_prefix_pattern():
    """The optional edition prefix: `(?:/(?:ru|en))?` (the default edition has none)."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return f"(?:/(?:{'|'.join(others)}))?"


@cache
def routes():
    """[(name, pattern source, frozenset of params)] in the order they are tried."""
    data = json.loads(DATA.read_text())
    prefix = edition_prefix_pattern()
    return [
        (route["name"], route["path"].replace("{edition}", prefix), frozenset(route["params"]))
        for route in data["routes"]
    ]


@cache
def _compiled():
    return [(name, re.compile(pattern), params) for name, pattern, params in routes()]


def route_of(path):
    """(route name, allowed params) for a request path."""
    for name, pattern, params in _compiled():
        if pattern.search(path):
            return name, params
    return "other", frozenset()


def normalise(path, query_string):
    """The query string reduced to the parameters `path`'s route reads, sorted; blank values go."""
    if not query_string:
        return ""
    _name, allowed = route_of(path)
    if not allowed:
        return ""
    pairs = sorted((k, v) for k, v in parse_qsl(query_string, keep_blank_values=False) if k in allowed)
    return urlencode(pairs)


# WordPress's query parameters, kept on an edition's root (query_params.json) only so an old
# address (`/?p=123`) can be looked up (vistka.delivery.redirects).
OLD_ADDRESS_PARAMS = frozenset({"p", "page_id", "cat", "tag", "author", "feed", "attachment_id", "m"})


def asks_old_address(path, query_string):
    """Whether the request names an old WordPress address by its parameters."""
    if not query_string:
        return False
    _name, allowed = route_of(path)
    if not allowed & OLD_ADDRESS_PARAMS:
        return False
    return any(key in OLD_ADDRESS_PARAMS for key, _value in parse_qsl(query_string, keep_blank_values=False))
