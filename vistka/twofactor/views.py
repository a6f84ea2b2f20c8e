"""The second step, enrolment, a staff member's own factors and an admin's reset of a colleague's."""

from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.admin.auth import require_admin_access

from vistka.audit.log import record
from vistka.twofactor import factors, policy, steps
from vistka.twofactor.forms import CodeForm


def with_next(name, next_path):
    return f"{reverse(name)}?{urlencode({'next': next_path})}"


def next_url(request, default="wagtailadmin_home"):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


@never_cache
@require_admin_access
def verify(request):
    """Step two of signing in: a code from the app, a recovery code or a passkey."""
    user = request.user
    if user.is_verified() or not policy.has_factor(user):
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait = factors.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            steps.passed(request, device)
            if factors.kind_of(device) == "recovery":
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)d is left.",
                        "You used a recovery code; %(count)d are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url(request))
        if wait:
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes. Try again in %(seconds)d second.",
                    "Too many wrong codes. Try again in %(seconds)d seconds.",
                    wait,
                )
                % {"seconds": wait},
            )
        else:
            failures = request.session.get(steps.FAILURES_SESSION_KEY, 0) + 1
            request.session[steps.FAILURES_SESSION_KEY] = failures
            record("twofactor.failed", request=request, data={"failures": failures})
            if failures >= settings.TWO_FACTOR_MAX_FAILURES:
                record("twofactor.locked_out", request=request, data={"failures": failures})
                logout(request)
                messages.error(request, _("Too many wrong codes. Sign in again."))
                return redirect("wagtailadmin_login")
            form.add_error("code", _("This code is not valid."))
    kinds = {factors.kind_of(device) for device in factors.factors_of(user)}
    return TemplateResponse(
        request,
        "twofactor/verify.html",
        {"form": form, "next": next_url(request), "kinds": kinds},
    )


@never_cache
@require_admin_access
def enrol(request):
    """Adds an authenticator app (TOTP): QR code and secret, confirmed with a code; or a passkey."""
    user = request.user
    if policy.has_factor(user) and not user.is_verified():
        # Only someone who passed the second step may add a factor to an account that has one.
        return redirect(with_next("twofactor_verify", reverse("twofactor_enrol")))
    device = factors.pending_totp(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if factors.confirm_totp(device, form.cleaned_data["code"]):
            device.refresh_from_db()
            if not user.is_verified():
                otp_login(request, device)
            steps.enrolled(request, device)
            if steps.offer_recovery_codes(request):
                return redirect(with_next("twofactor_recovery_codes", next_url(request)))
            messages.success(request, _("The authenticator app has been added."))
            return redirect(next_url(request, "twofactor_factors"))
        form.add_error("code", _("This code is not valid. Check the time on your phone and try again."))
    return TemplateResponse(
        request,
        "twofactor/enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "secret": factors.base32_secret(device),
            "qr_svg": factors.qr_svg(device),
            "required": policy.is_required(user) and not factors.interactive_factors(user),
        },
    )


@never_cache
@require_admin_access
def recovery_codes(request):
    """Shows newly made recovery codes once; POST makes new ones (replacing the old)."""
    if request.method == "POST":
        if not request.user.is_verified():
            raise PermissionDenied
        steps.keep_new_codes(request, factors.new_recovery_codes(request.user))
        record("twofactor.recovery_codes_generated", request=request)
        return redirect(with_next("twofactor_recovery_codes", reverse("twofactor_factors")))
    codes = steps.take_new_codes(request)
    if not codes:
        return redirect(next_url(request, "twofactor_factors"))
    return TemplateResponse(
        request, "twofactor/recovery_codes.html", {"codes": codes, "next": next_url(request)}
    )


@never_cache
@require_admin_access
def factors_page(request):
    """The staff member's own factors (the account page links here)."""
    user = request.user
    return TemplateResponse(
        request,
        "twofactor/factors.html",
        {
            "factors": factors.factors_of(user),
            "recovery_left": sum(
                device.token_set.count() for device in StaticDevice.objects.filter(user=user, confirmed=True)
            ),
            "required": policy.is_required(user),
            "current": getattr(user, "otp_device", None),
        },
    )


@require_POST
@require_admin_access
def remove_factor(request, kind, pk):
    user = request.user
    device = factors.find_factor(user, kind, pk)
    if device is None:
        raise Http404
    others = [other for other in factors.interactive_factors(user) if other != device]
    if kind != "recovery" and not others and policy.is_required(user):
        messages.error(
            request, _("Your role requires a second factor: add another one before removing this.")
        )
        return redirect("twofactor_factors")
    was_current = getattr(user, "otp_device", None) == device
    record("twofactor.removed", request=request, target=device, data={"factor": kind})
    device.delete()
    if not others:
        StaticDevice.objects.filter(user=user).delete()  # recovery codes alone are no second factor
    elif was_current:
        otp_login(request, others[0])  # this session passed the second step already
    steps.notify(user, "factor-removed", request=request, factor=kind)
    messages.success(request, _("The factor has been removed."))
    return redirect("twofactor_factors")


def staff_members():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__isnull=False) | Q(is_superuser=True) | Q(is_staff=True))
        .distinct()
        .order_by("username")
    )


@never_cache
@require_admin_access
def staff(request):
    """Admins: every staff member's factors, with a reset for a lost phone or passkey."""
    if not policy.may_reset_colleagues(request.user):
        raise PermissionDenied
    members = list(staff_members())
    counts = {}
    for model, kind in ((TOTPDevice, "totp"), (WebAuthnCredential, "passkey"), (StaticDevice, "recovery")):
        for user_id in model.objects.filter(confirmed=True).values_list("user_id", flat=True):
            counts.setdefault(user_id, Counter())[kind] += 1
    rows = [
        {"user": member, "counts": counts.get(member.pk, Counter()), "required": policy.is_required(member)}
        for member in members
    ]
    return TemplateResponse(request, "twofactor/staff.html", {"rows": rows})


@require_POST
@require_admin_access
def reset(request, user_id):
    actor = request.user
    if not policy.may_reset_colleagues(actor) or not actor.is_verified() and policy.has_factor(actor):
        raise PermissionDenied
    colleague = get_object_or_404(staff_members(), pk=user_id)
    if colleague.pk == actor.pk or (colleague.is_superuser and not actor.is_superuser):
        raise PermissionDenied
    removed = factors.reset_factors(colleague)
    record("twofactor.reset", request=request, target=colleague, data={"removed": removed})
    steps.notify(colleague, "factors-reset", request=request)
    messages.success(
        request,
        _("%(name)s's second factors have been reset: they will set up a new one at their next sign-in.")
        % {"name": colleague.get_username()},
    )
    return redirect("twofactor_staff")
