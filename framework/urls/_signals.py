"""Reset URL caches when ``ROOT_URLCONF`` changes (``override_settings``, ``settings``)."""

from __future__ import annotations

from typing import Any

from framework.core.signals import setting_changed
from framework.dispatch import receiver


@receiver(setting_changed)
def root_urlconf_changed(*, setting: str, **kwargs: Any) -> None:
    """Clear the resolver caches and the per-thread URLconf on ROOT_URLCONF changes."""
    if setting == "ROOT_URLCONF":
        from framework.urls.base import clear_url_caches, set_urlconf

        clear_url_caches()
        set_urlconf(None)
