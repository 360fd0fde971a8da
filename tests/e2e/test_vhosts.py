"""End to end: `apache setup --sites` serves each contrib.sites Site of the demo as its own
name-based vhost with its own daemon process group, the admin on every site's vhost."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framework_apache.driver import Driver
from tests.support.servers import free_port, wait_until, www_readable_tempdir

pytestmark = pytest.mark.apache

DEMO = Path(__file__).resolve().parents[2] / "demo"
NEWS, SPORT = "127.0.0.1", "localhost"  # the demo's two Site domains


def _get(port: int, host: str, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=DEMO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="Apache runs the daemons as www-data (root needed)")
def test_each_site_is_its_own_vhost_and_daemon_group():
    """Two Sites on one port: each Host gets its own site's pages and its admin login, an
    unknown Host gets a 400 (never another site's content), and each site's requests run in
    a daemon process group of its own."""
    port = free_port()
    with www_readable_tempdir("framework-vhosts-") as data:
        env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
        env["DEMO_DATA_DIR"] = str(data)
        root = data / "apache"
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "seed_demo", "--scale", "0.05")
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        os.chmod(data, 0o777)  # www-data writes the SQLite journal next to the database
        (data / "db.sqlite3").chmod(0o666)
        out = _manage(
            env, "apache", "setup", "--sites", "--port", str(port), "--processes", "1",
            "--threads", "4", "--server-root", str(root),
        )  # fmt: skip
        assert "127.0.0.1" in out and "localhost" in out, out
        _manage(env, "apache", "start", "--server-root", str(root))
        driver = Driver(root)
        try:
            wait_until(lambda: _get(port, NEWS, "/")[0] == 200, 60, what="the news vhost")
            news_status, news = _get(port, NEWS, "/")
            sport_status, sport = _get(port, SPORT, "/")
            assert (news_status, sport_status) == (200, 200)
            assert "<title>The Framework Times" in news and "Framework Sport" not in news
            assert "<title>Framework Sport" in sport and "The Framework Times" not in sport
            for host in (NEWS, SPORT):
                status, body = _get(port, host, "/admin/login/")
                assert status == 200 and 'name="password"' in body, host
            status, body = _get(port, "unknown.example", "/")
            assert status == 400 and "Framework Sport" not in body
            groups = driver.daemon_pids()
            news_group = [g for g in groups if g.startswith("127.0.0.1")]
            sport_group = [g for g in groups if g.startswith("localhost")]
            assert news_group and sport_group, groups
            assert not set(groups[news_group[0]]) & set(groups[sport_group[0]])
        finally:
            _manage(env, "apache", "stop", "--server-root", str(root))
