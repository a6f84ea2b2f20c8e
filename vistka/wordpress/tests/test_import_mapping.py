"""WPML sites, single-language sites, and what the mapping file changes."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect

from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage
from vistka.wordpress.mapping import Mapping, MappingError, load_mapping
from vistka.wordpress.models import ImportedObject
from vistka.wordpress.tests.wxr_builder import WXRBuilder


def story_of(ref, kind="post"):
    return ArticlePage.objects.get(pk=ImportedObject.objects.get(kind=kind, wp_id=str(ref.id)).object_id)


def import_file(path, *options):
    out = StringIO()
    call_command("import_wordpress", str(path), "--no-progress", *options, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_wpml_site_links_translations(tmp_path):
    site = WXRBuilder(language="uk", multilingual="wpml")
    site.author("olena", display_name="Олена Гай")
    news_uk = site.category("novyny", "Новини")
    news_en = site.category("news", "News")
    uk = site.post("Міст відкрили", content="<p>Міст відкрили.</p>", language="uk", categories=[news_uk])
    en = site.post("The bridge is open", content="<p>It is open.</p>", language="en", categories=[news_en])
    ru = site.post("Мост открыли", content="<p>Открыли.</p>", language="ru_RU")
    site.translations(uk, en, ru)
    alone = site.post("Лише українською", content="<p>Без перекладу.</p>", language="uk")
    import_file(site.write(tmp_path / "wpml.xml"))
    pages = [story_of(ref) for ref in (uk, en, ru)]
    assert [page.locale.language_code for page in pages] == ["uk", "en", "ru"]
    assert len({page.story_number for page in pages}) == 1
    assert len({page.translation_key for page in pages}) == 1
    assert (pages[0].section.name, pages[1].section.name) == ("Новини", "News")
    assert pages[1].section.locale_id == pages[1].locale_id
    assert [author.author.name for author in pages[1].story_authors.all()] == ["Олена Гай"]
    assert story_of(alone).story_number != pages[0].story_number


@pytest.mark.django_db
def test_single_language_site_into_the_edition_given(tmp_path):
    site = WXRBuilder(language="de-DE", wxr_version="1.1")  # no Polylang or WPML; no edition's language
    post = site.post("Lokale Nachrichten", content="<p>Eine Meldung.</p>")
    site.page("Impressum", content="<p>Redaktion.</p>")
    export = site.write(tmp_path / "site.xml")
    report = import_file(export)
    assert "language not mapped" in report
    assert "items of type 'page' (not imported; see post_types): 1" in report
    assert not ImportedObject.objects.exists()
    import_file(export, "--edition", "en")
    assert story_of(post).locale.language_code == "en"


MAPPING = """
default_edition = "ru"
post_types = ["post", "page"]
base_url = "https://old.example"
permalink_structure = "/%year%/%monthnum%/%postname%/"

[languages]
tlh = "en"

[authors.olena]
name = "Olena Hai"
slug = "olena-hai"
"""


@pytest.mark.django_db
def test_mapping_file(tmp_path):
    site = WXRBuilder(language="uk")
    site.author("olena", display_name="Олена Гай")
    post = site.post("Qapla'", slug="qapla", content="<p>nuqneH.</p>", language="tlh")
    plain = site.post("Без мови", slug="bez-movy", content="<p>Текст.</p>")
    page = site.page("Про нас", slug="pro-nas", content="<p>Редакція.</p>")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    import_file(site.write(tmp_path / "site.xml"), "--map", str(mapping))
    story = story_of(post)
    assert story.locale.language_code == "en"
    assert story_of(plain).locale.language_code == "ru"  # default_edition
    assert story_of(page, kind="page").kind == Kind.ARTICLE
    author = story.story_authors.get().author
    assert (author.name, author.slug) == ("Olena Hai", "olena-hai")
    assert ImportedObject.objects.filter(site="old.example").count() >= 3
    # The language prefix as the post links show it (Polylang: /tlh/...)
    assert Redirect.objects.get(old_path="/tlh/2024/03/qapla").redirect_page_id == story.pk
    assert Redirect.objects.get(old_path=f"/?page_id={page.id}").redirect_page_id == story_of(page, "page").pk


def test_mapping_errors_name_the_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[languages]\nde = "de"\n', encoding="utf-8")
    with pytest.raises(MappingError, match="not an edition"):
        load_mapping(bad)
    bad.write_text('post_types = ["attachment"]\n', encoding="utf-8")
    with pytest.raises(MappingError, match="cannot be imported"):
        load_mapping(bad)
    bad.write_text("languages = [", encoding="utf-8")
    with pytest.raises(MappingError, match="not valid TOML"):
        load_mapping(bad)
    with pytest.raises(CommandError, match="unknown keys"):
        bad.write_text('colour = "red"\n', encoding="utf-8")
        call_command("import_wordpress", "x.xml", "--map", str(bad))


@pytest.mark.parametrize(
    ("code", "edition"),
    [
        ("uk", "uk"),
        ("ua", "uk"),
        ("uk_UA", "uk"),
        ("ru_RU", "ru"),
        ("en_US", "en"),
        ("en-GB", "en"),
        ("de", None),
    ],
)
def test_language_codes(code, edition):
    assert Mapping().edition_for(code) == edition


@pytest.mark.django_db
def test_post_formats_give_the_kind_and_titles_are_plain_text(tmp_path):
    site = WXRBuilder(language="uk")
    video = site.post("Міст &amp; пором <em>наживо</em>", content="<p>Дивіться.</p>")
    video.categories.append(site.term("post_format", "post-format-video", "Video"))
    gallery = site.post("Фоторепортаж", content="<p>Світлини.</p>")
    gallery.categories.append(site.term("post_format", "post-format-gallery", "Gallery"))
    import_file(site.write(tmp_path / "site.xml"), "--edition", "uk")
    assert (story_of(video).kind, story_of(video).title) == (Kind.VIDEO, "Міст & пором наживо")
    assert story_of(gallery).kind == Kind.PHOTO


@pytest.mark.django_db
def test_two_languages_of_one_edition_in_a_group_stay_two_stories(tmp_path):
    site = WXRBuilder(language="uk", multilingual="wpml")
    uk = site.post("Міст відкрили", content="<p>Відкрили.</p>", language="uk")
    us = site.post("The bridge is open", content="<p>Open.</p>", language="en_US")
    gb = site.post("The bridge has opened", content="<p>Opened.</p>", language="en_GB")
    site.translations(uk, us, gb)
    report = import_file(site.write(tmp_path / "site.xml"))
    assert story_of(us).story_number == story_of(uk).story_number
    assert story_of(gb).locale.language_code == "en"
    assert story_of(gb).story_number != story_of(uk).story_number  # not linked, not lost
    assert "a second post of one edition in a translation group: not linked): 1" in report
