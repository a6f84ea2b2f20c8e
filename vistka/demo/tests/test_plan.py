"""The demo plan is pure data: these tests need no database."""

import re
from collections import Counter
from datetime import datetime, timedelta

import pytest

from vistka.demo import features, topics
from vistka.demo.plan import KYIV, build_plan
from vistka.demo.records import AUTHORS, SECTIONS, SOURCES, TOPIC_TAGS
from vistka.demo.text import LANGS
from vistka.stories.kinds import Kind

ANCHOR = datetime(2026, 3, 14, 15, 0, tzinfo=KYIV)
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]+\}")


@pytest.fixture(scope="module")
def plan():
    return build_plan(seed=7, days=30, per_edition=60, anchor=ANCHOR)


def _all_text(phrase):
    return all(isinstance(value, str) for value in phrase.values())


def texts(story):
    """Every piece of text of a story, per language."""
    out = {lang: [story.title[lang], story.lead[lang]] for lang in LANGS}
    for block in story.blocks:
        if block[0] == "source":  # its note is often empty
            continue
        for part in block[1:]:
            if isinstance(part, dict) and set(part) == set(LANGS) and _all_text(part):
                for lang in LANGS:
                    out[lang].append(part[lang])
    for _posted, headline, text in story.live_entries:
        for lang in LANGS:
            out[lang] += [headline[lang], text[lang]]
    return out


def test_same_seed_gives_the_same_plan(plan):
    again = build_plan(seed=7, days=30, per_edition=60, anchor=ANCHOR)
    assert again.summary() == plan.summary()
    assert [s.times for s in again.stories] == [s.times for s in plan.stories]


def test_another_seed_gives_another_plan(plan):
    other = build_plan(seed=8, days=30, per_edition=60, anchor=ANCHOR)
    assert other.summary() != plan.summary()


def test_each_edition_gets_the_requested_number_of_published_stories(plan):
    for code in LANGS:
        assert plan.count(code) == 60
        mine = [s for s in plan.stories if code in s.editions]
        assert sum(s.state == "draft" for s in mine) == 3
        assert sum(s.state == "scheduled" for s in mine) == 2


def test_every_kind_in_every_edition_and_news_the_majority(plan):
    for code in LANGS:
        kinds = Counter(s.kind for s in plan.stories if code in s.editions and s.published)
        assert set(kinds) == set(Kind.values)
        assert kinds[Kind.NEWS] > sum(kinds.values()) / 2
        assert kinds[Kind.LIVE] == 1


def test_about_a_third_of_stories_are_translated(plan):
    published = [s for s in plan.stories if s.published]
    translated = [s for s in published if len(s.editions) > 1]
    assert 0.25 < len(translated) / len(published) < 0.4
    assert any(set(s.editions) == set(LANGS) for s in translated)
    assert any(len(s.editions) == 2 for s in translated)
    assert {s.origin for s in translated} >= {"uk", "en"}


def test_publication_times_are_spread_over_the_window_and_fresh(plan):
    times = [s.times[s.origin] for s in plan.stories if s.published]
    assert min(times) >= ANCHOR - timedelta(days=31)
    assert max(times) < ANCHOR
    assert max(times) > ANCHOR - timedelta(hours=1)
    daytime = sum(9 <= t.astimezone(KYIV).hour < 21 for t in times)
    assert daytime > len(times) * 0.6
    for story in plan.stories:
        if story.published:
            assert all(story.times[code] >= story.times[story.origin] for code in story.editions)
        if story.state == "scheduled":
            assert story.times[story.origin] > ANCHOR + timedelta(hours=1)


def test_stories_are_in_creation_order_and_link_only_backwards(plan):
    published = [s for s in plan.stories if s.published]
    assert [s.times[s.origin] for s in published] == sorted(s.times[s.origin] for s in published)
    for story in plan.stories:
        for block in story.blocks:
            refs = block[1] if block[0] == "background" else [block[1]] if block[0] == "read_also" else []
            for ref in refs:
                earlier = plan.stories[ref]
                assert ref < story.index and earlier.published
                assert set(story.editions) <= set(earlier.editions)


def test_every_text_is_filled_in_and_differs_between_languages(plan):
    for story in plan.stories:
        parts = texts(story)
        for lang in LANGS:
            for text in parts[lang]:
                assert text and not PLACEHOLDER.search(text), (story.kind, text)
        assert parts["uk"][0] != parts["en"][0]
        assert len(parts["uk"]) == len(parts["ru"]) == len(parts["en"])


def test_parallel_texts_carry_the_same_figures(plan):
    def numbers(text, lang):
        text = text.replace(",", "") if lang == "en" else text.replace("\u00a0", "").replace(",", ".")
        text = re.sub(r"(\d+) (тис\.|тыс\.|thousand)", r"\g<1>000", text)  # "380 тис." is "380,000"
        return re.findall(r"\d+(?:\.\d+)?", text)

    for story in plan.stories:
        if story.kind == Kind.NEWS:
            uk, ru, en = (numbers(story.title[lang], lang) for lang in LANGS)
            assert uk == ru and set(uk) <= set(en), (story.title["uk"], story.title["en"])


def test_headlines_are_unique_within_an_edition(plan):
    for code in LANGS:
        titles = [s.title[code] for s in plan.stories if code in s.editions]
        assert len(titles) - len(set(titles)) <= len(titles) // 50


def test_records_and_flags(plan):
    assert len(AUTHORS) >= 10 and len(SOURCES) >= 20 and len(SECTIONS) >= 8 and len(TOPIC_TAGS) >= 50
    assert any("Kremlin" in qualifier["en"] for _name, qualifier, _kind in SOURCES.values())
    published = [s for s in plan.stories if s.published]
    assert all(1 <= len(s.authors) <= 2 and 2 <= len(s.tags) <= 5 for s in published)
    assert all(s.section in SECTIONS for s in published)
    for code in LANGS:
        assert any(s.breaking_until and s.breaking_until > ANCHOR for s in published if code in s.editions)
    assert any(s.is_important for s in published)
    assert any(s.corrections for s in published)
    assert sum(s.picture is not None for s in published) > len(published) * 0.7
    live = next(s for s in published if s.kind == Kind.LIVE)
    assert len(live.live_entries) >= 10
    assert all(live.times["uk"] < posted < ANCHOR for posted, _h, _t in live.live_entries)
    block_types = {block[0] for s in published for block in s.blocks}
    assert {
        "source",
        "labelled",
        "paragraph",
        "quote",
        "background",
        "read_also",
        "heading",
        "image",
        "gallery",
        "table",
    } <= block_types
    assert "embed" not in block_types


@pytest.mark.parametrize("bank", [topics.TOPICS, features.ARTICLES, features.EXPLAINERS, features.COLUMNS])
def test_every_template_is_written_in_all_three_languages(bank):
    for item in bank:
        for phrase in item.titles + [getattr(item, "lead", None) or item.leads[0]]:
            assert set(phrase) == set(LANGS) and all(phrase.values())
