"""Staff sessions pages and the throttled password reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.views.account import PasswordResetView

from vistka.accounts import sessions
from vistka.accounts.client_ip import client_ip
from vistka.accounts.devices import describe_user_agent
from vistka.accounts.models import StaffSession
from vistka.accounts.notices import send_security_notice
from vistka.accounts.signals import throttled_audit_due
from vistka.audit.log import record
from vistka.audit.models import AuditEvent


def can_manage_sessions_of_others(user):
    return user.is_superuser or user.has_perm("auth.change_user")


def session_rows(request, user):
    current = sessions.row_key(request.session)
    rows = list(StaffSession.objects.filter(user=user).order_by("-last_seen"))
    for row in rows:
        row.device = describe_user_agent(row.user_agent) or _("unknown browser")
        row.is_current = row.key_hash == current
    return rows


def my_sessions(request):
    """The signed-in user's sessions: device, address, last seen; end one or all the others."""
    if request.method == "POST":
        rows = StaffSession.objects.filter(user=request.user)  # never a session of someone else
        current = sessions.row_key(request.session)
        if request.POST.get("session"):
            rows = rows.filter(pk=request.POST["session"] if request.POST["session"].isdigit() else 0)
        elif request.POST.get("all") is not None:
            rows = rows.exclude(key_hash=current)
        else:
            rows = rows.none()
        ended = sessions.end_sessions(rows)
        if ended:
            record(
                "sessions.ended", request=request, target=request.user, data={"count": ended, "by": "self"}
            )
            messages.success(
                request,
                ngettext("%(count)d session ended.", "%(count)d sessions ended.", ended) % {"count": ended},
            )
        return redirect("accounts_my_sessions")
    return TemplateResponse(
        request,
        "accounts/sessions.html",
        {"rows": session_rows(request, request.user), "subject": request.user, "own": True},
    )


def user_sessions(request, user_id):
    """An administrator's view of another account's sessions; ending them is audited and mailed."""
    if not can_manage_sessions_of_others(request.user):
        raise PermissionDenied
    subject = get_object_or_404(get_user_model(), pk=user_id)
    if subject.is_superuser and not request.user.is_superuser:
        raise PermissionDenied  # a user manager does not sign out the superusers above them
    if request.method == "POST":
        ended = sessions.end_sessions(StaffSession.objects.filter(user=subject))
        if ended:
            record("sessions.ended", request=request, target=subject, data={"count": ended, "by": "admin"})
            send_security_notice(
                subject, "sessions-ended", request=request, actor=request.user.get_username(), count=ended
            )
        messages.success(
            request,
            ngettext("%(count)d session ended.", "%(count)d sessions ended.", ended) % {"count": ended},
        )
        return redirect("accounts_user_sessions", user_id=subject.pk)
    return TemplateResponse(
        request,
        "accounts/sessions.html",
        {"rows": session_rows(request, subject), "subject": subject, "own": subject.pk == request.user.pk},
    )


def password_reset_throttled(request):
    """Per address and per entered address: recent requests counted in the audit trail."""
    since = timezone.now() - timezone.timedelta(seconds=settings.PASSWORD_RESET_WINDOW_SECONDS)
    recent = AuditEvent.objects.filter(action="auth.password_reset_requested", at__gte=since)
    if recent.filter(ip_address=client_ip(request)).count() >= settings.PASSWORD_RESET_PER_ADDRESS:
        return True
    email = request.POST.get("email", "").strip().lower()[:254]
    return bool(email) and recent.filter(data__email=email).count() >= settings.PASSWORD_RESET_PER_ACCOUNT


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, refused (429) past the per-address or per-account limit."""

    def post(self, request, *args, **kwargs):
        if password_reset_throttled(request):
            if throttled_audit_due("password-reset", client_ip(request)):  # once a minute per address
                record(
                    "auth.throttled",
                    request=request,
                    data={"kind": "password-reset", "email": request.POST.get("email", "")[:254]},
                )
            response = render(
                request,
                "accounts/throttled.html",
                {"busy": False, "minutes": settings.PASSWORD_RESET_WINDOW_SECONDS // 60},
                status=429,
            )
            response["Retry-After"] = str(settings.PASSWORD_RESET_WINDOW_SECONDS)
            return response
        record(
            "auth.password_reset_requested",
            request=request,
            data={"email": request.POST.get("email", "").strip().lower()[:254]},
        )
        return super().post(request, *args, **kwargs)
