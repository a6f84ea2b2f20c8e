"""When a story's correction is published, flag every other edition's version that lacks it; clear
a flag when the translation is saved with a new correction entry that carries it.

Times are compared to the minute (the form drops seconds). A version "carries" the story's
corrections when each can be paired, oldest first, with one of its own entries dated no earlier (a
translation copied from the story has the story's corrections with their own times). Corrections
older than a version itself were there to be translated when it was made, and flag nothing."""

from django.db import transaction
from django.utils import timezone
from wagtail.signals import page_published

from vistka.corrections.models import CorrectionToCarry
from vistka.corrections.signals import correction_needs_translating


def minute(time):
    return time.replace(second=0, microsecond=0)


def is_story(page):
    from vistka.stories.models import ArticlePage

    return isinstance(page, ArticlePage)


def correction_entries(page):
    from vistka.stories.models import Correction

    return [entry for entry in page.corrections.all() if entry.type == Correction.Type.CORRECTION]


def entry_minutes(page):
    return sorted(minute(entry.made_at) for entry in correction_entries(page))


def carried_copies(translation):
    """Times of the translation's entries that carried another edition's correction."""
    return set(
        CorrectionToCarry.objects.filter(
            translation_id=translation.pk, carried_as_made_at__isnull=False
        ).values_list("carried_as_made_at", flat=True)
    )


def began_at(page):
    first = page.revisions.order_by("created_at").values_list("created_at", flat=True).first()
    return first or page.first_published_at


def uncarried(corrections, times):
    """The corrections (oldest first) that none of `times` (a version's entries) pairs with."""
    pool = sorted(times)
    missing = []
    for correction in sorted(corrections, key=lambda entry: entry.made_at):
        match = next((time for time in pool if time >= minute(correction.made_at)), None)
        if match is None:
            missing.append(correction)
        else:
            pool.remove(match)
    return missing


def other_versions(story):
    from vistka.stories.models import ArticlePage

    return ArticlePage.objects.filter(translation_key=story.translation_key).exclude(
        locale_id=story.locale_id
    )


def flag_translations(story, actor=None):
    """Flag each other edition's version for each of the story's corrections it lacks; [flags]."""
    corrections = correction_entries(story)
    if not corrections:
        return []
    copies = carried_copies(story)
    corrections = [entry for entry in corrections if minute(entry.made_at) not in copies]
    flagged = []
    for version in other_versions(story):
        since = began_at(version)
        times = entry_minutes(version.get_latest_revision_as_object())
        for correction in uncarried(corrections, times):
            if since and correction.made_at <= since:
                continue
            flag, created = CorrectionToCarry.objects.get_or_create(
                translation_id=version.pk,
                source_correction_id=correction.pk,
                defaults={
                    "source_id": story.pk,
                    "made_at": correction.made_at,
                    "note": correction.note,
                    "entries_then": [time.isoformat() for time in times],
                },
            )
            if created:
                flagged.append((flag, version))
    for flag, version in flagged:
        transaction.on_commit(
            lambda flag=flag, version=version: correction_needs_translating.send(
                sender=CorrectionToCarry, story=version, source=story, correction=flag, actor=actor
            )
        )
    return [flag for flag, _version in flagged]


def without(times, taken):
    remaining = list(times)
    for time in taken:
        if time in remaining:
            remaining.remove(time)
    return remaining


def clear_carried(translation, user=None):
    """Clear the open flags that entries added to the translation since carry; [cleared flags]."""
    flags = list(
        CorrectionToCarry.objects.filter(translation_id=translation.pk, cleared_at=None).order_by("made_at")
    )
    if not flags:
        return []
    current = without(entry_minutes(translation.get_latest_revision_as_object()), carried_copies(translation))
    cleared = []
    for flag in flags:
        then = [minute(timezone.datetime.fromisoformat(time)) for time in flag.entries_then]
        added = without(current, then)
        if not added:
            continue
        match = added[-1]
        current.remove(match)
        flag.cleared_at = timezone.now()
        flag.cleared_how = CorrectionToCarry.Cleared.CARRIED
        flag.cleared_by = user if user is not None and user.is_authenticated else None
        flag.carried_as_made_at = match
        flag.save(update_fields=["cleared_at", "cleared_how", "cleared_by", "carried_as_made_at"])
        cleared.append(flag)
    return cleared


def mark_done(flag, user):
    flag.cleared_at = timezone.now()
    flag.cleared_how = CorrectionToCarry.Cleared.DONE
    flag.cleared_by = user
    flag.save(update_fields=["cleared_at", "cleared_how", "cleared_by"])


def on_page_published(sender, instance, revision=None, **kwargs):
    if not is_story(instance):
        return
    actor = getattr(revision, "user", None)
    clear_carried(instance, actor)
    flag_translations(instance, actor)


def connect():
    page_published.connect(on_page_published, dispatch_uid="vistka_corrections_on_page_published")
