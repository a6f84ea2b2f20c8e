"""The policies' headers: reader pages share one policy with no nonce (cached whole: by the fast path
with its headers, by Varnish), staff pages get a fresh nonce that every inline script carries, and
copies served by the fast path and by Varnish keep the headers Django sent."""

import base64
import hashlib
import re

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string

from vistka.browserpolicy import policies
from vistka.browserpolicy.tests.policy import directives, inline_scripts
from vistka.delivery.tests.harness import fetch
from vistka.newsroom import roles
from vistka.stories.factories import ArticlePageFactory, add_live_entry
from vistka.stories.kinds import Kind

CSP = "Content-Security-Policy"
UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:", "data:")


def assert_strict_scripts(policy):
    for directive in ("script-src", "default-src", "object-src", "base-uri"):
        assert directive in policy, directive
    assert not set(UNSAFE) & set(policy["script-src"]), policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "frame-ancestors" in policy
    assert policy["report-uri"] == ["/_csp-report/"]


@pytest.mark.django_db
def test_reader_pages_share_one_strict_policy_without_a_nonce(client):
    story = ArticlePageFactory(title="Roadworks on the ring road")
    responses = [client.get(path) for path in ("/", story.url, "/search/?q=roadworks", "/ru/", "/nowhere/")]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 404]
    headers = {r[CSP] for r in responses} | {client.get("/")[CSP]}
    assert len(headers) == 1, headers  # the same for every page and every request: cacheable
    policy = directives(headers.pop())
    assert_strict_scripts(policy)
    assert policy["script-src"] == ["'self'", "'report-sample'"]
    assert not [source for source in sum(policy.values(), []) if source.startswith("'nonce-")]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-src"] == [
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]
    for response in responses:
        features = response["Permissions-Policy"]
        for denied in (
            "camera=()",
            "microphone=()",
            "geolocation=()",
            "payment=()",
            "usb=()",
            "browsing-topics=()",
        ):
            assert denied in features
        assert "Reporting-Endpoints" not in response  # http: report-uri only (see the next test)


@pytest.mark.django_db
def test_a_site_served_over_https_also_asks_for_reporting_api_reports(client, settings):
    settings.POLICY_REPORT_TO = True
    response = client.get("/")
    assert directives(response[CSP])["report-to"] == ["csp"]
    assert response["Reporting-Endpoints"] == 'csp="/_csp-report/"'


def test_the_self_contained_500_page_is_allowed_by_the_hash_of_its_style():
    html = render_to_string("500.html")
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policies.reader_directives()["style-src"]
    assert f"'sha256-{digest}'" in policies.staff_directives()["style-src-elem"] or (
        "'unsafe-inline'" in policies.staff_directives()["style-src-elem"]
    )
    assert not inline_scripts(html)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=roles.group_name(roles.EDITORS, "uk")))
    return user


@pytest.mark.django_db
def test_staff_pages_get_a_fresh_nonce_that_every_inline_script_carries(client, editor, settings):
    """The story editor renders Wagtail's remaining inline scripts: the choosers' (image, snippet,
    page), the inline panels' (authors, tags, corrections, live entries) and the date pickers'."""
    settings.TWO_FACTOR_REQUIRED_GROUPS = []
    story = ArticlePageFactory(kind=Kind.LIVE, correction_note="A figure was wrong.")
    add_live_entry(story, "First entry", "Text")
    client.force_login(editor)
    nonces = set()
    for path in (f"/admin/pages/{story.pk}/edit/", f"/admin/pages/{story.pk}/edit/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 200
        policy = directives(response[CSP])
        assert_strict_scripts(policy)
        assert policy["frame-ancestors"] == ["'self'"]
        html = response.content.decode()
        scripts = inline_scripts(html)
        # django-csp adds the nonce once a template asked for it (a page without inline scripts has none)
        nonce = "".join(s[7:-1] for s in policy["script-src"] if s.startswith("'nonce-"))
        assert bool(nonce) == bool(scripts), path
        nonces.add(nonce)
        assert all(f'nonce="{nonce}"' in attributes for attributes, _ in scripts), [
            body[:80] for attributes, body in scripts if f'nonce="{nonce}"' not in attributes
        ]
        if "/edit/" in path:
            bodies = " ".join(body for _, body in scripts)
            for initialiser in (
                "new ImageChooser",
                "new SnippetChooser",
                "new InlinePanel",
                "initDateTimeChooser",
            ):
                assert initialiser in bodies, initialiser
    assert len(nonces) == 3  # one per response (the dashboard's is empty)


@pytest.mark.django_db
def test_the_login_page_and_the_report_list_are_staff_pages(client):
    policy = directives(client.get("/admin/login/")[CSP])
    assert_strict_scripts(policy)
    assert "'unsafe-inline'" not in policy["style-src"]


def test_copies_served_by_the_fast_path_keep_the_headers(app):
    ArticlePageFactory(title="Bridge reopens after repairs")
    first = fetch(app.url, "/", headers={"Accept-Encoding": "br"})
    second = fetch(app.url, "/", headers={"Accept-Encoding": "gzip"})
    third = fetch(app.url, "/")
    assert [r.x_cache for r in (first, second, third)] == ["MISS", "HIT", "HIT"]
    assert second.header("Content-Encoding") == "gzip"
    for response in (first, second, third):
        assert response.header(CSP) == first.header(CSP)
        assert_strict_scripts(directives(response.header(CSP)))
        assert "camera=()" in response.header("Permissions-Policy")
    revalidated = fetch(app.url, "/", headers={"If-None-Match": third.header("ETag")})
    assert revalidated.status == 304
    assert revalidated.header(CSP) == first.header(CSP)


def test_copies_served_by_varnish_keep_the_headers(varnish, app):
    ArticlePageFactory(title="Bridge reopens after repairs")
    first, second = fetch(varnish.url, "/"), fetch(varnish.url, "/")
    assert (first.x_cache, second.x_cache) == ("MISS", "HIT")
    for response in (first, second):
        assert_strict_scripts(directives(response.header(CSP)))
        assert response.header(CSP) == first.header(CSP)
        assert "camera=()" in response.header("Permissions-Policy")


def test_the_settings_are_not_mistaken_for_django_csps_old_format():
    from csp.checks import check_django_csp_lt_4_0

    assert check_django_csp_lt_4_0(None) == []
