"""One WordPress post's HTML (`content:encoded`) → the blocks of a Vistka story body.

``convert(html, resolve_image=..., report=...)`` returns [(block_type, value)] for
vistka.stories.blocks.ArticleBodyBlock: assign it to ``page.body``. It reads the classic editor's
text (paragraphs made the way WordPress's wpautop makes them), Gutenberg's block comments, and the
shortcodes WordPress ships ([caption], [gallery], [embed], [video], [audio]); addresses of posts
and videos alone on a line become embeds, as WordPress makes them.

``stream_data(blocks)`` gives the same as the JSON the body field stores, for bulk writers.

``resolve_image(wp_attachment_id=None, url=None)`` → a Wagtail image or None, asked with the
attachment id first, then with the address. ``report(kind, detail)`` hears of everything not
carried over as it was. The kinds:

- missing-image: an image whose file the importer has not got (the block is left out, the text
  around it kept);
- unknown-shortcode: kept in the text as written;
- unknown-block: a Gutenberg block this converter does not know (its HTML read like any other);
- unknown-element: an HTML element kept as its text;
- removed: script, style, forms and the like (left out; never shown to readers);
- unsafe-link: a link to javascript:, data: and such (its text kept, no link);
- unknown-embed: an embed or iframe from a provider not known (kept as a link to it);
- unsupported-media: [video], [audio], <video>, <audio> (kept as a link to the file);
- gallery-without-ids: a [gallery] listing no images (WordPress shows the post's attachments);
- shortened: a heading, alt text, caption or credit longer than the field takes;
- unreadable-attributes: a Gutenberg block whose JSON attributes do not parse (its HTML still read);
- too-deep: elements nested beyond what is read (the post's text kept as plain paragraphs).
"""

import json
import re
from functools import cache
from html import unescape
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PreformattedString

from vistka.core.sanitise import clean_text
from vistka.wordpress import embeds, gutenberg, shortcodes
from vistka.wordpress.richtext import BREAK, InlineWriter, plain_text, safe_href

HEADING_MAX, ALT_MAX, CAPTION_MAX, CREDIT_MAX, ATTRIBUTION_MAX = 200, 250, 300, 120, 200
TAG = re.compile(r"<[^>]*>")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\f]*\n")
ATTACHMENT_CLASS = re.compile(r"^wp-image-(\d+)$")
CREDIT_IN_CAPTION = re.compile(
    r"^(?P<caption>.*?)[\s,;:|—–-]*\b(?:Photo|Photograph|Credit|Image|Фото|Світлина|Foto)\s*:\s*(?P<credit>[^:]+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
QUOTE_EMBEDS = {"twitter-tweet", "instagram-media", "tiktok-embed", "telegram-post"}
CREDIT_CLASSES = {"credit", "wp-caption-credit", "photo-credit", "image-credit"}


def stream_data(blocks):
    """The blocks as the JSON a story's body field stores ([{"type", "value", "id"}]; images by
    id), for writers that insert rows without the model."""
    from vistka.stories.models import ArticlePage

    body = ArticlePage._meta.get_field("body").stream_block
    return body.get_prep_value(body.normalize(blocks))


def visible_text(rich_text):
    """The text of rich text this module wrote (escaped text and bare tags: no parser needed)."""
    return unescape(TAG.sub("", rich_text)).strip()


@cache
def structure():
    data = json.loads(Path(__file__).with_name("structure.json").read_text(encoding="utf-8"))
    return {key: set(value) for key, value in data.items() if not key.startswith("_")}


def convert(html, *, resolve_image, report):
    """The body blocks for one post's HTML: [(block_type, value)]."""
    return BodyConverter(resolve_image, report).convert(html)


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


MAX_LIST_DEPTH = 6


def _outer_lists(item):
    """The lists within a list item that are not inside another of its lists, in order (one walk:
    finding every nested list at every level made a deep list take quadratic time)."""
    found, stack = [], list(reversed(list(item.children)))
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) in ("ul", "ol"):
            found.append(node)
        elif getattr(node, "name", None):
            stack.extend(reversed(list(node.children)))
    return found


