"""The three editions: language codes, URL prefixes and names in their own script."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings


@dataclass(frozen=True)
class Edition:
    code: str
    name: str  # in the edition's own language
    short: str
    archive_title: str  # the newsroom's folder of the edition's stories, as staff see it

    @property
    def prefix(self):
        """URL prefix: '/' for the default edition, '/ru/' and '/en/' for the others."""
        return "/" if self.code == settings.LANGUAGE_CODE else f"/{self.code}/"


EDITIONS = (
    Edition("uk", "Українська", "Укр", "Матеріали"),
    Edition("ru", "Русский", "Рус", "Материалы"),
    Edition("en", "English", "Eng", "Stories"),
)
EDITIONS_BY_CODE = {edition.code: edition for edition in EDITIONS}
DEFAULT_EDITION = EDITIONS_BY_CODE["uk"]


def get_edition(code):
    return EDITIONS_BY_CODE.get(code, DEFAULT_EDITION)


@cache
def _locale_codes():
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


def language_code_for_locale_id(locale_id):
    """Locale ids never change once created, so a process-wide memo is safe."""
    codes = _locale_codes()
    if locale_id not in codes:
        _locale_codes.cache_clear()
        codes = _locale_codes()
    return codes[locale_id]


def locale_id_for(code):
    for pk, language_code in _locale_codes().items():
        if language_code == code:
            return pk
    _locale_codes.cache_clear()
    return {c: pk for pk, c in _locale_codes().items()}[code]
