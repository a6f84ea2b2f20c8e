import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """A media folder of the test's own (the suite's is shared with other tests)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def backup_dir(tmp_path):
    return tmp_path / "backups"
