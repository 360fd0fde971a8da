"""End to end: deploy/provision.sh (the Vagrant VM's provisioning) run twice on this host.

The script runs as root into its own install directory, port and PostgreSQL database,
from a snapshot of the checkout (so that edits made meanwhile cannot change the second
run). The first run installs and starts the site; the second finds everything done,
changes nothing and the site still serves. Afterwards the test stops the httpd it
started, drops the database and role it created and removes the directory.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.e2e.test_demo import parse, request
from tests.support.servers import free_port, www_readable_tempdir
from tests.support.services import unavailable

pytestmark = [pytest.mark.apache, pytest.mark.postgresql]

REPO = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 600


def _psql(*commands: str) -> None:
    argv = ["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-d", "postgres"]
    for command in commands:
        argv += ["-c", command]
    subprocess.run(argv, check=True, capture_output=True, timeout=60)


def _provision(script: Path, env: dict) -> str:
    result = subprocess.run(
        ["bash", str(script)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    return output


def _check_site(port: int) -> None:
    status, headers, body = request(port, "/")
    assert status == 200, body[:500]
    assert headers["Server"].startswith("Apache")
    assert b"The Framework Times" in body
    article = next(h for h in parse(body).hrefs if re.match(r"^/\d{4}/\d\d/\d\d/", h))
    assert request(port, article)[0] == 200
    status, _, body = request(port, "/", host="localhost")
    assert status == 200 and b"Framework Sport" in body
    status, _, body = request(port, "/feeds/atom/")
    assert status == 200 and ET.fromstring(body).tag == "{http://www.w3.org/2005/Atom}feed"
    status, headers, body = request(port, "/static/news/site.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    status, _, body = request(port, "/admin/login/")
    assert status == 200 and b'name="password"' in body


@pytest.fixture
def install():
    """A www-readable install directory, a free port, a database name; cleaned up after."""
    if os.geteuid() != 0:
        unavailable("deploy/provision.sh runs as root")
    if shutil.which("pg_lsclusters") is None or shutil.which("runuser") is None:
        unavailable("deploy/provision.sh needs Debian's local PostgreSQL (pg_lsclusters)")
    db = f"test_framework_provision_{os.getpid()}"
    with www_readable_tempdir("framework-provision-") as base:
        snapshot = base / "checkout"
        shutil.copytree(
            REPO,
            snapshot,
            symlinks=True,
            ignore=shutil.ignore_patterns(
                ".git", ".venv", "var", "tests", "bench", "__pycache__", "*.egg-info", "build"
            ),
        )
        target = base / "srv"
        env = {
            **{k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"},
            "NEWSROOM_SOURCE": str(snapshot),
            "NEWSROOM_DIR": str(target),
            "NEWSROOM_PORT": str(free_port()),
            "NEWSROOM_DB": db,
            "NEWSROOM_SEED_SCALE": "0.1",
        }
        try:
            yield snapshot / "deploy" / "provision.sh", env
        finally:
            demo = target / "src" / "demo"
            if (target / "apache").exists():
                subprocess.run(
                    [str(target / "venv" / "bin" / "python"), "manage.py", "apache", "stop"],
                    cwd=demo,
                    env={**env, "FRAMEWORK_SETTINGS_MODULE": "newsroom.deploy_settings"},
                    capture_output=True,
                    timeout=60,
                )
            _psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)', f'DROP ROLE IF EXISTS "{db}"')


def test_provision_twice_serves_the_demo(install):
    """provision.sh installs the demo behind Apache on PostgreSQL; a second run changes
    nothing and the site still serves."""
    script, env = install
    port = int(env["NEWSROOM_PORT"])
    first = _provision(script, env)
    assert "manage.py apache start" in first
    assert "Seeded 35 articles." in first
    assert re.search(r"user 'admin', password '[^']+'", first)
    _check_site(port)

    second = _provision(script, env)
    for unchanged in (
        f"PostgreSQL: database '{env['NEWSROOM_DB']}' present",
        "is up to date",  # the sources
        "virtual environment: up to date",
        "settings: up to date",
        "The demo is already seeded (35 articles): nothing to do",
        "superuser 'admin' present",
        "Apache: running, nothing to reload",
    ):
        assert unchanged in second, second[-3000:]
    _check_site(port)
