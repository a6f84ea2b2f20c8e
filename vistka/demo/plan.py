"""The demo newsroom as data: which stories exist, in which editions, when, and what they say.

``build_plan`` is a pure function of (seed, anchor, days, per_edition): it touches no database
and no global random state, so the same arguments always give the same plan. The writer then
turns the plan into pages. Text is kept as ``L`` triples until it is written, which is what
makes a translation say exactly what its original says.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from vistka.demo import features, images, topics
from vistka.demo.records import (
    AUTHORS,
    CITIES,
    CITIES_BY_KEY,
    COLUMNISTS,
    COUNTRIES,
    FEMALE_FIRST,
    FOREIGN_NAMES,
    FOREIGN_ROLES,
    FRONTLINE,
    MALE_FIRST,
    PHOTOGRAPHERS,
    REGIONAL,
    ROLES,
    SAID,
    SOURCE_AREAS,
    SOURCE_NOTES,
    SOURCES,
    SURNAMES,
    TOLD,
    UA_MEDIA,
)
from vistka.demo.text import LANGS, L, fill, fill_all, merge, slot
from vistka.stories.kinds import Kind

KYIV = ZoneInfo("Europe/Kyiv")
EDITION_CODES = LANGS

# Relative weight of each Kyiv hour of day for publication times: a newsroom is busiest in the
# working day and quiet at night.
_NIGHT_TO_MORNING = [0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.8, 1.5, 2.0, 2.2]  # 00:00-09:59
_EVENING = [2.3, 2.2, 2.0, 1.8, 1.5, 1.2, 0.9, 0.6]  # 16:00-23:59
HOUR_WEIGHTS = _NIGHT_TO_MORNING + [2.4] * 6 + _EVENING
KIND_WEIGHTS = [
    (Kind.NEWS, 64),
    (Kind.ARTICLE, 8),
    (Kind.EXPLAINER, 6),
    (Kind.INTERVIEW, 5),
    (Kind.COLUMN, 5),
    (Kind.PHOTO, 6),
    (Kind.VIDEO, 6),
]
SECTION_WEIGHT = {"war": 1.6, "politics": 1.3, "economy": 1.3}

# Pictures that suit a story's main tag; other stories take any picture.
SCENE_HINTS = {
    "agriculture": ("field", "steppe"),
    "grain": ("field", "steppe"),
    "demining": ("field", "steppe"),
    "ports": ("sea",),
    "exports": ("sea", "field"),
    "weather": ("steppe", "forest", "mountains", "field"),
    "energy": ("city", "bokeh", "river"),
    "heating": ("city", "bokeh"),
    "railways": ("river", "steppe", "forest"),
    "transport": ("river", "city"),
    "air-defence": ("city", "bokeh"),
    "drones": ("city", "bokeh"),
    "cinema": ("bokeh", "city"),
    "music": ("bokeh",),
    "russian-propaganda": ("bokeh", "city"),
    "reconstruction": ("city", "river"),
    "housing": ("city",),
}

CAPTION_SUFFIX = L("Ілюстративне фото.", "Иллюстративное фото.", "Illustrative photo.")


@dataclass
class StoryPlan:
    """One story: an original and its translations (the same story number in every edition)."""

    index: int
    editions: tuple
    origin: str
    kind: str
    state: str = "published"  # "published", "draft" or "scheduled"
    times: dict = field(default_factory=dict)  # edition -> first publication (or go-live) time
    section: str = ""
    tags: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    title: dict = None
    lead: dict = None
    blocks: list = field(default_factory=list)  # language-neutral blocks, see writer.render_blocks
    picture: int | None = None
    image_alt: dict = None
    image_caption: dict = None
    image_credit: dict = None
    is_important: bool = False
    breaking_until: datetime | None = None
    no_ads: bool = False
    corrections: list = field(default_factory=list)  # [(type, made_at, note L)]
    live_entries: list = field(default_factory=list)  # [(posted_at, headline L, text L)]

    @property
    def published(self):
        return self.state == "published"


@dataclass
class NewsroomPlan:
    seed: int
    anchor: datetime
    days: int
    stories: list
    pictures: list  # images.Picture, drawn once and shared by many stories

    def summary(self):
        """(edition, position in story-number order, title, kind) for every page, the
        determinism fingerprint of a plan."""
        rows = []
        for edition in EDITION_CODES:
            mine = [s for s in self.stories if edition in s.editions]
            for position, story in enumerate(mine):
                rows.append((edition, position, story.title[edition], story.kind))
        return rows

    def count(self, edition, published=True):
        return sum(1 for s in self.stories if edition in s.editions and (s.published or not published))


def default_anchor(now=None):
    """Now, rounded down to the hour: two runs within the hour plan identical timestamps."""
    now = now or datetime.now(tz=KYIV)
    return now.astimezone(KYIV).replace(minute=0, second=0, microsecond=0)


def build_plan(seed=7, days=30, per_edition=300, anchor=None, drafts=3, scheduled=2, pictures=48):
    rng = random.Random(seed)
    anchor = (anchor or default_anchor()).astimezone(KYIV)
    pictures = images.pictures(seed, pictures)
    stories = _compose_editions(rng, per_edition)
    _assign_times(rng, stories, anchor, days)
    _assign_kinds(rng, stories)
    stories.sort(key=lambda s: s.times[s.origin])
    live = StoryPlan(0, EDITION_CODES, "uk", Kind.LIVE)
    live.times = {code: anchor - timedelta(hours=5, minutes=10) for code in EDITION_CODES}
    stories.append(live)
    stories.sort(key=lambda s: s.times[s.origin])
    extra = []
    for code in EDITION_CODES:
        for _ in range(drafts):
            extra.append(StoryPlan(0, (code,), code, Kind.NEWS, state="draft", times={code: None}))
        for i in range(scheduled):
            go_live = anchor + timedelta(hours=2 + 2 * i, minutes=rng.choice([0, 15, 30, 45]))
            extra.append(StoryPlan(0, (code,), code, Kind.NEWS, state="scheduled", times={code: go_live}))
    stories.extend(extra)
    for index, story in enumerate(stories):
        story.index = index
    writer = _Composer(rng, anchor, pictures, stories)
    for story in stories:
        writer.compose(story)
    _flags(rng, stories, anchor)
    return NewsroomPlan(seed=seed, anchor=anchor, days=days, stories=stories, pictures=pictures)


# --- Structure ------------------------------------------------------------------------------


def _compose_editions(rng, n):
    """Stories in all three editions, in two, and in one, so that each edition has exactly n
    published stories (the live story included) and about a third of stories are translated."""
    shared_all, uk_ru, uk_en = round(0.3 * n), round(0.15 * n), round(0.2 * n)
    only = {"uk": n - shared_all - uk_ru - uk_en, "ru": n - shared_all - uk_ru, "en": n - shared_all - uk_en}
    specs = [EDITION_CODES] * (shared_all - 1) + [("uk", "ru")] * uk_ru + [("uk", "en")] * uk_en
    for code, count in only.items():
        specs += [(code,)] * count
    rng.shuffle(specs)
    stories = []
    for editions in specs:
        origin = editions[0]
        if len(editions) > 1:
            roll = rng.random()
            if roll < 0.1 and "en" in editions:
                origin = "en"
            elif roll < 0.15 and "ru" in editions:
                origin = "ru"
        stories.append(StoryPlan(0, editions, origin, Kind.NEWS))
    return stories


def _assign_times(rng, stories, anchor, days):
    hours = list(range(24))
    latest = anchor - timedelta(minutes=3)
    for story in stories:
        day = anchor.date() - timedelta(days=rng.randrange(days))
        hour = rng.choices(hours, weights=HOUR_WEIGHTS)[0]
        moment = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=KYIV)
        if moment > latest:
            moment -= timedelta(days=1)
        story.times = {story.origin: moment}
    # The newest few stories land within the last hours, so the front page looks fresh.
    stories.sort(key=lambda s: s.times[s.origin])
    moment = latest
    for story in reversed(stories[-8:]):
        moment -= timedelta(minutes=rng.randint(4, 22))
        story.times = {story.origin: moment}
    for story in stories:
        start = story.times[story.origin]
        for code in story.editions:
            if code != story.origin:
                story.times[code] = min(
                    start + timedelta(minutes=rng.randint(10, 100)), latest + timedelta(minutes=1)
                )
                story.times[code] = max(story.times[code], start)


def _assign_kinds(rng, stories):
    """Random kinds by weight, then two corrections that matter in small newsrooms: every
    edition shows every kind, and news stays the majority in every edition."""
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    for story in stories:
        story.kind = rng.choices(kinds, weights=weights)[0]

    def count(code, kind):
        return sum(1 for s in stories if s.kind == kind and code in s.editions)

    for code in EDITION_CODES:
        for kind in kinds:
            if count(code, kind):
                continue
            candidates = [s for s in stories if s.kind == Kind.NEWS and code in s.editions]
            # Prefer a story of this edition alone, so other editions keep their news.
            rng.choice([s for s in candidates if s.editions == (code,)] or candidates).kind = kind
    for code in EDITION_CODES:
        total = sum(1 for s in stories if code in s.editions) + 1  # the live story joins later
        mine = [s for s in stories if code in s.editions]
        while count(code, Kind.NEWS) * 2 <= total:
            spare = [s for s in mine if s.kind != Kind.NEWS and all(count(c, s.kind) > 1 for c in s.editions)]
            if not spare:
                break
            rng.choice(spare).kind = Kind.NEWS


def _flags(rng, stories, anchor):
    # In every edition the two latest news items of the last day (war news first) are breaking
    # for a few more hours.
    day_ago = anchor - timedelta(hours=24)
    for code in EDITION_CODES:
        fresh = [
            s
            for s in stories
            if s.published and s.kind == Kind.NEWS and code in s.editions and s.times[s.origin] > day_ago
        ]
        fresh.sort(key=lambda s: (s.section == "war", s.times[s.origin]))
        for story in fresh[-2:]:
            if story.breaking_until is None:
                story.is_important = True
                story.breaking_until = anchor + timedelta(hours=rng.randint(2, 4))
    for story in stories:
        if story.kind == Kind.NEWS and rng.random() < 0.1:
            story.is_important = True
        if story.published and story.kind != Kind.LIVE and rng.random() < 0.05:
            kind, note = rng.choice(features.CORRECTIONS)
            made_at = min(
                story.times[story.origin] + timedelta(minutes=rng.randint(30, 600)),
                anchor - timedelta(minutes=2),
            )
            story.corrections.append((kind, made_at, note))
        if not story.no_ads and rng.random() < 0.02:
            story.no_ads = True


# --- Text -----------------------------------------------------------------------------------


def _cap(text):
    return text[:1].upper() + text[1:]


def _place_slots(city, prefix=""):
    out = {}
    for lang in LANGS:
        out[lang] = {
            f"{prefix}city": city.nom[lang],
            f"{prefix}City": _cap(city.nom[lang]),
            f"{prefix}city_loc": city.loc[lang],
            f"{prefix}City_loc": _cap(city.loc[lang]),
            f"{prefix}city_gen": city.gen[lang],
            f"{prefix}city_ins": city.ins[lang],
            f"{prefix}region_loc": city.region_loc[lang],
            f"{prefix}Region_loc": _cap(city.region_loc[lang]),
            f"{prefix}region_gen": city.region_gen[lang],
        }
    return out


def _country_slots(country):
    return {
        lang: {
            "country": country.name[lang],
            "Country": _cap(country.name[lang]),
            "country_gen": country.gen[lang],
            "capital_loc": country.capital_loc[lang],
        }
        for lang in LANGS
    }


def _person_slots(rng, role, base):
    if role in FOREIGN_ROLES:
        name, female = rng.choice(FOREIGN_NAMES)
    else:
        female = rng.random() < 0.5
        first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        last = rng.choice(SURNAMES)
        name = {lang: f"{first[lang]} {last[lang]}" for lang in LANGS}
    g = 1 if female else 0
    out = {}
    for lang in LANGS:
        role_text = ROLES[role][lang][g].format_map(base[lang])
        out[lang] = {
            "p_name": name[lang],
            "p_role": role_text,
            "p_said": SAID[lang][g],
            "p_told": TOLD[lang][g],
        }
    return out


def _quote_sentence(quote, slots, lang):
    """A quote woven into prose in each language's newsroom style."""
    text = fill(quote, slots, lang)
    s = slots[lang]
    if lang == "en":
        body = text[:-1] + "," if text.endswith(".") else text
        return f"“{body}” {s['p_said']} {s['p_name']}, {s['p_role']}."
    body = text[:-1] if text.endswith(".") else text
    return f"«{body}», — {s['p_said']} {s['p_role']} {s['p_name']}."


