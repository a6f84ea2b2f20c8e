"""Ids typed with padding or a sign ("+9", " 9", "9 ") are read as Django's form fields read them:
another edition's draft, author or source chosen that way is refused like a plain id (found by a
security review: the checks counted only pure digits while the form saved the rest)."""

import pytest
from wagtail.test.utils.form_data import nested_form_data

from vistka.core.ids import posted_id
from vistka.newsroom.tests.helpers import add_url, reporter_client, reporter_uk, story_form_data  # noqa: F401
from vistka.newsroom.tests.page_fixtures import story
from vistka.newsroom.tests.test_page_security import with_read_also
from vistka.stories.factories import AuthorFactory, SourceFactory
from vistka.stories.models import ArticlePage

TYPED = ["{pk}", " {pk}", "+{pk}", "{pk} "]


def test_posted_ids_are_read_as_form_fields_read_them():
    assert [posted_id(v) for v in ("9", " 9", "+9", "9 ", "0", "-3", "9.0", "x", "", None)] == [
        9,
        9,
        9,
        9,
        None,
        None,
        None,
        None,
        None,
        None,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", TYPED)
def test_another_editions_draft_is_not_chosen_by_a_padded_id(reporter_client, typed):  # noqa: F811
    draft = story("colleague", "en")
    title = f"Linker {typed!r}"
    reporter_client.post(
        add_url("uk"), with_read_also(story_form_data(title=title), typed.format(pk=draft.pk))
    )
    page = ArticlePage.objects.filter(title=title).first()
    if page is not None:
        html = reporter_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert draft.draft_title not in html


@pytest.mark.django_db
@pytest.mark.parametrize("typed", TYPED)
def test_another_editions_author_is_not_chosen_by_a_padded_id(reporter_client, typed):  # noqa: F811
    author = AuthorFactory(edition="en", name="Secret En Author")
    title = f"Byline {typed!r}"
    data = story_form_data(title=title)
    authors = {"TOTAL_FORMS": "1", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}
    authors["0"] = {"author": typed.format(pk=author.pk), "id": "", "ORDER": "1", "DELETE": ""}
    data.update(nested_form_data({"story_authors": authors}))
    reporter_client.post(add_url("uk"), data)
    page = ArticlePage.objects.filter(title=title).first()
    assert page is None or author.pk not in page.story_authors.values_list("author_id", flat=True)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", TYPED)
def test_another_editions_source_is_not_chosen_by_a_padded_id(reporter_client, typed):  # noqa: F811
    source = SourceFactory(edition="en", name="Secret En Source")
    title = f"Sourced {typed!r}"
    data = story_form_data(title=title, body=[])
    block = {"type": "source", "deleted": "", "order": "0", "id": ""}
    block["value"] = {"source": typed.format(pk=source.pk), "note": ""}
    data.update(nested_form_data({"body": {"count": "1", "0": block}}))
    reporter_client.post(add_url("uk"), data)
    page = ArticlePage.objects.filter(title=title).first()
    chosen = page and page.get_latest_revision_as_object().body[0].value["source"]
    assert page is None or chosen is None or chosen.pk != source.pk
