"""``ListView``: a list of objects, optionally paginated.

``MultipleObjectMixin`` builds the queryset (``model``, ``queryset``,
``ordering``) and paginates it with ``Paginator`` (``paginate_by``,
``paginate_orphans``, ``page_kwarg`` from the URL kwargs or the query
string, ``"last"`` for the last page); a bad page number is a 404.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.core.paginator import InvalidPage, Paginator
from framework.http import Http404
from framework.views.generic.base import ContextMixin, TemplateResponseMixin, View

__all__ = [
    "BaseListView",
    "ListView",
    "MultipleObjectMixin",
    "MultipleObjectTemplateResponseMixin",
]


class MultipleObjectMixin(ContextMixin):
    """Provide ``object_list`` and pagination to the context."""

    allow_empty = True
    queryset: Any = None
    model: Any = None
    paginate_by: int | None = None
    paginate_orphans = 0
    context_object_name: str | None = None
    paginator_class = Paginator
    page_kwarg = "page"
    ordering: Any = None

    def get_queryset(self) -> Any:
        """The objects to list: ``queryset`` or all of ``model``, ordered by ``ordering``."""
        if self.queryset is not None:
            queryset = self.queryset
            if hasattr(queryset, "_clone"):
                queryset = queryset.all()
        elif self.model is not None:
            queryset = self.model._default_manager.all()
        else:
            name = type(self).__name__
            raise ImproperlyConfigured(
                f"{name} is missing a QuerySet. Define {name}.model, {name}.queryset, or "
                f"override {name}.get_queryset()."
            )
        ordering = self.get_ordering()
        if ordering:
            if isinstance(ordering, str):
                ordering = (ordering,)
            queryset = queryset.order_by(*ordering)
        return queryset

    def get_ordering(self) -> Any:
        """The field names the list is ordered by (``ordering``)."""
        return self.ordering

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple:
        """``(paginator, page, object_list, is_paginated)``; Http404 for a bad page."""
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            page_number = int(page)
        except (TypeError, ValueError):
            if page == "last":
                page_number = paginator.num_pages
            else:
                raise Http404("Page is not “last”, nor can it be converted to an int.") from None
        try:
            page = paginator.page(page_number)
        except InvalidPage as exc:
            raise Http404(f"Invalid page ({page_number}): {exc}") from None
        return paginator, page, page.object_list, page.has_other_pages()

    def get_paginate_by(self, queryset: Any) -> int | None:
        """Items per page, or None for no pagination."""
        return self.paginate_by

    def get_paginator(
        self,
        queryset: Any,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
        **kwargs: Any,
    ) -> Paginator:
        """A ``paginator_class`` instance for ``queryset``."""
        return self.paginator_class(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            **kwargs,
        )

    def get_paginate_orphans(self) -> int:
        return self.paginate_orphans

    def get_allow_empty(self) -> bool:
        """Whether an empty list is shown (False: Http404)."""
        return self.allow_empty

    def get_context_object_name(self, object_list: Any) -> str | None:
        """``context_object_name`` or ``<model_name>_list``."""
        if self.context_object_name:
            return self.context_object_name
        if hasattr(object_list, "model"):
            return f"{object_list.model._meta.model_name}_list"
        return None

    def get_context_data(self, *, object_list: Any = None, **kwargs: Any) -> dict[str, Any]:
        """``object_list``, ``paginator``, ``page_obj``, ``is_paginated`` and the list's name."""
        queryset = object_list if object_list is not None else self.object_list
        page_size = self.get_paginate_by(queryset)
        context_object_name = self.get_context_object_name(queryset)
        if page_size:
            paginator, page, queryset, is_paginated = self.paginate_queryset(queryset, page_size)
            context = {
                "paginator": paginator,
                "page_obj": page,
                "is_paginated": is_paginated,
                "object_list": queryset,
            }
        else:
            context = {
                "paginator": None,
                "page_obj": None,
                "is_paginated": False,
                "object_list": queryset,
            }
        if context_object_name is not None:
            context[context_object_name] = queryset
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseListView(MultipleObjectMixin, View):
    """List the objects (no template choice)."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object_list = self.get_queryset()
        if not self.get_allow_empty():
            # With pagination an EXISTS query is cheaper than fetching the whole list.
            if self.get_paginate_by(self.object_list) is not None and hasattr(
                self.object_list, "exists"
            ):
                is_empty = not self.object_list.exists()
            else:
                is_empty = not self.object_list
            if is_empty:
                raise Http404(f"Empty list and “{type(self).__name__}.allow_empty” is False.")
        context = self.get_context_data()
        return self.render_to_response(context)


class MultipleObjectTemplateResponseMixin(TemplateResponseMixin):
    """Default the template to ``<app_label>/<model_name><template_name_suffix>.html``."""

    template_name_suffix = "_list"

    def get_template_names(self) -> list[str]:
        try:
            return super().get_template_names()
        except ImproperlyConfigured:
            object_list = getattr(self, "object_list", None)
            if hasattr(object_list, "model"):
                opts = object_list.model._meta
                return [f"{opts.app_label}/{opts.model_name}{self.template_name_suffix}.html"]
            raise ImproperlyConfigured(
                f"{type(self).__name__} requires either a 'template_name' attribute or a "
                f"get_queryset() method that returns a QuerySet."
            ) from None


class ListView(MultipleObjectTemplateResponseMixin, BaseListView):
    """Render a list of objects: ``object_list`` and ``<model_name>_list`` in the context."""
