"""The records a story form chooses must be of the story's edition: the choosers offer only
those, and an id typed into the form (another edition's author, tag, section or source) is
refused here. Records the story already had stay, so older stories remain editable."""

import json
import re

from vistka.core.ids import posted_id
from vistka.people.models import Author
from vistka.taxonomy.models import Section, Source, Tag

POSTED_FIELDS = (  # (model, pattern of the story form's field names)
    (Author, re.compile(r"^story_authors-\d+-author$")),
    (Tag, re.compile(r"^story_tags-\d+-tag$")),
    (Section, re.compile(r"^section$")),
    (Source, re.compile(r"^body-.+-source$")),
)


def posted_record_ids(post):
    """{model: ids} the submitted story form chooses."""
    chosen = {model: set() for model, _ in POSTED_FIELDS}
    for key, value in post.items():
        for model, pattern in POSTED_FIELDS:
            if pattern.match(key) and posted_id(value) is not None:
                chosen[model].add(posted_id(value))
    return chosen


def _source_ids(value):
    found = set()
    if isinstance(value, dict):
        if value.get("type") == "source" and isinstance(value.get("value"), dict):
            source = value["value"].get("source")
            if isinstance(source, int):
                found.add(source)
        for item in value.values():
            found |= _source_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _source_ids(item)
    return found


def saved_record_ids(page):
    """{model: ids} the story has now: its rows and its latest revision."""
    saved = {model: set() for model, _ in POSTED_FIELDS}
    if page is None:
        return saved
    saved[Author].update(page.story_authors.values_list("author_id", flat=True))
    saved[Tag].update(page.story_tags.values_list("tag_id", flat=True))
    if page.section_id:
        saved[Section].add(page.section_id)
    revision = page.get_latest_revision()
    content = (revision.content or {}) if revision is not None else {}
    saved[Author].update(row.get("author") for row in content.get("story_authors", []) if row.get("author"))
    saved[Tag].update(row.get("tag") for row in content.get("story_tags", []) if row.get("tag"))
    if content.get("section"):
        saved[Section].add(content["section"])
    body = content.get("body")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            body = None
    saved[Source] |= _source_ids(body)
    return saved


def chooses_other_editions_records(post, locale_id, page=None):
    """Whether the submitted story form newly chooses a record of an edition other than the
    story's (`locale_id`)."""
    saved = saved_record_ids(page)
    for model, ids in posted_record_ids(post).items():
        new = ids - saved[model]
        if new and model.objects.filter(pk__in=new).exclude(locale_id=locale_id).exists():
            return True
    return False
