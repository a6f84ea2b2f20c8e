"""Log records with the request id, as JSON lines (production) or plain text (LOG_FORMAT).

RequestIdFilter (on the console handler) stamps every record with the id of the request being
handled, whatever logger wrote it; JsonFormatter is python-json-logger's, one object a line
with the record's extra fields (the access log's method, path, status, duration_ms ...).
TextFormatter writes each record's line with its control characters escaped: a request path
(decoded: `%0a` is a newline) or any other text from a request cannot forge log lines.
"""

import logging
import re

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from vistka.observability import request_ids

JSON_FIELDS = ("asctime", "levelname", "name", "message", "request_id")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = request_ids.current.get() or "-"
        return True


class JsonFormatter(_JsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("json_ensure_ascii", False)  # Ukrainian and Russian stay readable
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", False)
        super().__init__(*(args or (" ".join(f"%({field})s" for field in JSON_FIELDS),)), **kwargs)


# C0 and C1 controls (newline, carriage return, escape ...) and the Unicode line separators.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(match):
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text):
    return CONTROL_CHARACTERS.sub(_escaped, text)


class TextFormatter(logging.Formatter):
    """logging's own formatter, its line (message and fields) with control characters escaped. A
    traceback still follows on lines of its own."""

    def formatMessage(self, record):  # noqa: N802 (logging's name)
        return escape_controls(super().formatMessage(record))
