"""Issue 13, finding 6 (first line): text is saved without the characters XML forbids.

One pre_save receiver (vistka.core.sanitise) cleans every text, JSON and StreamField value of the
project's models and of the Wagtail models they show; tested here on each kind of object, saved as
the code of the app saves them. The admin forms and the outputs are tested in
vistka/distribution/tests/test_control_characters.py.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.embeds.models import Embed
from wagtail.models import Revision
from wagtail.rich_text import RichText

from vistka.core.sanitise import clean_json, clean_text, is_clean, text_fields
from vistka.distribution.tests.builders import jpeg_image
from vistka.editions.models import EditionSettings
from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    add_live_entry,
    locale,
)
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db

VT, NUL, FF, CR, ESC = "\x0b", "\x00", "\x0c", "\r", "\x1b"
LONE = "\ud800"  # a lone surrogate: json.loads turns "\\ud800" from a form's JSON into this
DIRTY = f"Bridge{VT}opens{NUL} at{ESC} dawn{LONE}\uffff"


def assert_clean(*values):
    for value in values:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        assert is_clean(text), repr(text)


# --- the functions -------------------------------------------------------------------------------


def test_clean_text():
    assert clean_text(DIRTY) == "Bridge opens at dawn"
    assert clean_text(f"one{CR}\ntwo{CR}three{FF}four\tfive\nsix") == "one\ntwo\nthree four\tfive\nsix"
    clean = "Київ, 12\u00a0°C — «ясно» 🌤"
    assert clean_text(clean) is clean
    assert clean_text(None) is None


def test_c1_controls_and_direction_overrides_are_removed_right_to_left_text_stays():
    """A tag named "Bad\u202eevil" read backwards; "\x9b[31m" is a terminal escape in a log line."""
    assert clean_text("Bad\u202eevil\u2066x\u2069") == "Badevilx"
    assert clean_text("C1\x9b[31mred\x85") == "C1[31mred"
    hebrew = "שלום \u200fעולם"  # right-to-left letters and a direction mark are text
    assert clean_text(hebrew) is hebrew
    body = json.dumps([{"type": "heading", "value": "A\u202eB\x9bC", "id": "1"}])
    assert json.loads(clean_json({"body": body})["body"])[0]["value"] == "ABC"


def test_clean_json_keeps_clean_values_and_cleans_nested_ones():
    clean = {"data": [["a", "b"], ["c", 1, None, True]]}
    assert clean_json(clean) is clean
    assert clean_json({f"k{NUL}": [{"v": f"x{VT}y"}], "n": 1.5}) == {"k": [{"v": "x y"}], "n": 1.5}


def test_json_text_inside_json_is_cleaned():
    """A revision keeps each StreamField as JSON text, written with escapes (\\u000b)."""
    body = json.dumps([{"type": "heading", "value": f"A{VT}B{NUL}", "id": "1"}])
    assert "\\u000b" in body
    cleaned = clean_json({"body": body, "title": "ok"})
    assert json.loads(cleaned["body"]) == [{"type": "heading", "value": "A B", "id": "1"}]
    quoted = json.dumps(["a backslash-b: \\b, an emoji: 🌤"])
    assert clean_json(quoted) is quoted


# --- each kind of object ---------------------------------------------------------------------------


def table(*rows):
    return {"data": [list(row) for row in rows], "first_row_is_table_header": True, "table_caption": ""}


def test_a_story_is_saved_clean_with_its_body_and_revision():
    story = ArticlePageFactory(
        title=DIRTY,
        lead=f"Lead{VT}line{NUL}",
        lead_image_caption=f"cap{ESC}",
        search_description=f"desc{FF}",
        body=[
            ("paragraph", RichText(f"<p>One{VT}two{NUL}</p>")),
            ("heading", f"Head{VT}ing"),
            ("table", table(["Year", f"Total{NUL}"], [f"2025{VT}", "12"])),
            ("quote", {"text": f"Said{ESC}", "attribution": f"Her{LONE}"}),
        ],
    )
    saved = ArticlePage.objects.get(pk=story.pk)
    assert saved.title == "Bridge opens at dawn"
    assert saved.draft_title == "Bridge opens at dawn"
    assert saved.lead == "Lead line"
    assert_clean(saved.lead_image_caption, saved.search_description)
    raw = saved.body.raw_data
    assert_clean(list(raw))
    cells = [block for block in raw if block["type"] == "table"][0]["value"]["data"]
    assert cells == [["Year", "Total"], ["2025 ", "12"]]
    revision = saved.latest_revision
    assert_clean(revision.content)
    assert "\\u000b" not in json.dumps(revision.content) and "\\u0000" not in json.dumps(revision.content)


def test_a_draft_revision_is_saved_clean():
    """A draft is only a revision (the page row is not rewritten): its preview shows its content."""
    story = ArticlePageFactory(title="Clean headline")
    story.title = f"Draft{VT}headline"
    story.body = [("table", table([f"a{NUL}", "b"]))]
    revision = story.save_revision()
    revision = Revision.objects.get(pk=revision.pk)
    assert revision.content["title"] == "Draft headline"
    assert_clean(revision.content)
    draft = revision.as_object()
    assert draft.title == "Draft headline"
    assert draft.body.raw_data[0]["value"]["data"] == [["a", "b"]]
    assert_clean(revision.object_str)


def test_live_entries_and_corrections():
    story = ArticlePageFactory(title="Live", correction_note=f"Fixed{VT}a figure{NUL}")
    entry = add_live_entry(story, f"Update{VT}1", f"<p>Text{NUL}{VT}more</p>")
    entry.refresh_from_db()
    assert entry.headline == "Update 1"
    assert entry.text == "<p>Text more</p>"
    assert story.corrections.get().note == "Fixed a figure"


def test_records():
    tag = TagFactory(name=f"Energy{NUL}{VT}grid")
    section = SectionFactory(name=f"Sec{VT}tion", description=f"About{NUL}")
    source = SourceFactory(name=f"Agency{ESC}", qualifier="")
    author = AuthorFactory(name=f"Olena{VT}K", role=f"Reporter{NUL}", bio=f"Bio{FF}graphy")
    for record in (tag, section, source, author):
        record.refresh_from_db()
    assert tag.name == "Energy grid"
    assert (section.name, section.description) == ("Sec tion", "About")
    assert source.name == "Agency"
    assert (author.name, author.role, author.bio) == ("Olena K", "Reporter", "Bio graphy")


def test_edition_settings():
    settings, _created = EditionSettings.objects.get_or_create(locale=locale("en"))
    settings.support_heading = f"Support{VT}us"
    settings.support_text = f"Please{NUL}"
    settings.save()
    settings.refresh_from_db()
    assert (settings.support_heading, settings.support_text) == ("Support us", "Please")


def test_images_documents_and_embeds(media_root):
    image = jpeg_image("Photo")
    image.title = f"Photo{VT}title"
    image.description = f"Alt{NUL}text"
    image.save()
    image.refresh_from_db()
    assert (image.title, image.description) == ("Photo title", "Alttext")

    document = get_document_model().objects.create(
        title=f"Report{VT}2025", file=ContentFile(b"%PDF-1.4", name="report.pdf")
    )
    document.refresh_from_db()
    assert document.title == "Report 2025"

    embed = Embed.objects.create(url="https://video.example/1", html=f"<iframe title='a{VT}b'></iframe>")
    embed.refresh_from_db()
    assert embed.html == "<iframe title='a b'></iframe>"


def test_users_names():
    user = get_user_model().objects.create_user("olena", first_name=f"Ole{VT}na", last_name=f"K{NUL}")
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Ole na", "K")


def test_a_partial_save_touches_only_its_fields():
    story = ArticlePageFactory(title="Clean")
    ArticlePage.objects.filter(pk=story.pk).update(lead=f"dirty{VT}")  # no signal: stays dirty
    partial = ArticlePage.objects.only("id", "title").get(pk=story.pk)
    partial.title = f"New{VT}title"
    partial.save(update_fields=["title"])
    saved = ArticlePage.objects.get(pk=story.pk)
    assert saved.title == "New title"
    assert saved.lead == f"dirty{VT}", "a field not saved is neither loaded nor written"


def test_models_outside_the_project_are_not_touched():
    from django.contrib.sessions.models import Session

    assert text_fields(Session) == []
    assert [name for name, _kind, _field in text_fields(ArticlePage)][:2] == ["path", "title"]


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path
