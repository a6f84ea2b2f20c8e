"""Documents reach readers only through Wagtail's serve view, which applies collection restrictions.

The files are written to the real MEDIA_ROOT (the /media/ route reads it as the URLconf was
imported, so an overridden MEDIA_ROOT would not be what it serves) and deleted afterwards.
"""

import os

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

Document = get_document_model()
SECRET = b"source list: do not publish\n"


@pytest.fixture
def stored_files():
    """Names of files written under MEDIA_ROOT by a test; removed when it ends."""
    names = []
    yield names
    for name in names:
        path = os.path.join(settings.MEDIA_ROOT, name)
        if os.path.exists(path):
            os.remove(path)


def restricted_collection(name, restriction_type, password=""):
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, password=password
    )
    return collection


def make_document(title, content, stored_files, collection=None):
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(f"{title}.txt", ContentFile(content), save=False)
    document.save()
    stored_files.append(document.file.name)
    return document


def media_url(document):
    return settings.MEDIA_URL + document.file.name


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def documents(stored_files):
    sign_in_only = restricted_collection("Sources", BaseViewRestriction.LOGIN)
    with_password = restricted_collection("Leaks", BaseViewRestriction.PASSWORD, password="s3cret")
    return {
        "login": make_document("sources-note", SECRET, stored_files, sign_in_only),
        "password": make_document("leak-note", SECRET, stored_files, with_password),
        "open": make_document("press-release", b"for everyone\n", stored_files),
    }


def test_document_files_are_never_served_under_media(documents):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    client = Client()
    for document in documents.values():
        assert document.file.name.startswith("documents/")
        assert os.path.exists(document.file.path)
        assert client.get(media_url(document)).status_code == 404, document.title

    name = documents["login"].file.name
    for sneaky in (
        f"images/../{name}",
        f"./{name}",
        f"/{name}",
        name.replace("documents/", "documents//"),
        name.replace("documents/", "%64ocuments/"),
    ):
        response = client.get(settings.MEDIA_URL + sneaky)
        assert response.status_code == 404, sneaky
        assert SECRET not in body(response)


def test_restricted_documents_ask_for_sign_in_or_password_at_their_own_address(documents):
    client = Client()

    response = client.get(documents["login"].url)
    assert response.status_code == 302
    assert "login" in response["Location"]

    response = client.get(documents["password"].url)
    assert response.status_code == 200
    assert b'name="password"' in response.content and SECRET not in response.content


def test_an_open_document_is_served_through_documents(documents):
    document = documents["open"]
    assert document.url == f"/documents/{document.pk}/{document.filename}"

    response = Client().get(document.url)

    assert response.status_code == 200
    assert body(response) == b"for everyone\n"


def test_images_are_still_served_under_media(stored_files):
    name = "original_images/audit-media-check.txt"
    os.makedirs(os.path.join(settings.MEDIA_ROOT, "original_images"), exist_ok=True)
    with open(os.path.join(settings.MEDIA_ROOT, name), "wb") as file:
        file.write(b"picture bytes")
    stored_files.append(name)

    response = Client().get(settings.MEDIA_URL + name)

    assert response.status_code == 200
    assert body(response) == b"picture bytes"
