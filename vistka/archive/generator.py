# ruff: noqa: S311 - seeded generators for reproducible fictional data, not for security
"""Deterministic stories for the archive: who, what, where and when, rendered in each edition.

``ArchivePlan`` fixes, for a seed, how many stories there are, which editions each one appears
in and when it was first published. ``StoryMaker`` then walks the plan in time order and yields,
for each story, one ``PageData`` per edition: the page fields, the StreamField body as JSON and
the texts the search index holds (with their lemmas), all without touching the database.
Page ids and story numbers come from the allocators the writer passes in.
"""

import json
import math
import random
import uuid
from array import array
from bisect import bisect
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from html import escape
from itertools import accumulate
from zoneinfo import ZoneInfo

from vistka.archive import words as W
from vistka.archive.compose import Bank, Phrases, capitalise
from vistka.archive.records import quoted_people
from vistka.stories.kinds import URL_ROOTS, Kind

KYIV = ZoneInfo("Europe/Kyiv")
LANGS = W.LANGS

# Editions of a story: the original first. Pages per composition: 1, 2, 2, 3, 1, 1.
COMPOSITIONS = (("uk",), ("uk", "ru"), ("uk", "en"), ("uk", "ru", "en"), ("ru",), ("en",))
# Page shares 60 / 25 / 15 with 30 % of Ukrainian stories translated (into ru only 50 %, en only
# 25 %, both 25 %): a Ukrainian original brings 0.3 * 0.75 ru and 0.3 * 0.5 en translations, so
# originals are 77.4 % uk, 14.8 % ru and 7.7 % en, and a story has 1.29 pages on average.
PAGE_SHARES = (0.60, 0.25, 0.15)
TRANSLATED_SHARE = 0.30
TRANSLATION_WEIGHTS = (0.5, 0.25, 0.25)  # -> compositions 1 (ru), 2 (en), 3 (ru and en)
_RU_EN = (TRANSLATED_SHARE * 0.75, TRANSLATED_SHARE * 0.5)
_UK = PAGE_SHARES[0] / (1 - PAGE_SHARES[0] * sum(_RU_EN))
_PAGES_PER_STORY = 1 + _UK * sum(_RU_EN)
ORIGIN_WEIGHTS = (
    _UK,
    PAGE_SHARES[1] * _PAGES_PER_STORY - _UK * _RU_EN[0],
    PAGE_SHARES[2] * _PAGES_PER_STORY - _UK * _RU_EN[1],
)

KIND_WEIGHTS = (
    (Kind.NEWS, 72.0),
    (Kind.ARTICLE, 7.0),
    (Kind.EXPLAINER, 4.0),
    (Kind.INTERVIEW, 4.0),
    (Kind.COLUMN, 5.0),
    (Kind.PHOTO, 4.0),
    (Kind.VIDEO, 3.7),
    (Kind.LIVE, 0.3),
)
# Kyiv hours: busy working day, quiet night.
HOUR_WEIGHTS = (
    0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.8, 1.5, 2.0, 2.2, 2.4, 2.4,
    2.4, 2.4, 2.4, 2.4, 2.3, 2.2, 2.0, 1.8, 1.5, 1.2, 0.9, 0.6,
)  # fmt: skip
GROWTH = 1.5  # the newest day publishes (1 + GROWTH) times as much as the oldest
TRANSLATION_NAMESPACE = uuid.UUID("5d0c4f7e-2f55-4d8e-9a51-7a1f0e0c0a11")
BACKGROUND_MEMORY = 256  # earlier stories per edition a background list may link to


def _cum(weights):
    return list(accumulate(weights))


def _zipf(n, s=0.9):
    return _cum(1.0 / (i + 1) ** s for i in range(n))


def _many_numbers(lo, hi):
    """Counts whose uk/ru noun takes the genitive plural ("15 будинків")."""
    return [n for n in range(lo, hi + 1) if 11 <= n % 100 <= 14 or n % 10 in (0, 5, 6, 7, 8, 9)]


