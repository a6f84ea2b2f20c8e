"""Tags typed into a story are created in place, in the story's edition, by those who may add
tags there; sources are created from the source chooser the same way (issue 16)."""

import pytest

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import TagFactory
from vistka.taxonomy import in_place
from vistka.taxonomy.collation import sorted_by_name
from vistka.taxonomy.models import Source, Tag

TAG_URL = "/admin/records/tag/{}/create-in-place/"


@pytest.fixture
def reporter_client(db):
    return client_for(make_staff("reporter-uk", (roles.REPORTERS, "uk")))


def test_names_sort_in_the_editions_alphabet():
    names = ["Інфляція", "Бізнес", "Їжа", "Євро", "Ґрунти", "Гроші", "Яблука", "NATO"]
    assert sorted_by_name(names, "uk", name=str) == [
        "Бізнес",
        "Гроші",
        "Ґрунти",
        "Євро",
        "Інфляція",
        "Їжа",
        "Яблука",
        "NATO",
    ]
    assert sorted_by_name(["Эра", "Ёж", "Ель", "Жук"], "ru", name=str) == ["Ель", "Ёж", "Жук", "Эра"]


@pytest.mark.django_db
def test_a_reporter_creates_a_tag_in_their_edition(reporter_client):
    response = reporter_client.post(TAG_URL.format("uk"), {"name": "  Нова\x07 тема  "})
    assert response.status_code == 201
    tag = Tag.objects.get(pk=response.json()["id"])
    assert (tag.name, tag.locale.language_code) == ("Нова тема", "uk")
    assert tag.slug


@pytest.mark.django_db
def test_an_existing_name_answers_with_that_tag(reporter_client):
    known = TagFactory(name="Інфляція")
    response = reporter_client.post(TAG_URL.format("uk"), {"name": "інфляція"})
    assert response.status_code == 200 and response.json()["id"] == known.pk
    assert Tag.objects.count() == 1


@pytest.mark.django_db
def test_no_tag_is_created_in_another_edition_or_without_a_name(reporter_client):
    assert reporter_client.post(TAG_URL.format("ru"), {"name": "Тема"}).status_code == 403  # JSON refusal
    assert reporter_client.post(TAG_URL.format("uk"), {"name": "   "}).status_code == 400
    assert reporter_client.get(TAG_URL.format("uk")).status_code == 405
    assert (
        reporter_client.post("/admin/records/section/uk/create-in-place/", {"name": "X"}).status_code == 404
    )
    assert not Tag.objects.filter(name="Тема").exists()


@pytest.mark.django_db
def test_a_slug_clash_gets_a_free_slug(reporter_client):
    TagFactory(name="Tema", slug="tema")
    response = reporter_client.post(TAG_URL.format("uk"), {"name": "Тема"})
    assert Tag.objects.get(pk=response.json()["id"]).slug == "tema-2"


def colleague_creates_first(monkeypatch, name):
    """A colleague's request stores `name` between this request's lookup and its insert."""
    original = in_place.unique_slug

    def slug_after_the_colleague(model, locale, typed):
        slug = original(model, locale, typed)
        if not model.objects.filter(locale=locale, name=name).exists():
            model.objects.create(locale=locale, name=name, slug=slug)
        return slug

    monkeypatch.setattr(in_place, "unique_slug", slug_after_the_colleague)


@pytest.mark.django_db(transaction=True)
def test_two_reporters_creating_the_same_tag_at_once_get_one_tag(reporter_client, monkeypatch):
    colleague_creates_first(monkeypatch, "Нова тема")
    response = reporter_client.post(TAG_URL.format("uk"), {"name": "Нова тема"})
    assert response.status_code == 200, response.content
    assert list(Tag.objects.values_list("name", flat=True)) == ["Нова тема"]
    assert response.json()["id"] == Tag.objects.get().pk


@pytest.mark.django_db(transaction=True)
def test_a_colleagues_other_tag_taking_the_slug_at_once_leaves_the_next_free_one(
    reporter_client, monkeypatch
):
    colleague_creates_first(monkeypatch, "Нова Тема!")
    response = reporter_client.post(TAG_URL.format("uk"), {"name": "Нова тема?"})
    assert response.status_code == 201, response.content
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["nova-tema", "nova-tema-2"]


@pytest.mark.django_db
def test_a_source_is_created_from_the_chooser_in_the_storys_edition(reporter_client):
    choose = reporter_client.get("/admin/snippets/choose/taxonomy/source/?locale=uk")
    assert choose.status_code == 200
    assert "create/?locale=uk" in choose.json()["html"]
    response = reporter_client.post(
        "/admin/snippets/choose/taxonomy/source/create/?locale=uk",
        {"name": "Укрстат", "qualifier": "державна служба статистики", "url": ""},
    )
    assert response.status_code == 200
    source = Source.objects.get(name="Укрстат")
    assert source.locale.language_code == "uk" and source.slug


@pytest.mark.django_db
def test_no_source_is_created_in_another_edition(db):
    client = client_for(make_staff("reporter-ru", (roles.REPORTERS, "ru")))
    response = client.post(
        "/admin/snippets/choose/taxonomy/source/create/?locale=uk",
        {"name": "Чужой", "qualifier": "", "url": ""},
    )
    assert response.status_code in (302, 403)  # Wagtail's admin answers a refusal with a redirect
    assert not Source.objects.filter(name="Чужой").exists()
