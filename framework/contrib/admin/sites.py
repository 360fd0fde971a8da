"""``AdminSite``: the registry of ModelAdmins, the site's URLs and its own pages.

``admin.site`` is the default site; projects may create more (``AdminSite(name=...)``)
and mount each under any path with ``path("admin/", site.urls)``.
"""

from __future__ import annotations

from functools import update_wrapper
from typing import Any
from weakref import WeakSet

from framework.conf import settings
from framework.contrib.admin import actions
from framework.contrib.admin.exceptions import AlreadyRegistered, NotRegistered
from framework.core.exceptions import ImproperlyConfigured, PermissionDenied
from framework.db.models.base import ModelBase
from framework.http import Http404, HttpResponseRedirect
from framework.template.response import TemplateResponse
from framework.urls import NoReverseMatch, Resolver404, include, path, re_path, resolve, reverse
from framework.utils.deferred import lazy_module
from framework.utils.functional import SimpleLazyObject
from framework.utils.http import url_has_allowed_host_and_scheme
from framework.utils.module_loading import import_string
from framework.utils.text import capfirst
from framework.views.decorators.cache import never_cache
from framework.views.decorators.csrf import csrf_protect

# Imported on first use (per-request code must not run import statements).
admin_forms = lazy_module("framework.contrib.admin.forms")
admin_models = lazy_module("framework.contrib.admin.models")
contrib_auth = lazy_module("framework.contrib.auth")
contrib_messages = lazy_module("framework.contrib.messages")

all_sites: WeakSet = WeakSet()


