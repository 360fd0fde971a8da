"""``DetailView``: one object looked up by primary key or slug from the URL.

``SingleObjectMixin`` finds the object (``pk_url_kwarg``, ``slug_url_kwarg``,
``slug_field``, ``query_pk_and_slug``) and raises Http404 when there is none;
``SingleObjectTemplateResponseMixin`` defaults the template to
``<app_label>/<model_name>_detail.html``.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import ImproperlyConfigured, ValidationError
from framework.http import Http404
from framework.views.generic.base import ContextMixin, TemplateResponseMixin, View

__all__ = [
    "BaseDetailView",
    "DetailView",
    "SingleObjectMixin",
    "SingleObjectTemplateResponseMixin",
]


def _is_model_instance(obj: Any) -> bool:
    return obj is not None and hasattr(obj, "_meta") and not isinstance(obj, type)


def _not_found(model: Any) -> Http404:
    return Http404(f"No {model._meta.verbose_name} found matching the query")


class SingleObjectMixin(ContextMixin):
    """Retrieve one object from ``model`` or ``queryset`` using the URL's pk or slug."""

    model: Any = None
    queryset: Any = None
    slug_field = "slug"
    context_object_name: str | None = None
    slug_url_kwarg = "slug"
    pk_url_kwarg = "pk"
    query_pk_and_slug = False

    def get_object(self, queryset: Any = None) -> Any:
        """The object named by the URL kwargs; Http404 if it does not exist.

        A key that cannot be a value of the primary key (``"abc"`` for an integer
        key) is a 404 too, never a server error.
        """
        if queryset is None:
            queryset = self.get_queryset()
        pk = self.kwargs.get(self.pk_url_kwarg)
        slug = self.kwargs.get(self.slug_url_kwarg)
        if pk is None and slug is None:
            raise AttributeError(
                f"Generic detail view {type(self).__name__} must be called with either an "
                f"object pk or a slug in the URLconf."
            )
        model = queryset.model
        if pk is not None:
            try:
                pk = model._meta.pk.to_python(pk)
                target = getattr(model._meta.pk, "target_field", model._meta.pk)
                target.run_validators(pk)
            except (ValidationError, ValueError, TypeError):
                raise _not_found(model) from None
            queryset = queryset.filter(pk=pk)
        if slug is not None and (pk is None or self.query_pk_and_slug):
            queryset = queryset.filter(**{self.get_slug_field(): slug})
        try:
            return queryset.get()
        except model.DoesNotExist:
            raise _not_found(model) from None

    def get_queryset(self) -> Any:
        """The QuerySet to look the object up in (``queryset``, else all of ``model``)."""
        if self.queryset is None:
            if self.model:
                return self.model._default_manager.all()
            name = type(self).__name__
            raise ImproperlyConfigured(
                f"{name} is missing a QuerySet. Define {name}.model, {name}.queryset, or "
                f"override {name}.get_queryset()."
            )
        return self.queryset.all()

    def get_slug_field(self) -> str:
        """The model field the slug from the URL is compared with."""
        return self.slug_field

    def get_context_object_name(self, obj: Any) -> str | None:
        """The context name of the object: ``context_object_name`` or the model name."""
        if self.context_object_name:
            return self.context_object_name
        if _is_model_instance(obj):
            return obj._meta.model_name
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Add ``object`` (and its context name) to the context."""
        context: dict[str, Any] = {}
        obj = getattr(self, "object", None)
        if obj:
            context["object"] = obj
            name = self.get_context_object_name(obj)
            if name:
                context[name] = obj
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseDetailView(SingleObjectMixin, View):
    """Look the object up and render it (no template choice)."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


class SingleObjectTemplateResponseMixin(TemplateResponseMixin):
    """Default the template to ``<app_label>/<model_name><template_name_suffix>.html``."""

    template_name_field: str | None = None
    template_name_suffix = "_detail"

    def get_template_names(self) -> list[str]:
        try:
            return super().get_template_names()
        except ImproperlyConfigured:
            names = []
            obj = getattr(self, "object", None)
            if obj is not None and self.template_name_field:
                name = getattr(obj, self.template_name_field, None)
                if name:
                    names.insert(0, name)
            model = getattr(self, "model", None)
            if _is_model_instance(obj):
                opts = obj._meta
            elif model is not None and hasattr(model, "_meta"):
                opts = model._meta
            else:
                opts = None
            if opts is not None:
                names.append(f"{opts.app_label}/{opts.model_name}{self.template_name_suffix}.html")
            if not names:
                raise
            return names


class DetailView(SingleObjectTemplateResponseMixin, BaseDetailView):
    """Render one object: ``object`` and ``<model_name>`` in the context."""
