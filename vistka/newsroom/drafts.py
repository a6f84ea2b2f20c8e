"""Drafts that do not clutter the newsroom.

Wagtail 8 autosaves the "new page" form: its first autosave (a JSON POST to the add view) creates
the page, and with it the story's number. A reporter who opens "New news item", types a few
letters and leaves would leave a numbered, listed draft behind. So:

- an autosave of a new story creates it only once the story has *real content*: a headline and at
  least MIN_OWN_WORDS words of the reporter's own in the lead or the body (the house structure's
  empty blocks and labels do not count). Until then the autosave is declined (the footer says why
  and how to keep the story now); a deliberate "Save draft", "Submit" or "Publish" always saves.
- drafts that only the autosave ever wrote (vistka.newsroom.models.AutosavedRevision), never got
  real content, were never published, are in no review, have no approved schedule, no lock, no
  lead image and no translation are deleted once untouched for ABANDONED_DRAFT_HOURS (the
  scheduler, hourly; `manage.py purge_abandoned_drafts`). Stories autosaved before the marks
  existed are kept: there is no telling whether someone saved them on purpose.
"""

import logging
import re
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Revision

from vistka.stories.models import ArticlePage

logger = logging.getLogger("vistka.newsroom.drafts")

MIN_OWN_WORDS = 3
WORD = re.compile(r"\w+")
DEFAULT_ABANDONED_DRAFT_HOURS = 48
CHECK_SECONDS = 3600
PURGE_BATCH = 200  # stories looked at per pass
_last_purge = []  # monotonic time of this worker's last purge


# --- real content -----------------------------------------------------------------------------


def _body_strings(body):
    block = ArticlePage._meta.get_field("body").stream_block
    return [str(text) for text in block.get_searchable_content(body)]


def _own_body_strings(body):
    """The body's text without what every new story starts with (the house structure's labels)."""
    own = Counter(_body_strings(body))
    own.subtract(Counter(_body_strings(ArticlePage().body)))
    return [text for text, count in own.items() for _ in range(max(count, 0))]


def has_real_content(title, lead, body):
    """A headline and at least MIN_OWN_WORDS words of one's own in the lead or the body."""
    if not WORD.search(title or ""):
        return False
    words = len(WORD.findall(lead or ""))
    for text in _own_body_strings(body):
        if words >= MIN_OWN_WORDS:
            break
        words += len(WORD.findall(text))
    return words >= MIN_OWN_WORDS


def posted_story_has_content(data, files):
    """has_real_content() of an add form's POST data (read as the form would read the body)."""
    block = ArticlePage._meta.get_field("body").stream_block
    try:
        body = block.value_from_datadict(data, files, "body")
    except (KeyError, ValueError, TypeError):
        return True  # malformed: not ours to decline, Wagtail's form reports it
    return has_real_content(data.get("title", ""), data.get("lead", ""), body)


# --- autosave of a new story --------------------------------------------------------------------


def is_autosave(request):
    """Wagtail's autosave: a POST that asks for JSON and names no action (save, submit, publish
    buttons add action-*; the autosave sends the form without a submitter)."""
    return (
        request.method == "POST"
        and not request.accepts("text/html")
        and not any(key.startswith("action-") for key in request.POST)
    )


def declined_autosave(request, page_class):
    """The JSON answer that keeps a new story unsaved, or None to let Wagtail create it."""
    if not issubclass(page_class, ArticlePage) or not is_autosave(request):
        return None
    if posted_story_has_content(request.POST, request.FILES):
        return None
    message = ngettext(
        "Autosave starts once the story has a headline and at least %(count)d word of lead or "
        "text. To keep it now, choose “Save draft”.",
        "Autosave starts once the story has a headline and at least %(count)d words of lead or "
        "text. To keep it now, choose “Save draft”.",
        MIN_OWN_WORDS,
    ) % {"count": MIN_OWN_WORDS}
    # "validation_error" is a code Wagtail's autosave shows (paused, with this text) and retries
    # at the next change; any other code would read "A server error occurred".
    return JsonResponse(
        {"success": False, "error_code": "validation_error", "error_message": message}, status=400
    )


