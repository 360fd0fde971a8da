"""``ModelAdmin`` and the inlines: how one model is listed, edited and guarded in the admin.

Configuration and hooks live here; the views themselves are in ``views/`` mixins
(``ChangeListViews`` and ``ChangeFormViews``), so that each module stays readable.
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any
from urllib.parse import urlencode

from framework.contrib.admin.changemessage import construct_change_message
from framework.contrib.admin.checks_modeladmin import check_model_admin
from framework.contrib.admin.utils import (
    flatten_fieldsets,
    quote,
)
from framework.contrib.admin.views.changeform import ChangeFormViews
from framework.contrib.admin.views.changelist import ChangeListViews
from framework.contrib.admin.views.objectperms import ObjectPermissionViews
from framework.contrib.admin.views.popup import PopupViews
from framework.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from framework.db import models
from framework.urls import path, reverse
from framework.utils.deferred import LazyImport, lazy_module

# Imported on first use (per-request code must not run import statements).
contrib_messages = lazy_module("framework.contrib.messages")
admin_models = lazy_module("framework.contrib.admin.models")
admin_widgets = lazy_module("framework.contrib.admin.widgets")
auth_shortcuts = lazy_module("framework.contrib.auth.shortcuts")
contenttypes_models = lazy_module("framework.contrib.contenttypes.models")
sites_shortcuts = lazy_module("framework.contrib.sites.shortcuts")

# Forms serve only the admin's pages: they load with the first one, not at start-up,
# although every ModelAdmin class is built at start-up (autodiscover).
forms = lazy_module("framework.forms")
forms_models = lazy_module("framework.forms.models")
model_formsets = lazy_module("framework.forms.model_formsets")

HORIZONTAL, VERTICAL = 1, 2
IS_POPUP_VAR = "_popup"
TO_FIELD_VAR = "_to_field"
IS_FACETS_VAR = "_facets"


def get_content_type_for_model(obj: Any) -> Any:
    """The ContentType of a model or instance (proxy models keep their own)."""
    ContentType = contenttypes_models.ContentType

    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def get_ul_class(radio_style: int) -> str:
    """The CSS class of a radio list."""
    return "radiolist" if radio_style == VERTICAL else "radiolist inline"


class BaseModelAdmin:
    """What ModelAdmin and InlineModelAdmin share: fields, forms and permissions."""

    autocomplete_fields: Any = ()
    raw_id_fields: Any = ()
    fields: Any = None
    exclude: Any = None
    fieldsets: Any = None
    form: type = LazyImport("framework.forms.ModelForm")
    filter_vertical: Any = ()
    filter_horizontal: Any = ()
    radio_fields: dict = {}
    prepopulated_fields: dict = {}
    formfield_overrides: dict = {}
    readonly_fields: Any = ()
    ordering: Any = None
    sortable_by: Any = None
    view_on_site: Any = True
    show_full_result_count = True
    object_permissions = False
    # The relation to sites.Site ("site" FK or "sites" M2M); None finds it, False: off.
    site_field: Any = None

    def check(self, **kwargs: Any) -> list:
        """Configuration errors of this admin class (system checks)."""
        return check_model_admin(self)

    # -- form fields --------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        """The form field of ``db_field``, with the admin's widgets."""
        if getattr(db_field, "choices", None):
            return self.formfield_for_choice_field(db_field, request, **kwargs)
        if isinstance(db_field, (models.ForeignKey, models.ManyToManyField)):
            if isinstance(db_field, models.ForeignKey):
                formfield = self.formfield_for_foreignkey(db_field, request, **kwargs)
            else:
                formfield = self.formfield_for_manytomany(db_field, request, **kwargs)
            if formfield is not None and db_field.name not in self.raw_id_fields:
                formfield.widget = self._wrap_related(formfield.widget, db_field, request)
            return formfield
        for klass in db_field.__class__.mro():
            if klass in self.formfield_overrides:
                kwargs = {**copy.deepcopy(self.formfield_overrides[klass]), **kwargs}
                break
        if "widget" not in kwargs and type(db_field) is models.DateField:
            # The browser's own date picker: no JavaScript of ours needed.
            kwargs["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        if "widget" not in kwargs and type(db_field) is models.DateTimeField:
            AdminDateTimeWidget = admin_widgets.AdminDateTimeWidget

            kwargs["widget"] = AdminDateTimeWidget
        return db_field.formfield(**kwargs)

    def _wrap_related(self, widget: Any, db_field: Any, request: Any) -> Any:
        """``widget`` inside a RelatedFieldWidgetWrapper with the links the user may use."""
        RelatedFieldWidgetWrapper = admin_widgets.RelatedFieldWidgetWrapper

        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        perms = {}
        if related_admin is not None:
            perms = {
                "can_add_related": related_admin.has_add_permission(request),
                "can_change_related": related_admin.has_change_permission(request),
                "can_delete_related": related_admin.has_delete_permission(request),
                "can_view_related": related_admin.has_view_permission(request),
            }
        return RelatedFieldWidgetWrapper(widget, db_field.remote_field, self.admin_site, **perms)

    def formfield_for_choice_field(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        """A <select>, or radio buttons when the field is in ``radio_fields``."""
        if db_field.name in self.radio_fields:
            if "widget" not in kwargs:
                kwargs["widget"] = forms.RadioSelect(
                    attrs={"class": get_ul_class(self.radio_fields[db_field.name])}
                )
            if "choices" not in kwargs:
                kwargs["choices"] = db_field.get_choices(
                    include_blank=db_field.blank, blank_choice=[("", "None")]
                )
        return db_field.formfield(**kwargs)

    def get_field_queryset(self, db: Any, db_field: Any, request: Any) -> Any:
        """The related admin's ordering applied to the choices of a relation, or None."""
        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        if related_admin is not None:
            ordering = related_admin.get_ordering(request)
            if ordering:
                return db_field.remote_field.model._default_manager.using(db).order_by(*ordering)
        return None

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        """A select of the related objects (a text input for raw_id_fields)."""
        db = kwargs.get("using")
        if "widget" not in kwargs:
            if db_field.name in self.get_autocomplete_fields(request):
                AutocompleteSelect = admin_widgets.AutocompleteSelect

                kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site)
            elif db_field.name in self.raw_id_fields:
                ForeignKeyRawIdWidget = admin_widgets.ForeignKeyRawIdWidget

                kwargs["widget"] = ForeignKeyRawIdWidget(
                    db_field.remote_field, self.admin_site, using=db
                )
            elif db_field.name in self.radio_fields:
                kwargs["widget"] = forms.RadioSelect(
                    attrs={"class": get_ul_class(self.radio_fields[db_field.name])}
                )
                kwargs["empty_label"] = "None" if db_field.blank else None
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(db, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        """A multiple select (a checkbox list for filter_horizontal/filter_vertical)."""
        db = kwargs.get("using")
        if "widget" not in kwargs:
            if db_field.name in self.get_autocomplete_fields(request):
                AutocompleteSelectMultiple = admin_widgets.AutocompleteSelectMultiple

                kwargs["widget"] = AutocompleteSelectMultiple(db_field, self.admin_site)
            elif db_field.name in self.raw_id_fields:
                ManyToManyRawIdWidget = admin_widgets.ManyToManyRawIdWidget

                kwargs["widget"] = ManyToManyRawIdWidget(
                    db_field.remote_field, self.admin_site, using=db
                )
            elif db_field.name in (*self.filter_vertical, *self.filter_horizontal):
                FilteredSelectMultiple = admin_widgets.FilteredSelectMultiple

                kwargs["widget"] = FilteredSelectMultiple(
                    db_field.verbose_name, db_field.name in self.filter_vertical
                )
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(db, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)

    def get_autocomplete_fields(self, request: Any) -> Any:
        """``autocomplete_fields``."""
        return self.autocomplete_fields

    def get_site_field(self) -> Any:
        """The model's relation to ``sites.Site`` used for per-site admin, or None."""
        if self.site_field is False:
            return None
        if self.site_field:
            return self.opts.get_field(self.site_field)
        cached = self.__dict__.get("_site_field", False)
        if cached is not False:
            return cached
        found = None
        from framework.apps import apps

        if apps.is_installed("framework.contrib.sites"):
            for name in ("site", "sites"):
                try:
                    field = self.opts.get_field(name)
                except FieldDoesNotExist:
                    continue
                related = getattr(field, "related_model", None)
                if related is not None and related._meta.label_lower == "sites.site":
                    found = field
                    break
        self.__dict__["_site_field"] = found
        return found

    def filter_by_site(self, request: Any, queryset: Any) -> Any:
        """Non-superusers see the objects of the current site only (superusers: every site)."""
        field = self.get_site_field()
        if field is None or request.user.is_superuser:
            return queryset
        get_current_site = sites_shortcuts.get_current_site

        site = get_current_site(request)
        queryset = queryset.filter(**{field.name: site.pk})
        return queryset.distinct() if field.many_to_many else queryset

    def get_view_on_site_url(self, obj: Any = None) -> str | None:
        """The "View on site" URL of ``obj`` (``get_absolute_url``), or None."""
        if obj is None or not self.view_on_site:
            return None
        if callable(self.view_on_site):
            return self.view_on_site(obj)
        if hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return None

    def get_empty_value_display(self) -> str:
        """The text shown for empty values ("-")."""
        return getattr(self, "empty_value_display", None) or self.admin_site.empty_value_display

    def get_exclude(self, request: Any, obj: Any = None) -> Any:
        """``exclude``."""
        return self.exclude

    def get_fields(self, request: Any, obj: Any = None) -> list:
        """``fields``, or every form field followed by the readonly fields."""
        if self.fields:
            return list(self.fields)
        form = self._get_form_for_get_fields(request, obj)
        return [*form.base_fields, *self.get_readonly_fields(request, obj)]

    def get_fieldsets(self, request: Any, obj: Any = None) -> list:
        """``fieldsets``, or one unnamed fieldset of ``get_fields()``."""
        if self.fieldsets:
            return list(self.fieldsets)
        return [(None, {"fields": self.get_fields(request, obj)})]

    def get_inlines(self, request: Any, obj: Any) -> Any:
        """``inlines``."""
        return self.inlines

    def get_ordering(self, request: Any) -> Any:
        """``ordering`` (or ``()``)."""
        return self.ordering or ()

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        """``readonly_fields``."""
        return self.readonly_fields

    def get_prepopulated_fields(self, request: Any, obj: Any = None) -> dict:
        """``prepopulated_fields``."""
        return self.prepopulated_fields

    def get_queryset(self, request: Any) -> Any:
        """Every object this admin may show, ordered by ``get_ordering``."""
        qs = self.model._default_manager.get_queryset()
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs

    def get_sortable_by(self, request: Any) -> Any:
        """``sortable_by``, or every column of list_display."""
        if self.sortable_by is not None:
            return self.sortable_by
        return self.get_list_display(request)

    # -- permissions --------------------------------------------------------------------

    def _perm(self, action: str) -> str:
        opts = self.opts
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def _has(self, request: Any, action: str, obj: Any = None) -> bool:
        user = request.user
        perm = self._perm(action)
        if user.has_perm(perm):
            return True
        if not self.object_permissions:
            return False
        if obj is not None:
            return user.has_perm(perm, obj)
        return self._has_any_object_perm(request, action)

    def _has_any_object_perm(self, request: Any, action: str) -> bool:
        cache = request.__dict__.setdefault("_admin_object_perm_cache", {})
        key = (self.opts.label_lower, action)
        if key not in cache:
            get_objects_for_user = auth_shortcuts.get_objects_for_user

            cache[key] = get_objects_for_user(
                request.user, self._perm(action), klass=self.model, accept_global_perms=False
            ).exists()
        return cache[key]

    def has_add_permission(self, request: Any) -> bool:
        """True if the user may add objects (the model-wide ``add_<model>`` permission)."""
        return request.user.has_perm(self._perm("add"))

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        """True if the user may change ``obj`` (or some object when ``obj`` is None)."""
        return self._has(request, "change", obj)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        """True if the user may delete ``obj`` (or some object when ``obj`` is None)."""
        return self._has(request, "delete", obj)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        """True if the user may view (``view_`` or ``change_`` permission)."""
        return self._has(request, "view", obj) or self._has(request, "change", obj)

    def has_view_or_change_permission(self, request: Any, obj: Any = None) -> bool:
        """True if the user may view or change."""
        return self.has_view_permission(request, obj) or self.has_change_permission(request, obj)

    def has_module_permission(self, request: Any) -> bool:
        """True if the user has any permission in the model's app."""
        if request.user.has_module_perms(self.opts.app_label):
            return True
        return bool(self.object_permissions and self.has_view_or_change_permission(request))


class ModelAdmin(
    ChangeListViews, ChangeFormViews, ObjectPermissionViews, PopupViews, BaseModelAdmin
):
    """The admin options and views of one model (Django's ``ModelAdmin``)."""

    def get_queryset(self, request: Any) -> Any:
        """Every object the user may see: with ``object_permissions``, those granted to them."""
        queryset = self.filter_by_site(request, super().get_queryset(request))
        if not self.object_permissions:
            return queryset
        user = request.user
        if user.has_perm(self._perm("view")) or user.has_perm(self._perm("change")):
            return queryset
        get_objects_for_user = auth_shortcuts.get_objects_for_user

        return get_objects_for_user(
            user,
            [self._perm("view"), self._perm("change")],
            klass=queryset,
            any_perm=True,
            accept_global_perms=False,
        )

    list_display: Any = ("__str__",)
    list_display_links: Any = ()
    list_filter: Any = ()
    list_select_related: Any = False
    list_per_page = 100
    list_max_show_all = 200
    list_editable: Any = ()
    search_fields: Any = ()
    search_help_text: Any = None
    date_hierarchy: Any = None
    save_as = False
    save_as_continue = True
    save_on_top = False
    paginator: Any = None
    preserve_filters = True
    show_facets: Any = None  # a ShowFacets; None is ShowFacets.ALLOW
    inlines: Any = ()

    add_form_template: Any = None
    change_form_template: Any = None
    change_list_template: Any = None
    delete_confirmation_template: Any = None
    delete_selected_confirmation_template: Any = None
    object_history_template: Any = None
    popup_response_template: Any = None

    actions: Any = ()
    action_form: type = LazyImport("framework.contrib.admin.helpers.ActionForm")
    actions_on_top = True
    actions_on_bottom = False
    actions_selection_counter = True

    def __init__(self, model: type, admin_site: Any):
        self.model = model
        self.opts = model._meta
        self.admin_site = admin_site

    def __str__(self) -> str:
        return f"{self.opts.app_label}.{self.__class__.__name__}"

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: model={self.opts.object_name} site={self.admin_site!r}>"

    def get_inline_instances(self, request: Any, obj: Any = None) -> list:
        """The inline admins this user may see on this object."""
        instances = []
        for inline_class in self.get_inlines(request, obj):
            inline = inline_class(self.model, self.admin_site)
            if request:
                if not (
                    inline.has_view_or_change_permission(request, obj)
                    or inline.has_add_permission(request, obj)
                    or inline.has_delete_permission(request, obj)
                ):
                    continue
                if not inline.has_add_permission(request, obj):
                    inline.max_num = 0
            instances.append(inline)
        return instances

    # -- URLs -------------------------------------------------------------------------------

    def get_urls(self) -> list:
        """This model's URL patterns (named ``<app>_<model>_<view>``)."""

        def wrap(view: Any) -> Any:
            # Decorated once per process, not per request.
            wrapper = self.admin_site.admin_view(view)
            wrapper.model_admin = self
            return wrapper

        info = self.opts.app_label, self.opts.model_name
        return [
            path("", wrap(self.changelist_view), name="{}_{}_changelist".format(*info)),
            path("add/", wrap(self.add_view), name="{}_{}_add".format(*info)),
            path(
                "<path:object_id>/history/",
                wrap(self.history_view),
                name="{}_{}_history".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:log_id>/restore/",
                wrap(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/delete/",
                wrap(self.delete_view),
                name="{}_{}_delete".format(*info),
            ),
            path(
                "<path:object_id>/permissions/",
                wrap(self.object_permissions_view),
                name="{}_{}_permissions".format(*info),
            ),
            path(
                "<path:object_id>/change/",
                wrap(self.change_view),
                name="{}_{}_change".format(*info),
            ),
            path("<path:object_id>/", wrap(self.redirect_to_change)),
        ]

    @property
    def urls(self) -> list:
        return self.get_urls()

    @property
    def media(self) -> Any:
        return forms.Media(css={"all": ["admin/css/base.css"]})

    def get_model_perms(self, request: Any) -> dict:
        """``{"add": bool, "change": bool, "delete": bool, "view": bool}`` for the index."""
        return {
            "add": self.has_add_permission(request),
            "change": self.has_change_permission(request),
            "delete": self.has_delete_permission(request),
            "view": self.has_view_permission(request),
        }

    # -- forms ------------------------------------------------------------------------------

    def _get_form_for_get_fields(self, request: Any, obj: Any) -> type:
        return self.get_form(request, obj, fields=None)

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> type:
        """The ModelForm class of the add and change views."""
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        excluded = self.get_exclude(request, obj)
        exclude = [] if excluded is None else list(excluded)
        readonly_fields = self.get_readonly_fields(request, obj)
        exclude.extend(readonly_fields)
        if excluded is None and hasattr(self.form, "_meta") and self.form._meta.exclude:
            exclude.extend(self.form._meta.exclude)
        exclude = exclude or None
        new_attrs = dict.fromkeys(f for f in readonly_fields if f in self.form.declared_fields)
        form = type(self.form.__name__, (self.form,), new_attrs)
        if fields is not None:
            fields = [f for f in fields if f not in readonly_fields]
        defaults = {
            "form": form,
            "fields": fields,
            "exclude": exclude,
            "formfield_callback": partial(self.formfield_for_dbfield, request=request),
            **kwargs,
        }
        if defaults["fields"] is None and not (
            hasattr(form, "_meta") and getattr(form._meta, "fields", None)
        ):
            defaults["fields"] = "__all__"
        try:
            return forms_models.modelform_factory(self.model, **defaults)
        except FieldDoesNotExist as exc:
            raise FieldDoesNotExist(
                f"{exc}. Check fields/fieldsets/exclude attributes of class "
                f"{self.__class__.__name__}."
            ) from exc

    def get_changeform_initial_data(self, request: Any) -> dict:
        """Initial add-form data from the query string (``?title=x&tags=1,2``)."""
        initial = dict(request.GET.items())
        site_field = self.get_site_field()
        if site_field is not None and site_field.name not in initial:
            get_current_site = sites_shortcuts.get_current_site

            site_pk = get_current_site(request).pk
            initial[site_field.name] = [site_pk] if site_field.many_to_many else site_pk
        for key in initial:
            try:
                field = self.opts.get_field(key)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.ManyToManyField):
                if isinstance(initial[key], str):
                    initial[key] = initial[key].split(",")
        return initial

    def get_formsets_with_inlines(self, request: Any, obj: Any = None) -> Any:
        """(formset class, inline) pairs."""
        for inline in self.get_inline_instances(request, obj):
            yield inline.get_formset(request, obj), inline

    def get_object(self, request: Any, object_id: str, from_field: str | None = None) -> Any:
        """The object with this (unquoted) id among ``get_queryset()``, or None."""
        queryset = self.get_queryset(request)
        model = queryset.model
        field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
        try:
            object_id = field.to_python(object_id)
            return queryset.get(**{field.name: object_id})
        except (model.DoesNotExist, ValidationError, ValueError):
            return None

    def save_form(self, request: Any, form: Any, change: bool) -> Any:
        """The unsaved object of a valid form."""
        return form.save(commit=False)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        """Save the object."""
        obj.save()

    def delete_model(self, request: Any, obj: Any) -> None:
        """Delete one object."""
        obj.delete()

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        """Delete the selected objects (the delete_selected action)."""
        queryset.delete()

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        """Save an inline formset."""
        formset.save()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        """Save many-to-many data of the form and every inline formset."""
        form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    # -- log --------------------------------------------------------------------------------

    def log_addition(self, request: Any, obj: Any, message: Any) -> Any:
        """Record that ``obj`` was added."""
        ADDITION = admin_models.ADDITION
        LogEntry = admin_models.LogEntry

        return LogEntry.objects.log_action(
            user_id=request.user.pk,
            content_type_id=get_content_type_for_model(obj).pk,
            object_id=obj.pk,
            object_repr=str(obj),
            action_flag=ADDITION,
            change_message=message,
        )

    def log_change(self, request: Any, obj: Any, message: Any) -> Any:
        """Record that ``obj`` was changed."""
        CHANGE = admin_models.CHANGE
        LogEntry = admin_models.LogEntry

        return LogEntry.objects.log_action(
            user_id=request.user.pk,
            content_type_id=get_content_type_for_model(obj).pk,
            object_id=obj.pk,
            object_repr=str(obj),
            action_flag=CHANGE,
            change_message=message,
        )

    def log_deletions(self, request: Any, queryset: Any) -> Any:
        """Record that every object of ``queryset`` is being deleted (one INSERT)."""
        DELETION = admin_models.DELETION
        LogEntry = admin_models.LogEntry

        return LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=queryset, action_flag=DELETION
        )

    def log_deletion(self, request: Any, obj: Any, object_repr: str) -> Any:
        """Record that ``obj`` is being deleted."""
        DELETION = admin_models.DELETION
        LogEntry = admin_models.LogEntry

        return LogEntry.objects.log_action(
            user_id=request.user.pk,
            content_type_id=get_content_type_for_model(obj).pk,
            object_id=obj.pk,
            object_repr=object_repr,
            action_flag=DELETION,
        )

    def construct_change_message(
        self, request: Any, form: Any, formsets: Any, add: bool = False
    ) -> list:
        """The JSON change message: Django's format plus old/new values per changed field."""
        return construct_change_message(form, formsets, add)

    def message_user(
        self,
        request: Any,
        message: str,
        level: int | None = None,
        extra_tags: str = "",
        fail_silently: bool = False,
    ) -> None:
        """Add a message for the user (framework.contrib.messages)."""
        messages = contrib_messages

        messages.add_message(
            request,
            messages.INFO if level is None else level,
            message,
            extra_tags=extra_tags,
            fail_silently=fail_silently,
        )

    def get_preserved_filters(self, request: Any) -> str:
        """``_changelist_filters=...`` carrying the changelist's query string, or ""."""
        if not self.preserve_filters:
            return ""
        match = request.resolver_match
        changelist_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"
        if match and match.view_name == changelist_url.replace(
            "admin:", f"{self.admin_site.name}:"
        ):
            preserved = request.GET.urlencode()
        else:
            preserved = request.GET.get("_changelist_filters", "")
        return urlencode({"_changelist_filters": preserved}) if preserved else ""

    def admin_url(self, view: str, *args: Any) -> str:
        """The URL of one of this model's admin views."""
        return reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=[quote(a) for a in args] or None,
            current_app=self.admin_site.name,
        )

    def raise_denied(self) -> None:
        raise PermissionDenied


