"""The newsroom's notifications: in the admin (a badge and a list) and by e-mail.

Public API for other apps (imported lazily, so this package can be imported before apps load):

    from vistka import notifications
    notifications.send(kind, recipients, story, actor=None)
    notifications.notify_correction_needs_translating(story, actor=None)

`kind` is one of vistka.notifications.kinds.KINDS. Recipients are always filtered against the
story's edition (see delivery.may_be_told), their own preferences and the actor (nobody is told of
their own act). Mail goes after the transaction commits and never fails the caller.
"""


def send(kind, recipients, story, actor=None):
    from vistka.notifications.delivery import send as deliver

    return deliver(kind, recipients, story, actor=actor)


def notify_correction_needs_translating(story, actor=None):
    from vistka.notifications.events import correction_needs_translating

    return correction_needs_translating(story, actor=actor)
