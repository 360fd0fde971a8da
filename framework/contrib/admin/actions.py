"""Built-in admin actions: ``delete_selected`` with its confirmation page."""

from __future__ import annotations

from typing import Any

from framework.contrib.admin.decorators import action
from framework.contrib.admin.utils import model_ngettext
from framework.core.exceptions import PermissionDenied
from framework.template.response import TemplateResponse
from framework.utils.deferred import lazy_module

# Forms and the deletion collector: loaded with the first action run.
helpers = lazy_module("framework.contrib.admin.helpers")
deletion = lazy_module("framework.contrib.admin.deletion")


@action(permissions=["delete"], description="Delete selected %(verbose_name_plural)s")
def delete_selected(modeladmin: Any, request: Any, queryset: Any) -> Any:
    """Show what would be deleted; on the confirmed POST (``post=yes``) delete and log it."""
    opts = modeladmin.model._meta
    deletable_objects, model_count, perms_needed, protected = deletion.get_deleted_objects(
        queryset, request, modeladmin.admin_site
    )
    if request.POST.get("post") and not protected:
        if perms_needed:
            raise PermissionDenied
        if modeladmin.object_permissions:
            for obj in queryset:
                if not modeladmin.has_delete_permission(request, obj):
                    raise PermissionDenied
        n = len(queryset)
        if n:
            modeladmin.log_deletions(request, queryset)
            modeladmin.delete_queryset(request, queryset)
            modeladmin.message_user(
                request,
                f"Successfully deleted {n} {model_ngettext(modeladmin.opts, n)}.",
                level=25,
            )
        return None
    objects_name = model_ngettext(queryset)
    if perms_needed or protected:
        title = f"Cannot delete {objects_name}"
    else:
        title = "Delete multiple objects"
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "objects_name": str(objects_name),
        "deletable_objects": deletable_objects,
        "model_count": model_count,
        "queryset": queryset,
        "perms_lacking": perms_needed,
        "protected": protected,
        "opts": opts,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
        "changelist_url": modeladmin.admin_url("changelist"),
    }
    return TemplateResponse(
        request,
        modeladmin.delete_selected_confirmation_template
        or [
            f"admin/{opts.app_label}/{opts.model_name}/delete_selected_confirmation.html",
            f"admin/{opts.app_label}/delete_selected_confirmation.html",
            "admin/delete_selected_confirmation.html",
        ],
        context,
    )
