"""Reading an admin page's visible text in Chromium and finding the words in the wrong language.

A phrase is untranslated when, on a Ukrainian or Russian page, it has Latin words, or on an English
page Cyrillic ones; a Russian page with letters only Ukrainian has (і ї є ґ) or a Ukrainian page with
letters only Russian has (ы э ъ ё) shows the other language's catalogue. Names the test made (story
titles, records, people) are removed first; proper names allowed everywhere are in
admin_text_allowed.json.
"""

import json
import re
from pathlib import Path

ALLOWED = json.loads((Path(__file__).with_name("admin_text_allowed.json")).read_text(encoding="utf-8"))

# Every visible string on the page: the rendered text (a <select> shows only its chosen option) and
# the labels a person meets on visible elements (placeholder, aria-label, title, tooltips).
VISIBLE_TEXT_JS = """
() => {
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return (box.width > 0 || box.height > 0) && style.visibility !== 'hidden' && style.display !== 'none';
  };
  for (const select of document.querySelectorAll('select')) {
    for (const option of [...select.options]) { if (!option.selected) option.remove(); }
  }
  const texts = [document.title, document.body.innerText];
  const attributes = ['placeholder', 'aria-label', 'title', 'data-w-tooltip-content-value', 'alt'];
  for (const el of document.querySelectorAll(attributes.map((a) => `[${a}]`).join(','))) {
    if (el.tagName === 'HTML' || el.tagName === 'svg' || el.closest('svg') || !shown(el)) continue;
    for (const name of attributes) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts.join('\\n');
}
"""

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ][А-Яа-яЁёІіЇїЄєҐґ'’ʼ]*")
ONLY_UKRAINIAN = re.compile(r"[ІіЇїЄєҐґ]")
ONLY_RUSSIAN = re.compile(r"[ЫыЭэЪъЁё]")
URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+|/[\w./-]+|[\w.-]+\.(?:png|jpe?g|gif|webp|avif)\b")


def strip_known(text, data_names):
    """The text without the names the test made and the proper names allowed everywhere."""
    for name in sorted({*data_names, *ALLOWED["phrases"]}, key=len, reverse=True):
        if name:
            text = text.replace(name, " ")
    return URL.sub(" ", text)


def wrong_words(phrase, language):
    allowed_words = set(ALLOWED["words"])
    if language == "en":
        words = CYRILLIC_WORD.findall(phrase)
    else:
        words = [w for w in LATIN_WORD.findall(phrase) if len(w) > 1 or w in {"a", "A", "I"}]
        wrong_letters = ONLY_RUSSIAN if language == "uk" else ONLY_UKRAINIAN
        words += [w for w in CYRILLIC_WORD.findall(phrase) if wrong_letters.search(w)]
    return [w for w in words if w not in allowed_words]


def untranslated_phrases(text, language, data_names):
    """The lines of `text` that hold words in the wrong language."""
    found = []
    for line in strip_known(text, data_names).splitlines():
        phrase = " ".join(line.split())
        if phrase and wrong_words(phrase, language):
            found.append(phrase)
    return found
