"""The operator's mapping file (TOML) and the built-in defaults; the format is in README.md."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

EDITIONS = ("uk", "ru", "en")
# WordPress, Polylang and WPML language codes and locales → the edition they belong to.
LANGUAGE_CODES = {
    "uk": "uk",
    "ua": "uk",
    "uk_ua": "uk",
    "uk-ua": "uk",
    "ru": "ru",
    "ru_ru": "ru",
    "ru-ru": "ru",
    "en": "en",
    "en_us": "en",
    "en-us": "en",
    "en_gb": "en",
    "en-gb": "en",
}
POST_TYPES = ("post",)
IMPORTABLE_POST_TYPES = ("post", "page")


class MappingError(ValueError):
    pass


@dataclass(frozen=True)
class AuthorOverride:
    name: str = ""
    slug: str = ""


@dataclass(frozen=True)
class Mapping:
    languages: dict[str, str] = field(default_factory=dict)
    post_types: tuple[str, ...] = POST_TYPES
    default_edition: str = ""
    authors: dict[str, AuthorOverride] = field(default_factory=dict)
    base_url: str = ""
    permalink_structure: str = ""

    def edition_for(self, code: str | None) -> str | None:
        """The edition of a WordPress language code (the mapping's first), or None if unknown."""
        if not code:
            return None
        key = code.strip().lower()
        return self.languages.get(key) or LANGUAGE_CODES.get(key)

    def with_edition(self, edition: str | None) -> Mapping:
        if not edition:
            return self
        _check_edition(edition, "--edition")
        return Mapping(
            languages=self.languages,
            post_types=self.post_types,
            default_edition=edition,
            authors=self.authors,
            base_url=self.base_url,
            permalink_structure=self.permalink_structure,
        )


def _check_edition(value, where):
    if value not in EDITIONS:
        raise MappingError(f"{where}: {value!r} is not an edition (one of {', '.join(EDITIONS)})")


def load_mapping(path: str | Path | None) -> Mapping:
    if path is None:
        return Mapping()
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise MappingError(f"{path}: cannot be read: {error.strerror}") from None
    return mapping_from_dict(data, str(path))


def mapping_from_dict(data: dict, where: str = "mapping") -> Mapping:
    known = {"languages", "post_types", "default_edition", "authors", "base_url", "permalink_structure"}
    unknown = set(data) - known
    if unknown:
        raise MappingError(
            f"{where}: unknown keys {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})"
        )
    languages = {}
    for code, edition in dict(data.get("languages", {})).items():
        _check_edition(edition, f"{where}: [languages] {code}")
        languages[code.strip().lower()] = edition
    post_types = tuple(data.get("post_types", POST_TYPES))
    for post_type in post_types:
        if post_type not in IMPORTABLE_POST_TYPES:
            raise MappingError(f"{where}: post_types: {post_type!r} cannot be imported (only post and page)")
    default = data.get("default_edition", "")
    if default:
        _check_edition(default, f"{where}: default_edition")
    authors = {}
    for login, override in dict(data.get("authors", {})).items():
        if not isinstance(override, dict) or set(override) - {"name", "slug"}:
            raise MappingError(f"{where}: [authors.{login}] takes name and slug")
        authors[login] = AuthorOverride(
            name=str(override.get("name", "")), slug=str(override.get("slug", ""))
        )
    return Mapping(
        languages=languages,
        post_types=post_types,
        default_edition=default,
        authors=authors,
        base_url=str(data.get("base_url", "")).rstrip("/"),
        permalink_structure=str(data.get("permalink_structure", "")),
    )
