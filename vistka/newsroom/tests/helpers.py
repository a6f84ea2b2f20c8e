"""Shared test helpers: newsroom staff, logged-in clients and Wagtail admin form data.

Fixtures defined here are re-exported by the conftest.py of each tests package that needs them.
"""

import json
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text
from wagtail.test.utils.wagtail_tests import WagtailTestUtils
from wagtail.users.models import UserProfile

from vistka.newsroom import roles
from vistka.stories.blocks import INLINE_FEATURES
from vistka.stories.factories import archive_for

# --- people ------------------------------------------------------------------------


def make_staff(username, *groups):
    """A staff member in the given groups, e.g. make_staff("olena", ("Reporters", "uk"), "Admins")."""
    user = get_user_model().objects.create_user(username, email=f"{username}@vistka.test", password="pw")
    for group in groups:
        name = roles.group_name(*group) if isinstance(group, tuple) else group
        user.groups.add(Group.objects.get(name=name))
    return user


def prefer_admin_language(user, code):
    """The language the admin speaks to this user (otherwise the site default, Ukrainian)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter_uk(db):
    return make_staff("reporter-uk", (roles.REPORTERS, "uk"))


@pytest.fixture
def editor_uk(db):
    return make_staff("editor-uk", (roles.EDITORS, "uk"))


@pytest.fixture
def translator_en(db):
    return make_staff("translator-en", (roles.TRANSLATORS, "en"))


@pytest.fixture
def reporter_client(reporter_uk):
    return client_for(reporter_uk)


@pytest.fixture
def editor_client(editor_uk):
    return client_for(editor_uk)


@pytest.fixture
def translator_client(translator_en):
    return client_for(translator_en)


# --- shared data for read-only test modules ------------------------------------------


@contextmanager
def rolled_back(django_db_blocker):
    """Build data once for a whole module; everything is rolled back when the module is done.

    Each test still runs in its own savepoint, so a test that changes the shared data
    cannot leak into the next one. Not for transactional tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- Wagtail admin form data --------------------------------------------------------


def add_url(edition="uk"):
    return f"/admin/pages/add/stories/articlepage/{archive_for(edition).pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def rich(html):
    return rich_text(html, features=INLINE_FEATURES)


def body_form_data(blocks):
    """StreamField POST data for the story body from (block_type, python value) pairs.

    Values: paragraph -> HTML string; heading -> str; labelled -> {"label", "text" (HTML)};
    source -> {"source": Source or None, "note"}.
    """
    data = {"count": str(len(blocks))}
    for i, (block_type, value) in enumerate(blocks):
        if block_type == "paragraph":
            form_value = rich(str(value))
        elif block_type == "heading":
            form_value = value
        elif block_type == "labelled":
            form_value = {"label": value["label"], "text": rich(str(value.get("text") or ""))}
        elif block_type == "source":
            source = value.get("source")
            form_value = {"source": str(source.pk) if source else "", "note": value.get("note") or ""}
        else:
            raise NotImplementedError(block_type)
        data[str(i)] = {"type": block_type, "value": form_value, "deleted": "", "order": str(i), "id": ""}
    return data


def stream_to_blocks(stream_value):
    """The (block_type, value) pairs of a saved body, for body_form_data."""
    blocks = []
    for child in stream_value:
        value = child.value
        if child.block_type == "paragraph":
            blocks.append(("paragraph", value.source))
        elif child.block_type == "heading":
            blocks.append(("heading", value))
        elif child.block_type == "labelled":
            blocks.append(("labelled", {"label": value["label"], "text": value["text"].source}))
        elif child.block_type == "source":
            blocks.append(("source", {"source": value["source"], "note": value["note"]}))
        else:
            raise NotImplementedError(child.block_type)
    return blocks


def story_form_data(
    title="A new bridge opens",
    kind="news",
    lead="What happened.",
    body=None,
    authors=(),
    tags=(),
    section=None,
    **extra,
):
    """POST data for the ArticlePage add form, with every formset's management form."""
    if body is None:
        body = [("paragraph", "<p>What happened, in plain words.</p>")]
    data = nested_form_data(
        {
            "title": title,
            "kind": kind,
            "lead": lead,
            "body": body_form_data(body),
            "section": str(section.pk) if section else "",
            "story_authors": inline_formset([{"author": str(a.pk), "id": ""} for a in authors]),
            "story_tags": inline_formset([{"tag": str(t.pk), "id": ""} for t in tags]),
            "corrections": inline_formset([]),
            "live_entries": inline_formset([]),
            "lead_image": "",
            "lead_image_alt": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "breaking_until": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data.update(extra)
    return data


def edit_form_data(client, page, **changes):
    """POST data for the edit form of `page`, as the browser would send it unchanged, plus `changes`.

    Reads the rendered form (fields and formsets with their real ids) and rebuilds the body,
    which the admin renders through JavaScript, from the page's latest revision.
    """
    response = client.get(edit_url(page))
    assert response.status_code == 200, response.status_code
    form = querydict_from_html(response.text, form_id="page-edit-form")
    data = {key: value for key, value in form.items() if "__prefix__" not in key}
    latest = page.get_latest_revision_as_object()
    body = changes.pop("body", None)
    data.update(
        nested_form_data(
            {"body": body_form_data(body if body is not None else stream_to_blocks(latest.body))}
        )
    )
    data.update(changes)
    return data


def initial_body_block_types(html):
    """[(block_type, label)] the form's body starts with, read from the StreamField's JS arguments."""
    body = WagtailTestUtils.get_soup(html).find(id="body")
    assert body is not None, "the form has no body field"
    blocks, _errors = json.loads(body["data-w-block-arguments-value"])
    return [
        (block["type"], block["value"]["label"][0] if block["type"] == "labelled" else None)
        for block in blocks
    ]