class _TitleTaken(Exception):
    pass


class _Composer:
    """Writes each story's text and blocks, remembering earlier stories to link back to."""

    def __init__(self, rng, anchor, pictures, stories):
        self.rng = rng
        # How many published stories of each kind every edition has: a feature whose headline is
        # taken may become news only while its kind stays represented in its editions.
        self.kinds = Counter((code, s.kind) for s in stories if s.published for code in s.editions)
        self.anchor = anchor
        self.pictures = pictures
        self.done = []  # published stories composed so far, oldest first
        self.titles = {code: set() for code in EDITION_CODES}

    # -- helpers --

    def slots(self, place, role=None, extra=None):
        rng = self.rng
        pool = FRONTLINE if place == "front" else [c.key for c in CITIES]
        city = CITIES_BY_KEY[rng.choice(pool)]
        city2 = CITIES_BY_KEY[rng.choice([c.key for c in CITIES if c.key != city.key])]
        country = rng.choice(COUNTRIES)
        base = merge(
            _place_slots(city),
            {lang: {"city2": city2.nom[lang], "city2_ins": city2.ins[lang]} for lang in LANGS},
            _country_slots(country),
        )
        if extra is not None:
            base = merge(base, extra(rng))
        if role:
            base = merge(base, _person_slots(rng, role, base))
        return base, city, country

    def unique_title(self, story, make):
        """Re-roll a story's slots a few times if its headline is already taken. Features have
        few headlines, so one that stays taken becomes a news story instead (see compose)."""
        for _ in range(6):
            result = make()
            title = result[0]
            if not any(title[code] in self.titles[code] for code in story.editions):
                break
        else:
            if story.kind != Kind.NEWS and all(self.kinds[(code, story.kind)] > 1 for code in story.editions):
                raise _TitleTaken
        for code in story.editions:
            self.titles[code].add(title[code])
        return result

    def tags_for(self, base_tags, city=None, country=None, slots=None):
        tags = list(base_tags)
        tag = slots["uk"].get("_tag") if slots else None
        if tag:
            tags.append(tag)
        elif city is not None:
            tags.append(city.key)
        if country is not None and country.tag:
            tags.append(country.tag)
        seen = []
        for t in tags:
            if t not in seen:
                seen.append(t)
        return seen[:5]

    def authors_for(self, section, count=None):
        pool = [key for key, (*_, desks) in AUTHORS.items() if section in desks]
        count = count or (2 if self.rng.random() < 0.3 and len(pool) > 1 else 1)
        return self.rng.sample(pool, count)

    def source_block(self, kinds, city=None):
        """A source of one of ``kinds``; a regional outlet only where it covers the story's city."""
        keys = [
            key
            for key, (_, _, kind) in SOURCES.items()
            if kind in kinds
            and (kind != REGIONAL or (city is not None and city.key in SOURCE_AREAS.get(key, ())))
        ]
        keys = keys or [key for key, (_, _, kind) in SOURCES.items() if kind == UA_MEDIA]
        return ("source", self.rng.choice(keys), self.rng.choice(SOURCE_NOTES))

    def earlier(self, story):
        """An earlier published story in all of this story's editions, as related as possible:
        the same main tag, else any shared tag, else the same section; None if nothing relates."""
        pool = [s for s in self.done if set(story.editions) <= set(s.editions) and s.kind != Kind.LIVE]
        tags = set(story.tags)
        for related in (
            [s for s in pool if s.tags[:1] == story.tags[:1]],
            [s for s in pool if tags & set(s.tags)],
            [s for s in pool if s.section == story.section],
        ):
            if related:
                return self.rng.choice(related[-60:])
        return None

    def picture_for(self, story):
        rng = self.rng
        wanted = next((SCENE_HINTS[t] for t in story.tags if t in SCENE_HINTS), None)
        pool = [p for p in self.pictures if wanted is None or p.scene in wanted] or self.pictures
        return rng.choice(pool)

    def set_lead_image(self, story, chance=0.85):
        if self.rng.random() >= chance:
            return
        picture = self.picture_for(story)
        story.picture = picture.index
        story.image_alt = picture.alt
        story.image_caption = {lang: f"{picture.alt[lang]}. {CAPTION_SUFFIX[lang]}" for lang in LANGS}
        story.image_credit = self.rng.choice(PHOTOGRAPHERS)

    def image_block(self, story):
        picture = self.picture_for(story)
        if picture.index == story.picture:
            picture = self.pictures[(picture.index + 1) % len(self.pictures)]
        return ("image", picture.index, picture.alt, picture.alt, self.rng.choice(PHOTOGRAPHERS))

    def links(self, story, blocks, timeline=None):
        """A dated timeline of earlier coverage (sometimes) and a "read also" link (often)."""
        rng = self.rng
        if timeline is None:
            timeline = rng.random() < 0.3
        if timeline:
            refs = []
            for _ in range(rng.randint(2, 4)):
                ref = self.earlier(story)
                if ref is not None and ref not in refs:
                    refs.append(ref)
            if refs:
                refs.sort(key=lambda s: s.times[s.origin])
                blocks.append(("background", [s.index for s in refs]))
        if rng.random() < 0.6:
            ref = self.earlier(story)
            if ref is not None:
                blocks.append(("read_also", ref.index))

    # -- kinds --

    def compose(self, story):
        try:
            getattr(self, f"_{story.kind}")(story)
        except _TitleTaken:
            for code in story.editions:
                self.kinds[(code, story.kind)] -= 1
            story.kind = Kind.NEWS
            self._news(story)
        if story.published:
            self.done.append(story)

    def _news(self, story):
        rng = self.rng
        weights = [SECTION_WEIGHT.get(t.section, 1.0) for t in topics.TOPICS]

        def make():
            topic = rng.choices(topics.TOPICS, weights=weights)[0]
            slots, city, country = self.slots(topic.place, topic.role, topic.extra)
            return fill_all(rng.choice(topic.titles), slots), topic, slots, city, country

        title, topic, slots, city, country = self.unique_title(story, make)
        story.title = title
        story.section = topic.section
        story.tags = self.tags_for(
            topic.tags,
            city if topic.place in ("city", "front") else None,
            country if topic.place == "country" else None,
            slots,
        )
        story.authors = self.authors_for(topic.section)
        story.lead = fill_all(rng.choice(topic.leads), slots)
        story.no_ads = topic.sensitive and rng.random() < 0.5
        self.set_lead_image(story)
        blocks = [self.source_block(topic.sources, city if topic.place in ("city", "front") else None)]
        blocks.append(("labelled", "details", fill_all(rng.choice(topic.details), slots)))
        if topic.quotes:
            quote = rng.choice(topic.quotes)
            if rng.random() < 0.5:
                attribution = {lang: f"{slots[lang]['p_name']}, {slots[lang]['p_role']}" for lang in LANGS}
                blocks.append(("quote", fill_all(quote, slots), attribution))
            else:
                blocks.append(
                    ("labelled", "quote", {lang: _quote_sentence(quote, slots, lang) for lang in LANGS})
                )
        if topic.table and rng.random() < 0.75:
            blocks.append(("table", topic.table(rng, slots)))
        if rng.random() < 0.1:
            blocks.append(self.image_block(story))
        blocks.append(("labelled", "background", fill_all(rng.choice(topic.background), slots)))
        timeline = rng.random() < 0.3
        # "Why it matters" separates the background paragraph from a background timeline.
        if topic.why and (timeline or rng.random() < 0.6):
            blocks.append(("labelled", "why", fill_all(rng.choice(topic.why), slots)))
        self.links(story, blocks, timeline=timeline and bool(topic.why))
        story.blocks = blocks

    def _feature(self, story, bank, picture_chance):
        rng = self.rng

        def make():
            feature = rng.choice(bank)
            slots, city, country = self.slots(feature.place, feature.role, feature.extra)
            return fill_all(rng.choice(feature.titles), slots), feature, slots, city, country

        title, feature, slots, city, country = self.unique_title(story, make)
        story.title = title
        story.section = feature.section
        story.tags = self.tags_for(feature.tags, city if feature.place in ("city", "front") else None)
        story.lead = fill_all(feature.lead, slots)
        self.set_lead_image(story, chance=picture_chance)
        blocks = []
        for i, (heading, paragraphs) in enumerate(feature.parts):
            if heading is not None:
                blocks.append(("heading", fill_all(heading, slots)))
            for paragraph in paragraphs:
                blocks.append(("paragraph", fill_all(paragraph, slots)))
            if i == 0 and feature.quote is not None:
                attribution = {lang: f"{slots[lang]['p_name']}, {slots[lang]['p_role']}" for lang in LANGS}
                blocks.append(("quote", fill_all(feature.quote, slots), attribution))
            if i == 0 and rng.random() < 0.4 and story.kind == Kind.ARTICLE:
                blocks.append(self.image_block(story))
        if feature.table is not None:
            blocks.insert(min(len(blocks), 3), ("table", feature.table(rng, slots)))
        return blocks, slots

    def _article(self, story):
        blocks, _ = self._feature(story, features.ARTICLES, picture_chance=1)
        story.authors = self.authors_for(story.section)
        self.links(story, blocks)
        story.blocks = blocks

    def _explainer(self, story):
        blocks, _ = self._feature(story, features.EXPLAINERS, picture_chance=0.9)
        story.authors = self.authors_for(story.section)
        self.links(story, blocks)
        story.blocks = blocks

    def _column(self, story):
        blocks, _ = self._feature(story, features.COLUMNS, picture_chance=0.5)
        story.authors = [self.rng.choice(COLUMNISTS)]
        story.blocks = blocks

    def _interview(self, story):
        rng = self.rng

        def make():
            interview = rng.choice(features.INTERVIEWS)
            slots, city, _ = self.slots(interview.place, interview.role)
            title = {}
            for lang in LANGS:
                s = slots[lang]
                quote = interview.headline_quote[lang]
                if lang == "en":
                    title[lang] = f"‘{quote}’: {s['p_name']}, {s['p_role']}, {interview.about[lang]}"
                else:
                    title[lang] = f"«{quote}»: {s['p_role']} {s['p_name']} {interview.about[lang]}"
            return title, interview, slots, city

        title, interview, slots, city = self.unique_title(story, make)
        story.title = title
        story.section = interview.section
        story.tags = self.tags_for(interview.tags, city if interview.place in ("city", "front") else None)
        story.authors = self.authors_for(story.section)
        story.lead = fill_all(interview.lead, slots)
        blocks = []
        for i, (question, answer) in enumerate(interview.qa):
            q, a = fill_all(question, slots), fill_all(answer, slots)
            blocks.append(("qa", q, a))
            if i == 0:
                blocks.append(
                    (
                        "quote",
                        fill_all(interview.headline_quote, slots),
                        {lang: slots[lang]["p_name"] for lang in LANGS},
                    )
                )
        story.blocks = blocks
        self.set_lead_image(story, chance=1)

    def _photo(self, story):
        rng = self.rng

        def make():
            title, section, tags, place = rng.choice(features.PHOTOS)
            slots, city, _ = self.slots(place)
            return fill_all(title, slots), section, tags, slots, city

        title, section, tags, slots, city = self.unique_title(story, make)
        story.title, story.section = title, section
        story.tags = self.tags_for(tags, city)
        story.authors = self.authors_for(section, count=1)
        story.lead = fill_all(features.PHOTO_LEAD, slots)
        credit = rng.choice(PHOTOGRAPHERS)
        shots = rng.sample(self.pictures, min(rng.randint(3, 5), len(self.pictures)))
        gallery = [(p.index, p.alt, p.alt, credit) for p in shots]
        story.blocks = [("paragraph", fill_all(features.PHOTO_TEXT, slots)), ("gallery", gallery)]
        self.links(story, story.blocks)
        self.set_lead_image(story, chance=1)
        story.image_credit = credit

    def _video(self, story):
        rng = self.rng

        def make():
            title, section, tags, place = rng.choice(features.VIDEOS)
            slots, city, _ = self.slots(place, extra=features.video_slots)
            return fill_all(title, slots), section, tags, slots, city

        title, section, tags, slots, city = self.unique_title(story, make)
        story.title, story.section = title, section
        story.tags = self.tags_for(tags, city)
        story.authors = self.authors_for(section, count=1)
        story.lead = fill_all(features.VIDEO_LEAD, slots)
        self.set_lead_image(story, chance=1)
        story.blocks = [self.image_block(story)] + [
            ("paragraph", fill_all(p, slots)) for p in features.VIDEO_TEXT
        ]
        self.links(story, story.blocks)

    def _live(self, story):
        rng = self.rng
        cities = [CITIES_BY_KEY[key] for key in rng.sample(FRONTLINE, 4)]
        slots = merge(
            *(_live_city(city, letter) for city, letter in zip(cities, "abcd", strict=True)),
            _live_city(CITIES_BY_KEY["kyiv"], "kyiv"),
        )
        slots = merge(
            slots,
            slot("missiles", rng.choice(["45", "56", "67", "78"])),
            slot("drones", rng.choice(["95", "117", "128", "146"])),
        )
        story.title = dict(features.LIVE_TITLE)
        for code in story.editions:
            self.titles[code].add(story.title[code])
        story.section = "war"
        story.tags = ["energy", "air-defence", "drones", "heating"]
        story.authors = ["brovarchuk", "verbytska"]
        story.lead = dict(features.LIVE_LEAD)
        story.is_important = True
        start = story.times[story.origin]
        span = (self.anchor - timedelta(minutes=4) - start).total_seconds()
        count = len(features.LIVE_ENTRIES)
        for i, (headline, text) in enumerate(features.LIVE_ENTRIES):
            posted = (
                start + timedelta(seconds=int(span * (i + 1) / count)) - timedelta(minutes=rng.randint(0, 6))
            )
            story.live_entries.append((posted, dict(headline), fill_all(text, slots)))
        story.blocks = [("labelled", "details", dict(features.LIVE_BODY))]
        story.picture = next((p.index for p in self.pictures if p.scene in ("city", "bokeh")), 0)
        picture = self.pictures[story.picture]
        story.image_alt = picture.alt
        story.image_caption = {lang: f"{picture.alt[lang]}. {CAPTION_SUFFIX[lang]}" for lang in LANGS}
        story.image_credit = PHOTOGRAPHERS[-1]


def _live_city(city, letter):
    return {
        lang: {
            f"{letter}_loc": city.loc[lang],
            f"{_cap(letter)}_loc": _cap(city.loc[lang]),
            f"{letter}_gen": city.gen[lang] if lang != "en" else city.nom[lang],
        }
        for lang in LANGS
    }
