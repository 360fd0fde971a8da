"""The benchmark's own virtual environment, bench/.venv: the only place Django is installed.

Built from Debian's /usr/bin/python3 (Apache's www-data must be able to read the interpreter)
and reinstalled only when its requirements or the framework's packaging change.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
REQUIREMENTS = [
    "Django>=5.2,<5.3",
    "mod_wsgi>=5.0",
    "Jinja2>=3.1",
    "psycopg2-binary>=2.9",
    # The cached-page case: the per-view cache on Redis, for the framework and Django alike.
    "redis>=5.0",
    # For bench/chart.py only.
    "matplotlib>=3.7",
]


def log(message: str) -> None:
    """Print one progress line at once."""
    print(f"bench: {message}", flush=True)


def _fingerprint(repo: Path) -> str:
    digest = hashlib.sha256("\n".join(REQUIREMENTS).encode())
    for name in ("pyproject.toml", "setup.py"):
        digest.update((repo / name).read_bytes())
    return digest.hexdigest()


def ensure_venv(repo: Path, venv: Path) -> Path:
    """Create or refresh `venv`; return its python."""
    python = venv / "bin" / "python"
    config = venv / "pyvenv.cfg"
    if not python.exists() or "home = /usr/bin" not in config.read_text():
        log(f"creating {venv} from {SYSTEM_PYTHON}")
        subprocess.run(
            [SYSTEM_PYTHON, "-m", "venv", "--clear", "--upgrade-deps", str(venv)], check=True
        )
    stamp = venv / ".bench-stamp"
    want = _fingerprint(repo)
    if stamp.exists() and stamp.read_text().strip() == want:
        log(f"{venv} is up to date")
        compile_bytecode(python, repo)
        return python
    log(f"installing {', '.join(REQUIREMENTS)} and the framework (editable) into {venv}")
    # --no-cache-dir: a cached mod_wsgi wheel may be linked against another libpython.
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        + ["--no-cache-dir", *REQUIREMENTS, "-e", str(repo)],
        check=True,
    )
    stamp.write_text(want + "\n")
    compile_bytecode(python, repo)
    return python


def compile_bytecode(python: Path, repo: Path) -> None:
    """Write the framework's .pyc files, as installing it from a wheel does.

    The editable install leaves the sources uncompiled, and neither Apache's www-data nor a
    process run with PYTHONDONTWRITEBYTECODE writes .pyc files: every daemon start and every
    cold-start sample would compile the framework's source again (about 170 ms), which an
    installed framework never does and Django, installed from its wheel, does not either.
    Only files changed since the last run are compiled.
    """
    subprocess.run([str(python), "-m", "compileall", "-q", str(repo / "framework")], check=True)


VERSIONS_SCRIPT = """
import json, platform, sys
from importlib.metadata import version
names = ["framework", "Django", "mod_wsgi", "Jinja2", "psycopg2-binary"]
print(json.dumps({"python": platform.python_version(), **{n: version(n) for n in names}}))
"""


def versions(python: Path) -> dict[str, str]:
    """Versions of Python, the packages, Apache and wrk as this run uses them."""
    found = json.loads(subprocess.check_output([str(python), "-c", VERSIONS_SCRIPT], text=True))
    apache = subprocess.run(["apache2", "-v"], capture_output=True, text=True).stdout
    found["apache"] = apache.splitlines()[0].split(":", 1)[-1].strip() if apache else "unknown"
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    found["wrk"] = (wrk.stdout or wrk.stderr).split()[1] if (wrk.stdout or wrk.stderr) else "?"
    return found


IMPORTABLE_SCRIPT = """
import importlib, json, sys
missing = []
for name in json.loads(sys.argv[1]):
    module, _, attr = name.rpartition(".") if sys.argv[2] == "attr" else (name, "", "")
    try:
        obj = importlib.import_module(module)
        if attr:
            getattr(obj, attr)
    except (ImportError, AttributeError):
        # Only a missing module or attribute: a module that needs configured settings to
        # import still exists (the server configures them).
        missing.append(name)
    except Exception:
        pass
print(json.dumps(missing))
"""


def missing_names(python: Path, names: list[str], *, attributes: bool) -> list[str]:
    """Which of the dotted `names` (modules, or module.attribute) cannot be imported."""
    output = subprocess.check_output(
        [str(python), "-c", IMPORTABLE_SCRIPT, json.dumps(names), "attr" if attributes else "mod"],
        text=True,
    )
    return json.loads(output)


def check_www_data(python: Path) -> str | None:
    """As root, whether www-data can run `python` and import the framework; the error if not."""
    if os.geteuid() != 0:
        return None
    result = subprocess.run(
        ["runuser", "-u", "www-data", "--", str(python), "-c", "import framework, django"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    if result.returncode == 0:
        return None
    return (
        f"Apache's user www-data cannot import the framework with {python}:\n"
        f"{result.stderr.strip()}\n"
        "Put the checkout where www-data can read it (every parent directory o+x), "
        "e.g. under /srv or /var/tmp, and run again."
    )


def git_revision(repo: Path) -> str:
    """The checkout's commit, with '+dirty' when it has uncommitted changes."""
    try:
        head = subprocess.check_output(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], text=True
        ).strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")
