"""Links in rich text point only at pages the public may see.

Wagtail stores a link to a page as <a linktype="page" id="42"> and expands it to the page's
address whatever the page's state, so a story linking to a draft, an unpublished or a
password-protected story would give that address away (and send readers to a 404 or a login).
Such a link keeps its text and loses its target (<a>), as Wagtail does for a deleted page. The
check rides on the query Wagtail's handler makes anyway: no query is added.
"""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from vistka.delivery import keys


def public_pages(queryset):
    """The pages of `queryset` that the public may see (the stories' own rule, less the edition)."""
    from vistka.stories.models import public_condition

    return queryset.filter(public_condition())


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = public_pages(Page.objects.filter(id__in=ids)).defer_streamfields().specific()
        keys.shown(pages)
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(pk)) for pk in ids]
