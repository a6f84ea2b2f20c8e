import pytest

from vistka.accounts.tests.smtp import smtp_inbox  # noqa: F401 (fixture for this folder's tests)


@pytest.fixture(autouse=True)
def no_forced_second_factor(settings):
    """These tests are about the password step and sessions: nobody is sent to 2FA enrolment."""
    settings.TWO_FACTOR_REQUIRED_GROUPS = []


@pytest.fixture(autouse=True)
def fresh_caches():
    """The audit de-duplication of 'auth.throttled' lives in the cache."""
    from django.core.cache import cache

    cache.clear()
