"""The API's story queries. All start from ArticlePage.objects.visible(), the one definition of
what the public may see, and load what a response needs in a fixed number of queries."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch
from wagtail.images import get_image_model

from vistka.api.serializers.images import RENDITION
from vistka.editions.languages import language_code_for_locale_id, locale_id_for
from vistka.stories.models import ArticleAuthor, ArticlePage, ArticleTag

# The story fields a translation link needs (canonical_path()).
ADDRESS_FIELDS = (
    "id",
    "content_type_id",
    "kind",
    "story_number",
    "url_root",
    "first_published_at",
    "locale_id",
    "go_live_at",
)


def visible(edition=None):
    return ArticlePage.objects.visible(locale_id_for(edition) if edition else None)


def filtered(edition=None, kind=None, section=None, tag=None, author=None, since=None, until=None):
    """Visible stories matching the filters, newest first. Unknown slugs match nothing."""
    queryset = visible(edition)
    if kind:
        queryset = queryset.filter(kind=kind)
    if section:
        queryset = queryset.filter(section__slug=section)
    if tag:
        queryset = queryset.filter(
            Exists(ArticleTag.objects.filter(page=OuterRef("pk"), tag__slug=tag)),
        )
    if author:
        queryset = queryset.filter(
            Exists(ArticleAuthor.objects.filter(page=OuterRef("pk"), author__slug=author)),
        )
    if since is not None:
        queryset = queryset.filter(first_published_at__gte=since)
    if until is not None:
        queryset = queryset.filter(first_published_at__lt=until)
    return queryset.order_by("-first_published_at", "-pk")


def with_listing_data(queryset):
    """Section, tags, authors and the lead image's rendition, without a query per story."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=RENDITION)
    return (
        queryset.defer("body")
        .select_related("section", "lead_image", "lead_image__details")
        .prefetch_related(
            Prefetch(
                "story_tags", queryset=ArticleTag.objects.select_related("tag").order_by("sort_order", "pk")
            ),
            Prefetch(
                "story_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order", "pk"),
            ),
            Prefetch("lead_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
        )
    )


def translation_urls(stories, url_for):
    """{translation_key: {edition code: url}} of the visible versions of the given stories."""
    keys = {story.translation_key for story in stories}
    if not keys:
        return {}
    versions = (
        ArticlePage.objects.visible()
        .filter(translation_key__in=keys)
        .only(*ADDRESS_FIELDS, "translation_key")
    )
    found = defaultdict(dict)
    for version in versions:
        found[version.translation_key][language_code_for_locale_id(version.locale_id)] = url_for(version)
    return found


def visible_by_pk(pks):
    """{pk: story} of the given stories that are publicly visible."""
    if not pks:
        return {}
    found = {
        story.pk: story
        for story in ArticlePage.objects.visible().filter(pk__in=pks).only(*ADDRESS_FIELDS, "title")
    }
    for story in found.values():
        story.public = True  # what the body templates link by (StoryChooserBlock sets it too)
    return found
