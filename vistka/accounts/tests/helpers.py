"""Helpers of the accounts tests."""

from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
PASSWORD = "correct horse battery"  # noqa: S105


class CountingHasher(MD5PasswordHasher):
    """A real hasher that counts how often a password was hashed (encode or verify)."""

    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


COUNTING_HASHERS = ["vistka.accounts.tests.helpers.CountingHasher"]


def sign_in(client, username, password, address="203.0.113.10", user_agent=FIREFOX, **extra):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=user_agent,
        **extra,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def browser(address="203.0.113.10", user_agent=FIREFOX):
    """A test client that sends every request from one address and browser."""
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent)