# --- abandoned drafts ---------------------------------------------------------------------------


def abandoned_hours():
    return float(getattr(settings, "ABANDONED_DRAFT_HOURS", DEFAULT_ABANDONED_DRAFT_HOURS))


def note_autosave(request, page):
    """after_create_page / after_edit_page: remember a revision the autosave wrote; a person's own
    save (which may overwrite an autosaved revision in place) takes the mark off."""
    from vistka.newsroom.models import AutosavedRevision

    revision_id = page.latest_revision_id
    if revision_id is None:
        return
    if is_autosave(request):
        AutosavedRevision.objects.get_or_create(revision_id=revision_id)
    else:
        AutosavedRevision.objects.filter(revision_id=revision_id).delete()


def only_autosaved(page):
    """Every revision of the story was written by the autosave: nobody ever chose to keep it."""
    from vistka.newsroom.models import AutosavedRevision

    marked = AutosavedRevision.objects.values("revision_id")
    return not page.revisions.exclude(pk__in=marked).exists()


def is_abandoned(page):
    """Never published, in no review, no approved schedule, no lock, no translation, only ever
    autosaved by its owner (a story someone saved, submitted or published is never deleted, however thin), and
    no real content in its latest version (the caller has checked its age)."""
    if page.live or page.first_published_at or page.scheduled_revision is not None:
        return False
    if page.current_workflow_state is not None:  # in review or sent back: someone works on it
        return False
    if page.locked or ArticlePage.objects.filter(translation_key=page.translation_key).count() > 1:
        return False
    if not only_autosaved(page):
        return False
    # Only the owner's own autosaves: a colleague who may edit but not delete the story could
    # otherwise empty it with one autosave and let the clean-up delete it for them.
    if page.revisions.exclude(user_id=page.owner_id).exists():
        return False
    latest = page.get_latest_revision_as_object()
    if getattr(latest, "lead_image_id", None):
        return False
    return not has_real_content(latest.title, latest.lead, latest.body)


def abandoned_drafts(now=None, hours=None):
    cutoff = (now or timezone.now()) - timedelta(hours=abandoned_hours() if hours is None else hours)
    candidates = (
        ArticlePage.objects.filter(
            live=False,
            first_published_at__isnull=True,
            latest_revision_created_at__lt=cutoff,
        )
        .filter(Exists(_revisions(marked=True)))
        .exclude(Exists(_revisions(marked=False)))
        .order_by("pk")
    )
    # In SQL first: only stories with autosaved revisions and no other (a few), then the checks
    # that read each one; bounded per pass so the scheduler's publishing never waits long.
    return [page for page in candidates[:PURGE_BATCH] if is_abandoned(page)]


def _revisions(marked):
    """The story's revisions (OuterRef) that the autosave wrote, or that a person did."""
    from vistka.newsroom.models import AutosavedRevision

    revisions = Revision.page_revisions.filter(object_id=Cast(OuterRef("pk"), CharField()))
    autosaved = Exists(AutosavedRevision.objects.filter(revision_id=OuterRef("pk")))
    return revisions.filter(autosaved) if marked else revisions.exclude(autosaved)


def purge_abandoned(now=None, hours=None):
    """Deletes abandoned empty drafts (Wagtail's delete action: logged as wagtail.delete);
    returns how many."""
    hours = abandoned_hours() if hours is None else hours
    if hours <= 0:
        return 0
    deleted = 0
    for page in abandoned_drafts(now, hours):
        DeletePageAction(page).execute(skip_permission_checks=True)
        logger.info("deleted abandoned empty draft %s (story %s)", page.pk, page.story_number)
        deleted += 1
    return deleted


def purge_abandoned_when_due():
    """For the scheduler's pass: purge_abandoned() at most once an hour per worker."""
    now = time.monotonic()
    if _last_purge and now - _last_purge[-1] < CHECK_SECONDS:
        return 0
    _last_purge[:] = [now]
    return purge_abandoned()
