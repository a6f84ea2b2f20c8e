"""Story search per edition on the project's story index (vistka/search/index.py: a weighted
tsvector with GIN and date indexes on PostgreSQL, FTS5 on SQLite), with lemmatised morphology.

The index gives a page of story ids (newest first, or the newest ``RELEVANCE_WINDOW`` matches
ranked by relevance); one more query fetches those stories, re-checking visibility; snippets
come from the lead, or else from the body's stored text (its blocks are not built: that would
load the sources, images and stories they point to).
"""

import html
import itertools
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.models import signals
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction

from vistka.core.precompiled import PreparingConnection, prepares_statements
from vistka.reader.lemmas import lemma, query_lemmas, words
from vistka.search.index import RELEVANCE_WINDOW, backend
from vistka.stories.blocks import LABEL_CHOICES
from vistka.stories.models import ArticlePage

RESULTS_PER_PAGE = 20
SNIPPET_WORDS = 32
TAG = re.compile(r"<[^>]*>")
# Keys of body block values that hold words a reader sees (others hold ids, dates, addresses).
TEXT_KEYS = frozenset({"text", "note", "attribution", "alt", "caption", "credit", "items", "images"})

__all__ = ["RELEVANCE_WINDOW", "RESULTS_PER_PAGE", "SearchResults", "highlight", "search_stories"]


@dataclass
class SearchResults:
    query: str
    lemmas: list
    hits: list = field(default_factory=list)
    next_offset: int | None = None
    offset: int = 0


_TOKEN_LEMMAS = {}  # (token, language) -> lemmas of its words, shared by all searches
_TOKEN_LEMMAS_MAX = 200_000


def token_lemmas(token, language_code):
    key = (token, language_code)
    found = _TOKEN_LEMMAS.get(key)
    if found is None:
        if len(_TOKEN_LEMMAS) >= _TOKEN_LEMMAS_MAX:
            _TOKEN_LEMMAS.clear()
        found = _TOKEN_LEMMAS[key] = frozenset(lemma(w, language_code) for w in words(token))
    return found


class _Matcher(dict):
    """Does a whitespace-delimited token hold a query word? A dict of the answers so far: within
    one search the same tokens come back in every snippet."""

    def __init__(self, lemmas, language_code):
        super().__init__()
        self.lemmas = frozenset(lemmas)
        self.language_code = language_code

    def __missing__(self, token):
        found = _TOKEN_LEMMAS.get((token, self.language_code))  # token_lemmas(), inlined: hot
        if found is None:
            found = token_lemmas(token, self.language_code)
        hit = self[token] = not self.lemmas.isdisjoint(found)
        return hit


