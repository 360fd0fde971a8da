"""Formsets: several copies of a form on one page (Django's ``django.forms.formsets``).

``formset_factory(ArticleForm, extra=2)`` builds a formset class. Its
``management_form`` (hidden ``TOTAL_FORMS``, ``INITIAL_FORMS``, ...) tells the
server how many forms were submitted; ``absolute_max`` caps that number so a
client cannot make the server build millions of forms.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from framework.core.exceptions import ValidationError
from framework.forms.fields import BooleanField, IntegerField
from framework.forms.forms import Form
from framework.forms.media import Media
from framework.forms.renderers import get_default_renderer
from framework.forms.utils import ErrorList
from framework.forms.widgets import HiddenInput, NumberInput
from framework.utils.functional import cached_property

__all__ = ["BaseFormSet", "all_valid", "formset_factory"]

TOTAL_FORM_COUNT = "TOTAL_FORMS"
INITIAL_FORM_COUNT = "INITIAL_FORMS"
MIN_NUM_FORM_COUNT = "MIN_NUM_FORMS"
MAX_NUM_FORM_COUNT = "MAX_NUM_FORMS"
ORDERING_FIELD_NAME = "ORDER"
DELETION_FIELD_NAME = "DELETE"
DEFAULT_MIN_NUM = 0
DEFAULT_MAX_NUM = 1000


class ManagementForm(Form):
    """The hidden counters every formset submits along with its forms."""

    TOTAL_FORMS = IntegerField(widget=HiddenInput)
    INITIAL_FORMS = IntegerField(widget=HiddenInput)
    MIN_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)
    MAX_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)

    def clean(self) -> dict:
        cleaned_data = super().clean()
        # Missing counters are reported by the formset; count zero forms meanwhile.
        cleaned_data.setdefault(TOTAL_FORM_COUNT, 0)
        cleaned_data.setdefault(INITIAL_FORM_COUNT, 0)
        return cleaned_data


class BaseFormSet:
    """A list of forms of one class, validated together."""

    deletion_widget = HiddenInput
    ordering_widget = NumberInput
    default_error_messages = {
        "missing_management_form": (
            "ManagementForm data is missing or has been tampered with. Missing fields: "
            "%(field_names)s. You may need to file a bug report if the issue persists."
        ),
        "too_many_forms": "Please submit at most %(num)d form%(plural)s.",
        "too_few_forms": "Please submit at least %(num)d form%(plural)s.",
    }
    template_name_div = "framework/forms/formsets/div.html"
    template_name_p = "framework/forms/formsets/p.html"
    template_name_table = "framework/forms/formsets/table.html"
    template_name_ul = "framework/forms/formsets/ul.html"

    # Set by formset_factory().
    form: type = Form
    extra = 1
    can_order = False
    can_delete = False
    can_delete_extra = True
    min_num = DEFAULT_MIN_NUM
    max_num = DEFAULT_MAX_NUM
    absolute_max = DEFAULT_MAX_NUM * 2
    validate_min = False
    validate_max = False
    renderer: Any = None

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: str = "id_%s",
        prefix: str | None = None,
        initial: list | None = None,
        error_class: type = ErrorList,
        form_kwargs: dict | None = None,
        error_messages: dict | None = None,
    ):
        self.is_bound = data is not None or files is not None
        self.prefix = prefix or self.get_default_prefix()
        self.auto_id = auto_id
        self.data = data or {}
        self.files = files or {}
        self.initial = initial
        self.form_kwargs = form_kwargs or {}
        self.error_class = error_class
        self._errors: list | None = None
        self._non_form_errors: ErrorList | None = None
        self.error_messages = {**self.default_error_messages, **(error_messages or {})}
        if self.renderer is None:
            self.renderer = get_default_renderer()

    def __iter__(self):
        return iter(self.forms)

    def __getitem__(self, index: int) -> Form:
        return self.forms[index]

    def __len__(self) -> int:
        return len(self.forms)

    def __bool__(self) -> bool:
        """A formset is true even without forms (so ``if formset`` means "there is one")."""
        return True

    def __repr__(self) -> str:
        if self._errors is None:
            is_valid = "Unknown"
        else:
            is_valid = self.is_bound and not self._non_form_errors and not any(self._errors)
        return (
            f"<{type(self).__name__}: bound={self.is_bound} valid={is_valid} "
            f"total_forms={self.total_form_count()}>"
        )

    @classmethod
    def get_default_prefix(cls) -> str:
        return "form"

    @cached_property
    def management_form(self) -> ManagementForm:
        """The hidden counters (validated from the data when bound)."""
        if self.is_bound:
            form = ManagementForm(
                self.data, auto_id=self.auto_id, prefix=self.prefix, renderer=self.renderer
            )
            form.full_clean()
            return form
        return ManagementForm(
            auto_id=self.auto_id,
            prefix=self.prefix,
            renderer=self.renderer,
            initial={
                TOTAL_FORM_COUNT: self.total_form_count(),
                INITIAL_FORM_COUNT: self.initial_form_count(),
                MIN_NUM_FORM_COUNT: self.min_num,
                MAX_NUM_FORM_COUNT: self.max_num,
            },
        )

    def total_form_count(self) -> int:
        """How many forms: from the data when bound (capped at absolute_max), else
        initial + extra, within max_num."""
        if self.is_bound:
            return min(self.management_form.cleaned_data[TOTAL_FORM_COUNT], self.absolute_max)
        initial_forms = self.initial_form_count()
        total = max(initial_forms, self.min_num) + self.extra
        if initial_forms > self.max_num >= 0:
            return initial_forms
        if total > self.max_num >= 0:
            return self.max_num
        return total

    def initial_form_count(self) -> int:
        """How many forms show existing data."""
        if self.is_bound:
            return self.management_form.cleaned_data[INITIAL_FORM_COUNT]
        return len(self.initial) if self.initial else 0

    @cached_property
    def forms(self) -> list[Form]:
        """The forms, built once."""
        return [
            self._construct_form(i, **self.get_form_kwargs(i))
            for i in range(self.total_form_count())
        ]

    def get_form_kwargs(self, index: int | None) -> dict:
        """Extra keyword arguments for the form at ``index`` (None: the empty form)."""
        return self.form_kwargs.copy()

    def _construct_form(self, i: int, **kwargs: Any) -> Form:
        defaults: dict[str, Any] = {
            "auto_id": self.auto_id,
            "prefix": self.add_prefix(i),
            "error_class": self.error_class,
            # Extra forms may be left empty, which required attributes would forbid.
            "use_required_attribute": False,
            "renderer": self.renderer,
        }
        if self.is_bound:
            defaults["data"] = self.data
            defaults["files"] = self.files
        if self.initial and "initial" not in kwargs and i < len(self.initial):
            defaults["initial"] = self.initial[i]
        if i >= self.initial_form_count() and i >= self.min_num:
            defaults["empty_permitted"] = True
        defaults.update(kwargs)
        form = self.form(**defaults)
        self.add_fields(form, i)
        return form

    @property
    def initial_forms(self) -> list[Form]:
        return self.forms[: self.initial_form_count()]

    @property
    def extra_forms(self) -> list[Form]:
        return self.forms[self.initial_form_count() :]

    @property
    def empty_form(self) -> Form:
        """A form with ``__prefix__`` in its names, for adding forms in the browser."""
        form = self.form(
            **{
                "auto_id": self.auto_id,
                "prefix": self.add_prefix("__prefix__"),
                "empty_permitted": True,
                "use_required_attribute": False,
                "renderer": self.renderer,
                **self.get_form_kwargs(None),
            }
        )
        self.add_fields(form, None)
        return form

    @property
    def cleaned_data(self) -> list[dict]:
        """Each form's cleaned_data (only after validation succeeded)."""
        if not self.is_valid():
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'cleaned_data'")
        return [form.cleaned_data for form in self.forms]

    @property
    def deleted_forms(self) -> list[Form]:
        """Forms whose DELETE box was checked."""
        if not self.is_valid() or not self.can_delete:
            return []
        return [
            form
            for i, form in enumerate(self.forms)
            if not (i >= self.initial_form_count() and not form.has_changed())
            and self._should_delete_form(form)
        ]

    @property
    def ordered_forms(self) -> list[Form]:
        """Forms sorted by their ORDER field (empty ones last); needs can_order."""
        if not self.is_valid() or not self.can_order:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'ordered_forms'")
        keyed = []
        for i, form in enumerate(self.forms):
            if i >= self.initial_form_count() and not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            keyed.append((form.cleaned_data.get(ORDERING_FIELD_NAME), i, form))
        keyed.sort(key=lambda k: (k[0] is None, k[0] or 0, k[1]))
        return [form for _, _, form in keyed]

    def non_form_errors(self) -> ErrorList:
        """Errors of the formset as a whole (from ``clean()`` and the counters)."""
        if self._non_form_errors is None:
            self.full_clean()
        return self._non_form_errors

    @property
    def errors(self) -> list:
        """Each form's errors, in order."""
        if self._errors is None:
            self.full_clean()
        return self._errors

    def total_error_count(self) -> int:
        return len(self.non_form_errors()) + sum(len(errors) for errors in self.errors)

    def _should_delete_form(self, form: Form) -> bool:
        return form.cleaned_data.get(DELETION_FIELD_NAME, False)

    def is_valid(self) -> bool:
        """True if bound, every form not marked for deletion is valid, and the formset is."""
        if not self.is_bound:
            return False
        self.errors  # noqa: B018 - runs full_clean()
        forms_valid = all(
            form.is_valid()
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
        )
        return forms_valid and not self.non_form_errors()

    def full_clean(self) -> None:
        """Validate every form and then the formset (counts, ``clean()``)."""
        self._errors = []
        self._non_form_errors = self.error_class(error_class="nonform", renderer=self.renderer)
        empty_forms_count = 0
        if not self.is_bound:
            return
        if not self.management_form.is_valid():
            missing = ", ".join(
                self.management_form.add_prefix(name) for name in self.management_form.errors
            )
            self._non_form_errors.append(
                ValidationError(
                    self.error_messages["missing_management_form"],
                    params={"field_names": missing},
                    code="missing_management_form",
                )
            )
        for i, form in enumerate(self.forms):
            if not form.has_changed() and i >= self.initial_form_count():
                empty_forms_count += 1
            form_errors = form.errors
            if self.can_delete and self._should_delete_form(form):
                continue
            self._errors.append(form_errors)
        try:
            submitted = self.total_form_count() - len(self.deleted_forms)
            too_many = self.management_form.cleaned_data[TOTAL_FORM_COUNT] > self.absolute_max
            if (self.validate_max and submitted > self.max_num) or too_many:
                raise ValidationError(
                    self.error_messages["too_many_forms"]
                    % {"num": self.max_num, "plural": "" if self.max_num == 1 else "s"},
                    code="too_many_forms",
                )
            if self.validate_min and submitted - empty_forms_count < self.min_num:
                raise ValidationError(
                    self.error_messages["too_few_forms"]
                    % {"num": self.min_num, "plural": "" if self.min_num == 1 else "s"},
                    code="too_few_forms",
                )
            self.clean()
        except ValidationError as exc:
            self._non_form_errors = self.error_class(
                exc.error_list, error_class="nonform", renderer=self.renderer
            )

    def clean(self) -> None:
        """Hook for checks across forms; raise ValidationError for a non-form error."""

    def has_changed(self) -> bool:
        """True if any form's data changed."""
        return any(form.has_changed() for form in self)

    def add_fields(self, form: Form, index: int | None) -> None:
        """Add the ORDER and DELETE fields when the formset allows ordering/deletion."""
        initial_count = self.initial_form_count()
        if self.can_order:
            initial = index + 1 if index is not None and index < initial_count else None
            form.fields[ORDERING_FIELD_NAME] = IntegerField(
                label="Order", required=False, initial=initial, widget=self.ordering_widget
            )
        if self.can_delete and (
            self.can_delete_extra or (index is not None and index < initial_count)
        ):
            form.fields[DELETION_FIELD_NAME] = BooleanField(label="Delete", required=False)

    def add_prefix(self, index: Any) -> str:
        return f"{self.prefix}-{index}"

    def is_multipart(self) -> bool:
        """True if the forms need multipart encoding."""
        if self.forms:
            return self.forms[0].is_multipart()
        return self.empty_form.is_multipart()

    @property
    def media(self) -> Media:
        return self.forms[0].media if self.forms else self.empty_form.media

    @property
    def template_name(self) -> str:
        return self.template_name_div

    def get_context(self) -> dict[str, Any]:
        return {"formset": self}

    def render(
        self, template_name: str | None = None, context: dict | None = None, renderer: Any = None
    ) -> Markup:
        """Render the management form, the non-form errors and every form."""
        renderer = renderer or self.renderer
        return renderer.render(template_name or self.template_name, context or self.get_context())

    __str__ = render
    __html__ = render

    def as_div(self) -> Markup:
        return self.render(self.template_name_div)

    def as_p(self) -> Markup:
        return self.render(self.template_name_p)

    def as_table(self) -> Markup:
        return self.render(self.template_name_table)

    def as_ul(self) -> Markup:
        return self.render(self.template_name_ul)


def formset_factory(
    form: type,
    formset: type = BaseFormSet,
    extra: int = 1,
    can_order: bool = False,
    can_delete: bool = False,
    max_num: int | None = None,
    validate_max: bool = False,
    min_num: int | None = None,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
) -> type:
    """Return a formset class for ``form``."""
    if min_num is None:
        min_num = DEFAULT_MIN_NUM
    if max_num is None:
        max_num = DEFAULT_MAX_NUM
    if absolute_max is None:
        absolute_max = max_num + DEFAULT_MAX_NUM
    if max_num > absolute_max:
        raise ValueError("'absolute_max' must be greater or equal to 'max_num'.")
    attrs = {
        "form": form,
        "extra": extra,
        "can_order": can_order,
        "can_delete": can_delete,
        "can_delete_extra": can_delete_extra,
        "min_num": min_num,
        "max_num": max_num,
        "absolute_max": absolute_max,
        "validate_min": validate_min,
        "validate_max": validate_max,
        "renderer": renderer,
    }
    return type(form.__name__ + "FormSet", (formset,), attrs)


def all_valid(formsets: Any) -> bool:
    """Validate every formset (all of them, not stopping at the first invalid one)."""
    return all([formset.is_valid() for formset in formsets])
