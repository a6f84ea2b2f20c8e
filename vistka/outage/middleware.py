"""Turns the 500 of a request that failed because the database was unavailable into a clear 503.

Outermost in MIDDLEWARE, so whichever layer met the failure (the sign-in gate, the session or user
loaded by a middleware, the view, a template, the session saved on the way out), the mark set by
detect.remember_database_failure is on the request when the 500 comes back up. Any other 500 passes
unchanged. While the database is up it also remembers a staff member's admin language in a cookie,
for the page it may one day have to show them.
"""

from vistka.outage.detect import database_failed
from vistka.outage.language import is_staff_path, remember_admin_language
from vistka.outage.responses import outage_response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500 and database_failed(request):
            return outage_response(request, response)
        if is_staff_path(request.path_info) and response.status_code < 400:
            remember_admin_language(request, response)
        return response
