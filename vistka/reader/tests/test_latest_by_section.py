"""The home page's "latest by section": the newest stories of each section, newest first, whichever
query the database runs (a UNION of per-section walks on PostgreSQL, a window on SQLite)."""

import pytest

from vistka.editions.languages import locale_id_for
from vistka.reader import queries
from vistka.reader.tests.builders import at, story
from vistka.stories.factories import SectionFactory

pytestmark = pytest.mark.django_db


def test_each_section_gets_its_newest_stories_in_order():
    first, second, empty = (
        SectionFactory(name="Alpha"),
        SectionFactory(name="Beta"),
        SectionFactory(name="Gamma"),
    )
    made = {first.pk: [], second.pk: []}
    for hour in range(6):
        for section in (first, second):
            made[section.pk].append(
                story(title=f"{section.name} {hour}", section=section, published_at=at(hours=-hour))
            )
    story(title="No section", section=None, published_at=at(hours=1))

    grouped = queries.latest_by_section(locale_id_for("uk"), per_section=4)

    assert set(grouped) == {first.pk, second.pk}
    for section in (first, second):
        assert [s.title for s in grouped[section.pk]] == [f"{section.name} {hour}" for hour in range(4)]
    assert empty.pk not in grouped
