"""Cache test fixtures: every backend, built fresh per test, on real servers.

- ``make_cache(backend, **params)`` builds a backend instance from a CACHES-style entry;
- ``backend`` is parametrised over locmem, filebased, db on SQLite and on PostgreSQL,
  redis and memcached;
- Redis: FRAMEWORK_TEST_REDIS (default redis://127.0.0.1:6379/13) with a per-process
  KEY_PREFIX; only this suite's keys are ever deleted (no FLUSHDB/FLUSHALL);
- memcached: Debian's ``memcached`` binary, started on a free loopback port for the test
  session and stopped by its pid.
With CI=true a missing server fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest

from framework.core.cache.backends.db import create_cache_table_sql
from framework.db import connections
from framework.utils.module_loading import import_string
from tests.support import dual_db
from tests.support.servers import free_port
from tests.support.services import unavailable as _unavailable

REDIS_URL = os.environ.get("FRAMEWORK_TEST_REDIS", "redis://127.0.0.1:6379/13")
KEY_PREFIX = f"fwtest{os.getpid()}"
CACHE_TABLE = "test_cache_table"

BACKENDS = {
    "locmem": "framework.core.cache.backends.locmem.LocMemCache",
    "filebased": "framework.core.cache.backends.filebased.FileBasedCache",
    "db_sqlite": "framework.core.cache.backends.db.DatabaseCache",
    "db_postgresql": "framework.core.cache.backends.db.DatabaseCache",
    "redis": "framework.core.cache.backends.redis.RedisCache",
    "memcached": "framework.core.cache.backends.memcached.PyMemcacheCache",
}


def unavailable(what: str) -> None:
    """Skip, or fail under CI=true, because ``what`` is missing."""
    _unavailable(f"{what} unavailable", ci_reason=f"{what} is required in CI")


# ---------------------------------------------------------------- servers
@pytest.fixture(scope="session")
def redis_url():
    """The Redis URL of the suite, checked with a PING."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        unavailable(f"Redis at {REDIS_URL} ({exc})")
    finally:
        client.close()
    yield REDIS_URL
    # Leave nothing behind: only the keys under this run's prefix.
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{KEY_PREFIX}*"))
    if keys:
        client.delete(*keys)
    client.close()


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"memcached exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"memcached did not listen on 127.0.0.1:{port} within {timeout}s")


@pytest.fixture(scope="session")
def memcached_server():
    """A memcached of our own on a free loopback port; yields 'host:port'."""
    binary = shutil.which("memcached") or (
        "/usr/bin/memcached" if os.path.exists("/usr/bin/memcached") else None
    )
    if binary is None:
        unavailable("memcached (apt-get install memcached)")
    port = free_port()
    argv = [binary, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "16"]
    if os.geteuid() == 0:
        argv += ["-u", "memcache" if _user_exists("memcache") else "nobody"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, proc)
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


# ---------------------------------------------------------------- databases
def _create_cache_table(wrapper) -> None:
    with wrapper.cursor() as cursor:
        for statement in create_cache_table_sql(wrapper, CACHE_TABLE):
            cursor.execute(statement)
    wrapper.commit()


@pytest.fixture(scope="package")
def cache_databases():
    """An SQLite and (if reachable) a PostgreSQL connection, each with the cache table."""
    with dual_db.both_backends(_create_cache_table, "test_framework_cache") as state:
        yield state


@pytest.fixture
def use_database(cache_databases):
    """Return ``use(vendor)``: make that connection ``default`` for the test."""
    saved_settings = connections._settings
    saved_default = getattr(connections._local, "default", None)
    yield lambda vendor: dual_db.use(cache_databases, vendor)
    dual_db.restore_default(saved_settings, saved_default)


# ---------------------------------------------------------------- backends
@pytest.fixture
def make_cache(request, tmp_path, use_database):
    """Return ``make(name, **params)``: a backend instance, emptied after the test."""
    built = []

    def make(name: str, **params):
        if name == "redis":
            location = request.getfixturevalue("redis_url")
            params.setdefault("KEY_PREFIX", KEY_PREFIX)
        elif name == "memcached":
            location = request.getfixturevalue("memcached_server")
        elif name == "filebased":
            location = str(tmp_path / "filecache")
        elif name.startswith("db_"):
            use_database(name[3:])
            location = CACHE_TABLE
        else:
            location = f"test-{request.node.nodeid}"
        cache = import_string(BACKENDS[name])(location, params)
        built.append(cache)
        return cache

    yield make
    for cache in built:
        cache.clear()
        cache.close()
        if hasattr(cache, "disconnect"):
            cache.disconnect()


@pytest.fixture
def caches_entry(request, tmp_path, use_database):
    """Return ``entry(name)``: a CACHES entry for that backend (servers started as needed)."""

    def entry(name: str) -> dict:
        if name == "redis":
            location = request.getfixturevalue("redis_url")
        elif name == "memcached":
            location = request.getfixturevalue("memcached_server")
        elif name == "filebased":
            location = str(tmp_path / "filecache")
        elif name.startswith("db_"):
            use_database(name[3:])
            location = CACHE_TABLE
        else:
            location = f"entry-{request.node.nodeid}"
        return {"BACKEND": BACKENDS[name], "LOCATION": location, "KEY_PREFIX": KEY_PREFIX}

    return entry


def _param(name: str):
    marks = [pytest.mark.postgresql] if name == "db_postgresql" else []
    return pytest.param(name, marks=marks, id=name)


@pytest.fixture(params=[_param(name) for name in BACKENDS])
def backend(request):
    """The name of each real backend."""
    return request.param


@pytest.fixture
def cache(make_cache, backend):
    """A fresh instance of each real backend, empty."""
    instance = make_cache(backend)
    instance.clear()
    return instance
