"""The fixed structure made by ensure_editions (vistka/editions/setup.py)."""

import pytest

from vistka.editions.setup import ensure_editions
from vistka.stories.models import StoryArchivePage


@pytest.mark.django_db
def test_each_editions_story_folder_is_named_in_its_language():
    """Staff land on it after submitting a story: a Russian reporter read "Stories" there."""
    ensure_editions()
    titles = dict(StoryArchivePage.objects.values_list("locale__language_code", "title"))
    assert titles == {"uk": "Матеріали", "ru": "Материалы", "en": "Stories"}
    StoryArchivePage.objects.update(title="Stories", draft_title="Stories")  # a database made before
    ensure_editions()
    assert set(StoryArchivePage.objects.values_list("draft_title", flat=True)) == {
        "Матеріали",
        "Материалы",
        "Stories",
    }
