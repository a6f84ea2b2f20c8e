# ruff: noqa: S311 - seeded generators for reproducible fictional data, not for security
"""The newsroom records the archive's stories point at: sections, tags, authors, sources (each in
the three editions, linked by translation_key) and a small pool of pictures.

Records are found by slug and reused, so a second run (or a database with the demo newsroom,
whose slugs partly coincide) adds nothing twice. Missing ones are bulk-created and then put in
the search index the way Wagtail's signal would.
"""

import random
import uuid
from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail.search.backends import get_search_backends

from vistka.archive import words as W
from vistka.archive.compose import capitalise
from vistka.core.slugs import ascii_slug
from vistka.people.models import Author
from vistka.taxonomy.models import Section, Source, Tag

LANGS = W.LANGS
COLLECTION_NAME = "Story archive (generated)"
PEOPLE_COUNT = 60


def _person(i, first_step, surname_step, offset):
    (first, gender) = W.FIRST_NAMES[(i * first_step + offset) % len(W.FIRST_NAMES)]
    surname = W.SURNAMES[(i * surname_step + offset + i // len(W.SURNAMES)) % len(W.SURNAMES)]
    names = tuple(f"{first[k]} {surname[k]}" for k in range(3))
    return names, gender


def quoted_people():
    """The 60 fictional people stories quote: (names, gender, role). Fixed, not seeded."""
    people = []
    for i in range(PEOPLE_COUNT):
        names, gender = _person(i, 5, 7, 0)
        people.append((names, gender, W.ROLES[i % len(W.ROLES)]))
    return people


def staff():
    """The 60 fictional journalists: (names, role). Every fourth one is a columnist."""
    return [(_person(i, 7, 11, 3)[0], W.JOURNALIST_ROLES[i % 4]) for i in range(PEOPLE_COUNT)]


COLUMNIST_ROLE = W.JOURNALIST_ROLES[2]


def tag_specs():
    """(kind, key, slug, (uk, ru, en)) for about 200 tags."""
    specs = []
    for key, (_section, uk, ru, en) in W.TOPICS.items():
        specs.append(
            ("topic", key, key, (capitalise(uk[0]), capitalise(ru[0]), capitalise(en.removeprefix("the "))))
        )
    for key, (uk, ru, en) in W.CITIES.items():
        specs.append(("city", key, key, (uk[0], ru[0], en)))
    for key, (uk, ru, en) in W.ORGS.items():
        specs.append(
            ("org", key, key, (capitalise(uk[0]), capitalise(ru[0]), capitalise(en.removeprefix("the "))))
        )
    for key, names in W.THEMES:
        specs.append(("theme", key, key, tuple(capitalise(n) for n in names)))
    for i, (names, _gender, _role) in enumerate(quoted_people()):
        specs.append(("person", i, ascii_slug(names[2]), names))
    slugs = [spec[2] for spec in specs]
    assert len(slugs) == len(set(slugs)), "tag slugs must be unique"  # noqa: S101 - a bank invariant
    return specs


@dataclass
class Catalogue:
    locale_ids: dict  # code -> locale id
    sections: dict = field(default_factory=dict)  # slug -> {code: id}
    tags: dict = field(default_factory=dict)  # (kind, key) -> {code: id}
    authors: list = field(default_factory=list)  # [{code: id}]
    columnists: list = field(default_factory=list)  # indexes into authors
    sources: list = field(default_factory=list)  # [{code: id}]
    images: list = field(default_factory=list)  # [(image id, (uk alt, ru alt, en alt))]
    created: dict = field(default_factory=dict)  # model name -> records created by this run


def _new_key(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def ensure_records(model, specs, locale_ids, rng):
    """specs: [(slug, {code: {field: value}})] -> [{code: id}], creating what is missing.

    The record in the default edition is found by slug; the others by its translation_key (or
    created with it, taking "<slug>-<code>" if the slug is already used in that edition).
    """
    existing = {}
    by_key = {}
    for obj in model.objects.filter(locale_id__in=locale_ids.values()):
        existing[(obj.locale_id, obj.slug)] = obj
        by_key[(obj.translation_key, obj.locale_id)] = obj
    taken = set(existing)
    new = []
    result = []
    for slug, per_code in specs:
        versions = {}
        uk_locale = locale_ids["uk"]
        uk = existing.get((uk_locale, slug))
        if uk is None:
            uk = model(locale_id=uk_locale, slug=slug, translation_key=_new_key(rng), **per_code["uk"])
            new.append(uk)
            taken.add((uk_locale, slug))
        versions["uk"] = uk
        for code in LANGS[1:]:
            locale_id = locale_ids[code]
            obj = by_key.get((uk.translation_key, locale_id))
            if obj is None:
                own_slug = slug if (locale_id, slug) not in taken else f"{slug}-{code}"
                obj = model(
                    locale_id=locale_id, slug=own_slug, translation_key=uk.translation_key, **per_code[code]
                )
                new.append(obj)
                taken.add((locale_id, own_slug))
            versions[code] = obj
        result.append(versions)
    if new:
        model.objects.bulk_create(new, batch_size=500)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, new)
    return [{code: obj.pk for code, obj in versions.items()} for versions in result], len(new)


def _per_code(names, **extra):
    return {
        code: {"name": names[i], **{k: (v[i] if isinstance(v, tuple) else v) for k, v in extra.items()}}
        for i, code in enumerate(LANGS)
    }


def build_catalogue(seed, image_count=20, log=None):
    rng = random.Random(f"vistka-archive-records-{seed}")
    locale_ids = dict(Locale.objects.filter(language_code__in=LANGS).values_list("language_code", "pk"))
    missing = set(LANGS) - set(locale_ids)
    if missing:
        raise RuntimeError(f"Locales missing: {sorted(missing)}; run migrate first.")
    cat = Catalogue(locale_ids=locale_ids)

    specs = [(slug, _per_code(names, sort_order=order)) for slug, order, names in W.SECTIONS]
    ids, cat.created["sections"] = ensure_records(Section, specs, locale_ids, rng)
    cat.sections = {slug: versions for (slug, _o, _n), versions in zip(W.SECTIONS, ids, strict=True)}

    tspecs = tag_specs()
    ids, cat.created["tags"] = ensure_records(
        Tag, [(slug, _per_code(names)) for _kind, _key, slug, names in tspecs], locale_ids, rng
    )
    cat.tags = {(kind, key): versions for (kind, key, _s, _n), versions in zip(tspecs, ids, strict=True)}

    people = staff()
    aspecs = [(ascii_slug(names[2]), _per_code(names, role=role)) for names, role in people]
    cat.authors, cat.created["authors"] = ensure_records(Author, aspecs, locale_ids, rng)
    cat.columnists = [i for i, (_n, role) in enumerate(people) if role == COLUMNIST_ROLE]

    sspecs = []
    for i, adjective in enumerate(W.SOURCE_ADJECTIVES):
        for j, noun in enumerate(W.SOURCE_NOUNS):
            names = tuple(f"{adjective[k]} {noun[k]}" for k in range(3))
            qualifier = W.SOURCE_QUALIFIERS[(i + j) % len(W.SOURCE_QUALIFIERS)]
            slug = ascii_slug(names[2])
            sspecs.append((slug, _per_code(names, qualifier=qualifier, url=f"https://{slug}.example/")))
    cat.sources, cat.created["sources"] = ensure_records(Source, sspecs, locale_ids, rng)

    cat.images, cat.created["images"] = ensure_images(seed, image_count, log=log)
    return cat


def ensure_images(seed, count, log=None):
    """The picture pool: the generator's collection if it exists, else ``count`` new pictures
    drawn by the demo's Pillow painter."""
    from vistka.demo import images as painter

    image_model = get_image_model()
    alts = {alt["uk"]: (alt["uk"], alt["ru"], alt["en"]) for alt in painter.SCENES.values()}
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if collection is not None:
        found = list(image_model.objects.filter(collection=collection).order_by("pk"))
        if found:
            return [(img.pk, alts.get(img.title, (img.title,) * 3)) for img in found], 0
    else:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    pool = []
    for picture in painter.pictures(seed, count=count):
        if log:
            log(f"  drawing picture {picture.index + 1}/{count}")
        alt = picture.alt
        image = image_model(
            title=alt["uk"],
            description=alt["uk"],
            collection=collection,
            file=ImageFile(BytesIO(painter.render(picture)), name=f"archive-{picture.filename}"),
        )
        image.save()
        pool.append((image.pk, (alt["uk"], alt["ru"], alt["en"])))
    return pool, len(pool)
