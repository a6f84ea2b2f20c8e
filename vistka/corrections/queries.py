"""Corrections waiting in an edition, for the dashboard and the story's edit view."""

from wagtail.models import Locale

from vistka.corrections.models import CorrectionToCarry


def open_flags(page):
    return CorrectionToCarry.objects.filter(translation_id=page.pk, cleared_at=None).order_by("made_at")


def stories_with_corrections_to_carry(locale):
    """The stories of an edition (a Locale or its language code) with a correction of another
    edition still to carry over. Callers show them only to that edition's staff."""
    from vistka.stories.models import ArticlePage

    if isinstance(locale, str):
        locale = Locale.objects.get(language_code=locale)
    waiting = CorrectionToCarry.objects.filter(cleared_at=None).values("translation_id")
    return ArticlePage.objects.filter(locale=locale, pk__in=waiting)
