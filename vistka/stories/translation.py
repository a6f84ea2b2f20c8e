"""Makes a freshly copied translation point at its own edition's records.

Wagtail copies a page for translation field by field, so the copy still names the source
edition's section, tags, authors and sources. Each is swapped for its translation, which is
created (with the source name, for the translator to edit) when it does not exist yet.
"""

from vistka.stories.kinds import URL_ROOTS


def translated_record(record, locale):
    if record is None or record.locale_id == locale.pk:
        return record
    existing = record.get_translation_or_none(locale)
    if existing is not None:
        return existing
    copy = record.copy_for_translation(locale)
    copy.slug = _free_slug(type(record), locale, record.slug)
    copy.save()
    return copy


def _free_slug(model, locale, slug):
    taken = set(model.objects.filter(locale=locale, slug__startswith=slug).values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _localise_block_value(block_type, value, locale):
    if block_type == "source" and value.get("source") is not None:
        value["source"] = translated_record(value["source"], locale)
    elif block_type == "read_also" and value.get("story") is not None:
        value["story"] = value["story"].get_translation_or_none(locale) or value["story"]
    elif block_type == "background":
        for item in value["items"]:
            if item.get("story") is not None:
                item["story"] = item["story"].get_translation_or_none(locale) or item["story"]


def localise_references(page):
    locale = page.locale
    page.url_root = URL_ROOTS[page.kind]
    page.section = translated_record(page.section, locale)
    # Once saved, the copy's links are plain rows: each is saved on its own.
    for link in page.story_authors.all():
        link.author = translated_record(link.author, locale)
        link.save(update_fields=["author"])
    for link in page.story_tags.all():
        link.tag = translated_record(link.tag, locale)
        link.save(update_fields=["tag"])
    for block in page.body:
        _localise_block_value(block.block_type, block.value, locale)
    page.save()
    page.save_revision(clean=False)
