"""Search per edition on the project's story index (vistka/search: FTS5 on SQLite, a weighted
tsvector on PostgreSQL), with lemmatised morphology: any inflected form finds the others."""

from urllib.parse import quote

import pytest
from wagtail.models import PageViewRestriction

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.search import RESULTS_PER_PAGE
from vistka.reader.tests.builders import PREFIXES, at, paragraph, soup, story, text_of
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        data = {
            "uk plural": story(title="Делегації провели переговори", published_at=at(minutes=1)),
            "uk locative": story(
                title="Обмін полоненими",
                lead="Про обмін домовилися на переговорах у Стамбулі.",
                published_at=at(minutes=2),
            ),
            "uk body": story(
                title="Що відомо про зустріч",
                body=[paragraph("<p>Наступний раунд переговорів запланували на червень.</p>")],
                published_at=at(minutes=3),
            ),
            "kyiv": story(title="Київ готується до зими", published_at=at(minutes=4)),
            "ru": story(edition="ru", title="Переговоры в Стамбуле завершились", published_at=at()),
            "en talk": story(edition="en", title="A talk with the mayor", published_at=at()),
            "en negotiations": story(edition="en", title="Negotiations stall again", published_at=at()),
        }
        for code in PREFIXES:
            for minutes in (10, 30, 20):
                story(edition=code, title=f"{code} Vistkagate {minutes}", published_at=at(minutes=minutes))
        story(title="Чернетка про переговори та Vistkagate", draft=True)
        story(title="Запланована публікація про переговори та Vistkagate", scheduled=True)
        unpublished = story(title="Знята публікація про переговори та Vistkagate", published_at=at())
        unpublished.unpublish()
        private = story(title="Закрита публікація про переговори та Vistkagate", published_at=at())
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        changed = story(title="Бюджет на наступний рік", published_at=at())
        changed.title = "Таємний бюджет Vistkagate"
        changed.save_revision()
        yield data


def search(client, query, prefix="/", **params):
    url = f"{prefix}search/?q={quote(query)}" + "".join(f"&{k}={v}" for k, v in params.items())
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def found(response):
    return [text_of(a) for a in soup(response).select(".result h2 a")]


def test_stories_are_indexed_when_published_without_an_explicit_update_index(client, stories):
    """The factory publishes through Wagtail; the signal handlers index the page at once, in the
    story index and (django_tasks' immediate backend) in Wagtail's, which the admin's page search
    still uses, so no update_index or rebuild is needed."""
    fresh = story(title="Щойно опублікована новина про кавуни")

    assert ArticlePage.objects.filter(pk=fresh.pk).search("кавуни").count() == 1
    assert found(search(client, "кавуни")) == [fresh.title]


@pytest.mark.parametrize("query", ["переговорів", "переговори", "переговорах", "ПЕРЕГОВОРАМИ"])
def test_ukrainian_inflections_find_each_other(client, stories, query):
    assert sorted(found(search(client, query))) == sorted(
        [stories["uk plural"].title, stories["uk locative"].title, stories["uk body"].title]
    )


@pytest.mark.parametrize("query", ["переговоров", "переговорах", "переговоры"])
def test_russian_inflections_find_each_other(client, stories, query):
    assert found(search(client, query, prefix="/ru/")) == [stories["ru"].title]


@pytest.mark.parametrize(
    "query, story_key",
    [("talks", "en talk"), ("talk", "en talk"), ("negotiation", "en negotiations")],
)
def test_english_is_lemmatised(client, stories, query, story_key):
    assert found(search(client, query, prefix="/en/")) == [stories[story_key].title]


LATIN_K = "K"  # U+004B, looks like Cyrillic К (U+041A)


@pytest.mark.parametrize(
    "query",
    ["Київ", "Києві", f"{LATIN_K}иїв", f"{LATIN_K}ИЇВ", f"{LATIN_K}иєві"],
    ids=["uk", "uk-loc", "K1", "K2", "K3"],
)
def test_mixed_latin_and_cyrillic_look_alikes_find_the_cyrillic_word(client, stories, query):
    assert stories["kyiv"].title in found(search(client, query))


@pytest.mark.parametrize("edition", PREFIXES)
def test_results_come_from_the_searched_edition_only(client, stories, edition):
    titles = found(search(client, "Vistkagate", prefix=PREFIXES[edition]))

    assert sorted(titles) == sorted(f"{edition} Vistkagate {m}" for m in (10, 20, 30))


def test_drafts_scheduled_unpublished_private_stories_and_draft_changes_never_appear(client, stories):
    assert all(
        " Vistkagate " in f" {title} " and title.startswith("uk")
        for title in found(search(client, "Vistkagate"))
    )
    assert found(search(client, "таємний")) == []
    assert found(search(client, "чернетка")) == []


def test_order_new_gives_newest_first(client, stories):
    response = search(client, "Vistkagate", order="new")

    assert found(response) == ["uk Vistkagate 30", "uk Vistkagate 20", "uk Vistkagate 10"]
    assert soup(response).select_one("input[name=order][value=new]").has_attr("checked")


def test_snippets_mark_the_matching_words(client, stories):
    html = soup(search(client, "переговорів", order="new"))

    snippets = {text_of(r.h2): r.select_one(".result__snippet") for r in html.select(".result")}
    locative = snippets[stories["uk locative"].title]
    assert [text_of(m) for m in locative.select("mark")] == ["переговорах"]
    body = snippets[stories["uk body"].title]
    assert [text_of(m) for m in body.select("mark")] == ["переговорів"]


def test_search_page_is_not_indexed_by_robots(client, stories):
    html = soup(search(client, "переговори"))

    robots = html.find("meta", attrs={"name": "robots"})
    assert robots["content"].startswith("noindex")
    assert html.html["lang"] == "uk"


def test_nothing_found_is_said_in_the_editions_language(client, stories):
    assert "За запитом «абракадабра» нічого не знайдено." in text_of(search(client, "абракадабра"))
    assert "По запросу «абракадабра» ничего не найдено." in text_of(
        search(client, "абракадабра", prefix="/ru/")
    )


def test_empty_query_shows_the_form_only(client, stories):
    html = soup(search(client, ""))

    assert html.select_one("form.search-form") is not None
    assert html.select(".result") == []
    assert "нічого не знайдено" not in text_of(html)


def test_results_are_paged(client, stories):
    for i in range(RESULTS_PER_PAGE + 3):
        story(title=f"Кавуни номер {i}", published_at=at(days=-1, minutes=i))

    first = soup(search(client, "кавуни", order="new"))
    assert len(first.select(".result")) == RESULTS_PER_PAGE
    more = first.select_one("nav.pager a[rel=next]")["href"]
    assert "offset=20" in more

    second = soup(client.get("/search/" + more))
    assert [text_of(a) for a in second.select(".result h2 a")] == [f"Кавуни номер {i}" for i in (2, 1, 0)]
    assert second.select_one("ol.results")["start"] == "21"
    assert second.select_one("nav.pager") is None
