"""The masthead and footer kept per edition (vistka/reader/chrome.py): as fresh as the sections
and settings they show, and the editions switcher written per page as the template wrote it."""

import pytest
from django.template import Context, Template

from vistka.editions.languages import EDITIONS, get_edition
from vistka.reader.chrome import editions_nav
from vistka.reader.tests.builders import edition_settings, soup, text_of
from vistka.stories.factories import SectionFactory
from vistka.taxonomy.models import Section

pytestmark = pytest.mark.django_db

# The switcher as base.html wrote it before editions_nav(), kept here as the reference.
SWITCHER_TEMPLATE = Template(
    '{% load reader_tags %}<ul>{% for e in editions %}<li><a href="{% if edition_links %}'
    '{{ edition_links|get_item:e.code|default:e.prefix }}{% else %}{{ e.prefix }}{% endif %}" '
    'lang="{{ e.code }}" hreflang="{{ e.code }}"{% if e.code == edition.code %} aria-current="true"'
    '{% endif %}><span aria-hidden="true">{{ e.short }}</span><span class="visually-hidden">'
    "{{ e.name }}</span></a></li>{% endfor %}</ul>"
)


@pytest.mark.parametrize(
    "links",
    [None, {}, {"uk": "/news/2025/05/28/7/", "en": "/en/news/2025/05/28/9/"}, {"ru": '/ru/a"b&c/', "en": ""}],
)
@pytest.mark.parametrize("code", ["uk", "ru", "en"])
def test_the_switcher_is_what_the_template_wrote(code, links):
    edition = get_edition(code)
    context = Context({"editions": EDITIONS, "edition": edition, "edition_links": links})
    assert editions_nav(edition, links) == SWITCHER_TEMPLATE.render(context)


def masthead_and_footer(client, url):
    html = soup(client.get(url))
    return html.select_one("header.masthead"), html.select_one("footer.footer")


def test_a_renamed_section_is_in_the_next_pages_menu(client):
    section = SectionFactory(name="Погода", slug="pohoda")
    masthead, _footer = masthead_and_footer(client, "/search/?q=one")
    assert "Погода" in text_of(masthead)
    section.name = "Клімат"
    section.save()
    masthead, _footer = masthead_and_footer(client, "/search/?q=two")
    assert "Клімат" in text_of(masthead) and "Погода" not in text_of(masthead)
    Section.objects.get(pk=section.pk).delete()
    assert "Клімат" not in text_of(masthead_and_footer(client, "/search/?q=three")[0])


def test_a_support_link_set_in_the_settings_shows_at_once_in_that_edition_only(client):
    for url in ("/search/?q=a", "/ru/search/?q=a"):
        masthead, footer = masthead_and_footer(client, url)
        assert masthead.select_one(".support-button") is None and footer.select_one("a[href*=donate]") is None
    edition_settings("uk", support_url="https://example.org/donate", support_button="Підтримати")
    masthead, footer = masthead_and_footer(client, "/search/?q=b")
    assert masthead.select_one(".support-button")["href"] == "https://example.org/donate"
    assert text_of(masthead.select_one(".support-button")) == "Підтримати"
    assert footer.select_one("a")["href"] == "https://example.org/donate"
    masthead, footer = masthead_and_footer(client, "/ru/search/?q=b")
    assert masthead.select_one(".support-button") is None
