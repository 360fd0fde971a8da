"""Authentication views: log in/out, change a password, reset a forgotten password.

Templates (Jinja2, Django's names) are in ``templates/registration/``; ``urls.py``
wires the views under Django's URL names (``login``, ``password_reset`` ...).
"""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.contrib.auth.api import (
    REDIRECT_FIELD_NAME,
    get_user_model,
    update_session_auth_hash,
)
from framework.contrib.auth.api import login as auth_login
from framework.contrib.auth.api import logout as auth_logout
from framework.contrib.auth.decorators import login_not_required, login_required
from framework.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from framework.contrib.auth.redirects import redirect_to_login as redirect_to_login
from framework.contrib.auth.tokens import default_token_generator
from framework.core.exceptions import ImproperlyConfigured, ValidationError
from framework.http import HttpResponseRedirect
from framework.shortcuts import resolve_url
from framework.urls import reverse_lazy
from framework.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from framework.views.decorators.cache import never_cache
from framework.views.decorators.csrf import csrf_protect
from framework.views.decorators.debug import sensitive_post_parameters
from framework.views.generic.base import ContextMixin, TemplateResponseMixin, TemplateView, View

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordChangeDoneView",
    "PasswordChangeView",
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "logout_then_login",
    "redirect_to_login",
]


class _DecoratedView:
    """Apply ``view_decorators`` (innermost first) to the function ``as_view()`` returns."""

    view_decorators: tuple = ()

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        view = super().as_view(**initkwargs)
        for decorator in cls.view_decorators:
            view = decorator(view)
        return view


class RedirectURLMixin:
    """Where to go after a successful POST: a safe ``next`` or the default."""

    next_page: str | None = None
    redirect_field_name = REDIRECT_FIELD_NAME
    success_url_allowed_hosts: set[str] = set()

    def get_success_url(self) -> str:
        return self.get_redirect_url() or self.get_default_redirect_url()

    def get_redirect_url(self) -> str:
        """The ``next`` URL of the request if it is safe (same host, allowed scheme), else ''."""
        redirect_to = self.request.POST.get(
            self.redirect_field_name, self.request.GET.get(self.redirect_field_name)
        )
        url_is_safe = url_has_allowed_host_and_scheme(
            url=redirect_to,
            allowed_hosts=self.get_success_url_allowed_hosts(),
            require_https=self.request.is_secure(),
        )
        return redirect_to if url_is_safe else ""

    def get_success_url_allowed_hosts(self) -> set[str]:
        return {self.request.get_host(), *self.success_url_allowed_hosts}

    def get_default_redirect_url(self) -> str:
        if self.next_page:
            return resolve_url(self.next_page)
        raise ImproperlyConfigured("No URL to redirect to. Provide a next_page.")


class _FormMixin(ContextMixin):
    """The parts of Django's FormView the auth views use."""

    form_class: Any = None
    success_url: Any = None
    initial: dict = {}

    def get_form_class(self) -> Any:
        return self.form_class

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"initial": dict(self.initial)}
        if self.request.method in ("POST", "PUT"):
            kwargs.update({"data": self.request.POST, "files": self.request.FILES})
        return kwargs

    def get_form(self, form_class: Any = None) -> Any:
        return (form_class or self.get_form_class())(**self.get_form_kwargs())

    def get_success_url(self) -> str:
        if not self.success_url:
            raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")
        return str(self.success_url)

    def form_valid(self, form: Any) -> Any:
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> Any:
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(**kwargs)

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.render_to_response(self.get_context_data())

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)


def _site_context(request: Any) -> dict[str, Any]:
    from framework.contrib.sites.shortcuts import get_current_site

    try:
        site = get_current_site(request)
    except Exception:
        # A missing Site row must not break the login page.
        from framework.contrib.sites.requests import RequestSite

        site = RequestSite(request)
    return {"site": site, "site_name": site.name}


class LoginView(_DecoratedView, RedirectURLMixin, _FormMixin, TemplateResponseMixin, View):
    """Show the login form; on success log the user in and redirect to ``next``."""

    form_class = AuthenticationForm
    authentication_form: Any = None
    template_name = "registration/login.html"
    redirect_authenticated_user = False
    view_decorators = (
        sensitive_post_parameters(),
        csrf_protect,
        never_cache,
        login_not_required,
    )

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if self.redirect_authenticated_user and self.request.user.is_authenticated:
            redirect_to = self.get_success_url()
            if redirect_to == self.request.path:
                raise ValueError(
                    "Redirection loop for authenticated user detected. Check that your "
                    "LOGIN_REDIRECT_URL doesn't point to a login page."
                )
            return HttpResponseRedirect(redirect_to)
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        return resolve_url(self.next_page or settings.LOGIN_REDIRECT_URL)

    def get_form_class(self) -> Any:
        return self.authentication_form or self.form_class

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def form_valid(self, form: Any) -> Any:
        auth_login(self.request, form.get_user())
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                self.redirect_field_name: self.get_redirect_url(),
                "redirect_field_name": self.redirect_field_name,
                "redirect_field_value": self.get_redirect_url(),
                **_site_context(self.request),
            }
        )
        return context


