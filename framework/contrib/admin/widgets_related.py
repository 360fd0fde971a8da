"""Admin widgets around relations: ``RelatedFieldWidgetWrapper`` (the add/change/delete/view
links next to a select, opening the related admin with ``_popup=1``) and the raw-id inputs
``ForeignKeyRawIdWidget`` / ``ManyToManyRawIdWidget`` with their lookup link.

Every link has ``target="_blank"``: without JavaScript it opens the related page in a new
tab; ``admin/js/related-widget-wrapper.js`` turns it into a popup window whose answer
updates this page."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

from framework import forms
from framework.core.exceptions import ValidationError
from framework.urls import NoReverseMatch, reverse
from framework.utils.html import format_html
from framework.utils.safestring import mark_safe

IS_POPUP_VAR = "_popup"
TO_FIELD_VAR = "_to_field"
RELATED_JS = "admin/js/related-widget-wrapper.js"


def _admin_url(admin_site: Any, model: Any, view: str, *args: Any) -> str | None:
    opts = model._meta
    try:
        return reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _popup_query(rel: Any) -> str:
    return urlencode({TO_FIELD_VAR: rel.get_related_field().name, IS_POPUP_VAR: 1})


class RelatedFieldWidgetWrapper(forms.Widget):
    """Wrap a relation's widget and add the "+" (add), change, delete and view links."""

    def __init__(
        self,
        widget: Any,
        rel: Any,
        admin_site: Any,
        can_add_related: bool | None = None,
        can_change_related: bool = False,
        can_delete_related: bool = False,
        can_view_related: bool = False,
    ):
        self.needs_multipart_form = getattr(widget, "needs_multipart_form", False)
        self.attrs = widget.attrs
        self.widget = widget
        self.rel = rel
        if can_add_related is None:
            can_add_related = rel.model in admin_site._registry
        self.can_add_related = can_add_related
        # Several values (many-to-many) or a radio list: no single object to change.
        multiple = getattr(widget, "allow_multiple_selected", False)
        radio = isinstance(widget, forms.RadioSelect)
        self.can_change_related = not multiple and not radio and can_change_related
        self.can_delete_related = not multiple and not radio and can_delete_related
        self.can_view_related = not multiple and not radio and can_view_related
        self.admin_site = admin_site

    def __deepcopy__(self, memo: dict) -> RelatedFieldWidgetWrapper:
        obj = copy.copy(self)
        obj.widget = copy.deepcopy(self.widget, memo)
        obj.attrs = obj.widget.attrs
        memo[id(self)] = obj
        return obj

    @property
    def is_hidden(self) -> bool:
        return self.widget.is_hidden

    @property
    def media(self) -> Any:
        return self.widget.media + forms.Media(js=[RELATED_JS])

    @property
    def choices(self) -> Any:
        return self.widget.choices

    @choices.setter
    def choices(self, value: Any) -> None:
        self.widget.choices = value

    @property
    def is_required(self) -> bool:
        return self.widget.is_required

    @is_required.setter
    def is_required(self, value: bool) -> None:
        self.widget.is_required = value

    @property
    def is_localized(self) -> bool:
        return getattr(self.widget, "is_localized", False)

    @is_localized.setter
    def is_localized(self, value: bool) -> None:
        self.widget.is_localized = value

    def links(self, name: str, attrs: dict | None) -> list:
        """(kind, title, url, url template) of each link this wrapper shows."""
        model = self.rel.model
        query = _popup_query(self.rel)
        out = []
        if self.can_change_related:
            template = _admin_url(self.admin_site, model, "change", "__fk__")
            if template:
                out.append(("change", "Change selected", f"{template}?{query}"))
        if self.can_add_related:
            url = _admin_url(self.admin_site, model, "add")
            if url:
                out.append(("add", "Add another", f"{url}?{query}"))
        if self.can_delete_related:
            template = _admin_url(self.admin_site, model, "delete", "__fk__")
            if template:
                out.append(("delete", "Delete selected", f"{template}?{query}"))
        if self.can_view_related:
            template = _admin_url(self.admin_site, model, "change", "__fk__")
            if template:
                out.append(("view", "View selected", f"{template}?{query}"))
        return out

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None):
        """The wrapped widget followed by its links."""
        inner = self.widget.render(name, value, attrs, renderer)
        if self.is_hidden:
            return inner
        widget_id = (attrs or {}).get("id") or f"id_{name}"
        verbose = self.rel.model._meta.verbose_name
        pieces = []
        selected = value not in (None, "", [])
        for kind, title, url in self.links(name, attrs):
            if kind == "add":
                href = url
            else:
                # The selected object's URL, updated by the script when the choice changes.
                href = url.replace("__fk__", str(value)) if selected else ""
            pieces.append(
                format_html(
                    '<a class="related-widget-wrapper-link {}-related" id="{}_{}"'
                    ' data-href-template="{}" data-popup="yes" target="_blank"{}'
                    ' title="{} {}">{}<span class="visually-hidden"> {} {}</span></a>',
                    kind,
                    kind,
                    widget_id,
                    url,
                    format_html(' href="{}"', href) if href else "",
                    title,
                    verbose,
                    {"add": "+", "change": "✎", "delete": "×", "view": "👁"}[kind],
                    title,
                    verbose,
                )
            )
        model_name = self.rel.model._meta.model_name
        return format_html(
            '<div class="related-widget-wrapper" data-model-ref="{}">{}{}</div>',
            model_name,
            inner,
            mark_safe("".join(str(p) for p in pieces)),
        )

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return self.widget.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return self.widget.value_omitted_from_data(data, files, name)

    def id_for_label(self, id_: str | None) -> str | None:
        return self.widget.id_for_label(id_)

    def use_required_attribute(self, initial: Any) -> bool:
        return self.widget.use_required_attribute(initial)

    def format_value(self, value: Any) -> Any:
        return self.widget.format_value(value)


