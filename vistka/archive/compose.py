"""Rendering phrase-bank templates in one language, keeping the lemmas of what was written.

Lemmatising a million stories word by word would dominate the run, so each distinct phrase is
lemmatised once (with the project's own ``vistka.reader.lemmas``) and a rendered text carries
the concatenation of its parts' lemmas. That equals ``lemmatise(text)`` because every slot is
bounded by spaces or punctuation (see ``words.py``); the tests check it on whole stories.
"""

import string

from vistka.archive.words import LANGS
from vistka.reader.lemmas import lemma, words

_FORMATTER = string.Formatter()


class Phrases:
    """One language's phrase cache: text -> (text, lemmas)."""

    def __init__(self, code):
        self.code = code
        self._cache = {}

    def __call__(self, text):
        hit = self._cache.get(text)
        if hit is None:
            hit = (text, tuple(lemma(word, self.code) for word in words(text)))
            self._cache[text] = hit
        return hit


class Template:
    """A parsed template: literal parts already lemmatised, slots looked up at render time."""

    __slots__ = ("parts", "slots")

    def __init__(self, text, phrases):
        self.parts = []
        self.slots = []
        for literal, field, _spec, _conversion in _FORMATTER.parse(text):
            if literal:
                self.parts.append(phrases(literal))
            if field is not None:
                self.parts.append(field)
                self.slots.append(field)

    def render(self, slots, lemmas):
        """The text; its lemmas are appended to ``lemmas``."""
        out = []
        for part in self.parts:
            text, found = slots[part] if part.__class__ is str else part
            out.append(text)
            lemmas.extend(found)
        return "".join(out)


class Bank:
    """A tuple of (uk, ru, en) templates, parsed once per language."""

    def __init__(self, entries, phrases):
        self.entries = entries
        self.by_lang = {
            code: [Template(entry[i], phrases[code]) for entry in entries] for i, code in enumerate(LANGS)
        }

    def __len__(self):
        return len(self.entries)

    def __getitem__(self, code):
        return self.by_lang[code]


def capitalise(text):
    return text[:1].upper() + text[1:]
