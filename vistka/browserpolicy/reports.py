"""Reading CSP violation reports: the `report-uri` format (application/csp-report) and the Reporting
API's (application/reports+json, a list). Whatever a browser (or anyone) sends is cut to the model's
sizes, stripped of control characters, and addresses lose their query and fragment (a reader's
search words, a token in a link)."""

import json
import re
from urllib.parse import urlsplit, urlunsplit

from vistka.browserpolicy.models import ViolationReport

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_REPORTS_PER_BODY = 20
KEYWORDS = {
    "inline",
    "eval",
    "data",
    "blob",
    "self",
    "wasm-eval",
    "trusted-types-policy",
    "trusted-types-sink",
}

# report-uri names (hyphenated) and Reporting API names (camelCase) of the same fields.
FIELDS = {
    "document_uri": ("document-uri", "documentURL"),
    "directive": ("effective-directive", "effectiveDirective", "violated-directive"),
    "blocked_uri": ("blocked-uri", "blockedURL"),
    "source_file": ("source-file", "sourceFile"),
    "line_number": ("line-number", "lineNumber"),
    "column_number": ("column-number", "columnNumber"),
    "sample": ("script-sample", "sample"),
    "disposition": ("disposition",),
}


class Unreadable(ValueError):
    pass


def clean_text(value, limit):
    if not isinstance(value, (str, int, float)):
        return ""
    return CONTROL.sub("", str(value)).strip()[:limit]


def clean_uri(value, limit):
    """An address without its query and fragment; a keyword ('inline', 'eval') as it is."""
    text = clean_text(value, 2000)
    if not text or text in KEYWORDS:
        return text[:limit]
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return parts.scheme[:limit] if parts.scheme else ""  # data:, blob:, chrome-extension: …
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))[:limit]


def clean_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 10_000_000 else None


def _pick(body, names):
    for name in names:
        if name in body:
            return body[name]
    return None


def violations(raw, content_type):
    """The violation bodies in a request body (at most MAX_REPORTS_PER_BODY)."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as error:
        raise Unreadable("not JSON") from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [data["csp-report"]]
    if isinstance(data, list):
        return [
            item["body"]
            for item in data[:MAX_REPORTS_PER_BODY]
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    raise Unreadable("neither format")


def to_report(body, user_agent):
    limits = {f.name: f.max_length for f in ViolationReport._meta.fields if f.max_length}
    values = {}
    for field, names in FIELDS.items():
        value = _pick(body, names)
        if field in ("line_number", "column_number"):
            values[field] = clean_number(value)
        elif field in ("document_uri", "blocked_uri", "source_file"):
            values[field] = clean_uri(value, limits[field])
        else:
            values[field] = clean_text(value, limits[field])
    values["directive"] = values["directive"].split(" ")[0]  # violated-directive may hold the sources
    return ViolationReport(user_agent=clean_text(user_agent, limits["user_agent"]), **values)
