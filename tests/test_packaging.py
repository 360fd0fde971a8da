"""A plain `pip install .` (not editable) carries everything a project needs at run time."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import framework

REPO = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
# Source directory -> where setup.py maps it in the installed distribution.
PACKAGE_DIRS = {
    "framework": "framework",
    "apache": "framework_apache",
    "conf": "framework_apache/conf",
}
# Files that document the source tree and are not needed at run time.
SOURCE_ONLY = {"conf/README"}


PRINT_LOCATIONS = (
    "import framework, framework_apache; print(framework.__file__); "
    "print(framework_apache.__file__); print(framework.__version__)"
)


def _source_files(root: Path) -> list[str]:
    files = []
    for directory in PACKAGE_DIRS:
        for path in sorted((root / directory).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and "__pycache__" not in path.parts and relative not in SOURCE_ONLY:
                files.append(relative)
    return files


def _installed_path(relative: str) -> str:
    directory, _, rest = relative.partition("/")
    return f"{PACKAGE_DIRS[directory]}/{rest}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fresh venv from Debian's python with the project installed from a copy of the tree."""
    root = tmp_path_factory.mktemp("packaging")
    source = root / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in PACKAGE_DIRS:
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO / name, source / name)
    venv = root / "venv"
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        + [str(source)],
        check=True,
        timeout=300,
        cwd=root,
    )
    site_packages = Path(
        subprocess.check_output(
            [
                str(venv / "bin/python"),
                "-c",
                "import sysconfig; print(sysconfig.get_path('purelib'))",
            ],
            text=True,
        ).strip()
    )
    return venv, site_packages


def test_packages_import_from_the_installed_copy(installed: tuple[Path, Path]) -> None:
    """framework and framework_apache import from site-packages, not from the checkout."""
    venv, site_packages = installed
    output = subprocess.check_output(
        [str(venv / "bin/python"), "-c", PRINT_LOCATIONS],
        text=True,
        cwd="/",
    ).split()
    assert output[0] == str(site_packages / "framework/__init__.py")
    assert output[1] == str(site_packages / "framework_apache/__init__.py")
    assert output[2] == framework.__version__


def test_every_source_file_is_installed(installed: tuple[Path, Path]) -> None:
    """Every file of framework/, apache/ and conf/ (templates, httpd .conf files, py.typed) ships."""
    venv, site_packages = installed
    # The copy that was installed, not the live tree, which others may be writing to.
    source = venv.parent / "source"
    missing = [
        relative
        for relative in _source_files(source)
        if not (site_packages / _installed_path(relative)).is_file()
    ]
    assert missing == [], (
        f"not in the installed distribution (package data in pyproject.toml?): {missing}"
    )


def test_httpd_templates_are_installed(installed: tuple[Path, Path]) -> None:
    """The Apache layer ships with its httpd configuration templates under framework_apache/conf."""
    venv, site_packages = installed
    assert (site_packages / "framework_apache/__init__.py").is_file()
    for template in sorted((venv.parent / "source" / "conf").glob("*.conf")):
        assert (site_packages / "framework_apache/conf" / template.name).is_file(), template.name


def test_framework_admin_console_script_runs(installed: tuple[Path, Path]) -> None:
    """The framework-admin console script is installed and `framework-admin version` prints it."""
    venv, _ = installed
    result = subprocess.run(
        [str(venv / "bin/framework-admin"), "version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == framework.__version__


ENTRY_POINTS = (
    "from importlib.metadata import entry_points; "
    "print('\\n'.join(sorted(f'{e.name}={e.value}' for e in entry_points(group='framework.commands'))))"
)


def test_every_apache_command_is_registered(installed: tuple[Path, Path]) -> None:
    """Each framework_apache command module is a `framework.commands` entry point of the install."""
    venv, _ = installed
    # cwd=/: a checkout's stale framework.egg-info on sys.path would add entry points of its own.
    output = subprocess.check_output(
        [str(venv / "bin/python"), "-c", ENTRY_POINTS], text=True, cwd="/"
    )
    registered = set(output.split())
    commands = sorted((venv.parent / "source" / "apache" / "commands").glob("[!_]*.py"))
    expected = {f"{path.stem}=framework_apache.commands.{path.stem}" for path in commands}
    assert expected - registered == set(), (
        'add them to [project.entry-points."framework.commands"] in pyproject.toml'
    )
