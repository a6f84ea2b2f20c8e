"""What a person can be told, and how each kind reads in the list and in a mail subject."""

from django.utils.translation import gettext_lazy as _

SUBMITTED = "submitted"
APPROVED = "approved"
CHANGES_REQUESTED = "changes_requested"
PUBLISHED = "published"
TRANSLATION_MISSING = "translation_missing"
CORRECTION_TO_TRANSLATE = "correction_to_translate"

KINDS = (SUBMITTED, APPROVED, CHANGES_REQUESTED, PUBLISHED, TRANSLATION_MISSING, CORRECTION_TO_TRANSLATE)

# Kinds about a published story of another edition: told to people outside the story's edition.
CROSS_EDITION = {TRANSLATION_MISSING}

LABELS = {
    SUBMITTED: _("Submitted to me for review"),
    APPROVED: _("My story approved"),
    CHANGES_REQUESTED: _("Changes requested on my story"),
    PUBLISHED: _("My story published"),
    TRANSLATION_MISSING: _("A translation is missing in my edition"),
    CORRECTION_TO_TRANSLATE: _("A correction needs translating"),
}

# One line per notification: %(actor)s did something to «%(title)s».
MESSAGES = {
    SUBMITTED: _("%(actor)s submitted «%(title)s» for your review"),
    APPROVED: _("%(actor)s approved «%(title)s»"),
    CHANGES_REQUESTED: _("%(actor)s requested changes to «%(title)s»"),
    PUBLISHED: _("«%(title)s» was published"),
    TRANSLATION_MISSING: _("«%(title)s» was published in another edition and is missing in yours"),
    CORRECTION_TO_TRANSLATE: _("A correction to «%(title)s» needs translating"),
}

CHOICES = [(kind, LABELS[kind]) for kind in KINDS]
