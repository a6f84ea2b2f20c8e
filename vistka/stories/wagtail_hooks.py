from wagtail import hooks

from vistka.stories.richtext import PublicPageLinkHandler


@hooks.register("register_rich_text_features")
def link_only_to_public_pages(features):
    features.register_link_type(PublicPageLinkHandler)


@hooks.register("construct_page_action_menu")
def filing_submits_for_review(menu_items, request, context):
    """A reporter files a new story by submitting it for review: that is the main button of the
    new story's form for those who cannot publish (saving a draft stays in the menu)."""
    if context.get("view") != "create":
        return
    names = [getattr(item, "name", "") for item in menu_items]
    if "action-publish" in names or "action-submit" not in names:
        return
    menu_items.sort(key=lambda item: getattr(item, "name", "") != "action-submit")


@hooks.register("register_admin_viewset")
def story_listings():
    from vistka.stories.listing import StoryExplorerViewSet, StoryListingViewSet

    return [StoryListingViewSet(), StoryExplorerViewSet()]


@hooks.register("insert_global_admin_css")
def story_listing_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("stories/listing.css"))
