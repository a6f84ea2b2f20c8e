"""A newsroom form posted while the database is down comes back on the 503 page: every field as a
hidden input of a form that posts it again to the same address ("Save again"), and readable copies
of the text to take by hand. Nothing is stored anywhere: the page itself is the copy.

Only a post that passes Django's CSRF check (the staff member's own form, from this site) is carried
back, and only with the token it came with: a page from elsewhere cannot get its fields reflected
into a form the staff member would then send. Sign-in forms, the second-factor pages (/admin/2fa/,
passkeys included) and any field named like a secret (password, code, token, secret, otp, key) are
never carried back: a one-time or recovery code must not be written into a page.
Values are escaped by the template; the page is never stored (no-store).
"""

import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import NoReverseMatch, reverse

CSRF_FIELD = "csrfmiddlewaretoken"
SECRET_WORDS = ("password", "passcode", "code", "token", "secret", "otp", "key")
# Never carried back: everything under the second-factor pages, and django-otp-webauthn's
# ceremony endpoints wherever they are mounted.
NEVER_CARRIED_UNDER = ("twofactor_factors",)
NEVER_CARRIED_AT = tuple(
    f"otp_webauthn:credential-{ceremony}-{step}"
    for ceremony in ("registration", "authentication")
    for step in ("begin", "complete")
)


@dataclass
class Carried:
    fields: list = field(default_factory=list)  # (name, value) in the order posted, every value
    readable: list = field(default_factory=list)  # (name, text) worth copying by hand
    files: list = field(default_factory=list)  # names of files that were attached (not kept)


def _view_for_csrf(request):
    """A stand-in callback for the CSRF check (it reads only the csrf_exempt flag)."""


def _csrf_accepted(request):
    if getattr(request, "csrf_processing_done", False):
        return True  # Django's CsrfViewMiddleware accepted this request before it failed
    try:
        refusal = CsrfViewMiddleware(lambda r: None).process_view(request, _view_for_csrf, (), {})
    except Exception:  # noqa: BLE001 (an unreadable body is simply not carried back)
        return False
    return refusal is None


def _words(name):
    """A field name's words: `otp_token`, `recovery-code`, `apiKey`, `password2` -> their parts."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [word for word in re.split(r"[^a-z0-9]+", spaced.lower()) if word]


def _secret_word(word):
    word = word.rstrip("0123456789")
    word = word[:-1] if word.endswith("s") and len(word) > 3 else word  # codes, tokens, keys
    return any(word == secret or word.endswith(secret) for secret in SECRET_WORDS)


def _skipped(name):
    """A field whose value may be a secret (never written into the page). `csrfmiddlewaretoken` is
    the one token carried: the Save again form needs it, and it is the staff member's own."""
    return name != CSRF_FIELD and any(_secret_word(word) for word in _words(name))


def _paths(names):
    paths = []
    for name in names:
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue
    return paths


def _never_carried(request):
    if request.path_info in settings.LOGIN_GATED_PATHS or request.path in _paths(NEVER_CARRIED_AT):
        return True
    return any(request.path.startswith(prefix) for prefix in _paths(NEVER_CARRIED_UNDER))


def readable_text(value):
    """Text a person can copy: a rich-text editor's JSON (Draft.js content state) as its
    paragraphs, anything else as it is."""
    stripped = value.strip()
    if stripped.startswith("{") and '"blocks"' in stripped:
        try:
            blocks = json.loads(stripped).get("blocks")
            return "\n\n".join(str(block.get("text", "")) for block in blocks if isinstance(block, dict))
        except (ValueError, AttributeError, TypeError):
            return value
    return value


# Form plumbing a person never typed: Wagtail's revision stamps, the ids, types and order of
# stream blocks and inline panels, formset counters. Posted again, but not offered as text to copy.
PLUMBING_PREFIXES = ("loaded_revision_", "comments-", "action-")
PLUMBING_LAST_PARTS = {"id", "type", "order", "deleted", "prefix", "count"}
PLUMBING_SUFFIXES = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def _plumbing(name):
    last = name.rsplit("-", 1)[-1]
    return (
        name.startswith(PLUMBING_PREFIXES) or last in PLUMBING_LAST_PARTS or name.endswith(PLUMBING_SUFFIXES)
    )


def _worth_reading(name, value):
    if name == CSRF_FIELD or _plumbing(name) or not value.strip():
        return False
    return any(character.isalpha() for character in value)


def carry_back(request):
    """The posted form to give back, or None when there is nothing to carry or it may not be."""
    if request.method != "POST" or _never_carried(request):
        return None
    if not _csrf_accepted(request):
        return None
    try:
        posted, files = request.POST, request.FILES
    except Exception:  # noqa: BLE001 (too large or malformed: nothing to give back)
        return None
    carried = Carried(files=sorted({upload.name for _, uploads in files.lists() for upload in uploads}))
    for name, values in posted.lists():
        if _skipped(name):
            continue
        for value in values:
            carried.fields.append((name, value))
            if _worth_reading(name, value):
                carried.readable.append((name, readable_text(value)))
    return carried if carried.fields else None
