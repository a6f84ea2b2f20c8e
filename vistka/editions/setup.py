"""Creates the fixed structure of the newsroom: locales, one page tree per edition, the site.

Idempotent; runs after every `migrate` (and after test flushes) so a fresh database is usable.
"""

from django.db import transaction
from django.utils.translation import override

from vistka.editions.languages import DEFAULT_EDITION, EDITIONS


@transaction.atomic
def ensure_editions():
    from wagtail.models import Locale, Page, Site

    from vistka.editions.models import EditionHomePage
    from vistka.stories.models import StoryArchivePage

    locales = {}
    for edition in EDITIONS:
        locales[edition.code], _ = Locale.objects.get_or_create(language_code=edition.code)

    root = Page.get_first_root_node() or _create_tree_root(locales[DEFAULT_EDITION.code])
    home = EditionHomePage.objects.filter(locale=locales[DEFAULT_EDITION.code]).first()
    if home is None:
        home = EditionHomePage(title="Vistka", slug="home-uk", locale=locales[DEFAULT_EDITION.code])
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Vistka")
    elif site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or "Vistka"
        site.save()
    # Wagtail's placeholder welcome page is not part of our tree.
    for stale in Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(EditionHomePage):
        stale.delete()

    for edition in EDITIONS:
        locale = locales[edition.code]
        edition_home = home.get_translation_or_none(locale)
        if edition_home is None:
            edition_home = home.copy_for_translation(locale)
            edition_home.slug = f"home-{edition.code}"
            edition_home.save()
            edition_home.save_revision().publish()
        if not StoryArchivePage.objects.child_of(edition_home).exists():
            if edition.code == DEFAULT_EDITION.code:
                with override(edition.code):
                    archive = StoryArchivePage(title="Stories", slug="stories", locale=locale)
                edition_home.add_child(instance=archive)
                archive.save_revision().publish()
            else:
                source = StoryArchivePage.objects.get(locale=locales[DEFAULT_EDITION.code])
                archive = source.copy_for_translation(locale)
                archive.save_revision().publish()
        # Named in the edition's language (a reporter files into it and lands on it after submitting);
        # a title only staff see, so no revision is made for it.
        StoryArchivePage.objects.filter(locale=locale).exclude(title=edition.archive_title).update(
            title=edition.archive_title, draft_title=edition.archive_title
        )
    Site.clear_site_root_paths_cache()
    from vistka.editions.languages import _locale_codes

    _locale_codes.cache_clear()


def _create_tree_root(locale):
    """Wagtail's migrations create the tree root; a test-database flush removes it."""
    from wagtail.models import Collection, Page

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))


def ensure_editions_on_migrate(sender, **kwargs):
    ensure_editions()
