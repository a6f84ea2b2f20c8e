"""Values the story templates need, computed outside the model."""

from vistka.editions.languages import language_code_for_locale_id
from vistka.stories.models import ArticlePage


def edition_links(story):
    """{language code: URL} of the story's visible translations, itself included."""
    translations = (
        ArticlePage.objects.visible()
        .filter(translation_key=story.translation_key)
        .only("id", "kind", "story_number", "url_root", "first_published_at", "locale_id", "go_live_at")
    )
    return {language_code_for_locale_id(t.locale_id): t.canonical_path() for t in translations}
