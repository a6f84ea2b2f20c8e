"""Story search per edition on Wagtail's database search backend (SQLite FTS5 or PostgreSQL)."""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from vistka.reader.lemmas import lemma, query_lemmas, words
from vistka.stories.models import ArticlePage

RESULTS_PER_PAGE = 20
SNIPPET_WORDS = 32


@dataclass
class SearchResults:
    query: str
    lemmas: list
    hits: list = field(default_factory=list)
    next_offset: int | None = None
    offset: int = 0


def highlight(text, lemmas, language_code):
    """A window of the text around the first matching word, matches wrapped in <mark>."""
    tokens = re.split(r"(\s+)", text)
    positions = [
        i for i, token in enumerate(tokens) if any(lemma(w, language_code) in lemmas for w in words(token))
    ]
    if not positions:
        return None
    start = max(0, positions[0] - SNIPPET_WORDS // 2)
    window = tokens[start : start + SNIPPET_WORDS * 2]
    out = ["… " if start else ""]
    for i, token in enumerate(window, start=start):
        out.append(f"<mark>{escape(token)}</mark>" if i in positions else escape(token))
    return mark_safe("".join(out) + (" …" if start + len(window) < len(tokens) else ""))  # noqa: S308


def snippet(story, lemmas, language_code):
    for text in (story.lead, story.body_text()):
        found = highlight(text, lemmas, language_code)
        if found:
            return found
    return escape(story.lead)


def search_stories(locale_id, language_code, query, order="relevance", offset=0):
    query = (query or "").strip()[:500]
    lemmas = query_lemmas(query, language_code)
    results = SearchResults(query=query, lemmas=lemmas, offset=offset)
    if not lemmas:
        return results
    # Search backends take plain field filters only; visibility is re-checked on the hits below.
    queryset = ArticlePage.objects.live().filter(locale_id=locale_id, first_published_at__isnull=False)
    if order == "new":
        queryset = queryset.order_by("-first_published_at")
    found = queryset.search(" ".join(lemmas), operator="and", order_by_relevance=(order != "new"))
    page = list(found[offset : offset + RESULTS_PER_PAGE + 1])
    if page:
        visible = set(
            ArticlePage.objects.visible(locale_id)
            .filter(pk__in=[s.pk for s in page])
            .values_list("pk", flat=True)
        )
        page = [story for story in page if story.pk in visible]
    if len(page) > RESULTS_PER_PAGE:
        results.next_offset = offset + RESULTS_PER_PAGE
    for story in page[:RESULTS_PER_PAGE]:
        results.hits.append((story, snippet(story, set(lemmas), language_code)))
    return results
