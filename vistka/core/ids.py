"""Ids posted in forms, read the way Django's form fields read them.

A model choice field looks up `int(value)`, which accepts " 9", "9 " and "+9"; a check that only
counts `value.isdigit()` skipped those while the form saved them (another edition's author or
draft chosen with "+9"). Every permission check reads posted ids with `posted_id`."""


def posted_id(value):
    """The integer id a form field would look up for `value`, or None when it would find none."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
