"""The story listings: kind, section, authors, edition and workflow state as columns and filters,
only what the user may see, and no query per row."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    archive_for,
)
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticleAuthor

LISTING = "/admin/stories/"


def with_authors(page, *authors):
    for i, author in enumerate(authors):
        ArticleAuthor.objects.create(page=page, author=author, sort_order=i)
    return page


@pytest.fixture
def desk(db):
    reporter = make_staff("desk-reporter", (roles.REPORTERS, "uk"))
    editor = make_staff("desk-editor", (roles.EDITORS, "uk"))
    economy = SectionFactory(name="Економіка")
    war = SectionFactory(name="Війна")
    olena, taras = AuthorFactory(name="Олена Коваль"), AuthorFactory(name="Тарас Мельник")
    stories = {
        "live": with_authors(
            ArticlePageFactory(title="Гривня зміцнилася", kind=Kind.NEWS, section=economy), olena
        ),
        "explainer": with_authors(
            ArticlePageFactory(title="Як працює ППО", kind=Kind.EXPLAINER, section=war), olena, taras
        ),
        "draft": ArticlePageFactory(title="Чернетка про бюджет", state="draft", section=economy),
        "scheduled": ArticlePageFactory(
            title="Вранішній огляд", state="scheduled", published_at=timezone.now() + timedelta(hours=3)
        ),
        "review": ArticlePageFactory(title="Обстріл Харкова", state="draft", section=war),
        "en_draft": ArticlePageFactory(title="Hidden English draft", edition="en", state="draft"),
    }
    stories["review"].get_workflow().start(stories["review"], reporter)
    live = stories["live"]
    live.title = "Гривня зміцнилася ще більше"
    live.save_revision(user=editor)
    return {
        "reporter": reporter,
        "editor": editor,
        "economy": economy,
        "war": war,
        "olena": olena,
        "taras": taras,
        **stories,
    }


def rows(response):
    assert response.status_code == 200
    return {page.pk: page for page in response.context["object_list"]}


def cells(response, page):
    """The text of each cell of the page's row, as rendered."""
    import re

    html = response.content.decode()
    start = html.index(f'data-object-id="{page.pk}"') if f'data-object-id="{page.pk}"' in html else None
    assert start is not None, f"row of {page} not found"
    row = html[start : html.index("</tr>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))


@pytest.mark.django_db
def test_the_listing_shows_kind_section_authors_edition_and_state(desk):
    response = client_for(desk["editor"]).get(LISTING)
    listed = rows(response)
    assert desk["en_draft"].pk not in listed

    explainer = cells(response, desk["explainer"])
    assert "Пояснюємо" in explainer
    assert "Війна" in explainer
    assert "Олена Коваль, Тарас Мельник" in explainer
    assert "Українська" in explainer
    assert "Опубліковано" in explainer and "новіша чернетка" not in explainer

    assert "На перевірці: " in cells(response, desk["review"])
    assert "Заплановано" in cells(response, desk["scheduled"])
    assert "Чернетка" in cells(response, desk["draft"])
    assert "Опубліковано, є новіша чернетка" in cells(response, desk["live"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "explainer"}, {"explainer"}),
        ({"state": "in_review"}, {"review"}),
        ({"state": "scheduled"}, {"scheduled"}),
        ({"state": "draft"}, {"draft"}),
        ({"state": "live_with_changes"}, {"live"}),
        ({"state": ["live", "live_with_changes"]}, {"live", "explainer"}),
        ({"section": "economy"}, {"live", "draft"}),
        ({"author": "taras"}, {"explainer"}),
        ({"author": ["olena", "taras"]}, {"live", "explainer"}),
        ({"locale": "en"}, set()),
    ],
)
def test_the_listing_filters(desk, params, expected):
    records = {"section", "author"}  # named by fixture key, sent as ids
    query = {
        key: [desk[v].pk if key in records else v for v in (value if isinstance(value, list) else [value])]
        for key, value in params.items()
    }
    listed = rows(client_for(desk["editor"]).get(LISTING, query))
    assert set(listed) == {desk[name].pk for name in expected}


@pytest.mark.django_db
def test_a_reporter_sees_only_their_editions_drafts(desk):
    translator = make_staff("desk-translator", (roles.TRANSLATORS, "en"))
    assert desk["en_draft"].pk in rows(client_for(translator).get(LISTING))
    assert desk["en_draft"].pk not in rows(client_for(desk["reporter"]).get(LISTING))
    assert desk["en_draft"].pk not in rows(client_for(desk["reporter"]).get(LISTING, {"locale": "en"}))


@pytest.mark.django_db
def test_the_archive_explorer_has_the_story_columns_and_filters(desk):
    client = client_for(desk["editor"])
    response = client.get(f"/admin/pages/{archive_for('uk').pk}/")
    assert desk["explainer"].pk in rows(response)
    assert "Олена Коваль, Тарас Мельник" in cells(response, desk["explainer"])
    assert "На перевірці: " in cells(response, desk["review"])
    filtered = rows(client.get(f"/admin/pages/{archive_for('uk').pk}/", {"state": "in_review"}))
    assert set(filtered) == {desk["review"].pk}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.context["object_list"])


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["flat", "explorer"])
def test_the_number_of_queries_does_not_grow_with_the_rows(desk, url):
    url = LISTING if url == "flat" else f"/admin/pages/{archive_for('uk').pk}/"
    client = client_for(desk["editor"])
    # Each kind of row already there: checks made once per task (is the editor in its group?)
    # are then in both counts.
    desk["explainer"].get_workflow().start(desk["explainer"], desk["reporter"])
    client.get(url)  # caches warmed (content types, permissions of the session)
    few, few_rows = count_queries(client, url)
    for i in range(8):
        story = ArticlePageFactory(section=desk["war"], state="draft" if i % 2 else "published")
        with_authors(story, desk["olena"], desk["taras"])
        if i % 3 == 0:
            story.get_workflow().start(story, desk["reporter"])
    many, many_rows = count_queries(client, url)
    assert many_rows == few_rows + 8
    assert many == few, f"{few} queries for {few_rows} rows, {many} for {many_rows}"
