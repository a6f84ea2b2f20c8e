"""A uk/ru/en Polylang site imported once (module fixture), then checked from every side."""

import pytest
from django.core.management import call_command

from vistka.newsroom.tests.helpers import rolled_back
from vistka.stories.models import ArticlePage
from vistka.wordpress.models import ImportedObject
from vistka.wordpress.tests.import_sites import polylang_site, polylang_uploads


def story_of(ref):
    entry = ImportedObject.objects.get(kind="post", wp_id=str(ref.id))
    return ArticlePage.objects.get(pk=entry.object_id)


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("polylang")
    site, refs = polylang_site()
    export = site.write(tmp_path / "site.xml")
    uploads = polylang_uploads(tmp_path)
    with rolled_back(django_db_blocker):
        from io import StringIO

        out, err = StringIO(), StringIO()
        call_command("import_wordpress", str(export), "--uploads", str(uploads), stdout=out, stderr=err)
        yield {"refs": refs, "report": out.getvalue(), "export": export, "uploads": uploads}


@pytest.mark.django_db
def test_translations_share_a_story_number(imported):
    refs = imported["refs"]
    uk, ru, en = (story_of(refs[code]) for code in ("uk", "ru", "en"))
    assert (uk.locale.language_code, ru.locale.language_code, en.locale.language_code) == ("uk", "ru", "en")
    assert uk.story_number == ru.story_number == en.story_number
    assert uk.translation_key == ru.translation_key == en.translation_key
    assert uk.live and ru.live and en.live
