"""A small site to back up, its reader pages as bytes, and wiping it as an operator's disaster would."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.test import Client

from vistka.delivery import fastpath
from vistka.reader.tests.builders import build_edition, rich_story

# Headers that differ between two renders of the same data.
VOLATILE_HEADERS = {"date", "x-request-id", "x-vistka-render-ms", "server-timing"}


def build_site():
    """The uk edition with a story of every kind, a rich story with real images, and their pages."""
    edition = build_edition("uk")
    story = rich_story(section=edition["section"])
    return [
        "/",
        story.url,
        edition["stories"]["news"].url,
        f"/sections/{edition['section'].slug}/",
        f"/tags/{edition['tag'].slug}/",
        "/rss/",
        "/sitemap.xml",
        "/sitemaps/pages.xml",
        "/en/",
    ]


def forget_rendered():
    for alias in settings.CACHES:
        caches[alias].clear()
    fastpath.STORE.reset()


def render(paths):
    """{path: (status, headers without volatile ones, body)} as a reader gets them."""
    forget_rendered()
    client, pages = Client(), {}
    for path in paths:
        response = client.get(path)
        headers = {k.lower(): v for k, v in response.headers.items() if k.lower() not in VOLATILE_HEADERS}
        pages[path] = (response.status_code, headers, response.content)
    return pages


def media_sums():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def row_counts():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (catalogue names)
            counts[table] = cursor.fetchone()[0]
    return counts


def drop_database():
    """Every table gone, as after losing the database (the schema too, on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')")
            for kind, name in cursor.fetchall():
                if not name.startswith("sqlite_"):
                    cursor.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    connections.close_all()


def delete_media():
    import shutil

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