class ForeignKeyRawIdWidget(forms.TextInput):
    """The related object's key typed in a text input, with a lookup link opening the
    related changelist in a popup (``_popup=1``, ``_to_field``) and the object's name."""

    def __init__(self, rel: Any, admin_site: Any, attrs: dict | None = None, using: Any = None):
        self.rel = rel
        self.admin_site = admin_site
        self.db = using
        super().__init__(attrs)

    @property
    def media(self) -> Any:
        return forms.Media(js=[RELATED_JS])

    def url_parameters(self) -> dict:
        """The lookup's query parameters: limit_choices_to, ``_to_field``, ``_popup``."""
        params = {}
        limit = getattr(self.rel, "limit_choices_to", None) or {}
        if callable(limit):
            limit = limit()
        for key, value in limit.items() if isinstance(limit, dict) else ():
            if isinstance(value, (list, tuple)):
                value = ",".join(str(v) for v in value)
            elif isinstance(value, bool):
                value = ("0", "1")[value]
            params[key] = str(value)
        params[TO_FIELD_VAR] = self.rel.get_related_field().name
        params[IS_POPUP_VAR] = "1"
        return params

    def label_for_value(self, value: Any) -> str:
        """The name of the object ``value`` refers to ('' when there is none)."""
        key = self.rel.get_related_field().name
        try:
            obj = self.rel.model._default_manager.using(self.db).get(**{key: value})
        except (ValueError, TypeError, ValidationError, self.rel.model.DoesNotExist):
            return ""
        url = _admin_url(self.admin_site, self.rel.model, "change", obj.pk)
        if url:
            return format_html('<a href="{}">{}</a>', url, obj)
        return format_html("{}", obj)

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None):
        attrs = {**(attrs or {})}
        attrs.setdefault("class", self.raw_id_class)
        inner = super().render(name, value, attrs, renderer)
        widget_id = attrs.get("id") or f"id_{name}"
        url = _admin_url(self.admin_site, self.rel.model, "changelist")
        lookup = ""
        if url:
            lookup = format_html(
                '<a href="{}?{}" class="related-lookup" id="lookup_{}" data-popup="yes"'
                ' target="_blank" title="Lookup">🔍<span class="visually-hidden">'
                " Lookup</span></a>",
                url,
                urlencode(self.url_parameters()),
                widget_id,
            )
        label = ""
        if value not in (None, "", []):
            text = self.label_for_value(value)
            if text:
                label = format_html('&nbsp;<strong id="view_{}">{}</strong>', widget_id, text)
        return format_html("{}{}{}", inner, lookup, label)

    raw_id_class = "vForeignKeyRawIdAdminField"


class ManyToManyRawIdWidget(ForeignKeyRawIdWidget):
    """Comma-separated keys of the related objects, with the same lookup link."""

    raw_id_class = "vManyToManyRawIdAdminField"

    def label_for_value(self, value: Any) -> str:
        return ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = data.get(name)
        if value:
            return [v.strip() for v in value.split(",") if v.strip()]
        return None

    def format_value(self, value: Any) -> str | None:
        if value in (None, ""):
            return None
        if isinstance(value, (list, tuple)):
            return ",".join(str(v) for v in value)
        return str(value)
