"""Large originals reduced on upload, credit and caption kept with the image and reused in stories,
the library's filters."""

import io
import struct
import time
import zlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation
from PIL import Image as PILImage
from PIL import ImageFile
from wagtail.images import get_image_model

from vistka.api.tests.builders import jpeg_image
from vistka.imagery.models import ImageDetails
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language
from vistka.stories.factories import ArticlePageFactory, bring_to_state, locale

Image = get_image_model()
ADD_IMAGE = "/admin/images/add/"


def jpeg(size, color=(90, 120, 150)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png(size, mode="RGB", noise=False):
    image = PILImage.effect_noise(size, 100).convert(mode) if noise else PILImage.new(mode, size)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def blank_rgba_png(width, height, rows_per_block=100):
    """A valid all-zero RGBA PNG built in milliseconds: one deflate block of zero rows, repeated
    (a full flush makes each block stand alone; the Adler-32 of n zeros is n << 16 | 1)."""
    row = 1 + 4 * width
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(row * rows_per_block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = (row * height % 65521) << 16 | 1
    stream = b"\x78\xda" + block * (height // rows_per_block) + b"\x03\x00" + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", stream)
        + png_chunk(b"IEND", b"")
    )


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.fixture
def never_decoded(monkeypatch):
    """Fails the test if any image's pixels are decoded."""

    def load(image):
        raise AssertionError(f"{image.format} {image.size} decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


@pytest.fixture(scope="module")
def camera_original():
    """9000 x 6800 = 61.2 megapixels, as a full-frame camera gives (made in well under a second)."""
    return jpeg((9000, 6800))


@pytest.fixture
def editor(db):
    return client_for(make_staff("image-editor", (roles.EDITORS, "uk")))


def upload(client, name, content, **fields):
    data = {"title": fields.pop("title", "Upload"), "file": SimpleUploadedFile(name, content)}
    data.update({"description": "", "tags": "", **fields})
    return client.post(ADD_IMAGE, data)


def file_errors(response):
    assert response.status_code == 200, response.status_code
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


# --- large originals ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_61_megapixel_camera_original_is_accepted_and_reduced(editor, camera_original, settings):
    response = upload(editor, "DSC_0042.jpg", camera_original)

    assert response.status_code == 302, file_errors(response)
    image = Image.objects.get()
    assert image.width * image.height <= settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert (image.width, image.height) == (4500, 3400)  # decoded at half of each side
    assert image.file_size <= settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    with image.open_file() as stored:
        assert PILImage.open(stored).format == "JPEG"


@pytest.mark.django_db
def test_a_camera_original_carrying_its_own_preview_is_reduced_as_one_photo(editor, settings):
    """Many cameras write a preview into the JPEG (Multi-Picture Format): Pillow opens it as MPO
    with two frames, and it was refused as an animation."""
    buffer = io.BytesIO()
    photo, preview = PILImage.new("RGB", (9000, 6800), (90, 120, 150)), PILImage.new("RGB", (1620, 1080))
    photo.save(buffer, "MPO", save_all=True, append_images=[preview], quality=80)
    assert PILImage.open(io.BytesIO(buffer.getvalue())).format == "MPO"

    response = upload(editor, "DSC_0043.jpg", buffer.getvalue())

    assert response.status_code == 302, file_errors(response)
    image = Image.objects.get()
    assert (image.width, image.height) == (4500, 3400)
    with image.open_file() as stored:
        assert PILImage.open(stored).format == "JPEG"


@pytest.mark.django_db
def test_the_multiple_upload_accepts_a_camera_original(editor, camera_original):
    """The library's "Add images" page: one file per request, JSON back; it is told the larger limit."""
    page = editor.get("/admin/images/multiple/add/").content.decode()
    assert 'data-max-file-size="52428800"' in page or "52428800" in page
    assert "Файл завеликий: редакція приймає оригінали до 50,0" in page
    response = editor.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("DSC_0043.jpg", camera_original), "title": "DSC_0043"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is True, response.json()
    assert Image.objects.get().width == 4500


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=60_000)
def test_a_file_over_the_stored_size_is_reduced_to_fit(editor):
    content = png((500, 400), noise=True)
    assert len(content) > 60_000

    response = upload(editor, "scan.png", content)

    assert response.status_code == 302, file_errors(response)
    image = Image.objects.get()
    assert image.file_size <= 60_000
    assert image.width < 500


@pytest.mark.django_db
@override_settings(IMAGE_MAX_ORIGINAL_PIXELS=50_000_000)
def test_an_original_past_the_ceiling_is_refused_with_advice_in_ukrainian(editor):
    response = upload(editor, "wide.png", png((8000, 8000), mode="1"))  # 64 megapixels

    with translation.override("uk"):
        message = file_errors(response)
    assert "64,0 Мп" in message
    assert "50 Мп" in message
    assert "6000 × 4000" in message
    assert message in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_with_advice(editor):
    editor = client_for(prefer_admin_language(make_staff("bomb-editor", (roles.EDITORS, "uk")), "en"))
    bomb = png((20000, 20000), mode="1")  # 400 megapixels declared in ~50 KB

    response = upload(editor, "bomb.png", bomb)

    with translation.override("en"):
        message = file_errors(response)
    assert "more pixels than can be opened safely" in message
    assert "150 megapixels" in message
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_large_png_is_refused_with_advice_without_being_decoded(editor, never_decoded):
    """Only a JPEG can be decoded at a reduced scale: this 580 KB PNG would take 2 GB to reduce."""
    content = blank_rgba_png(12200, 12200)
    assert len(content) < 600_000

    started = time.monotonic()
    response = upload(editor, "scan.png", content)
    elapsed = time.monotonic() - started

    with translation.override("uk"):
        message = file_errors(response)
    assert "148,8 Мп" in message
    assert "40 Мп" in message
    assert "6000 × 4000" in message
    assert not Image.objects.exists()
    assert elapsed < 1, elapsed


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100_000)
@pytest.mark.parametrize(
    ("name", "image_format", "phrase"),
    [
        ("scan.tif", "TIFF", "формат, що не підтримується"),
        ("scan.bmp", "BMP", "формат, що не підтримується"),
        ("scan.jpg", "BMP", "не відповідає формату"),  # the real format is read from the header
        ("scan.jpg", "PNG", "не відповідає формату"),
    ],
    ids=["tiff", "bmp", "bmp named jpg", "png named jpg"],
)
def test_a_format_wagtail_refuses_is_refused_without_being_decoded(
    editor, never_decoded, name, image_format, phrase
):
    buffer = io.BytesIO()
    PILImage.new("RGB", (500, 400), (90, 120, 150)).save(buffer, image_format)

    response = upload(editor, name, buffer.getvalue())

    with translation.override("uk"):
        assert phrase.lower() in file_errors(response).lower()
    assert not Image.objects.exists()


@pytest.mark.django_db
@override_settings(IMAGE_MAX_ORIGINAL_BYTES=100_000)
def test_a_file_past_the_byte_ceiling_is_refused(editor):
    response = upload(editor, "huge.png", png((400, 400), noise=True))
    with translation.override("uk"):
        assert "Експортуйте" in file_errors(response)


# --- credit, caption and alt text kept with the image ---------------------------------------------


@pytest.mark.django_db
def test_caption_and_credits_are_stored_and_the_title_comes_from_the_caption(editor):
    response = upload(
        editor,
        "DSC_0042.jpg",
        jpeg((300, 200)),
        title="DSC_0042",
        description="Рятувальники розбирають завали",
        caption="Рятувальники на місці влучання в Харкові, 12 травня",
        credit="Олег Петренко / Вістка",
        credit_latin="Oleh Petrenko / Vistka",
    )

    assert response.status_code == 302, response.context["form"].errors
    image = Image.objects.get()
    assert image.title == "Рятувальники на місці влучання в Харкові, 12 травня"
    assert image.description == "Рятувальники розбирають завали"
    details = ImageDetails.objects.get(image=image)
    assert (details.credit, details.credit_latin) == ("Олег Петренко / Вістка", "Oleh Petrenko / Vistka")

    form = editor.get(f"/admin/images/{image.pk}/").content.decode()
    assert "Oleh Petrenko / Vistka" in form


@pytest.mark.django_db
def test_a_title_typed_by_hand_is_kept(editor):
    upload(editor, "DSC_0042.jpg", jpeg((300, 200)), title="Харків, завали", caption="Довгий підпис")
    assert Image.objects.get().title == "Харків, завали"


def story_with_image(image, edition="uk", **block):
    value = {"image": image, "alt": "", "caption": "", "credit": "", **block}
    return ArticlePageFactory(edition=edition, body=[("image", value)])


@pytest.fixture
def photo(db):
    image = jpeg_image("Kharkiv", size=(900, 600), description="Рятувальники біля будинку")
    ImageDetails.objects.create(
        image=image,
        caption="Рятувальники на місці влучання",
        credit="Олег Петренко / Вістка",
        credit_latin="Oleh Petrenko / Vistka",
    )
    return image


@pytest.mark.django_db
def test_an_image_placed_in_a_story_brings_its_alt_caption_and_credit(client, photo):
    html = client.get(story_with_image(photo).url).content.decode()
    assert 'alt="Рятувальники біля будинку"' in html
    assert "Рятувальники на місці влучання" in html
    assert "Олег Петренко / Вістка" in html


@pytest.mark.django_db
def test_the_english_translation_gets_the_latin_credit(client, photo):
    """The translation copies the block with the Cyrillic credit: the image's Latin one is shown."""
    uk = story_with_image(photo, credit="Олег Петренко / Вістка", caption="Рятувальники")
    en = uk.copy_for_translation(locale("en"))
    en.title = "Rescuers in Kharkiv"
    en.save()
    bring_to_state(en, "published")
    html = client.get(en.url).content.decode()
    assert "Oleh Petrenko / Vistka" in html
    assert "Олег Петренко" not in html


@pytest.mark.django_db
def test_a_credit_typed_in_the_story_wins(client, photo):
    html = client.get(story_with_image(photo, credit="Пресслужба ДСНС").url).content.decode()
    assert "Пресслужба ДСНС" in html
    assert "Олег Петренко" not in html


def story_led_by(image, edition="uk", **fields):
    values = {"lead_image_alt": "", "lead_image_caption": "", "lead_image_credit": "", **fields}
    return ArticlePageFactory(edition=edition, lead_image=image, **values)


@pytest.mark.django_db
def test_a_lead_image_brings_its_alt_caption_and_credit(client, photo):
    html = client.get(story_led_by(photo).url).content.decode()
    assert 'alt="Рятувальники біля будинку"' in html
    assert "Рятувальники на місці влучання" in html
    assert "Олег Петренко / Вістка" in html


@pytest.mark.django_db
def test_the_english_translation_of_a_lead_image_gets_the_latin_credit(client, photo):
    uk = story_led_by(photo, lead_image_credit="Олег Петренко / Вістка")
    en = uk.copy_for_translation(locale("en"))
    en.title = "Rescuers in Kharkiv"
    en.save()
    bring_to_state(en, "published")
    html = client.get(en.url).content.decode()
    assert "Oleh Petrenko / Vistka" in html
    assert "Олег Петренко" not in html


@pytest.mark.django_db
def test_a_lead_caption_and_credit_typed_in_the_story_win(client, photo):
    story = story_led_by(photo, lead_image_caption="Вулиця Сумська", lead_image_credit="Пресслужба ДСНС")
    html = client.get(story.url).content.decode()
    assert "Вулиця Сумська" in html and "Пресслужба ДСНС" in html
    assert "Олег Петренко" not in html and "Рятувальники на місці влучання" not in html


@pytest.mark.django_db
def test_the_api_gives_the_lead_image_credit_kept_with_the_image(client, photo):
    story = story_led_by(photo)
    found = client.get(f"/api/v1/articles/uk/{story.story_number}").json()
    assert (found["lead_image"]["caption"], found["lead_image"]["credit"]) == (
        "Рятувальники на місці влучання",
        "Олег Петренко / Вістка",
    )


# --- the library's filters -------------------------------------------------------------------------


@pytest.fixture
def library(db):
    olena = make_staff("olena", (roles.REPORTERS, "uk"))
    taras = make_staff("taras", (roles.REPORTERS, "uk"))
    old = jpeg_image("Old bridge")
    old.uploaded_by_user = olena
    old.created_at = timezone.now() - timedelta(days=40)
    old.save()
    ImageDetails.objects.create(image=old, credit="Олег Петренко", credit_latin="Oleh Petrenko")
    new = jpeg_image("New station")
    new.uploaded_by_user = taras
    new.save()
    ImageDetails.objects.create(image=new, credit="Reuters")
    return {"olena": olena, "taras": taras, "old": old, "new": new}


def listed(client, **params):
    response = client.get("/admin/images/", params)
    assert response.status_code == 200
    return {image.title for image in response.context["images"]}


@pytest.mark.django_db
def test_the_library_filters_by_credit_uploader_and_date(editor, library):
    assert listed(editor) == {"Old bridge", "New station"}
    assert listed(editor, credit="Петренко") == {"Old bridge"}
    assert listed(editor, credit="oleh") == {"Old bridge"}
    assert listed(editor, uploaded_by_user=library["taras"].pk) == {"New station"}
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    assert listed(editor, created_at_from=since) == {"New station"}
    assert listed(editor, q="bridge", credit="Reuters") == set()
    assert listed(editor, q="station", credit="Reuters") == {"New station"}


@pytest.mark.django_db
def test_the_library_shows_the_filters_in_ukrainian(editor, library):
    html = editor.get("/admin/images/").content.decode()
    assert "Завантажено" in html
    assert "Хто завантажив" in html
    assert "Автор фото" in html
