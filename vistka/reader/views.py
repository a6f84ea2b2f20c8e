"""Reader pages served under each edition's home page (see EditionHomePage routes)."""

from datetime import date, datetime, time, timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from vistka.delivery import keys
from vistka.distribution.links import absolute
from vistka.distribution.seo import home_head
from vistka.editions import languages
from vistka.editions.dates import long_date
from vistka.people.models import Author
from vistka.reader import cursor, queries
from vistka.reader.search import search_stories
from vistka.reader.search_html import result_items
from vistka.stories.kinds import URL_ROOTS
from vistka.stories.models import ArticlePage
from vistka.taxonomy.models import Section, Tag

KIND_LIST_TITLES = {
    "news": pgettext_lazy("list title", "News"),
    "articles": pgettext_lazy("list title", "Articles"),
    "columns": pgettext_lazy("list title", "Columns"),
    "live": pgettext_lazy("list title", "Live coverage"),
}


def home_context(home, request=None):
    locale_id = home.locale_id
    picked = [pick.story for pick in home.top_stories.select_related("story").order_by("sort_order")]
    # Only what readers may see: live, published, no view restriction on the story or above it.
    public = set(
        ArticlePage.objects.visible().filter(pk__in=[s.pk for s in picked]).values_list("pk", flat=True)
    )
    top = [story for story in picked if story.pk in public]
    if not top:  # until editors pick, lead with the newest important stories
        top = list(queries.stories(locale_id).filter(is_important=True)[:5])
    grouped = queries.latest_by_section(locale_id)
    sections = [
        (section, grouped[section.pk])
        for section in queries.sections_menu(locale_id)
        if section.pk in grouped
    ]
    edition = home.language_code
    keys.add(request, f"home-{edition}", *keys.listed(top))
    for _section, stories in sections:
        keys.add(request, *keys.listed(stories))
    head = home_head(home)
    head["feeds"] = feed_links(home.url, "Vistka")
    return {"top_stories": top, "section_blocks": sections, "head": head}


def feed_links(list_path, title):
    """Discovery links for the feeds of a list page."""
    return [
        (f"{title} (RSS)", f"{list_path}rss/", "application/rss+xml"),
        (f"{title} (Atom)", f"{list_path}atom/", "application/atom+xml"),
        (f"{title} (JSON Feed)", f"{list_path}json/", "application/feed+json"),
    ]


def _story_list(
    request, home, title, queryset, scope_key, template="reader/story_list.html", feed_path=None, **extra
):
    page = cursor.paginate(queryset, request.GET.get("before"))
    keys.add(request, scope_key, *keys.listed(page.items))
    head = {"canonical": absolute(request.path), "feeds": feed_links(feed_path, title) if feed_path else []}
    context = {
        "page": home,
        "self": home,
        "list_title": title,
        "stories": page.items,
        "next_cursor": page.next_cursor,
        "is_paged": bool(request.GET.get("before")),
        "head": head,
        **extra,
    }
    return TemplateResponse(request, template, context)


def all_news(request, home):
    return _story_list(
        request,
        home,
        _("All news"),
        queries.stories(home.locale_id),
        f"all-{home.language_code}",
        show_days=True,
        feed_path=home.url,
    )


def kind_list(request, home, root):
    kinds = [kind for kind, kind_root in URL_ROOTS.items() if kind_root == root]
    queryset = queries.stories(home.locale_id).filter(kind__in=kinds)
    return _story_list(
        request,
        home,
        KIND_LIST_TITLES[root],
        queryset,
        f"kind-{home.language_code}-{root}",
        show_days=True,
        feed_path=f"{home.url}{root}/",
    )


def section_page(request, home, slug):
    section = get_object_or_404(Section, locale_id=home.locale_id, slug=slug)
    queryset = queries.stories(home.locale_id).filter(section=section)
    return _story_list(
        request,
        home,
        section.name,
        queryset,
        f"sec-{section.pk}",
        record=section,
        feed_path=f"{home.url}sections/{slug}/",
    )


def tag_page(request, home, slug):
    tag = get_object_or_404(Tag, locale_id=home.locale_id, slug=slug)
    queryset = queries.stories(home.locale_id).filter(story_tags__tag=tag)
    return _story_list(
        request, home, tag.name, queryset, f"tag-{tag.pk}", record=tag, feed_path=f"{home.url}tags/{slug}/"
    )


def author_page(request, home, slug):
    author = get_object_or_404(Author, locale_id=home.locale_id, slug=slug)
    queryset = queries.stories(home.locale_id).filter(story_authors__author=author)
    return _story_list(
        request,
        home,
        author.name,
        queryset,
        f"au-{author.pk}",
        record=author,
        template="reader/author.html",
        feed_path=f"{home.url}authors/{slug}/",
    )


ARCHIVE_YEARS = (1990, 2200)


def _day_bounds(day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def archive_day(request, home, year, month, day):
    if not ARCHIVE_YEARS[0] <= year <= ARCHIVE_YEARS[1]:
        raise Http404
    try:
        wanted = date(year, month, day)
    except ValueError as error:
        raise Http404 from error
    canonical = f"archive/{wanted:%Y}/{wanted:%m}/{wanted:%d}/"
    if not request.path.endswith(canonical):
        from django.shortcuts import redirect

        return redirect(home.url + canonical, permanent=True)
    start, end = _day_bounds(wanted)
    keys.add(request, keys.day(home.language_code, start))
    base = queries.stories(home.locale_id)
    items = list(
        base.filter(first_published_at__gte=start, first_published_at__lt=end).order_by("first_published_at")
    )
    previous_story = base.filter(first_published_at__lt=start).only("first_published_at").first()
    next_story = (
        base.filter(first_published_at__gte=end)
        .order_by("first_published_at")
        .only("first_published_at")
        .first()
    )
    context = {
        "page": home,
        "self": home,
        "list_title": long_date(start, home.language_code, with_time=False),
        "stories": items,
        "previous_day": timezone.localtime(previous_story.first_published_at).date()
        if previous_story
        else None,
        "next_day": timezone.localtime(next_story.first_published_at).date() if next_story else None,
    }
    return TemplateResponse(request, "reader/archive_day.html", context)


def search(request, home):
    query = request.GET.get("q", "")
    order = "new" if request.GET.get("order") == "new" else "relevance"
    try:
        offset = max(0, min(int(request.GET.get("offset", "0")), 1000))
    except ValueError:
        offset = 0
    results = search_stories(home.locale_id, home.language_code, query, order=order, offset=offset)
    keys.add(request, f"all-{home.language_code}")
    context = {
        "page": home,
        "self": home,
        "query": results.query,
        "results": results,
        "result_items": result_items(results.hits),
        "order": order,
        "noindex": True,
    }
    return TemplateResponse(request, "reader/search.html", context)


def search_page(request, path="search/"):
    """``/search/`` of the active edition without Wagtail's page routing (the site's root, its
    translation, the specific page and its view restrictions: four queries) in one precompiled
    query. A home page that is not live, not found or under a view restriction goes through
    Wagtail as before (its own answer, password or login form)."""
    from wagtail import views as wagtail_views  # imports models: not while apps load this module

    from vistka.editions.homes import live_home  # its models import this module

    home = live_home(
        languages.locale_id_for(translation.get_language()), getattr(request, "_wagtail_site", None)
    )
    if home is None or home.restricted:
        return wagtail_views.serve(request, path)
    return search(request, home)
