"""Serves a story at its dated address without walking the page tree: one query finds it."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import http_date

from vistka.core.precompiled import Precompiled
from vistka.delivery import keys
from vistka.editions.languages import locale_id_for
from vistka.stories.models import ArticlePage

STORY_PATH = (
    r"^(?P<root>news|articles|columns|live)/(?P<year>\d{4})/(?P<month>\d{1,2})"
    r"/(?P<day>\d{1,2})/(?P<number>\d{1,12})/$"
)


def _visible_story(locale_id, number):
    return (
        ArticlePage.objects.visible(locale_id)
        .filter(story_number=number)
        .select_related("lead_image", "section")[:1]
    )


VISIBLE_STORY = Precompiled(_visible_story, ("int", "int"))


def story(request, root, year, month, day, number):
    # Named even when missing, so publishing the story purges a cached 404 of its address.
    keys.add(request, keys.story(int(number)))
    locale_id = locale_id_for(translation.get_language())
    found = VISIBLE_STORY(locale_id, int(number))
    article = found[0] if found else None
    if article is None or article.url_root != root:
        raise Http404
    first = article.local_first_published
    if (first.year, first.month, first.day) != (int(year), int(month), int(day)):
        raise Http404
    canonical = article.canonical_path()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    response = article.serve(request)
    response["Last-Modified"] = http_date(
        (article.last_published_at or article.first_published_at).timestamp()
    )
    return response
