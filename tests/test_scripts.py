"""The set-up scripts: valid bash, idempotent bootstrap, honest exit codes; bench's wrk parsing."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPTS = sorted(
    path
    for path in [*(REPO / "scripts").iterdir(), REPO / ".ci" / "run"]
    if path.is_file() and path.read_text().startswith("#!/usr/bin/env bash")
)


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, cwd=REPO, check=False, **kwargs
    )


def test_scripts_are_found() -> None:
    """Every command README.md documents is a bash script under scripts/."""
    names = {path.name for path in SCRIPTS}
    assert {"bootstrap.sh", "test", "test-slow", "demo", "bench", "run"} <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.relative_to(REPO).as_posix())
def test_script_is_valid_bash(script: Path) -> None:
    """`bash -n` accepts the script, and it is executable."""
    result = run(["bash", "-n", str(script)])
    assert result.returncode == 0, result.stderr
    assert os.access(script, os.X_OK), f"{script} is not executable"


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run does nothing but exec README's test command."""
    lines = [line for line in (REPO / ".ci/run").read_text().splitlines() if line.strip()]
    assert lines == ["#!/usr/bin/env bash", "set -euo pipefail", "exec scripts/test"]
    assert "scripts/test" in (REPO / "README.md").read_text()


def _root_or_passwordless_sudo() -> bool:
    if os.geteuid() == 0:
        return True
    return shutil.which("sudo") is not None and run(["sudo", "-n", "true"]).returncode == 0


@pytest.mark.skipif(
    not _root_or_passwordless_sudo(), reason="the bootstrap needs root or sudo without a password"
)
def test_bootstrap_second_run_installs_nothing() -> None:
    """With everything in place, bootstrap does no apt-get, pip or service work and says so."""
    first = run([str(REPO / "scripts/bootstrap.sh")])
    assert first.returncode == 0, first.stderr
    second = run([str(REPO / "scripts/bootstrap.sh")])
    assert second.returncode == 0, second.stderr
    output = second.stdout + second.stderr
    for work in ("apt-get", "pip install", "creating", "starting", "rebuilding"):
        assert work not in output, f"second run did {work!r}:\n{output}"
    assert "Debian packages: all present" in output
    assert "virtual environment: up to date" in output
    assert ("role" in output and "present" in output) or "FRAMEWORK_TEST_PG is set" in output


@pytest.mark.skipif(shutil.which("sudo") is not None, reason="sudo is installed on this machine")
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the script as another user")
def test_bootstrap_refuses_without_root_or_sudo() -> None:
    """As an ordinary user on a machine without sudo, bootstrap stops at once and says why."""
    # A copy that the user `nobody` can read, wherever the checkout lives.
    with tempfile.TemporaryDirectory(dir="/var/tmp") as directory:
        os.chmod(directory, 0o755)
        script = Path(directory) / "scripts" / "bootstrap.sh"
        script.parent.mkdir(mode=0o755)
        shutil.copy(REPO / "scripts/bootstrap.sh", script)
        script.chmod(0o755)
        result = run(["runuser", "-u", "nobody", "--", "bash", str(script)])
    assert result.returncode == 1
    assert "not running as root and sudo is not installed" in result.stderr


def test_test_command_fails_when_no_test_is_collected() -> None:
    """scripts/test turns pytest's exit code 5 (no tests collected) into a failure."""
    result = run([str(REPO / "scripts/test"), "tests/test_scripts.py", "-k", "no_such_test_name"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "collected no tests" in result.stderr


def _load_bench_module(name: str) -> object:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


WRK_REPORT = """\
Running 5s test @ http://127.0.0.1:40001/plaintext
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.47ms    2.84ms  37.00ms   89.28%
    Req/Sec     3.69k     1.11k    5.86k    61.67%
  Latency Distribution
     50%  850.00us
     75%    5.03ms
     90%    7.16ms
     99%    1.20s
  22032 requests in 5.01s, 2.75MB read
  Socket errors: connect 0, read 2414, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   7322.70
Transfer/sec:      0.91MB
"""


def test_bench_reads_wrk_report() -> None:
    """The benchmark reads requests/s, p50/p99 in ms and error counts from wrk's report."""
    load = _load_bench_module("load")
    measurement = load.parse(WRK_REPORT)
    assert measurement.requests_per_second == 7322.70
    assert measurement.p50_ms == pytest.approx(0.85)
    assert measurement.p99_ms == pytest.approx(1200.0)
    assert measurement.requests == 22032
    assert measurement.errors == 10
    assert measurement.closed_connections == 2414


def test_bench_rejects_unreadable_wrk_report() -> None:
    """A wrk report without its figures is an error that quotes the report."""
    load = _load_bench_module("load")
    with pytest.raises(ValueError, match="cannot read wrk's report"):
        load.parse("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.slow
@pytest.mark.apache
@pytest.mark.postgresql
def test_bench_quick_run_measures_every_app(tmp_path: Path) -> None:
    """A short benchmark run serves all four apps, measures them, writes JSON, stops its servers."""
    output = tmp_path / "latest.json"
    result = run(
        [SYSTEM_PYTHON, str(REPO / "bench/run.py"), "--quick", "--duration", "1"]
        + ["--output", str(output)],
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(output.read_text())
    assert set(report["results"]) == {"bare", "django", "framework", "framework-nomw"}
    for name, endpoints in report["results"].items():
        for endpoint in ("/plaintext", "/json"):
            row = endpoints[endpoint]
            assert row["requests_per_second"] > 0, (name, endpoint)
            assert row["errors"] == 0, (name, endpoint, row)
    assert report["results"]["framework"]["/json"]["ratio_to_django"] > 0
    started = re.findall(r"^bench: started .* \(pid (\d+)\)$", result.stdout, re.MULTILINE)
    assert len(started) == 4, result.stdout[-3000:]
    # Every process it reports (the four servers, the topology part's balancer) is stopped.
    pids = [int(pid) for pid in re.findall(r"\(pid (\d+)\)", result.stdout)]
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists(), f"server {pid} still running"
