"""The parts of every reader page that only the edition decides: the masthead (sections menu,
support button) and the footer, rendered once and kept as cached records.

Their templates cost about a millisecond of CPU per page (a dozen translations, the sections
loop, the settings and menu records unpickled): a tenth of an uncached search page. They are
kept under ``chrome:{locale id}``, forgotten with the sections menu and the edition's settings
(``signal_handlers``), so they are exactly as fresh as those records. The editions switcher
links the page's own translations, so it is written for each page (``editions_nav``).
"""

import secrets
from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from vistka.core.cache import cached_record
from vistka.editions.languages import EDITIONS
from vistka.editions.models import EditionSettings
from vistka.reader import queries

# Stands for the editions switcher while the masthead is rendered; random, so no text of the
# page can contain it.
_SWITCHER = mark_safe(f"<!--editions-{secrets.token_hex(16)}-->")  # noqa: S308


def record_key(locale_id):
    return f"chrome:{locale_id}"


def _render(edition, locale_id):
    context = {
        "edition": edition,
        "settings": EditionSettings.for_locale_id(locale_id),
        "sections": queries.sections_menu(locale_id),
        "editions_nav": _SWITCHER,
    }
    # As base.html had them inline: from the newline before the masthead to the footer's end.
    masthead = render_to_string("reader/_masthead.html", context).rstrip("\n")
    before, after = masthead.split(_SWITCHER)
    return before, after, render_to_string("reader/_footer.html", context).rstrip("\n")


def _parts(edition):
    locale_id = queries.current_locale_id()
    return cached_record(record_key(locale_id), lambda: _render(edition, locale_id))


def editions_nav(edition, links=None):
    """The editions switcher: each edition's translation of the page (``links``, by language
    code) or else its home."""
    items = []
    for other in EDITIONS:
        href = (links.get(other.code) if links else None) or other.prefix
        current = ' aria-current="true"' if other.code == edition.code else ""
        items.append(
            f'<li><a href="{escape(str(href))}" lang="{other.code}" hreflang="{other.code}"{current}>'
            f'<span aria-hidden="true">{escape(other.short)}</span>'
            f'<span class="visually-hidden">{escape(other.name)}</span></a></li>'
        )
    return f"<ul>{''.join(items)}</ul>"


def masthead(edition, links=None):
    before, after, _footer = _parts(edition)
    return mark_safe(before + editions_nav(edition, links) + after)  # noqa: S308 (rendered, escaped)


def footer(edition):
    return mark_safe(_parts(edition)[2])  # noqa: S308 (a rendered template)
