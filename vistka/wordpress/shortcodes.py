"""WordPress shortcodes in a post's text, found the way WordPress's own shortcode pattern finds
them (`[name attrs]`, `[name attrs /]`, `[name attrs]content[/name]`, `[[name]]` for a literal).

Shortcodes are text, not HTML, so they are read before the HTML is parsed: the known ones are
replaced by placeholder elements (<vistka-caption>, <vistka-gallery>, <vistka-embed>,
<vistka-media>) that the body converter reads like any other element.
"""

import html
import re

# name, attributes (no "]"; a "/" only if not just before "]"), optional "/", optional content
# and closing tag; one extra "[" ... "]" around it escapes it.
SHORTCODE = re.compile(
    r"\[(?P<open>\[?)(?P<name>[A-Za-z][A-Za-z0-9_-]*)(?![A-Za-z0-9_-])"
    r"(?P<attrs>[^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(?P<selfclose>/)\]|\](?:(?P<content>(?:(?!\[/(?P=name)\]).)*?)\[/(?P=name)\])?)"
    r"(?P<close>\]?)",
    re.DOTALL,
)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)

CAPTIONS = {"caption", "wp_caption"}
MEDIA = {"video", "audio", "playlist"}


def parse_attributes(text):
    """Shortcode attributes as WordPress reads them: named ones by lowercased name, positional
    ones under "0", "1", ..."""
    found, position = {}, 0
    for match in ATTRIBUTE.finditer(text.replace("\u00a0", " ").replace("\u200b", " ")):
        groups = match.groups()
        for name_at, value_at in ((0, 1), (2, 3), (4, 5)):
            if groups[name_at]:
                found[groups[name_at].lower()] = groups[value_at]
                break
        else:
            value = next(group for group in groups[6:] if group is not None)
            found[str(position)] = value
            position += 1
    return found


def _element(tag, attributes, content=""):
    attrs = "".join(
        f' data-{name}="{html.escape(str(value), quote=True)}"' for name, value in attributes.items()
    )
    return f"<{tag}{attrs}>{content}</{tag}>"


def expand(text, report):
    """`text` with known shortcodes as placeholder elements; unknown ones stay as they are (a
    report entry each)."""

    def replace(match):
        whole = match.group(0)
        if match.group("open") and match.group("close"):
            return whole[1:-1]  # [[gallery]] is the literal text [gallery]
        name = match.group("name").lower()
        attributes = parse_attributes(match.group("attrs") or "")
        content = match.group("content") or ""
        inner = match.group("open") + "{}" + match.group("close")
        if name in CAPTIONS:
            return inner.format(_element("vistka-caption", attributes, expand(content, report)))
        if name == "gallery":
            return inner.format(_element("vistka-gallery", attributes))
        if name == "embed":
            url = content.strip() or attributes.get("src", "") or attributes.get("url", "")
            return inner.format(_element("vistka-embed", {"url": html.unescape(url)}))
        if name in MEDIA:
            return inner.format(_element("vistka-media", {"kind": name, **attributes}))
        report("unknown-shortcode", whole[:200])
        return whole

    return SHORTCODE.sub(replace, text)


# A line that is nothing but an address: WordPress embeds it when a provider knows it.
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)


def expand_bare_urls(text, is_embeddable):
    def replace(match):
        url = html.unescape(match.group(1))
        if not is_embeddable(url):
            return match.group(0)
        return _element("vistka-embed", {"url": url})

    return BARE_URL_LINE.sub(replace, text)
