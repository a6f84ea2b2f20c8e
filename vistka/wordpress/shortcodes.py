"""WordPress shortcodes in a post's text, found the way WordPress's own shortcode pattern finds
them (`[name attrs]`, `[name attrs /]`, `[name attrs]content[/name]`, `[[name]]` for a literal).

Shortcodes are text, not HTML, so they are read before the HTML is parsed: the known ones are
replaced by placeholder elements (<vistka-caption>, <vistka-gallery>, <vistka-embed>,
<vistka-media>) that the body converter reads like any other element.
"""

import bisect
import html
import re

# An opening tag: name, attributes (no brackets inside), an optional "/" before "]". One more "["
# before it (and "]" after it, or after its closing tag) escapes it. Attributes stop at the next
# bracket, so a text full of stray "[" is still read in one pass.
OPENING = re.compile(
    r"\[(?P<open>\[?)(?P<name>[A-Za-z][A-Za-z0-9_-]*)(?![A-Za-z0-9_-])"
    r"(?P<attrs>[^\[\]]*?)(?P<selfclose>/)?\](?P<close>\]?)"
)
CLOSING = re.compile(r"\[/([A-Za-z][A-Za-z0-9_-]*)\]")
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
    report entry each). The content of `[name]…[/name]` runs to the first `[/name]` after it."""
    closings = {}
    for found in CLOSING.finditer(text):
        closings.setdefault(found.group(1), []).append(found.start())
    parts, position = [], 0
    while True:
        found = OPENING.search(text, position)
        if found is None:
            parts.append(text[position:])
            return "".join(parts)
        parts.append(text[position : found.start()])
        shortcode, position = _read(text, found, closings)
        parts.append(_replace(shortcode, report))


def _read(text, found, closings):
    """The shortcode opening at `found`: a dict of its parts, and where the text after it starts."""
    name = found.group("name")
    shortcode = {
        "name": name.lower(),
        "attrs": found.group("attrs") or "",
        "content": None,
        "escaped": bool(found.group("open")),
        "whole": found.group(0),
        "opening": found.group(0),
        "closing": "",
    }
    end = found.end()
    if found.group("selfclose") or found.group("close"):
        shortcode["escaped"] = shortcode["escaped"] and bool(found.group("close"))
        return shortcode, end
    positions = closings.get(name, [])
    index = bisect.bisect_left(positions, end)
    if index < len(positions):
        closing_at = positions[index]
        after = closing_at + len(name) + 3
        if shortcode["escaped"] and text[after : after + 1] == "]":
            after += 1
        else:
            shortcode["escaped"] = False
        shortcode["content"] = text[end:closing_at]
        shortcode["closing"] = text[closing_at:after]
        shortcode["whole"] = text[found.start() : after]
        return shortcode, after
    shortcode["escaped"] = False
    return shortcode, end


def _replace(shortcode, report):
    whole = shortcode["whole"]
    if shortcode["escaped"]:
        return whole[1:-1]  # [[gallery]] is the literal text [gallery]
    prefix = ""
    if whole.startswith("[["):  # "[[name]" not closed by "]]": the first "[" is text
        prefix, whole = "[", whole[1:]
    name, content = shortcode["name"], shortcode["content"] or ""
    attributes = parse_attributes(shortcode["attrs"])
    if name in CAPTIONS:
        return prefix + _element("vistka-caption", attributes, expand(content, report))
    if name == "gallery":
        return prefix + _element("vistka-gallery", attributes)
    if name == "embed":
        url = content.strip() or attributes.get("src", "") or attributes.get("url", "")
        return prefix + _element("vistka-embed", {"url": html.unescape(url)})
    if name in MEDIA:
        return prefix + _element("vistka-media", {"kind": name, **attributes})
    report("unknown-shortcode", whole[:200])
    # kept as written, the shortcodes inside it read (a [gallery] inside an unknown [tabs])
    opening = shortcode["opening"][len(prefix) :]
    return prefix + opening + expand(content, report) + shortcode["closing"]


# A line that is nothing but an address: WordPress embeds it when a provider knows it.
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)


def expand_bare_urls(text, is_embeddable):
    def replace(match):
        url = html.unescape(match.group(1))
        if not is_embeddable(url):
            return match.group(0)
        return _element("vistka-embed", {"url": url})

    return BARE_URL_LINE.sub(replace, text)
