"""LOG_FORMAT=text: a request path with a (decoded `%0a`) newline writes no line of its own."""

import io
import logging
import logging.config
import re

import pytest

from vistka.delivery.tests.test_surrogate_capability import get
from vistka.observability import logging_config
from vistka.observability.logs import RequestIdFilter

LINE_START = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")
FORGED = "/forged\n2026-01-01 00:00:00,000 ERROR django.security [-] attack\r\u2028end"
AS_WSGI_GIVES_IT = FORGED.encode().decode("latin-1")  # PATH_INFO: the decoded bytes, as latin-1


@pytest.fixture
def text_lines():
    """What the console handler configured with LOG_FORMAT=text writes, as its lines."""
    config = logging_config.apply({}, "text", "django")
    formatter_config = dict(config["formatters"]["text"])
    formatter = logging.config.DictConfigurator(config).configure_formatter(formatter_config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: stream.getvalue().splitlines()
    finally:
        root.removeHandler(handler)


@pytest.mark.django_db
def test_control_characters_in_the_path_are_escaped_in_text_log_lines(stack, text_lines):
    status, _headers, _body = get(stack, AS_WSGI_GIVES_IT, "127.0.0.1")
    assert status.startswith("404")
    lines = text_lines()
    assert lines
    assert all(LINE_START.match(line) for line in lines), lines
    access = [line for line in lines if " vistka.access " in line]
    assert len(access) == 1
    assert "/forged\\x0a2026-01-01 00:00:00,000 ERROR django.security [-] attack\\x0d\\u2028end" in access[0]
