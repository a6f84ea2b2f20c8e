"""The newsroom's record lists speak the editors' language whole: the add button names the record
in the case Ukrainian and Russian need ("Додати рубрику", not Wagtail's "Додати рубрика"), and the
edition column is called by the newsroom's word for it."""

import pytest

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory

EXPECTED = {
    "uk": {
        "section": "Додати рубрику",
        "author": "Додати автора",
        "tag": "Додати тег",
        "column": "мовна версія",
    },
    "ru": {
        "section": "Добавить рубрику",
        "author": "Добавить автора",
        "tag": "Добавить тег",
        "column": "языковая версия",
    },
    "en": {"section": "Add section", "author": "Add author", "tag": "Add tag", "column": "edition"},
}
LISTS = {
    "section": "/admin/snippets/taxonomy/section/",
    "author": "/admin/snippets/people/author/",
    "tag": "/admin/snippets/taxonomy/tag/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_record_lists_name_the_record_in_the_right_case(language):
    SectionFactory(name="Погода", slug="pohoda")
    AuthorFactory(name="Олена Коваль", slug="olena-koval")
    TagFactory(name="Дороги", slug="dorohy")
    admin = prefer_admin_language(make_staff(f"admin-{language}", roles.ADMINS), language)
    client = client_for(admin)
    for record, path in LISTS.items():
        html = client.get(path).content.decode()
        assert EXPECTED[language][record] in html, (language, record)
        assert EXPECTED[language]["column"].lower() in html.lower(), (language, record)
