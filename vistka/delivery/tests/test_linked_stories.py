"""A story page names the other stories it shows (linked from its text, chosen as "read also" or
as a background line, listed as related), so a change to one of them purges it: an unpublished
story's link and headline leave the pages that link to it, a published draft's link appears."""

import time
from datetime import date

import pytest

from vistka.delivery.tests.harness import fetch, settle_purges, until_all
from vistka.delivery.tests.newsroom import records, reread
from vistka.reader.tests.builders import background, paragraph, read_also, story
from vistka.stories.factories import bring_to_state

PUBLISH_BUDGET = 2.0


def seconds_until(bases, path, satisfied, started):
    """{"varnish"|"app": seconds from ``started`` until ``path`` there satisfies the predicate}."""
    return {
        name: until_all(base, {path: satisfied}, started, timeout=PUBLISH_BUDGET + 3)[path]
        for name, base in bases.items()
    }


def link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def linking_scene():
    mine = records("uk", "Politics")
    tag = mine["tag"]
    chosen = story(title="Міст відкрили після ремонту")
    linked = story(title="Депутати затвердили бюджет")
    related = story(title="Тролейбуси повертаються на маршрут", tags=[tag])
    draft = story(title="Нова школа прийме учнів", draft=True)
    body = [
        paragraph(f"<p>Раніше ми писали, що {link(linked, 'бюджет затвердили')}.</p>"),
        read_also(chosen),
        background((date(2025, 5, 1), "Будівництво школи почалося", draft)),
    ]
    page = story(title="Місто підбиває підсумки року", body=body, tags=[tag])
    return page, {"chosen": chosen, "linked": linked, "related": related, "draft": draft}


@pytest.mark.django_db
def test_a_story_page_names_every_story_it_links_to_or_lists(client):
    page, shown = linking_scene()
    response = client.get(page.url)
    assert response.status_code == 200
    names = set(response.headers["xkey"].split())
    for role, other in shown.items():
        assert f"st-{other.story_number}" in names, role
    text = response.content.decode()
    for role in ("chosen", "linked", "related"):
        assert shown[role].url in text, role
    assert "Будівництво школи почалося" in text and shown["draft"].title not in text


@pytest.mark.django_db
def test_a_page_names_no_story_it_does_not_show(client):
    page, shown = linking_scene()
    other = story(title="Зовсім інша історія")
    names = set(client.get(page.url).headers["xkey"].split())
    assert f"st-{other.story_number}" not in names
    assert f"st-{page.story_number}" in names  # its own page


def test_unpublishing_a_linked_story_takes_it_off_the_cached_pages_that_link_to_it(varnish, app, timings):
    page, shown = linking_scene()
    settle_purges()  # the scene's own purges, before the pages are cached (harness.settle_purges)
    for base in (varnish.url, app.url):
        fetch(base, page.url)
        again = fetch(base, page.url)
        assert again.x_cache == "HIT", base
        for role in ("chosen", "linked", "related"):
            assert shown[role].url in again.text, (base, role)

    started = time.monotonic()
    for role in ("chosen", "linked", "related"):
        reread(shown[role]).unpublish()

    def gone(response):
        return response.status == 200 and not any(
            shown[role].url in response.text for role in ("chosen", "linked", "related")
        )

    seen = seconds_until({"varnish": varnish.url, "app": app.url}, page.url, gone, started)
    timings("linked stories unpublished → links gone", seen)
    assert None not in seen.values(), seen
    assert max(seen.values()) < PUBLISH_BUDGET, seen


def test_publishing_a_linked_draft_links_it_on_the_cached_pages_that_name_it(varnish, app, timings):
    page, shown = linking_scene()
    settle_purges()  # the scene's own purges, before the pages are cached (harness.settle_purges)
    for base in (varnish.url, app.url):
        fetch(base, page.url)
        again = fetch(base, page.url)
        assert again.x_cache == "HIT", base
        assert "Будівництво школи почалося</li>" in again.text, base  # unlinked while a draft

    started = time.monotonic()
    published = reread(bring_to_state(shown["draft"], "published"))
    # The background line itself (the latest-news column links the new story anyway).
    line = f'<a href="{published.url}">Будівництво школи почалося</a>'

    def linked(response):
        return response.status == 200 and line in response.text

    seen = seconds_until({"varnish": varnish.url, "app": app.url}, page.url, linked, started)
    timings("linked draft published → linked", seen)
    assert None not in seen.values(), seen
    assert max(seen.values()) < PUBLISH_BUDGET, seen
