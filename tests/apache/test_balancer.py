"""framework_apache.balancer and ``manage.py apache balancer``: mod_proxy_balancer config.

The rendering is tested as text and with ``apache2 -t``; one test runs the balancer for
real in front of two small HTTP servers and kills one of them.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from framework.core.management import CommandError
from framework_apache.balancer import BalancerSettings, render_balancer
from framework_apache.driver import Driver
from framework_apache.settings import ApacheSettingsError
from tests.apache.test_command import apache
from tests.support.servers import free_port, http_get, wait_until, www_readable_tempdir

HTTPD = "/usr/sbin/apache2"


def make(**overrides) -> BalancerSettings:
    values = dict(
        server_root="/srv/balancer",
        members=("http://10.0.0.1:8000", "http://10.0.0.2:8000/"),
        port=80,
    )
    values.update(overrides)
    return BalancerSettings(**values)


def test_render_lists_each_member_with_health_checks():
    """Each member gets a BalancerMember line with retry and GET health checks on hc_uri."""
    text = render_balancer(make(retry=3, hc_uri="/health/", hc_interval=4))
    members = [line.strip() for line in text.splitlines() if "BalancerMember" in line]
    assert members == [
        f'BalancerMember "http://10.0.0.{n}:8000" retry=3 connectiontimeout=2 timeout=60 ttl=1 '
        "disablereuse=On hcmethod=GET hcuri=/health/ hcinterval=4 hcfails=1 hcpasses=1"
        for n in (1, 2)
    ]
    assert 'ProxyPass "/" "balancer://nodes/"' in text
    assert "ProxySet lbmethod=byrequests failonstatus=503" in text
    assert "ttl=1 " in text
    assert "Listen 127.0.0.1:80" in text
    assert 'ServerRoot "/srv/balancer"' in text
    assert "LoadModule lbmethod_byrequests_module" in text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"members": ()}, "at least one member"),
        ({"members": ("10.0.0.1:8000",)}, "'10.0.0.1:8000'"),
        ({"members": ("http://10.0.0.1",)}, "'http://10.0.0.1'"),
        ({"members": ("http://h:8000/app",)}, "base URL"),
        ({"members": ('http://h:8000/"',)}, "base URL"),
        ({"members": ("http://h:1", "http://h:1/")}, "twice"),
        ({"port": 0}, "port must be an integer from 1 to 65535, got 0"),
        ({"lbmethod": "random"}, "got 'random'"),
        ({"hc_uri": "health"}, "got 'health'"),
        ({"server_root": "relative"}, "absolute path"),
        ({"host": "a b"}, "got 'a b'"),
        ({"user": "-x"}, "got '-x'"),
    ],
)
def test_invalid_settings_name_the_value(overrides, message):
    """Each invalid value raises ApacheSettingsError quoting it."""
    with pytest.raises(ApacheSettingsError, match=message.replace("(", r"\(")):
        make(**overrides)


def test_command_writes_a_root_that_passes_configtest():
    """`manage.py apache balancer` writes httpd.conf + apachectl; apache2 -t accepts them."""
    with www_readable_tempdir() as base:
        root = base / "lb"
        out, _ = apache(
            "balancer",
            "--member",
            "http://127.0.0.1:8001",
            "--member",
            "http://127.0.0.1:8002",
            "--port",
            "8080",
            "--server-root",
            str(root),
        )
        assert f"Wrote the balancer server root {root}" in out
        assert (root / "apachectl").stat().st_mode & 0o777 == 0o755
        result = subprocess.run(
            [str(root / "apachectl"), "configtest"], capture_output=True, text=True, timeout=60
        )
        assert (result.returncode, result.stderr.strip()) == (0, "Syntax OK")


def test_command_reports_a_bad_member():
    """A malformed --member is an error naming it; nothing is written."""
    with www_readable_tempdir() as base:
        with pytest.raises(CommandError, match="'ftp://x:1'") as info:
            apache(
                "balancer",
                "--member",
                "ftp://x:1",
                "--port",
                "8080",
                "--server-root",
                str(base / "lb"),
            )
        assert info.value.returncode == 1
        assert not (base / "lb").exists()


def member_status(port: int, member: str) -> str:
    """The balancer-manager's row for ``member`` as plain text (its Status column: Ok,
    Err, HcFl ...)."""
    status, _, body = http_get("127.0.0.1", port, "/balancer-manager")
    assert status == 200, body
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.decode()))
    row = text.partition(f" {member} ")[2]
    assert row, f"{member} is not listed by the balancer-manager: {text[-800:]}"
    return row.partition(" http")[0]


def _backend(directory: Path, text: str) -> tuple[subprocess.Popen, int]:
    directory.mkdir()
    (directory / "index.html").write_text(text)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_until(lambda: http_get("127.0.0.1", port)[0] == 200, 10, what=f"backend {text}")
    return process, port


@pytest.mark.apache
def test_balancer_spreads_requests_and_drops_a_dead_member():
    """Requests alternate between two members; after one dies every request still succeeds."""
    backends: list[subprocess.Popen] = []
    with www_readable_tempdir() as base:
        root = base / "lb"
        driver = Driver(root)
        try:
            a, port_a = _backend(base / "a", "A")
            backends.append(a)
            b, port_b = _backend(base / "b", "B")
            backends.append(b)
            port = free_port()
            apache(
                "balancer",
                *(
                    "--member",
                    f"http://127.0.0.1:{port_a}",
                    "--member",
                    f"http://127.0.0.1:{port_b}",
                ),
                *("--port", str(port), "--server-root", str(root), "--hc-interval", "1"),
            )
            started = driver.start(expected_daemons=0)
            assert started.ok, started.message
            bodies = [http_get("127.0.0.1", port, "/")[2] for _ in range(10)]
            assert set(bodies) == {b"A", b"B"}
            os.killpg(b.pid, signal.SIGKILL)
            b.wait(5)
            # mod_proxy_hcheck marks it failed on its own, before any request reaches it.
            wait_until(
                lambda: "HcFl" in member_status(port, f"http://127.0.0.1:{port_b}"),
                10,
                what="the health check failing the dead member",
            )
            assert "HcFl" not in member_status(port, f"http://127.0.0.1:{port_a}")
            answers = [http_get("127.0.0.1", port, "/")[:3:2] for _ in range(20)]
            assert answers == [(200, b"A")] * 20
        finally:
            if driver.pid() is not None:
                driver.stop()
            for process in backends:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(5)
