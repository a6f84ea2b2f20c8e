"""Sitemap index, monthly story sitemaps (<= 50,000 URLs each), a Google News sitemap and
robots.txt. Built with plain queries so they scale to a million stories."""

from datetime import datetime, timedelta

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from vistka.core.sanitise import clean_text
from vistka.delivery import keys
from vistka.distribution.links import absolute, edition_url
from vistka.editions.languages import EDITIONS, language_code_for_locale_id
from vistka.stories.models import ArticlePage
from vistka.taxonomy.models import Section

URLS_PER_SITEMAP = 50_000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
SITEMAP_FIELDS = (
    "id",
    "kind",
    "story_number",
    "url_root",
    "first_published_at",
    "last_published_at",
    "locale_id",
    "translation_key",
    "title",
    "go_live_at",
)


def _xml(template, context, request=None):
    keys.add(request, "sitemap")
    # Without the characters XML forbids (a headline's vertical tab made the news sitemap ill-formed).
    document = clean_text(render_to_string(template, context))
    return HttpResponse(document, content_type="application/xml; charset=utf-8")


def _month_bounds(year, month):
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
    return start, end


def sitemap_index(request):
    months = ArticlePage.objects.visible().datetimes("first_published_at", "month", order="DESC")
    entries = [absolute("/sitemaps/pages.xml"), absolute("/sitemaps/news.xml")]
    for month in months:
        start, end = _month_bounds(month.year, month.month)
        count = (
            ArticlePage.objects.visible()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .count()
        )
        parts = max(1, -(-count // URLS_PER_SITEMAP))
        for part in range(1, parts + 1):
            suffix = "" if part == 1 else f"-{part}"
            entries.append(absolute(f"/sitemaps/stories-{month:%Y-%m}{suffix}.xml"))
    return _xml("distribution/sitemap_index.xml", {"sitemaps": entries}, request)


def _alternates(stories):
    """{translation_key: [(language code, absolute URL)]} for the given stories' translation groups."""
    keys = {story.translation_key for story in stories}
    groups = {}
    translations = ArticlePage.objects.visible().filter(translation_key__in=keys).only(*SITEMAP_FIELDS)
    for story in translations:
        groups.setdefault(story.translation_key, []).append(
            (language_code_for_locale_id(story.locale_id), absolute(story.canonical_path()))
        )
    return groups


def _entries(stories):
    groups = _alternates(stories)
    entries = []
    for story in stories:
        alternates = sorted(groups.get(story.translation_key, []))
        if len(alternates) < 2:
            alternates = []
        x_default = next((url for code, url in alternates if code == "uk"), None)
        entries.append(
            {
                "story": story,
                "loc": absolute(story.canonical_path()),
                "alternates": alternates,
                "x_default": x_default,
                "lastmod": story.last_published_at or story.first_published_at,
                "language": language_code_for_locale_id(story.locale_id),
            }
        )
    return entries


def month_sitemap(request, year, month, part=1):
    try:
        start, end = _month_bounds(int(year), int(month))
    except ValueError as error:
        raise Http404 from error
    part = int(part or 1)
    offset = (part - 1) * URLS_PER_SITEMAP
    stories = list(
        ArticlePage.objects.visible()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by("first_published_at", "pk")
        .only(*SITEMAP_FIELDS)[offset : offset + URLS_PER_SITEMAP]
    )
    if not stories:
        raise Http404
    return _xml("distribution/sitemap_stories.xml", {"entries": _entries(stories)}, request)


def news_sitemap(request):
    since = timezone.now() - NEWS_WINDOW
    stories = list(
        ArticlePage.objects.visible()
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at")
        .only(*SITEMAP_FIELDS)[:NEWS_LIMIT]
    )
    return _xml(
        "distribution/sitemap_news.xml", {"entries": _entries(stories), "publication": "Vistka"}, request
    )


def pages_sitemap(request):
    urls = []
    for edition in EDITIONS:
        urls.append(edition_url(edition.code))
        urls.append(edition_url(edition.code, "all/"))
        for root in ("news", "articles", "columns", "live"):
            urls.append(edition_url(edition.code, f"{root}/"))
    for section in Section.objects.all():
        urls.append(edition_url(language_code_for_locale_id(section.locale_id), f"sections/{section.slug}/"))
    return _xml("distribution/sitemap_pages.xml", {"urls": urls}, request)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /newsroom/",
        *(f"Disallow: {edition.prefix}search/" for edition in EDITIONS),
        "",
        f"Sitemap: {absolute('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