class InlineModelAdmin(BaseModelAdmin):
    """Options of objects edited on their parent's page (Django's ``InlineModelAdmin``)."""

    model: Any = None
    fk_name: str | None = None
    formset: type = LazyImport("framework.forms.model_formsets.BaseInlineFormSet")
    extra = 3
    min_num: int | None = None
    max_num: int | None = None
    template: str = ""
    verbose_name: Any = None
    verbose_name_plural: Any = None
    can_delete = True
    show_change_link = False
    classes: Any = None

    def __init__(self, parent_model: type, admin_site: Any):
        self.admin_site = admin_site
        self.parent_model = parent_model
        self.opts = self.model._meta
        self.has_registered_model = admin_site.is_registered(self.model)
        if self.verbose_name_plural is None:
            if self.verbose_name is None:
                self.verbose_name_plural = self.opts.verbose_name_plural
            else:
                self.verbose_name_plural = f"{self.verbose_name}s"
        if self.verbose_name is None:
            self.verbose_name = self.opts.verbose_name

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}: model={self.opts.object_name}>"

    @property
    def media(self) -> Any:
        return forms.Media()

    def get_extra(self, request: Any, obj: Any = None, **kwargs: Any) -> int:
        """``extra``."""
        return self.extra

    def get_min_num(self, request: Any, obj: Any = None, **kwargs: Any) -> int | None:
        """``min_num``."""
        return self.min_num

    def get_max_num(self, request: Any, obj: Any = None, **kwargs: Any) -> int | None:
        """``max_num``."""
        return self.max_num

    def _get_form_for_get_fields(self, request: Any, obj: Any = None) -> type:
        return self.get_formset(request, obj, fields=None).form

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> type:
        """The inline formset class."""
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        excluded = self.get_exclude(request, obj)
        exclude = [] if excluded is None else list(excluded)
        readonly = self.get_readonly_fields(request, obj)
        exclude.extend(readonly)
        if fields is not None:
            fields = [f for f in fields if f not in readonly]
        can_delete = self.can_delete and self.has_delete_permission(request, obj)
        defaults = {
            "form": self.form,
            "formset": self.formset,
            "fk_name": self.fk_name,
            "fields": fields if fields is not None else "__all__",
            "exclude": exclude or None,
            "formfield_callback": partial(self.formfield_for_dbfield, request=request),
            "extra": self.get_extra(request, obj, **kwargs),
            "min_num": self.get_min_num(request, obj, **kwargs),
            "max_num": self.get_max_num(request, obj, **kwargs),
            "can_delete": can_delete,
            **kwargs,
        }
        return model_formsets.inlineformset_factory(self.parent_model, self.model, **defaults)

    def get_fields(self, request: Any, obj: Any = None) -> list:
        """``fields``, or the form's fields without the parent's key and the primary key."""
        if self.fields:
            return list(self.fields)
        formset = self.get_formset(request, obj, fields=None)
        hidden = {getattr(formset, "fk", None) and formset.fk.name, self.opts.pk.name}
        return [
            *(name for name in formset.form.base_fields if name not in hidden),
            *self.get_readonly_fields(request, obj),
        ]

    def _parent_perm(self, request: Any, action: str, obj: Any) -> bool:
        if self.opts.auto_created:
            # A many-to-many through table: the parent's change permission rules.
            return self._has_parent_change(request, obj)
        return self._has(request, action, None)

    def _has_parent_change(self, request: Any, obj: Any) -> bool:
        opts = self.parent_model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        if self.opts.auto_created:
            return self._has_parent_change(request, obj)
        return request.user.has_perm(self._perm("add"))

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return self._parent_perm(request, "change", obj)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return self._parent_perm(request, "delete", obj)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        if self.opts.auto_created:
            return self._has_parent_change(request, obj)
        return self._has(request, "view", None) or self._has(request, "change", None)


class StackedInline(InlineModelAdmin):
    """Inline forms shown one below the other, each as a fieldset."""

    template = "admin/edit_inline/stacked.html"


class TabularInline(InlineModelAdmin):
    """Inline forms shown as table rows."""

    template = "admin/edit_inline/tabular.html"
