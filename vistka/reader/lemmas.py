"""Morphology for search: every word is reduced to its dictionary form (lemma) at index and at
query time, so "переговорів" finds "переговори" and "переговорах". No Snowball stemmer exists
for Ukrainian; simplemma carries dictionaries for uk, ru and en."""

import re
from functools import lru_cache

import simplemma

from vistka.reader.place_names import FORMS as PLACE_FORMS

WORD = re.compile(r"[^\W_]+(?:['’ʼ-][^\W_]+)*", re.UNICODE)
# Latin letters that look like Cyrillic ones, used to mend mixed-script words ("Kиїв").
LOOKALIKES = str.maketrans("aceiopxyETOPAHKXCBMik", "асеіорхуЕТОРАНКХСВМік")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-zA-Z]")
MAX_QUERY_WORDS = 12


def words(text):
    return WORD.findall(text or "")


def mend_mixed_script(word):
    if CYRILLIC.search(word) and LATIN.search(word):
        return word.translate(LOOKALIKES)
    return word


def load_dictionaries():
    """Load the editions' dictionaries now (about 2 s and 170 MB for uk, ru and en): the server
    does it before taking requests, so the first searches after a start do not wait for it
    (they took 3-4 s each while it happened)."""
    for language_code in ("uk", "ru", "en"):
        simplemma.lemmatize("a", lang=language_code)


@lru_cache(maxsize=200_000)
def lemma(word, language_code):
    word = mend_mixed_script(word).lower().replace("’", "'").replace("ʼ", "'")
    lang = language_code if language_code in {"uk", "ru", "en"} else "en"
    if CYRILLIC.search(word) and lang == "en":
        lang = "uk"
    places = PLACE_FORMS.get(lang, {})
    place = places.get(word)
    if place is not None:
        return place
    found = simplemma.lemmatize(word, lang=lang).lower()
    return places.get(found, found)  # "Kiev's" -> "kiev" -> "kyiv"


def lemmatise(text, language_code):
    return " ".join(lemma(word, language_code) for word in words(text))


def query_lemmas(query, language_code):
    """Lemmas of a reader's query: words only (no operators), deduplicated, bounded."""
    seen = []
    for word in words(query[:500]):
        item = lemma(word, language_code)
        if item not in seen:
            seen.append(item)
    return seen[:MAX_QUERY_WORDS]
