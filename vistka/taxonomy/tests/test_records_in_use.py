"""Deleting a record that stories use is refused with the stories named (before, deleting a
Russian author took the byline off every Russian story silently); record changes are in the
audit trail with their values before and after; an edition's permissions come only from that
edition's groups; new records land in the user's edition."""

import pytest
from django.contrib.messages import get_messages

from vistka.audit.models import AuditEvent
from vistka.newsroom import roles
from vistka.newsroom.record_permissions import user_editions
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language
from vistka.people.models import Author
from vistka.stories.factories import ArticlePageFactory, locale
from vistka.stories.models import ArticleAuthor
from vistka.taxonomy.models import Section, Source, Tag
from vistka.taxonomy.tests.records_helpers import (
    admin_path,
    bulk_delete_path,
    denied,
    exists,
    form_data,
    make_record,
    offered_by_chooser,
)


def messages_of(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.fixture
def editor_ru(db):
    return make_staff("editor-ru", (roles.EDITORS, "ru"))


def story_using(kind, record):
    if kind == "author":
        return ArticlePageFactory(edition="ru", title="Байлайн на месте", authors=[record])
    if kind == "tag":
        return ArticlePageFactory(edition="ru", title="Тег на месте", tags=[record])
    if kind == "section":
        return ArticlePageFactory(edition="ru", title="Рубрика на месте", section=record)
    body = [("source", {"source": record, "note": ""}), ("paragraph", "<p>Текст.</p>")]
    return ArticlePageFactory(edition="ru", title="Источник на месте", body=body)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["author", "tag", "section", "source"])
@pytest.mark.parametrize("how", ["delete", "bulk-delete"])
def test_deleting_a_record_stories_use_is_refused_naming_the_stories(editor_ru, kind, how):
    record = make_record(kind, "ru")
    story = story_using(kind, record)
    ArticlePageFactory(edition="ru", title="Другая новость")  # not using it: not named
    client = client_for(prefer_admin_language(editor_ru, "ru"))
    url = f"{admin_path(kind)}delete/{record.pk}/" if how == "delete" else bulk_delete_path(kind, record.pk)

    shown = client.get(url)  # the confirmation screen already refuses
    assert shown.status_code == 302
    response = client.post(url)
    assert response.status_code == 302
    assert exists(record)
    text = messages_of(response)
    assert f"«{story.title}»" in text and "Другая новость" not in text
    assert "используется в 1 материале" in text, text
    if kind == "author":
        assert ArticleAuthor.objects.filter(page=story, author=record).exists()


@pytest.mark.django_db
def test_a_record_no_story_uses_is_deleted_and_the_deletion_is_audited(editor_ru):
    author = make_record("author", "ru", name="Иван Петров")
    response = client_for(editor_ru).post(f"{admin_path('author')}delete/{author.pk}/")
    assert response.status_code == 302 and not exists(author)
    event = AuditEvent.objects.get(action="records.deleted")
    assert (event.object_type, event.object_id, event.edition) == ("people.author", str(author.pk), "ru")
    assert event.actor == editor_ru and event.data["before"]["name"] == "Иван Петров"


@pytest.mark.django_db
def test_record_changes_are_audited_with_values_before_and_after(editor_ru):
    source = make_record("source", "ru", name="ТАСС", url="https://tass.ru/")
    client = client_for(editor_ru)
    client.post(
        f"{admin_path('source')}edit/{source.pk}/", form_data("source", source, url="https://evil.example/")
    )
    event = AuditEvent.objects.get(action="records.changed")
    assert event.data["before"] == {"url": "https://tass.ru/"}
    assert event.data["after"] == {"url": "https://evil.example/"}
    assert (event.edition, event.object_id, event.actor) == ("ru", str(source.pk), editor_ru)

    client.post(f"{admin_path('tag')}add/?locale=ru", form_data("tag", name="Выборы", slug="vybory"))
    created = AuditEvent.objects.get(action="records.created")
    assert created.edition == "ru" and created.data["after"]["name"] == "Выборы"
    assert created.object_id == str(Tag.objects.get(slug="vybory").pk)


