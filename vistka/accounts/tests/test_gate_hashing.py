"""Password hashes of sign-ins are computed in a low-priority helper process, in Django's format."""

import os
import subprocess
import sys

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password
from django.test import override_settings

from vistka.accounts import hashing

LOW_PRIORITY = ["vistka.accounts.hashing.LowPriorityPBKDF2PasswordHasher"]


@override_settings(PASSWORD_HASHERS=LOW_PRIORITY)
def test_the_hash_is_djangos_own_and_stored_hashes_stay_valid():
    hasher = hashing.LowPriorityPBKDF2PasswordHasher()
    assert hasher.encode("secret 1", "salt123", iterations=1000) == PBKDF2PasswordHasher().encode(
        "secret 1", "salt123", iterations=1000
    )
    stored = PBKDF2PasswordHasher().encode("secret 2", "salt456", iterations=1000)
    assert check_password("secret 2", stored) and not check_password("secret 3", stored)
    assert make_password("secret 4").startswith("pbkdf2_sha256$")


@override_settings(PASSWORD_HASHERS=LOW_PRIORITY, LOGIN_HASHING_NICE=19)
def test_the_pbkdf2_runs_in_another_process_at_the_lowest_priority():
    hashing.LowPriorityPBKDF2PasswordHasher().encode("secret", "salt", iterations=1000)
    helper = hashing._helper["process"]
    assert helper.pid != os.getpid() and helper.daemon
    assert os.getpriority(os.PRIO_PROCESS, helper.pid) == 19


@override_settings(PASSWORD_HASHERS=LOW_PRIORITY)
def test_a_killed_helper_is_replaced():
    hasher = hashing.LowPriorityPBKDF2PasswordHasher()
    hasher.encode("secret", "salt", iterations=1000)
    first = hashing._helper["process"]
    first.kill()
    first.join(5)
    assert hasher.verify("secret", PBKDF2PasswordHasher().encode("secret", "salt", iterations=1000))
    assert hashing._helper["process"].pid != first.pid


def test_the_production_settings_verify_and_make_hashes_in_the_helper():
    """Of two hashers of one algorithm Django verifies with the last: Django's own must not follow."""
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth.hashers import get_hasher, identify_hasher\n"
        "print(type(get_hasher()).__name__, type(identify_hasher('pbkdf2_sha256$1000$salt$x')).__name__)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vistka.settings", "FAST_PASSWORD_HASHER": "0"}
    env.setdefault("SECRET_KEY", "test")
    result = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["LowPriorityPBKDF2PasswordHasher"] * 2