class LogoutView(_DecoratedView, RedirectURLMixin, TemplateView):
    """Log out on POST (never on GET: a link or image must not log anyone out)."""

    http_method_names = ["post", "options"]
    template_name = "registration/logged_out.html"
    view_decorators = (csrf_protect, never_cache, login_not_required)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        auth_logout(request)
        redirect_to = self.get_success_url()
        if redirect_to != request.get_full_path():
            return HttpResponseRedirect(redirect_to)
        return super().get(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        if self.next_page:
            return resolve_url(self.next_page)
        if settings.LOGOUT_REDIRECT_URL:
            return resolve_url(settings.LOGOUT_REDIRECT_URL)
        return self.request.path

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"title": "Logged out", **_site_context(self.request)})
        return context


@login_not_required
def logout_then_login(request: Any, login_url: str | None = None) -> Any:
    """Log out (POST only), then redirect to the login page."""
    login_url = resolve_url(login_url or settings.LOGIN_URL)
    return LogoutView.as_view(next_page=login_url)(request)


class PasswordContextMixin:
    extra_context: dict | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"title": self.title, "subtitle": None, **(self.extra_context or {})})
        return context


class PasswordResetView(
    _DecoratedView, PasswordContextMixin, _FormMixin, TemplateResponseMixin, View
):
    """Ask for an e-mail address; mail a reset link. Same answer for unknown addresses."""

    email_template_name = "registration/password_reset_email.html"
    extra_email_context: dict | None = None
    form_class = PasswordResetForm
    from_email: str | None = None
    html_email_template_name: str | None = None
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    template_name = "registration/password_reset_form.html"
    title = "Password reset"
    token_generator = default_token_generator
    view_decorators = (csrf_protect, login_not_required)

    def form_valid(self, form: Any) -> Any:
        form.save(
            use_https=self.request.is_secure(),
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return super().form_valid(form)


INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"


class PasswordResetDoneView(_DecoratedView, PasswordContextMixin, TemplateView):
    """'Check your e-mail'."""

    template_name = "registration/password_reset_done.html"
    title = "Password reset sent"
    view_decorators = (login_not_required,)


class PasswordResetConfirmView(
    _DecoratedView, PasswordContextMixin, _FormMixin, TemplateResponseMixin, View
):
    """The link of the reset e-mail: check the token, then ask for a new password.

    The token moves from the URL to the session at once (redirect to a URL with
    ``set-password`` instead), so that it does not leak through the Referer header.
    """

    form_class = SetPasswordForm
    post_reset_login = False
    post_reset_login_backend: str | None = None
    reset_url_token = "set-password"
    success_url = reverse_lazy("password_reset_complete")
    template_name = "registration/password_reset_confirm.html"
    title = "Enter new password"
    token_generator = default_token_generator
    view_decorators = (sensitive_post_parameters(), never_cache, login_not_required)

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if "uidb64" not in kwargs or "token" not in kwargs:
            raise ImproperlyConfigured("The URL path must contain 'uidb64' and 'token' parameters.")
        self.validlink = False
        self.user = self.get_user(kwargs["uidb64"])
        if self.user is not None:
            token = kwargs["token"]
            if token == self.reset_url_token:
                session_token = self.request.session.get(INTERNAL_RESET_SESSION_TOKEN)
                if self.token_generator.check_token(self.user, session_token):
                    self.validlink = True
                    return super().dispatch(request, *args, **kwargs)
            elif self.token_generator.check_token(self.user, token):
                self.request.session[INTERNAL_RESET_SESSION_TOKEN] = token
                redirect_url = self.request.path.replace(token, self.reset_url_token)
                return HttpResponseRedirect(redirect_url)
        # An invalid link: show the page saying so.
        return self.render_to_response(self.get_context_data())

    def get_user(self, uidb64: str) -> Any:
        UserModel = get_user_model()
        try:
            uid = UserModel._meta.pk.to_python(urlsafe_base64_decode(uidb64).decode())
            return UserModel._default_manager.get(pk=uid)
        except (TypeError, ValueError, OverflowError, UserModel.DoesNotExist, ValidationError):
            return None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.user
        return kwargs

    def form_valid(self, form: Any) -> Any:
        user = form.save()
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        if self.post_reset_login:
            auth_login(self.request, user, self.post_reset_login_backend)
        return super().form_valid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if self.validlink:
            context = super().get_context_data(**kwargs)
            context["validlink"] = True
            return context
        context = ContextMixin.get_context_data(self, **kwargs)
        context.update({"form": None, "title": "Password reset unsuccessful", "validlink": False})
        return context


class PasswordResetCompleteView(_DecoratedView, PasswordContextMixin, TemplateView):
    """'Your password has been set'."""

    template_name = "registration/password_reset_complete.html"
    title = "Password reset complete"
    view_decorators = (login_not_required,)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["login_url"] = resolve_url(settings.LOGIN_URL)
        return context


class PasswordChangeView(
    _DecoratedView, PasswordContextMixin, _FormMixin, TemplateResponseMixin, View
):
    """Change the logged-in user's password; the current session stays logged in."""

    form_class = PasswordChangeForm
    success_url = reverse_lazy("password_change_done")
    template_name = "registration/password_change_form.html"
    title = "Password change"
    view_decorators = (sensitive_post_parameters(), csrf_protect, login_required)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form: Any) -> Any:
        form.save()
        # Other sessions of the user end; this one gets the new hash.
        update_session_auth_hash(self.request, form.user)
        return super().form_valid(form)


class PasswordChangeDoneView(_DecoratedView, PasswordContextMixin, TemplateView):
    """'Your password was changed'."""

    template_name = "registration/password_change_done.html"
    title = "Password change successful"
    view_decorators = (login_required,)
