"""Absolute addresses for machines (feeds, sitemaps, structured data)."""

from django.conf import settings

from vistka.editions.languages import get_edition


def absolute(path):
    return f"{settings.BASE_URL}{path}"


def edition_url(code, path=""):
    return absolute(f"{get_edition(code).prefix}{path}")
