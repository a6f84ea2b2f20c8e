import pytest

from vistka.stories.factories import ArticlePageFactory


@pytest.mark.django_db
def test_published_story_is_served_at_its_dated_url(client):
    story = ArticlePageFactory(title="A bridge reopens in Chernihiv")
    response = client.get(story.url)
    assert response.status_code == 200
    assert "A bridge reopens in Chernihiv" in response.text
