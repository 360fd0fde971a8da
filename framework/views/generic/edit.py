"""Views that edit data through forms: ``FormView``, ``CreateView``, ``UpdateView``
and ``DeleteView``, with their mixins (``FormMixin``, ``ModelFormMixin``,
``ProcessFormView``, ``DeletionMixin``).

GET renders the form; POST validates it and calls ``form_valid()`` (redirect to
``get_success_url()``) or ``form_invalid()`` (render it again with its errors).
``DeleteView`` deletes on POST after validating ``form_class`` (a plain
``Form`` by default), as in Django 4.0+.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.forms import Form
from framework.forms.models import modelform_factory
from framework.http import HttpResponseRedirect
from framework.views.generic.base import ContextMixin, TemplateResponseMixin, View
from framework.views.generic.detail import (
    BaseDetailView,
    SingleObjectMixin,
    SingleObjectTemplateResponseMixin,
)

__all__ = [
    "BaseCreateView",
    "BaseDeleteView",
    "BaseFormView",
    "BaseUpdateView",
    "CreateView",
    "DeleteView",
    "DeletionMixin",
    "FormMixin",
    "FormView",
    "ModelFormMixin",
    "ProcessFormView",
    "UpdateView",
]


class FormMixin(ContextMixin):
    """Build the form (``form_class``, ``initial``, ``prefix``) and handle its outcome."""

    initial: dict = {}
    form_class: Any = None
    success_url: Any = None
    prefix: str | None = None

    def get_initial(self) -> dict:
        """A copy of ``initial``."""
        return self.initial.copy()

    def get_prefix(self) -> str | None:
        return self.prefix

    def get_form_class(self) -> Any:
        return self.form_class

    def get_form(self, form_class: Any = None) -> Any:
        """An instance of the form class with ``get_form_kwargs()``."""
        if form_class is None:
            form_class = self.get_form_class()
        return form_class(**self.get_form_kwargs())

    def get_form_kwargs(self) -> dict[str, Any]:
        """``initial`` and ``prefix``; ``data`` and ``files`` on POST and PUT."""
        kwargs: dict[str, Any] = {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if self.request.method in ("POST", "PUT"):
            kwargs["data"] = self.request.POST
            kwargs["files"] = self.request.FILES
        return kwargs

    def get_success_url(self) -> str:
        """Where to go after a valid form: ``success_url``."""
        if not self.success_url:
            raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")
        return str(self.success_url)

    def form_valid(self, form: Any) -> Any:
        """Redirect to ``get_success_url()``."""
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> Any:
        """Render the form again, with its errors."""
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Add ``form`` to the context."""
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(**kwargs)


class ModelFormMixin(FormMixin, SingleObjectMixin):
    """A FormMixin whose form is a ModelForm for ``model`` (``fields`` or ``form_class``)."""

    fields: Any = None

    def get_form_class(self) -> Any:
        """``form_class``, or a ModelForm for the model with ``fields``."""
        if self.fields is not None and self.form_class:
            raise ImproperlyConfigured(
                "Specifying both 'fields' and 'form_class' is not permitted."
            )
        if self.form_class:
            return self.form_class
        if self.model is not None:
            model = self.model
        elif getattr(self, "object", None) is not None:
            model = type(self.object)
        else:
            model = self.get_queryset().model
        if self.fields is None:
            raise ImproperlyConfigured(
                f"Using ModelFormMixin (base class of {type(self).__name__}) without the "
                f"'fields' attribute is prohibited."
            )
        return modelform_factory(model, fields=self.fields)

    def get_form_kwargs(self) -> dict[str, Any]:
        """Add ``instance`` (the object being edited, None when creating)."""
        kwargs = super().get_form_kwargs()
        if hasattr(self, "object"):
            kwargs["instance"] = self.object
        return kwargs

    def get_success_url(self) -> str:
        """``success_url`` formatted with the object's attributes, or its absolute URL."""
        if self.success_url:
            return str(self.success_url).format(**self.object.__dict__)
        try:
            return self.object.get_absolute_url()
        except AttributeError:
            raise ImproperlyConfigured(
                "No URL to redirect to.  Either provide a url or define a get_absolute_url "
                "method on the Model."
            ) from None

    def form_valid(self, form: Any) -> Any:
        """Save the form and redirect."""
        self.object = form.save()
        return super().form_valid(form)


class ProcessFormView(View):
    """GET renders a blank form; POST validates it."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.render_to_response(self.get_context_data())

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def put(self, *args: Any, **kwargs: Any) -> Any:
        return self.post(*args, **kwargs)


class BaseFormView(FormMixin, ProcessFormView):
    """A form view without a template choice."""


class FormView(TemplateResponseMixin, BaseFormView):
    """Display a form; on a valid POST redirect to ``success_url``."""


class BaseCreateView(ModelFormMixin, ProcessFormView):
    """Create an object (no template choice)."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().post(request, *args, **kwargs)


class CreateView(SingleObjectTemplateResponseMixin, BaseCreateView):
    """Create an object with a ModelForm; template ``<app>/<model>_form.html``."""

    template_name_suffix = "_form"


class BaseUpdateView(ModelFormMixin, ProcessFormView):
    """Edit an object (no template choice)."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)


class UpdateView(SingleObjectTemplateResponseMixin, BaseUpdateView):
    """Edit an object with a ModelForm; template ``<app>/<model>_form.html``."""

    template_name_suffix = "_form"


class DeletionMixin:
    """Delete ``self.object`` and redirect to ``success_url``."""

    success_url: Any = None

    def delete(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Delete the object and redirect."""
        self.object = self.get_object()
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.delete(request, *args, **kwargs)

    def get_success_url(self) -> str:
        """``success_url`` formatted with the object's attributes."""
        if self.success_url:
            return str(self.success_url).format(**self.object.__dict__)
        raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")


class BaseDeleteView(DeletionMixin, FormMixin, BaseDetailView):
    """GET shows the object; POST validates ``form_class`` and deletes the object."""

    form_class: Any = Form

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form: Any) -> Any:
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)


class DeleteView(SingleObjectTemplateResponseMixin, BaseDeleteView):
    """Confirm and delete an object; template ``<app>/<model>_confirm_delete.html``."""

    template_name_suffix = "_confirm_delete"