def highlight(text, lemmas, language_code, matcher=None):
    """A window of the text's words around the first matching word, matches wrapped in <mark>,
    the words separated by single spaces (as the browser shows any run of whitespace).

    Words are tested only up to the end of the window: the first match fixes where it starts.
    """
    matches = _Matcher(lemmas, language_code) if matcher is None else matcher
    words = text.split()
    # The first word that matches, tested lazily in C iterators (a body has hundreds of words).
    first = next(itertools.compress(itertools.count(), map(matches.__getitem__, words)), None)
    if first is None:
        return None
    start = max(0, first - SNIPPET_WORDS // 4)
    end = min(start + SNIPPET_WORDS, len(words))
    escape_ = html.escape
    shown = [escape_(word) for word in words[start:first]]
    shown.append(f"<mark>{escape_(words[first])}</mark>")
    for word in words[first + 1 : end]:
        shown.append(f"<mark>{escape_(word)}</mark>" if matches[word] else escape_(word))
    return mark_safe(("… " if start else "") + " ".join(shown) + (" …" if end < len(words) else ""))  # noqa: S308


@lru_cache(maxsize=16)
def _labels(language):
    return {key: str(label) for key, label in LABEL_CHOICES}


def _texts(value, out, labels):
    if value.__class__ is str:
        if value:
            if "<" in value or "&" in value:
                value = " ".join(html.unescape(TAG.sub(" ", value)).split())
            out.append(value)
    elif value.__class__ is dict:
        kind = value.get("type")
        if kind is not None and "value" in value:  # a block (also a list item)
            if kind == "labelled":
                out.append(labels.get(value["value"].get("label"), ""))
            if kind not in ("embed", "table"):
                _texts(value["value"], out, labels)
        else:
            for key, item in value.items():
                if key in TEXT_KEYS:
                    _texts(item, out, labels)
    elif value.__class__ is list:
        for item in value:
            _texts(item, out, labels)


def body_words(body):
    """The body's visible text from its stored JSON (a string, a list of blocks or a StreamValue),
    without building its blocks (which would load the sources, images and stories they point
    to): enough to show a matching window."""
    if isinstance(body, str):
        body = json.loads(body or "[]")
    elif hasattr(body, "raw_data"):
        body = list(body.raw_data)
    out = []
    _texts(body, out, _labels(get_language()))
    return " ".join(out)


def _by_ids(sql, ids):
    """Rows of ``sql`` with these ids (its ``{ids}``: the condition on them). PostgreSQL: one
    array parameter, so the text is the same for every page of hits and runs as a prepared
    statement with a generic plan (planning it cost more than running it); elsewhere a list."""
    if prepares_statements(connection):
        cursor = PreparingConnection(connection).cursor()
        statement, params = sql.format(ids="= ANY(%s::integer[])"), [list(ids)]
    else:
        cursor = connection.cursor()
        statement, params = sql.format(ids=f"IN ({', '.join(['%s'] * len(ids))})"), list(ids)
    with cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


@lru_cache(maxsize=4)
def _hits_query(vendor):
    """One query for a page of hits by id: the listing fields and what visibility depends on.
    Returns (SQL for ``_by_ids``, the fields' attnames and converters)."""
    quote = connection.ops.quote_name
    wanted = {ArticlePage._meta.get_field(name).attname for name in ArticlePage.LISTING_FIELDS}
    wanted |= {ArticlePage._meta.pk.attname, "live"}
    fields = [f for f in ArticlePage._meta.concrete_fields if f.attname in wanted]  # Model.from_db's order
    columns = [f"{quote(f.model._meta.db_table)}.{quote(f.column)}" for f in fields]
    page_table = quote(Page._meta.db_table)
    story_table = quote(ArticlePage._meta.db_table)
    restriction_table = quote(PageViewRestriction._meta.db_table)
    paths = "string_agg(r_page.path, ' ')" if vendor == "postgresql" else "group_concat(r_page.path, ' ')"
    sql = (
        f"SELECT {', '.join(columns)}, "  # noqa: S608
        f"(SELECT {paths} FROM {restriction_table} AS r "
        f"JOIN {page_table} AS r_page ON r_page.id = r.page_id) "
        f"FROM {story_table} JOIN {page_table} ON {page_table}.id = {story_table}.page_ptr_id "
        f"WHERE {story_table}.page_ptr_id {{ids}}"
    )
    converters = []
    for i, f in enumerate(fields):  # what the ORM applies to these columns (aware datetimes on SQLite)
        col = f.get_col(f.model._meta.db_table)
        funcs = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
        if funcs:
            converters.append((i, col, funcs))
    return sql, [f.attname for f in fields], converters


def _loaded(attnames, values, alias):
    """An ArticlePage as ``Model.from_db`` makes it (the other fields deferred), without running
    the constructors of Django, modelcluster and Wagtail, which do nothing for a loaded page but
    cost more than the search (only when no pre_init/post_init receivers are connected)."""
    story = ArticlePage.__new__(ArticlePage)
    story.__dict__.update(zip(attnames, values, strict=True))
    story._state = ModelState()
    story._state.adding = False
    story._state.db = alias
    return story


def visible_hits(locale_id, ids):
    """{pk: ArticlePage with the listing fields} of the ids that are visible stories of the
    edition.

    Visible as ``ArticlePage.objects.visible(locale_id)`` defines it (live, published, no view
    restriction on the story or a page above it; the tests hold the two together), checked here
    on one simple query by primary key: the ORM's version costs more to plan than the search.
    """
    if not ids:
        return {}
    sql, attnames, converters = _hits_query(connection.vendor)
    rows = _by_ids(sql, ids)
    out = {}
    alias = connection.alias
    fast = not (signals.pre_init.has_listeners(ArticlePage) or signals.post_init.has_listeners(ArticlePage))
    for row in rows:
        values = list(row[:-1])
        for i, col, funcs in converters:
            for func in funcs:
                values[i] = func(values[i], col, connection)
        story = _loaded(attnames, values, alias) if fast else ArticlePage.from_db(alias, attnames, values)
        restricted = (row[-1] or "").split()
        if (
            story.live
            and story.first_published_at is not None
            and story.locale_id == locale_id
            and not any(story.path.startswith(path) for path in restricted)
        ):
            out[story.pk] = story
    return out


def stored_bodies(ids):
    """{pk: the body as stored (JSON text)} of these stories: read only for the hits whose lead
    holds no query word (turning the JSON into text was half the cost of reading the hits)."""
    if not ids:
        return {}
    quote = connection.ops.quote_name
    table = quote(ArticlePage._meta.db_table)
    sql = f"SELECT page_ptr_id, {quote('body')} FROM {table} WHERE page_ptr_id {{ids}}"  # noqa: S608
    return dict(_by_ids(sql, ids))


_BODY_TEXTS = {}  # (language, story id, length and hash of its stored body JSON) -> body_words()
_BODY_TEXTS_MAX = 2_000  # the newest stories come back in most searches; long reads are 10-50 KB


def stored_body_words(story_id, body_json):
    """``body_words`` of a story's body as stored (JSON text), remembered by the story and a
    digest of the text (not the text itself, which would keep every remembered body in memory
    twice): an edited body is a new key."""
    if not isinstance(body_json, str):
        return body_words(body_json)
    key = (get_language(), story_id, len(body_json), hash(body_json))
    text = _BODY_TEXTS.get(key)
    if text is None:
        if len(_BODY_TEXTS) >= _BODY_TEXTS_MAX:
            _BODY_TEXTS.clear()
        text = _BODY_TEXTS[key] = body_words(body_json)
    return text


def _snippets(stories, lemmas, language_code):
    """{pk: snippet}: the lead's window where it holds a query word, else the body's, else the
    lead (the bodies read only for the stories that need them)."""
    matcher = _Matcher(lemmas, language_code)
    snippets = {story.pk: highlight(story.lead, lemmas, language_code, matcher) for story in stories}
    bodies = stored_bodies([pk for pk, snippet in snippets.items() if snippet is None])
    for story in stories:
        if snippets[story.pk] is None:
            body = bodies.get(story.pk)
            snippets[story.pk] = (
                body and highlight(stored_body_words(story.pk, body), lemmas, language_code, matcher)
            ) or escape(story.lead)
    return snippets


_DAY_TEXTS = {}  # (local date, language) -> "25 листопада 2026"


def published_texts(value):
    """(ISO 8601, "25 листопада 2026, 07:00") of a moment in the current time zone and language,
    as the template filters ``date:'c'`` and ``date:'j E Y, H:i'`` give them, at a fraction of
    their cost (twenty results took 1 ms of filters)."""
    local = timezone.localtime(value)
    key = (local.date(), get_language())
    day = _DAY_TEXTS.get(key)
    if day is None:
        if len(_DAY_TEXTS) > 10_000:
            _DAY_TEXTS.clear()
        day = _DAY_TEXTS[key] = date_format(local, "j E Y")
    return local.isoformat(), f"{day}, {local:%H:%M}"


def search_stories(locale_id, language_code, query, order="relevance", offset=0):
    query = (query or "").strip()[:500]
    lemmas = query_lemmas(query, language_code)
    results = SearchResults(query=query, lemmas=lemmas, offset=offset)
    if not lemmas:
        return results
    order = "new" if order == "new" else "relevance"
    ids = backend().find(locale_id, lemmas, order, offset, RESULTS_PER_PAGE + 1)
    if not ids:
        return results
    # The index holds visible stories only; visibility is checked again on the hits (a view
    # restriction added a moment ago, a page changed by a bulk update).
    stories = visible_hits(locale_id, ids)
    page = [stories[pk] for pk in ids if pk in stories]
    if len(page) > RESULTS_PER_PAGE:
        results.next_offset = offset + RESULTS_PER_PAGE
    page = page[:RESULTS_PER_PAGE]
    snippets = _snippets(page, set(lemmas), language_code)
    for story in page:
        story.published_iso, story.published_text = published_texts(story.first_published_at)
    results.hits = [(story, snippets[story.pk]) for story in page]
    return results
