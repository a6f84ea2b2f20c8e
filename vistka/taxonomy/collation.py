"""Names sorted in an edition's alphabet ("Бізнес" before "Інфляція" in Ukrainian), which code-point
order gets wrong (і, ї, є, ґ sit outside а-я). The alphabets are a data file: letters of the
edition's own alphabet first, in its order; any other letter after them; digits and signs first,
as dictionaries do. Apostrophes and case are ignored, the name itself breaks ties."""

import json
from functools import lru_cache
from pathlib import Path

ALPHABETS = Path(__file__).resolve().parent / "data" / "alphabets.json"
IGNORED = "'ʼ’`"


@lru_cache(maxsize=1)
def _alphabets():
    return json.loads(ALPHABETS.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _ranks(language_code):
    letters = _alphabets().get(language_code, "")
    return {letter: position for position, letter in enumerate(letters)}


def collation_key(name, language_code):
    """A sort key for `name` in the alphabet of `language_code` ("uk", "ru", "en")."""
    ranks = _ranks(language_code)
    key = []
    for char in name.casefold():
        if char in IGNORED:
            continue
        if char in ranks:
            key.append((1, ranks[char]))
        elif char.isalpha():
            key.append((2, ord(char)))
        else:
            key.append((0, ord(char)))
    return (tuple(key), name)


def sorted_by_name(records, language_code, name=lambda record: record.name):
    """`records` sorted by name in the edition's alphabet."""
    return sorted(records, key=lambda record: collation_key(name(record), language_code))
