"""``SuccessMessageMixin``: a success message after a valid form."""

from __future__ import annotations

from typing import Any

from .api import success

__all__ = ["SuccessMessageMixin"]


class SuccessMessageMixin:
    """Add ``success_message % cleaned_data`` as a success message when the form is valid."""

    success_message = ""

    def form_valid(self, form: Any) -> Any:
        response = super().form_valid(form)  # type: ignore[misc]
        message = self.get_success_message(form.cleaned_data)
        if message:
            success(self.request, message)  # type: ignore[attr-defined]
        return response

    def get_success_message(self, cleaned_data: dict) -> str:
        """The message to show; override to use the saved object (``self.object``)."""
        return self.success_message % cleaned_data
