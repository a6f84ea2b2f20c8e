"""The request being served, for audit entries written by signal receivers (who did it, from where).

Signals such as m2m_changed or a Wagtail log entry's post_save carry no request; the middleware
keeps the current one in a context variable for the duration of the request.
"""

from contextvars import ContextVar

_current_request = ContextVar("vistka_audit_request", default=None)


def current_request():
    return _current_request.get()


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
