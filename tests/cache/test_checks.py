"""System checks of CACHES: caches.E001, W002, W003."""

from __future__ import annotations

from framework.core.cache import checks

FILE = "framework.core.cache.backends.filebased.FileBasedCache"
LOCMEM = "framework.core.cache.backends.locmem.LocMemCache"


def ids(messages) -> list[str]:
    return [m.id for m in messages]


def test_default_alias_required(settings):
    """E001 when CACHES has no 'default'."""
    settings.CACHES = {"other": {"BACKEND": LOCMEM}}
    assert ids(checks.check_default_cache_is_configured()) == ["caches.E001"]
    settings.CACHES = {"default": {"BACKEND": LOCMEM}}
    assert checks.check_default_cache_is_configured() == []


def test_file_cache_near_served_files(settings, tmp_path):
    """W002 when a file cache's LOCATION matches, is inside or contains MEDIA_ROOT/STATIC_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.CACHES = {
        "default": {"BACKEND": FILE, "LOCATION": str(tmp_path / "media")},
        "inside": {"BACKEND": FILE, "LOCATION": str(tmp_path / "static" / "cache")},
        "contains": {"BACKEND": FILE, "LOCATION": str(tmp_path)},
        "fine": {"BACKEND": FILE, "LOCATION": str(tmp_path.parent / "elsewhere")},
    }
    messages = checks.check_cache_location_not_exposed()
    texts = " ".join(m.msg for m in messages)
    assert set(ids(messages)) == {"caches.W002"}
    assert "'default'" in texts and "matches MEDIA_ROOT" in texts
    assert "'inside'" in texts and "is inside STATIC_ROOT" in texts
    assert "'contains'" in texts and "contains MEDIA_ROOT" in texts
    assert "'fine'" not in texts


def test_relative_file_cache_location(settings):
    """W003 for a relative file cache LOCATION."""
    settings.CACHES = {"default": {"BACKEND": FILE, "LOCATION": "cache/dir"}}
    messages = checks.check_file_based_cache_is_absolute()
    assert ids(messages) == ["caches.W003"] and "'cache/dir'" in messages[0].msg
