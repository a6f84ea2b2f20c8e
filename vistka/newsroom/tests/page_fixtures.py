"""People and stories for the page-permission tests: one actor per role, stories in each editorial
state, and the admin requests that try each action and report whether it took effect."""

import itertools

from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import PageViewRestriction

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import add_url, client_for, edit_form_data, make_staff, story_form_data
from vistka.stories.factories import ArticlePageFactory, archive_for, locale
from vistka.stories.models import ArticlePage

OTHER_EDITION = {"uk": "en", "en": "uk"}
_words = itertools.count(1)


def unique_title(kind):
    """A headline with a word no other page has (found by the admin's search)."""
    return f"{kind.capitalize()} story quokka{next(_words)}x"


def actor_for(role, edition="uk"):
    """The user acting in a test; None for an anonymous visitor. Newsroom staff work in `edition`."""
    if role == "anonymous":
        return None
    if role == "admin":
        return make_staff("admin-user", roles.ADMINS)
    group = {"reporter": roles.REPORTERS, "editor": roles.EDITORS, "translator": roles.TRANSLATORS}[role]
    return make_staff(f"{role}-{edition}", (group, edition))


def colleague_in(edition):
    """A reporter of the edition (the same one on every call)."""
    colleague = get_user_model().objects.filter(username=f"colleague-{edition}").first()
    return colleague or make_staff(f"colleague-{edition}", (roles.REPORTERS, edition))


def story(kind, edition, actor=None, colleague=None):
    """A story of `kind`: published, review (a colleague's draft submitted for review), own (the
    actor's draft), colleague (a colleague's draft, not submitted)."""
    colleague = colleague or colleague_in(edition)
    owner = actor if kind == "own" and actor is not None else colleague
    title = unique_title(kind)
    if kind == "published":
        return ArticlePageFactory(edition=edition, title=title, owner=owner)
    page = ArticlePageFactory(edition=edition, title=title, owner=owner, draft=True, user=owner)
    if kind == "review":
        page.get_workflow().start(page, owner)
    return ArticlePage.objects.get(pk=page.pk)


def fresh(page):
    return ArticlePage.objects.filter(pk=page.pk).first()


def superuser_client():
    user = make_staff("form-reader")
    user.is_superuser = True
    user.save()
    return client_for(user)


def client_of(actor):
    return client_for(actor) if actor is not None else Client()


def is_refusal(response):
    """A refusal as Wagtail and the newsroom answer it: 403, 404, a redirect to the dashboard
    (Wagtail's "Sorry, you do not have permission") or to the login page."""
    location = response.get("Location", "")
    return response.status_code in (403, 404) or (
        response.status_code == 302 and (location == "/admin/" or location.startswith("/admin/login/"))
    )


# --- actions: each returns (took effect, response) ---------------------------------------


def do_view(client, page):
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    return response.status_code == 200, response


_edit_forms = {}


def loaded_revision_fields(page):
    """The version an edit form of `page` is based on, as the form renders it. Each story has its
    own: a form reused from another story would be refused as outdated (vistka.concurrency)."""
    latest = page.latest_revision
    return {"loaded_revision_id": str(latest.pk), "loaded_revision_created_at": latest.created_at.isoformat()}


def edit_data(page, **changes):
    """The edit form's data for a factory story: read from the admin's form once per editorial
    state and reused (the stories differ only in headline, slug and the revision the form is
    based on), which keeps the matrix fast."""
    state = (page.live, page.workflow_in_progress)
    if state not in _edit_forms:
        _edit_forms[state] = edit_form_data(superuser_client(), page)
    data = dict(_edit_forms[state])
    data.update({"title": page.title, "slug": page.slug, **loaded_revision_fields(page), **changes})
    return data


def do_edit(client, page, publish=False):
    new_title = f"{page.title} edited"
    data = edit_data(page, title=new_title)
    if publish:
        data["action-publish"] = "1"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    page_now = fresh(page)
    if publish:
        return page_now.live and page_now.title == new_title, response
    latest = page_now.get_latest_revision()
    return latest is not None and latest.content["title"] == new_title, response


def do_publish(client, page):
    return do_edit(client, page, publish=True)


def do_delete(client, page):
    response = client.post(f"/admin/pages/{page.pk}/delete/")
    return fresh(page) is None, response


def do_unpublish(client, page):
    was_live = page.live
    response = client.post(f"/admin/pages/{page.pk}/unpublish/")
    return was_live and not fresh(page).live, response


def do_translate(client, page):
    target = locale(OTHER_EDITION[page.locale.language_code])
    response = client.post(f"/newsroom/translate/{page.pk}/{target.language_code}/")
    made = ArticlePage.objects.filter(translation_key=page.translation_key, locale=target).exists()
    return made, response


def do_restrict(client, page):
    response = client.post(
        f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "password", "password": "s3cret-words"}
    )
    return PageViewRestriction.objects.filter(page=page).exists(), response


def chooser_shows(client, page):
    """Whether the page chooser (browsing the story's archive as the story choosers do, and its
    search) shows the story's headline: (browse, search, last response)."""
    archive = archive_for(page.locale.language_code)
    browse = client.get(f"/admin/choose-page/{archive.pk}/?page_type=stories.articlepage")
    word = page.title.split()[-1]
    search = client.get(f"/admin/choose-page/search/?q={word}&page_type=stories.articlepage")
    return page.title in browse.content.decode(), page.title in search.content.decode(), search


def do_choose(client, page):
    in_browse, in_search, response = chooser_shows(client, page)
    assert in_browse == in_search, ("browse and search disagree", in_browse, in_search)
    return in_browse, response


def do_add(client, edition):
    title = unique_title("added")
    response = client.post(add_url(edition), story_form_data(title=title, **{"action-submit": "1"}))
    return ArticlePage.objects.filter(title=title).exists(), response


ACTIONS = {
    "view": do_view,
    "edit": do_edit,
    "delete": do_delete,
    "publish": do_publish,
    "unpublish": do_unpublish,
    "translate": do_translate,
    "restrict": do_restrict,
    "choose": do_choose,
}
