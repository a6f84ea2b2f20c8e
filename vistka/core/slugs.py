from anyascii import anyascii
from django.utils.text import slugify


def ascii_slug(text, max_length=80):
    """Readable Latin slug for any script: 'Переговори' -> 'perehovory'."""
    return slugify(anyascii(text or ""))[:max_length].strip("-")
