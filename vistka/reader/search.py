"""Story search per edition on the project's story index (vistka/search/index.py: a weighted
tsvector with GIN and date indexes on PostgreSQL, FTS5 on SQLite), with lemmatised morphology.

One query finds a page of story ids in the index (newest first, or the newest
``RELEVANCE_WINDOW`` matches ranked by relevance), one more fetches those stories, re-checking
visibility; snippets come from the lead, or from the body only when the index says the body
holds a query word.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from vistka.reader.lemmas import lemma, query_lemmas, words
from vistka.search.index import RELEVANCE_WINDOW, backend, searchable_body
from vistka.stories.models import ArticlePage

RESULTS_PER_PAGE = 20
SNIPPET_WORDS = 32
WHITESPACE = re.compile(r"(\s+)")

__all__ = ["RELEVANCE_WINDOW", "RESULTS_PER_PAGE", "SearchResults", "highlight", "search_stories"]


@dataclass
class SearchResults:
    query: str
    lemmas: list
    hits: list = field(default_factory=list)
    next_offset: int | None = None
    offset: int = 0


def _matches(token, lemmas, language_code):
    return any(lemma(w, language_code) in lemmas for w in words(token))


def highlight(text, lemmas, language_code):
    """A window of the text around the first matching word, matches wrapped in <mark>.

    Tokens (words and the whitespace between them, alternately) are tested only up to the end of
    the window: the first match fixes where it starts.
    """
    tokens = WHITESPACE.split(text)
    first = next(
        (i for i in range(0, len(tokens), 2) if _matches(tokens[i], lemmas, language_code)),
        None,
    )
    if first is None:
        return None
    start = max(0, first - SNIPPET_WORDS // 2)
    window = tokens[start : start + SNIPPET_WORDS * 2]
    out = ["… " if start else ""]
    for i, token in enumerate(window, start=start):
        marked = i == first or (i > first and i % 2 == 0 and _matches(token, lemmas, language_code))
        out.append(f"<mark>{escape(token)}</mark>" if marked else escape(token))
    return mark_safe("".join(out) + (" …" if start + len(window) < len(tokens) else ""))  # noqa: S308


def _snippets(stories, flags, lemmas, language_code):
    """{pk: snippet}: the lead's window if it holds a query word, else the body's, else the lead."""
    out = {}
    body_needed = []
    for story in stories:
        in_lead, in_body = flags.get(story.pk, (None, None))
        found = highlight(story.lead, lemmas, language_code) if in_lead is not False else None
        if found:
            out[story.pk] = found
        elif in_body is not False:
            body_needed.append(story.pk)
        else:
            out[story.pk] = escape(story.lead)
    if body_needed:
        bodies = {page.pk: page.body for page in ArticlePage.objects.filter(pk__in=body_needed).only("body")}
        leads = {story.pk: story.lead for story in stories}
        for pk in body_needed:
            found = highlight(searchable_body(bodies[pk]), lemmas, language_code) if pk in bodies else None
            out[pk] = found or escape(leads[pk])
    return out


def search_stories(locale_id, language_code, query, order="relevance", offset=0):
    query = (query or "").strip()[:500]
    lemmas = query_lemmas(query, language_code)
    results = SearchResults(query=query, lemmas=lemmas, offset=offset)
    if not lemmas:
        return results
    order = "new" if order == "new" else "relevance"
    found = backend().find(locale_id, lemmas, order, offset, RESULTS_PER_PAGE + 1)
    if not found:
        return results
    ids = [pk for pk, _lead, _body in found]
    # The index holds visible stories only; visibility is checked again on the hits (a view
    # restriction added a moment ago, a page changed by a bulk update).
    stories = {
        story.pk: story
        for story in ArticlePage.objects.visible(locale_id)
        .filter(pk__in=ids)
        .only(*ArticlePage.LISTING_FIELDS)
    }
    page = [stories[pk] for pk in ids if pk in stories]
    if len(page) > RESULTS_PER_PAGE:
        results.next_offset = offset + RESULTS_PER_PAGE
    page = page[:RESULTS_PER_PAGE]
    flags = {pk: (in_lead, in_body) for pk, in_lead, in_body in found}
    snippets = _snippets(page, flags, set(lemmas), language_code)
    results.hits = [(story, snippets[story.pk]) for story in page]
    return results
