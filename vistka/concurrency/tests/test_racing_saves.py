"""N people save the same story at the same moment: zero lost edits (issue 14, item 4)."""

import pytest

from vistka.concurrency.tests.racing import race, thread_database_name
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import ArticlePageFactory


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("n", [2, 5, 10])
def test_racing_saves_lose_nothing(n, tmp_path):
    story = ArticlePageFactory(draft=True, title="The title before the race")
    clients = [client_for(make_staff(f"racer-{i}", (roles.REPORTERS, "uk"))) for i in range(n)]
    database = thread_database_name(tmp_path)

    outcome = race(story, clients, database)

    assert not outcome.errors
    assert len(outcome.statuses) == n
    assert outcome.lost == 0, outcome
    assert len(outcome.saved) == 1 and len(outcome.refused_kept) == n - 1
    for title, status in outcome.statuses.items():
        assert status == (302 if title in outcome.saved else 200), (title, status)
