"""The demo's reporters and editors file with a byline of their own (the filing form pre-fills the
author linked to the account; the demo's accounts had none, so the demo never showed it)."""

import io

import pytest
from django.core.management import call_command

from vistka.people.models import Author
from vistka.stories.factories import AuthorFactory


@pytest.mark.django_db
def test_demo_reporters_and_editors_get_a_byline_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    AuthorFactory(name="Олена Коваль", slug="olena-koval")
    AuthorFactory(name="Петро Бондар", slug="petro-bondar")
    call_command("create_demo_accounts", stdout=io.StringIO())
    linked = dict(Author.objects.filter(user__isnull=False).values_list("user__username", "name"))
    assert linked == {"reporter-uk": "Олена Коваль", "editor-uk": "Петро Бондар"}
    call_command("create_demo_accounts", stdout=io.StringIO())  # a second run keeps them
    assert dict(Author.objects.filter(user__isnull=False).values_list("user__username", "name")) == linked
