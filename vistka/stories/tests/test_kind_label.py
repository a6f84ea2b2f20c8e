"""A story's kind label in lists: the kind's translated name for labelled kinds, else nothing."""

import pytest
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