class BodyConverter:
    def __init__(self, resolve_image, report):
        self.resolve_image = resolve_image
        self.report = report
        self.attachment_hints = []  # the id a Gutenberg image block gives for the image inside it
        self.kinds = structure()

    # --- entry ---------------------------------------------------------------------------------

    def convert(self, html):
        text = clean_text(html or "")
        if not text.strip():
            return []
        text = shortcodes.expand(text, self.report)
        text = shortcodes.expand_bare_urls(text, embeds.provider_of)
        soup = BeautifulSoup(text, "html.parser")
        try:
            # Outside any Gutenberg block the text is the classic editor's: wpautop's paragraphs.
            return self.walk(list(soup.children), autop=True)
        except RecursionError:
            self.report("too-deep", "elements nested too deep to read; the text kept as paragraphs")
            return self.text_only(soup)  # less any quote attribution already taken out of it

    def text_only(self, soup):
        """The visible text of a post as paragraphs (read without recursion)."""
        removed = self.kinds["removed"]
        strings = [
            str(node)
            for node in soup.descendants
            if type(node) is NavigableString and not any(parent.name in removed for parent in node.parents)
        ]
        paragraphs = PARAGRAPH_BREAK.split("".join(strings))
        writer = InlineWriter(self.report, breaks=True)
        blocks = []
        for paragraph in paragraphs:
            html = writer.write([NavigableString(paragraph)])
            if html:
                blocks.append(("paragraph", f"<p>{html}</p>"))
        return blocks

    # --- walking a list of sibling nodes ------------------------------------------------------

    def walk(self, nodes, autop):
        """Blocks from sibling nodes: runs of text and inline elements make paragraphs; other
        elements make their own blocks. With `autop` (classic editor), a blank line or two line
        breaks end a paragraph and a single newline is a line break (WordPress's wpautop)."""
        blocks, run = [], []

        def flush():
            if run:
                blocks.extend(self.paragraph(run, autop))
                run.clear()

        index = 0
        while index < len(nodes):
            node = nodes[index]
            found = gutenberg.delimiter(node)
            if found is not None:
                index_after = index + 1
                if not found[0]:  # an opening (a stray closing comment is skipped)
                    flush()
                    name, attrs, inner, index_after = gutenberg.block_at(nodes, index)
                    blocks.extend(self.block(name, attrs, inner))
                index = index_after
                continue
            if isinstance(node, Comment | PreformattedString):
                index += 1
                continue
            if isinstance(node, NavigableString):
                parts = PARAGRAPH_BREAK.split(str(node)) if autop else [str(node)]
                for number, part in enumerate(parts):
                    if number:
                        flush()
                    run.append(NavigableString(part))
            elif isinstance(node, Tag):
                if node.name == "br" and autop and self._next_is_break(nodes, index):
                    flush()  # <br><br> is a paragraph break too
                    index = self._after_next_break(nodes, index)
                    continue
                if self.is_inline(node):
                    run.append(node)
                else:
                    flush()
                    blocks.extend(self.element(node, autop))
            index += 1
        flush()
        return blocks

    @staticmethod
    def _next_tag_index(nodes, index):
        for following in range(index + 1, len(nodes)):
            node = nodes[following]
            if isinstance(node, NavigableString) and not isinstance(node, Comment) and not node.strip():
                continue
            return following
        return None

    def _next_is_break(self, nodes, index):
        following = self._next_tag_index(nodes, index)
        return following is not None and isinstance(nodes[following], Tag) and nodes[following].name == "br"

    def _after_next_break(self, nodes, index):
        return self._next_tag_index(nodes, index) + 1

    def is_inline(self, tag):
        if tag.name not in self.kinds["inline"]:
            return False
        return not any(
            isinstance(inner, Tag) and inner.name not in self.kinds["inline"] for inner in tag.descendants
        )

    def paragraph(self, nodes, autop):
        html = InlineWriter(self.report, breaks=autop).write(nodes)
        text = visible_text(html)
        if not text:
            return []
        if "<a " not in html and BREAK not in html and embeds.page_url(text):
            return [("embed", embeds.page_url(text))]  # <p>https://youtu.be/…</p>, as WordPress does
        return [("paragraph", f"<p>{html}</p>")]

    # --- Gutenberg blocks ---------------------------------------------------------------------

    def block(self, name, attrs, inner):
        if "_unreadable" in attrs:
            self.report("unreadable-attributes", f"wp:{name.removeprefix('core/')} {attrs['_unreadable']}")
        if name in self.kinds["blocks_without_content"]:
            return []
        if name == "core/embed":
            url = attrs.get("url") if isinstance(attrs.get("url"), str) else ""
            url = url or plain_text(BeautifulSoup("".join(map(str, inner)), "html.parser"))
            return self.embed(url.strip().split()[0] if url.strip() else "")
        if name == "core/image":
            self.attachment_hints.append(attrs.get("id"))
            try:
                return self.walk(inner, autop=False)
            finally:
                self.attachment_hints.pop()
        if name == "core/gallery":
            blocks = self.walk(inner, autop=False)
            ids = attrs.get("ids") or []
            ids = ids if isinstance(ids, list) else str(ids).split(",")
            if not any(kind in ("image", "gallery") for kind, _ in blocks) and ids:
                blocks += self.gallery([self.image_by_id(number) for number in ids])
            return self.grouped(blocks)
        if name not in self.kinds["blocks_walked"]:
            self.report("unknown-block", f"wp:{name.removeprefix('core/')}")
        return self.walk(inner, autop=name == "core/freeform")

    # --- elements -----------------------------------------------------------------------------

    def element(self, tag, autop):
        name = tag.name
        if name == "p" or name in self.kinds["inline"]:
            return self.walk(list(tag.children), autop)
        if name in HEADINGS:
            return self.heading(tag)
        handler = {
            "blockquote": self.blockquote,
            "ul": self.list,
            "ol": self.list,
            "table": self.table,
            "figure": self.figure,
            "img": self.image,
            "iframe": self.iframe,
            "pre": self.preformatted,
            "vistka-caption": self.caption_shortcode,
            "vistka-gallery": self.gallery_shortcode,
            "vistka-embed": lambda tag: self.embed(tag.get("data-url", "")),
            "vistka-media": self.media,
        }.get(name)
        if handler is not None:
            return handler(tag)
        if name == "script" and tag.get("data-telegram-post"):
            return self.embed(f"https://t.me/{tag['data-telegram-post']}")
        if name in self.kinds["removed"]:
            self.report("removed", f"<{name}>")
            return []
        if name in self.kinds["media"]:
            return self.media(tag)
        if name in self.kinds["silent"]:
            return []
        if name not in self.kinds["containers"]:
            self.report("unknown-element", f"<{name}>")
        return self.walk(list(tag.children), autop)

    def heading(self, tag):
        images = self.images_within(tag)
        text = " ".join(plain_text(tag).split())
        if not text:
            return images
        if len(text) > HEADING_MAX:
            self.report("shortened", f"heading: {text[:60]}…")
            return [("paragraph", f"<p><b>{InlineWriter(self.report, False).write([tag])}</b></p>"), *images]
        return [("heading", text), *images]

    def images_within(self, tag):
        """Image blocks for the images inside an element read as text (a heading, a quote)."""
        blocks = []
        for img in tag.find_all("img"):
            blocks.extend(self.image(img.extract()))
        return blocks

    def blockquote(self, tag):
        classes = set(tag.get("class") or [])
        if classes & QUOTE_EMBEDS:
            for link in reversed(tag.find_all("a", href=True)):
                if embeds.page_url(link["href"]):
                    return self.embed(link["href"])
        images = self.images_within(tag)
        attribution = ""
        for found in tag.find_all(["cite", "footer"]):
            attribution = attribution or " ".join(plain_text(found).split()).lstrip("—–- ")
            found.extract()
        text = plain_text(tag)
        if not text:
            return images
        return [
            ("quote", {"text": text, "attribution": self.fit(attribution, ATTRIBUTION_MAX, "attribution")}),
            *images,
        ]

    def list(self, tag):
        images = self.images_within(tag)
        lines = self.list_lines(tag, depth=0)
        if not lines:
            return images
        return [("paragraph", f"<p>{BREAK.join(lines)}</p>"), *images]

    def list_lines(self, tag, depth):
        """A list as lines of a paragraph ("• item", "1. item"; nested lists indented with "–")."""
        lines = []
        try:
            number = int(tag.get("start", 1))
        except ValueError:
            number = 1
        for item in tag.find_all("li", recursive=False):
            nested = [child.extract() for child in _outer_lists(item)]
            if depth >= MAX_LIST_DEPTH:  # deeper lists: their text on this level's line
                for sublist in nested:
                    item.append(" " + sublist.get_text(" "))
                nested = []
            text = InlineWriter(self.report, breaks=False).write(list(item.children))
            if text:
                marker = f"{number}." if tag.name == "ol" else "•"
                lines.append(f"{'– ' * depth}{marker} {text}")
                number += 1
            for sublist in nested:
                lines.extend(self.list_lines(sublist, depth + 1))
        return lines

    def table(self, tag, caption=""):
        return self.table_block(tag, caption) + self.images_within(tag)

    def table_block(self, tag, caption):
        rows = []
        header_row = False
        for position, row in enumerate(tag.find_all("tr")):
            cells = []
            for cell in row.find_all(["td", "th"], recursive=False):
                cells.append(" ".join(plain_text(cell).split()))
                try:
                    span = min(int(cell.get("colspan", 1)), 50)
                except ValueError:
                    span = 1
                cells.extend([""] * (span - 1))
            if position == 0:
                cells_tags = row.find_all(["td", "th"], recursive=False)
                header_row = bool(cells_tags) and (
                    row.find_parent("thead") is not None or all(cell.name == "th" for cell in cells_tags)
                )
            rows.append(cells)
        if not any(any(cells) for cells in rows):
            return []
        width = max(len(cells) for cells in rows)
        rows = [cells + [""] * (width - len(cells)) for cells in rows]
        found_caption = tag.find("caption")
        caption = caption or (" ".join(plain_text(found_caption).split()) if found_caption else "")
        return [
            (
                "table",
                {
                    "data": rows,
                    "first_row_is_table_header": header_row,
                    "first_col_is_header": False,
                    "table_header_choice": "row" if header_row else "neither",
                    "table_caption": caption,
                },
            )
        ]

    def figure(self, tag):
        classes = set(tag.get("class") or [])
        wrapper = tag.find(class_="wp-block-embed__wrapper")
        if "wp-block-embed" in classes or wrapper is not None:
            url = plain_text(wrapper or tag).split()
            return self.embed(url[0] if url else "")
        caption_tag = tag.find("figcaption", recursive=False) or (
            tag.find("figcaption") if len(tag.find_all("img")) == 1 else None
        )
        table = tag.find("table")
        if table is not None:
            caption = " ".join(plain_text(caption_tag).split()) if caption_tag else ""
            return self.table(table, caption)
        images = tag.find_all("img")
        if len(images) == 1 and tag.find(["blockquote", "iframe"]) is None:
            caption, credit = self.caption_and_credit(caption_tag)
            return self.image(images[0], caption=caption, credit=credit)
        if len(images) > 1:
            return self.grouped(self.walk(list(tag.children), autop=False))
        return self.walk(list(tag.children), autop=False)

    def caption_and_credit(self, caption_tag):
        if caption_tag is None:
            return "", ""
        credit = ""
        for found in caption_tag.find_all(True):
            if set(found.get("class") or []) & CREDIT_CLASSES or found.name == "cite":
                credit = credit or " ".join(plain_text(found).split())
                found.extract()
        caption = " ".join(plain_text(caption_tag).split())
        if not credit:
            split = CREDIT_IN_CAPTION.match(caption)
            if split:
                caption, credit = split.group("caption").strip(), split.group("credit").strip()
        return caption, credit

    def grouped(self, blocks):
        """Images of a gallery's markup as one gallery block (with the other blocks after it)."""
        images = [value for kind, value in blocks if kind == "image"]
        for kind, value in blocks:
            if kind == "gallery":
                images.extend(value["images"])
        others = [(kind, value) for kind, value in blocks if kind not in ("image", "gallery")]
        return self.gallery(images) + others

    def gallery(self, images):
        images = [image for image in images if image is not None]
        if len(images) >= 2:
            return [("gallery", {"images": images})]
        return [("image", image) for image in images]

    # --- images -------------------------------------------------------------------------------

    def attachment_id(self, img):
        for name in img.get("class") or []:
            found = ATTACHMENT_CLASS.match(name)
            if found:
                return int(found.group(1))
        for attribute in ("data-id", "data-attachment-id"):
            if str(img.get(attribute, "")).isdigit():
                return int(img[attribute])
        hint = self.attachment_hints[-1] if self.attachment_hints else None
        return int(hint) if str(hint or "").isdigit() else None

    def find_image(self, wp_attachment_id=None, url=None):
        image = self.resolve_image(wp_attachment_id=wp_attachment_id) if wp_attachment_id else None
        if image is None and url:
            image = self.resolve_image(url=url)
        if image is None:
            self.report("missing-image", f"attachment {wp_attachment_id or '?'} {url or ''}".strip())
        return image

    def image(self, img, caption="", credit=""):
        url = (
            img.get("data-orig-file")
            or img.get("src")
            or img.get("data-src")
            or img.get("data-lazy-src")
            or ""
        ).strip()
        if url.lower().startswith(("data:", "javascript:", "blob:")):
            url = ""  # nothing an importer could find in the uploads folder
        found = self.find_image(self.attachment_id(img), url)
        if found is None:
            return []
        alt = " ".join(clean_text(img.get("alt", "")).split())
        return [("image", self.image_value(found, alt, caption, credit))]

    def image_value(self, image, alt="", caption="", credit=""):
        return {
            "image": image,
            "alt": self.fit(alt, ALT_MAX, "alt text"),
            "caption": self.fit(caption, CAPTION_MAX, "caption"),
            "credit": self.fit(credit, CREDIT_MAX, "credit"),
        }

    def image_by_id(self, number):
        if not str(number).strip().isdigit():
            return None
        found = self.find_image(int(str(number).strip()))
        return self.image_value(found) if found is not None else None

    def fit(self, text, limit, what):
        text = clean_text(text or "")
        if len(text) <= limit:
            return text
        self.report("shortened", f"{what}: {text[:60]}…")
        return text[: limit - 1].rstrip() + "…"

    # --- shortcodes ---------------------------------------------------------------------------

    def caption_shortcode(self, tag):
        img = tag.find("img")
        if img is None:
            return self.walk(list(tag.children), autop=True)
        holder = img.parent if img.parent.name == "a" and img.parent is not tag else img
        holder.extract()
        written = plain_text(tag) or tag.get("data-caption", "")
        caption, credit = "", ""
        if written:
            probe = BeautifulSoup(f"<figcaption>{tag.decode_contents()}</figcaption>", "html.parser")
            caption, credit = self.caption_and_credit(probe.figcaption)
            caption = caption or " ".join(clean_text(tag.get("data-caption", "")).split())
        hint = tag.get("data-id", "").removeprefix("attachment_")
        self.attachment_hints.append(hint)
        try:
            return self.image(img, caption=caption, credit=credit)
        finally:
            self.attachment_hints.pop()

    def gallery_shortcode(self, tag):
        ids = [
            part
            for part in re.split(r"[\s,]+", tag.get("data-ids", "") or tag.get("data-include", ""))
            if part
        ]
        if not ids:
            self.report("gallery-without-ids", "[gallery]")
            return []
        return self.gallery([self.image_by_id(number) for number in ids])

    def embed(self, url):
        url = clean_text(url or "").strip()
        target = embeds.page_url(url)
        if target:
            return [("embed", target)]
        if not url:
            return []
        self.report("unknown-embed", url[:200])
        return self.link_paragraph(url)

    def link_paragraph(self, url, text=""):
        safe = safe_href(url)
        if safe is None or not re.match(r"^https?://", safe):
            return []
        writer = InlineWriter(self.report, breaks=False)
        soup = BeautifulSoup("<a></a>", "html.parser")
        soup.a["href"] = safe
        soup.a.string = text or safe
        return [("paragraph", f"<p>{writer.write([soup.a])}</p>")]

    def media(self, tag):
        kind = tag.get("data-kind") or tag.name
        url = ""
        for attribute in ("data-src", "data-mp4", "data-mp3", "data-m4a", "data-webm", "data-ogg", "src"):
            if tag.get(attribute):
                url = tag[attribute]
                break
        if not url and tag.find("source", src=True):
            url = tag.find("source", src=True)["src"]
        self.report("unsupported-media", f"{kind} {url}".strip())
        return self.link_paragraph(url) if url else []

    def iframe(self, tag):
        src = (tag.get("src") or tag.get("data-src") or "").strip()
        target = embeds.page_url(src)
        if target:
            return [("embed", target)]
        self.report("unknown-embed", f"<iframe src={src[:200]}>")
        return self.link_paragraph(src, clean_text(tag.get("title", "")).strip())

    def preformatted(self, tag):
        lines = [" ".join(line.split()) for line in tag.get_text().splitlines()]
        text = InlineWriter(self.report, breaks=True).write([NavigableString("\n".join(lines))])
        return [("paragraph", f"<p>{text}</p>")] if text.strip() else []
