"""Who may do what with a story, per role and edition, through the real admin views.

Each case logs in one actor, makes one story in the state named, tries one action through the
admin (or the newsroom's translate view) and checks whether it took effect; a refusal must be a
refusal (403/404, Wagtail's redirect to the dashboard, the login page), never an error page.

The actors work in the uk edition ("own"); "other" stories are the en edition's. Admins belong
to no edition. Objects: a published story (a colleague's), a colleague's draft in review, the
actor's own draft, a colleague's draft. "translate" copies the story into the other of the two
editions (own -> en, other -> uk).
"""

import pytest

from vistka.newsroom.tests.page_fixtures import (
    ACTIONS,
    actor_for,
    client_of,
    do_add,
    is_refusal,
    story,
)

OBJECTS = ("published", "review", "own", "colleague")

# Y: the action takes effect; -: refused. Columns follow OBJECTS.
EXPECTED = """
role        edition  action     published review own colleague
reporter    own      view       Y Y Y Y
reporter    own      edit       Y - Y Y
reporter    own      delete     - - Y -
reporter    own      publish    - - - -
reporter    own      unpublish  - - - -
reporter    own      translate  - - - -
reporter    own      restrict   - - - -
reporter    own      choose     Y Y Y Y
reporter    other    view       - - - -
reporter    other    edit       - - - -
reporter    other    delete     - - - -
reporter    other    publish    - - - -
reporter    other    unpublish  - - - -
reporter    other    translate  Y - - -
reporter    other    restrict   - - - -
reporter    other    choose     Y - - -
editor      own      view       Y Y Y Y
editor      own      edit       Y Y Y Y
editor      own      delete     Y Y Y Y
editor      own      publish    Y Y Y Y
editor      own      unpublish  Y - - -
editor      own      translate  - - - -
editor      own      restrict   Y Y Y Y
editor      own      choose     Y Y Y Y
editor      other    view       - - - -
editor      other    edit       - - - -
editor      other    delete     - - - -
editor      other    publish    - - - -
editor      other    unpublish  - - - -
editor      other    translate  Y - - -
editor      other    restrict   - - - -
editor      other    choose     Y - - -
translator  own      view       Y Y Y Y
translator  own      edit       Y - Y Y
translator  own      delete     Y Y Y Y
translator  own      publish    Y - Y Y
translator  own      unpublish  Y - - -
translator  own      translate  - - - -
translator  own      restrict   Y Y Y Y
translator  own      choose     Y Y Y Y
translator  other    view       - - - -
translator  other    edit       - - - -
translator  other    delete     - - - -
translator  other    publish    - - - -
translator  other    unpublish  - - - -
translator  other    translate  Y - - -
translator  other    restrict   - - - -
translator  other    choose     Y - - -
admin       own      view       Y Y Y Y
admin       own      edit       Y - Y Y
admin       own      delete     Y Y Y Y
admin       own      publish    Y - Y Y
admin       own      unpublish  Y - - -
admin       own      translate  Y Y Y Y
admin       own      restrict   Y Y Y Y
admin       own      choose     Y Y Y Y
admin       other    view       Y Y Y Y
admin       other    edit       Y - Y Y
admin       other    delete     Y Y Y Y
admin       other    publish    Y - Y Y
admin       other    unpublish  Y - - -
admin       other    translate  Y Y Y Y
admin       other    restrict   Y Y Y Y
admin       other    choose     Y Y Y Y
"""
# Adding a story to the edition's archive (no object).
EXPECTED_ADD = """
role        own other
reporter    Y   -
editor      Y   -
translator  Y   -
admin       Y   Y
anonymous   -   -
"""
# Anonymous visitors: refused everything (sent to the login page).
ROLES = ("reporter", "editor", "translator", "admin", "anonymous")
EDITION_OF = {"own": "uk", "other": "en"}


def _parse(table):
    lines = [line.split() for line in table.strip().splitlines()]
    return lines[0], lines[1:]


def matrix():
    cases = []
    _, rows = _parse(EXPECTED)
    for role, where, action, *cells in rows:
        assert len(cells) == len(OBJECTS), (role, where, action)
        for obj, cell in zip(OBJECTS, cells, strict=True):
            cases.append((role, where, action, obj, cell == "Y"))
    for where in EDITION_OF:
        for action in ACTIONS:
            for obj in OBJECTS:
                cases.append(("anonymous", where, action, obj, False))
    return cases


def add_matrix():
    header, rows = _parse(EXPECTED_ADD)
    return [
        (role, where, cell == "Y")
        for role, *cells in rows
        for where, cell in zip(header[1:], cells, strict=True)
    ]


CASES = matrix()
ADD_CASES = add_matrix()


def test_the_matrix_covers_every_role_edition_action_and_object():
    expected_size = len(ROLES) * len(EDITION_OF) * (len(ACTIONS) * len(OBJECTS) + 1)
    keys = {case[:4] for case in CASES} | {(role, where, "add", "-") for role, where, _ in ADD_CASES}
    assert len(keys) == len(CASES) + len(ADD_CASES) == expected_size == 330
    print(f"page permission matrix: {expected_size} cases")  # noqa: T201


@pytest.mark.django_db
@pytest.mark.parametrize("role, where, action, obj, allowed", CASES, ids=lambda v: str(v))
def test_page_action(role, where, action, obj, allowed):
    actor = actor_for(role)
    page = story(obj, EDITION_OF[where], actor=actor)

    took_effect, response = ACTIONS[action](client_of(actor), page)

    assert took_effect == allowed, (response.status_code, response.get("Location"))
    if not allowed and action not in ("choose", "edit", "publish"):
        # choose answers with a listing without the story; a refused edit or publish of a page
        # locked in review answers with the form and its message.
        assert is_refusal(response), (response.status_code, response.get("Location"))
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("role, where, allowed", ADD_CASES)
def test_add_story(role, where, allowed):
    actor = actor_for(role)
    took_effect, response = do_add(client_of(actor), EDITION_OF[where])
    assert took_effect == allowed, (response.status_code, response.get("Location"))
    if not allowed:
        assert is_refusal(response)
