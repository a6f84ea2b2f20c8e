"""Fixtures of the distribution tests. Builders (rich stories, images, query counting) live in
builders.py."""

import pytest
from django.test import override_settings

from vistka.distribution.tests.builders import clear_caches


@pytest.fixture(scope="package", autouse=True)
def media_root(tmp_path_factory):
    """Images, renditions and documents go to a throw-away directory (package-wide: module-wide
    data already holds files when a per-test override would start)."""
    path = tmp_path_factory.mktemp("distribution-media")
    with override_settings(MEDIA_ROOT=str(path)):
        yield path


@pytest.fixture(autouse=True)
def cold_caches():
    """Cached records and renditions never outlive the rolled-back data they came from."""
    clear_caches()
    yield
    clear_caches()
