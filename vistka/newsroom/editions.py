"""Which editions a staff member works in."""

from vistka.editions.languages import EDITIONS
from vistka.stories.models import StoryArchivePage


def archives_user_can_add_to(user):
    """The story archives (one per edition) where this user may create stories, uk first."""
    order = {edition.code: i for i, edition in enumerate(EDITIONS)}
    archives = StoryArchivePage.objects.select_related("locale")
    allowed = [a for a in archives if a.permissions_for_user(user).can_add_subpage()]
    return sorted(allowed, key=lambda a: order.get(a.locale.language_code, 99))
