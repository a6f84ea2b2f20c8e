"""Stories as the API gives them: plain dicts, validated against vistka.api.schemas by ninja."""

from django.utils import translation

from vistka.api import links, queries
from vistka.api.serializers import richtext
from vistka.api.serializers.blocks import serialize_body
from vistka.api.serializers.images import rendition
from vistka.editions.languages import language_code_for_locale_id
from vistka.stories.kinds import Kind


def record_ref(kind, record):
    code = language_code_for_locale_id(record.locale_id)
    return {"slug": record.slug, "name": record.name, "url": links.record(kind, code, record.slug)}


def lead_image(story):
    image = rendition(story.lead_image)
    if image is None:
        return None
    return {
        **image,
        "alt": story.lead_image_shown_alt,
        "caption": story.lead_image_shown_caption,
        "credit": story.lead_image_shown_credit,
    }


def summary(story, translations):
    """`story` comes from queries.with_listing_data(); `translations` from queries.translation_urls()."""
    return {
        "id": story.pk,
        "story_number": story.story_number,
        "edition": story.language_code,
        "kind": story.kind,
        "headline": story.title,
        "lead": story.lead,
        "url": links.story(story),
        "first_published_at": story.first_published_at,
        "last_modified": story.last_published_at or story.first_published_at,
        "section": record_ref("sections", story.section) if story.section else None,
        "tags": [record_ref("tags", link.tag) for link in story.story_tags.all()],
        "authors": [record_ref("authors", link.author) for link in story.story_authors.all()],
        "lead_image": lead_image(story),
        "translations": translations.get(story.translation_key, {}),
        "is_important": story.is_important,
        "breaking": story.is_breaking,
    }


def summaries(stories):
    translations = queries.translation_urls(stories, links.story)
    return [summary(story, translations) for story in stories]


def detail(story):
    """Everything in the summary, plus the body, corrections and live entries."""
    data = summaries([story])[0]
    code = story.language_code
    with translation.override(code):
        data["body"], data["body_html"] = serialize_body(story)
    data["corrections"] = [
        {"type": correction.type, "time": correction.made_at, "note": correction.note}
        for correction in sorted(story.corrections.all(), key=lambda c: (c.made_at, c.pk))
    ]
    entries = sorted(
        story.live_entries.all() if story.kind == Kind.LIVE else [],
        key=lambda e: (e.posted_at, e.pk),
        reverse=True,
    )
    shown_pages = richtext.visible_page_ids(set().union(*(richtext.page_link_ids(e.text) for e in entries)))
    data["live_entries"] = [
        {
            "time": entry.posted_at,
            "headline": entry.headline,
            "html": richtext.to_html(entry.text, shown_pages),
        }
        for entry in entries
    ]
    return data
