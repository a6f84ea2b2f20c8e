"""What a refused save keeps, and for how long: never the CSRF token or the pressed button, and
merged or dismissed ones are deleted after REFUSED_SAVE_RETENTION_DAYS (open ones are kept)."""

import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from vistka.concurrency import retention
from vistka.concurrency.models import RefusedSave
from vistka.newsroom import roles
from vistka.newsroom.management.commands.run_scheduler import run_once
from vistka.newsroom.tests.helpers import client_for, edit_form_data, edit_url, make_staff
from vistka.stories.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_a_refused_save_keeps_neither_the_csrf_token_nor_the_action(reporter_uk):
    story = ArticlePageFactory(draft=True, title="The first title")
    colleague = make_staff("reporter-uk-2", (roles.REPORTERS, "uk"))
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, story, title="My better title")
    my_form.update({"csrfmiddlewaretoken": "a-session-credential", "action-submit": "1"})
    theirs.post(edit_url(story), edit_form_data(theirs, story, lead="Their new lead."))

    assert mine.post(edit_url(story), my_form).status_code == 200

    kept = RefusedSave.objects.get(user=reporter_uk).form_data
    assert kept["title"] == ["My better title"]
    assert "csrfmiddlewaretoken" not in kept
    assert not [key for key in kept if key.startswith("action-")]


def refused(story, user, resolved_days_ago):
    row = RefusedSave.objects.create(page=story, user=user, action="save", content={})
    if resolved_days_ago is not None:
        row.resolved_at = timezone.now() - timedelta(days=resolved_days_ago)
        row.save(update_fields=["resolved_at"])
    return row


@pytest.fixture
def rows(reporter_uk):
    story = ArticlePageFactory(draft=True)
    return {
        "old_resolved": refused(story, reporter_uk, 31),
        "recent_resolved": refused(story, reporter_uk, 29),
        "old_open": refused(story, reporter_uk, None),
    }


def left(rows):
    return {name for name, row in rows.items() if RefusedSave.objects.filter(pk=row.pk).exists()}


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_deletes_resolved_refused_saves_past_retention(rows, settings):
    """Transactional: run_scheduler closes old connections, as a long-running worker must, which
    on PostgreSQL closed the connection under a test wrapped in a transaction."""
    RefusedSave.objects.filter(pk=rows["old_open"].pk).update(created_at=timezone.now() - timedelta(days=400))
    settings.REFUSED_SAVE_RETENTION_DAYS = 30
    retention._last_purge.clear()
    sigterm_handler = signal.getsignal(signal.SIGTERM)

    try:
        run_once()  # a pass of run_scheduler
    finally:
        signal.signal(signal.SIGTERM, sigterm_handler)  # run_scheduler installs its own

    assert left(rows) == {"recent_resolved", "old_open"}


def test_the_command_deletes_resolved_refused_saves_older_than_asked(rows, capsys):
    call_command("purge_refused_saves", "--days", "10")

    assert left(rows) == {"old_open"}
    assert "deleted 2" in capsys.readouterr().out
