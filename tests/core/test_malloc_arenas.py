"""get_wsgi_application() caps glibc's malloc arenas inside mod_wsgi (APACHE_MALLOC_ARENAS).

Each mod_wsgi daemon thread would otherwise get an arena of its own, which keeps what it once
held: a 10-thread daemon measured 20+ MiB more RSS after the benchmark's load. The arena count
is read from glibc's own malloc_info() in a fresh interpreter whose threads each malloc.
"""

from __future__ import annotations

import os
import sys
import textwrap

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.core.wsgi import limit_malloc_arenas, under_mod_wsgi
from tests.support.probes import run_python

CHILD = textwrap.dedent(
    """
    import ctypes, os, re, sys, tempfile, threading, types
    if sys.argv[1] == "mod_wsgi":
        # What mod_wsgi puts in sys.modules before it loads the WSGI script.
        sys.modules["mod_wsgi"] = types.SimpleNamespace(process_group="demo")
    os.environ["FRAMEWORK_SETTINGS_MODULE"] = "tests.settings"
    from framework.core.wsgi import get_wsgi_application
    get_wsgi_application()
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = (ctypes.c_void_p,)
    barrier = threading.Barrier(8)
    def work():
        barrier.wait()
        for _ in range(200):
            libc.free(libc.malloc(50000))
        barrier.wait()
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    libc.fopen.restype = ctypes.c_void_p
    libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
    libc.fclose.argtypes = (ctypes.c_void_p,)
    path = tempfile.mktemp()
    stream = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    print(len(re.findall(r'<heap nr="', open(path).read())))
    os.unlink(path)
    """
)


def _arenas_used(mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    return int(run_python(CHILD, mode, env=env).strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_arenas_capped_inside_mod_wsgi_only():
    """Under mod_wsgi eight threads share APACHE_MALLOC_ARENAS (2) arenas; elsewhere
    glibc gives each thread its own."""
    assert _arenas_used("mod_wsgi") <= 2
    assert _arenas_used("plain") > 2


def test_limit_is_skipped_when_unset_or_decided_by_the_environment(monkeypatch):
    """None leaves glibc alone; MALLOC_ARENA_MAX in the environment wins; a bad value
    names the setting."""
    assert limit_malloc_arenas(None) is False
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas(2) is False
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    for bad in (0, -1, "2", True):
        with pytest.raises(ImproperlyConfigured, match="APACHE_MALLOC_ARENAS"):
            limit_malloc_arenas(bad)


def test_mod_wsgi_is_recognised_by_its_process_group(monkeypatch):
    """The mod_wsgi package that mod_wsgi-express installs is not the daemon's module."""
    import types

    monkeypatch.setitem(sys.modules, "mod_wsgi", types.ModuleType("mod_wsgi"))
    assert under_mod_wsgi() is False
    monkeypatch.setitem(sys.modules, "mod_wsgi", types.SimpleNamespace(process_group=""))
    assert under_mod_wsgi() is True
