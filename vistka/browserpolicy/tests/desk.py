"""The newsroom's main desk tasks, driven in the admin (English interface): dashboard, "New news
item" with every body block, an image upload, the page chooser, publishing, "Translate into …"."""

from playwright.sync_api import expect

BLOCKS = [
    "Paragraph",
    "Quote",
    "Background list",
    "Heading",
    "Image",
    "Gallery",
    "Embed (video, social post)",
    "Read also",
    "Table",
]


def log_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page.locator("main")).to_be_visible()


def block(page, index):
    """The body block at `index` (its container holds the hidden `body-<index>-type` field)."""
    return page.locator(f"[data-streamfield-child]:has(> input[name='body-{index}-type'])").first


def type_rich_text(page, scope, text):
    editor = scope.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.type(text)


def open_chooser(page, scope):
    """Clicks the chooser button in `scope` and returns its modal. Wagtail shows the modal only once
    the chooser's page has answered, and shows nothing at all when that answer fails; so the answer
    is awaited (in a full PostgreSQL run on a loaded machine no modal appeared within 15 s once) and
    a failed one is reported with its status and text rather than as a missing modal."""
    button = scope.locator("button[data-chooser-action-choose]").first
    expect(button).to_be_enabled(timeout=30_000)
    with page.expect_response(_a_chooser_page, timeout=60_000) as answer:
        button.click()
    response = answer.value
    assert response.ok, f"{response.url} answered {response.status}: {response.text()[:3000]}"
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible(timeout=30_000)
    return modal


def _a_chooser_page(response):
    return response.request.method == "GET" and "/choose" in response.url


def choose_image(page, scope, *, upload=None, title=""):
    modal = open_chooser(page, scope)
    if upload:
        modal.get_by_role("tab", name="Upload").click()
        modal.locator("input[type=file]").set_input_files(upload)
        modal.locator("input[name$=title]").fill(title)
        modal.locator("form[enctype] button[type=submit], form[enctype] input[type=submit]").first.click()
    else:
        modal.get_by_role("tab").first.click()  # the search tab (the upload tab may be open)
        modal.get_by_role("link", name=title).first.click()
    expect(modal).to_be_hidden(timeout=15_000)


def choose_page(page, scope, title):
    modal = open_chooser(page, scope)
    modal.locator("input[name=q]").fill(title)
    modal.get_by_role("link", name=title).first.click()
    expect(modal).to_be_hidden(timeout=15_000)


def file_news_item(page, base, *, headline, earlier_title, image_path, video_url):
    page.goto(f"{base}/admin/")
    expect(page.locator("main")).to_be_visible()
    page.locator('a[href="/newsroom/new-news-item/"]').first.click()
    page.wait_for_load_state()
    if not page.locator("#id_title").count():  # staff of several editions choose one first
        page.get_by_text("Українська", exact=True).click()
    page.fill("#id_title", headline)
    page.fill("#id_lead", "What happened, in one sentence.")
    for label in BLOCKS:
        page.locator(".c-sf-add-button").last.click()
        page.locator(".w-combobox__option").filter(has_text=label).first.click()
    # The house structure: 0 source line, 1 details, 2 background paragraph; then BLOCKS from 3.
    type_rich_text(page, block(page, 1), "Details of what happened.")
    type_rich_text(page, block(page, 3), "A paragraph of text.")
    page.fill("#body-4-value-text", "We agreed.")
    page.fill("#body-5-value-items-0-value-date", "2025-05-01")
    page.fill("#body-5-value-items-0-value-text", "It began earlier.")
    page.fill("#body-6-value", "A heading")
    choose_image(page, block(page, 7), upload=image_path, title="Bridge at dawn")
    gallery = block(page, 8)
    gallery.locator(".c-sf-add-button").last.click()
    for i in (0, 1):
        item = page.locator(f"[data-streamfield-child]:has(> input[name='body-8-value-images-{i}-type'])")
        choose_image(page, item, title="Bridge at dawn")
    page.fill("#body-9-value", video_url)
    choose_page(page, block(page, 10), earlier_title)
    page.select_option("#body-11-value-table-header-choice", "row")
    block(page, 11).locator("td").first.dblclick()
    page.keyboard.type("cell")
    page.keyboard.press("Enter")


def publish(page):
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.locator("footer button[name='action-publish']").click()
    page.wait_for_load_state()


def preview(page, base, story_id, headline):
    """Opens the story and its preview panel: the reader page, framed by the admin."""
    page.goto(f"{base}/admin/pages/{story_id}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(headline, timeout=15_000)


def open_translate_button(page, base, story_id, edition_name):
    """Opens the story and the header's actions, where "Translate into …" is offered."""
    page.goto(f"{base}/admin/pages/{story_id}/edit/")
    page.locator("header [data-w-dropdown-target='toggle']").first.click()
    button = page.get_by_role("button", name=f"Translate into {edition_name}")
    expect(button).to_be_visible()
    return button