@dataclass(slots=True)
class PageData:
    page_id: int
    story_number: int
    code: str
    translation_key: str
    published: datetime
    kind: str
    title: str
    lead: str
    body: str  # StreamField JSON
    search_body: str  # the body as Wagtail's search index holds it (", "-joined searchable content)
    lemmas: str  # ArticlePage.search_lemmas()
    title_lemmas: str  # the story index's three parts (vistka.search.index.entry_for_page)
    lead_lemmas: str
    body_lemmas: str
    section_id: int | None
    author_ids: list
    tag_ids: list
    lead_image_id: int | None = None
    lead_image_alt: str = ""
    lead_image_caption: str = ""
    lead_image_credit: str = ""
    is_important: bool = False
    breaking_until: datetime | None = None
    no_ads: bool = False
    live_entries: list = field(default_factory=list)  # (posted_at, headline, html)
    corrections: list = field(default_factory=list)  # (type, made_at, note)

    @property
    def url_root(self):
        return URL_ROOTS[self.kind]


class ArchivePlan:
    """How many stories, in which editions, published when: fixed by (seed, pages, years, until)."""

    def __init__(self, seed, pages, years, until):
        if pages < 1:
            raise ValueError("The archive needs at least one story.")
        self.seed = seed
        self.pages = pages
        self.until = until
        rng = random.Random(f"vistka-archive-plan-{seed}")
        self.compositions = self._compose(rng, pages)
        self.times = self._timeline(rng, len(self.compositions), years, until)

    @staticmethod
    def _compose(rng, pages):
        codes = bytearray()
        origin_cum = _cum(ORIGIN_WEIGHTS)
        translation_cum = _cum(TRANSLATION_WEIGHTS)
        left = pages
        random_ = rng.random
        while left > 0:
            origin = bisect(origin_cum, random_() * origin_cum[-1])
            if origin == 0:
                code = 0
                if random_() < TRANSLATED_SHARE:
                    code = 1 + bisect(translation_cum, random_() * translation_cum[-1])
            else:
                code = 3 + origin  # 4: ru, 5: en
            size = len(COMPOSITIONS[code])
            if size > left:  # the last story loses translations so the total is exact
                code = 1 if left == 2 else 0
                size = left
            codes.append(code)
            left -= size
        return codes

    @staticmethod
    def _timeline(rng, count, years, until):
        """Sorted publication times (Unix seconds) of the originals, growing over the years."""
        until_local = until.astimezone(KYIV)
        last_day = until_local.date()
        try:
            first_day = last_day.replace(year=last_day.year - years)
        except ValueError:  # 29 February
            first_day = last_day.replace(year=last_day.year - years, day=28)
        days = (last_day - first_day).days + 1
        starts = [
            datetime.combine(first_day + timedelta(days=d), time(), tzinfo=KYIV).timestamp()
            for d in range(days)
        ]
        hour_cum = _cum(HOUR_WEIGHTS)
        total = hour_cum[-1]
        until_ts = until.timestamp()
        g = GROWTH
        times = array("d")
        random_ = rng.random
        sqrt = math.sqrt
        spread = 2 * g * (1 + g / 2)
        last = days - 1
        for _ in range(count):
            x = (sqrt(1 + spread * random_()) - 1) / g  # inverse CDF of a density rising 1 -> 1 + g
            day = min(int(x * days), last)
            moment = starts[day] + bisect(hour_cum, random_() * total) * 3600 + int(random_() * 3600)
            if moment > until_ts:
                moment = until_ts - 60 - int(random_() * 6 * 3600)
            times.append(moment)
        return array("d", sorted(times))

    def __len__(self):
        return len(self.compositions)

    def pages_per_edition(self):
        counts = dict.fromkeys(LANGS, 0)
        for code in self.compositions:
            for edition in COMPOSITIONS[code]:
                counts[edition] += 1
        return counts


