from django.utils import translation

from vistka.editions.languages import EDITIONS, get_edition


def edition(request):
    current = get_edition(translation.get_language())
    return {"edition": current, "editions": EDITIONS}
