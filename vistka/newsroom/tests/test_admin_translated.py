"""Budget: every admin page a reporter, an editor and a translator use, in Ukrainian, Russian and
English, shows no string in another language (issue 16).

Chromium signs in as each role in each admin language, opens the pages of a working day (dashboard,
story archive, a new story and a story under edit with every tab, side panel, chooser, block menu and
dialog, history, search, account settings, images, records) and reads the visible text
(vistka.newsroom.tests.admin_text). Whatever is found is written to
test-artifacts/admin-untranslated-<role>.json, per language and page.
"""

import json
import time
from collections import defaultdict
from contextlib import suppress

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import OperationalError
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from vistka.editions.languages import EDITIONS
from vistka.newsroom import roles
from vistka.newsroom.setup import REVIEW_NAMES
from vistka.newsroom.tests.admin_text import VISIBLE_TEXT_JS, untranslated_phrases
from vistka.newsroom.tests.helpers import prefer_admin_language
from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    archive_for,
)

SEARCHED = {"reporter": "міст", "editor": "трамваї", "translator": "bridge"}
EDITION_OF_ROLE = {"reporter": "uk", "editor": "uk", "translator": "en"}
PASSWORD = "pw"  # noqa: S105
LANGUAGES = ("uk", "ru", "en")

RECORD_NAMES = {
    "uk": {"section": "Економіка", "tag": "Інфляція", "author": "Олена Коваль", "source": "Укрінформ"},
    "ru": {"section": "Экономика", "tag": "Инфляция", "author": "Елена Коваль", "source": "Интерфакс"},
    "en": {"section": "Economy", "tag": "Inflation", "author": "Olena Koval", "source": "Ukrinform"},
}
PUBLISHED_TITLE = "Міст через Дніпро відкрили після ремонту"
IN_REVIEW_TITLE = "Трамваї повертаються на нічні маршрути"
TRANSLATION_TITLE = "Bridge over the Dnipro reopens after repairs"
IMAGE_TITLE = "Міст на світанку"
PUBLISHED_BODY = "Рух відновили."
IN_REVIEW_BODY = "Трамваї їздять."
TRANSLATION_BODY = "Traffic resumed."


def make_staff(django_user_model, username, role, edition):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.group_name(role, edition)))
    return user


@pytest.fixture
def newsroom(django_user_model):
    """A small newsroom: staff, the records of each edition, a published story with its English
    translation, a story awaiting review and an image."""
    staff = {
        "reporter": make_staff(django_user_model, "reporter-uk", roles.REPORTERS, "uk"),
        "editor": make_staff(django_user_model, "editor-uk", roles.EDITORS, "uk"),
        "translator": make_staff(django_user_model, "translator-en", roles.TRANSLATORS, "en"),
    }
    records = {}
    for code, names in RECORD_NAMES.items():
        records[code] = {
            "section": SectionFactory(edition=code, name=names["section"]),
            "tag": TagFactory(edition=code, name=names["tag"]),
            "author": AuthorFactory(edition=code, name=names["author"]),
            "source": SourceFactory(edition=code, name=names["source"]),
        }
    uk = records["uk"]
    published = ArticlePageFactory(
        title=PUBLISHED_TITLE,
        body=[("paragraph", f"<p>{PUBLISHED_BODY}</p>")],
        lead="Рух мостом відновили зранку.",
        section=uk["section"],
        authors=[uk["author"]],
        tags=[uk["tag"]],
        user=staff["editor"],
    )
    translation = published.copy_for_translation(archive_for("en").locale)
    translation.title = TRANSLATION_TITLE
    translation.lead = "Traffic resumed in the morning."
    translation.body = [("paragraph", RichText(f"<p>{TRANSLATION_BODY}</p>"))]
    translation.save_revision(user=staff["translator"])
    in_review = ArticlePageFactory(
        title=IN_REVIEW_TITLE,
        lead="Міська рада ухвалила розклад.",
        body=[("paragraph", f"<p>{IN_REVIEW_BODY}</p>")],
        state="draft",
        user=staff["reporter"],
    )
    in_review.get_workflow().start(in_review, staff["reporter"])
    Image.objects.create(title=IMAGE_TITLE, file=get_test_image_file(), uploaded_by_user=staff["reporter"])
    data_names = [
        PUBLISHED_TITLE,
        IN_REVIEW_TITLE,
        TRANSLATION_TITLE,
        IMAGE_TITLE,
        "Рух мостом відновили зранку.",
        "Traffic resumed in the morning.",
        "Міська рада ухвалила розклад.",
        PUBLISHED_BODY,
        IN_REVIEW_BODY,
        TRANSLATION_BODY,
        *(edition.archive_title for edition in EDITIONS),  # each edition's story folder, in its language
        "Root",  # the page tree's root, shown by the page chooser
        *SEARCHED.values(),  # echoed by "nothing matches …"
        *(user.username for user in staff.values()),
        *(name for names in RECORD_NAMES.values() for name in names.values()),
        *(record.slug for names in records.values() for record in names.values() if hasattr(record, "slug")),
        *(names["source"].url for names in records.values()),
        # The review workflow and its task are named in their edition's language (data, like the
        # titles): a Ukrainian reporter reading the admin in English still submits to the uk one.
        *(name for names in REVIEW_NAMES.values() for name in names),
    ]
    return {
        "staff": staff,
        "data_names": data_names,
        "stories": {
            "reporter": [published, in_review],
            "editor": [in_review],
            "translator": [translation],
        },
        "archives": {role: archive_for(code) for role, code in EDITION_OF_ROLE.items()},
        "search": SEARCHED,
    }


