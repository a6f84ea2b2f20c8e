"""The story page: body blocks in the edition's language, live entries, corrections, related news,
the edition switcher, images, advertisements and the "Support us" block."""

from datetime import date

import pytest

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import (
    EDITIONS,
    at,
    background,
    edition_settings,
    image_block,
    jpeg_image,
    labelled,
    paragraph,
    read_also,
    soup,
    source_line,
    story,
    text_of,
    titles,
)
from vistka.stories.factories import SourceFactory, TagFactory, add_live_entry
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage, Correction

pytestmark = pytest.mark.django_db

SOURCES = {
    "uk": ("ТАСС", "російське державне агентство", "у Telegram"),
    "ru": ("ТАСС", "российское государственное агентство", "в Telegram"),
    "en": ("TASS", "Russian state news agency", "on Telegram"),
}
LABELS = {
    "uk": {
        "source": "Джерело:",
        "details": "Деталі:",
        "background": "Що передувало:",
        "read": "Читайте також:",
    },
    "ru": {
        "source": "Источник:",
        "details": "Детали:",
        "background": "Что предшествовало:",
        "read": "Читайте также:",
    },
    "en": {"source": "Source:", "details": "Details:", "background": "Background:", "read": "Read also:"},
}
MONTH_MAY = {"uk": "травня", "ru": "мая", "en": "May"}


def body_story(edition):
    name, qualifier, note = SOURCES[edition]
    source = SourceFactory(edition=edition, name=name, qualifier=qualifier, url="https://tass.example/")
    earlier = story(edition=edition, title=f"{edition} earlier talks", published_at=at(days=-20))
    older = story(edition=edition, title=f"{edition} first round", published_at=at(days=-60))
    return story(
        edition=edition,
        title=f"{edition} story with every block",
        published_at=at(),
        lead_image=jpeg_image(f"{edition} lead", description="Image library description"),
        lead_image_alt=f"{edition} lead alt",
        lead_image_caption=f"{edition} lead caption",
        lead_image_credit=f"{edition} lead credit",
        body=[
            source_line(source, note=note),
            paragraph("<p>Opening paragraph.</p>"),
            labelled("source", "<p>Labelled source text.</p>"),
            labelled("details", "<p>Labelled details text.</p>"),
            labelled("background", "<p>Labelled background text.</p>"),
            background(
                (date(2025, 3, 29), "First round in Istanbul", older),
                (date(2025, 5, 8), "Second round announced", earlier),
                (date(2025, 5, 9), "An event without a story", None),
            ),
            read_also(earlier),
            read_also(older, text=f"{edition} custom link text"),
            image_block(
                jpeg_image(f"{edition} body"), alt=f"{edition} body alt", caption=f"{edition} body caption"
            ),
            image_block(jpeg_image(f"{edition} described", description=f"{edition} described picture")),
        ],
    )


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        data = {f"body {edition}": body_story(edition) for edition in EDITIONS}

        live = story(title="Live: talks in Istanbul", kind=Kind.LIVE, published_at=at())
        for minutes, headline in [
            (0, "Delegations arrive"),
            (150, "Talks end"),
            (75, "A break is announced"),
        ]:
            add_live_entry(live, headline, "<p>Entry text.</p>", posted_at=at(minutes=minutes))
        data["live"] = live

        corrected = story(title="A corrected story", corrected=True, published_at=at())
        Correction.objects.filter(page=corrected).update(made_at=at(hours=2))
        Correction.objects.create(
            page=corrected, type=Correction.Type.UPDATE, note="Added reactions.", made_at=at(hours=1)
        )
        data["corrected"] = corrected

        # Corrections typed in the admin get a position (sort_order); ones added by code have none.
        mixed = story(title="Corrected twice", published_at=at())
        Correction.objects.create(page=mixed, note="Typed in the admin.", made_at=at(hours=2), sort_order=0)
        Correction.objects.create(page=mixed, note="Added by a script.", made_at=at(hours=1))
        data["mixed corrections"] = mixed

        main, other = TagFactory(name="Main topic"), TagFactory(name="Other topic")
        data["with tags"] = story(title="The story with tags", tags=[main, other], published_at=at())
        data["sharing main"] = [
            story(title=f"Shares the main tag {i}", tags=[main], published_at=at(minutes=-i))
            for i in range(1, 8)
        ]
        story(title="Shares only the other tag", tags=[other], published_at=at(minutes=5))
        story(title="Draft sharing the main tag", tags=[main], draft=True)

        data["translated"] = story(title="Talks resume", published_at=at(), translate_to=("ru", "en"))
        half = story(title="Half translated", published_at=at(), translate_to=("en",))
        ArticlePage.objects.get(translation_key=half.translation_key, locale__language_code="en").unpublish()
        data["half translated"] = half

        data["no ads"] = story(title="A story without ads", no_ads=True, published_at=at())
        data["plain ru"] = story(edition="ru", title="Обычная новость", published_at=at())
        yield data


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return soup(response)


