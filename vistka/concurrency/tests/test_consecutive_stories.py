"""Stories edited one after another in one session: each save is judged against its own story.

The page matrix reuses one rendered edit form for every story in the same editorial state; it
carried the first story's loaded revision to the next ones, whose saves were refused as outdated.
"""

import pytest

from vistka.concurrency.models import RefusedSave
from vistka.newsroom.tests.helpers import client_for, edit_url
from vistka.newsroom.tests.page_fixtures import (
    actor_for,
    do_edit,
    edit_data,
    fresh,
    loaded_revision_fields,
    story,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("publish", [False, True], ids=["save", "publish"])
def test_stories_of_one_state_edited_in_a_row_are_all_saved(publish):
    editor = actor_for("editor")
    client = client_for(editor)

    for _ in range(3):
        took_effect, response = do_edit(client, story("own", "uk", actor=editor), publish=publish)
        assert took_effect, (response.status_code, response.get("Location"))

    assert not RefusedSave.objects.exists()


def test_a_form_loaded_from_another_story_is_still_refused():
    """The check stays strict: a form based on another story's revision is not up to date."""
    editor = actor_for("editor")
    client = client_for(editor)
    first, second = story("own", "uk", actor=editor), story("own", "uk", actor=editor)
    data = edit_data(second, title="Not based on this story", **loaded_revision_fields(first))

    response = client.post(edit_url(second), data)

    assert response.status_code == 200
    assert fresh(second).get_latest_revision().content["title"] == second.title
    assert RefusedSave.objects.filter(page_id=second.pk, user=editor).exists()
