"""The bodies of many stories rendered at once, with a fixed number of queries.

`ArticlePage.body_html()` renders one story: Wagtail converts its StreamField lazily, so every story
costs a query for each kind of record its blocks point at (sources, images, linked stories), and
every rich text with a page link costs its own lookups. A feed of 50 stories paid that 50 times.

`bodies_html(stories)` gives the same HTML, byte for byte, as `[story.body_html() for story in
stories]`, with one query per referencing block type for all the stories together:

- the raw bodies go through Wagtail's own `StreamBlock.bulk_to_python`, which batches every chooser
  (image, snippet, page) of every body into one lookup per block type;
- the rich texts of all bodies are expanded together: each link or embed type once for all of them
  (page links resolved as Wagtail's `PageLinkHandler` does, with the active locale looked up once);
- embed blocks are looked up in Wagtail's embed table in one query.

What is then rendered is each story's own blocks with their own templates, as `body_html()` does.
"""

from collections import defaultdict

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.timezone import now
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.embeds.blocks import EmbedValue
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.rich_text import RichText, features, get_rewriter
from wagtail.rich_text.rewriters import LinkRewriter

from vistka.delivery import keys as cache_keys

RICHTEXT_TEMPLATE = "wagtailcore/shared/richtext.html"
EMBED_TEMPLATE = "wagtailembeds/embed_frontend.html"


class ExpandedRichText(RichText):
    """A rich text whose links and embeds were expanded ahead (in a batch); renders as RichText."""

    def __init__(self, source, expanded):
        super().__init__(source)
        self.expanded = expanded

    def __html__(self):
        return render_to_string(RICHTEXT_TEMPLATE, {"html": self.expanded})


def bodies_html(stories):
    """The body HTML of each story, as `story.body_html()` renders it, in the stories' order."""
    stories = list(stories)
    if not stories:
        return []
    stream_block = stories[0].body.stream_block
    streams = stream_block.bulk_to_python([list(story.body.raw_data) for story in stories])
    _expand_rich_texts(streams)
    _prefetch_embeds(streams)
    return ["".join(str(child.render()) for child in stream) for stream in streams]


# --- walking the converted values -------------------------------------------------------------


def _replace(value, replace):
    """Apply `replace` to every RichText and EmbedValue inside `value` (a block's native value),
    storing what it returns in place of it; returns the (possibly replaced) value itself."""
    if isinstance(value, (RichText, EmbedValue)):
        return replace(value)
    if isinstance(value, StreamValue):
        for child in value:
            child.value = _replace(child.value, replace)
    elif isinstance(value, ListValue):
        for child in value.bound_blocks:
            child.value = _replace(child.value, replace)
    elif isinstance(value, StructValue):
        for name, item in value.items():
            value[name] = _replace(item, replace)
    return value


def _each(streams, kind):
    found = []

    def collect(value):
        if isinstance(value, kind):
            found.append(value)
        return value

    for stream in streams:
        _replace(stream, collect)
    return found


# --- rich text ---------------------------------------------------------------------------------


def _expand_rich_texts(streams):
    sources = list(dict.fromkeys(text.source for text in _each(streams, RichText) if text.source))
    expanded = dict(zip(sources, expand_db_html_many(sources), strict=True))

    def replace(value):
        if isinstance(value, RichText) and value.source in expanded:
            return ExpandedRichText(value.source, expanded[value.source])
        return value

    for stream in streams:
        _replace(stream, replace)


def expand_db_html_many(sources):
    """`[wagtail.rich_text.expand_db_html(source) for source in sources]`, with each link and embed
    type resolved once for all the sources together."""
    html = list(sources)
    for rewriter in get_rewriter().rewriters:
        html = _rewrite_many(rewriter, html)
    return html


def _rewrite_many(rewriter, documents):
    """What `rewriter(document)` gives for each document (see wagtail.rich_text.rewriters.TagRewriter),
    with one call of each tag type's rule for all the documents."""
    matches_by_type = defaultdict(list)
    for index, document in enumerate(documents):
        for tag_type, matches in rewriter.extract_tags(document).items():
            matches_by_type[tag_type] += [(index, match) for match in matches]

    to_replace = defaultdict(list)
    for tag_type, matches in matches_by_type.items():
        attrs = [match.attrs for _, match in matches]
        replacements = _replacements(rewriter, tag_type, attrs)
        if not replacements:
            continue
        for (index, match), replacement in zip(matches, replacements, strict=False):
            match.replacement = replacement
            to_replace[index].append(match)

    rewritten = []
    for index, document in enumerate(documents):
        parts, position = [], 0
        for match in sorted(to_replace.get(index, ()), key=lambda match: match.start):
            parts += [document[position : match.start], match.replacement]
            position = match.end
        parts.append(document[position:])
        rewritten.append("".join(parts))
    return rewritten


def _replacements(rewriter, tag_type, attrs):
    from vistka.stories.richtext import PublicPageLinkHandler  # needs the app registry

    if (
        isinstance(rewriter, LinkRewriter)
        and tag_type == "page"
        and features.get_link_types().get("page") is PublicPageLinkHandler
    ):
        return page_links(attrs)
    return rewriter.get_tag_replacements(tag_type, attrs)


def page_links(attrs_list):
    """`PublicPageLinkHandler.expand_db_attributes_many(attrs_list)` without a query per link:
    Wagtail looks up the active locale (and the page's translation into it) for every link it
    expands. Links to pages the public may not see lose their target (<a>)."""
    from vistka.stories.richtext import public_pages

    ids = [attrs.get("id") for attrs in attrs_list]
    found = public_pages(Page.objects.filter(id__in=ids)).defer_streamfields().specific()
    pages = {str(page.id): page for page in found}
    cache_keys.shown(pages.values())
    localized = _localized(list(pages.values()))
    tags = []
    for pk in ids:
        page = pages.get(str(pk))
        tags.append(f'<a href="{escape(localized[page.pk].url)}">' if page else "<a>")
    return tags


def _localized(pages):
    """`{page.pk: page.localized}` for the given (specific) pages, in one query per page type
    that has pages in another locale than the active one."""
    same = {page.pk: page for page in pages}
    if not pages or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return same
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return same
    elsewhere = defaultdict(list)
    for page in pages:
        if page.locale_id != locale.id:
            elsewhere[type(page)].append(page)
    translations = {}
    for model, group in elsewhere.items():
        keys = {page.translation_key for page in group}
        for translation in model.objects.filter(translation_key__in=keys, locale_id=locale.id):
            translations[model, translation.translation_key] = translation
    result = {}
    for page in pages:
        found = page
        if page.locale_id != locale.id:
            found = translations.get((type(page), page.translation_key)) or page
            if isinstance(page, DraftStateMixin) and not found.live:
                found = page
        result[page.pk] = found
    return result


# --- embed blocks ------------------------------------------------------------------------------


def _prefetch_embeds(streams):
    """Fill in the HTML of every embed block that Wagtail has stored (not expired), as
    `EmbedValue.html` would; the others are left to fetch theirs as before."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    values = [value for value in _each(streams, EmbedValue) if "html" not in value.__dict__]
    if not values:
        return
    hashes = [(value, get_embed_hash(value.url, value.max_width, value.max_height)) for value in values]
    stored = {
        embed.hash: embed
        for embed in Embed.objects.exclude(cache_until__lte=now()).filter(hash__in={h for _, h in hashes})
    }
    for value, embed_hash in hashes:
        embed = stored.get(embed_hash)
        if embed is not None:
            value.__dict__["html"] = render_to_string(EMBED_TEMPLATE, {"embed": embed})
