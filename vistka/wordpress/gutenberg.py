"""Gutenberg's block comments (`<!-- wp:name {"json": "attrs"} -->` … `<!-- /wp:name -->`, or
`<!-- wp:name /-->`), read from the parsed HTML: WordPress writes a block's opening and closing
comments as siblings, with nested blocks as siblings inside the block's own markup."""

import json
import re

from bs4 import Comment

DELIMITER = re.compile(
    r"^\s*(?P<closing>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"\s*(?P<attrs>\{.*\})?\s*(?P<void>/)?\s*$",
    re.DOTALL,
)


def full_name(name):
    """`paragraph` is `core/paragraph`; the pre-5.6 `core-embed/youtube` is an embed."""
    if name.startswith("core-embed/"):
        return "core/embed"
    return name if "/" in name else f"core/{name}"


def delimiter(node):
    """(closing, name, attrs, void) when `node` is a block comment, else None."""
    if not isinstance(node, Comment):
        return None
    found = DELIMITER.match(str(node))
    if not found:
        return None
    attrs = {}
    if found.group("attrs"):
        try:
            attrs = json.loads(found.group("attrs"))
        except ValueError:
            attrs = {"_unreadable": found.group("attrs")[:200]}
        if not isinstance(attrs, dict):
            attrs = {}
    return bool(found.group("closing")), full_name(found.group("name")), attrs, bool(found.group("void"))


def block_at(nodes, start):
    """The block opening at nodes[start]: (name, attrs, inner nodes, index after its end).
    A block never closed runs to the end of its parent."""
    _, name, attrs, void = delimiter(nodes[start])
    if void:
        return name, attrs, [], start + 1
    depth = 0
    for index in range(start + 1, len(nodes)):
        found = delimiter(nodes[index])
        if found is None or found[1] != name or found[3]:
            continue
        if not found[0]:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return name, attrs, nodes[start + 1 : index], index + 1
    return name, attrs, nodes[start + 1 :], len(nodes)
