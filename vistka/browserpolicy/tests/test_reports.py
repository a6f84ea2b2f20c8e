"""POST /_csp-report/: both report formats stored, sanitised and bounded; limited per client and in
total; never cached; no CSRF token needed; the list readable by Admins only, and read-only."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from vistka.browserpolicy.models import ViolationReport
from vistka.newsroom import roles

URL = "/_csp-report/"
CLASSIC = {
    "csp-report": {
        "document-uri": "https://vistka.example/search/?q=secret+words#top",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "script-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "inline",
        "line-number": 12,
        "column-number": 7,
        "source-file": "https://vistka.example/news/2026/12/06/1/?token=abc",
        "status-code": 200,
        "script-sample": "alert(1)\x00\x1b[31m",
    }
}
REPORTING_API = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "https://vistka.example/",
        "user_agent": "Mozilla/5.0",
        "body": {
            "documentURL": "https://vistka.example/en/",
            "effectiveDirective": "style-src-elem",
            "blockedURL": "https://evil.example/x.css?u=1",
            "sourceFile": "https://vistka.example/static/js/latest.js",
            "lineNumber": 3,
            "columnNumber": 1,
            "sample": "",
            "disposition": "enforce",
            "statusCode": 200,
        },
    },
    {"type": "deprecation", "body": {"id": "x"}},
]


@pytest.fixture(autouse=True)
def empty_counters():
    cache.clear()
    yield
    cache.clear()


def post(client, payload, content_type="application/csp-report", address="203.0.113.5", **extra):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return client.post(URL, body, content_type=content_type, REMOTE_ADDR=address, **extra)


@pytest.mark.django_db
def test_a_report_uri_report_is_kept_without_query_fragment_or_control_characters():
    client = Client(enforce_csrf_checks=True)  # browsers send no token
    response = post(client, CLASSIC, HTTP_USER_AGENT="Mozilla/5.0 (X11)\n")
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    report = ViolationReport.objects.get()
    assert report.document_uri == "https://vistka.example/search/"
    assert report.source_file == "https://vistka.example/news/2026/12/06/1/"
    assert (report.directive, report.blocked_uri, report.disposition) == (
        "script-src-elem",
        "inline",
        "enforce",
    )
    assert (report.line_number, report.column_number) == (12, 7)
    assert report.sample == "alert(1)[31m"
    assert report.user_agent == "Mozilla/5.0 (X11)"
    assert report.received_at is not None


@pytest.mark.django_db
def test_reporting_api_batches_keep_their_csp_violations_only():
    response = post(Client(enforce_csrf_checks=True), REPORTING_API, content_type="application/reports+json")
    assert response.status_code == 204
    report = ViolationReport.objects.get()
    assert report.document_uri == "https://vistka.example/en/"
    assert report.directive == "style-src-elem"
    assert report.blocked_uri == "https://evil.example/x.css"
    assert report.line_number == 3


@pytest.mark.django_db
def test_oversized_fields_are_cut_and_odd_values_dropped():
    long = "https://vistka.example/" + "a" * 5000
    payload = {
        "csp-report": {
            "document-uri": long,
            "effective-directive": "x" * 500,
            "blocked-uri": {"nested": "object"},
            "line-number": "-4",
            "column-number": 10**12,
            "script-sample": "s" * 1000,
        }
    }
    assert post(Client(), payload).status_code == 204
    report = ViolationReport.objects.get()
    assert len(report.document_uri) == 500 and len(report.directive) == 100 and len(report.sample) == 200
    assert report.blocked_uri == "" and report.line_number is None and report.column_number is None


@pytest.mark.django_db
def test_bodies_that_are_too_big_not_json_or_not_reports_are_refused():
    client = Client()
    big = json.dumps({"csp-report": {"script-sample": "x" * 20_000}})
    assert post(client, big).status_code == 413
    assert post(client, b"\xff not json").status_code == 400
    assert post(client, {"something": "else"}).status_code == 400
    assert post(client, CLASSIC, content_type="text/plain").status_code == 415
    assert client.get(URL).status_code == 405
    assert not ViolationReport.objects.exists()


@pytest.mark.django_db
def test_each_client_address_is_limited_per_minute_and_everyone_together_per_hour(settings):
    settings.POLICY_REPORTS_PER_CLIENT_MINUTE = 3
    settings.POLICY_REPORTS_PER_HOUR = 5
    client = Client()
    statuses = [post(client, CLASSIC, address="198.51.100.1").status_code for _ in range(5)]
    assert statuses == [204] * 5  # over the limit: dropped quietly (browsers would only retry)
    assert ViolationReport.objects.count() == 3
    post(client, CLASSIC, address="198.51.100.2")
    post(client, CLASSIC, address="198.51.100.2")
    post(client, CLASSIC, address="198.51.100.3")
    assert ViolationReport.objects.count() == 5  # the hour's bound, whoever sends


@pytest.mark.django_db
def test_one_body_cannot_carry_more_than_the_clients_share():
    batch = REPORTING_API[:1] * 30  # within the size limit
    post(Client(), batch, content_type="application/reports+json")
    assert ViolationReport.objects.count() == 20


@pytest.fixture
def reports():
    for i in range(3):
        ViolationReport.objects.create(
            directive="script-src-elem", blocked_uri=f"https://evil.example/{i}.js"
        )
    return list(ViolationReport.objects.all())


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(username=name, password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admins_read_the_reports_in_the_newsroom_and_nobody_edits_them(django_user_model, reports, settings):
    settings.TWO_FACTOR_REQUIRED_GROUPS = []
    admin = staff(django_user_model, "admin", roles.ADMINS)
    listing = admin.get("/admin/csp-reports/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "https://evil.example/2.js" in html
    assert "/admin/csp-reports/new/" not in html
    assert admin.get(f"/admin/csp-reports/inspect/{reports[0].pk}/").status_code == 200
    for path in ("/admin/csp-reports/new/", f"/admin/csp-reports/edit/{reports[0].pk}/"):
        assert admin.get(path).status_code == 404
    assert "/admin/csp-reports/" in admin.get("/admin/").content.decode()  # the settings menu

    editor = staff(django_user_model, "editor", roles.group_name(roles.EDITORS, "uk"))
    assert editor.get("/admin/csp-reports/").status_code in (302, 403)
    assert "/admin/csp-reports/" not in editor.get("/admin/").content.decode()
