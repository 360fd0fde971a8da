"""The add, change, delete, history and restore views of ModelAdmin (a mixin)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from framework.contrib.admin.restore import apply_steps, describe, inline_undo_steps, refused_steps
from framework.contrib.admin.utils import flatten_fieldsets, unquote
from framework.contrib.admin.views.popup import is_popup, request_to_field
from framework.core.exceptions import PermissionDenied
from framework.db import router, transaction
from framework.http import Http404, HttpResponseRedirect
from framework.template.response import TemplateResponse
from framework.utils.deferred import lazy_module
from framework.utils.html import format_html

# Imported on first use (per-request code must not run import statements).
admin_models = lazy_module("framework.contrib.admin.models")
admin_options = lazy_module("framework.contrib.admin.options")
paginator_module = lazy_module("framework.core.paginator")

# Forms and the admin's form wrappers load with the first change form, not at start-up.
helpers = lazy_module("framework.contrib.admin.helpers")
deletion = lazy_module("framework.contrib.admin.deletion")
forms_formsets = lazy_module("framework.forms.formsets")

TO_FIELD_VAR = "_to_field"
IS_POPUP_VAR = "_popup"


def add_preserved_filters(url: str, preserved_filters: str) -> str:
    """``url`` with the changelist filters kept in ``_changelist_filters``."""
    if not preserved_filters:
        return url
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}{preserved_filters}"


def changelist_url_with_filters(url: str, preserved_filters: str) -> str:
    """The changelist URL with its original query string restored."""
    if not preserved_filters:
        return url
    inner = dict(parse_qsl(preserved_filters)).get("_changelist_filters", "")
    return f"{url}?{inner}" if inner else url


class ChangeFormViews:
    """``add_view``, ``change_view``, ``delete_view``, ``history_view``, ``restore_view``."""

    def redirect_to_change(self, request: Any, object_id: str) -> Any:
        """``<id>/`` redirects to ``<id>/change/`` (Django's compatibility redirect)."""
        return HttpResponseRedirect(self.admin_url("change", unquote(object_id)))

    def _get_obj_or_404(self, request: Any, object_id: str) -> Any:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(
                f"{self.opts.verbose_name} with ID “{unquote(object_id)}” doesn’t exist. "
                "Perhaps it was deleted?"
            )
        return obj

    def render_change_form(
        self,
        request: Any,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        """Render the add/change page."""
        opts = self.opts
        preserved_filters = self.get_preserved_filters(request)
        form_url = add_preserved_filters(form_url, preserved_filters)
        view_on_site_url = self.get_view_on_site_url(obj)
        has_editable_inline = any(
            s.has_change_permission or s.has_add_permission
            for s in context.get("inline_admin_formsets", ())
        )
        can_change = self.has_change_permission(request, obj) if obj else True
        can_save = (
            (add and self.has_add_permission(request))
            or (change and can_change)
            or (change and has_editable_inline)
        )
        context.update(
            {
                "add": add,
                "change": change,
                "has_view_permission": self.has_view_permission(request, obj),
                "has_add_permission": self.has_add_permission(request),
                "has_change_permission": self.has_change_permission(request, obj),
                "has_delete_permission": self.has_delete_permission(request, obj),
                "has_editable_inline_admin_formsets": has_editable_inline,
                "has_file_field": context["adminform"].form.is_multipart()
                or any(s.formset.is_multipart() for s in context.get("inline_admin_formsets", ())),
                "has_absolute_url": view_on_site_url is not None,
                "has_autocomplete": bool(self.get_autocomplete_fields(request))
                or any(
                    s.opts.get_autocomplete_fields(request)
                    for s in context.get("inline_admin_formsets", ())
                ),
                "absolute_url": view_on_site_url,
                "form_url": form_url,
                "opts": opts,
                "app_label": opts.app_label,
                "content_type_id": None,
                "save_as": self.save_as,
                "save_on_top": self.save_on_top,
                "show_save": can_save,
                "show_save_and_continue": can_save and (not add or self.save_as_continue or True),
                "show_save_and_add_another": can_save
                and self.has_add_permission(request)
                and not (change and self.save_as),
                "show_save_as_new": change and self.save_as and self.has_add_permission(request),
                "show_delete_link": change and self.has_delete_permission(request, obj),
                "show_object_permissions": change
                and self.object_permissions
                and self._can_manage_object_permissions(request, obj),
                "changelist_url": changelist_url_with_filters(
                    self.admin_url("changelist"), preserved_filters
                ),
                "history_url": self.admin_url("history", obj.pk) if change and obj else None,
                "delete_url": add_preserved_filters(
                    self.admin_url("delete", obj.pk), preserved_filters
                )
                if change and obj
                else None,
                "permissions_url": self.admin_url("permissions", obj.pk)
                if change and obj
                else None,
                "preserved_filters": preserved_filters,
            }
        )
        form_template = self.add_form_template if add else self.change_form_template
        return TemplateResponse(
            request,
            form_template
            or [
                f"admin/{opts.app_label}/{opts.model_name}/change_form.html",
                f"admin/{opts.app_label}/change_form.html",
                "admin/change_form.html",
            ],
            context,
        )

    def add_view(self, request: Any, form_url: str = "", extra_context: dict | None = None) -> Any:
        """The add page."""
        return self.changeform_view(request, None, form_url, extra_context)

    def change_view(
        self, request: Any, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> Any:
        """The change page."""
        return self.changeform_view(request, object_id, form_url, extra_context)

    def changeform_view(
        self,
        request: Any,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> Any:
        """Add (``object_id`` None) or change an object with its inlines, in one transaction."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            return self._changeform_view(request, object_id, form_url, extra_context)

    def get_inline_formsets(
        self, request: Any, formsets: list, inline_instances: list, obj: Any = None
    ) -> list:
        """The InlineAdminFormSet wrappers of the formsets."""
        wrapped = []
        for inline, formset in zip(inline_instances, formsets, strict=False):
            fieldsets = list(inline.get_fieldsets(request, obj))
            readonly = list(inline.get_readonly_fields(request, obj))
            has_add = inline.has_add_permission(request, obj)
            has_change = inline.has_change_permission(request, obj)
            has_delete = inline.has_delete_permission(request, obj)
            has_view = inline.has_view_permission(request, obj)
            wrapped.append(
                helpers.InlineAdminFormSet(
                    inline,
                    formset,
                    fieldsets,
                    inline.get_prepopulated_fields(request, obj),
                    readonly,
                    model_admin=self,
                    has_add_permission=has_add,
                    has_change_permission=has_change,
                    has_delete_permission=has_delete,
                    has_view_permission=has_view,
                )
            )
        return wrapped

    def _create_formsets(self, request: Any, obj: Any, change: bool) -> tuple:
        formsets = []
        inline_instances = []
        prefixes: dict = {}
        get_formsets_args = [request] + ([obj] if change else [])
        for formset_class, inline in self.get_formsets_with_inlines(*get_formsets_args):
            prefix = formset_class.get_default_prefix()
            prefixes[prefix] = prefixes.get(prefix, 0) + 1
            if prefixes[prefix] != 1 or not prefix:
                prefix = f"{prefix}-{prefixes[prefix]}"
            kwargs = {
                "instance": obj,
                "prefix": prefix,
                "queryset": inline.get_queryset(request),
            }
            if request.method == "POST":
                kwargs.update({"data": request.POST.copy(), "files": request.FILES})
            formset = formset_class(**kwargs)
            if request.method == "POST" and not inline.has_change_permission(request, obj):
                # A user who may only add or view must not change existing rows.
                for form in formset.initial_forms:
                    form.has_changed = lambda: False
            formsets.append(formset)
            inline_instances.append(inline)
        return formsets, inline_instances

    def _changeform_view(
        self, request: Any, object_id: str | None, form_url: str, extra_context: dict | None
    ) -> Any:
        self.check_to_field(request)
        add = object_id is None
        if request.method == "POST" and "_saveasnew" in request.POST:
            object_id = None
        if add or object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            obj = None
        else:
            obj = self._get_obj_or_404(request, object_id)
            if request.method == "POST":
                if not self.has_change_permission(request, obj):
                    raise PermissionDenied
            elif not self.has_view_or_change_permission(request, obj):
                raise PermissionDenied
        fieldsets = self.get_fieldsets(request, obj)
        form_class = self.get_form(
            request, obj, change=not add, fields=flatten_fieldsets(fieldsets)
        )
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=obj)
            formsets, inline_instances = self._create_formsets(
                request, form.instance, change=obj is not None
            )
            form_validated = form.is_valid()
            new_object = (
                self.save_form(request, form, change=obj is not None)
                if form_validated
                else form.instance
            )
            if forms_formsets.all_valid(formsets) and form_validated:
                self.save_model(request, new_object, form, obj is not None)
                self.save_related(request, form, formsets, obj is not None)
                change_message = self.construct_change_message(
                    request, form, formsets, add=obj is None
                )
                if obj is None:
                    self.log_addition(request, new_object, change_message)
                    return self.response_add(request, new_object)
                self.log_change(request, new_object, change_message)
                return self.response_change(request, new_object)
        else:
            if obj is None:
                initial = self.get_changeform_initial_data(request)
                form = form_class(initial=initial)
                formsets, inline_instances = self._create_formsets(
                    request, form.instance, change=False
                )
            else:
                form = form_class(instance=obj)
                formsets, inline_instances = self._create_formsets(request, obj, change=True)
        can_edit = obj is None or self.has_change_permission(request, obj)
        readonly_fields = list(self.get_readonly_fields(request, obj))
        if not can_edit:
            readonly_fields = flatten_fieldsets(fieldsets)
        admin_form = helpers.AdminForm(
            form,
            list(fieldsets),
            self.get_prepopulated_fields(request, obj) if can_edit else {},
            readonly_fields,
            model_admin=self,
        )
        inline_formsets = self.get_inline_formsets(request, formsets, inline_instances, obj)
        if add or obj is None:
            title = f"Add {self.opts.verbose_name}"
        elif can_edit:
            title = f"Change {self.opts.verbose_name}"
        else:
            title = f"View {self.opts.verbose_name}"
        errors = []
        if request.method == "POST":
            errors = list(form.errors.values())
            for formset in formsets:
                errors.extend(formset.non_form_errors())
                for f in formset.forms:
                    errors.extend(f.errors.values())
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(obj) if obj else None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": is_popup(request),
            "to_field": request_to_field(request),
            "media": self.media,
            "inline_admin_formsets": inline_formsets,
            "errors": errors,
            "error_count": len(errors),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        if request.method == "POST" and not form_validated and "_saveasnew" in request.POST:
            context["show_save"] = False
            context["show_save_and_continue"] = False
            add = False
        return self.render_change_form(
            request, context, add=add, change=not add, obj=obj, form_url=form_url
        )

    def _object_link(self, obj: Any) -> Any:
        return format_html('<a href="{}">{}</a>', self.admin_url("change", obj.pk), obj)

    def response_add(self, request: Any, obj: Any, post_url_continue: str | None = None) -> Any:
        """Where to go after adding: continue editing, add another, or back to the list."""
        if is_popup(request):
            return self.response_popup_add(request, obj)
        preserved_filters = self.get_preserved_filters(request)
        name = self.opts.verbose_name
        if "_continue" in request.POST or (
            "_saveasnew" in request.POST
            and self.save_as_continue
            and self.has_change_permission(request, obj)
        ):
            self.message_user(
                request,
                format_html(
                    "The {} “{}” was added successfully. You may edit it again below.",
                    name,
                    self._object_link(obj),
                ),
                level=25,
            )
            url = post_url_continue or self.admin_url("change", obj.pk)
            return HttpResponseRedirect(add_preserved_filters(url, preserved_filters))
        if "_addanother" in request.POST:
            self.message_user(
                request,
                format_html(
                    "The {} “{}” was added successfully. You may add another {} below.",
                    name,
                    self._object_link(obj),
                    name,
                ),
                level=25,
            )
            return HttpResponseRedirect(
                add_preserved_filters(self.admin_url("add"), preserved_filters)
            )
        self.message_user(
            request,
            format_html("The {} “{}” was added successfully.", name, self._object_link(obj)),
            level=25,
        )
        return self.response_post_save_add(request, obj)

    def response_change(self, request: Any, obj: Any) -> Any:
        """Where to go after changing."""
        if is_popup(request):
            match = getattr(request, "resolver_match", None)
            object_id = unquote(match.kwargs["object_id"]) if match else obj.pk
            return self.response_popup_change(request, obj, object_id)
        preserved_filters = self.get_preserved_filters(request)
        name = self.opts.verbose_name
        if "_continue" in request.POST:
            self.message_user(
                request,
                format_html(
                    "The {} “{}” was changed successfully. You may edit it again below.",
                    name,
                    self._object_link(obj),
                ),
                level=25,
            )
            return HttpResponseRedirect(add_preserved_filters(request.path, preserved_filters))
        if "_saveasnew" in request.POST:
            self.message_user(
                request,
                format_html(
                    "The {} “{}” was added successfully. You may edit it again below.",
                    name,
                    self._object_link(obj),
                ),
                level=25,
            )
            return HttpResponseRedirect(
                add_preserved_filters(self.admin_url("change", obj.pk), preserved_filters)
            )
        if "_addanother" in request.POST:
            self.message_user(
                request,
                format_html(
                    "The {} “{}” was changed successfully. You may add another {} below.",
                    name,
                    self._object_link(obj),
                    name,
                ),
                level=25,
            )
            return HttpResponseRedirect(
                add_preserved_filters(self.admin_url("add"), preserved_filters)
            )
        self.message_user(
            request,
            format_html("The {} “{}” was changed successfully.", name, self._object_link(obj)),
            level=25,
        )
        return self.response_post_save_change(request, obj)

    def _post_save_redirect(self, request: Any) -> Any:
        if self.has_view_or_change_permission(request):
            url = changelist_url_with_filters(
                self.admin_url("changelist"), self.get_preserved_filters(request)
            )
        else:
            url = self.admin_site.index_url()
        return HttpResponseRedirect(url)

    def response_post_save_add(self, request: Any, obj: Any) -> Any:
        """Back to the changelist (or the index)."""
        return self._post_save_redirect(request)

    def response_post_save_change(self, request: Any, obj: Any) -> Any:
        """Back to the changelist (or the index)."""
        return self._post_save_redirect(request)

    def response_delete(self, request: Any, obj_display: str, obj_id: Any) -> Any:
        """After a deletion: a message and back to the changelist."""
        if is_popup(request):
            return self.response_popup_delete(request, obj_id)
        self.message_user(
            request,
            f"The {self.opts.verbose_name} “{obj_display}” was deleted successfully.",
            level=25,
        )
        return self._post_save_redirect(request)

    # -- delete ---------------------------------------------------------------------------

    def get_deleted_objects(self, objs: Any, request: Any) -> tuple:
        """(to_delete, model_count, perms_needed, protected) of deleting ``objs``."""
        return deletion.get_deleted_objects(objs, request, self.admin_site)

    def delete_view(self, request: Any, object_id: str, extra_context: dict | None = None) -> Any:
        """Confirm (GET) and delete (POST) one object, listing what the deletion cascades to."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            obj = self._get_obj_or_404(request, object_id)
            if not self.has_delete_permission(request, obj):
                raise PermissionDenied
            to_delete, model_count, perms_needed, protected = self.get_deleted_objects(
                [obj], request
            )
            if request.method == "POST":
                if perms_needed or protected:
                    raise PermissionDenied
                obj_display = str(obj)
                obj_id = obj.pk
                self.log_deletion(request, obj, obj_display)
                self.delete_model(request, obj)
                return self.response_delete(request, obj_display, obj_id)
        opts = self.opts
        title = (
            f"Cannot delete {opts.verbose_name}" if perms_needed or protected else "Are you sure?"
        )
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object_name": str(opts.verbose_name),
            "object": obj,
            "deleted_objects": to_delete,
            "model_count": model_count,
            "perms_lacking": perms_needed,
            "protected": protected,
            "opts": opts,
            "app_label": opts.app_label,
            "preserved_filters": self.get_preserved_filters(request),
            "is_popup": is_popup(request),
            "change_url": self.admin_url("change", obj.pk),
            "changelist_url": self.admin_url("changelist"),
            **(extra_context or {}),
        }
        return TemplateResponse(
            request,
            self.delete_confirmation_template
            or [
                f"admin/{opts.app_label}/{opts.model_name}/delete_confirmation.html",
                f"admin/{opts.app_label}/delete_confirmation.html",
                "admin/delete_confirmation.html",
            ],
            context,
        )

    # -- history and restore --------------------------------------------------------------

    def _history_entries(self, obj: Any) -> Any:
        LogEntry = admin_models.LogEntry
        get_content_type_for_model = admin_options.get_content_type_for_model

        return (
            LogEntry.objects.filter(
                object_id=str(obj.pk), content_type=get_content_type_for_model(obj)
            )
            .select_related()
            .order_by("-action_time", "-id")
        )

    def history_view(self, request: Any, object_id: str, extra_context: dict | None = None) -> Any:
        """Every logged action on the object, newest first, with old and new field values."""
        obj = self._get_obj_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        Paginator = paginator_module.Paginator

        paginator = Paginator(self._history_entries(obj), 100)
        try:
            page_number = int(request.GET.get("p", 1))
        except ValueError:
            page_number = 1
        page = paginator.get_page(page_number)
        opts = self.opts
        can_restore = self.has_change_permission(request, obj)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change history: {obj}",
            "subtitle": None,
            "action_list": list(page.object_list),
            "page_obj": page,
            "paginator": paginator,
            "module_name": str(opts.verbose_name_plural),
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "preserved_filters": self.get_preserved_filters(request),
            "can_restore": can_restore,
            "change_url": self.admin_url("change", obj.pk),
            "restore_url": lambda entry: self.admin_url("restore", obj.pk, entry.pk),
            **(extra_context or {}),
        }
        return TemplateResponse(
            request,
            self.object_history_template
            or [
                f"admin/{opts.app_label}/{opts.model_name}/object_history.html",
                f"admin/{opts.app_label}/object_history.html",
                "admin/object_history.html",
            ],
            context,
        )

    def version_at(self, obj: Any, log_id: int) -> tuple[Any, dict]:
        """(the log entry, {field: value}) of the object as it was right after entry ``log_id``.

        Starts from the current values and undoes every later change, newest first.
        """
        entries = list(self._history_entries(obj))
        target = next((e for e in entries if e.pk == log_id), None)
        if target is None:
            raise Http404(f"No history entry {log_id} for this {self.opts.verbose_name}.")
        values: dict = {}
        for entry in entries:
            if entry.pk == target.pk:
                break
            for sub in entry.get_change_list():
                changed = sub.get("changed")
                if not changed or "name" in changed:
                    continue
                for item in changed.get("values", []):
                    values[item["name"]] = item["old"]
        return target, values

    def restore_view(self, request: Any, object_id: str, log_id: int) -> Any:
        """Show (GET) and apply (POST) the version of the object recorded by a history entry."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            obj = self._get_obj_or_404(request, object_id)
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            entry, values = self.version_at(obj, log_id)
            steps = inline_undo_steps(list(self._history_entries(obj)), entry)
            refused = refused_steps(steps, self.get_inline_instances(request, obj), request, obj)
            form_class = self.get_form(request, obj, change=True)
            current = form_class(instance=obj)
            editable = {k: v for k, v in values.items() if k in current.fields}
            if request.method == "POST":
                if refused:
                    # Checked before anything is written: the whole restore or nothing.
                    raise PermissionDenied(
                        "Restoring this version needs permissions you do not have: "
                        + "; ".join(describe(step) for step in refused)
                    )
                data = _form_data(current, editable)
                form = form_class(data, instance=obj)
                if not form.is_valid():
                    self.message_user(
                        request,
                        "This version cannot be restored: "
                        + "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()),
                        level=40,
                    )
                    return HttpResponseRedirect(self.admin_url("history", obj.pk))
                new_object = self.save_form(request, form, change=True)
                self.save_model(request, new_object, form, True)
                form.save_m2m()
                apply_steps(steps, router.db_for_write(self.model))
                message = self.construct_change_message(request, form, [], add=False)
                message.append({"restored": {"time": str(entry.action_time), "log_id": entry.pk}})
                self.log_change(request, new_object, message)
                self.message_user(
                    request,
                    f"The {self.opts.verbose_name} “{new_object}” was restored to the version "
                    f"of {entry.action_time:%Y-%m-%d %H:%M:%S}.",
                    level=25,
                )
                return HttpResponseRedirect(self.admin_url("change", obj.pk))
        rows = []
        for name, old in editable.items():
            rows.append(
                {
                    "label": current.fields[name].label or name,
                    "current": current.initial.get(name),
                    "restored": old,
                }
            )
        opts = self.opts
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore {opts.verbose_name}: {obj}",
            "subtitle": None,
            "object": obj,
            "entry": entry,
            "rows": rows,
            "inline_steps": [describe(step) for step in steps],
            "refused_steps": [describe(step) for step in refused],
            "opts": opts,
            "app_label": opts.app_label,
            "history_url": self.admin_url("history", obj.pk),
            "change_url": self.admin_url("change", obj.pk),
        }
        return TemplateResponse(request, "admin/object_restore.html", context)


def _form_data(form: Any, overrides: dict) -> Any:
    """POST-like data of an unbound model form, with some values replaced."""
    from framework.http import QueryDict

    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        value = overrides.get(name, form.initial.get(name, field.initial))
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, (list, tuple, set)) or (
            hasattr(value, "__iter__") and not isinstance(value, (str, bytes))
        ):
            data.setlist(name, [str(getattr(v, "pk", v)) for v in value])
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data
