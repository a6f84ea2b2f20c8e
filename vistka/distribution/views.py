from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from vistka.delivery import keys
from vistka.distribution.feeds import FORMATS, feed_stories, render_feed
from vistka.distribution.links import absolute
from vistka.people.models import Author
from vistka.reader import queries
from vistka.reader.views import KIND_LIST_TITLES
from vistka.stories.kinds import URL_ROOTS
from vistka.taxonomy.models import Section, Tag

SCOPE_KEYS = {"sections": "sec", "tags": "tag", "authors": "au"}
RECORD_SCOPES = {
    "sections": (Section, "section"),
    "tags": (Tag, "story_tags__tag"),
    "authors": (Author, "story_authors__author"),
}


def feed(request, home, fmt, scope=None, slug=None):
    """A feed of the list at `{prefix}{scope}/{slug}/`: the edition, a kind, section, tag or author."""
    stories = queries.stories(home.locale_id)
    edition = home.language_code
    scope_key = f"all-{edition}"
    title = "Vistka"
    list_path = home.url
    if scope in KIND_LIST_TITLES:
        kinds = [kind for kind, root in URL_ROOTS.items() if root == scope]
        stories = stories.filter(kind__in=kinds)
        title = f"{KIND_LIST_TITLES[scope]} — Vistka"
        scope_key = f"kind-{edition}-{scope}"
        list_path = f"{home.url}{scope}/"
    elif scope in RECORD_SCOPES:
        model, lookup = RECORD_SCOPES[scope]
        record = get_object_or_404(model, locale_id=home.locale_id, slug=slug)
        stories = stories.filter(**{lookup: record})
        title = f"{record.name} — Vistka"
        scope_key = f"{SCOPE_KEYS[scope]}-{record.pk}"
        list_path = f"{home.url}{scope}/{slug}/"
    items = feed_stories(stories)
    keys.add(request, scope_key, f"edition-{edition}", *keys.listed(items))
    return render_feed(
        FORMATS[fmt],
        title=title,
        link=absolute(list_path),
        feed_url=absolute(request.path),
        language=home.language_code,
        description=_("Latest stories from Vistka"),
        stories=items,
    )
