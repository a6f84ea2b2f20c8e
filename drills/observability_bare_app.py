"""The app's WSGI stack without the observability wrapper (vistka.wsgi less Observed): the drill
`observability` measures the fast path's hits through both, side by side."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vistka.settings")
from vistka.core.limits import BodyLimit  # noqa: E402
from vistka.delivery.fastpath import FastPath  # noqa: E402

application = BodyLimit(FastPath(get_wsgi_application()))