class _Slots:
    """Per-language slot values (text, lemmas) for the banks' fixed entities."""

    def __init__(self, phrases):
        self.cities = {code: [] for code in LANGS}
        self.topics = {code: [] for code in LANGS}
        self.orgs = {code: [] for code in LANGS}
        self.people = {code: [] for code in LANGS}
        self.actions = {code: [] for code in LANGS}
        self.weekdays = {code: [] for code in LANGS}
        self.quotes = {code: [] for code in LANGS}
        for code in LANGS:
            p = phrases[code]
            i = LANGS.index(code)
            for uk, ru, en in W.CITIES.values():
                if code == "en":
                    self.cities[code].append((p(en), p(en), p(en)))
                else:
                    nom, loc, gen = uk if code == "uk" else ru
                    self.cities[code].append((p(nom), p(loc), p(gen)))
            for _section, uk, ru, en in W.TOPICS.values():
                if code == "en":
                    self.topics[code].append((p(en), p(en), p(en), p(capitalise(en))))
                else:
                    nom, acc, gen = uk if code == "uk" else ru
                    self.topics[code].append((p(nom), p(acc), p(gen), p(capitalise(nom))))
            for uk, ru, en in W.ORGS.values():
                if code == "en":
                    self.orgs[code].append((p(en), p(en), p(capitalise(en))))
                else:
                    nom, gen = uk if code == "uk" else ru
                    self.orgs[code].append((p(nom), p(gen), p(capitalise(nom))))
            for names, gender, role in quoted_people():
                self.people[code].append(
                    (
                        p(names[i]),
                        p(role[i]),
                        p(W.SAID[gender][i]),
                        p(W.NOTED[gender][i]),
                        p(f"{names[i]}, {role[i]}"),
                    )
                )
            self.actions[code] = [p(a[i]) for a in W.ACTIONS]
            self.weekdays[code] = [p(d[i]) for d in W.WEEKDAYS]
            self.quotes[code] = [p(q[i]) for q in W.QUOTES]


