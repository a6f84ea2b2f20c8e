from wagtail import hooks

from vistka.stories.richtext import PublicPageLinkHandler


@hooks.register("register_rich_text_features")
def link_only_to_public_pages(features):
    features.register_link_type(PublicPageLinkHandler)
