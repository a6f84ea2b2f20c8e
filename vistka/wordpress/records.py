"""WordPress users, guest authors, categories and tags → the newsroom's records per edition.

One person or term is one record per edition it is used in, the records sharing a
translation_key (that is how the newsroom links a record's translations). Records an earlier run
made are reused as they are now: an editor may have renamed them since.
"""

import uuid

from django.utils.text import slugify
from wagtail.models import Locale

from vistka.core.slugs import ascii_slug
from vistka.editions.models import EditionHomePage
from vistka.people.models import Author
from vistka.taxonomy.models import Section, Tag
from vistka.wordpress.text import plain_text_of

MODELS = {"category": Section, "post_tag": Tag}
ROUTES = {"category": "sections", "post_tag": "tags"}
OLD_BASES = {"category": "category", "post_tag": "tag"}


def free_slug(model, locale_id, wanted, fallback="item"):
    base = (ascii_slug(wanted) or ascii_slug(fallback) or "item")[:70]
    taken = set(
        model.objects.filter(locale_id=locale_id, slug__startswith=base).values_list("slug", flat=True)
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def translation_key_for(model, locale_id, candidates):
    """The first candidate key no record of this edition uses yet, else a new one."""
    for key in candidates:
        if key and not model.objects.filter(translation_key=key, locale_id=locale_id).exists():
            return key
    return uuid.uuid4()


class Editions:
    """Locales and edition home pages by code (looked up once per run)."""

    def __init__(self):
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.homes = {}

    def locale(self, code):
        return self.locales[code]

    def home(self, code):
        if code not in self.homes:
            self.homes[code] = EditionHomePage.objects.get(locale=self.locales[code])
        return self.homes[code]


class RecordMaker:
    def __init__(self, survey, mapping, ledger, editions, redirects, report):
        self.survey = survey
        self.mapping = mapping
        self.ledger = ledger
        self.editions = editions
        self.redirects = redirects
        self.report = report
        self.cache = {}

    # -- people --------------------------------------------------------------------------------

    def authors(self, item, edition, language):
        """The post's byline in order: Co-Authors Plus authors, else the post's WordPress user."""
        logins = [slug.removeprefix("cap-") for slug in item.coauthors] or [item.creator]
        found = []
        for login in logins:
            author = self.author(login, edition, language)
            if author is not None and author not in found:
                found.append(author)
        return found

    def author(self, login, edition, language):
        key = ("author", login, edition)
        if key in self.cache:
            return self.cache[key]
        user = self.survey.users.get(login)
        guest = self.survey.guests.get(login) if user is None else None
        if user is None and guest is None:
            cap = self.survey.term_for("author", f"cap-{login}", None)
            if not login:
                self.cache[key] = None
                return None
            # A co-author named only by its term (partial export): its description starts with
            # the display name.
            name = _cap_display_name(cap, login) if cap else login
            kind, wp_id, bio = "user", login, ""
        elif user is not None:
            kind, wp_id, bio = "user", login, ""
            name = user.display_name or " ".join(filter(None, [user.first_name, user.last_name])) or login
        else:
            kind, wp_id, bio = "guest-author", guest.id, guest.bio
            name = guest.display_name
        override = self.mapping.authors.get(login)
        if override and override.name:
            name = override.name
        name, bio = plain_text_of(name) or login, plain_text_of(bio)
        locale = self.editions.locale(edition)
        author = self.ledger.target(kind, wp_id, edition, Author)
        if author is None:
            others = [entry.object_id for entry in self.ledger.entries(kind, wp_id).exclude(edition=edition)]
            keys = Author.objects.filter(pk__in=others).values_list("translation_key", flat=True)
            author = Author(
                locale=locale,
                name=name[:120],
                bio=bio,
                slug=free_slug(Author, locale.pk, (override.slug if override else "") or login, name),
                translation_key=translation_key_for(Author, locale.pk, list(keys)),
            )
            author.save()
            self.ledger.record(kind, wp_id, edition, author)
            self.report.add("created", "authors", f"{author.name} ({edition})")
        old = f"{self.survey.prefix(language)}/author/{_nicename(login)}/"
        home = self.editions.home(edition)
        self.redirects.point(old, home, f"/authors/{author.slug}/", what="author pages")
        self.redirects.point(f"{old}feed/", home, f"/authors/{author.slug}/rss/", what="feeds")
        self.cache[key] = author
        return author

    # -- categories and tags -------------------------------------------------------------------

    def terms(self, item, taxonomy, edition, language):
        found = []
        for entry in item.terms(taxonomy):
            record = self.term(taxonomy, entry.nicename, entry.text, edition, language)
            if record is not None and record not in found:
                found.append(record)
        return found

    def term(self, taxonomy, slug, text, edition, language):
        key = (taxonomy, slug, edition, language)
        if key in self.cache:
            return self.cache[key]
        model = MODELS[taxonomy]
        term = self.survey.term_for(taxonomy, slug, language)
        # A term only named on a post (a partial export) is still made, keyed by its slug.
        wp_id = f"{taxonomy}:{term.id}" if term and term.id is not None else f"{taxonomy}:slug:{slug}"
        name = plain_text_of((term.name if term else text) or "") or slug
        locale = self.editions.locale(edition)
        record = self.ledger.target("term", wp_id, edition, model)
        if record is None:
            keys = []
            group = self.survey.term_groups.get(term.id) if term and term.id is not None else None
            member_ids = [f"{taxonomy}:{member}" for member in group[1].values()] if group else []
            for entry in self.ledger.entries_for_ids("term", [wp_id, *member_ids]):
                keys += model.objects.filter(pk=entry.object_id).values_list("translation_key", flat=True)
            record = model(
                locale=locale,
                name=name[:120],
                slug=free_slug(model, locale.pk, slug, name),
                translation_key=translation_key_for(model, locale.pk, keys),
            )
            if taxonomy == "category" and term is not None:
                record.description = plain_text_of(term.description)
            record.save()
            self.ledger.record("term", wp_id, edition, record)
            self.report.add(
                "created", "sections" if taxonomy == "category" else "tags", f"{name} ({edition})"
            )
        old = f"{self.survey.prefix(language)}/{OLD_BASES[taxonomy]}/{self._term_path(term, slug)}/"
        new = f"/{ROUTES[taxonomy]}/{record.slug}/"
        home = self.editions.home(edition)
        self.redirects.point(old, home, new, what="section pages" if taxonomy == "category" else "tag pages")
        self.redirects.point(f"{old}feed/", home, f"{new}rss/", what="feeds")
        self.cache[key] = record
        return record

    def _term_path(self, term, slug):
        """A category's old address names its parents: /category/news/local/."""
        parts, seen = [slug], {slug}
        while term is not None and term.parent_slug and term.parent_slug not in seen:
            seen.add(term.parent_slug)
            parts.insert(0, term.parent_slug)
            term = self.survey.term_for(term.taxonomy, term.parent_slug, None)
        return "/".join(parts)


def _cap_display_name(term, login):
    words = term.description.split(f" {login} ")[0].strip() if term.description else ""
    return words or term.name or login


def _nicename(login):
    """WordPress's user_nicename as its sanitize_title makes it from the login."""
    return slugify(login, allow_unicode=True) or login
