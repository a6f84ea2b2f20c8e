"""Fixtures of the reader-site tests. Builders (stories, images, HTML parsing) live in builders.py."""

import pytest
from django.test import override_settings

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import EDITIONS, build_edition, clear_caches


@pytest.fixture(scope="package", autouse=True)
def media_root(tmp_path_factory):
    """Images and their renditions go to a throw-away directory.

    Package-scoped: pytest-django's `settings` fixture is per test, too late for the module-wide
    data that already holds images. FileSystemStorage follows the override through Django's
    setting_changed signal.
    """
    path = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(path)):
        yield path


@pytest.fixture(autouse=True)
def cold_caches():
    """Cached records (sections menu, edition settings, renditions) never leak between tests:
    module-wide data is rolled back without the signals that would forget them."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(scope="module")
def editions(django_db_setup, django_db_blocker):
    """One section, tag, author and story of every kind in each edition, for a whole module."""
    with rolled_back(django_db_blocker):
        yield {edition: build_edition(edition) for edition in EDITIONS}
