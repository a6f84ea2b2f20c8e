"""Test-run defaults, loaded as a pytest plugin before Django starts.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL points there.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("FAST_PASSWORD_HASHER", "1")
os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TWO_FACTOR_REQUIRED_GROUPS", "")  # nobody forced to enrol; twofactor tests turn it on
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))
# Tests run purge deliveries themselves: a background thread would hold the test database.
os.environ.setdefault("PURGE_DELIVERY_THREAD", "0")
