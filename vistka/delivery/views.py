"""Health check for load balancers and Varnish probes."""

from django.db import DatabaseError, connection
from django.http import HttpResponse


def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse(
            "database unavailable\n",
            status=503,
            content_type="text/plain",
            headers={"Cache-Control": "no-store"},
        )
    return HttpResponse("ok\n", content_type="text/plain", headers={"Cache-Control": "no-store"})
