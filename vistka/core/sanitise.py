"""Text without the characters XML forbids, everywhere text is saved.

A headline pasted from Word carries a vertical tab (Shift+Enter); a table cell pasted from a
spreadsheet may carry a NUL. XML 1.0 forbids both, so one such character made every feed showing
the story answer 500 and the news sitemap ill-formed. One pre_save receiver cleans every text
value of the project's models and of the Wagtail models they show (pages, revisions, images,
documents, embeds, users): CharField, TextField, JSONField and StreamField values, nested JSON
included. Outputs clean again with the same functions (a second line of defence: queryset updates
and bulk inserts send no signal).

What is removed: C0 controls other than tab and newline, C1 controls (U+0080–U+009F: a terminal
escape in a log line), the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069: a tag name that reads backwards), lone surrogates, U+FFFE and U+FFFF. Text in a
right-to-left script and the direction marks (U+200E, U+200F) stay.
A carriage return (alone or before a newline) becomes a newline; a vertical tab or form feed
becomes a space, so the words it separated stay apart (the same in a field and in a revision's
JSON, so a draft and the page published from it are alike).
"""

import json
import re

from django.apps import apps as global_apps
from django.conf import settings
from django.db import models
from django.db.models.signals import pre_save

# Everything XML 1.0 forbids (#x9, #xA, #xD and the rest of the BMP except FFFE/FFFF and the
# surrogates are allowed), plus CR, VT and FF, which are rewritten rather than dropped, and the
# C1 controls and bidirectional overrides (see above).
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_RETURNS = re.compile("\r\n?")
_BREAKS = re.compile("[\x0b\x0c]")
# JSON text holding one of them as an escape (a StreamField inside a revision's content is JSON
# text: Wagtail writes it with json.dumps, which escapes control characters).
_ESCAPED = re.compile(
    r"\\u(?:00[0189][0-9a-fA-F]|202[a-eA-E]|206[6-9]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])|\\[bfr]"
)

# Wagtail's and Django's apps whose models hold text that readers or feeds get to see.
THIRD_PARTY_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs", "wagtailembeds", "taggit"}


def clean_text(value):
    """`value` without the characters above (returned unchanged, the same object, when clean)."""
    if not isinstance(value, str) or not _UNWANTED.search(value):
        return value
    value = _BREAKS.sub(" ", _RETURNS.sub("\n", value))
    return _DROPPED.sub("", value)


def clean_json(value):
    """A JSON-like value (dicts, lists, strings) with every string, keys included, cleaned.

    Strings that are themselves JSON text with an escaped unwanted character are parsed, cleaned and
    written again. Returns the same object when nothing changed."""
    if isinstance(value, str):
        cleaned = clean_text(value)
        return _clean_json_text(cleaned)
    if isinstance(value, dict):
        items = [(clean_json(key), clean_json(item)) for key, item in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(items, value.items(), strict=True)):
            return value
        return dict(items)
    if isinstance(value, list | tuple):
        items = [clean_json(item) for item in value]
        if all(item is original for item, original in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    return value


def _clean_json_text(text):
    if text[:1] not in ("[", "{") or not _ESCAPED.search(text):
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    cleaned = clean_json(parsed)
    return text if cleaned is parsed else json.dumps(cleaned)


def is_clean(text):
    return not _UNWANTED.search(text)


# --- saving --------------------------------------------------------------------------------------


def _covered(model):
    """Whether saves of this model are cleaned: the project's apps and the Wagtail models above."""
    config = model._meta.app_config
    if config is None or model._meta.apps is not global_apps:
        return False  # a migration's historical model, or Django's migration recorder
    if config.name.startswith("vistka."):
        return True
    if config.label in THIRD_PARTY_APPS:
        return True
    return model._meta.label == settings.AUTH_USER_MODEL


_fields_of = {}


def text_fields(model):
    """[(attname, kind, field)] of the model's fields whose values are cleaned; kind is "text",
    "json" or "stream"."""
    found = _fields_of.get(model)
    if found is None:
        found = _fields_of[model] = _text_fields(model) if _covered(model) else []
    return found


def _text_fields(model):
    from wagtail.fields import StreamField

    found = []
    for field in model._meta.concrete_fields:
        if isinstance(field, StreamField):
            found.append((field.attname, "stream", field))
        elif isinstance(field, models.JSONField):
            found.append((field.attname, "json", field))
        elif isinstance(field, models.TextField | models.CharField):
            found.append((field.attname, "text", field))
    return found


def clean_instance(instance, update_fields=None):
    """Clean the text of a model instance in place (the fields it has loaded, or `update_fields`)."""
    deferred = instance.get_deferred_fields()
    for attname, kind, field in text_fields(type(instance)):
        if attname in deferred or (update_fields is not None and field.name not in update_fields):
            continue
        value = getattr(instance, attname)
        if value is None:
            continue
        if kind == "text":
            cleaned = clean_text(value)
        elif kind == "json":
            cleaned = clean_json(value)
        else:
            raw = field.get_prep_value(value)
            cleaned = clean_json(raw)
            if cleaned is raw:
                continue
        if cleaned is not value:
            setattr(instance, attname, cleaned)


def clean_before_save(sender, instance, update_fields=None, **kwargs):
    if text_fields(sender):
        clean_instance(instance, update_fields)


def connect():
    pre_save.connect(clean_before_save, dispatch_uid="vistka-sanitise")
    _fields_of.clear()
