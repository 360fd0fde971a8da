"""startproject and startapp: the files they write, name validation, no overwriting."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from framework.core.management import CommandError, call_command

FRAMEWORK_ADMIN = str(Path(sys.executable).parent / "framework-admin")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run the test with the temporary directory as the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settings_of(path: Path) -> dict:
    """Execute a generated settings file and return its upper-case names."""
    namespace: dict = {"__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return {k: v for k, v in namespace.items() if k.isupper()}


def test_startproject_writes_the_project(in_tmp):
    """startproject NAME writes manage.py and the package with settings, urls and wsgi."""
    call_command("startproject", "mysite")
    root = in_tmp / "mysite"
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == [
        "manage.py",
        "mysite/__init__.py",
        "mysite/settings.py",
        "mysite/urls.py",
        "mysite/wsgi.py",
    ]
    assert os.access(root / "manage.py", os.X_OK)
    for path in root.rglob("*.py"):
        ast.parse(path.read_text(), str(path))
        assert "django" not in path.read_text().lower(), path
    manage = (root / "manage.py").read_text()
    assert 'os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "mysite.settings")' in manage
    assert "execute_from_command_line(sys.argv)" in manage
    wsgi = (root / "mysite" / "wsgi.py").read_text()
    assert "from framework.core.wsgi import get_wsgi_application" in wsgi
    assert "application = get_wsgi_application()" in wsgi
    assert "urlpatterns = [\n" in (root / "mysite" / "urls.py").read_text()


def test_generated_settings(in_tmp):
    """The settings: SQLite, Jinja2, the default middleware, static paths, a random key."""
    call_command("startproject", "mysite")
    root = in_tmp / "mysite"
    values = settings_of(root / "mysite" / "settings.py")
    assert values["BASE_DIR"] == root
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == []
    assert values["INSTALLED_APPS"] == [
        "framework.contrib.admin",
        "framework.contrib.auth",
        "framework.contrib.contenttypes",
        "framework.contrib.sessions",
        "framework.contrib.messages",
        "framework.contrib.staticfiles",
    ]
    assert values["MIDDLEWARE"] == [
        "framework.middleware.security.SecurityMiddleware",
        "framework.contrib.sessions.middleware.SessionMiddleware",
        "framework.middleware.common.CommonMiddleware",
        "framework.middleware.csrf.CsrfViewMiddleware",
        "framework.contrib.auth.middleware.AuthenticationMiddleware",
        "framework.contrib.messages.middleware.MessageMiddleware",
        "framework.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    assert values["ROOT_URLCONF"] == "mysite.urls"
    assert values["WSGI_APPLICATION"] == "mysite.wsgi.application"
    [template] = values["TEMPLATES"]
    assert template["BACKEND"] == "framework.template.backends.jinja2.Jinja2"
    assert template["APP_DIRS"] is True
    assert template["DIRS"] == [root / "templates"]
    assert (
        "framework.contrib.auth.context_processors.auth"
        in (template["OPTIONS"]["context_processors"])
    )
    assert values["DATABASES"]["default"] == {
        "ENGINE": "framework.db.backends.sqlite3",
        "NAME": root / "db.sqlite3",
    }
    assert values["STATIC_URL"] == "static/"
    assert values["STATIC_ROOT"] == root / "staticfiles"
    assert values["DEFAULT_AUTO_FIELD"] == "framework.db.models.BigAutoField"
    assert values["TIME_ZONE"] == "UTC" and values["USE_TZ"] is True
    assert re.fullmatch(r"framework-insecure-.{50}", values["SECRET_KEY"])


def test_each_project_gets_its_own_secret_key(in_tmp):
    """Two projects never share a SECRET_KEY."""
    call_command("startproject", "one")
    call_command("startproject", "two")
    one = settings_of(in_tmp / "one" / "one" / "settings.py")["SECRET_KEY"]
    two = settings_of(in_tmp / "two" / "two" / "settings.py")["SECRET_KEY"]
    assert one != two


def test_startproject_into_a_directory(in_tmp):
    """startproject NAME DIRECTORY writes manage.py into the existing DIRECTORY."""
    (in_tmp / "here").mkdir()
    call_command("startproject", "mysite", "here")
    assert (in_tmp / "here" / "manage.py").is_file()
    assert (in_tmp / "here" / "mysite" / "settings.py").is_file()


def test_startproject_into_a_missing_directory(in_tmp):
    """A DIRECTORY that does not exist is refused with the path in the message."""
    with pytest.raises(CommandError, match="does not exist, please create it first"):
        call_command("startproject", "mysite", "missing")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "my-site",
            r"'my-site' is not a valid project name\. Please make sure the name is a "
            r"valid identifier\.",
        ),
        ("7up", r"'7up' is not a valid project name"),
        ("class", r"'class' is a Python keyword and cannot be used as a project name"),
        (
            "os",
            r"'os' conflicts with the name of an existing Python module and cannot be used "
            r"as a project name\. Please try another name\.",
        ),
    ],
)
def test_invalid_project_names(in_tmp, name, message):
    """Names that are not identifiers, keywords or existing modules are refused clearly."""
    with pytest.raises(CommandError, match=message):
        call_command("startproject", name)
    assert not (in_tmp / name).exists()


def test_existing_directory_is_refused(in_tmp):
    """startproject NAME refuses when ./NAME already exists."""
    (in_tmp / "mysite").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("startproject", "mysite")


def test_existing_files_are_never_overwritten(in_tmp):
    """Overlaying a project onto existing files fails and leaves the files alone."""
    target = in_tmp / "target"
    (target / "mysite").mkdir(parents=True)
    (target / "mysite" / "settings.py").write_text("MINE = 1\n")
    with pytest.raises(CommandError, match="settings.py already exists. Overlaying a project"):
        call_command("startproject", "mysite", str(target))
    assert (target / "mysite" / "settings.py").read_text() == "MINE = 1\n"


def test_custom_template_directory_and_extra_names(in_tmp):
    """--template uses another directory; --name renders non-.py files too."""
    template = in_tmp / "tpl"
    (template / "project_name").mkdir(parents=True)
    (template / "project_name" / "conf.py-tpl").write_text("NAME = '{{ project_name }}'\n")
    (template / "README.txt").write_text("About {{ project_name }}\n")
    (template / "notes.md").write_text("{{ left alone }}\n")
    call_command("startproject", "blog", template=str(template), files=["README.txt"])
    root = in_tmp / "blog"
    assert (root / "blog" / "conf.py").read_text() == "NAME = 'blog'\n"
    assert (root / "README.txt").read_text() == "About blog\n"
    assert (root / "notes.md").read_text() == "{{ left alone }}\n"


def test_startapp_writes_the_app(in_tmp):
    """startapp NAME writes the app package with apps, models, views, tests and migrations."""
    call_command("startapp", "blog_posts")
    root = in_tmp / "blog_posts"
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == [
        "__init__.py",
        "apps.py",
        "migrations/__init__.py",
        "models.py",
        "tests.py",
        "views.py",
    ]
    apps_py = (root / "apps.py").read_text()
    assert "class BlogPostsConfig(AppConfig):" in apps_py
    assert 'name = "blog_posts"' in apps_py
    assert "from framework.db import models" in (root / "models.py").read_text()
    for path in root.rglob("*.py"):
        ast.parse(path.read_text(), str(path))
        assert "django" not in path.read_text().lower()


def test_startapp_directory_name_is_validated(in_tmp):
    """startapp NAME DIRECTORY checks that the directory's name is an identifier."""
    (in_tmp / "bad-dir").mkdir()
    with pytest.raises(CommandError, match="'bad-dir' is not a valid app directory"):
        call_command("startapp", "blog", "bad-dir")


def test_missing_name_from_the_command_line(tmp_path):
    """framework-admin startproject without a name exits with the command's message."""
    result = subprocess.run(
        [FRAMEWORK_ADMIN, "startproject"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert "You must provide a project name." in result.stderr


def test_generated_project_runs_check(tmp_path):
    """The generated manage.py runs `check` cleanly and `check --deploy` lists the warnings."""
    subprocess.run(
        [FRAMEWORK_ADMIN, "startproject", "mysite"], cwd=tmp_path, check=True, timeout=60
    )
    root = tmp_path / "mysite"
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for ident in ("W004", "W008", "W009", "W012", "W016", "W018", "W020"):
        assert f"(security.{ident})" in result.stderr
    assert "System check identified 7 issues (0 silenced)." in result.stderr
