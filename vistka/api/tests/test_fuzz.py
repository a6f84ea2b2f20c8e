"""Fuzzing the API from its own OpenAPI schema with Schemathesis.

The schema is the document /api/v1/openapi.json serves (read through the URL resolver when the
module is collected, before the database is open; test_fuzzed_schema_is_the_one_served checks it
against a full request). Requests go to Django's WSGI application, so through every middleware,
against demo data built by the factories. For each operation, Schemathesis's examples, coverage
and fuzzing phases send valid and invalid requests; every response must conform to the schema
(status code, content type, body), none may be a 5xx, invalid input must be rejected with a 4xx,
valid input accepted, and unsupported methods answered with 405.

Bounded and reproducible: a fixed seed, at most FUZZ_EXAMPLES generated cases per operation and
phase, no example database, no network. Set API_FUZZ_SEED to explore other inputs and
API_FUZZ_EXAMPLES for more cases.

(The lazy `schemathesis.pytest.from_fixture()` loader would let the schema be fetched with
`from_wsgi` inside a fixture, but schemathesis 4.32.5 sets `Node._nodeid`, which pytest 9.2
no longer has.)
"""

import json
import os

import pytest
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.urls import resolve

from vistka.api.tests.builders import (
    HIDDEN_STATES,
    at,
    corrected,
    full_story,
    hidden_story,
    jpeg_image,
    live_story,
    rich_body,
    story,
)
from vistka.api.tests.conftest import rolled_back
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory
from vistka.stories.kinds import Kind

# Installed from vistka/api/REQUIREMENTS.txt (to be merged into requirements-dev.txt).
schemathesis = pytest.importorskip("schemathesis", minversion="4.32")

from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402

FUZZ_SEED = int(os.environ.get("API_FUZZ_SEED", "20250528"))
FUZZ_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "40"))
OPENAPI = "/api/v1/openapi.json"
# Hypothesis's caches (constants, Unicode tables) go under var/, not into the working tree.
set_hypothesis_home_dir(str(django_settings.VAR_DIR / "hypothesis"))

# The demo data's identifiers, known in advance so that Schemathesis draws them half the time:
# valid requests then reach real stories and non-empty lists, not only 404s and empty pages.
EDITIONS = ("uk", "ru", "en")
SLUGS = {
    "sections": ["politics", "economy"],
    "tags": ["war", "energy", "elections"],
    "authors": ["olena", "ivan"],
}
FIRST_NUMBER = 990_001
STORY_NUMBERS = list(range(FIRST_NUMBER, FIRST_NUMBER + len(Kind.values) + 12))


def served_openapi():
    """The document /api/v1/openapi.json serves, without touching the database."""
    match = resolve(OPENAPI)
    response = match.func(RequestFactory().get(OPENAPI), *match.args, **match.kwargs)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def fuzz_config():
    bindings = {
        "path.story_number": "story_numbers",
        "query.section": "sections",
        "query.tag": "tags",
        "query.author": "authors",
    }
    return SchemathesisConfig.from_dict(
        {
            "seed": FUZZ_SEED,
            "suppress-health-check": ["all"],
            "dictionaries": {
                "story_numbers": {"values": STORY_NUMBERS},
                **{name: {"values": values} for name, values in SLUGS.items()},
            },
            "parameters": {key: {"dictionary": name, "probability": 0.5} for key, name in bindings.items()},
            "generation": {"max-examples": FUZZ_EXAMPLES, "database": "none", "mode": "all"},
            "phases": {"stateful": {"enabled": False}},
        }
    )


SCHEMA_DOCUMENT = served_openapi()
schema = schemathesis.openapi.from_dict(SCHEMA_DOCUMENT, config=fuzz_config())
# Django's own WSGI handler: vistka.wsgi.application puts the delivery fast path in front of it,
# which rewrites query strings (see test_http.py, test_through_the_production_entry_point_*).
schema.app = WSGIHandler()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small newsroom: stories of every kind and state in the three editions."""
    with rolled_back(django_db_blocker):
        numbers = iter(STORY_NUMBERS)
        records = {
            edition: {
                "section": [SectionFactory(edition=edition, slug=slug) for slug in SLUGS["sections"]],
                "tags": [TagFactory(edition=edition, slug=slug) for slug in SLUGS["tags"]],
                "authors": [AuthorFactory(edition=edition, slug=slug) for slug in SLUGS["authors"]],
            }
            for edition in EDITIONS
        }
        image = jpeg_image("Fuzz lead")

        def linked(edition, n):
            found = records[edition]
            return {
                "section": found["section"][n % 2],
                "tags": found["tags"][n % 3 :] + found["tags"][: n % 3],
                "authors": found["authors"][: 1 + n % 2],
            }

        for n, kind in enumerate(Kind.values):
            edition = EDITIONS[n % 3]
            story(
                edition=edition,
                kind=kind,
                story_number=next(numbers),
                published_at=at(hours=-n),
                **linked(edition, n),
            )
        target = story(story_number=next(numbers), published_at=at(days=-3), **linked("uk", 0))
        hidden = hidden_story("draft", story_number=next(numbers))
        rich = full_story(
            story_number=next(numbers),
            image=image,
            published_at=at(hours=1),
            translate_to=("ru", "en"),
            body=rich_body("uk", target, hidden, image),
        )
        corrected(rich, "A figure was wrong.")
        live_story(edition="ru", story_number=next(numbers), published_at=at(hours=2), **linked("ru", 1))
        for state in HIDDEN_STATES[1:]:
            hidden_story(state, story_number=next(numbers), published_at=at(hours=3))
        story(edition="en", story_number=next(numbers), published_at=at(days=-400))
        yield


@pytest.mark.django_db
def test_fuzzed_schema_is_the_one_served(client):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert response.json() == SCHEMA_DOCUMENT
    assert {op["operationId"] for path in SCHEMA_DOCUMENT["paths"].values() for op in path.values()} == {
        "getRoot",
        "listArticles",
        "getArticle",
        "listEditions",
        "listSections",
        "listTags",
        "listAuthors",
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_its_schema(case, demo, wsgi_requests):
    response = case.call_and_validate()
    assert response.status_code < 500
