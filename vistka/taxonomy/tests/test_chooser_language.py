"""The record chooser modal speaks each staff member's admin language (issue 16: an English admin
got "Вибрати", "Пошук" and "Створити" from labels Wagtail froze at start-up)."""

import re

import pytest

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language

CHOOSER = "/admin/snippets/choose/taxonomy/source/?locale=uk"


def visible_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [
        ("en", ["Choose", "Search", "Create"], ["Вибрати", "Пошук", "Створити", "Выбрать"]),
        ("ru", ["Выбрать", "Поиск", "Создать"], ["Вибрати", "Пошук", "Створити", "Choose"]),
        ("uk", ["Вибрати", "Пошук", "Створити"], ["Выбрать", "Поиск", "Choose"]),
    ],
)
def test_the_source_chooser_speaks_the_admin_language(language, expected, foreign):
    editor = make_staff("editor-all", *((roles.EDITORS, code) for code in ("uk", "ru", "en")))
    text = visible_text(client_for(prefer_admin_language(editor, language)).get(CHOOSER).json()["html"])
    assert all(word in text for word in expected), text
    assert not [word for word in foreign if word in text], text


@pytest.mark.django_db
def test_the_image_chooser_speaks_english_to_an_english_admin():
    translator = prefer_admin_language(make_staff("translator-en", (roles.TRANSLATORS, "en")), "en")
    text = visible_text(client_for(translator).get("/admin/images/chooser/").json()["html"])
    assert "Search" in text, text
    assert not [word for word in ("Пошук", "Вибрати", "Завантажити") if word in text], text
