"""Bad input gets a 4xx with a JSON error naming the parameter; never a 500."""

from datetime import UTC, datetime

import pytest

from vistka.api import cursors
from vistka.api.params import parse_moment
from vistka.api.tests.builders import API, get_json, story

pytestmark = pytest.mark.django_db

HUGE = "9" * 40


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("articles?edition=xx", "edition"),
        ("articles?edition=UK", "edition"),
        ("articles?kind=blog", "kind"),
        ("articles?limit=0", "limit"),
        ("articles?limit=101", "limit"),
        ("articles?limit=-1", "limit"),
        ("articles?limit=abc", "limit"),
        ("articles?limit=2.5", "limit"),
        (f"articles?limit={HUGE}", "limit"),
        ("articles?limit=", "limit"),
        ("articles?cursor=nonsense", "cursor"),
        ("articles?cursor=", "cursor"),
        ("articles?cursor=AAAAAAAAAAAAAAAAAAAAA", "cursor"),  # 21 characters
        ("articles?cursor=AAAAAAAAAAAAAAAAAAAAAAA", "cursor"),  # 23 characters
        ("articles?cursor=AAAAAAAAAAAAAAAAAAAA%3D%3D", "cursor"),  # padded
        ("articles?cursor=%00AAAAAAAAAAAAAAAAAAAAA", "cursor"),
        ("articles?section=two%20words", "section"),
        ("articles?section=%00", "section"),
        ("articles?section=", "section"),
        ("articles?tag=%D1%82%D0%B5%D0%B3", "tag"),  # Cyrillic: slugs are ASCII
        ("articles?author=" + "a" * 81, "author"),
        ("articles?since=2025-05-28", "since"),
        ("articles?since=2025-05-28T12:00:00", "since"),
        ("articles?since=2025-05-28T12:00:00%2B3", "since"),
        ("articles?since=2025-13-01T00:00:00Z", "since"),
        ("articles?since=2025-02-30T00:00:00Z", "since"),
        ("articles?since=2025-05-28T24:00:00Z", "since"),
        ("articles?since=2025-05-28T12:00:00%2B24:00", "since"),
        ("articles?since=0000-01-01T00:00:00Z", "since"),
        ("articles?since=99999-01-01T00:00:00Z", "since"),
        ("articles?since=1748420000", "since"),
        ("articles?until=yesterday", "until"),
        ("articles?until=%00", "until"),
        ("articles/xx/1", "edition"),
        ("articles/uk/0", "story_number"),
        ("articles/uk/-5", "story_number"),
        ("articles/uk/abc", "story_number"),
        ("articles/uk/9223372036854775808", "story_number"),
        (f"articles/uk/{HUGE}", "story_number"),
        ("sections?edition=xx", "edition"),
        ("authors?edition=", "edition"),
        ("tags?edition=de", "edition"),
        ("tags?limit=0", "limit"),
        ("tags?limit=1000", "limit"),
        ("tags?cursor=bad", "cursor"),
    ],
)
def test_invalid_parameters_are_400(client, url, parameter):
    response, data = get_json(client, f"{API}/{url}")
    assert response.status_code == 400, data
    assert data["error"] == "invalid_request"
    assert parameter in data["message"]
    assert data["details"] and data["details"][0]["location"][-1] == parameter
    assert all(d["message"] != "Input should be None" for d in data["details"])


def test_error_names_every_invalid_parameter(client):
    response, data = get_json(client, f"{API}/articles?limit=0&edition=xx&since=now")
    assert response.status_code == 400
    assert data["message"] == "Invalid parameter: edition, since, limit."
    assert [d["location"] for d in data["details"]] == [
        ["query", "edition"],
        ["query", "since"],
        ["query", "limit"],
    ]


def test_unencoded_plus_gets_a_hint(client):
    response, data = get_json(client, f"{API}/articles?since=2025-05-28T12:00:00+03:00")
    assert response.status_code == 400
    assert "%2B" in data["details"][0]["message"]


@pytest.mark.parametrize(
    "query",
    [
        # valid RFC 3339 moments beyond Python's range once in UTC mean "no bound"
        "since=0001-01-01T00:00:00%2B05:00",
        "until=9999-12-31T23:59:59-05:00",
        "since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59.999999999Z",
        "since=2025-05-28t12:00:00z",
        # any 22-character cursor is a position in the list
        "cursor=__________________________"[:29],
        "cursor=AAAAAAAAAAAAAAAAAAAAAA",
        "cursor=f_________________________"[:29],
        "limit=100",
        "limit=1",
        "unknown=ignored",
    ],
)
def test_edge_values_that_are_valid(client, query):
    story(title="Something")
    response, data = get_json(client, f"{API}/articles?{query}")
    assert response.status_code == 200, data


def test_unknown_slugs_and_numbers_are_not_errors(client):
    assert client.get(f"{API}/articles?tag=no-such-tag").json()["items"] == []
    assert client.get(f"{API}/articles/uk/9223372036854775807").status_code == 404


# --- the parsers themselves ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-05-28T12:00:00+03:00", datetime(2025, 5, 28, 9, tzinfo=UTC)),
        ("2025-05-28T09:00:00Z", datetime(2025, 5, 28, 9, tzinfo=UTC)),
        ("2025-05-28t09:00:00.5z", datetime(2025, 5, 28, 9, 0, 0, 500_000, tzinfo=UTC)),
        ("2025-05-28T09:00:00.1234567-00:30", datetime(2025, 5, 28, 9, 30, 0, 123_456, tzinfo=UTC)),
        ("0001-01-01T00:00:00+00:01", datetime.min.replace(tzinfo=UTC)),
        ("9999-12-31T23:59:59-00:01", datetime.max.replace(tzinfo=UTC)),
    ],
)
def test_parse_moment(value, expected):
    assert parse_moment(value) == expected


@pytest.mark.parametrize(
    "value", ["", "2025-05-28", "2025-05-28 09:00:00Z", "2025-05-28T09:00Z", 1748420000, None]
)
def test_parse_moment_rejects(value):
    with pytest.raises(ValueError):
        parse_moment(value)


def test_cursor_round_trip():
    token = cursors.encode(1_748_422_800_000_000, 42)
    assert len(token) == cursors.TOKEN_LENGTH
    assert cursors.decode(token) == (1_748_422_800_000_000, 42)
    assert cursors.decode(cursors.encode(-(2**63), 2**63 - 1)) == (-(2**63), 2**63 - 1)