# --- body blocks in the edition's language ------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_source_line_reads_source_qualifier_name_in_the_editions_language(client, stories, edition):
    html = page(client, stories[f"body {edition}"].url)

    name, qualifier, note = SOURCES[edition]
    line = html.select_one("p.source")
    assert text_of(line) == f"{LABELS[edition]['source']} {qualifier} {name} {note}"
    assert line.a["href"] == "https://tass.example/"
    assert "nofollow" in line.a["rel"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_labelled_paragraphs_carry_localised_labels(client, stories, edition):
    html = page(client, stories[f"body {edition}"].url)

    labels = {
        block["class"][1].removeprefix("labelled--"): text_of(block.select_one(".label"))
        for block in html.select("div.labelled")
    }
    assert labels == {key: LABELS[edition][key] for key in ("source", "details", "background")}
    assert "Labelled details text." in text_of(html.select_one("div.labelled--details"))


@pytest.mark.parametrize("edition", EDITIONS)
def test_background_list_dates_and_links_earlier_stories(client, stories, edition):
    html = page(client, stories[f"body {edition}"].url)

    block = html.select_one("div.background")
    assert text_of(block.select_one(".label")) == LABELS[edition]["background"]
    items = block.select("li")
    assert [item.time["datetime"] for item in items] == ["2025-03-29", "2025-05-08", "2025-05-09"]
    assert MONTH_MAY[edition] in text_of(items[1])
    earlier = ArticlePage.objects.get(title=f"{edition} earlier talks")
    assert items[1].a["href"] == earlier.url
    assert text_of(items[1].a) == "Second round announced"
    assert items[2].a is None


@pytest.mark.parametrize("edition", EDITIONS)
def test_read_also_links_with_headline_or_custom_text(client, stories, edition):
    html = page(client, stories[f"body {edition}"].url)

    links = html.select("p.read-also")
    assert [text_of(p.select_one(".label")) for p in links] == [LABELS[edition]["read"]] * 2
    assert [text_of(p.a) for p in links] == [f"{edition} earlier talks", f"{edition} custom link text"]
    assert links[0].a["href"] == ArticlePage.objects.get(title=f"{edition} earlier talks").url


@pytest.mark.parametrize("edition", EDITIONS)
def test_image_alt_text_is_separate_from_its_caption(client, stories, edition):
    html = page(client, stories[f"body {edition}"].url)

    lead = html.select_one("figure.lead-image")
    assert lead.img["alt"] == f"{edition} lead alt"
    assert text_of(lead.figcaption).startswith(f"{edition} lead caption")
    assert f"{edition} lead credit" in text_of(lead.figcaption)
    assert "caption" not in lead.img["alt"]

    body_images = html.select("figure.body-image")
    assert body_images[0].img["alt"] == f"{edition} body alt"
    assert text_of(body_images[0].figcaption) == f"{edition} body caption"
    # Without alt text of its own, the picture falls back to the image library's description.
    assert body_images[1].img["alt"] == f"{edition} described picture"
    assert body_images[1].figcaption is None


def test_byline_shows_the_long_date_in_kyiv_time(client, stories):
    html = page(client, stories["body uk"].url)

    assert text_of(html.select_one(".byline time")) == "середа, 28 травня 2025, 12:00"


# --- live stories and corrections ---------------------------------------------------------


def test_live_story_shows_entries_newest_first_with_kyiv_times(client, stories):
    html = page(client, stories["live"].url)

    entries = html.select("section.live article.live-entry h3")
    assert [text_of(h3) for h3 in entries] == [
        "14:30 Talks end",
        "13:15 A break is announced",
        "12:00 Delegations arrive",
    ]
    assert text_of(html.select_one("#live-heading")) == "Останні оновлення"


def test_corrections_are_listed_oldest_first_with_their_type(client, stories):
    html = page(client, stories["corrected"].url)

    section = html.select_one("section.corrections")
    assert text_of(section.h2) == "Виправлення та оновлення"
    assert [text_of(li) for li in section.select("li")] == [
        "Оновлення, 28 травня 2025, 13:00: Added reactions.",
        "Виправлення, 28 травня 2025, 14:00: An earlier version misstated a figure.",
    ]


def test_corrections_with_and_without_a_position_are_listed_by_time(client, stories):
    html = page(client, stories["mixed corrections"].url)

    notes = [text_of(li).rsplit(": ", 1)[1] for li in html.select("section.corrections li")]
    assert notes == ["Added by a script.", "Typed in the admin."]


def test_story_without_corrections_or_entries_has_no_such_sections(client, stories):
    html = page(client, stories["with tags"].url)

    assert html.select_one("section.corrections") is None
    assert html.select_one("section.live") is None


# --- related news -------------------------------------------------------------------------


def test_related_news_are_the_latest_sharing_the_main_tag(client, stories):
    html = page(client, stories["with tags"].url)

    related = html.select_one("section.related")
    assert text_of(related.h2) == "Новини за темою"
    assert titles(related) == [f"Shares the main tag {i}" for i in range(1, 7)]


# --- the edition switcher -----------------------------------------------------------------


def switcher(html):
    return {a["hreflang"]: a["href"] for a in html.select("nav.editions a")}


def test_switcher_links_a_translated_story_to_its_translations(client, stories):
    original = stories["translated"]
    translations = {
        code: ArticlePage.objects.get(translation_key=original.translation_key, locale__language_code=code)
        for code in EDITIONS
    }
    urls = {code: translation.url for code, translation in translations.items()}
    assert urls["ru"].startswith("/ru/news/") and urls["en"].startswith("/en/news/")

    for code in EDITIONS:
        assert switcher(page(client, urls[code])) == urls


def test_switcher_skips_an_unpublished_translation(client, stories):
    assert switcher(page(client, stories["half translated"].url)) == {
        "uk": stories["half translated"].url,
        "ru": "/ru/",
        "en": "/en/",
    }


def test_switcher_on_an_untranslated_story_leads_to_the_other_homes(client, stories):
    assert switcher(page(client, stories["plain ru"].url)) == {
        "uk": "/",
        "ru": stories["plain ru"].url,
        "en": "/en/",
    }


# --- advertisements and "Support us" --------------------------------------------------------

AD_LABEL = {"uk": "Реклама", "ru": "Реклама", "en": "Advertisement"}


@pytest.mark.parametrize("edition", EDITIONS)
def test_ad_slots_are_shown_and_labelled_by_default(client, stories, edition):
    html = page(client, stories[f"body {edition}"].url)

    slots = html.select("div.ad")
    assert {slot["class"][1] for slot in slots} == {"ad--rail", "ad--inline"}
    for slot in slots:
        assert text_of(slot) == AD_LABEL[edition]
        assert slot["aria-label"] == AD_LABEL[edition]


def test_ads_disabled_for_an_edition_are_hidden_there_only(client, stories):
    edition_settings("uk", ads_enabled=False)

    assert page(client, stories["body uk"].url).select("div.ad") == []
    assert page(client, "/all/").select("div.ad") == []
    assert len(page(client, stories["body ru"].url).select("div.ad")) == 2
    assert len(page(client, "/en/all/").select("div.ad")) == 1


def test_story_marked_no_ads_has_no_ad_slots(client, stories):
    assert page(client, stories["no ads"].url).select("div.ad") == []
    assert len(page(client, stories["body uk"].url).select("div.ad")) == 2


def test_support_block_appears_where_the_edition_has_a_support_link(client, stories):
    edition_settings(
        "uk",
        support_heading="Підтримайте Вістку",
        support_text="Ми існуємо завдяки читачам.",
        support_url="https://donate.example/uk",
        support_button="Підтримати",
    )

    uk = page(client, stories["body uk"].url)
    block = uk.select_one("section.support")
    assert text_of(block.select_one(".support__heading")) == "Підтримайте Вістку"
    assert "Ми існуємо завдяки читачам." in text_of(block)
    assert block.select_one("a.support-button")["href"] == "https://donate.example/uk"
    assert uk.select_one(".masthead a.support-button")["href"] == "https://donate.example/uk"

    for url in (stories["body ru"].url, stories["body en"].url):
        other = page(client, url)
        assert other.select_one("section.support") is None
        assert other.select_one("a.support-button") is None


def test_support_block_uses_the_default_wording_of_the_edition(client, stories):
    edition_settings("ru", support_url="https://donate.example/ru")

    block = page(client, stories["body ru"].url).select_one("section.support")
    assert text_of(block.select_one(".support__heading")) == "Поддержите нас"
    assert text_of(block.select_one("a.support-button")) == "Поддержите нас"
