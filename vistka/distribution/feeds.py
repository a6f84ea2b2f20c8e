"""RSS 2.0, Atom and JSON Feed 1.1 for any story list: newest 50, full text, Kyiv times."""

import json

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from vistka.core.sanitise import clean_json, clean_text
from vistka.distribution.bodies import bodies_html
from vistka.distribution.images import FEED_IMAGE, renditions
from vistka.distribution.links import absolute
from vistka.stories.models import ArticleAuthor, ArticlePage, ArticleTag

FEED_SIZE = 50
FORMATS = {"rss": "rss", "atom": "atom", "json": "json"}  # appended to a list URL: rss/, atom/, json/
# What an item prints: a list's fields (address, date, lead, lead image) and the full text.
FEED_FIELDS = (*ArticlePage.LISTING_FIELDS, "go_live_at", "last_published_at", "body")


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 plus content:encoded (full text) and dc:creator (every author)."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        attrs["xmlns:dc"] = "http://purl.org/dc/elements/1.1/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        for name in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("authors", ())[1:]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


def feed_stories(queryset):
    """The newest stories of a list with everything an item prints, in a fixed number of queries
    (none per story): authors, tags and the lead image's feed rendition prefetched."""
    feed_renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=Filter(FEED_IMAGE).spec)
    )
    return list(
        queryset.only(*FEED_FIELDS)
        .select_related("lead_image")
        .prefetch_related(
            Prefetch(
                "story_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
            Prefetch("story_tags", queryset=ArticleTag.objects.select_related("tag").order_by("sort_order")),
            Prefetch("lead_image__renditions", queryset=feed_renditions, to_attr="prefetched_renditions"),
        )
        .order_by("-first_published_at", "-pk")[:FEED_SIZE]
    )


def _item(story, body_html):
    authors = [link.author.name for link in story.story_authors.all()]
    # get_renditions, unlike get_rendition, does not write a prefetched rendition back to the cache.
    image = renditions(story.lead_image, FEED_IMAGE)[FEED_IMAGE] if story.lead_image else None
    return {
        "id": absolute(story.canonical_path()),
        "title": story.title,
        "url": absolute(story.canonical_path()),
        "summary": story.lead,
        "content_html": body_html,
        "published": timezone.localtime(story.first_published_at),
        "modified": timezone.localtime(story.last_published_at or story.first_published_at),
        "authors": authors,
        "tags": [link.tag.name for link in story.story_tags.all()],
        "image": image,
    }


def _image_size(rendition):
    try:
        return str(rendition.file.size)
    except OSError:
        return "0"


def render_feed(fmt, *, title, link, feed_url, language, description, stories):
    stories = list(stories)
    # Without the characters XML forbids (Django's feed writer raises on them): saves strip them, but
    # queryset updates and bulk inserts do not pass there.
    items = [
        clean_json(_item(story, body)) for story, body in zip(stories, bodies_html(stories), strict=True)
    ]
    title, description = clean_text(title), clean_text(description)
    if fmt == "json":
        return _json_feed(title, link, feed_url, language, description, items)
    generator = (RssWithContent if fmt == "rss" else AtomWithContent)(
        title=title,
        link=link,
        description=description,
        language=language,
        feed_url=feed_url,
    )
    for item in items:
        enclosures = []
        if item["image"] is not None:
            enclosures.append(
                Enclosure(absolute(item["image"].url), _image_size(item["image"]), "image/jpeg")
            )
        generator.add_item(
            title=item["title"],
            link=item["url"],
            description=item["summary"] or item["title"],
            unique_id=item["id"],
            unique_id_is_permalink=True,
            pubdate=item["published"],
            updateddate=item["modified"],
            author_name=", ".join(item["authors"]) or None,
            categories=item["tags"],
            enclosures=enclosures,
            authors=item["authors"],
            content_html=item["content_html"],
        )
    content_type = "application/rss+xml" if fmt == "rss" else "application/atom+xml"
    response = HttpResponse(content_type=f"{content_type}; charset=utf-8")
    generator.write(response, "utf-8")
    return response


def _json_feed(title, link, feed_url, language, description, items):
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": link,
        "feed_url": feed_url,
        "description": description,
        "language": language,
        "items": [
            {
                "id": item["id"],
                "url": item["url"],
                "title": item["title"],
                "summary": item["summary"],
                "content_html": item["content_html"],
                **({"image": absolute(item["image"].url)} if item["image"] is not None else {}),
                "date_published": item["published"].isoformat(),
                "date_modified": item["modified"].isoformat(),
                "authors": [{"name": name} for name in item["authors"]],
                "tags": item["tags"],
                "language": language,
            }
            for item in items
        ],
    }
    body = json.dumps(document, ensure_ascii=False)
    return HttpResponse(body, content_type="application/feed+json; charset=utf-8")
