"""correction_needs_translating(sender=CorrectionToCarry, story=translation, source=original,
correction=the flag, actor=user or None): sent once per translation flagged, after the commit.
vistka.corrections.notify connects it to vistka.notifications (the translation's translators)."""

from django.dispatch import Signal

correction_needs_translating = Signal()
