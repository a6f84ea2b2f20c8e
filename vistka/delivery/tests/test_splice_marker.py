"""The latest-news column goes only where a page's template put its slot: the app's fast path,
Django alone and Varnish's ESI never take text of a page (a tag's name, a headline, markup stored
in a story's body) for a slot, whatever it says."""

import json
import xml.etree.ElementTree as ET

import pytest

from vistka.delivery.tests.harness import fetch, settle_purges
from vistka.delivery.tests.newsroom import records
from vistka.reader.tests.builders import paragraph, story
from vistka.stories.models import ArticlePage
from vistka.taxonomy.models import Tag

# What the page templates printed for the column before (the fast path spliced any body holding
# it) and the ESI Varnish acts on, pointing at another edition's column.
OLD_MARKER = "<!--vistka:fragment:latest:ru-->"
ESI_INCLUDE = '<esi:include src="/_fragments/latest/ru/"/>'
ESI_COMMENT = '<!--esi <esi:include src="/_fragments/latest/ru/"/> -->'
TAG_NAME = f"Border {OLD_MARKER} {ESI_INCLUDE}"
HEADLINE = f"Checkpoint reopens {OLD_MARKER}"
RU_HEADLINE = "Russian edition column story"  # only in the ru edition's latest-news column


def scene():
    """A uk story whose tag's name and headline carry the marker and an ESI include, and whose body
    holds them as markup (written as an import would, past any cleaning on save); a ru story."""
    tag = records("uk", "Border")["tag"]
    Tag.objects.filter(pk=tag.pk).update(name=TAG_NAME)
    page = story(title="Checkpoint", tags=[tag], body=[paragraph("<p>Placeholder.</p>")])
    raw = list(page.body.raw_data)
    raw[0]["value"] = f"<p>Before {OLD_MARKER} {ESI_INCLUDE} {ESI_COMMENT} after.</p>"
    ArticlePage.objects.filter(pk=page.pk).update(title=HEADLINE, body=json.dumps(raw))
    story(edition="ru", title=RU_HEADLINE)
    page = ArticlePage.objects.get(pk=page.pk)
    tag = Tag.objects.get(pk=tag.pk)
    settle_purges()
    return page, {"tag page": f"/tags/{tag.slug}/", "story": page.url}, f"/tags/{tag.slug}/"


def one_column_of_its_own(text):
    """The uk column once (where base.html put it), never the ru one, never an ESI element."""
    return (
        text.count('<section class="latest"') == 1
        and RU_HEADLINE not in text
        and "<esi:" not in text
        and "Останні новини" in text
    )


def assert_feeds_whole(base, tag_path):
    for _round in ("miss", "hit"):
        response = fetch(base, f"{tag_path}json/")
        assert response.status == 200, base
        feed = json.loads(response.body)  # the column spliced in made it invalid JSON
        assert feed["title"] == f"{TAG_NAME} — Vistka", base
        assert [item["title"] for item in feed["items"]] == [HEADLINE], base
        assert 'class="latest"' not in response.text, base
        for fmt in ("rss", "atom"):
            response = fetch(base, f"{tag_path}{fmt}/")
            assert response.status == 200, (base, fmt)
            ET.fromstring(response.body)  # noqa: S314 (well-formed: the app's own feed)
            assert 'class="latest"' not in response.text, (base, fmt)


def test_feeds_of_a_tag_named_like_a_slot_stay_whole_in_the_fast_path_and_varnish(app, varnish):
    _page, _pages, tag_path = scene()
    for base in (app.url, varnish.url):
        assert_feeds_whole(base, tag_path)
    assert fetch(app.url, f"{tag_path}json/").x_cache == "HIT"


def test_pages_get_the_column_only_where_the_template_put_it_in_the_fast_path_and_varnish(app, varnish):
    _page, pages, _tag_path = scene()
    for base in (app.url, varnish.url):
        for name, path in pages.items():
            for _round in ("miss", "hit"):
                response = fetch(base, path)
                assert response.status == 200, (base, name)
                assert one_column_of_its_own(response.text), (base, name, _round)
                assert response.header("X-Vistka-Slots") is None, (base, name)
    tag_page = fetch(varnish.url, pages["tag page"]).text
    assert "Border &lt;!--vistka:fragment:latest:ru--&gt; &lt;esi:include" in tag_page  # shown as text


@pytest.mark.django_db
def test_pages_get_the_column_only_where_the_template_put_it_without_the_fast_path(client, settings):
    """Django alone (a signed-in reader, FAST_PATH=0) splices the column itself."""
    settings.FAST_PATH_ENABLED = False
    _page, pages, tag_path = scene()
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, name
        assert one_column_of_its_own(response.content.decode()), name
        assert not response.has_header("X-Vistka-Slots"), name
    feed = json.loads(client.get(f"{tag_path}json/").content)
    assert feed["title"] == f"{TAG_NAME} — Vistka"


@pytest.mark.django_db
def test_behind_varnish_a_page_carries_exactly_the_esi_include_its_template_rendered(client):
    """What the app gives Varnish's assembler: stored markup that Varnish would take for ESI is
    defused, the slot is one include of the page's own edition's column."""
    _page, pages, _tag_path = scene()
    for name, path in pages.items():
        response = client.get(path, HTTP_SURROGATE_CAPABILITY="varnish=ESI/1.0")
        assert response.status_code == 200, name
        assert response["Surrogate-Control"] == 'content="ESI/1.0"', name
        text = response.content.decode()
        assert text.count("<esi:") == 1 and "<!--esi" not in text, name
        assert '<esi:include src="/_fragments/latest/uk/"/>' in text, name
        assert "latest-uk" in response["X-Vistka-Fragment-Keys"].split(), name


@pytest.mark.django_db
def test_a_page_without_a_slot_is_left_as_it_is(client):
    """A feed never renders a slot: no ESI processing is asked for, nothing is spliced."""
    _page, _pages, tag_path = scene()
    for path in (f"{tag_path}json/", f"{tag_path}rss/"):
        response = client.get(path, HTTP_SURROGATE_CAPABILITY="varnish=ESI/1.0")
        assert response.status_code == 200
        assert not response.has_header("Surrogate-Control"), path
        assert not response.has_header("X-Vistka-Fragment-Keys"), path


def test_a_page_the_fast_path_does_not_keep_gets_its_column_too(app, settings):
    """s-maxage=0: the fast path passes the page on, with its slot filled."""
    settings.CACHE_TTL = 0
    _page, pages, _tag_path = scene()
    for name, path in pages.items():
        response = fetch(app.url, path)
        assert response.status == 200, name
        assert response.x_cache is None, name  # passed on, not kept
        assert one_column_of_its_own(response.text), name
        assert "vistka:slot" not in response.text, name
        assert response.header("X-Vistka-Slots") is None, name
        assert int(response.header("Content-Length")) == len(response.body), name