class AdminSite:
    """An admin site: registered models, index, login/logout, password change, autocomplete."""

    site_title = "Framework site admin"
    site_header = "Framework administration"
    index_title = "Site administration"
    site_url: str | None = "/"
    enable_nav_sidebar = True
    empty_value_display = "-"
    login_form: Any = None
    index_template: str | None = None
    app_index_template: str | None = None
    login_template: str | None = None
    logout_template: str | None = None
    password_change_template: str | None = None
    password_change_done_template: str | None = None
    final_catch_all_view = True

    def __init__(self, name: str = "admin"):
        self._registry: dict = {}
        self.name = name
        self._actions = {"delete_selected": actions.delete_selected}
        self._global_actions = self._actions.copy()
        all_sites.add(self)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}(name={self.name!r})"

    def check(self, app_configs: Any) -> list:
        """Run the checks of every registered ModelAdmin."""
        app_configs = set(app_configs) if app_configs else None
        errors = []
        for model_admin in self._registry.values():
            if app_configs is None or model_admin.model._meta.app_config in app_configs:
                errors.extend(model_admin.check())
        return errors

    # -- registry -------------------------------------------------------------------------

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """Register model(s) with ``admin_class`` (default ModelAdmin); options build a subclass."""
        from framework.contrib.admin.options import ModelAdmin

        admin_class = admin_class or ModelAdmin
        if isinstance(model_or_iterable, ModelBase):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if model._meta.abstract:
                raise ImproperlyConfigured(
                    f"The model {model.__name__} is abstract, so it cannot be registered with "
                    "admin."
                )
            if model._meta.swapped:
                continue
            if self.is_registered(model):
                registered = self._registry[model]
                raise AlreadyRegistered(
                    f"The model {model.__name__} is already registered with "
                    f"{registered.__class__.__module__}.{registered.__class__.__name__!r}: "
                    "unregister it first."
                )
            if options:
                options["__module__"] = __name__
                admin_class = type(f"{model.__name__}Admin", (admin_class,), options)
            self._registry[model] = admin_class(model, self)

    def unregister(self, model_or_iterable: Any) -> None:
        """Unregister model(s); NotRegistered if one is not registered."""
        if isinstance(model_or_iterable, ModelBase):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if not self.is_registered(model):
                raise NotRegistered(f"The model {model.__name__} is not registered")
            del self._registry[model]

    def is_registered(self, model: type) -> bool:
        """True if ``model`` is registered."""
        return model in self._registry

    def get_model_admin(self, model: type) -> Any:
        """The ModelAdmin of ``model``; NotRegistered if none."""
        try:
            return self._registry[model]
        except KeyError:
            raise NotRegistered(f"The model {model.__name__} is not registered.") from None

    def add_action(self, action: Any, name: str | None = None) -> None:
        """Make an action available to every ModelAdmin of this site."""
        name = name or action.__name__
        self._actions[name] = action
        self._global_actions[name] = action

    def disable_action(self, name: str) -> None:
        """Disable a site-wide action."""
        del self._actions[name]

    def get_action(self, name: str) -> Any:
        """A site-wide action, even if disabled (KeyError if unknown)."""
        return self._global_actions[name]

    @property
    def actions(self) -> Any:
        """The enabled site-wide actions."""
        return self._actions.items() and list(self._actions.values())

    # -- views plumbing -------------------------------------------------------------------

    def has_permission(self, request: Any) -> bool:
        """True if the user is an active staff member."""
        user = request.user
        return bool(user.is_active and user.is_staff)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Wrap ``view``: login required (staff), never cached, CSRF-protected."""

        def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not self.has_permission(request):
                if request.path == reverse(f"{self.name}:logout"):
                    return HttpResponseRedirect(self.index_url())
                from framework.contrib.auth.views import redirect_to_login

                return redirect_to_login(
                    request.get_full_path(),
                    reverse(f"{self.name}:login"),
                )
            return view(request, *args, **kwargs)

        if not cacheable:
            inner = never_cache(inner)
        if not getattr(view, "csrf_exempt", False):
            inner = csrf_protect(inner)
        return update_wrapper(inner, view)

    def index_url(self) -> str:
        return reverse(f"{self.name}:index")

    def get_urls(self) -> list:
        """The site's URL patterns: its own pages and every ModelAdmin's."""

        def wrap(view: Any, cacheable: bool = False) -> Any:
            # Decorated once per process, not per request.
            wrapper = self.admin_view(view, cacheable)
            wrapper.admin_site = self
            return wrapper

        urlpatterns = [
            path("", wrap(self.index), name="index"),
            path("login/", self.login, name="login"),
            path("logout/", wrap(self.logout), name="logout"),
            path(
                "password_change/",
                wrap(self.password_change, cacheable=True),
                name="password_change",
            ),
            path(
                "password_change/done/",
                wrap(self.password_change_done, cacheable=True),
                name="password_change_done",
            ),
            path("autocomplete/", wrap(self.autocomplete_view), name="autocomplete"),
            path("jsi18n/", wrap(self.i18n_javascript, cacheable=True), name="jsi18n"),
        ]
        valid_app_labels = []
        for model, model_admin in self._registry.items():
            urlpatterns.append(
                path(
                    f"{model._meta.app_label}/{model._meta.model_name}/", include(model_admin.urls)
                )
            )
            if model._meta.app_label not in valid_app_labels:
                valid_app_labels.append(model._meta.app_label)
        if valid_app_labels:
            regex = r"^(?P<app_label>" + "|".join(valid_app_labels) + ")/$"
            urlpatterns.append(re_path(regex, wrap(self.app_index), name="app_list"))
        if self.final_catch_all_view:
            urlpatterns.append(re_path(r"(?P<url>.*)$", wrap(self.catch_all_view)))
        return urlpatterns

    @property
    def urls(self) -> tuple:
        """``(patterns, "admin", name)`` for ``path("admin/", site.urls)``."""
        return self.get_urls(), "admin", self.name

    def each_context(self, request: Any) -> dict:
        """The variables every admin page's template gets."""
        script_name = request.META.get("SCRIPT_NAME", "")
        site_url = script_name if self.site_url == "/" and script_name else self.site_url
        context = {
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": site_url,
            "has_permission": self.has_permission(request),
            "available_apps": self.get_app_list(request),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": None,
            "admin_site": self,
            "admin_ns": self.name,
            "request": request,
        }
        # Messages show even where the project's TEMPLATES lack the messages context
        # processor (startproject's default).
        if hasattr(request, "_messages"):
            get_messages = contrib_messages.get_messages

            context["messages"] = get_messages(request)
        return context

    # -- pages ----------------------------------------------------------------------------

    def catch_all_view(self, request: Any, url: str) -> Any:
        """Unknown admin URLs: add the slash if that matches, else 404."""
        if settings.APPEND_SLASH and not url.endswith("/"):
            urlconf = getattr(request, "urlconf", None)
            try:
                match = resolve(f"{request.path_info}/", urlconf)
            except Resolver404:
                pass
            else:
                if getattr(match.func, "should_append_slash", True):
                    return HttpResponseRedirect(f"{request.path}/")
        raise Http404(f"No admin page at {request.path!r}.")

    def i18n_javascript(self, request: Any, extra_context: dict | None = None) -> Any:
        """An empty JavaScript catalog (the admin's strings are English only)."""
        from framework.http import HttpResponse

        return HttpResponse("/* no translations */", content_type="text/javascript")

    def password_change(self, request: Any, extra_context: dict | None = None) -> Any:
        """The password change page of the logged-in user."""
        update_session_auth_hash = contrib_auth.update_session_auth_hash
        from framework.contrib.auth.forms import PasswordChangeForm

        form = PasswordChangeForm(request.user, request.POST or None)
        if request.method == "POST" and form.is_valid():
            form.save()
            update_session_auth_hash(request, form.user)
            return HttpResponseRedirect(reverse(f"{self.name}:password_change_done"))
        context = {
            **self.each_context(request),
            "title": "Password change",
            "subtitle": None,
            "form": form,
            **(extra_context or {}),
        }
        return TemplateResponse(
            request,
            self.password_change_template or "admin/password_change_form.html",
            context,
        )

    def password_change_done(self, request: Any, extra_context: dict | None = None) -> Any:
        """ "Password change successful"."""
        context = {
            **self.each_context(request),
            "title": "Password change successful",
            "subtitle": None,
            **(extra_context or {}),
        }
        return TemplateResponse(
            request,
            self.password_change_done_template or "admin/password_change_done.html",
            context,
        )

    def logout(self, request: Any, extra_context: dict | None = None) -> Any:
        """Log out (POST only, as Django 5) and show the logged-out page."""
        auth_logout = contrib_auth.logout
        from framework.http import HttpResponseNotAllowed

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        auth_logout(request)
        context = {
            **self.each_context(request),
            "title": "Logged out",
            "subtitle": None,
            "has_permission": False,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.logout_template or "admin/logged_out.html", context)

    def login(self, request: Any, extra_context: dict | None = None) -> Any:
        """The login page (staff members only); an already logged-in staff user goes to the index."""
        AdminAuthenticationForm = admin_forms.AdminAuthenticationForm
        auth_login = contrib_auth.login

        @never_cache
        @csrf_protect
        def view(request: Any) -> Any:
            if request.method == "GET" and self.has_permission(request):
                return HttpResponseRedirect(self.index_url())
            form_class = self.login_form or AdminAuthenticationForm
            form = form_class(request, data=request.POST if request.method == "POST" else None)
            redirect_to = request.POST.get("next", request.GET.get("next", ""))
            if request.method == "POST" and form.is_valid():
                auth_login(request, form.get_user())
                if not url_has_allowed_host_and_scheme(
                    redirect_to,
                    allowed_hosts={request.get_host()},
                    require_https=request.is_secure(),
                ):
                    redirect_to = self.index_url()
                return HttpResponseRedirect(redirect_to or self.index_url())
            context = {
                **self.each_context(request),
                "title": "Log in",
                "subtitle": None,
                "app_path": request.get_full_path(),
                "username": request.user.get_username() if request.user.is_authenticated else "",
                "form": form,
                "next": redirect_to or self.index_url(),
                **(extra_context or {}),
            }
            return TemplateResponse(request, self.login_template or "admin/login.html", context)

        return view(request)

    def autocomplete_view(self, request: Any) -> Any:
        """The JSON search endpoint of ``autocomplete_fields``."""
        from framework.contrib.admin.views.autocomplete import AutocompleteJsonView

        return AutocompleteJsonView.as_view(admin_site=self)(request)

    # -- index ----------------------------------------------------------------------------

    def _build_app_dict(self, request: Any, label: str | None = None) -> dict:
        app_dict: dict = {}
        models = (
            {m: ma for m, ma in self._registry.items() if m._meta.app_label == label}
            if label
            else self._registry
        )
        for model, model_admin in models.items():
            app_label = model._meta.app_label
            if not model_admin.has_module_permission(request):
                continue
            perms = model_admin.get_model_perms(request)
            if True not in perms.values():
                continue
            info = (self.name, app_label, model._meta.model_name)
            model_dict = {
                "model": model,
                "name": capfirst(str(model._meta.verbose_name_plural)),
                "object_name": model._meta.object_name,
                "perms": perms,
                "admin_url": None,
                "add_url": None,
            }
            if perms.get("change") or perms.get("view"):
                model_dict["view_only"] = not perms.get("change")
                try:
                    model_dict["admin_url"] = reverse(
                        "{}:{}_{}_changelist".format(*info), current_app=self.name
                    )
                except NoReverseMatch:
                    pass
            if perms.get("add"):
                try:
                    model_dict["add_url"] = reverse(
                        "{}:{}_{}_add".format(*info), current_app=self.name
                    )
                except NoReverseMatch:
                    pass
            if app_label in app_dict:
                app_dict[app_label]["models"].append(model_dict)
            else:
                app_config = model._meta.app_config
                app_dict[app_label] = {
                    "name": str(app_config.verbose_name),
                    "app_label": app_label,
                    "app_url": reverse(f"{self.name}:app_list", kwargs={"app_label": app_label}),
                    "has_module_perms": True,
                    "models": [model_dict],
                }
        return app_dict

    def get_app_list(self, request: Any, app_label: str | None = None) -> list:
        """The apps and models this user may see, sorted by name."""
        if not getattr(request, "user", None) or not self.has_permission(request):
            return []
        cache = request.__dict__.setdefault("_admin_app_list", {})
        key = (self.name, app_label)
        if key not in cache:
            app_dict = self._build_app_dict(request, app_label)
            app_list = sorted(app_dict.values(), key=lambda x: x["name"].lower())
            for app in app_list:
                app["models"].sort(key=lambda x: x["name"])
            cache[key] = app_list
        return cache[key]

    def index(self, request: Any, extra_context: dict | None = None) -> Any:
        """The apps and models the user may see, and their recent actions."""
        LogEntry = admin_models.LogEntry

        context = {
            **self.each_context(request),
            "title": self.index_title,
            "subtitle": None,
            "app_list": self.get_app_list(request),
            "recent_actions": list(
                LogEntry.objects.filter(user_id=request.user.pk)
                .select_related("content_type")
                .order_by("-action_time", "-id")[:10]
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.index_template or "admin/index.html", context)

    def app_index(self, request: Any, app_label: str, extra_context: dict | None = None) -> Any:
        """The models of one app."""
        app_list = self.get_app_list(request, app_label)
        if not app_list:
            raise PermissionDenied
        context = {
            **self.each_context(request),
            "title": f"{app_list[0]['name']} administration",
            "subtitle": None,
            "app_list": app_list,
            "app_label": app_label,
            **(extra_context or {}),
        }
        return TemplateResponse(
            request,
            self.app_index_template
            or [f"admin/{app_label}/app_index.html", "admin/app_index.html"],
            context,
        )


def _default_site() -> AdminSite:
    from framework.apps import apps

    try:
        path_ = apps.get_app_config("admin").default_site
    except LookupError:
        path_ = "framework.contrib.admin.sites.AdminSite"
    return import_string(path_)()


# ``admin.site``: the site class named by the admin AppConfig's ``default_site``.
site: Any = SimpleLazyObject(_default_site)
