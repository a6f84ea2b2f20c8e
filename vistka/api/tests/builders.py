"""Builders for the API tests: stories in every state, images, rich bodies."""

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    add_live_entry,
)
from vistka.stories.kinds import Kind
from vistka.stories.models import ArticlePage, Correction

BASE_URL = "https://vistka.test"
API = "/api/v1"
# 28 May 2025, 12:00 in Kyiv (UTC+3 in summer).
NOON_KYIV = datetime(2025, 5, 28, 9, 0, tzinfo=UTC)
HIDDEN_STATES = ["draft", "scheduled", "unpublished", "private_login", "private_password", "private_groups"]


def at(hours=0, minutes=0, days=0):
    return NOON_KYIV + timedelta(days=days, hours=hours, minutes=minutes)


def story(**kwargs):
    """A story brought to its state by the factory, re-read as the API will see it."""
    page = ArticlePageFactory(**kwargs)
    return ArticlePage.objects.get(pk=page.pk)


def translation_of(page, edition):
    return ArticlePage.objects.get(translation_key=page.translation_key, locale__language_code=edition)


def hidden_story(state, **kwargs):
    """A story in one of HIDDEN_STATES. A scheduled one goes live in five hours, whatever
    `published_at` says."""
    if state == "scheduled":
        kwargs["published_at"] = timezone.now() + timedelta(hours=5)
    if state in ("draft", "scheduled"):
        return story(state=state, **kwargs)
    page = story(**kwargs)
    if state == "unpublished":
        page.unpublish()
    elif state == "private_login":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif state == "private_password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
        )
    elif state == "private_groups":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.all()[:1])
    else:
        raise ValueError(state)
    return ArticlePage.objects.get(pk=page.pk)


def jpeg_image(title="Photo", size=(1600, 900), color=(180, 40, 40), description=""):
    buffer = BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG", quality=60)
    buffer.seek(0)
    return get_image_model().objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg"),
    )


def rich_body(edition, visible_target, hidden_target, image):
    """One block of every type, with links to a visible and to a hidden story."""
    return [
        (
            "source",
            {
                "source": SourceFactory(edition=edition, name="Agency", qualifier="state-owned"),
                "note": "on X",
            },
        ),
        ("paragraph", RichText("<p>First <b>paragraph</b>.</p>")),
        ("labelled", {"label": "details", "text": RichText("<p>Details here.</p>")}),
        ("quote", {"text": "We will see.", "attribution": "A minister"}),
        (
            "background",
            {
                "items": [
                    {"date": date(2025, 5, 1), "text": "Visible event", "story": visible_target},
                    {"date": date(2025, 5, 2), "text": "Hidden event", "story": hidden_target},
                    {"date": date(2025, 5, 3), "text": "Unlinked event", "story": None},
                ]
            },
        ),
        ("heading", "A heading"),
        ("image", {"image": image, "alt": "Body alt", "caption": "Body caption", "credit": "Body credit"}),
        (
            "gallery",
            {
                "images": [
                    {"image": image, "alt": "", "caption": "One", "credit": ""},
                    {"image": image, "alt": "Two alt", "caption": "Two", "credit": "C"},
                ]
            },
        ),
        ("read_also", {"story": visible_target, "text": ""}),
        ("read_also", {"story": hidden_target, "text": "Secret link text"}),
        ("table", {"data": [["a", "b"], ["1", "2"]], "first_row_is_table_header": True}),
    ]


def records(edition="uk", tags=2, authors=2):
    return {
        "section": SectionFactory(edition=edition),
        "tags": [TagFactory(edition=edition) for _ in range(tags)],
        "authors": [AuthorFactory(edition=edition) for _ in range(authors)],
    }


def full_story(edition="uk", image=None, **kwargs):
    """A story with section, tags, authors and a lead image."""
    found = records(edition)
    return story(
        edition=edition,
        section=found["section"],
        tags=found["tags"],
        authors=found["authors"],
        lead_image=image or jpeg_image(),
        lead_image_alt="Lead alt",
        lead_image_caption="Lead caption",
        lead_image_credit="Lead credit",
        **kwargs,
    )


def live_story(**kwargs):
    page = story(kind=Kind.LIVE, **kwargs)
    for minutes in (10, 30, 20):
        add_live_entry(page, f"Entry at {minutes}", f"<p>Text {minutes}</p>", posted_at=at(minutes=minutes))
    return page


def corrected(page, *notes):
    for i, note in enumerate(notes):
        Correction.objects.create(page=page, note=note, made_at=at(hours=2 + i), type="correction")
    return page


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    return response, response.json()
