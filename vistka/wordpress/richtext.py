"""Inline HTML from a post → the rich text a Vistka paragraph holds.

A paragraph allows what the newsroom's editor allows (vistka.stories.blocks.INLINE_FEATURES):
bold, italic, links, superscript, subscript, strikethrough, and line breaks. Every other element
gives its text; no attribute survives but a link's address, and only an address a reader may
safely follow (no javascript:, data: or other active scheme). Text is cleaned like every text the
newsroom saves (vistka.core.sanitise.clean_text).
"""

import html
import re
from urllib.parse import urlsplit

from bs4 import Comment, NavigableString, Tag

from vistka.core.sanitise import clean_text

KEPT = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "cite": "i",
    "dfn": "i",
    "var": "i",
    "sup": "sup",
    "sub": "sub",
    "s": "s",
    "del": "s",
    "strike": "s",
}
DROPPED = {"script", "style", "noscript", "template", "object", "embed", "applet", "iframe", "svg", "math"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
BREAK = "<br/>"
_SPACES = re.compile(r"[ \t\r\n\f]+")
_BREAKS_AT_EDGES = re.compile(r"^(?:\s|<br/>)+|(?:\s|<br/>)+$")


def safe_href(href):
    """The address when a reader may follow it (web, mail, phone, or relative to the site)."""
    href = clean_text((href or "").strip())
    if not href:
        return None
    # Browsers ignore tabs, newlines and controls inside a scheme ("java\tscript:"): so do we.
    squeezed = re.sub(r"[\x00-\x20]", "", href)
    try:
        scheme = urlsplit(squeezed).scheme.lower() if ":" in squeezed.split("/")[0] else ""
    except ValueError:  # e.g. "http://[" (a broken IPv6 host)
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    return href


class InlineWriter:
    """Writes inline nodes as paragraph rich text. `breaks`: single newlines become line breaks
    (WordPress's classic editor, wpautop); otherwise newlines are spaces, as in HTML."""

    def __init__(self, report, breaks):
        self.report = report
        self.breaks = breaks

    def write(self, nodes):
        text = "".join(self._node(node) for node in nodes)
        text = re.sub(r"(?:<br/>\s*){2,}", BREAK, text)
        return _BREAKS_AT_EDGES.sub("", text)

    def _node(self, node):
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return self._text(str(node))
        if not isinstance(node, Tag):
            return ""
        name = node.name.lower()
        if name == "br":
            return BREAK
        if name in DROPPED:
            self.report("removed", f"<{name}> in a paragraph")
            return ""
        inner = "".join(self._node(child) for child in node.children)
        if name == "a":
            return self._link(node, inner)
        if name in KEPT and inner.strip():
            tag = KEPT[name]
            return f"<{tag}>{inner}</{tag}>"
        return inner

    def _text(self, text):
        text = html.escape(clean_text(text), quote=False)
        if self.breaks:
            lines = [_SPACES.sub(" ", line) for line in text.split("\n")]
            return BREAK.join(lines)
        return _SPACES.sub(" ", text)

    def _link(self, node, inner):
        href = node.get("href")
        if href is None or not inner.strip():
            return inner
        safe = safe_href(href)
        if safe is None:
            self.report("unsafe-link", href[:200])
            return inner
        return f'<a href="{html.escape(safe, quote=True)}">{inner}</a>'


def plain_text(node):
    """The visible text of an element, its line breaks and paragraphs as newlines."""
    parts = []

    def walk(item):
        if isinstance(item, Comment):
            return
        if isinstance(item, NavigableString):
            parts.append(_SPACES.sub(" ", str(item)))
            return
        if not isinstance(item, Tag) or item.name in DROPPED:
            return
        if item.name == "br":
            parts.append("\n")
            return
        block = item.name in ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
        if block:
            parts.append("\n\n")
        for child in item.children:
            walk(child)
        if block:
            parts.append("\n\n")

    walk(node)
    text = "".join(parts)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return clean_text(text.strip())
