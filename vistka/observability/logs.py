"""Log records with the request id, as JSON lines (production) or plain text (LOG_FORMAT).

RequestIdFilter (on the console handler) stamps every record with the id of the request being
handled, whatever logger wrote it; JsonFormatter is python-json-logger's, one object a line
with the record's extra fields (the access log's method, path, status, duration_ms ...).
"""

import logging

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
