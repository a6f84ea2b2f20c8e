"""The audit trail in the newsroom: Admins only, filters, keyset pages, CSV and JSON export."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from vistka.audit.log import record
from vistka.audit.models import AuditEvent
from vistka.audit.tests.helpers import admin_client
from vistka.audit.views import PAGE_SIZE
from vistka.newsroom.tests.helpers import client_for, make_staff
from vistka.stories.factories import TagFactory

pytestmark = pytest.mark.django_db
URL = "/admin/audit/"


def content(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def trail():
    """A few known entries beside whatever the fixtures themselves logged."""
    uk_tag, ru_tag = TagFactory(name="Дороги", edition="uk"), TagFactory(name="Дороги ru", edition="ru")
    record("records.changed", actor_name="olena", target=uk_tag, data={"before": {"name": "a"}})
    record("records.changed", actor_name="petro", target=ru_tag)
    record("auth.login_failed", actor_name='=HYPERLINK("http://x")', data={"username": "=x"})
    return uk_tag, ru_tag


def test_an_admin_sees_the_trail_and_the_menu_item(trail):
    client = admin_client()
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "olena" in text and "petro" in text and "Дороги" in text
    assert '<option value="audit-admin">' in text  # the person filter suggests the accounts
    assert URL in client.get("/admin/").content.decode()  # in the Reports menu


def test_a_superuser_sees_it_too():
    user = make_staff("root")
    user.is_superuser = True
    user.save()
    assert client_for(user).get(URL).status_code == 200


@pytest.mark.parametrize("path", [URL, URL + "export.csv", URL + "export.json"])
def test_an_editor_gets_403_and_no_menu_item(editor_client, path):
    record("auth.login_failed", actor_name="secret-name")
    response = editor_client.get(path)
    assert response.status_code == 403 and b"secret-name" not in response.content
    assert URL not in editor_client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("person=olena", ["Дороги"], ["petro"]),
        ("edition=ru", ["petro"], ["olena"]),
        ("action=records.changed", ["olena", "petro"], ["HYPERLINK"]),
        ("action=auth.*", ["HYPERLINK"], ["olena", "petro"]),
        ("object_type=taxonomy.tag&object=ru", ["petro"], ["olena"]),
    ],
)
def test_filters(trail, query, shown, hidden):
    text = admin_client().get(f"{URL}?{query}").content.decode()
    for value in shown:
        assert value in text, (query, value)
    for value in hidden:
        assert value not in text, (query, value)


def test_filter_by_object_id_and_time(trail):
    uk_tag, _ru_tag = trail
    client = admin_client()
    text = client.get(f"{URL}?object_type=taxonomy.tag&object_id={uk_tag.pk}").content.decode()
    assert "olena" in text and "petro" not in text
    assert "olena" not in client.get(f"{URL}?since=2999-01-01T00:00").content.decode()
    assert "olena" in client.get(f"{URL}?since=2000-01-01T00:00&until=2999-01-01T00:00").content.decode()
    assert "olena" not in client.get(f"{URL}?until=2000-01-01T00:00").content.decode()


def test_values_are_escaped():
    record("auth.login_failed", actor_name="<script>alert(1)</script>")
    text = admin_client().get(URL).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_pages_by_position_older_and_newer():
    for n in range(PAGE_SIZE + 5):
        record("test.paging", actor_name=f"person-{n:03}")
    client = admin_client()
    first = client.get(f"{URL}?action=test.paging")
    assert first.context["older_url"] and not first.context["newer_url"]
    names = [e.actor_name for e in first.context["events"]]
    assert names[0] == f"person-{PAGE_SIZE + 4:03}" and len(names) == PAGE_SIZE
    second = client.get(URL + first.context["older_url"])
    assert [e.actor_name for e in second.context["events"]] == [f"person-{n:03}" for n in range(4, -1, -1)]
    assert not second.context["older_url"] and second.context["newer_url"]
    back = client.get(URL + second.context["newer_url"])
    assert [e.actor_name for e in back.context["events"]] == names


def test_a_page_is_read_by_position_without_count_or_offset():
    AuditEvent.objects.bulk_create(AuditEvent(action="test.bulk", actor_name=f"p{n}") for n in range(120))
    client = admin_client()
    first = client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + first.context["older_url"])
    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries).upper()
    assert "COUNT(" not in sql and "OFFSET" not in sql


def test_csv_export_has_the_filtered_rows_and_is_spreadsheet_safe(trail):
    response = admin_client().get(f"{URL}export.csv?action=records.changed")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(content(response))))
    assert sorted(row["person"] for row in rows) == ["olena", "petro"]
    olena = next(row for row in rows if row["person"] == "olena")
    assert olena["edition"] == "uk" and olena["object"] == "Дороги" and olena["object_type"] == "taxonomy.tag"
    assert json.loads(olena["details"]) == {"before": {"name": "a"}}

    rows = list(
        csv.DictReader(io.StringIO(content(admin_client("a2").get(f"{URL}export.csv?action=auth.*"))))
    )
    formula = next(row for row in rows if "HYPERLINK" in row["person"])
    assert formula["person"].startswith("'=")  # a spreadsheet shows it as text, never runs it


def test_json_export_has_the_filtered_rows(trail):
    response = admin_client().get(f"{URL}export.json?edition=ru")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    rows = json.loads(content(response))
    assert [row["person"] for row in rows if row["action"] == "records.changed"] == ["petro"]
    assert all(row["edition"] == "ru" for row in rows)


def test_an_export_is_itself_logged(trail):
    content(admin_client().get(f"{URL}export.json?person=olena"))
    exported = AuditEvent.objects.filter(action="audit.exported").latest("id")
    assert exported.actor_name == "audit-admin"
    assert exported.data == {"format": "json", "filter": {"person": "olena"}}


@override_settings(LANGUAGE_CODE="ru")
def test_labels_in_the_staff_language():
    from vistka.newsroom.tests.helpers import prefer_admin_language

    record("auth.login_failed", actor_name="x")
    user = make_staff("admin-ru", "Admins")
    for code, title, label in (
        ("uk", "Журнал аудиту", "Невдалий вхід"),
        ("ru", "Журнал аудита", "Неудачный вход"),
        ("en", "Audit trail", "Failed sign-in"),
    ):
        text = client_for(prefer_admin_language(user, code)).get(URL).content.decode()
        assert title in text and label in text, code
