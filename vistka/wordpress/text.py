"""Plain text from WordPress's HTML fields (excerpts, captions) and a lead's first sentence."""

import re

from bs4 import BeautifulSoup

from vistka.wordpress.body import visible_text
from vistka.wordpress.richtext import plain_text

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«„“(\[A-ZА-ЯЇІЄҐЁ0-9])")
SPACES = re.compile(r"\s+")


def plain_text_of(html):
    """The visible text of a fragment of HTML on one line."""
    if not html or not html.strip():
        return ""
    soup = BeautifulSoup(html, "html.parser")
    try:
        text = plain_text(soup)
    except RecursionError:  # thousands of nested tags in one field: its text, without structure
        text = soup.get_text(" ")
    return SPACES.sub(" ", text).strip()


def first_sentence(blocks, limit=600):
    """The first sentence of the body's first paragraph (a lead for a post without an excerpt)."""
    for block_type, value in blocks:
        if block_type != "paragraph":
            continue
        text = SPACES.sub(" ", visible_text(value)).strip()
        if not text:
            continue
        sentence = SENTENCE_END.split(text, maxsplit=1)[0]
        if len(sentence) > limit:
            sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
        return sentence
    return ""


def fit(text, limit):
    text = SPACES.sub(" ", text or "").strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
