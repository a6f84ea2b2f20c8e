"""The newsroom under the staff policy, in Chromium: an editor goes through the desk's main tasks
(dashboard, "New news item" with every body block, an image upload, the page chooser, publishing,
the preview panel, "Translate into …") and nothing is blocked."""

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from wagtail.users.models import UserProfile

from vistka.browserpolicy.models import ViolationReport
from vistka.browserpolicy.tests import desk
from vistka.browserpolicy.tests.browsing import Watcher
from vistka.browserpolicy.tests.test_browser_reader import VIDEO, youtube_embed
from vistka.newsroom import roles
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # noqa: S105
HEADLINE = "Bridge over the Dnipro reopens"


@pytest.fixture
def editor(django_user_model, settings):
    # The second factor (vistka.twofactor) is not what this test is about: no enrolment first.
    settings.TWO_FACTOR_REQUIRED_GROUPS = []
    # Autosave every 500 ms races the image upload for the live server's in-memory SQLite database
    # ("database table is locked": shared-cache table locks ignore the busy timeout).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    user = django_user_model.objects.create_user(username="editor", password=PASSWORD)
    user.groups.add(
        Group.objects.get(name=roles.group_name(roles.EDITORS, "uk")),
        Group.objects.get(name=roles.group_name(roles.TRANSLATORS, "en")),
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the selectors below read English labels
    profile.save()
    return user


def test_an_editor_files_and_publishes_a_story_with_nothing_blocked(
    browser, live_server, editor, tmp_path, artifacts
):
    earlier = ArticlePageFactory(title="Earlier: talks on the bridge")
    youtube_embed()
    picture = tmp_path / "bridge.jpg"
    Image.new("RGB", (320, 200), (20, 90, 160)).save(picture, "JPEG")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context)
    page = context.new_page()
    try:
        desk.log_in(page, live_server.url, "editor", PASSWORD)
        watcher.collect(page)
        desk.file_news_item(
            page,
            live_server.url,
            headline=HEADLINE,
            earlier_title=earlier.title,
            image_path=str(picture),
            video_url=VIDEO,
        )
        watcher.collect(page)
        desk.publish(page)
        watcher.collect(page)
        story = ArticlePage.objects.get(title=HEADLINE)
        assert story.live
        kinds = [block.block_type for block in story.body]
        assert set(kinds) >= {*story.body.stream_block.child_blocks} - {"source"}, kinds
        desk.preview(page, live_server.url, story.pk, HEADLINE)
        watcher.collect(page)
        desk.open_translate_button(page, live_server.url, story.pk, "English")
        watcher.collect(page)
    finally:
        page.screenshot(path=str(artifacts / "browserpolicy-newsroom.png"), full_page=True)
        context.close()

    assert watcher.clean, watcher.report()
    assert not ViolationReport.objects.exists()
