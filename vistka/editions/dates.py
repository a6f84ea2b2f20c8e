"""Long dates in each edition's own style, in Kyiv time.

"середа, 28 травня 2025, 19:20" / "среда, 28 мая 2025, 19:20" / "Wednesday, 28 May 2025, 19:20".
Django's catalogues capitalise weekday names in Ukrainian and Russian; the house style does not.
"""

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

LOWERCASE_WEEKDAYS = {"uk", "ru"}


def long_date(value, language_code, with_time=True):
    if value is None:
        return ""
    local = timezone.localtime(value)
    with translation.override(language_code):
        weekday = date_format(local, "l")
        rest = date_format(local, "j E Y")
        time = date_format(local, "H:i")
    if language_code in LOWERCASE_WEEKDAYS:
        weekday = weekday.lower()
    text = f"{weekday}, {rest}"
    return f"{text}, {time}" if with_time else text
