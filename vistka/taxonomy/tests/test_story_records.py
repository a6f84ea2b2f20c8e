"""A story form that names another edition's author, tag or source by a typed-in id (the choosers
never offer one) is refused: a Ukrainian story cannot take a Russian byline. Records of the
story's edition are accepted, and those a story already had stay editable."""

import pytest

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import (
    add_url,
    client_for,
    edit_form_data,
    edit_url,
    make_staff,
    story_form_data,
)
from vistka.stories.factories import ArticlePageFactory, AuthorFactory, SourceFactory, TagFactory
from vistka.stories.models import ArticlePage
from vistka.taxonomy.tests.records_helpers import denied


@pytest.fixture
def editor_uk(db):
    return make_staff("editor-uk", (roles.EDITORS, "uk"))


@pytest.mark.django_db
@pytest.mark.parametrize("record", ["author", "tag", "source"])
def test_a_new_story_cannot_take_another_editions_record(editor_uk, record):
    ours = {"author": AuthorFactory, "tag": TagFactory, "source": SourceFactory}[record](edition="uk")
    theirs = {"author": AuthorFactory, "tag": TagFactory, "source": SourceFactory}[record](edition="ru")
    client = client_for(editor_uk)

    def form(chosen, title):
        if record == "source":
            body = [("source", {"source": chosen, "note": ""}), ("paragraph", "<p>Текст.</p>")]
            return story_form_data(title=title, body=body)
        return story_form_data(title=title, **{f"{record}s": [chosen]})

    assert denied(client.post(add_url("uk"), form(theirs, "Чужий запис")))
    assert not ArticlePage.objects.filter(title="Чужий запис").exists()
    assert client.post(add_url("uk"), form(ours, "Свій запис")).status_code == 302
    assert ArticlePage.objects.filter(title="Свій запис").exists()


@pytest.mark.django_db
def test_an_edited_story_cannot_swap_in_another_editions_author_but_keeps_its_own(editor_uk):
    ours, theirs = AuthorFactory(edition="uk"), AuthorFactory(edition="ru")
    story = ArticlePageFactory(edition="uk", authors=[ours], state="draft")
    client = client_for(editor_uk)
    data = edit_form_data(client, story)
    key = next(k for k in data if k.startswith("story_authors-") and k.endswith("-author"))

    assert client.post(edit_url(story), data).status_code == 302  # unchanged: accepted
    data[key] = str(theirs.pk)
    assert denied(client.post(edit_url(story), data))
    latest = story.get_latest_revision_as_object()
    assert [link.author_id for link in latest.story_authors.all()] == [ours.pk]
