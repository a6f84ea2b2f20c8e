"""POST /_csp-report/: browsers send the violations of the policies here.

Anyone can post, so it is bounded every way: the body's size, reports per body, reports per client
address a minute and in total an hour (counted in the shared cache; over the bound they are dropped,
still answered 204 so that browsers do not retry). Never cached, no CSRF token (browsers send none).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vistka.browserpolicy import reports
from vistka.browserpolicy.models import ViolationReport

CONTENT_TYPES = ("application/csp-report", "application/reports+json", "application/json")


def client_address(request):
    return getattr(request, "client_ip", None) or request.META.get("REMOTE_ADDR", "") or "unknown"


def _take(key, limit, ttl):
    """Count one against `key`; False once `limit` is reached within `ttl` seconds."""
    if limit <= 0:
        return False
    cache.add(key, 0, ttl)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, ttl)
        count = 1
    return count <= limit


@csrf_exempt
@never_cache
@require_POST
def receive(request):
    content_type = request.content_type or ""
    if content_type not in CONTENT_TYPES:
        return HttpResponse(status=415)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= 0 or length > settings.POLICY_REPORT_MAX_BYTES:
        return HttpResponse(status=413 if length else 411)
    raw = request.read(settings.POLICY_REPORT_MAX_BYTES + 1)
    if len(raw) > settings.POLICY_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        bodies = reports.violations(raw, content_type)
    except reports.Unreadable:
        return HttpResponse(status=400)
    minute, hour = int(time.time() // 60), int(time.time() // 3600)
    address = client_address(request)
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    kept = []
    for body in bodies:
        if not _take(f"csp-report:{address}:{minute}", settings.POLICY_REPORTS_PER_CLIENT_MINUTE, 120):
            break
        if not _take(f"csp-report:all:{hour}", settings.POLICY_REPORTS_PER_HOUR, 7200):
            break
        kept.append(reports.to_report(body, user_agent))
    if kept:
        ViolationReport.objects.bulk_create(kept)
    return HttpResponse(status=204)
