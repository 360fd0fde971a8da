"""The example project's own tests, run as a user runs them: ``pytest`` and ``manage.py test``.

Each run happens in a subprocess on a copy of tests/testkit/example_project, on SQLite
and on PostgreSQL, and the outcome is read from the runner's summary: every test of the
project passes, and a deliberately failing test is reported as a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import postgres
from tests.support.servers import www_readable_tempdir
from tests.support.services import unavailable

EXAMPLE = Path(__file__).parent / "example_project"
BACKENDS = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=pytest.mark.postgresql),
]
# The example project's tests: 31 pytest items (22 of them unittest methods) in total.
PYTEST_PASSED = 31
UNITTEST_RAN = 22


def _copy_project(target: Path) -> Path:
    project = target / "example_project"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3"))
    return project


def _environ(backend: str, db_name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRAMEWORK_", "EXAMPLE_"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if backend == "postgresql":
        try:
            params = postgres.connection_params()
        except postgres.PostgresUnavailable as exc:
            unavailable(
                f"PostgreSQL unavailable: {exc}", ci_reason=f"PostgreSQL is required in CI: {exc}"
            )
        env.update(
            EXAMPLE_DB="postgresql",
            EXAMPLE_PG_NAME=db_name,
            EXAMPLE_PG_HOST=params.get("host", "127.0.0.1"),
            EXAMPLE_PG_PORT=str(params.get("port", "5432")),
            EXAMPLE_PG_USER=params.get("user", "postgres"),
            EXAMPLE_PG_PASSWORD=params.get("password", ""),
        )
    return env


def _run(argv: list[str], project: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *argv],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _count(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    return int(match.group(1)) if match else 0


def _test_db_exists(name: str) -> bool:
    import psycopg2

    conn = psycopg2.connect(postgres.pg_dsn())
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None
    finally:
        conn.close()


@pytest.fixture(params=BACKENDS)
def project(request, tmp_path):
    """A copy of the example project and the environment selecting one backend."""
    db_name = f"fw_testkit_{os.getpid()}_{request.node.name[:20].lower()}"
    db_name = re.sub(r"[^a-z0-9_]", "_", db_name)
    env = _environ(request.param, db_name)
    yield _copy_project(tmp_path), env
    if request.param == "postgresql":
        # The runner dropped its test database; nothing may be left behind.
        leftover = _test_db_exists(f"test_{db_name}")
        postgres.drop_database(f"test_{db_name}")
        assert not leftover, f"test database test_{db_name} was not dropped"


def test_pytest_runs_the_project_tests(project):
    """`pytest` in the project (ds in pyproject.toml) runs the pytest-style and the
    unittest-style tests with the plugin's fixtures; all pass."""
    path, env = project
    result = _run(["-m", "pytest", "-q", "-p", "no:randomly"], path, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert _count(r"(\d+) passed", output) == PYTEST_PASSED, output
    assert "failed" not in output, output


def test_manage_py_test_runs_the_unittest_suite(project):
    """`manage.py test` discovers blog/tests.py, creates the test database, runs all
    tests and exits 0."""
    path, env = project
    result = _run(["manage.py", "test"], path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _count(r"Ran (\d+) tests?", result.stderr) == UNITTEST_RAN, result.stderr
    assert "\nOK" in result.stderr
    assert "Creating test database for alias 'default'" in result.stderr


def test_pytest_reports_a_failing_test(project):
    """A failing pytest test is reported (1 failed, 1 passed) and the exit status is 1."""
    path, env = project
    result = _run(["-m", "pytest", "-q", "blog/failing_checks.py"], path, env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert _count(r"(\d+) failed", output) == 1, output
    assert _count(r"(\d+) passed", output) == 1, output
    assert "deliberate failure" in output


def test_manage_py_test_reports_a_failing_test(project):
    """`manage.py test blog.failing_tests` reports the failure and exits 1; the test
    after it still sees empty tables (the failing test's rows were rolled back)."""
    path, env = project
    result = _run(["manage.py", "test", "blog.failing_tests", "-v", "2"], path, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED (failures=1)" in result.stderr
    assert "AssertionError: 1 != 2 : deliberate failure" in result.stderr
    assert re.search(r"test_passes .* ok", result.stderr), result.stderr


def test_manage_py_test_runs_one_label(project):
    """A dotted label selects one test method."""
    path, env = project
    label = "blog.tests.PostPagesTests.test_api_json"
    result = _run(["manage.py", "test", label], path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _count(r"Ran (\d+) tests?", result.stderr) == 1


@pytest.mark.apache
@pytest.mark.parametrize("backend", BACKENDS)
def test_live_server_is_real_apache(backend):
    """live_server serves the project through Apache/mod_wsgi-express on the session's
    test database: a row committed by the test is on the page Apache renders."""
    try:
        from framework_apache.express import ExpressError, find_express

        find_express()
    except (ImportError, ExpressError) as exc:
        unavailable(str(exc))
    db_name = f"fw_testkit_live_{os.getpid()}_{backend[:2]}"
    env = _environ(backend, db_name)
    with www_readable_tempdir() as base:
        project = _copy_project(base)
        result = _run(["-m", "pytest", "-q", "blog/live_checks.py"], project, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert _count(r"(\d+) passed", output) == 2, output
    if backend == "postgresql":
        assert not _test_db_exists(f"test_{db_name}")


def _plain_ini(project: Path) -> str:
    ini = project / "plain.ini"
    ini.write_text("[pytest]\npython_files = tests.py test_*.py\naddopts = -p no:cacheprovider\n")
    return str(ini)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_settings_from_ds_option_or_environment(tmp_path, how):
    """Without the ds ini option, --ds or FRAMEWORK_SETTINGS_MODULE name the settings."""
    project = _copy_project(tmp_path)
    env = _environ("sqlite", "")
    argv = ["-m", "pytest", "-q", "-c", _plain_ini(project), "--rootdir", str(project)]
    if how == "option":
        argv += ["--ds", "mysite.settings"]
    else:
        env["FRAMEWORK_SETTINGS_MODULE"] = "mysite.settings"
    result = _run([*argv, "blog/test_pages.py"], project, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert _count(r"(\d+) passed", output) == 9, output


def test_unknown_settings_module_is_a_usage_error(tmp_path):
    """A --ds naming a missing module stops pytest with a message naming it."""
    project = _copy_project(tmp_path)
    argv = ["-m", "pytest", "-q", "-c", _plain_ini(project), "--rootdir", str(project)]
    result = _run([*argv, "--ds", "nosuch.settings"], project, _environ("sqlite", ""))
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Cannot import the settings module 'nosuch.settings'" in result.stderr


@pytest.mark.postgresql
def test_keepdb_keeps_the_postgresql_test_database(tmp_path):
    """manage.py test --keepdb leaves the test database for the next run, which reuses it."""
    project = _copy_project(tmp_path)
    db_name = f"fw_testkit_keep_{os.getpid()}"
    env = _environ("postgresql", db_name)
    try:
        for _ in range(2):
            result = _run(["manage.py", "test", "--keepdb", "blog.tests"], project, env)
            assert result.returncode == 0, result.stdout + result.stderr
            assert _test_db_exists(f"test_{db_name}")
    finally:
        postgres.drop_database(f"test_{db_name}")
