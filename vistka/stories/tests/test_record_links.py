"""A byline or a tag never disappears from stories because its record was deleted: the admin
refuses such a deletion with the stories named (vistka.taxonomy), and the database refuses it
for any other code too."""

import pytest
from django.db.models import ProtectedError

from vistka.people.models import Author
from vistka.stories.factories import ArticlePageFactory, AuthorFactory, TagFactory
from vistka.taxonomy.models import Tag

pytestmark = pytest.mark.django_db


def test_deleting_an_author_with_a_byline_is_refused():
    author = AuthorFactory(name="Olena Koval")
    story = ArticlePageFactory(title="Bridge reopens", authors=[author])

    with pytest.raises(ProtectedError):
        author.delete()

    assert Author.objects.filter(pk=author.pk).exists()
    assert [link.author for link in story.story_authors.all()] == [author]


def test_deleting_a_tag_stories_carry_is_refused():
    tag = TagFactory(name="Transport")
    ArticlePageFactory(title="Trams return", tags=[tag])

    with pytest.raises(ProtectedError):
        tag.delete()
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_deleting_a_story_still_removes_its_links_and_keeps_the_records():
    author, tag = AuthorFactory(name="Ivan Petrenko"), TagFactory(name="Energy")
    story = ArticlePageFactory(title="Power restored", authors=[author], tags=[tag])

    story.delete()

    assert Author.objects.filter(pk=author.pk).exists() and Tag.objects.filter(pk=tag.pk).exists()
    assert not author.story_links.exists() and not tag.story_links.exists()
    author.delete()  # no longer used: free to go


def test_a_photo_a_story_leads_with_cannot_be_deleted_in_the_admin():
    """Wagtail's delete view reads the reference index: with PROTECT it refuses and names the use
    (a reporter could delete their own upload after it had gone out in a published story)."""
    from wagtail.images import get_image_model

    from vistka.newsroom import roles
    from vistka.newsroom.tests.helpers import client_for, make_staff
    from vistka.reader.tests.builders import jpeg_image

    photo = jpeg_image("Flooded street")
    reporter = make_staff("olena", (roles.REPORTERS, "uk"))
    photo.uploaded_by_user = reporter
    photo.save()
    ArticlePageFactory(title="Flood in the old town", lead_image=photo)
    staff = client_for(reporter)

    page = staff.get(f"/admin/images/{photo.pk}/delete/")
    staff.post(f"/admin/images/{photo.pk}/delete/")

    assert get_image_model().objects.filter(pk=photo.pk).exists()
    assert page.status_code == 200
    assert "is_protected" in (page.context or {}) and page.context["is_protected"], "no refusal shown"
    with pytest.raises(ProtectedError):
        photo.delete()
