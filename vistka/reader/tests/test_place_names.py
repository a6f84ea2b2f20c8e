"""Place names the dictionaries get wrong ("Київ" as "кий", "Львов" as "лев") are lemmatised from
the project's own list, so a search finds a city in every case; stories indexed before the list
changed are rewritten by ``rebuild_story_index --stale-lemmas``. SQLite and PostgreSQL."""

import os

import pytest
from django.core.management import call_command

from vistka.reader.lemmas import lemma
from vistka.reader.place_names import FORMS, _parse, replaced_lemmas
from vistka.reader.search import search_stories
from vistka.reader.tests.builders import at, story
from vistka.search import index
from vistka.stories.factories import locale

# The story index's RUM indexes, on every partition: (oid, valid).
RUM_INDEXES = (
    "SELECT c.oid, i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
    "WHERE c.relname LIKE 'storysearch\\_entry\\_%%' "
    "AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'rum')"
)


def found(query, edition="uk"):
    return {s.title for s, _snippet in search_stories(locale(edition).pk, edition, query).hits}


@pytest.mark.parametrize(
    ("language", "forms", "name"),
    [
        ("uk", ["Київ", "Києва", "Києву", "Києві", "Києвом"], "київ"),
        ("uk", ["Херсон", "Херсоні", "Херсона"], "херсон"),
        ("ru", ["Киев", "Киева", "Киеве", "Киевом"], "киев"),
        ("ru", ["Львов", "Львова", "Львове"], "львов"),
        ("ru", ["Николаев", "Николаеве"], "николаев"),
        ("en", ["Києві"], "київ"),  # Cyrillic in the English edition is read as Ukrainian
        ("en", ["Kyiv", "Kiev", "Kyiv's", "Kiev's"], "kyiv"),  # the older spelling finds the new
        ("en", ["Odessa", "Odesa"], "odesa"),
    ],
)
def test_every_case_of_a_city_has_one_lemma(language, forms, name):
    assert {lemma(form, language) for form in forms} == {name}


def test_listed_forms_win_and_ordinary_words_keep_their_dictionary_lemma():
    for language, forms in FORMS.items():
        for form, name in forms.items():
            assert lemma(form.capitalize(), language) == name, (language, form)
    assert lemma("кий", "uk") == "кий"  # the stick is still a stick
    assert lemma("лев", "ru") != "львов"
    assert lemma("сума", "uk") == "сума"


def test_a_form_listed_under_two_names_is_refused():
    with pytest.raises(ValueError, match="listed under"):
        _parse("київ: києва\nхарків: києва")


def test_the_replaced_lemmas_are_what_the_dictionary_gave():
    assert "кий" in replaced_lemmas("uk")
    assert {"кий", "лев", "николай"} <= replaced_lemmas("ru")
    assert "київ" not in replaced_lemmas("uk")


@pytest.mark.django_db
def test_a_search_for_the_city_finds_it_in_every_case():
    story(title="Київ зустрів зиму без відключень", published_at=at(days=-3))
    story(title="До Києва повертаються тролейбуси", published_at=at(days=-2))
    story(title="У Києві відкрили новий міст", published_at=at(days=-1))
    story(title="Кий для більярду знайшли в парку", published_at=at(days=-1))
    expected = {
        "Київ зустрів зиму без відключень",
        "До Києва повертаються тролейбуси",
        "У Києві відкрили новий міст",
    }
    assert found("Київ") == expected
    assert found("києві") == expected
    assert found("кий") == {"Кий для більярду знайшли в парку"}


@pytest.mark.django_db
def test_an_english_reader_typing_the_old_spelling_finds_the_city():
    story(edition="en", title="Kyiv opens a new bridge", published_at=at(days=-2))
    story(edition="en", title="Trams return to Kyiv's left bank", published_at=at(days=-1))
    expected = {"Kyiv opens a new bridge", "Trams return to Kyiv's left bank"}
    assert found("Kiev", "en") == expected
    assert found("Kyiv", "en") == expected


@pytest.mark.django_db
def test_stale_rows_are_rewritten_and_the_others_left_alone():
    kyiv = story(title="У Києві відкрили новий міст", lead="Міст відкрили вранці.", published_at=at(days=-2))
    other = story(title="Тролейбуси повертаються", lead="Маршрут відновили.", published_at=at(days=-1))
    backend = index.backend()
    # The row as the dictionary alone wrote it before the place-name list.
    stale = index.Entry(kyiv.pk, kyiv.locale_id, kyiv.first_published_at, "у кий відкрити новий міст", "", "")
    backend.upsert([stale])
    assert found("Київ") == set()
    other_row = backend.stored(other.pk)

    call_command("rebuild_story_index", "--stale-lemmas", "--no-progress")

    assert found("Київ") == {"У Києві відкрили новий міст"}
    assert backend.stored(other.pk) == other_row
    assert index.reindex_stale_lemmas() == 0  # nothing stale is left


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_command_also_rebuilds_the_rum_indexes():
    """RUM 1.3 can fail bitmap scans for a lexeme whose rows VACUUM removed, which rewriting
    stale lemmas does on purpose: the command rebuilds the RUM indexes after it."""
    from io import StringIO

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    if not index.PostgresIndex(connection).has_rum_index():
        if os.environ.get("VISTKA_EXPECT_RUM"):
            pytest.fail("the rum extension is expected (VISTKA_EXPECT_RUM) but its index is missing")
        pytest.skip("PostgreSQL without the rum extension")
    kyiv = story(title="У Києві відкрили новий міст", published_at=at(days=-2))
    stale = index.Entry(kyiv.pk, kyiv.locale_id, kyiv.first_published_at, "у кий відкрити новий міст", "", "")
    index.backend().upsert([stale])
    with connection.cursor() as cursor:
        cursor.execute(RUM_INDEXES)
        before = {oid for oid, _valid in cursor.fetchall()}
    out = StringIO()

    call_command("rebuild_story_index", "--stale-lemmas", "--no-progress", stdout=out)

    rebuilt = [line for line in out.getvalue().splitlines() if line.startswith("Rebuilt ")]
    with connection.cursor() as cursor:
        cursor.execute(RUM_INDEXES)
        after = dict(cursor.fetchall())
    assert len(rebuilt) == len(before) >= 2  # every partition's full and recent RUM index
    assert all(after.values()) and not (set(after) & before)  # new, valid indexes
    assert found("Київ") == {"У Києві відкрили новий міст"}
