"""What lists show of a story: its kind label (the kind's translated name for labelled kinds, else
nothing) and its publication time, as the template filters would give them."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from vistka.stories.kinds import LABELLED_KINDS, Kind
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
@pytest.mark.parametrize("kind", Kind.values)
def test_the_label_is_the_kinds_display_name_in_the_active_language(language, kind):
    story = ArticlePage(kind=kind)
    with translation.override(language):
        expected = story.get_kind_display() if kind in LABELLED_KINDS else ""
        assert story.kind_label == expected
        assert isinstance(story.kind_label, str)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 3, 30, 0, 59, 59, tzinfo=UTC),  # an hour before Kyiv moves to summer time
        datetime(2025, 3, 30, 1, 0, 0, tzinfo=UTC),
        datetime(2025, 10, 26, 0, 30, 0, 250000, tzinfo=UTC),
        datetime(2026, 11, 25, 21, 59, 0, tzinfo=UTC),
        None,
    ],
)
def test_list_times_are_what_the_date_and_time_filters_give(moment):
    story = ArticlePage(first_published_at=moment)
    template = Template("""{{ t|date:'c' }}|{{ t|time:"H:i" }}""")
    assert f"{story.published_iso}|{story.published_hm}" == template.render(Context({"t": moment}))
