"""Field by field: what the refused version and the saved one differ in, and the merged content.

The comparison is Wagtail's own (the panels' get_comparison, as on the revisions compare screen),
so every field a story's form edits (text, rich text, stream fields, tags, inline live entries)
is compared the way the history shows it."""

import copy
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.admin.compare import RichTextFieldComparison
from wagtail.admin.panels import get_edit_handler

MINE = "mine"
THEIRS = "theirs"


def comparison_key(comparison):
    """The key of the compared value in a revision's content."""
    if getattr(comparison, "is_child_relation", False):
        return comparison.field.related_name
    return comparison.field.name


def one_side_of(diff_html, drop):
    """Wagtail's diff (from theirs to mine) without the other side's part ("addition": mine only,
    "deletion": theirs only), so each column holds one version and not a mix of both."""
    soup = BeautifulSoup(str(diff_html), "html.parser")
    for element in soup.select(f".{drop}"):
        element.decompose()
    return mark_safe(str(soup))  # noqa: S308 (Wagtail's escaped diff, re-serialised)


@dataclass
class FieldChoice:
    key: str
    label: str
    theirs_html: str
    mine_html: str
    changed_by_me: bool
    changed_by_them: bool
    diff_html: str = ""  # Wagtail's diff from theirs to mine: "deletion" theirs only, "addition" mine only

    @property
    def theirs_diff_html(self):
        """The diff as the saved version reads: its own words, the ones only it has marked."""
        return one_side_of(self.diff_html, drop="addition")

    @property
    def mine_diff_html(self):
        """The diff as the user's version reads: their own words, the ones only they have marked."""
        return one_side_of(self.diff_html, drop="deletion")

    @property
    def default(self):
        """Where only one side changed the field, that side; where both did, the user decides."""
        if self.changed_by_me and not self.changed_by_them:
            return MINE
        if self.changed_by_them and not self.changed_by_me:
            return THEIRS
        return ""


def canonical_html(html):
    """Rich text as the browser means it: the same markup whatever the entities chose to escape
    (the demo and imports store `&quot;`/`&#x27;`, the editor posts `"`/`'`) and without the
    editor's block keys (a body saved through the form again gets new ones)."""
    soup = BeautifulSoup(str(html or ""), "html.parser")
    for tag in soup.find_all(attrs={"data-block-key": True}):
        del tag["data-block-key"]
    return str(soup)


def to_the_minute(value):
    """A time as the admin's date-time widget edits it: a form sent back unchanged drops the
    seconds a time stored by code had (a live entry's, the demo's)."""
    return value.replace(second=0, microsecond=0) if value is not None else None


def _is_list_item(item):
    return isinstance(item, dict) and item.get("type") == "item" and "value" in item and "id" in item


def canonical_block_value(block, prep):
    """A stream value's prepared data without block ids, its rich text canonical (walked with the
    block definitions, so only rich text is read as HTML)."""
    if isinstance(block, blocks.RichTextBlock):
        return canonical_html(prep)
    if isinstance(block, blocks.StreamBlock):
        return [
            (item["type"], canonical_block_value(block.child_blocks.get(item["type"]), item.get("value")))
            for item in prep or []
        ]
    if isinstance(block, blocks.ListBlock):
        return [
            canonical_block_value(block.child_block, item["value"] if _is_list_item(item) else item)
            for item in prep or []
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(prep, dict):
        return {
            name: canonical_block_value(child, prep.get(name)) for name, child in block.child_blocks.items()
        }
    return prep


def _child_relation_changed(comparison):
    """Wagtail's test for inline entries, with each entry's fields compared by has_changed."""
    objs_a, objs_b = list(comparison.val_a.all()), list(comparison.val_b.all())
    forwards, _backwards, added, deleted = comparison.get_mapping(objs_a, objs_b)
    if added or deleted:
        return True
    return any(
        has_changed(field)
        for a_index, b_index in forwards.items()
        for field in comparison.get_child_comparison(objs_a[a_index], objs_b[b_index]).get_field_comparisons()
    )


def has_changed(comparison):
    """Whether a field's content differs, not only its serialisation (block ids, entities)."""
    if getattr(comparison, "is_child_relation", False):
        return _child_relation_changed(comparison)
    stream_block = getattr(comparison.field, "stream_block", None)
    if stream_block is not None:
        prep = stream_block.get_prep_value
        return canonical_block_value(stream_block, prep(comparison.val_a)) != canonical_block_value(
            stream_block, prep(comparison.val_b)
        )
    if isinstance(comparison, RichTextFieldComparison):
        return canonical_html(comparison.val_a) != canonical_html(comparison.val_b)
    if isinstance(comparison.field, models.DateTimeField):
        return to_the_minute(comparison.val_a) != to_the_minute(comparison.val_b)
    return comparison.has_changed()


def comparison_html(comparison):
    """Wagtail's diff of a field; for inline entries (live entries, corrections) one line per entry."""
    if not getattr(comparison, "is_child_relation", False):
        return comparison.htmldiff()
    entries = [
        format_html_join(
            " · ",
            "<strong>{}</strong>: {}",
            ((f.field_label(), f.htmldiff()) for f in child.get_field_comparisons()),
        )
        for child in comparison.get_child_comparisons()
    ]
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((entry,) for entry in entries)))


def _comparisons(page, request, obj_a, obj_b):
    model = type(page)
    handler = model.get_edit_handler() if hasattr(model, "get_edit_handler") else get_edit_handler(model)
    panel = handler.get_bound_panel(instance=page, request=request, form=None)
    return {comparison_key(comp(obj_a, obj_b)): comp(obj_a, obj_b) for comp in panel.get_comparison()}


def field_choices(page, request, base, theirs, mine):
    """The fields where `mine` differs from `theirs` (base may be None: then both count as changed)."""
    between = _comparisons(page, request, theirs, mine)
    theirs_alone = _comparisons(page, request, theirs, theirs)
    mine_alone = _comparisons(page, request, mine, mine)
    mine_from_base = _comparisons(page, request, base, mine) if base is not None else {}
    theirs_from_base = _comparisons(page, request, base, theirs) if base is not None else {}
    choices = []
    for key, comparison in between.items():
        if not has_changed(comparison):
            continue
        choices.append(
            FieldChoice(
                key=key,
                label=comparison.field_label(),
                theirs_html=comparison_html(theirs_alone[key]),
                mine_html=comparison_html(mine_alone[key]),
                changed_by_me=key not in mine_from_base or has_changed(mine_from_base[key]),
                changed_by_them=key not in theirs_from_base or has_changed(theirs_from_base[key]),
                diff_html=comparison_html(comparison),
            )
        )
    return choices


def changed_field_labels(page, request, before, after):
    return [
        str(c.field_label()) for c in _comparisons(page, request, before, after).values() if has_changed(c)
    ]


def merged_content(latest_content, mine_content, chosen_mine):
    """The latest revision's content with the user's value for each field they chose."""
    merged = copy.deepcopy(latest_content)
    for key in chosen_mine:
        if key in mine_content:
            merged[key] = copy.deepcopy(mine_content[key])
    return merged
