"""Field by field: what the refused version and the saved one differ in, and the merged content.

The comparison is Wagtail's own (the panels' get_comparison, as on the revisions compare screen),
so every field a story's form edits (text, rich text, stream fields, tags, inline live entries)
is compared the way the history shows it."""

import copy
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import get_edit_handler

BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
MINE = "mine"
THEIRS = "theirs"


def comparison_key(comparison):
    """The key of the compared value in a revision's content."""
    if getattr(comparison, "is_child_relation", False):
        return comparison.field.related_name
    return comparison.field.name


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
    def default(self):
        """Where only one side changed the field, that side; where both did, the user decides."""
        if self.changed_by_me and not self.changed_by_them:
            return MINE
        if self.changed_by_them and not self.changed_by_me:
            return THEIRS
        return ""


def _without_block_ids(data):
    """Stream data without the blocks' ids and rich text's block keys: a body saved through the
    form again gets new ones where it had none, which is no change of content."""
    if isinstance(data, str):
        return BLOCK_KEY.sub("", data)
    if isinstance(data, list):
        return [_without_block_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_block_ids(value) for key, value in data.items() if key != "id"}
    return data


def has_changed(comparison):
    if getattr(comparison.field, "stream_block", None) is not None:
        prep = comparison.field.stream_block.get_prep_value
        return _without_block_ids(prep(comparison.val_a)) != _without_block_ids(prep(comparison.val_b))
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
