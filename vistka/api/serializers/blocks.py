"""A story's body as JSON-safe structured blocks and as the HTML the site renders.

Links to other stories are resolved against the publicly visible ones only: a "read also" block
whose story is a draft, scheduled, unpublished or private is left out; a background item keeps
its text but loses such a link; a rich-text link to such a page keeps its text but loses its
target. The same holds in the structured blocks and in the HTML. Call within
translation.override(the story's edition).
"""

import logging
from dataclasses import dataclass

from wagtail.rich_text import RichText

from vistka.api import links, queries
from vistka.api.serializers import richtext
from vistka.api.serializers.images import rendition

logger = logging.getLogger(__name__)

# A "read also" block whose target is not publicly visible.
SKIP = object()
RICH_TEXT_BLOCKS = {"paragraph": lambda value: value, "labelled": lambda value: value.get("text")}


@dataclass
class Visible:
    stories: dict  # pk -> visible ArticlePage, for the stories the body links to
    page_ids: set  # pages linked from rich text that the public may see


def _story_ref(story):
    return {"story_number": story.story_number, "url": links.story(story), "headline": story.title}


def _image(value):
    image = value.get("image")
    return {
        "image": rendition(image),
        "alt": value.get("alt") or (image.description if image else ""),
        "caption": value.get("caption") or "",
        "credit": value.get("credit") or "",
    }


def _source(value, visible):
    source = value.get("source")
    ref = None
    if source is not None:
        ref = {"name": source.name, "qualifier": source.qualifier, "url": source.url}
    return {"source": ref, "note": value.get("note") or ""}


def _background(value, visible):
    items = []
    for item in value.get("items") or []:
        target = item.get("story")
        shown = visible.stories.get(target.pk) if target is not None else None
        items.append({"date": item.get("date"), "text": item.get("text") or "", "story": shown})
    return {"items": items}


def _read_also(value, visible):
    target = value.get("story")
    shown = visible.stories.get(target.pk) if target is not None else None
    if shown is None:
        return SKIP
    return {"story": shown, "text": value.get("text") or ""}


# block type -> value in the API, with referenced stories as visible ArticlePage objects (or None)
_STRUCTURED = {
    "paragraph": lambda value, visible: richtext.to_html(value, visible.page_ids),
    "heading": lambda value, visible: str(value or ""),
    "labelled": lambda value, visible: {
        "label": value.get("label") or "",
        "label_text": value.label_text(),
        "text": richtext.to_html(value.get("text"), visible.page_ids),
    },
    "source": _source,
    "quote": lambda value, visible: {
        "text": value.get("text") or "",
        "attribution": value.get("attribution") or "",
    },
    "background": _background,
    "image": lambda value, visible: _image(value),
    "gallery": lambda value, visible: {"images": [_image(image) for image in value.get("images") or []]},
    "embed": lambda value, visible: {"url": value.url} if value else None,
    "read_also": _read_also,
    "table": lambda value, visible: dict(value) if value else None,
}


def _for_json(block_type, value):
    """Replace story objects with {story_number, url, headline}."""
    if block_type == "background":
        return {
            "items": [
                {**item, "story": _story_ref(item["story"]) if item["story"] else None}
                for item in value["items"]
            ]
        }
    if block_type == "read_also":
        return {**value, "story": _story_ref(value["story"])}
    return value


def _replaced(struct_value, **changes):
    """A copy of a StructValue (of its own value class) with some of its fields changed."""
    items = [(name, changes.get(name, value)) for name, value in struct_value.items()]
    return type(struct_value)(struct_value.block, items)


def _for_template(child, structured, visible):
    """The value the block's template renders: the original, with links limited to what the public
    may see and deleted images left out. None: render nothing."""
    block_type, value = child.block_type, child.value
    if block_type == "paragraph":
        return richtext.safe_richtext(value, visible.page_ids)
    if block_type == "labelled":
        return _replaced(value, text=richtext.safe_richtext(value.get("text"), visible.page_ids))
    if block_type == "background":
        items = [
            _replaced(original, story=shown["story"])
            for original, shown in zip(value["items"], structured["items"], strict=True)
        ]
        return _replaced(value, items=items)  # its own value class: the template asks it for lines()
    if block_type == "read_also":
        return _replaced(value, story=structured["story"])
    if block_type == "image" and value.get("image") is None:
        return None
    if block_type == "gallery":
        images = [image for image in value.get("images") or [] if image.get("image") is not None]
        return _replaced(value, images=images) if images else None
    return value


def _render(child, value, context):
    if value is None:
        return ""
    try:
        return child.block.render(value, context=context)
    except Exception:  # noqa: BLE001 (one broken block must not take the story down; it is logged)
        logger.exception(
            "Cannot render block %s (%s) of story %s", child.id, child.block_type, context["page"].pk
        )
        return ""


def _visible_references(stream):
    story_ids, page_ids = set(), set()
    for child in stream:
        if child.block_type == "read_also" and child.value.get("story") is not None:
            story_ids.add(child.value["story"].pk)
        elif child.block_type == "background":
            story_ids.update(
                item["story"].pk for item in child.value.get("items") or [] if item.get("story") is not None
            )
        elif child.block_type in RICH_TEXT_BLOCKS:
            text = RICH_TEXT_BLOCKS[child.block_type](child.value)
            page_ids |= richtext.page_link_ids(text.source if isinstance(text, RichText) else text)
    return Visible(stories=queries.visible_by_pk(story_ids), page_ids=richtext.visible_page_ids(page_ids))


def serialize_body(story):
    """([{type, id, value}], body_html)."""
    stream = story.body
    visible = _visible_references(stream)
    blocks, html = [], []
    context = {"page": story, "self": story}
    for child in stream:
        convert = _STRUCTURED.get(child.block_type)
        if convert is None:  # a block type no longer defined
            continue
        structured = convert(child.value, visible)
        if structured is SKIP:
            continue
        blocks.append(
            {"type": child.block_type, "id": child.id, "value": _for_json(child.block_type, structured)}
        )
        html.append(_render(child, _for_template(child, structured, visible), context))
    return blocks, "".join(html)
