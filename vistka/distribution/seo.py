"""What a page tells search engines and social networks: canonical URL, hreflang alternates,
Open Graph / X cards and schema.org JSON-LD (NewsArticle, OpinionNewsArticle, LiveBlogPosting)."""

import json

from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from vistka.core.sanitise import clean_json
from vistka.distribution.images import LEAD_SRCSET, SOCIAL_CARD, STRUCTURED, every_rendition
from vistka.distribution.links import absolute, edition_url
from vistka.editions.languages import EDITIONS
from vistka.stories.kinds import Kind

PUBLISHER_NAME = "Vistka"
ARTICLE_TYPES = {Kind.COLUMN: "OpinionNewsArticle", Kind.LIVE: "LiveBlogPosting"}


def json_ld(data):
    """JSON safe to place inside <script>: no '<', '>' or '&' that could close the element."""
    text = json.dumps(clean_json(data), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308


def iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def publisher():
    return {
        "@type": "NewsMediaOrganization",
        "name": PUBLISHER_NAME,
        "url": edition_url("uk"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/logo.png")),
            "width": 600,
            "height": 120,
        },
    }


def alternates(links):
    """[(hreflang, url)] for the existing translations, plus x-default to the Ukrainian one."""
    items = [(code, absolute(links[e.code])) for e in EDITIONS if (code := e.code) in links]
    if len(items) < 2:
        return []
    if "uk" in links:
        items.append(("x-default", absolute(links["uk"])))
    return items


def home_alternates():
    return [(e.code, edition_url(e.code)) for e in EDITIONS] + [("x-default", edition_url("uk"))]


def story_images(story):
    if story.lead_image is None:
        return None, []
    # One lookup for every rendition the page uses; the srcset tag then finds them in the cache.
    found = every_rendition(story.lead_image, SOCIAL_CARD, *STRUCTURED, *LEAD_SRCSET)
    return found[SOCIAL_CARD], [absolute(found[spec].url) for spec in STRUCTURED]


def article_head(story, *, authors, tags, links, live_entries, corrections):
    card, structured_images = story_images(story)
    url = absolute(story.canonical_path())
    description = story.search_description or story.lead
    data = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES.get(story.kind, "NewsArticle"),
        "headline": story.title[:110],
        "description": description,
        "datePublished": iso(story.first_published_at),
        "dateModified": iso(story.last_published_at or story.first_published_at),
        "inLanguage": story.language_code,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "author": [
            {"@type": "Person", "name": a.name, "url": edition_url(story.language_code, f"authors/{a.slug}/")}
            for a in authors
        ],
        "publisher": publisher(),
        "keywords": [t.name for t in tags],
        "isAccessibleForFree": True,
    }
    if structured_images:
        data["image"] = structured_images
    if story.section is not None:
        data["articleSection"] = story.section.name
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": iso(c.made_at)}
            for c in corrections
        ]
    if story.kind == Kind.LIVE:
        data["coverageStartTime"] = iso(story.first_published_at)
        data["liveBlogUpdate"] = [
            {
                "@type": "BlogPosting",
                "headline": (e.headline or story.title)[:110],
                "datePublished": iso(e.posted_at),
                "url": f"{url}#entry-{e.pk}",
            }
            for e in live_entries[:50]
        ]
    crumbs = [("Vistka", edition_url(story.language_code))]
    if story.section is not None:
        crumbs.append(
            (story.section.name, edition_url(story.language_code, f"sections/{story.section.slug}/"))
        )
    crumbs.append((story.title, url))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": link}
            for i, (name, link) in enumerate(crumbs, 1)
        ],
    }
    og = [
        ("og:type", "article"),
        ("og:title", story.title),
        ("og:description", description),
        ("og:url", url),
        ("og:site_name", PUBLISHER_NAME),
        ("og:locale", {"uk": "uk_UA", "ru": "ru_RU", "en": "en_GB"}[story.language_code]),
        ("article:published_time", iso(story.first_published_at)),
        ("article:modified_time", iso(story.last_published_at or story.first_published_at)),
    ]
    if story.section is not None:
        og.append(("article:section", story.section.name))
    og += [("article:tag", t.name) for t in tags]
    if card is not None:
        alt = story.lead_image_alt or story.lead_image.description or story.title
        og += [
            ("og:image", absolute(card.url)),
            ("og:image:width", "1200"),
            ("og:image:height", "630"),
            ("og:image:alt", alt),
        ]
    twitter = [
        ("twitter:card", "summary_large_image" if card is not None else "summary"),
        ("twitter:title", story.title),
        ("twitter:description", description),
    ]
    if card is not None:
        twitter.append(("twitter:image", absolute(card.url)))
    return {
        "canonical": url,
        "alternates": alternates(links),
        "og": og,
        "twitter": twitter,
        "json_ld": [json_ld(data), json_ld(breadcrumbs)],
    }


def home_head(home):
    url = edition_url(home.language_code)
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": PUBLISHER_NAME,
        "url": url,
        "inLanguage": home.language_code,
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{url}search/?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    og = [
        ("og:type", "website"),
        ("og:title", PUBLISHER_NAME),
        ("og:url", url),
        ("og:site_name", PUBLISHER_NAME),
        ("og:image", absolute(static("img/logo.png"))),
    ]
    return {
        "canonical": url,
        "alternates": home_alternates(),
        "og": og,
        "twitter": [("twitter:card", "summary")],
        "json_ld": [json_ld(website)],
    }
