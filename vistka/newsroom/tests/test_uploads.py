"""Bad input gets a clear form error, never a 500 and never a half-saved record."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import (
    add_url,
    client_for,
    edit_form_data,
    edit_url,
    make_staff,
    prefer_admin_language,
    story_form_data,
)
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage

Image = get_image_model()
ADD_IMAGE = "/admin/images/add/"


def png(size=(40, 30), mode="RGB", noise=False):
    image = PILImage.effect_noise(size, 100).convert(mode) if noise else PILImage.new(mode, size)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def decompression_bomb():
    """A ~50 KB PNG that declares 20000 x 20000 pixels (400 megapixels, 50 MB even at one bit per pixel)."""
    return png((20000, 20000), mode="1")


@pytest.fixture(scope="session")
def over_the_pixel_limit():
    """8000 x 8000 = 64 megapixels: over WAGTAILIMAGES_MAX_IMAGE_PIXELS (40 M), under Pillow's own guard."""
    return png((8000, 8000), mode="1")


@pytest.fixture
def editor(db):
    user = make_staff("upload-editor", (roles.EDITORS, "uk"))
    return client_for(prefer_admin_language(user, "en"))  # assert on Wagtail's English messages


def upload(client, name, content):
    return client.post(
        ADD_IMAGE,
        {"title": "Upload", "file": SimpleUploadedFile(name, content), "description": "", "tags": ""},
    )


def assert_form_error(response, *phrases):
    assert response.status_code == 200
    with translation.override("en"):  # the editor's admin language; the messages are lazy
        errors = [str(error) for error in response.context["form"].errors.get("file", [])]
    assert errors, response.context["form"].errors
    message = " ".join(errors)
    assert any(phrase.lower() in message.lower() for phrase in phrases), message
    html = response.content.decode()
    assert any(error.split(".")[0] in html for error in errors), "the error is not shown on the page"
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_control_a_real_image_is_accepted(editor):
    response = upload(editor, "photo.png", png())
    assert response.status_code == 302
    assert Image.objects.get().width == 40


@pytest.mark.django_db
def test_a_text_file_with_an_image_extension_is_refused(editor):
    assert_form_error(
        upload(editor, "notes.png", b"These are my notes, not a picture.\n" * 20),
        "not a valid",
        "upload a valid image",
    )


@pytest.mark.django_db
def test_a_file_with_an_unsupported_extension_is_refused(editor):
    assert_form_error(upload(editor, "photo.txt", png()), "not a supported image format")


@pytest.mark.django_db
def test_an_image_disguised_under_another_extension_is_refused(editor):
    assert_form_error(upload(editor, "photo.jpg", png()), "does not match")


@pytest.fixture(scope="session")
def truncated_png():
    """A PNG cut in half: its header is intact, its pixel data is not."""
    content = png((200, 200), noise=True)
    return content[: len(content) // 2]


@pytest.mark.django_db
def test_a_truncated_png_is_refused(editor, truncated_png):
    assert_form_error(upload(editor, "broken.png", truncated_png), "not a valid", "upload a valid image")


@pytest.mark.django_db
def test_a_truncated_png_is_refused_by_the_multiple_upload_view(editor, truncated_png):
    """The admin's "Add images" button uploads here, one file per request, and expects JSON back."""
    response = editor.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("broken.png", truncated_png)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not Image.objects.exists()


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2048)
def test_a_file_over_the_upload_limit_is_refused(editor):
    content = png((120, 120), noise=True)
    assert len(content) > 2048
    # Reduced to fit when it can be (vistka.imagery); this noise cannot fit 2 KB.
    assert_form_error(upload(editor, "big.png", content), "too big", "could not be reduced")


@pytest.mark.django_db
def test_a_png_over_the_pixel_limit_is_refused_with_advice(editor, over_the_pixel_limit):
    """Only a JPEG is reduced (decoded at a reduced scale); a PNG would be decoded whole."""
    assert_form_error(
        upload(editor, "wide.png", over_the_pixel_limit), "the largest original", "40 megapixels"
    )


@pytest.fixture(scope="session")
def truncated_camera_original():
    """An 8000 x 6000 (48 megapixel) JPEG cut to a third: the header reads, the pixels do not."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (8000, 6000), (120, 30, 200)).save(buffer, "JPEG", quality=95)
    content = buffer.getvalue()
    return content[: len(content) // 3]


@pytest.mark.django_db
def test_a_truncated_camera_original_is_refused(editor, truncated_camera_original):
    response = upload(editor, "DSC_0042.jpg", truncated_camera_original)
    assert_form_error(response, "upload a valid image")


@pytest.mark.django_db
def test_a_truncated_camera_original_is_refused_by_the_multiple_upload_view(
    editor, truncated_camera_original
):
    response = editor.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("DSC_0042.jpg", truncated_camera_original)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "upload a valid image" in response.json()["error_message"].lower()
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused(editor, decompression_bomb):
    assert len(decompression_bomb) < 200_000
    assert_form_error(upload(editor, "bomb.png", decompression_bomb), "too many pixels", "opened safely")


# --- a story without a headline ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", [{}, {"action-publish": "1"}], ids=["save draft", "publish"])
def test_saving_a_story_without_a_headline_is_refused_and_changes_nothing(editor, client, action):
    page = ArticlePage.objects.get(
        pk=ArticlePageFactory(title="The original headline", lead="The original lead.").pk
    )
    revisions = page.revisions.count()
    data = edit_form_data(editor, page, title="", lead="A lead that must not be saved.", **action)

    response = editor.post(edit_url(page), data)

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "could not be saved" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert (page.title, page.lead) == ("The original headline", "The original lead.")
    assert page.revisions.count() == revisions
    assert page.get_latest_revision().content["lead"] == "The original lead."
    served = client.get(page.url).text
    assert "The original headline" in served
    assert "A lead that must not be saved." not in served


@pytest.mark.django_db
def test_filing_a_story_without_a_headline_is_refused(editor):
    response = editor.post(
        add_url("uk"), story_form_data(title="", lead="Orphan lead", **{"action-submit": "1"})
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "could not be created" in response.content.decode()
    assert not ArticlePage.objects.filter(lead="Orphan lead").exists()
