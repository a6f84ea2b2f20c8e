"""Old addresses (Wagtail redirects, as the WordPress importer writes them) answered by Django before
any page is routed or rendered: 301 to the target's current address, cacheable, with the keys that
purge it; WordPress query parameters on an edition's root; targets that are not live; the newsroom's
redirects admin. (Through the fast path and Varnish: test_redirects_edge.py.)"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from vistka.delivery import query_params
from vistka.delivery.models import PurgeEvent
from vistka.delivery.redirects import PATHS_NAMED, candidate_paths, path_key, purge_old_paths
from vistka.delivery.tests.newsroom import publish_story
from vistka.editions.models import EditionHomePage
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language

# One indexed query for the redirect, its target page and the story's own fields; one for the
# target's view restrictions (a restricted page's old addresses answer as if they had none).
QUERIES_PER_REDIRECT = 2

OLD_STORY_ADDRESSES = [
    "/2019/05/12/bridge-reopens/",
    "/ru/2019/05/bridge-reopens/",
    "/bridge-reopens/",
    "/?p=123",
    "/?page_id=5",
    "/?attachment_id=9",
    "/bridge-reopens/feed/",
    "/ru/?p=124",
]
OLD_LIST_ADDRESSES = {
    "/category/politics/": "/sections/politics/",
    "/?cat=3": "/sections/politics/",
    "/tag/kyiv/": "/tags/kyiv/",
    "/?tag=kyiv": "/tags/kyiv/",
    "/author/jane/": "/authors/jane/",
    "/?author=2": "/authors/jane/",
    "/feed/": "/rss/",
    "/?feed=rss2": "/rss/",
}


def redirect_to(old_path, target):
    """A permanent redirect as the importer writes it: to a page, or to an address."""
    if isinstance(target, str):
        return Redirect.objects.create(old_path=Redirect.normalise_path(old_path), redirect_link=target)
    return Redirect.objects.create(old_path=Redirect.normalise_path(old_path), redirect_page=target)


@pytest.fixture
def story(db):
    return publish_story(title="Bridge reopens after repairs")


def test_every_old_address_answers_301_to_its_target_with_one_query_and_no_render(
    client, story, django_assert_max_num_queries
):
    for old in OLD_STORY_ADDRESSES:
        redirect_to(old, story)
    for old, new in OLD_LIST_ADDRESSES.items():
        redirect_to(old, new)
    client.get("/no-such-page-warms-the-site-memo/")

    for old, new in [(old, story.url) for old in OLD_STORY_ADDRESSES] + list(OLD_LIST_ADDRESSES.items()):
        with django_assert_max_num_queries(QUERIES_PER_REDIRECT):
            response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
        assert response.templates == [], f"{old}: a template was rendered"
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "s-maxage=300" in cache_control, (old, cache_control)
        xkeys = response["xkey"].split()
        assert path_key(Redirect.normalise_path(old)) in xkeys, old
        if new == story.url:
            assert f"st-{story.story_number}" in xkeys, old
        assert ("edition-ru" if old.startswith("/ru/") else "edition-uk") in xkeys, old


def test_a_cyrillic_permalink_is_found_however_it_is_encoded(client, story):
    """WordPress writes Cyrillic slugs percent-encoded, in lower-case hex; old links use either case."""
    redirect_to(
        "/2019/05/12/%d0%bc%d1%96%d1%81%d1%82-%d0%b2%d1%96%d0%b4%d0%ba%d1%80%d0%b8%d0%bb%d0%b8/", story
    )
    for address in (
        "/2019/05/12/%d0%bc%d1%96%d1%81%d1%82-%d0%b2%d1%96%d0%b4%d0%ba%d1%80%d0%b8%d0%bb%d0%b8/",
        "/2019/05/12/%D0%BC%D1%96%D1%81%D1%82-%D0%B2%D1%96%D0%B4%D0%BA%D1%80%D0%B8%D0%BB%D0%B8",
    ):
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (301, story.url), address


def test_junk_beside_a_wordpress_parameter_and_either_order_find_the_same_redirect(client, story):
    redirect_to("/?p=123", story)
    redirect_to("/?cat=3&feed=rss2", "/sections/politics/rss/")

    for address in ("/?p=123&utm_source=x", "/?fbclid=1&p=123", "/?before=2025-01-01&p=123"):
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (301, story.url), address
    response = client.get("/?feed=rss2&cat=3")
    assert (response.status_code, response["Location"]) == (301, "/sections/politics/rss/")


def test_a_wordpress_address_without_a_redirect_is_a_cheap_uncached_302_to_the_root(
    client, story, django_assert_max_num_queries
):
    client.get("/no-such-page-warms-the-site-memo/")
    for address, root in [
        ("/?p=999999", "/"),
        ("/?page_id=77&utm_source=x", "/"),
        ("/ru/?cat=7", "/ru/"),
        ("/en/?m=201905&before=2025-05-01", "/en/?before=2025-05-01"),
    ]:
        with django_assert_max_num_queries(1):
            response = client.get(address)
        assert (response.status_code, response["Location"]) == (302, root), address
        assert response.templates == [], address
        assert "private" in response["Cache-Control"], address
        assert "xkey" not in response, address

    # The edition root itself (and its own `before`) is still the home page.
    home = client.get("/")
    assert home.status_code == 200 and story.title in home.content.decode()


def test_the_root_keeps_wordpress_parameters_for_the_lookup_and_nothing_else():
    assert query_params.normalise("/", "utm_source=x&p=123&fbclid=y") == "p=123"
    assert query_params.normalise("/ru/", "cat=3&feed=rss2&x=1") == "cat=3&feed=rss2"
    assert query_params.normalise("/news/", "p=123&before=2") == "before=2"
    assert query_params.route_of("/en/")[0] == "listing"  # counted as a listing by the metrics


def test_a_redirect_to_a_page_that_is_not_live_answers_404_not_a_301_to_a_404(client, story):
    redirect_to("/2019/05/12/bridge-reopens/", story)
    story.unpublish()

    response = client.get("/2019/05/12/bridge-reopens/")
    assert response.status_code == 404
    # Republishing the story purges this 404 (it names the story) and the redirect is back.
    assert f"st-{story.story_number}" in response["xkey"].split()
    story.save_revision().publish()
    response = client.get("/2019/05/12/bridge-reopens/")
    assert (response.status_code, response["Location"]) == (301, story.url)

    story.delete()
    assert not Redirect.objects.exists()  # Wagtail deletes a deleted page's redirects
    assert client.get("/2019/05/12/bridge-reopens/").status_code == 404


def test_a_redirect_to_an_editions_list_through_its_home_page_route(client, db):
    home = EditionHomePage.objects.get(locale__language_code="ru")
    Redirect.objects.create(
        old_path="/ru/category/politika", redirect_page=home, redirect_page_route_path="/sections/politika/"
    )
    response = client.get("/ru/category/politika/")
    assert (response.status_code, response["Location"]) == (301, "/ru/sections/politika/")
    assert f"rd-to-{home.pk}" in response["xkey"].split()
    home.save_revision().publish()  # its address could change: the redirects to it are purged
    assert f"rd-to-{home.pk}" in purged_keys()[0]


def test_a_page_at_its_own_address_wins_and_a_missing_one_is_redirected(client, story):
    """On the site's own routes the lookup waits for a 404, as Wagtail's does."""
    other = publish_story(title="Another story")
    redirect_to(story.url, other)
    redirect_to("/tags/old-name/", "/tags/new-name/")

    assert client.get(story.url).status_code == 200
    response = client.get("/tags/old-name/")
    assert (response.status_code, response["Location"]) == (301, "/tags/new-name/")


def purged_keys():
    """Keys and hardness of the latest purge event."""
    event = PurgeEvent.objects.order_by("-pk").first()
    return set(event.keys.split()), event.hard


def test_saving_and_deleting_a_redirect_purges_its_old_path_hard(transactional_db, settings):
    """Each change in its own transaction, as in the admin: each is one purge event."""
    settings.VARNISH_PURGE_URLS = []
    story = publish_story(title="Bridge reopens after repairs")
    redirect = redirect_to("/2019/05/12/bridge-reopens/", story)
    keys, hard = purged_keys()
    assert path_key("/2019/05/12/bridge-reopens") in keys and hard

    redirect.old_path = "/2019/05/12/bridge-reopened"
    redirect.save()
    assert purged_keys() == (
        {path_key("/2019/05/12/bridge-reopens"), path_key("/2019/05/12/bridge-reopened")},
        True,
    )

    redirect.delete()
    assert purged_keys() == ({path_key("/2019/05/12/bridge-reopened")}, True)

    purge_old_paths(["/?p=5", "/tag/kyiv/"])
    assert purged_keys() == ({path_key("/?p=5"), path_key("/tag/kyiv")}, True)


def test_an_import_of_many_redirects_in_one_transaction_purges_every_edition_once(story):
    """Past PATHS_NAMED old paths, the transaction's one purge event stops growing: each purge
    rewrites it, so naming every path of a large import would cost quadratic writes."""
    with CaptureQueriesContext(connection) as writes:
        with transaction.atomic():
            for n in range(PATHS_NAMED + 100):
                redirect_to(f"/?p={n}", story)
    event_writes = [q for q in writes.captured_queries if "delivery_purgeevent" in q["sql"]]
    assert len(event_writes) <= PATHS_NAMED + 2
    keys, hard = purged_keys()
    assert {"edition-uk", "edition-ru", "edition-en"} <= keys
    assert not any(key.startswith("rd-") for key in keys)
    # Soft: a hard purge of every edition would drop every page's stale copy everywhere, and a
    # database hiccup after an import would then answer 503 where stale pages were served.
    assert not hard


def test_a_redirect_saved_with_a_publish_does_not_make_the_publish_purge_hard(transactional_db, settings):
    settings.VARNISH_PURGE_URLS = []
    with transaction.atomic():
        story = publish_story(title="Bridge reopens after repairs")
        redirect_to("/?p=5", story)
    keys, hard = purged_keys()
    assert path_key("/?p=5") in keys and f"st-{story.story_number}" in keys
    assert not hard


def test_reserved_characters_are_found_as_wagtail_stores_them_and_never_decoded_twice(client, story):
    for old in ("/old%20page/", "/100%25-sure/", "/what%3F/"):  # (%2F: Django decodes it in the path)
        redirect_to(old, story)
        response = client.get(old)
        assert (response.status_code, response.get("Location")) == (301, story.url), old
    redirect_to("/%d0%bc%d1%96%d1%81%d1%82/", story)
    assert client.get("/%D0%BC%D1%96%D1%81%D1%82/").status_code == 301
    # `%25D0%25BC…` is the text "%D0%BC…", not the Cyrillic word.
    assert client.get("/%25D0%25BC%25D1%2596%25D1%2581%25D1%2582/").status_code == 404


def test_a_double_leading_slash_is_the_same_path_not_a_host():
    """A server hands Django `//category/politics/` as the path (the test client would take
    `category` as a host itself, so the lookup is asked directly)."""
    assert candidate_paths("//category/politics/", "")[0] == "/category/politics"


def test_a_restricted_target_is_never_named_by_a_public_301(client, story):
    from wagtail.models import PageViewRestriction

    from vistka.delivery.tests.test_restrictions import restrict

    redirect_to("/?p=77", story)
    restrict(story, PageViewRestriction.LOGIN)
    response = client.get("/?p=77")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "private" in response["Cache-Control"]


def test_a_redirect_from_an_edition_root_does_not_catch_its_wordpress_addresses(client, story):
    """A row for `/ru` (a translated front page) must not make every `/ru/?p=<random>` a stored 301."""
    redirect_to("/ru/", story)
    response = client.get("/ru/?p=4242")
    assert (response.status_code, response["Location"]) == (302, "/ru/")


@pytest.mark.parametrize(
    ("code", "label"), [("uk", "Список перенаправлень"), ("ru", "Перенаправления"), ("en", "Redirects")]
)
def test_admins_edit_redirects_in_their_language_and_edition_staff_cannot(db, code, label):
    admin = prefer_admin_language(make_staff(f"admin-{code}", roles.ADMINS), code)
    client = client_for(admin)
    page = client.get("/admin/redirects/")
    assert page.status_code == 200
    assert label in page.content.decode()
    form = client.get("/admin/redirects/add/").content.decode()
    for english in ("Redirect from", "Redirect to a page", "Redirect to any URL", "Recommended. Permanent"):
        assert (english in form) is (code == "en"), (code, english)

    for role in roles.EDITION_ROLES:
        staff = make_staff(f"{role.lower()}-{code}", (role, "uk"))
        refused = client_for(staff).get("/admin/redirects/")
        assert refused.status_code in (302, 403), role
        assert refused.status_code == 403 or "/admin/redirects/" not in refused["Location"], role
