"""Query budgets of the reader pages with a cold cache, and query counts that do not grow with the
number of tags, authors, body blocks, entries, corrections or listed stories.

"Cold cache": caches['default'] (sections menu, edition settings, site root paths) and
caches['renditions'] are emptied before the measured view. The renditions themselves already exist:
a first view, not measured, creates them (a one-off write) as it would on a running site.
"""

import pytest

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import (
    at,
    clear_caches,
    count_queries,
    feature,
    jpeg_image,
    labelled,
    paragraph,
    rich_story,
    story,
)
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory, add_live_entry
from vistka.stories.kinds import Kind
from vistka.stories.models import Correction

pytestmark = pytest.mark.django_db

STORY_BUDGET = 12
LIST_BUDGET = 20


def long_text_body(blocks):
    body = []
    for i in range(blocks // 4):
        body += [
            paragraph(
                f"<p>Paragraph {i} with <b>bold</b> and <a href='https://example.com/'>a link</a>.</p>"
            ),
            labelled(("details", "source", "background", "why")[i % 4], f"<p>Labelled {i}.</p>"),
            ("heading", f"Heading {i}"),
            ("quote", {"text": f"Quote {i}", "attribution": f"Speaker {i}"}),
        ]
    return body


@pytest.fixture(autouse=True)
def no_purge_log_polls():
    """The fast-path store polls the purge log at most twice a second per process, whatever the
    traffic; which page view it lands in is a matter of timing, not of the page. Purges made here
    reach this process's store directly."""
    from vistka.delivery import fastpath

    fastpath.STORE.next_poll = float("inf")
    yield
    fastpath.STORE.next_poll = 0.0


@pytest.fixture(scope="module")
def articles(django_db_setup, django_db_blocker):
    """Pairs of stories that differ only in how many of something they carry."""
    with rolled_back(django_db_blocker):
        one_tag, one_author = TagFactory(), AuthorFactory()
        many_tags = [TagFactory() for _ in range(5)]
        many_authors = [AuthorFactory() for _ in range(3)]
        data = {
            "small": story(title="Small", tags=[one_tag], authors=[one_author], published_at=at()),
            "many tags and authors": story(
                title="Many tags", tags=many_tags, authors=many_authors, published_at=at()
            ),
            "long text body": story(
                title="Long body",
                tags=[one_tag],
                authors=[one_author],
                body=long_text_body(40),
                published_at=at(),
            ),
            "rich": rich_story(title="Rich once", published_at=at()),
            "rich x3": rich_story(title="Rich thrice", copies=3, tags=10, authors=6, published_at=at()),
        }
        for count in (1, 20):
            live = story(
                title=f"Live {count}", kind=Kind.LIVE, tags=[one_tag], authors=[one_author], published_at=at()
            )
            for i in range(count):
                add_live_entry(live, f"Entry {i}", f"<p>Entry {i}.</p>", posted_at=at(minutes=i))
            data[f"live with {count} entries"] = live
        for count in (1, 10):
            corrected = story(
                title=f"Corrected {count}", tags=[one_tag], authors=[one_author], published_at=at()
            )
            for i in range(count):
                Correction.objects.create(page=corrected, note=f"Note {i}", made_at=at(minutes=i))
            data[f"{count} corrections"] = corrected
        lonely_tag = TagFactory()
        data["no related"] = story(
            title="No related", tags=[lonely_tag], authors=[one_author], published_at=at()
        )
        data["6 related"] = story(
            title="Six related", tags=[many_tags[0]], authors=[one_author], published_at=at()
        )
        for i in range(6):
            story(title=f"Related {i}", tags=[many_tags[0]], published_at=at(minutes=-i - 1))
        yield data


@pytest.mark.parametrize(
    "name",
    ["small", "many tags and authors", "long text body", "live with 20 entries", "10 corrections", "rich"],
)
def test_story_page_stays_within_its_budget(client, articles, name, django_assert_max_num_queries):
    url = articles[name].url
    client.get(url)  # creates the renditions
    clear_caches()

    with django_assert_max_num_queries(STORY_BUDGET):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "few, many",
    [
        ("small", "many tags and authors"),
        ("small", "long text body"),
        ("live with 1 entries", "live with 20 entries"),
        ("1 corrections", "10 corrections"),
        ("no related", "6 related"),
        ("rich", "rich x3"),
    ],
)
def test_story_page_queries_do_not_grow_with_its_content(client, articles, few, many):
    few_count, few_sql = count_queries(client, articles[few].url)
    many_count, many_sql = count_queries(client, articles[many].url)

    extra = [sql for sql in many_sql if sql not in few_sql]
    assert many_count <= few_count, f"{few}: {few_count}, {many}: {many_count}; extra: {extra}"


# --- lists ------------------------------------------------------------------------------------


def build_lists(edition, count, sections):
    desks = [SectionFactory(edition=edition, slug=f"desk-{i}") for i in range(sections)]
    tag = TagFactory(edition=edition, slug="topic")
    author = AuthorFactory(edition=edition, slug="reporter")
    pages = [
        story(
            edition=edition,
            title=f"{edition} listed {i}",
            kind=Kind.EXPLAINER if i % 5 == 4 else Kind.NEWS,
            section=desks[i % sections],
            tags=[tag],
            authors=[author],
            is_important=i % 3 == 0,
            lead_image=jpeg_image(f"{edition} listed {i}") if i % 4 == 1 else None,
            published_at=at(minutes=i),
        )
        for i in range(count)
    ]
    for position, page in enumerate(pages[-min(count, 8) :]):
        feature(page, position)


@pytest.fixture(scope="module")
def lists(django_db_setup, django_db_blocker):
    """40 stories in uk and en (5 sections, 8 top stories), 5 in ru (1 section, 5 top stories).

    ru and en are compared with each other: the default edition (uk, at /) routes with one query
    fewer than the prefixed ones.
    """
    with rolled_back(django_db_blocker):
        build_lists("uk", 40, sections=5)
        build_lists("en", 40, sections=5)
        build_lists("ru", 5, sections=1)
        yield


LIST_PAGES = {
    "home": "",
    "all news": "all/",
    "kind list": "news/",
    "section": "sections/desk-0/",
    "tag": "tags/topic/",
    "author": "authors/reporter/",
    "archive": "archive/2025/05/28/",
}


@pytest.mark.parametrize("prefix", ["/", "/en/"])
@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_page_stays_within_its_budget(client, lists, name, prefix, django_assert_max_num_queries):
    url = prefix + LIST_PAGES[name]
    client.get(url)
    clear_caches()

    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("name", [*LIST_PAGES, "search"])
def test_list_page_queries_do_not_grow_with_the_number_of_stories(client, lists, name):
    path = {**LIST_PAGES, "search": "search/?q=listed&order=new"}[name]

    few_count, few_sql = count_queries(client, "/ru/" + path)  # 5 stories
    many_count, many_sql = count_queries(client, "/en/" + path)  # 40 stories

    assert many_count <= few_count, (
        f"ru: {few_count}, en: {many_count}; en only: {set(many_sql) - set(few_sql)}"
    )
