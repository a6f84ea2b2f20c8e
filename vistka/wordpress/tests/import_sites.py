"""Invented WordPress sites for the import tests, written with wxr_builder, and their uploads."""

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from vistka.wordpress.tests.wxr_builder import WXRBuilder

PUBLISHED = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def jpeg(width=64, height=48, colour=(180, 40, 40)):
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def write_upload(uploads: Path, relative: str, colour=(180, 40, 40)):
    path = uploads / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(jpeg(colour=colour))
    return path


def polylang_site():
    """A uk/ru/en Polylang site: translated categories and tags, co-authors and a guest author,
    featured and inline images (one file missing), a scheduled and a private post, a draft, and
    slugs that collide across the languages and within one."""
    site = WXRBuilder(title="Вісті Яблунівки", language="uk")
    site.author("olena", display_name="Олена Гай")
    site.author("petro", display_name="Петро Кравець")
    site.guest_author("gist", display_name="Гість Редакції", bio="Пише про мости.")
    news_uk = site.category("novyny", "Новини", language="uk")
    news_ru = site.category("novosti", "Новости", language="ru")
    news_en = site.category("news", "News", language="en")
    site.translations(news_uk, news_ru, news_en)
    bridge_uk = site.tag("mist", "міст", language="uk")
    bridge_ru = site.tag("most", "мост", language="ru")
    bridge_en = site.tag("bridge", "bridge", language="en")
    site.translations(bridge_uk, bridge_ru, bridge_en)
    photo = site.attachment(
        "2024/03/mist.jpg",
        title="Старий міст",
        alt="Міст через річку",
        caption="Міст зранку",
        credit="Олена Гай",
    )
    inline = site.attachment("2024/03/porom.jpg", title="Пором", alt="Пором біля берега")
    lost = site.attachment("2024/03/zagubleno.jpg", title="Загублене фото")
    body_uk = (
        "<p>Міст через Тясьмин відкрили після ремонту. Перші авто проїхали о восьмій.</p>\n"
        f'<p><img class="wp-image-{inline.id}" src="https://visti-yablunivka.example/wp-content/uploads/'
        '2024/03/porom-300x200.jpg" alt="Пором" /></p>\n'
        f'[caption id="attachment_{lost.id}"]<img class="wp-image-{lost.id}" '
        'src="https://visti-yablunivka.example/wp-content/uploads/2024/03/zagubleno.jpg" />'
        " Загублене[/caption]\n"
        "<h2>Що далі</h2>\n<p>Пором ходитиме до кінця місяця.</p>"
    )
    uk = site.post(
        "Міст відкрили",
        slug="mist-vidkryly",
        content=body_uk,
        categories=[news_uk],
        tags=[bridge_uk],
        language="uk",
        coauthors=["olena", "gist"],
        thumbnail=photo,
        sticky=True,
        meta={
            "_yoast_wpseo_title": "%%title%% %%sep%% %%sitename%%",
            "_yoast_wpseo_metadesc": "Міст знову відкритий для авто.",
        },
    )
    ru = site.post(
        "Мост открыли",
        slug="mist-vidkryly",
        content="<p>Мост открыли после ремонта. Все рады.</p>",
        excerpt="Мост через Тясьмин снова открыт.",
        categories=[news_ru],
        tags=[bridge_ru],
        language="ru",
        coauthors=["olena", "gist"],
        thumbnail=photo,
    )
    en = site.post(
        "The bridge is open",
        slug="mist-vidkryly",
        content="<p>The bridge reopened. Cars are back.</p>",
        categories=[news_en],
        tags=[bridge_en],
        language="en",
        coauthors=["petro"],
        meta={"rank_math_title": "Bridge open", "rank_math_description": "Cars cross again."},
    )
    site.translations(uk, ru, en)
    attached = site.attachment(
        "2024/03/bereg.jpg", title="Берег", parent=uk
    )  # an attachment page of the post
    twin = site.post(
        "Ще один міст",
        slug="mist-vidkryly",
        content="<p>Другий міст теж відкрили.</p>",
        categories=[news_uk],
        language="uk",
        author="petro",
    )
    scheduled = site.post(
        "Завтрашній ярмарок",
        content="<p>Ярмарок відкриється завтра.</p>",
        status="future",
        date=datetime(2099, 6, 1, 8, 0, tzinfo=UTC),
        language="uk",
        categories=[news_uk],
    )
    private = site.post(
        "Службова записка", content="<p>Лише для редакції.</p>", status="private", language="uk"
    )
    draft = site.post("Чернетка про пором", content="<p>Ще пишеться.</p>", status="draft", language="uk")
    alone = site.post("Лише з категорією", content="<p>Категорія лише тут.</p>", language="uk")
    alone.categories.append(_loose_term("category", "tilky-tut", "Тільки тут"))
    klingon = site.post("Qapla'", content="<p>nuqneH</p>", language="tlh")
    return site, {
        "uk": uk,
        "ru": ru,
        "en": en,
        "twin": twin,
        "scheduled": scheduled,
        "private": private,
        "draft": draft,
        "alone": alone,
        "klingon": klingon,
        "photo": photo,
        "inline": inline,
        "lost": lost,
        "attached": attached,
    }


def _loose_term(taxonomy, slug, name):
    """A term named only on a post (not listed in the export's header, as in a partial export)."""
    from vistka.wordpress.tests.wxr_builder import TermRef

    return TermRef(9000 + len(slug), taxonomy, slug, name)


def polylang_uploads(tmp_path: Path):
    uploads = tmp_path / "uploads"
    write_upload(uploads, "2024/03/mist.jpg")
    write_upload(uploads, "2024/03/porom.jpg", colour=(20, 90, 160))
    return uploads  # 2024/03/zagubleno.jpg is missing on purpose


def later(moment, hours=1):
    return moment + timedelta(hours=hours)


def small_site():
    """A one-language site of three posts, for the re-run tests."""
    site = WXRBuilder(title="Вісті Яблунівки", language="uk")
    site.author("olena", display_name="Олена Гай")
    news = site.category("novyny", "Новини")
    town = site.tag("misto", "місто")
    photo = site.attachment("2024/03/mist.jpg", title="Старий міст", alt="Міст через річку")
    posts = [
        site.post(
            f"Новина {n}",
            slug=f"novyna-{n}",
            content=f"<p>Подія номер {n} сталася вранці. Подробиці згодом.</p>",
            categories=[news],
            tags=[town],
            thumbnail=photo if n == 1 else None,
            date=PUBLISHED + timedelta(hours=n),
        )
        for n in (1, 2, 3)
    ]
    return site, posts
