"""The two Content-Security-Policies and the Permissions-Policy.

Reader pages are cached whole (the fast path stores them with their headers, Varnish keeps them), so
their policy holds no nonce: it is the same for every reader and every copy. The reader templates
run no inline script (the latest-news refresh is a static file; JSON-LD blocks are data, which CSP
does not govern), and the one inline style left (the self-contained 500 page) is allowed by its
hash, computed once from the template when the first response is sent.

Staff pages (the Wagtail admin, the newsroom's own views) are never cached, so their policy carries a
fresh nonce per response, which the few inline scripts Wagtail still renders receive through this
app's template overrides (see templatetags/browserpolicy.py).
"""

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, REPORT_SAMPLE, SELF, UNSAFE_INLINE
from django.conf import settings

STAFF_PREFIXES = ("/admin/", "/newsroom/", "/django-admin/")
REPORT_PATH = "/_csp-report/"
REPORT_GROUP = "csp"
INLINE_BLOCK = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1>", re.S | re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def is_staff_path(path):
    return path.startswith(STAFF_PREFIXES)


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def media_sources():
    """Where pictures come from besides this site: an absolute MEDIA_URL, an S3 bucket's domain."""
    sources = []
    origin = _origin(settings.MEDIA_URL)
    if origin:
        sources.append(origin)
    domain = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)
    if domain:
        sources.append(f"https://{domain}")
    elif getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        endpoint = _origin(getattr(settings, "AWS_S3_ENDPOINT_URL", None) or "")
        sources.append(endpoint or "https://*.amazonaws.com")
    return sources


def _template_dirs():
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", ())]
    project = Path(settings.PROJECT_DIR)
    dirs += sorted(p for p in project.glob("*/templates") if p.parent.name != "browserpolicy")
    return dirs


@lru_cache(maxsize=1)
def inline_hashes():
    """{'script': [...], 'style': [...]}: CSP hash sources of every constant inline script and style
    in the project's templates (the admin's inline scripts get nonces instead). A block with
    template tags in it cannot be hashed ahead: it is left out and fails the reader browser test."""
    found = {"script": set(), "style": set()}
    for directory in _template_dirs():
        for template in directory.rglob("*.html"):
            if "wagtailadmin" in template.parts:
                continue
            for tag, attributes, body in INLINE_BLOCK.findall(template.read_text(encoding="utf-8")):
                tag = tag.lower()
                attributes = attributes or ""
                if "src=" in attributes or "{{" in body or "{%" in body:
                    continue
                kind = re.search(r'type="([^"]*)"', attributes)
                if tag == "script" and (kind.group(1) if kind else "") not in EXECUTABLE_TYPES:
                    continue  # JSON and other data blocks are never executed
                digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                found[tag].add(f"'sha256-{digest}'")
    return {tag: sorted(values) for tag, values in found.items()}


def _common(frame_ancestors):
    report = [settings.POLICY_REPORT_URI] if settings.POLICY_REPORT_URI else []
    directives = {
        "default-src": [SELF],
        "connect-src": [SELF],
        "img-src": [SELF, "data:", *media_sources(), *settings.POLICY_IMG_SRC],
        "media-src": [SELF, *media_sources()],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF, *settings.POLICY_FORM_ACTION],
        "frame-ancestors": frame_ancestors,
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "report-uri": report or None,
        "report-to": REPORT_GROUP if report and settings.POLICY_REPORT_TO else None,
    }
    return directives


def reader_directives():
    hashes = inline_hashes()
    directives = _common([NONE])
    directives.update(
        {
            "script-src": [SELF, *hashes["script"], REPORT_SAMPLE],
            "style-src": [SELF, *hashes["style"], REPORT_SAMPLE],
            "frame-src": list(settings.POLICY_FRAME_SRC) or [NONE],
        }
    )
    return directives


def staff_directives():
    """The admin's policy: scripts from this site or with the response's nonce only."""
    hashes = inline_hashes()  # the 500 page is served on staff addresses too
    directives = _common([SELF])  # Wagtail's preview shows admin pages in an admin frame
    directives.update(
        {
            "img-src": [SELF, "data:", "blob:", *media_sources(), *settings.POLICY_IMG_SRC],
            "script-src": [SELF, NONCE, *hashes["script"], REPORT_SAMPLE],
            "style-src": [SELF, REPORT_SAMPLE],  # and so no style attribute
            # Draftail (the rich text editor) renders <style> elements whose text changes with the
            # selection (the empty block's placeholder, keyed by Draft.js's random block key): no
            # hash or nonce can cover them, and Draftail takes no nonce. Injected CSS cannot send
            # anything away (img-src, font-src and connect-src stay 'self'); scripts stay nonce-only.
            "style-src-elem": [SELF, UNSAFE_INLINE, REPORT_SAMPLE],
            "frame-src": [SELF, *settings.POLICY_FRAME_SRC],
        }
    )
    return directives


def permissions_policy():
    return ", ".join(f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY.items())
