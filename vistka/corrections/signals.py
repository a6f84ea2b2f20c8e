"""correction_needs_translating(sender=CorrectionToCarry, story=translation, source=original,
correction=the flag, actor=user or None): sent once per translation flagged, after the commit.
vistka.notifications connects to it to tell the translation's translators."""

from django.dispatch import Signal

correction_needs_translating = Signal()