# --- reading pages --------------------------------------------------------------------------


class Reader:
    """Collects the untranslated phrases of every page and state a role sees in one language."""

    def __init__(self, page, base_url, language, data_names):
        self.page, self.base_url, self.language, self.data_names = page, base_url, language, data_names
        self.found = defaultdict(set)
        self.states = 0

    def read(self, where):
        text = self.page.evaluate(VISIBLE_TEXT_JS)
        self.states += 1
        for phrase in untranslated_phrases(text, self.language, self.data_names):
            self.found[phrase].add(where)

    def settle(self):
        # Not "networkidle": the editor pings its editing session and never goes quiet.
        with suppress(PlaywrightError):
            self.page.wait_for_load_state("load", timeout=5000)
        self.page.wait_for_timeout(400)

    def visit(self, where, path):
        response = self.page.goto(self.base_url + path)
        assert response.ok, (where, path, response.status)
        self.settle()
        self.read(where)

    def each_visible(self, selector):
        locator = self.page.locator(selector)
        return [locator.nth(i) for i in range(locator.count()) if locator.nth(i).is_visible()]

    def close_overlays(self):
        self.page.keyboard.press("Escape")
        self.page.wait_for_timeout(150)
        for close in self.each_visible(".modal.fade.in button.close, .modal.in [data-dismiss='modal']"):
            close.click()

    def open_and_read(self, where, trigger):
        try:
            trigger.scroll_into_view_if_needed(timeout=2000)
            trigger.click(timeout=3000)
        except PlaywrightError:  # a control covered by another one is read in its own state
            return
        self.settle()
        self.read(where)
        self.close_overlays()

    def edit_form(self, where, path):
        """An add or edit form: each tab, the footer's actions, each side panel, chooser and dialog,
        and the body's block menu."""
        self.visit(where, path)
        for tab in self.each_visible("[data-w-tabs-target='trigger'][role='tab']"):
            self.open_and_read(f"{where} › tab", tab)
            for chooser in self.each_visible(
                "[data-chooser-action-choose], [data-multiple-chooser-panel-open], "
                "button[data-w-action-param-type]"
            ):
                self.open_and_read(f"{where} › chooser", chooser)
            for block_menu in self.each_visible("button.c-sf-add-button")[:1]:
                self.open_and_read(f"{where} › block menu", block_menu)
        for toggle in self.each_visible("footer [data-w-dropdown-target='toggle']"):
            self.open_and_read(f"{where} › actions", toggle)
        for workflow_action in self.page.locator("footer button[data-workflow-action-url]").all():
            self.page.locator("footer [data-w-dropdown-target='toggle']").first.click()
            self.open_and_read(f"{where} › workflow dialog", workflow_action)
        for toggle in self.each_visible("[data-side-panel-toggle]"):
            self.open_and_read(f"{where} › side panel", toggle)
            for dialog in self.each_visible("[data-side-panel] [data-a11y-dialog-show]"):
                self.open_and_read(f"{where} › dialog", dialog)


