"""``BoundField``: a form field together with the form's data, ready to render."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from framework.core.exceptions import ValidationError
from framework.forms.utils import flatatt, pretty_name
from framework.utils.functional import cached_property
from framework.utils.html import conditional_escape, format_html

__all__ = ["BoundField", "BoundWidget"]


class BoundField:
    """A Field bound to a form: its name in the HTML, its value, errors and rendering.

    ``str(bound_field)`` (and ``{{ form.name }}`` in a template) renders the widget;
    ``as_field_group()`` renders label, help text, errors and widget together.
    """

    def __init__(self, form: Any, field: Any, name: str):
        self.form = form
        self.field = field
        self.name = name
        self.html_name = form.add_prefix(name)
        self.html_initial_name = form.add_initial_prefix(name)
        self.html_initial_id = form.add_initial_prefix(self.auto_id)
        self.label = pretty_name(name) if field.label is None else field.label
        self.help_text = field.help_text or ""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.html_name!r}>"

    def __str__(self) -> str:
        if self.field.show_hidden_initial:
            return self.as_widget() + self.as_hidden(only_initial=True)
        return self.as_widget()

    __html__ = __str__

    @cached_property
    def subwidgets(self) -> list[BoundWidget]:
        """One BoundWidget per option of a choice widget (radios, checkboxes)."""
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs({"id": id_} if id_ else {})
        return [
            BoundWidget(self.field.widget, widget, self.form.renderer)
            for widget in self.field.widget.subwidgets(self.html_name, self.value(), attrs=attrs)
        ]

    def __iter__(self):
        return iter(self.subwidgets)

    def __len__(self) -> int:
        return len(self.subwidgets)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, (int, slice)):
            raise TypeError(
                f"BoundField indices must be integers or slices, not {type(index).__name__}."
            )
        return self.subwidgets[index]

    @property
    def errors(self) -> Any:
        """This field's ErrorList (empty if none; cleans the form if bound)."""
        return self.form.errors.get(
            self.name, self.form.error_class(renderer=self.form.renderer, field_id=self.auto_id)
        )

    @property
    def template_name(self) -> str:
        return self.field.template_name or self.form.renderer.field_template_name

    def get_context(self) -> dict[str, Any]:
        return {"field": self}

    def render(
        self, template_name: str | None = None, context: dict | None = None, renderer: Any = None
    ) -> Markup:
        """Render the field group template (label, help text, errors, widget)."""
        renderer = renderer or self.form.renderer
        return renderer.render(template_name or self.template_name, context or self.get_context())

    def as_field_group(self) -> Markup:
        """Label, help text, errors and widget, with the field template."""
        return self.render()

    def as_widget(
        self, widget: Any = None, attrs: dict | None = None, only_initial: bool = False
    ) -> Markup:
        """Render the field's widget (or ``widget``) with the field's value."""
        widget = widget or self.field.widget
        if self.field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.html_initial_id if only_initial else self.auto_id)
        if only_initial and self.html_initial_name in self.form.data:
            value = self.form._widget_data_value(self.field.hidden_widget(), self.html_initial_name)
        else:
            value = self.value()
        return widget.render(
            name=self.html_initial_name if only_initial else self.html_name,
            value=value,
            attrs=attrs,
            renderer=self.form.renderer,
        )

    def as_text(self, attrs: dict | None = None, **kwargs: Any) -> Markup:
        """Render as ``<input type="text">``."""
        from framework.forms.widgets import TextInput

        return self.as_widget(TextInput(), attrs, **kwargs)

    def as_textarea(self, attrs: dict | None = None, **kwargs: Any) -> Markup:
        """Render as ``<textarea>``."""
        from framework.forms.widgets import Textarea

        return self.as_widget(Textarea(), attrs, **kwargs)

    def as_hidden(self, attrs: dict | None = None, **kwargs: Any) -> Markup:
        """Render as a hidden input."""
        return self.as_widget(self.field.hidden_widget(), attrs, **kwargs)

    @property
    def data(self) -> Any:
        """The submitted value for this field (None if not submitted)."""
        return self.form._widget_data_value(self.field.widget, self.html_name)

    def value(self) -> Any:
        """The value to display: submitted data when bound, else the initial value."""
        data = self.initial
        if self.form.is_bound:
            data = self.field.bound_data(self.data, data)
        return self.field.prepare_value(data)

    def _has_changed(self) -> bool:
        field = self.field
        if field.show_hidden_initial:
            hidden = field.hidden_widget()
            initial = self.form._widget_data_value(hidden, self.html_initial_name)
            try:
                initial = field.to_python(initial)
            except ValidationError:
                return True
        else:
            initial = self.initial
        return field.has_changed(initial, self.data)

    def label_tag(
        self,
        contents: Any = None,
        attrs: dict | None = None,
        label_suffix: str | None = None,
        tag: str | None = None,
    ) -> Markup:
        """``<label for="id">Label:</label>``; the suffix is added unless the label
        already ends with punctuation. Without an id, the bare (escaped) text."""
        contents = self.label if contents is None else contents
        if label_suffix is None:
            label_suffix = (
                self.field.label_suffix
                if self.field.label_suffix is not None
                else self.form.label_suffix
            )
        if label_suffix and contents and str(contents)[-1] not in ":?.!":
            contents = format_html("{}{}", contents, label_suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        attrs = dict(attrs or {})
        if id_:
            id_for_label = widget.id_for_label(id_)
            if id_for_label:
                attrs["for"] = id_for_label
            if self.field.required and getattr(self.form, "required_css_class", None):
                classes = attrs.get("class", "")
                attrs["class"] = f"{classes} {self.form.required_css_class}".strip()
            return format_html(
                "<{}{}>{}</{}>", tag or "label", flatatt(attrs), contents, tag or "label"
            )
        return conditional_escape(contents)

    def legend_tag(
        self, contents: Any = None, attrs: dict | None = None, label_suffix: str | None = None
    ) -> Markup:
        """Like ``label_tag`` but a ``<legend>`` (for widgets in a fieldset)."""
        return self.label_tag(contents, attrs, label_suffix, tag="legend")

    def css_classes(self, extra_classes: Any = None) -> str:
        """The form's ``error_css_class``/``required_css_class`` as they apply, plus extras."""
        if hasattr(extra_classes, "split"):
            extra_classes = extra_classes.split()
        classes = list(extra_classes or [])
        if self.errors and getattr(self.form, "error_css_class", None):
            classes.append(self.form.error_css_class)
        if self.field.required and getattr(self.form, "required_css_class", None):
            classes.append(self.form.required_css_class)
        return " ".join(dict.fromkeys(classes))

    @property
    def is_hidden(self) -> bool:
        return self.field.widget.is_hidden

    @property
    def auto_id(self) -> str:
        """The HTML id: the form's ``auto_id`` with the name in it ("" when ids are off)."""
        auto_id = self.form.auto_id
        if auto_id and "%s" in str(auto_id):
            return auto_id % self.html_name
        if auto_id:
            return self.html_name
        return ""

    @property
    def id_for_label(self) -> str | None:
        widget = self.field.widget
        return widget.id_for_label(widget.attrs.get("id") or self.auto_id)

    @cached_property
    def initial(self) -> Any:
        return self.form.get_initial_for_field(self.field, self.name)

    def build_widget_attrs(self, attrs: dict, widget: Any = None) -> dict:
        """Add ``required``, ``disabled`` and the ARIA attributes the field calls for."""
        widget = widget or self.field.widget
        attrs = dict(attrs)
        if (
            widget.use_required_attribute(self.initial)
            and self.field.required
            and self.form.use_required_attribute
        ):
            attrs["required"] = True
        if self.field.disabled:
            attrs["disabled"] = True
        if not widget.is_hidden and self.auto_id:
            described_by = []
            if self.help_text and not widget.use_fieldset:
                described_by.append(f"{self.auto_id}_helptext")
            errors = self.form.is_bound and self.errors
            if errors:
                described_by.append(f"{self.auto_id}_error")
                attrs.setdefault("aria-invalid", "true")
            if described_by and "aria-describedby" not in attrs | widget.attrs:
                attrs["aria-describedby"] = " ".join(described_by)
        return attrs

    @property
    def widget_type(self) -> str:
        """``"text"``, ``"checkbox"``, ``"select"``, ... from the widget's class name."""
        return re.sub(r"widget$|input$", "", type(self.field.widget).__name__.lower())

    @property
    def use_fieldset(self) -> bool:
        """True if the widget should be wrapped in ``<fieldset>`` with a ``<legend>``."""
        return self.field.widget.use_fieldset


class BoundWidget:
    """One option of a choice widget: ``tag()``, ``choice_label``, ``id_for_label``."""

    def __init__(self, parent_widget: Any, data: dict, renderer: Any):
        self.parent_widget = parent_widget
        self.data = data
        self.renderer = renderer

    def __repr__(self) -> str:
        return f"<BoundWidget {self.data.get('name')!r} {self.data.get('value')!r}>"

    def __str__(self) -> str:
        return self.tag(wrap_label=True)

    __html__ = __str__

    def tag(self, wrap_label: bool = False) -> Markup:
        """Render the option's input (wrapped in its label if ``wrap_label``)."""
        context = {"widget": {**self.data, "wrap_label": wrap_label}}
        return self.renderer.render(self.template_name, context)

    @property
    def template_name(self) -> str:
        return self.data.get("template_name") or self.parent_widget.template_name

    @property
    def id_for_label(self) -> str | None:
        return self.data["attrs"].get("id")

    @property
    def choice_label(self) -> Any:
        return self.data["label"]
