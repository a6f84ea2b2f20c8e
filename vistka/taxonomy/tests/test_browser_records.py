"""In Debian's Chromium: the story editor's author chooser offers the story's edition's authors
only, and deleting an author with a byline is refused in the editor's Ukrainian."""

import pytest
from playwright.sync_api import expect

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import make_staff
from vistka.stories.factories import ArticlePageFactory, AuthorFactory

PASSWORD = "pw"  # noqa: S105 (make_staff's)


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("main")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_story_chooser_and_refused_deletion_in_the_browser(browser, live_server, artifacts):
    make_staff("editor-uk", (roles.EDITORS, "uk"))
    ours = AuthorFactory(edition="uk", name="Олена Коваль", slug="olena-koval")
    AuthorFactory(edition="uk", name="Тарас Мельник", slug="taras-melnyk")
    AuthorFactory(edition="ru", name="Иван Петров", slug="ivan-petrov")
    story = ArticlePageFactory(edition="uk", title="Новина з підписом", authors=[ours], state="draft")

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, live_server, "editor-uk")
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.locator("#id_story_authors-OPEN_MODAL").click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_text("Тарас Мельник")).to_be_visible()
    expect(modal.get_by_text("Иван Петров")).to_have_count(0)
    expect(modal.get_by_label("Мовна версія")).to_have_value("uk")  # the story's edition, named so
    assert modal.get_by_label("Мовна версія").locator("option").all_inner_texts() == ["Усі", "Українська"]
    page.screenshot(path=str(artifacts / "records-author-chooser.png"))

    page.goto(f"{live_server.url}/admin/snippets/people/author/delete/{ours.pk}/")
    expect(
        page.get_by_text("«Олена Коваль» використовується у 1 матеріалі: «Новина з підписом».")
    ).to_be_visible()
    page.screenshot(path=str(artifacts / "records-delete-refused.png"), full_page=True)
    assert type(ours).objects.filter(pk=ours.pk).exists()
