"""The refusal message names only the fields a colleague really changed: a body or live entry
the colleague's form sent back unchanged differs from the stored one only in serialisation
(the demo and imports escape quotes as entities, the editor does not; new block ids and keys)."""

import pytest
from django.utils.html import escape

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, edit_form_data, edit_url, make_staff
from vistka.stories.factories import ArticlePageFactory, SourceFactory, add_live_entry
from vistka.stories.kinds import Kind

pytestmark = pytest.mark.django_db

QUOTED = 'Мер сказав: «Це "наш" міст» — і це не жарт, it\'s true & more.'


@pytest.fixture
def demo_story():
    """A story as the demo newsroom writes it (vistka.demo.writer: text escaped into <p>)."""
    paragraph = f"<p>{escape(QUOTED)}</p>"
    story = ArticlePageFactory(
        draft=True,
        kind=Kind.LIVE,
        title="Міст відкрили",
        lead="Короткий лід.",
        body=[
            ("paragraph", paragraph),
            ("labelled", {"label": "details", "text": paragraph}),
            ("source", {"source": SourceFactory(edition="uk"), "note": "у Telegram"}),
        ],
    )
    add_live_entry(story, "Перше оновлення", paragraph)
    story.save_revision()
    return story


def test_only_the_headline_is_named_when_only_the_headline_changed(demo_story, reporter_uk):
    colleague = make_staff("reporter-uk-2", (roles.REPORTERS, "uk"))
    mine, theirs = client_for(reporter_uk), client_for(colleague)
    my_form = edit_form_data(mine, demo_story, lead="Лід, який я переписала.")
    their_form = edit_form_data(theirs, demo_story, title="Новий заголовок")
    assert theirs.post(edit_url(demo_story), their_form).status_code == 302

    response = mine.post(edit_url(demo_story), my_form)

    assert response.status_code == 200
    assert "Змінені ними поля: Заголовок." in response.text or "Fields they changed: Title." in response.text
