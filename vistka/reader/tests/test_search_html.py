"""The search page's result items, written in Python, are the bytes the template loop gave."""

import pytest
from django.template import Context, Template
from django.utils import translation

from vistka.reader.search import search_stories
from vistka.reader.search_html import result_items
from vistka.reader.tests.builders import at, home, story
from vistka.stories.kinds import Kind

pytestmark = pytest.mark.django_db

# The loop search.html had before result_items(), kept here as the reference.
TEMPLATE_LOOP = Template(
    "{% for story, snippet in hits %}\n"
    '    <li class="result">\n'
    '      <h2><a href="{{ story.canonical_path }}">{{ story.title }}</a></h2>\n'
    '      <p class="result__meta"><time datetime="{{ story.published_iso }}">'
    "{{ story.published_text }}</time>"
    "{% if story.kind_label %} · {{ story.kind_label }}{% endif %}</p>\n"
    '      <p class="result__snippet">{{ snippet }}</p>\n'
    "    </li>\n  {% endfor %}"
)


@pytest.mark.parametrize("code", ["uk", "ru", "en"])
def test_result_items_are_the_template_loops_bytes(code):
    for minutes, kind in enumerate(Kind.values):
        story(
            edition=code,
            kind=kind,
            title=f"Q&A <b>\"Zorepad\"</b> '{kind}' {minutes}",
            lead=f"Zorepad & <i>more</i> {minutes}",
            published_at=at(minutes=minutes, days=-minutes * 40),
        )
    with translation.override(code):
        results = search_stories(home(code).locale_id, code, "Zorepad", order="new")
        assert len(results.hits) == len(Kind.values)
        expected = TEMPLATE_LOOP.render(Context({"hits": results.hits}))
        assert result_items(results.hits) == expected
    assert "&lt;b&gt;&quot;Zorepad&quot;&lt;/b&gt; &#x27;" in expected  # escaped, not trusted
    assert "<mark>Zorepad</mark>" in expected  # the snippet is already safe HTML


def test_no_hits_no_items():
    assert result_items([]) == ""


def test_a_snippet_is_a_window_of_words_around_the_first_match():
    from vistka.reader.search import SNIPPET_WORDS, highlight

    words = [f"w{i}" for i in range(100)]
    words[40] = "кавуни"
    words[45] = "<b>кавунів</b>"
    text = "\n\t".join(words[:20]) + "  " + " ".join(words[20:])
    snippet = str(highlight(text, {"кавун"}, "uk"))
    assert snippet.startswith("… w32 w33")  # eight words before the first match
    assert snippet.endswith(" …")
    shown = snippet.removeprefix("… ").removesuffix(" …").split(" ")
    assert len(shown) == SNIPPET_WORDS and shown[-1] == "w63"
    assert shown[8] == "<mark>кавуни</mark>" and shown[13] == "<mark>&lt;b&gt;кавунів&lt;/b&gt;</mark>"
    short = highlight(" ".join(words[:5]) + " кавуни", {"кавун"}, "uk")
    assert str(short) == "w0 w1 w2 w3 w4 <mark>кавуни</mark>"
    assert highlight("нічого тут немає", {"кавун"}, "uk") is None
