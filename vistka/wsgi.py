import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vistka.settings")
django_application = get_wsgi_application()

from vistka.accounts.wsgi_gate import SignInGate  # noqa: E402
from vistka.core.limits import BodyLimit  # noqa: E402  (needs Django set up)
from vistka.delivery.fastpath import FastPath  # noqa: E402
from vistka.observability.observed import Observed  # noqa: E402

# Outermost: request ids, readiness and metrics endpoints, counting every answer (fast-path hits
# too) and the access log; it reads no body. Then an oversized request body is refused before
# anything reads it. Then a sign-in post the gate or a known lock refuses is answered, before Django.
application = Observed(BodyLimit(SignInGate(FastPath(django_application))))

from vistka.reader.lemmas import load_dictionaries  # noqa: E402

load_dictionaries()  # before the first request, not during it