class StoryMaker:
    """Walks an ``ArchivePlan`` and yields each story's pages (a list of ``PageData``)."""

    def __init__(self, plan, catalogue, page_ids, story_numbers, label_texts):
        self.plan = plan
        self.cat = catalogue
        self.page_ids = page_ids
        self.story_numbers = story_numbers
        self.rng = random.Random(f"vistka-archive-stories-{plan.seed}")
        self.phrases = {code: Phrases(code) for code in LANGS}
        self.slots = _Slots(self.phrases)
        ph = self.phrases
        self.titles = Bank(W.TITLES, ph)
        self.leads = Bank(W.LEADS, ph)
        self.details = Bank(W.DETAILS, ph)
        self.background = Bank(W.BACKGROUND, ph)
        self.paragraphs = Bank(W.PARAGRAPHS, ph)
        self.headings = {code: [ph[code](h[i]) for h in W.HEADINGS] for i, code in enumerate(LANGS)}
        self.notes = {code: [ph[code](n[i]) for n in W.SOURCE_NOTES] for i, code in enumerate(LANGS)}
        self.labels = {code: {key: ph[code](text) for key, text in label_texts.items()} for code in LANGS}
        self.live_headlines = {code: [h[i] for h in W.LIVE_ENTRIES] for i, code in enumerate(LANGS)}
        self.caption = {code: ph[code](W.PHOTO_CAPTION[i]) for i, code in enumerate(LANGS)}
        self.credit = {code: ph[code](W.PHOTO_CREDIT[i]) for i, code in enumerate(LANGS)}
        self.image_alts = {
            code: [(image_id, ph[code](alts[i])) for image_id, alts in catalogue.images]
            for i, code in enumerate(LANGS)
        }
        self.numbers = {code: {} for code in LANGS}
        self.kinds = [k for k, _ in KIND_WEIGHTS]
        self.kind_cum = _cum(w for _, w in KIND_WEIGHTS)
        self.topic_keys = list(W.TOPICS)
        self.topic_sections = [section for section, *_ in W.TOPICS.values()]
        self.city_keys = list(W.CITIES)
        extra = [key for key in catalogue.tags if key[0] in ("org", "theme", "person")]
        random.Random("vistka-archive-tag-popularity").shuffle(extra)
        self.extra_tags = extra
        self.extra_cum = _zipf(len(extra), 1.0)
        self.author_cum = _zipf(len(catalogue.authors), 0.8)
        self.source_cum = _zipf(len(catalogue.sources), 1.0)
        self.many_small = _many_numbers(5, 99)
        self.recent = {code: [] for code in LANGS}  # (page id, title phrase, time)
        self.person_titles = {i for i, entry in enumerate(W.TITLES) if "{person}" in entry[0]}
        self.person_leads = {i for i, entry in enumerate(W.LEADS) if "{person}" in entry[0]}

    # --- small helpers -------------------------------------------------------------------

    def number(self, code, n):
        cache = self.numbers[code]
        hit = cache.get(n)
        if hit is None:
            hit = cache[n] = self.phrases[code](str(n))
        return hit

    def block_id(self):
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    # --- the walk --------------------------------------------------------------------------

    def __iter__(self):
        plan = self.plan
        for index in range(len(plan)):
            yield self.story(COMPOSITIONS[plan.compositions[index]], plan.times[index])

    def story(self, editions, moment):
        rng = self.rng
        r = rng.random
        choice = rng.choice
        n_topics = len(self.topic_keys)
        n_cities = len(self.city_keys)
        f = {
            "kind": self.kinds[bisect(self.kind_cum, r() * self.kind_cum[-1])],
            "topic": rng.randrange(n_topics),
            "city": rng.randrange(n_cities),
            "city2": rng.randrange(n_cities),
            "org": rng.randrange(len(W.ORGS)),
            "person": rng.randrange(len(self.slots.people["uk"])),
            "action": rng.randrange(len(W.ACTIONS)),
            "title": rng.randrange(len(W.TITLES)),
            "lead": rng.randrange(len(W.LEADS)),
            "m": rng.randint(2, 480),
            "m2": rng.randint(2, 480),
            "n": choice(self.many_small),
            "p": rng.randint(18, 86),
            "weekday": rng.randrange(len(W.WEEKDAYS)),
            "quote": rng.randrange(len(W.QUOTES)),
            "note": rng.randrange(len(W.SOURCE_NOTES)),
        }
        if f["city2"] == f["city"]:
            f["city2"] = (f["city"] + 1) % n_cities
        year = datetime.fromtimestamp(moment, KYIV).year
        f["year"] = year - rng.randint(1, 8)
        kind = f["kind"]
        f["source"] = bisect(self.source_cum, r() * self.source_cum[-1]) if self.cat.sources else 0
        f["body"] = self.body_plan(kind)
        # Records shared by every edition of the story (each edition's own version of them).
        section_roll = r()
        if section_roll < 0.85:
            section = self.topic_sections[f["topic"]]
        elif section_roll < 0.95:
            section = "regions"
        else:
            section = "world"
        if kind == Kind.COLUMN and self.cat.columnists:
            authors = [choice(self.cat.columnists)]
        else:
            authors = [bisect(self.author_cum, r() * self.author_cum[-1])]
            if r() < 0.2:
                second = bisect(self.author_cum, r() * self.author_cum[-1])
                if second != authors[0]:
                    authors.append(second)
        tags = [("topic", self.topic_keys[f["topic"]]), ("city", self.city_keys[f["city"]])]
        extra_count = bisect((0.25, 0.6, 0.85, 1.0), r())
        if f["title"] in self.person_titles or f["lead"] in self.person_leads:  # named up top: tagged
            tags.append(("person", f["person"]))
        while len(tags) < 2 + extra_count:
            candidate = self.extra_tags[bisect(self.extra_cum, r() * self.extra_cum[-1])]
            if candidate not in tags:
                tags.append(candidate)
        tags = tags[:5]
        images = self.cat.images
        lead_image = rng.randrange(len(images)) if images and (kind == Kind.PHOTO or r() < 0.75) else None
        is_important = kind == Kind.NEWS and r() < 0.08
        no_ads = r() < 0.015
        live = []
        if kind == Kind.LIVE:
            live = [
                (rng.randrange(len(W.LIVE_ENTRIES)), rng.randrange(len(W.PARAGRAPHS)))
                for _ in range(rng.randint(3, 6))
            ]
        correction = None
        if kind != Kind.LIVE and r() < 0.015:
            correction = (rng.randrange(len(W.CORRECTIONS)), rng.randint(1800, 6 * 3600))
        number = next(self.story_numbers)
        # Unique across runs (story numbers are) and the same for every edition of the story.
        translation_key = str(uuid.uuid5(TRANSLATION_NAMESPACE, f"vistka-story-{number}"))
        until_ts = self.plan.until.timestamp()

        pages = []
        for position, code in enumerate(editions):
            when = moment if position == 0 else min(moment + rng.randint(600, 3 * 3600), until_ts)
            published = datetime.fromtimestamp(when, UTC)
            page = self.render(code, f, published, when)
            page.story_number = number
            page.translation_key = translation_key
            page.section_id = self.cat.sections[section][code]
            page.author_ids = [self.cat.authors[a][code] for a in authors]
            page.tag_ids = [self.cat.tags[t][code] for t in tags]
            if lead_image is not None:
                image_id, alt = self.image_alts[code][lead_image]
                page.lead_image_id = image_id
                page.lead_image_alt = alt[0]
                page.lead_image_caption = self.caption[code][0]
                page.lead_image_credit = self.credit[code][0]
            page.is_important = is_important
            if is_important:
                page.breaking_until = published + timedelta(hours=2)
            page.no_ads = no_ads
            for k, (headline, sentence) in enumerate(live):
                text = self.paragraphs[code][sentence].render(self._slots(code, f), [])
                page.live_entries.append(
                    (
                        published + timedelta(minutes=20 * (k + 1)),
                        self.live_headlines[code][headline],
                        f"<p>{escape(text)}</p>",
                    )
                )
            if correction is not None:
                kind_, notes = W.CORRECTIONS[correction[0]]
                made_at = datetime.fromtimestamp(min(when + correction[1], until_ts), UTC)
                page.corrections.append((kind_, made_at, notes[LANGS.index(code)]))
            pages.append(page)
        return pages

    def body_plan(self, kind):
        """The language-neutral structure of a body: [(block, params)]."""
        rng = self.rng
        r = rng.random
        nd, npg, nb = len(W.DETAILS), len(W.PARAGRAPHS), len(W.BACKGROUND)

        def sentences(bank_size, lo, hi):
            return rng.sample(range(bank_size), rng.randint(lo, hi))

        plan = []
        if kind == Kind.COLUMN:
            for _ in range(rng.randint(4, 5)):
                plan.append(("paragraph", sentences(npg, 2, 3)))
            if r() < 0.5:
                plan.insert(2, ("quote", None))
            return plan
        plan.append(("source", None))
        plan.append(("details", sentences(nd, 2, 3)))
        if kind in (Kind.ARTICLE, Kind.EXPLAINER, Kind.INTERVIEW):
            plan.append(("heading", rng.randrange(len(W.HEADINGS))))
            for _ in range(rng.randint(2, 3)):
                plan.append(("paragraph", sentences(npg, 2, 3)))
            plan.append(("quote", None))
            if self.cat.images and r() < 0.4:
                plan.append(("image", rng.randrange(len(self.cat.images))))
            plan.append(("heading", rng.randrange(len(W.HEADINGS))))
            for _ in range(rng.randint(1, 2)):
                plan.append(("paragraph", sentences(npg, 2, 3)))
        elif kind == Kind.PHOTO and len(self.cat.images) >= 2:
            plan.append(
                (
                    "gallery",
                    rng.sample(range(len(self.cat.images)), min(len(self.cat.images), rng.randint(3, 4))),
                )
            )
            plan.append(("paragraph", sentences(npg, 1, 2)))
        else:
            for _ in range(rng.randint(0, 2)):
                plan.append(("paragraph", sentences(npg, 2, 3)))
        if kind != Kind.VIDEO or r() < 0.5:
            plan.append(("background", sentences(nb, 1, 2)))
        if r() < (0.5 if kind != Kind.NEWS else 0.35):
            plan.append(("links", rng.randint(1, 2)))
        return plan

    def _slots(self, code, f):
        s = self.slots
        city, city_loc, city_gen = s.cities[code][f["city"]]
        _c2, city2_loc, _g2 = s.cities[code][f["city2"]]
        topic, topic_acc, topic_gen, topic_cap = s.topics[code][f["topic"]]
        org, org_gen, org_cap = s.orgs[code][f["org"]]
        person, role, said, noted, _attribution = s.people[code][f["person"]]
        return {
            "city": city,
            "city_loc": city_loc,
            "city_gen": city_gen,
            "city2_loc": city2_loc,
            "city2": city2_loc,
            "topic": topic,
            "topic_acc": topic_acc,
            "topic_gen": topic_gen,
            "Topic": topic_cap,
            "org": org,
            "org_gen": org_gen,
            "Org": org_cap,
            "action": s.actions[code][f["action"]],
            "person": person,
            "role": role,
            "said": said,
            "noted": noted,
            "m": self.number(code, f["m"]),
            "m2": self.number(code, f["m2"]),
            "n": self.number(code, f["n"]),
            "p": self.number(code, f["p"]),
            "year": self.number(code, f["year"]),
            "weekday": s.weekdays[code][f["weekday"]],
            "quote": s.quotes[code][f["quote"]],
        }

    def render(self, code, f, published, when):
        slots = self._slots(code, f)
        lemmas = []
        title = capitalise(self.titles[code][f["title"]].render(slots, lemmas))
        title_lemmas = tuple(lemmas)
        lead = self.leads[code][f["lead"]].render(slots, lemmas)
        lead_end = len(lemmas)
        blocks = []
        searchable = []  # the body's searchable content, in order
        bid = self.block_id
        recent = self.recent[code]
        for block, params in f["body"]:
            if block == "source":
                note, note_lemmas = self.notes[code][f["note"]]
                source_id = self.cat.sources[f["source"]][code] if self.cat.sources else None
                blocks.append({"type": "source", "value": {"source": source_id, "note": note}, "id": bid()})
                searchable.append(note)
                lemmas.extend(note_lemmas)
            elif block in ("details", "background"):
                bank = self.details if block == "details" else self.background
                label, label_lemmas = self.labels[code][block]
                lemmas.extend(label_lemmas)
                text = " ".join(bank[code][i].render(slots, lemmas) for i in params)
                blocks.append(
                    {
                        "type": "labelled",
                        "value": {"label": block, "text": f"<p>{escape(text)}</p>"},
                        "id": bid(),
                    }
                )
                searchable.append(label)
                searchable.append(text)
            elif block == "paragraph":
                text = " ".join(self.paragraphs[code][i].render(slots, lemmas) for i in params)
                blocks.append({"type": "paragraph", "value": f"<p>{escape(text)}</p>", "id": bid()})
                searchable.append(text)
            elif block == "heading":
                text, found = self.headings[code][params]
                lemmas.extend(found)
                blocks.append({"type": "heading", "value": text, "id": bid()})
                searchable.append(text)
            elif block == "quote":
                person = self.slots.people[code][f["person"]]
                quote, quote_lemmas = slots["quote"]
                attribution, attribution_lemmas = person[4]
                lemmas.extend(quote_lemmas)
                lemmas.extend(attribution_lemmas)
                blocks.append(
                    {"type": "quote", "value": {"text": quote, "attribution": attribution}, "id": bid()}
                )
                searchable.append(quote)
                searchable.append(attribution)
            elif block == "image":
                value = self._image_value(code, params, lemmas, searchable)
                blocks.append({"type": "image", "value": value, "id": bid()})
            elif block == "gallery":
                items = [
                    {"type": "item", "value": self._image_value(code, i, lemmas, searchable), "id": bid()}
                    for i in params
                ]
                blocks.append({"type": "gallery", "value": {"images": items}, "id": bid()})
            elif block == "links":
                if not recent:
                    continue
                items = []
                picked = set()
                for _ in range(params):
                    earlier = recent[self.rng.randrange(len(recent))]
                    if earlier[0] in picked:
                        continue
                    picked.add(earlier[0])
                    (text, found) = earlier[1]
                    day = datetime.fromtimestamp(earlier[2], KYIV).date().isoformat()
                    items.append(
                        {
                            "type": "item",
                            "value": {"date": day, "text": text, "story": earlier[0]},
                            "id": bid(),
                        }
                    )
                    searchable.append(text)
                    lemmas.extend(found)
                blocks.append({"type": "background", "value": {"items": items}, "id": bid()})
        page_id = next(self.page_ids)
        page = PageData(
            page_id=page_id,
            story_number=0,
            code=code,
            translation_key="",
            published=published,
            kind=f["kind"],
            title=title,
            lead=lead,
            body=json.dumps(blocks, ensure_ascii=False, separators=(", ", ": ")),
            search_body=", ".join(searchable),
            lemmas=" ".join(lemmas),
            title_lemmas=" ".join(title_lemmas),
            lead_lemmas=" ".join(lemmas[len(title_lemmas) : lead_end]),
            body_lemmas=" ".join(lemmas[lead_end:]),
            section_id=None,
            author_ids=[],
            tag_ids=[],
        )
        recent.append((page_id, (title, title_lemmas), when))
        if len(recent) > BACKGROUND_MEMORY:
            del recent[0]
        return page

    def _image_value(self, code, index, lemmas, searchable):
        image_id, (alt, alt_lemmas) = self.image_alts[code][index]
        caption, caption_lemmas = self.caption[code]
        credit, credit_lemmas = self.credit[code]
        lemmas.extend(alt_lemmas)
        lemmas.extend(caption_lemmas)
        lemmas.extend(credit_lemmas)
        searchable.extend((alt, caption, credit))
        return {"image": image_id, "alt": alt, "caption": caption, "credit": credit}
