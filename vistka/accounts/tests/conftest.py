from vistka.accounts.tests.smtp import smtp_inbox  # noqa: F401 (fixture for this folder's tests)