def crawl(reader, newsroom, role):
    archive = newsroom["archives"][role]
    reader.visit("dashboard", "/admin/")
    reader.visit("story archive", f"/admin/pages/{archive.pk}/")
    reader.visit("search", f"/admin/pages/search/?q={newsroom['search'][role]}")
    reader.visit("account", "/admin/account/")
    reader.visit("story listing", "/admin/stories/")
    reader.visit("notifications", "/admin/notifications/")
    reader.visit("notification choices", "/admin/notifications/preferences/")
    reader.visit("images", "/admin/images/")
    reader.visit("image upload", "/admin/images/multiple/add/")
    image = Image.objects.get(title=IMAGE_TITLE)
    reader.visit("image", f"/admin/images/{image.pk}/")
    reader.visit("records", "/admin/snippets/")
    for model in ("taxonomy/section", "taxonomy/tag", "taxonomy/source", "people/author"):
        reader.visit(f"records {model}", f"/admin/snippets/{model}/")
    reader.visit("add tag", "/admin/snippets/taxonomy/tag/add/")
    reader.edit_form("new story", f"/admin/pages/add/stories/articlepage/{archive.pk}/")
    for story in newsroom["stories"][role]:
        reader.edit_form("story edit", f"/admin/pages/{story.pk}/edit/")
        reader.visit("history", f"/admin/pages/{story.pk}/history/")
        reader.visit("workflow history", f"/admin/pages/{story.pk}/workflow_history/")
        reader.visit("revisions", f"/admin/pages/{story.pk}/revisions/compare/earliest...latest/")


def retried(write, attempts=20):
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)
    return None


def write_report(artifacts, role, report):
    path = artifacts / f"admin-untranslated-{role}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1))


def signed_in_context(browser, base_url, user):
    """A browser context with the user's session (made by Django's test client: the sign-in form
    is not what this test measures, and on a loaded machine it was its slowest step)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    context.set_default_timeout(20_000)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    return context


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["reporter", "editor", "translator"])
def test_every_admin_page_staff_use_is_in_their_language(browser, live_server, newsroom, artifacts, role):
    """One role per test (the whole crawl took 8 minutes of one test process; parallel runs share
    it out)."""
    report = {}
    user = newsroom["staff"][role]
    for language in LANGUAGES:
        # The live server may still be answering the last context's pings (SQLite locks the table).
        retried(lambda: prefer_admin_language(user, language))  # noqa: B023
        context = retried(lambda: signed_in_context(browser, live_server.url, user))  # noqa: B023
        page = context.new_page()
        try:
            reader = Reader(page, live_server.url, language, newsroom["data_names"])
            crawl(reader, newsroom, role)
            page.goto(f"{live_server.url}/admin/pages/{newsroom['stories'][role][0].pk}/edit/")
            page.screenshot(path=str(artifacts / f"admin-{role}-{language}.png"))
            page.goto("about:blank")
        finally:
            context.close()
        report[f"{role} {language}"] = {
            "states read": reader.states,
            "untranslated": {phrase: sorted(where) for phrase, where in sorted(reader.found.items())},
        }
        write_report(artifacts, role, report)
    per_language = {
        language: len({p for key, r in report.items() if key.endswith(language) for p in r["untranslated"]})
        for language in LANGUAGES
    }
    print(f"untranslated phrases per language ({role}):", per_language)  # noqa: T201 (the budget's figure)
    assert per_language == dict.fromkeys(LANGUAGES, 0), json.dumps(report, ensure_ascii=False, indent=1)
