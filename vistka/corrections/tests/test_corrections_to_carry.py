"""A correction published on one edition's story flags the other editions' versions for their
translators, until a save carries it over (or it is marked done); only that edition's staff see it."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from vistka.corrections.models import CorrectionToCarry
from vistka.corrections.queries import stories_with_corrections_to_carry
from vistka.corrections.signals import correction_needs_translating
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, edit_form_data, edit_url, make_staff
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import Correction

pytestmark = pytest.mark.django_db

NOTE = "Раніше помилково вказано, що міст відкрили 5 грудня."


@pytest.fixture
def story():
    return ArticlePageFactory(title="Міст відкрили", translate_to=("en",), correction_note="Old correction.")


def english(story):
    return story.get_translation(Locale.objects.get(language_code="en")).specific


def correct(story, note=NOTE, user=None):
    """A correction entry added and published, as the uk editor does."""
    story = story.get_latest_revision_as_object()
    story.corrections.add(Correction(note=note, made_at=timezone.now()))
    story.save_revision(user=user).publish()


@pytest.fixture
def told():
    heard = []

    def receiver(sender, story, source, correction, actor, **kwargs):
        heard.append((story.pk, source.pk, correction.note))

    correction_needs_translating.connect(receiver)
    yield heard
    correction_needs_translating.disconnect(receiver)


def carry(client, translation, note="Earlier we wrongly said the bridge opened on 5 December."):
    """The translator adds a correction entry to the translation's form and saves a draft."""
    data = edit_form_data(client, translation)
    n = int(data["corrections-TOTAL_FORMS"])
    data.update(
        {
            "corrections-TOTAL_FORMS": str(n + 1),
            f"corrections-{n}-type": "correction",
            f"corrections-{n}-made_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            f"corrections-{n}-note": note,
            f"corrections-{n}-ORDER": str(n + 1),
            f"corrections-{n}-DELETE": "",
            f"corrections-{n}-id": "",
        }
    )
    return client.post(edit_url(translation), data)


def test_a_published_correction_flags_each_translation_once(
    story, editor_uk, told, django_capture_on_commit_callbacks
):
    en = english(story)
    with django_capture_on_commit_callbacks(execute=True):
        correct(story, user=editor_uk)
    flag = CorrectionToCarry.objects.get()
    assert (flag.translation_id, flag.source_id, flag.note) == (en.pk, story.pk, NOTE)
    assert told == [(en.pk, story.pk, NOTE)]
    assert list(stories_with_corrections_to_carry("en")) == [en]
    assert list(stories_with_corrections_to_carry("uk")) == []

    with django_capture_on_commit_callbacks(execute=True):
        story.get_latest_revision().publish()  # published again: nothing new
    assert CorrectionToCarry.objects.count() == 1 and len(told) == 1


def test_corrections_older_than_the_translation_flag_nothing(story):
    story.get_latest_revision().publish()
    assert not CorrectionToCarry.objects.exists()


def test_the_translator_sees_the_flag_and_a_save_that_carries_it_clears_it(story, translator_en):
    correct(story)
    en = english(story)
    client = client_for(translator_en)
    page = client.get(edit_url(en)).content.decode()
    assert (
        NOTE in page and reverse("corrections:to_carry", args=(CorrectionToCarry.objects.get().pk,)) in page
    )

    assert carry(client, en).status_code == 302

    flag = CorrectionToCarry.objects.get()
    assert flag.cleared_how == "carried" and flag.cleared_by == translator_en
    assert list(stories_with_corrections_to_carry("en")) == []
    # Publishing the translation with its carried copy does not flag the original back.
    english(story).get_latest_revision().publish()
    assert CorrectionToCarry.objects.count() == 1


def test_a_save_without_the_correction_keeps_the_flag(story, translator_en):
    correct(story)
    client = client_for(translator_en)
    en = english(story)
    assert client.post(edit_url(en), edit_form_data(client, en, lead="A new lead.")).status_code == 302
    assert CorrectionToCarry.objects.get().cleared_at is None


def test_only_the_translations_edition_staff_see_or_clear_the_flag(story, translator_en, editor_uk):
    correct(story)
    flag = CorrectionToCarry.objects.get()
    url = reverse("corrections:to_carry", args=(flag.pk,))
    other_edition = client_for(editor_uk)
    assert other_edition.get(url).status_code == 404
    assert other_edition.post(url).status_code == 404
    assert url not in other_edition.get(edit_url(english(story))).content.decode()
    assert CorrectionToCarry.objects.get().cleared_at is None

    translator = client_for(translator_en)
    assert NOTE in translator.get(url).content.decode()
    assert translator.post(url).status_code == 302
    flag.refresh_from_db()
    assert flag.cleared_how == "done" and flag.cleared_by == translator_en
    assert translator.get(url).status_code == 404  # cleared: nothing left to mark


def test_a_correction_in_the_english_edition_flags_the_ukrainian_original(story):
    russian = make_staff("translator-ru-x", (roles.TRANSLATORS, "ru"))  # another edition's staff
    correct(english(story), note="Corrected the bridge's length.")
    flag = CorrectionToCarry.objects.get()
    assert flag.translation_id == story.pk and flag.source_id == english(story).pk
    assert client_for(russian).get(reverse("corrections:to_carry", args=(flag.pk,))).status_code == 404


def test_the_translations_translators_are_notified(
    story, editor_uk, translator_en, django_capture_on_commit_callbacks
):
    from vistka.notifications.kinds import CORRECTION_TO_TRANSLATE
    from vistka.notifications.models import Notification

    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        correct(story, user=editor_uk)
    told = Notification.objects.filter(kind=CORRECTION_TO_TRANSLATE)
    assert [(n.recipient, n.page_id) for n in told] == [(translator_en, english(story).pk)]
