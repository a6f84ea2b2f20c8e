"""Tell the flagged translation's translators (vistka.notifications, when installed): their
"a correction needs translating" notification, in the list, the badge and their dashboard."""

from django.apps import apps

from vistka.corrections.signals import correction_needs_translating


def tell_translators(sender, story, source, correction, actor=None, **kwargs):
    from vistka import notifications
    from vistka.notifications.events import translators_of
    from vistka.notifications.kinds import CORRECTION_TO_TRANSLATE

    notifications.send(
        CORRECTION_TO_TRANSLATE, translators_of(story.locale.language_code), story, actor=actor
    )


def connect():
    if apps.is_installed("vistka.notifications"):
        correction_needs_translating.connect(tell_translators, dispatch_uid="vistka_corrections_notify")
