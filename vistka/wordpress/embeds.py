"""Which addresses become an embed block (the providers are data: embed_providers.json)."""

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROVIDERS_FILE = Path(__file__).with_name("embed_providers.json")


@cache
def providers():
    data = json.loads(PROVIDERS_FILE.read_text(encoding="utf-8"))
    return [
        {
            "name": item["name"],
            "hosts": set(item["hosts"]),
            "paths": [re.compile(pattern) for pattern in item["paths"]],
            "player": [(re.compile(pattern), target) for pattern, target in item["player"]],
        }
        for item in data["providers"]
    ]


def _split(url):
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None, ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None, ""
    path = parts.path or "/"
    return parts.hostname.lower(), path + (f"?{parts.query}" if parts.query else "")


def provider_of(url):
    """The provider's name when `url` is a post or video page one of them embeds, else None."""
    host, path = _split(url or "")
    if host is None:
        return None
    for provider in providers():
        if host in provider["hosts"] and any(pattern.search(path) for pattern in provider["paths"]):
            return provider["name"]
    return None


def page_url(url):
    """The embeddable page address for `url`: itself when it is one, the page a known player
    (an iframe's src) shows, or None."""
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    if provider_of(url):
        return url
    host, path = _split(url)
    if host is None:
        return None
    for provider in providers():
        if host not in provider["hosts"]:
            continue
        for pattern, target in provider["player"]:
            found = pattern.search(path)
            if found:
                candidate = target.format(unquote(found.group(1)))
                return candidate if provider_of(candidate) else None
    return None
