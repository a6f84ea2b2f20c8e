"""The public address of a story: /{prefix}{root}/{yyyy}/{mm}/{dd}/{story-number}/.

The date is the first publication in Kyiv time; the root comes from the kind; the prefix from
the edition. Anything else is a 404 (never a 500), and a non-padded date is a 301 to the
canonical address. The address never changes once the story has been published.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from vistka.newsroom.tests.helpers import client_for, edit_form_data, edit_url, make_staff, rolled_back
from vistka.stories.factories import ArticlePageFactory, locale
from vistka.stories.kinds import URL_ROOTS, Kind
from vistka.stories.models import ArticlePage

PUBLISHED = datetime(2025, 5, 28, 9, 0, tzinfo=UTC)  # 12:00 in Kyiv
LATE_EVENING_UTC = datetime(2025, 5, 28, 23, 30, tzinfo=UTC)  # 02:30 on 29 May in Kyiv
EARLY_SPRING = datetime(2025, 3, 5, 10, 0, tzinfo=UTC)  # single-digit month and day
PREFIXES = {"uk": "/", "ru": "/ru/", "en": "/en/"}


def story(**kwargs):
    page = ArticlePageFactory(**kwargs)
    page.refresh_from_db()
    return page


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        data = {
            "by_kind": {
                (edition, kind): story(
                    edition=edition, kind=kind, published_at=PUBLISHED, title=f"{edition} {kind} headline"
                )
                for edition in PREFIXES
                for kind in Kind.values
            },
            "late": story(title="Published late in the UTC evening", published_at=LATE_EVENING_UTC),
            "spring": story(title="An early spring story", published_at=EARLY_SPRING),
            "spring_ru": story(edition="ru", title="Ранняя весна", published_at=EARLY_SPRING),
            "translated": story(
                title="A story in three editions",
                kind=Kind.EXPLAINER,
                published_at=PUBLISHED,
                translate_to=("ru", "en"),
            ),
        }
        data["news"] = data["by_kind"][("uk", Kind.NEWS)]
        yield data


# --- the canonical address ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", Kind.values)
@pytest.mark.parametrize("edition", PREFIXES)
def test_story_is_served_at_its_dated_address(client, stories, edition, kind):
    page = stories["by_kind"][(edition, kind)]
    expected = f"{PREFIXES[edition]}{URL_ROOTS[kind]}/2025/05/28/{page.story_number}/"

    response = client.get(expected)

    assert page.url == expected
    assert response.status_code == 200
    assert f"{edition} {kind} headline" in response.text


@pytest.mark.django_db
def test_the_date_is_the_day_of_first_publication_in_kyiv(client, stories):
    page = stories["late"]
    kyiv_day = f"/news/2025/05/29/{page.story_number}/"

    assert page.url == kyiv_day
    assert client.get(kyiv_day).status_code == 200
    assert client.get(f"/news/2025/05/28/{page.story_number}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("date", ["2025/3/5", "2025/03/5", "2025/3/05"])
@pytest.mark.parametrize("prefix", ["/", "/ru/"])
def test_unpadded_date_redirects_permanently_to_the_canonical_address(client, stories, date, prefix):
    page = stories["spring"] if prefix == "/" else stories["spring_ru"]
    canonical = f"{prefix}news/2025/03/05/{page.story_number}/"

    response = client.get(f"{prefix}news/{date}/{page.story_number}/")

    assert response.status_code == 301
    assert response["Location"] == canonical
    assert page.url == canonical


@pytest.mark.django_db
def test_translations_share_the_number_and_are_served_at_their_edition_prefix(client, stories):
    original = stories["translated"]
    copies = {code: original.get_translation(locale(code)) for code in PREFIXES}

    assert {copy.story_number for copy in copies.values()} == {original.story_number}
    for code, copy in copies.items():
        expected = f"{PREFIXES[code]}articles/2025/05/28/{original.story_number}/"
        response = client.get(expected)
        assert copy.url == expected
        assert response.status_code == 200, code
        assert copy.title in response.text
        # Each edition serves its own copy, not another edition's.
        others = [c.title for c in copies.values() if c.pk != copy.pk]
        assert not any(f"<h1>{title}</h1>" in response.text for title in others), code


# --- everything else is a 404, never a 500 ------------------------------------------

NOT_FOUND = {
    "wrong day": lambda s: f"/news/2025/05/27/{s['news'].story_number}/",
    "wrong month": lambda s: f"/news/2025/04/28/{s['news'].story_number}/",
    "wrong year": lambda s: f"/news/2024/05/28/{s['news'].story_number}/",
    "impossible date": lambda s: f"/news/2025/13/45/{s['news'].story_number}/",
    "zero date": lambda s: f"/news/0000/00/00/{s['news'].story_number}/",
    "wrong root (articles)": lambda s: f"/articles/2025/05/28/{s['news'].story_number}/",
    "wrong root (columns)": lambda s: f"/columns/2025/05/28/{s['news'].story_number}/",
    "wrong root (live)": lambda s: f"/live/2025/05/28/{s['news'].story_number}/",
    "unknown root": lambda s: f"/stories/2025/05/28/{s['news'].story_number}/",
    "uk story under /ru/": lambda s: f"/ru/news/2025/05/28/{s['news'].story_number}/",
    "uk story under /en/": lambda s: f"/en/news/2025/05/28/{s['news'].story_number}/",
    "en story without prefix": lambda s: f"/news/2025/05/28/{s['by_kind'][('en', 'news')].story_number}/",
    "translation under the original's root": lambda s: f"/ru/news/2025/05/28/{s['translated'].story_number}/",
    "unknown number": lambda s: f"/news/2025/05/28/{s['translated'].story_number + 10_000}/",
    "number zero": lambda s: "/news/2025/05/28/0/",
    "negative number": lambda s: "/news/2025/05/28/-1/",
    "non-numeric number": lambda s: "/news/2025/05/28/abc/",
    "twelve-digit number": lambda s: "/news/2025/05/28/999999999999/",
    "absurdly long number": lambda s: "/news/2025/05/28/" + "9" * 40 + "/",
    "number beyond bigint": lambda s: "/news/2025/05/28/99999999999999999999/",
    "five-digit year": lambda s: f"/news/20255/05/28/{s['news'].story_number}/",
    "extra segment": lambda s: f"/news/2025/05/28/{s['news'].story_number}/extra/",
    "root and year": lambda s: "/news/2025/",
    "no number": lambda s: "/news/2025/05/28/",
    "unknown language prefix": lambda s: "/xx/",
    "unsupported language": lambda s: f"/de/news/2025/05/28/{s['news'].story_number}/",
    "archive": lambda s: "/stories/",
    "archive in ru": lambda s: "/ru/stories/",
    "story by slug": lambda s: f"/stories/{s['news'].slug}/",
    "story by slug in en": lambda s: f"/en/stories/{s['by_kind'][('en', 'news')].slug}/",
    "home page slug": lambda s: "/home-uk/",
    "php probe": lambda s: "/wp-login.php",
    "dotfile probe": lambda s: "/.env",
    "cyrillic path": lambda s: "/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/",
    "encoded dot segments": lambda s: "/news/%2e%2e/%2e%2e/etc/passwd",
    "null byte": lambda s: "/news/%00/",
    "very long path": lambda s: "/" + "a/" * 400,
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", NOT_FOUND)
def test_anything_else_is_not_found(client, stories, case):
    response = client.get(NOT_FOUND[case](stories))
    assert response.status_code == 404


# --- the address never changes ----------------------------------------------------


@pytest.fixture
def editor(db):
    return client_for(make_staff("url-editor", ("Editors", "uk")))


@pytest.mark.django_db
def test_address_survives_a_change_of_kind_and_republication(client, editor):
    page = story(title="First filed as news", kind=Kind.NEWS, published_at=PUBLISHED)
    address = page.url

    response = editor.post(
        edit_url(page),
        edit_form_data(editor, page, kind=Kind.ARTICLE, title="Now an article", **{"action-publish": "1"}),
    )
    assert response.status_code == 302

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.kind == Kind.ARTICLE
    assert page.url == address == f"/news/2025/05/28/{page.story_number}/"
    served = client.get(address)
    assert served.status_code == 200
    assert "Now an article" in served.text
    assert client.get(f"/articles/2025/05/28/{page.story_number}/").status_code == 404


@pytest.mark.django_db
def test_address_survives_editing_and_republication_days_later(client, editor):
    page = story(title="The first version", published_at=PUBLISHED)
    address = page.url

    with time_machine.travel(PUBLISHED + timedelta(days=3), tick=False):
        response = editor.post(
            edit_url(page),
            edit_form_data(editor, page, title="The corrected version", **{"action-publish": "1"}),
        )
    assert response.status_code == 302

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.last_published_at == PUBLISHED + timedelta(days=3)
    assert page.first_published_at == PUBLISHED
    assert page.url == address
    served = client.get(address)
    assert served.status_code == 200
    assert "The corrected version" in served.text
