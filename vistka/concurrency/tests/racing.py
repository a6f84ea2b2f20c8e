"""Racing saves of one story through the real admin views: threads, each with its own client
and database connection, all loading the form first and posting at once."""

import threading
from dataclasses import dataclass, field

from django.db import connection, connections

from vistka.concurrency.models import RefusedSave
from vistka.core.tests.servers import copy_sqlite_database
from vistka.newsroom.tests.helpers import edit_form_data, edit_url


def thread_database_name(tmp_path):
    """The database the threads use: the test database itself, except for in-memory SQLite, whose
    shared cache fails a second writer at once instead of waiting: there, a file copy of it."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        path = tmp_path / "racing.sqlite3"
        copy_sqlite_database(path)
        return str(path)
    return None


def use_database(name):
    """In a worker thread, before its first query: connect to `name` (None: the test database)."""
    if name:
        conn = connections["default"]
        conn.settings_dict = {**conn.settings_dict, "NAME": name}


def in_thread(database, function, *args):
    """Run `function` in a thread of its own with its own connection; return its result."""
    result = {}

    def run():
        try:
            use_database(database)
            result["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 (handed back to the test thread)
            result["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    if "error" in result:
        raise result["error"]
    return result["value"]


@dataclass
class RaceOutcome:
    statuses: dict = field(default_factory=dict)  # title -> HTTP status of its POST
    saved: set = field(default_factory=set)  # titles that became a revision
    refused_kept: set = field(default_factory=set)  # titles refused with their content kept
    errors: list = field(default_factory=list)

    @property
    def lost(self):
        """Saves that silently replaced a colleague's (all were based on the same revision, so
        only one may become a revision) plus saves that are in neither place."""
        missing = set(self.statuses) - self.saved - self.refused_kept
        return max(len(self.saved) - 1, 0) + len(missing)


def race(story, clients, database):
    """Every client loads the story's edit form, then all post their own title at the same moment."""
    titles = [f"Racing title {i}" for i in range(len(clients))]
    barrier = threading.Barrier(len(clients))
    outcome = RaceOutcome()

    def save(client, title):
        try:
            use_database(database)
            data = edit_form_data(client, story, title=title)
            barrier.wait(60)
            outcome.statuses[title] = client.post(edit_url(story), data).status_code
        except Exception as error:  # noqa: BLE001 (counted: the test asserts there were none)
            outcome.errors.append(repr(error))
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=pair) for pair in zip(clients, titles, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    outcome.saved, outcome.refused_kept = in_thread(database, where_saves_went, story.pk, set(titles))
    return outcome


def where_saves_went(page_id, titles):
    from wagtail.models import Revision

    saved = set()
    for content in Revision.page_revisions.filter(object_id=str(page_id)).values_list("content", flat=True):
        if content.get("title") in titles:
            saved.add(content["title"])
    refused = {
        item.content["title"]
        for item in RefusedSave.objects.filter(page_id=page_id)
        if item.content and item.content.get("title") in titles
    }
    return saved, refused
