"""The changelist view and the bulk actions of ModelAdmin (a mixin of ``ModelAdmin``)."""

from __future__ import annotations

from typing import Any

from framework.contrib.admin.actions import delete_selected
from framework.contrib.admin.utils import model_ngettext
from framework.core.exceptions import PermissionDenied
from framework.http import HttpResponseBadRequest, HttpResponseRedirect
from framework.template.response import TemplateResponse
from framework.utils.deferred import lazy_module

# The changelist machinery (filters, facets, the form wrappers) loads with the first
# changelist, not at start-up.
helpers = lazy_module("framework.contrib.admin.helpers")
filters = lazy_module("framework.contrib.admin.filters")
main = lazy_module("framework.contrib.admin.views.main")

# Loaded by the first admin page that paginates, not at start-up.
paginator_module = lazy_module("framework.core.paginator")


class ChangeListViews:
    """``changelist_view``, actions, search and the list_* getters."""

    def get_list_display(self, request: Any) -> Any:
        """``list_display``."""
        return self.list_display

    def get_list_display_links(self, request: Any, list_display: Any) -> Any:
        """``list_display_links``, or the first column."""
        if self.list_display_links or self.list_display_links is None or not list_display:
            return self.list_display_links
        return list(list_display)[:1]

    def get_list_filter(self, request: Any) -> Any:
        """``list_filter``, plus the site relation for superusers (who manage every site)."""
        field = self.get_site_field()
        if field is not None and request.user.is_superuser and field.name not in self.list_filter:
            return [*self.list_filter, field.name]
        return self.list_filter

    def get_list_select_related(self, request: Any) -> Any:
        """``list_select_related``."""
        return self.list_select_related

    def get_search_fields(self, request: Any) -> Any:
        """``search_fields``."""
        return self.search_fields

    def get_search_results(self, request: Any, queryset: Any, search_term: str) -> tuple:
        """(queryset filtered by the search box, may have duplicates)."""
        return main.search_queryset(
            queryset, self.get_search_fields(request), search_term, self.opts
        )

    def get_paginator(
        self,
        request: Any,
        queryset: Any,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
    ) -> Any:
        """The changelist's Paginator."""
        paginator_class = self.paginator or paginator_module.Paginator
        return paginator_class(queryset, per_page, orphans, allow_empty_first_page)

    def lookup_allowed(self, lookup: str, value: Any, request: Any = None) -> bool:
        """True if the query string may filter on ``lookup`` (list_filter and date_hierarchy)."""
        allowed = set()
        for item in self.get_list_filter(request) if request else self.list_filter:
            if isinstance(item, str):
                allowed.add(item.split("__")[0])
            elif isinstance(item, (tuple, list)):
                allowed.add(str(item[0]).split("__")[0])
        if self.date_hierarchy:
            allowed.add(self.date_hierarchy.split("__")[0])
        return lookup.split("__")[0] in allowed or lookup.split("__")[0] in (
            self.opts.pk.name,
            "pk",
        )

    def get_changelist(self, request: Any, **kwargs: Any) -> type:
        """The ChangeList class."""
        return main.ChangeList

    def get_changelist_instance(self, request: Any) -> main.ChangeList:
        """A ChangeList for this request."""
        list_display = list(self.get_list_display(request))
        list_display_links = self.get_list_display_links(request, list_display)
        if self.get_actions(request):
            list_display = ["action_checkbox", *list_display]
        sortable_by = self.get_sortable_by(request)
        return self.get_changelist(request)(
            request,
            self.model,
            list_display,
            list_display_links,
            self.get_list_filter(request),
            self.date_hierarchy,
            self.get_search_fields(request),
            self.get_list_select_related(request),
            self.list_per_page,
            self.list_max_show_all,
            self.list_editable,
            self,
            sortable_by,
            self.search_help_text,
        )

    # -- actions --------------------------------------------------------------------------

    def _get_base_actions(self) -> list:
        actions = []
        base = [self.get_action(a) for a in self.admin_site.actions]
        class_actions = []
        for klass in reversed(self.__class__.__mro__):
            for name in getattr(klass, "actions", None) or ():
                class_actions.append(name)
        seen = set()
        for name in class_actions:
            if name in seen:
                continue
            seen.add(name)
            base.append(self.get_action(name))
        for action in base:
            if action is not None:
                actions.append(action)
        return actions

    def _filter_actions_by_permissions(self, request: Any, actions: list) -> list:
        filtered = []
        for action in actions:
            callable_ = action[0]
            if not hasattr(callable_, "allowed_permissions"):
                filtered.append(action)
                continue
            checks = [
                getattr(self, f"has_{permission}_permission")
                for permission in callable_.allowed_permissions
            ]
            if any(check(request) for check in checks):
                filtered.append(action)
        return filtered

    def get_actions(self, request: Any) -> dict:
        """{name: (function, name, description)} of the actions this user may run."""
        if self.actions is None or "_popup" in request.GET:
            return {}
        actions = self._filter_actions_by_permissions(request, self._get_base_actions())
        return {name: (func, name, desc) for func, name, desc in actions}

    def get_action_choices(self, request: Any, default_choices: Any = None) -> list:
        """Choices of the action select."""
        choices = list(default_choices or [("", "---------")])
        for _func, name, description in self.get_actions(request).values():
            choices.append((name, str(description) % _names(self.opts)))
        return choices

    def get_action(self, action: Any) -> tuple | None:
        """(function, name, description) of an action given by callable or name."""
        if callable(action):
            func = action
            action = action.__name__
        elif hasattr(self.__class__, action):
            func = getattr(self.__class__, action)
        else:
            try:
                func = self.admin_site.get_action(action)
            except KeyError:
                return None
        description = (
            getattr(func, "short_description", None) or action.replace("_", " ").capitalize()
        )
        return func, action, description

    def response_action(self, request: Any, queryset: Any) -> Any:
        """Run the posted action on the selected objects; a response, or None to redirect."""
        try:
            action_index = int(request.POST.get("index", 0))
        except ValueError:
            action_index = 0
        data = request.POST.copy()
        data.pop(helpers.ACTION_CHECKBOX_NAME, None)
        data.pop("index", None)
        try:
            data.update({"action": data.getlist("action")[action_index]})
        except IndexError:
            pass
        action_form = self.action_form(data, auto_id=None)
        action_form.fields["action"].choices = self.get_action_choices(request)
        if not action_form.is_valid():
            self.message_user(request, "No action selected.", level=30)
            return None
        action = action_form.cleaned_data["action"]
        select_across = action_form.cleaned_data["select_across"]
        func = self.get_actions(request)[action][0]
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not selected and not select_across:
            self.message_user(
                request,
                "Items must be selected in order to perform actions on them. "
                "No items have been changed.",
                level=30,
            )
            return None
        if not select_across:
            queryset = queryset.filter(pk__in=selected)
        response = func(self, request, queryset)
        if response is not None:
            return response
        return HttpResponseRedirect(request.get_full_path())

    # -- list_editable --------------------------------------------------------------------

    def get_changelist_form(self, request: Any, **kwargs: Any) -> type:
        """The ModelForm class of one list_editable row."""
        from functools import partial

        from framework.forms.models import modelform_factory

        return modelform_factory(
            self.model,
            form=self.form,
            fields=list(self.list_editable),
            formfield_callback=partial(self.formfield_for_dbfield, request=request),
            **kwargs,
        )

    def get_changelist_formset(self, request: Any, **kwargs: Any) -> type:
        """The formset class of the list_editable rows."""
        from framework.forms.model_formsets import modelformset_factory

        return modelformset_factory(
            self.model,
            self.get_changelist_form(request),
            extra=0,
            fields=list(self.list_editable),
            **kwargs,
        )

    def _save_list_editable(self, request: Any, cl: Any) -> Any:
        """Save the changed rows of the list_editable formset; a response or None."""
        from framework.contrib.admin.changemessage import construct_change_message

        FormSet = self.get_changelist_formset(request)  # noqa: N806
        prefix = FormSet.get_default_prefix()
        pks = [
            value
            for key, value in request.POST.items()
            if key.startswith(f"{prefix}-") and key.endswith(f"-{self.opts.pk.name}")
        ]
        queryset = cl.root_queryset.filter(pk__in=[p for p in pks if p.isdigit() or p])
        formset = FormSet(request.POST, request.FILES, queryset=queryset)
        if not formset.is_valid():
            cl.formset = formset
            return None
        changed = 0
        for form in formset.forms:
            if not form.has_changed():
                continue
            if not self.has_change_permission(request, form.instance):
                raise PermissionDenied
            obj = self.save_form(request, form, change=True)
            self.save_model(request, obj, form, change=True)
            form.save_m2m()
            self.log_change(request, obj, construct_change_message(form, None, False))
            changed += 1
        if changed:
            name = self.opts.verbose_name if changed == 1 else self.opts.verbose_name_plural
            verb = "was" if changed == 1 else "were"
            self.message_user(request, f"{changed} {name} {verb} changed successfully.", level=25)
        return HttpResponseRedirect(request.get_full_path())

    # -- the view -------------------------------------------------------------------------

    def changelist_view(self, request: Any, extra_context: dict | None = None) -> Any:
        """The list of objects: sort, filter, search, paginate, run actions."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        self.check_to_field(request)
        try:
            cl = self.get_changelist_instance(request)
        except filters.IncorrectLookupParameters as exc:
            return HttpResponseBadRequest(f"Invalid changelist parameters: {exc}")
        actions = self.get_actions(request)
        cl.formset = None
        editable = bool(self.list_editable) and self.has_change_permission(request)
        if request.method == "POST" and "_save" in request.POST and "index" not in request.POST:
            if not editable:
                raise PermissionDenied
            response = self._save_list_editable(request, cl)
            if response is not None:
                return response
        elif request.method == "POST":
            if not actions or "action" not in request.POST:
                return HttpResponseBadRequest("Unknown changelist POST: no action was given.")
            if "index" not in request.POST and "post" not in request.POST:
                return HttpResponseBadRequest("The action form lacks its 'index' field.")
            response = self.response_action(request, queryset=cl.get_queryset(request))
            if response is not None:
                return response
            return HttpResponseRedirect(request.get_full_path())
        if editable and cl.formset is None:
            FormSet = self.get_changelist_formset(request)  # noqa: N806
            cl.formset = FormSet(
                queryset=cl.root_queryset.filter(pk__in=[o.pk for o in cl.result_list])
            )
        action_form = None
        if actions:
            action_form = self.action_form(auto_id=None)
            action_form.fields["action"].choices = self.get_action_choices(request)
        selection_note_all = f"All {cl.result_count} selected"
        context = {
            **self.admin_site.each_context(request),
            "module_name": str(self.opts.verbose_name_plural),
            "selection_note": f"0 of {len(cl.result_list)} selected",
            "selection_note_all": selection_note_all,
            "title": cl.title,
            "subtitle": None,
            "is_popup": cl.is_popup,
            "to_field": cl.to_field,
            "cl": cl,
            "media": self.media,
            "has_add_permission": self.has_add_permission(request),
            "opts": cl.opts,
            "app_label": self.opts.app_label,
            "action_form": action_form,
            "actions_on_top": self.actions_on_top,
            "actions_on_bottom": self.actions_on_bottom,
            "actions_selection_counter": self.actions_selection_counter,
            "preserved_filters": self.get_preserved_filters(request),
            "add_url": self.admin_url("add"),
            **(extra_context or {}),
        }
        opts = self.opts
        return TemplateResponse(
            request,
            self.change_list_template
            or [
                f"admin/{opts.app_label}/{opts.model_name}/change_list.html",
                f"admin/{opts.app_label}/change_list.html",
                "admin/change_list.html",
            ],
            context,
        )


def _names(opts: Any) -> dict:
    return {
        "verbose_name": str(opts.verbose_name),
        "verbose_name_plural": str(opts.verbose_name_plural),
    }


__all__ = ["ChangeListViews", "delete_selected", "model_ngettext"]
