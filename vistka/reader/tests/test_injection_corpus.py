"""The injection corpus: hostile text typed by staff through the real admin forms into every field
of stories and records, then every reader page opened in Chromium and every feed, sitemap,
JSON-LD block and API answer parsed.

Each payload (tests/data/injection_payloads.json, written for the project) calls pwn(N) if it ever
runs. A page counts as broken into when Chromium calls pwn, opens a dialog, or its DOM holds an
element the payload brought (an on* attribute, a script, frame, object, embed, base or meta
refresh carrying "pwn"): the DOM check holds even where the Content-Security-Policy would stop a
script, so escaping is tested on its own. An output counts as broken when it does not parse.
"""

import json
import time
from io import BytesIO
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import add_url, client_for, make_staff, story_form_data
from vistka.people.models import Author
from vistka.stories.models import ArticlePage
from vistka.taxonomy.models import Section, Source, Tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = json.loads((Path(__file__).parent / "data" / "injection_payloads.json").read_text())["payloads"]

# Runs in every page before its own scripts: counts calls and anything the payloads brought.
PROBE = """
window.__pwned = [];
window.pwn = (n) => window.__pwned.push(n);
window.alert = window.confirm = window.prompt = (n) => window.__pwned.push('dialog:' + n);
"""
INJECTED_ELEMENTS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + '[' + attr.name + ']');
      const url = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster'].includes(attr.name);
      if (url && /^\\s*(javascript|data):/i.test(attr.value) && /pwn/.test(attr.value))
        found.push(el.tagName + '[' + attr.name + '=' + attr.value + ']');
    }
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || '').toLowerCase();
    const runs = tag === 'script' && (!type || type.includes('javascript') || type === 'module');
    if ((runs && /pwn/.test(el.textContent + (el.src || '')))
        || (tag === 'meta' && el.hasAttribute('http-equiv') && /pwn/.test(el.content))
        || (['iframe', 'object', 'embed', 'base', 'svg', 'math', 'style'].includes(tag)
            && /pwn/.test(el.outerHTML))) found.push(tag);
  }
  return found;
}"""


def admin_post(client, url, data, **extra):
    response = client.post(url, data, **extra)
    assert response.status_code in (200, 302), (url, response.status_code)
    if response.status_code == 200:  # the form came back with errors
        errors = WagtailTestUtils.get_soup(response.content).select(
            ".error-message, .help-critical, .w-field__errors"
        )
        raise AssertionError(f"{url} refused {data}: {[e.get_text(' ', strip=True) for e in errors]}")
    return response


def upload_image(client, title):
    buffer = BytesIO()
    PILImage.new("RGB", (320, 200), (40, 90, 160)).save(buffer, "JPEG", quality=70)
    upload = SimpleUploadedFile("hostile.jpg", buffer.getvalue(), content_type="image/jpeg")
    admin_post(client, "/admin/images/add/", {"title": title, "file": upload, "tags": ""})
    return get_image_model().objects.latest("pk")


def file_everything(client, n, payload, image):
    """Records and a published story through the admin forms, the payload in every text field."""
    if "\x00" in payload:
        # Django's form fields refuse NUL with a message; the rest of the payload is filed.
        response = client.post(
            "/admin/snippets/taxonomy/tag/add/?locale=uk", {"name": payload, "slug": "nul"}
        )
        assert response.status_code == 200 and not Tag.objects.filter(slug="nul").exists()
        payload = payload.replace("\x00", "")
    admin_post(
        client, "/admin/snippets/taxonomy/tag/add/?locale=uk", {"name": f"T{n} {payload}", "slug": f"t{n}"}
    )
    admin_post(
        client,
        "/admin/snippets/taxonomy/section/add/?locale=uk",
        {"name": f"S{n} {payload}", "slug": f"s{n}", "sort_order": "100", "description": f"D{n} {payload}"},
    )
    admin_post(
        client,
        "/admin/snippets/people/author/add/?locale=uk",
        {
            "name": f"A{n} {payload}",
            "slug": f"a{n}",
            "role": f"R{n} {payload}",
            "bio": f"B{n} {payload}",
            "photo": "",
        },
    )
    admin_post(
        client,
        "/admin/snippets/taxonomy/source/add/?locale=uk",
        {"name": f"O{n} {payload}", "qualifier": f"Q{n} {payload}", "url": "", "slug": f"o{n}"},
    )
    tag, section = Tag.objects.get(slug=f"t{n}"), Section.objects.get(slug=f"s{n}")
    author, source = Author.objects.get(slug=f"a{n}"), Source.objects.get(slug=f"o{n}")
    data = story_form_data(
        title=f"H{n} {payload}",
        lead=f"L{n} {payload}",
        body=[
            ("source", {"source": source, "note": f"N{n} {payload}"}),
            ("paragraph", f"<p>P{n} {escape(payload)}</p>"),
            ("heading", f"G{n} {payload}"),
        ],
        authors=[author],
        tags=[tag],
        section=section,
        lead_image=str(image.pk),
        lead_image_alt=f"I{n} {payload}",
        lead_image_caption=f"C{n} {payload}",
        lead_image_credit=f"K{n} {payload}",
        seo_title=f"E{n} {payload}",
        search_description=f"M{n} {payload}",
        **{"action-publish": "1"},
    )
    admin_post(client, add_url("uk"), data)
    page = ArticlePage.objects.get(title__startswith=f"H{n} ")
    assert page.live, n
    return page


def visit(browser_page, url, failures, counts):
    response = browser_page.goto(url)
    counts["html"] += 1
    if response is None or response.status != 200:
        failures.append(f"{url}: status {response and response.status}")
        return
    pwned = browser_page.evaluate("window.__pwned")
    injected = browser_page.evaluate(INJECTED_ELEMENTS)
    if pwned or injected:
        failures.append(f"{url}: ran {pwned}, injected {injected[:5]}")
    for block in browser_page.locator('script[type="application/ld+json"]').all_text_contents():
        counts["json-ld"] += 1
        try:
            json.loads(block)
        except ValueError as error:
            failures.append(f"{url}: JSON-LD does not parse ({error})")


def fetch_xml(client, url, failures, counts):
    response = client.get(url)
    counts["xml"] += 1
    if response.status_code != 200:
        failures.append(f"{url}: status {response.status_code}")
        return None
    try:
        return ET.fromstring(response.content)
    except ET.ParseError as error:
        failures.append(f"{url}: not well-formed ({error})")
        return None


def fetch_json(client, url, failures, counts):
    response = client.get(url)
    counts["json"] += 1
    if response.status_code != 200:
        failures.append(f"{url}: status {response.status_code}")
        return None
    try:
        return json.loads(response.content)
    except ValueError as error:
        failures.append(f"{url}: JSON does not parse ({error})")
        return None


def test_hostile_text_in_every_field_never_runs_and_breaks_no_output(browser, live_server, client):
    assert len(PAYLOADS) >= 40
    editor = make_staff("corpus-editor", (roles.EDITORS, "uk"))
    staff = client_for(editor)
    started = time.monotonic()
    image = upload_image(staff, f"Image {PAYLOADS[0]}")
    stories = [file_everything(staff, n, payload, image) for n, payload in enumerate(PAYLOADS, 1)]
    filed = time.monotonic() - started

    failures, counts = [], {"html": 0, "json-ld": 0, "xml": 0, "json": 0}
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    page.on("dialog", lambda dialog: (failures.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    base = live_server.url
    lists = ["/", "/all/", "/news/"]
    for n, story in enumerate(stories, 1):
        path = story.url
        lists += [f"/sections/s{n}/", f"/tags/t{n}/", f"/authors/a{n}/"]
        visit(page, base + path, failures, counts)
        visit(page, f"{base}/search/?q=H{n}", failures, counts)
    for path in lists:
        visit(page, base + path, failures, counts)
    # A reader may type the payloads into the search box too.
    for payload in PAYLOADS:
        page.goto(base + "/search/")
        page.fill('input[name="q"]', payload)
        page.press('input[name="q"]', "Enter")
        page.wait_for_load_state()
        counts["html"] += 1
        if page.evaluate("window.__pwned") or page.evaluate(INJECTED_ELEMENTS):
            failures.append(f"search box: {payload!r} ran or injected")
    context.close()

    feeds = ["/rss/", "/atom/", "/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/pages.xml"]
    for n in range(1, len(PAYLOADS) + 1):
        feeds += [
            f"/{scope}/{slug}{n}/{fmt}/"
            for scope, slug in (("sections", "s"), ("tags", "t"), ("authors", "a"))
            for fmt in ("rss", "atom")
        ]
    titles = []
    for url in feeds:
        root = fetch_xml(client, url, failures, counts)
        if root is not None and url == "/rss/":
            titles = [item.findtext("title") for item in root.iter("item")]
    assert len(titles) >= min(20, len(PAYLOADS)), titles  # the feed really carried the stories
    for url in [
        "/json/",
        "/api/v1/articles?edition=uk",
        "/api/v1/tags?edition=uk",
        "/api/v1/authors?edition=uk",
        "/api/v1/sections?edition=uk",
    ]:
        fetch_json(client, url, failures, counts)
    for story in stories:
        fetch_json(client, f"/api/v1/articles/uk/{story.story_number}", failures, counts)
        for month_sitemap in {f"/sitemaps/stories-{story.first_published_at:%Y-%m}.xml"}:
            fetch_xml(client, month_sitemap, failures, counts)

    summary = (
        f"\ninjection corpus: {len(PAYLOADS)} payloads x 18 fields filed through the admin in {filed:.1f} s; "
        f"{counts['html']} pages in Chromium, {counts['json-ld']} JSON-LD blocks, {counts['xml']} XML "
        f"and {counts['json']} JSON answers; {len(failures)} failures"
    )
    print(summary)  # noqa: T201
    assert not failures, "\n".join(failures[:40])
