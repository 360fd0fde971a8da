"""The "Object permissions" page of a ModelAdmin with ``object_permissions = True``.

Lists who holds view/change/delete on one object and lets a user who may change it
grant and revoke those rights to users and groups. Users and groups are searched
and paginated (25 a page), so the page stays usable with thousands of accounts.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import PermissionDenied
from framework.db import models
from framework.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from framework.template.response import TemplateResponse
from framework.utils.deferred import lazy_module

ACTIONS = ("view", "change", "delete")
PER_PAGE = 25

# Loaded by the first admin page that paginates, not at start-up.
paginator_module = lazy_module("framework.core.paginator")


class ObjectPermissionViews:
    """``object_permissions_view`` (a mixin of ModelAdmin)."""

    def _can_manage_object_permissions(self, request: Any, obj: Any) -> bool:
        return bool(obj is not None and self.has_change_permission(request, obj))

    def object_permissions_view(self, request: Any, object_id: str) -> Any:
        """Grant (POST ``op=grant``) and revoke (``op=revoke``) rights on one object."""
        from framework.contrib.auth.api import get_user_model
        from framework.contrib.auth.models import Group
        from framework.contrib.auth.shortcuts import (
            assign_perm,
            get_groups_with_perms,
            get_users_with_perms,
            remove_perm,
        )

        if not self.object_permissions:
            raise Http404(f"{self.__class__.__name__} does not use object permissions.")
        obj = self._get_obj_or_404(request, object_id)
        if not self._can_manage_object_permissions(request, obj):
            raise PermissionDenied
        User = get_user_model()  # noqa: N806
        opts = self.opts
        if request.method == "POST":
            target = request.POST.get("target", "")
            action = request.POST.get("perm", "")
            op = request.POST.get("op", "")
            kind, _, pk = target.partition(":")
            if (
                action not in ACTIONS
                or op not in ("grant", "revoke")
                or kind not in ("user", "group")
            ):
                return HttpResponseBadRequest(
                    "Object permission changes need target=user:<id>|group:<id>, "
                    "perm=view|change|delete and op=grant|revoke."
                )
            model = User if kind == "user" else Group
            try:
                who = model._default_manager.get(pk=int(pk))
            except (ValueError, model.DoesNotExist):
                return HttpResponseBadRequest(f"No {kind} with id {pk!r}.")
            perm = f"{opts.app_label}.{action}_{opts.model_name}"
            (assign_perm if op == "grant" else remove_perm)(perm, who, obj)
            verb = "Granted" if op == "grant" else "Revoked"
            self.log_change(
                request,
                obj,
                [
                    {
                        "changed": {
                            "fields": ["object permissions"],
                            "values": [
                                {
                                    "name": "object_permissions",
                                    "label": "object permissions",
                                    "old": None,
                                    "new": f"{verb} {action} to {kind} {who}",
                                    "old_repr": "-",
                                    "new_repr": f"{verb} {action} to {kind} {who}",
                                }
                            ],
                        }
                    }
                ],
            )
            self.message_user(request, f"{verb} {action} on “{obj}” to {kind} “{who}”.", level=25)
            return HttpResponseRedirect(request.get_full_path())
        term = request.GET.get("q", "").strip()
        users = User._default_manager.order_by(User.USERNAME_FIELD)
        groups = Group.objects.order_by("name")
        if term:
            users = users.filter(
                models.Q(**{f"{User.USERNAME_FIELD}__icontains": term})
                | models.Q(email__icontains=term)
            )
            groups = groups.filter(name__icontains=term)
        try:
            page_number = int(request.GET.get("p", 1))
        except ValueError:
            page_number = 1
        user_page = paginator_module.Paginator(users, PER_PAGE).get_page(page_number)
        group_page = paginator_module.Paginator(groups, PER_PAGE).get_page(page_number)
        # Two queries for every holder of a right, whatever the page size.
        user_perms = {
            u.pk: (u, _codes(p))
            for u, p in get_users_with_perms(obj, attach_perms=True, with_group_users=False).items()
        }
        group_perms = {
            g.pk: (g, _codes(p)) for g, p in get_groups_with_perms(obj, attach_perms=True).items()
        }
        holders = [
            {"kind": "user", "obj": u, "perms": sorted(p)} for u, p in user_perms.values()
        ] + [{"kind": "group", "obj": g, "perms": sorted(p)} for g, p in group_perms.values()]
        user_rows = [
            {"kind": "user", "obj": u, "perms": user_perms.get(u.pk, (None, set()))[1]}
            for u in user_page.object_list
        ]
        group_rows = [
            {"kind": "group", "obj": g, "perms": group_perms.get(g.pk, (None, set()))[1]}
            for g in group_page.object_list
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Object permissions: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "actions": ACTIONS,
            "user_rows": user_rows,
            "group_rows": group_rows,
            "user_page": user_page,
            "group_page": group_page,
            "holders": holders,
            "q": term,
            "change_url": self.admin_url("change", obj.pk),
        }
        return TemplateResponse(request, "admin/object_permissions.html", context)


def _codes(perms: Any) -> set:
    """{"view", "change", ...} from codenames such as "change_book"."""
    return {p.split("_", 1)[0] for p in perms}
