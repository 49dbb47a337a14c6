"""The admin with a second factor: staff sign in with their password and a code from an
authenticator app (TOTP), or one of their recovery codes. Someone without an authenticator
yet sets one up right after the password, before any admin page opens. Administrators reset
a person's second factor from the user list."""

import base64
import logging

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.views import LoginView, redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from divisions.coordination.services import calendar_token_revoke

RECOVERY_CODES = 10

logger = logging.getLogger(__name__)


def second_factor_required() -> bool:
    return settings.OTP_REQUIRED


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app (or a recovery code)"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        self.otp_device = None
        if user is not None and second_factor_required() and user_has_device(user):
            token = (cleaned.get("otp_token") or "").replace(" ", "")
            self.otp_device = match_token(user, token) if token else None
            if self.otp_device is None:
                raise forms.ValidationError(
                    _("Enter the current code from your authenticator app, or a recovery code."),
                    code="otp_token",
                )
        return cleaned


class TwoFactorLoginView(LoginView):
    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        elif second_factor_required():
            return HttpResponseRedirect(reverse("admin:two-factor-setup"))
        return response


class PortalAdminSite(admin.AdminSite):
    login_form = TwoFactorAuthenticationForm
    login_template = "admin/login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        verified = not second_factor_required() or request.user.is_verified()
        return super().has_permission(request) and verified

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        user = request.user
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        if (
            request.method == "GET"
            and user.is_authenticated
            and user.is_active
            and user.is_staff
            and second_factor_required()
            and not user.is_verified()
            and not user_has_device(user)
        ):
            return HttpResponseRedirect(reverse("admin:two-factor-setup"))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": user.get_username(),
            **(extra_context or {}),
        }
        if "next" not in request.GET and "next" not in request.POST:
            context["next"] = reverse("admin:index", current_app=self.name)
        request.current_app = self.name
        return TwoFactorLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form,
            template_name=self.login_template,
        )(request)

    def index(self, request: HttpRequest, extra_context=None):
        """The staff dashboard: the admin's home, with what waits for this person in each
        section their role reaches (with counts and links), and privacy requests by deadline."""
        from divisions.coordination.selectors import staff_tasks as coordination_tasks
        from divisions.knowledge.selectors import staff_tasks as knowledge_tasks
        from divisions.planning.selectors import staff_tasks as planning_tasks
        from divisions.spatial.selectors import staff_tasks as spatial_tasks

        from .selectors import privacy_requests_waiting

        user = request.user
        sections = [
            (_("Knowledge management"), knowledge_tasks(user=user)),
            (_("Coordination"), coordination_tasks(user=user)),
            (_("Spatial data"), spatial_tasks(user=user)),
            (_("Plan integration"), planning_tasks(user=user)),
        ]
        extra_context = {
            **(extra_context or {}),
            "waiting": [(name, tasks) for name, tasks in sections if tasks],
        }
        if user.has_perm("eecportal.view_privacyrequest"):
            extra_context["privacy"] = privacy_requests_waiting()
        return super().index(request, extra_context)

    def get_urls(self):
        return [
            path("two-factor/", self.two_factor_setup, name="two-factor-setup"),
            *super().get_urls(),
        ]

    @method_decorator(never_cache)
    def two_factor_setup(self, request: HttpRequest) -> HttpResponse:
        """Set up an authenticator app: scan the code, type one code back, keep the
        recovery codes. Only for a signed-in staff member without a working second factor."""
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if user.is_verified() or user_has_device(user):
            return HttpResponseRedirect(reverse("admin:index"))
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        error = ""
        if request.method == "POST":
            token = request.POST.get("otp_token", "").replace(" ", "")
            if token.isdigit() and device.verify_token(token):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                codes = _recovery_codes_create(user)
                context = {**self.each_context(request), "title": _("Recovery codes"),
                           "codes": codes}  # fmt: skip
                return render(request, "admin/two_factor_codes.html", context)
            error = _("That code is not right. Check the time on your phone and try again.")
        uri = device.config_url.replace("otpauth://totp/", "otpauth://totp/EEC%20Portal:", 1)
        context = {
            **self.each_context(request),
            "title": _("Set up two-step sign-in"),
            "qr_svg": segno.make(uri, error="m").svg_data_uri(scale=5),
            "secret": base64.b32encode(device.bin_key).decode(),
            "error": error,
        }
        return render(request, "admin/two_factor_setup.html", context)


def _recovery_codes_create(user) -> list[str]:
    """Fresh one-time recovery codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_reset(*, user, by) -> None:
    """Forget a person's authenticator, recovery codes and private calendar address (a lost
    phone): at their next sign-in they set up a new one, after their password."""
    logger.warning("second factor reset for %s by %s", user.get_username(), by.get_username())
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    calendar_token_revoke(user=user)
