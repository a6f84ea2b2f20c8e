"""handler400 (vistka/urls.py): a session that cannot be saved because the database went away
mid-request is reported by Django as SessionInterrupted, a 400 sent without got_request_exception;
when its cause is a database outage the request gets the outage page like any other."""

from django.views import defaults

from vistka.outage.detect import MARK, is_database_unavailable


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if is_database_unavailable(exception):
        setattr(request, MARK, True)
        return defaults.server_error(request)  # DatabaseOutageMiddleware turns it into the 503
    return defaults.bad_request(request, exception, template_name)
