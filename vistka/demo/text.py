"""Small helpers for writing the same sentence in the three edition languages.

Every piece of demo text is a ``L`` (a dict keyed by language code) whose strings may hold
``{slot}`` placeholders. Slots are filled per language from a ``Slots`` mapping, so the
Ukrainian, Russian and English versions of a story always carry the same facts.
"""

from django.utils.html import escape

LANGS = ("uk", "ru", "en")


def L(uk, ru, en):  # noqa: N802 - reads like a literal in the phrase banks
    return {"uk": uk, "ru": ru, "en": en}


def fill(phrase, slots, lang):
    """Render one language of a phrase with that language's slot values."""
    return phrase[lang].format_map(slots[lang])


def fill_all(phrase, slots):
    return {lang: fill(phrase, slots, lang) for lang in LANGS}


def fmt_int(n, lang):
    """12500 -> '12 500' (uk, ru, with a no-break space) or '12,500' (en)."""
    text = f"{n:,}"
    return text if lang == "en" else text.replace(",", "\u00a0")


def fmt_dec(x, lang, places=1):
    text = f"{x:,.{places}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def ints(n):
    return {lang: fmt_int(n, lang) for lang in LANGS}


def decs(x, places=1):
    return {lang: fmt_dec(x, lang, places) for lang in LANGS}


def many(rng, lo, hi):
    """A count whose Ukrainian and Russian noun takes the genitive plural ('12 будинків').

    Restricting counts this way lets every template hard-code one noun form and one plural
    verb, which keeps the three languages grammatical without a morphology engine.
    """
    while True:
        n = rng.randint(lo, hi)
        if 11 <= n % 100 <= 14 or n % 10 in (0, 5, 6, 7, 8, 9):
            return n


def p(text):
    return f"<p>{escape(text)}</p>"


def p_all(phrase):
    return {lang: p(phrase[lang]) for lang in LANGS}


def merge(*dicts):
    """Merge per-language slot dicts: merge({'uk': {...}, ...}, ...) -> one per language."""
    out = {lang: {} for lang in LANGS}
    for d in dicts:
        for lang in LANGS:
            out[lang].update(d[lang])
    return out


def slot(name, value):
    """One slot with per-language values (an L) or a value shared by all languages."""
    if isinstance(value, dict):
        return {lang: {name: value[lang]} for lang in LANGS}
    return {lang: {name: value} for lang in LANGS}