@pytest.mark.django_db
def test_permissions_come_from_the_records_edition_not_from_any_group():
    """A reporter in uk who is an editor in ru deletes ru tags, not uk ones (Django's permissions
    are the union of all groups: has_perm('taxonomy.delete_tag') is true for both)."""
    user = make_staff("mixed", (roles.REPORTERS, "uk"), (roles.EDITORS, "ru"))
    assert user.has_perm("taxonomy.delete_tag") and user_editions(user) == {"uk", "ru"}
    client = client_for(user)
    uk_tag, ru_tag = make_record("tag", "uk"), make_record("tag", "ru")
    uk_section = make_record("section", "uk")
    assert denied(client.post(f"{admin_path('tag')}delete/{uk_tag.pk}/"))
    client.post(bulk_delete_path("tag", uk_tag.pk))
    assert exists(uk_tag)
    client.post(f"{admin_path('tag')}delete/{ru_tag.pk}/")
    assert not exists(ru_tag)
    changed = form_data("section", uk_section, name="Змінено")
    assert denied(client.post(f"{admin_path('section')}edit/{uk_section.pk}/", changed))
    assert denied(client.post(f"{admin_path('section')}add/?locale=uk", form_data("section", name="Нова")))
    assert not Section.objects.filter(name="Нова").exists()


@pytest.mark.django_db
def test_a_new_record_lands_in_the_users_edition_and_no_other():
    reporter_ru = make_staff("reporter-ru", (roles.REPORTERS, "ru"))
    client = client_for(reporter_ru)
    listing = client.get(admin_path("source")).content.decode()
    assert f'href="{admin_path("source")}add/?locale=ru"' in listing
    client.post(f"{admin_path('source')}add/", form_data("source", name="Интерфакс", slug="interfax"))
    assert Source.objects.get(slug="interfax").locale == locale("ru")  # not the default edition
    response = client.post(
        f"{admin_path('source')}add/?locale=uk", form_data("source", name="УНІАН", slug="unian")
    )
    assert denied(response) and not Source.objects.filter(slug="unian").exists()
    assert denied(client.get(f"{admin_path('source')}add/?locale=en"))


@pytest.mark.django_db
def test_the_story_editors_chooser_offers_the_stories_edition_within_the_users_editions():
    user = make_staff("both", (roles.EDITORS, "uk"), (roles.EDITORS, "ru"))
    client = client_for(user)
    uk_author, ru_author, en_author = (make_record("author", code) for code in ("uk", "ru", "en"))
    assert offered_by_chooser(client, "author", ru_author, edition="ru")
    assert not offered_by_chooser(client, "author", uk_author, edition="ru")
    assert offered_by_chooser(client, "author", uk_author)  # "all editions": the user's two
    assert not offered_by_chooser(client, "author", en_author)
    assert not offered_by_chooser(client, "author", en_author, edition="en")


@pytest.mark.django_db
def test_refusals_and_screens_speak_ukrainian(editor_ru):
    editor_uk = prefer_admin_language(make_staff("editor-uk", (roles.EDITORS, "uk")), "uk")
    author = make_record("author", "uk", name="Олена Коваль")
    story = ArticlePageFactory(edition="uk", title="Новина з підписом", authors=[author])
    ArticlePageFactory(edition="uk", title="Друга новина з підписом", authors=[author])
    response = client_for(editor_uk).post(f"{admin_path('author')}delete/{author.pk}/")
    text = messages_of(response)
    assert "«Олена Коваль» використовується у 2 матеріалах:" in text, text
    assert f"«{story.title}»" in text
    assert "Спершу приберіть запис із цих матеріалів, потім видаляйте." in text
    assert Author.objects.filter(pk=author.pk).exists()
    settings = make_record("settings", "uk")
    page = client_for(editor_uk).get(f"{admin_path('settings')}edit/{settings.pk}/").content.decode()
    assert "Налаштування мовної версії:" in page and "Підтримайте нас" in page


def test_a_refusal_names_ten_stories_and_counts_the_rest():
    from django.utils import translation

    from vistka.taxonomy.record_usage import SHOWN, refusal_text

    titles = [f"Новина {n}" for n in range(SHOWN)]
    with translation.override("uk"):
        text = refusal_text([("Київ", 21, titles)])
    assert text.startswith("«Київ» використовується у 21 матеріалі: «Новина 0», «Новина 1»")
    assert "«Новина 9» і ще 11." in text
    with translation.override("ru"):
        assert "используется в 25 материалах" in refusal_text([("Киев", 25, titles)])
