"""Rich text with its links to pages limited to publicly visible ones.

Wagtail stores a link to a page as <a linktype="page" id="42"> and expands it to the page's
address whatever the page's state, so a link to a draft would give its address away. Such a
link keeps its text but loses its target (<a>) before the HTML is expanded.
"""

from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from vistka.stories.models import ArticlePage


def _page_id(attr_string):
    attrs = extract_attrs(attr_string)
    if attrs.get("linktype") != "page":
        return None
    try:
        return int(attrs.get("id", ""))
    except ValueError:
        return None


def page_link_ids(source):
    """Ids of the pages a rich text (in Wagtail's database format) links to."""
    ids = (_page_id(match.group(1)) for match in FIND_A_TAG.finditer(source or ""))
    return {pk for pk in ids if pk is not None}


def visible_page_ids(ids):
    """The given pages that the public may see: visible stories, live and public other pages."""
    if not ids:
        return set()
    stories = set(ArticlePage.objects.visible().filter(pk__in=ids).values_list("pk", flat=True))
    others = Page.objects.filter(pk__in=ids).not_type(ArticlePage).live().public()
    return stories | set(others.values_list("pk", flat=True))


def without_hidden_links(source, visible_ids):
    """The source with links to pages outside `visible_ids` reduced to <a>."""

    def replace(match):
        pk = _page_id(match.group(1))
        return "<a>" if pk is not None and pk not in visible_ids else match.group(0)

    return FIND_A_TAG.sub(replace, source or "")


def safe_richtext(value, visible_ids):
    """A RichText (for templates) whose hidden page links are gone."""
    source = value.source if isinstance(value, RichText) else (value or "")
    return RichText(without_hidden_links(source, visible_ids))


def to_html(value, visible_ids):
    """Expanded HTML of a rich text value or database-format string."""
    source = value.source if isinstance(value, RichText) else (value or "")
    return expand_db_html(without_hidden_links(source, visible_ids)) if source else ""
