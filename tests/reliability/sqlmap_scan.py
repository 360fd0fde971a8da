"""sqlmap (level 3, risk 2) against the served demo's forms and JSON endpoints.

``scan(site)`` logs a superuser in over HTTP, then runs one bounded ``sqlmap --batch`` per
target (search box, article list pagination, admin login form, admin changelist search
and filters, admin autocomplete JSON, the reliability write form) and reads back from
its output and its per-host ``log`` file the injection points found (expected: none) and
the HTTP 500 answers sqlmap saw (expected: none either; a payload is bad input).
"""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ADMIN_USER = "sqlmap-admin"
ADMIN_PASSWORD = "sqlmap-Secret-Passw0rd"
_ERRORS = re.compile(r"HTTP error codes detected during run:\s*(.+)")
_CODE = re.compile(r"(\d{3}) \(([^)]*)\) - (\d+) times")
_NOT_INJECTABLE = re.compile(r"parameter '([^']+)' does not seem to be injectable")
_INJECTABLE = re.compile(r"parameter '([^']+)' (?:is|appears to be) '([^']+)' injectable")


@dataclass
class Target:
    """One sqlmap run: a URL, an optional POST body, whether it needs the admin session."""

    name: str
    url: str
    data: str | None = None
    admin: bool = False
    csrf: bool = False


@dataclass
class ScanResult:
    target: str
    seconds: float
    returncode: int
    timed_out: bool
    injectable: list[str] = field(default_factory=list)
    rejected_candidates: list[str] = field(default_factory=list)
    unresolved_at_timeout: list[str] = field(default_factory=list)
    tested_not_injectable: list[str] = field(default_factory=list)
    http_errors: dict[str, int] = field(default_factory=dict)
    excerpt: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def available() -> str | None:
    """Why sqlmap cannot run here, or None."""
    if shutil.which("sqlmap") is None:
        return "sqlmap is missing: apt-get install sqlmap"
    return None


def admin_session(base_url: str) -> str:
    """Log ADMIN_USER in through /admin/login/; return the Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base_url}/admin/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no csrfmiddlewaretoken in the admin login form"
    body = urllib.parse.urlencode(
        {
            "username": ADMIN_USER,
            "password": ADMIN_PASSWORD,
            "csrfmiddlewaretoken": token.group(1),
            "next": "/admin/",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base_url}/admin/login/", data=body, headers={"Referer": f"{base_url}/admin/login/"}
    )
    opener.open(request, timeout=30).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    assert "sessionid" in cookies, f"the admin login did not set a session: {cookies}"
    check = opener.open(f"{base_url}/admin/news/article/", timeout=30)
    assert check.status == 200 and "/admin/login/" not in check.url, check.url
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def csrf_form(url: str) -> tuple[str, str]:
    """A fresh ``csrftoken`` cookie and the matching form token from the page at ``url``.

    sqlmap's own --csrf-token refresh proved flaky against the admin login (it sometimes
    reports the token missing and skips the target); one cookie and token pair stays valid
    for every attempt, since a failed login does not rotate it.
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    cookies = {cookie.name: cookie.value for cookie in jar}
    assert token and "csrftoken" in cookies, f"no CSRF token or cookie from {url}"
    return f"csrftoken={cookies['csrftoken']}", token.group(1)


def targets(base_url: str, section_slug: str, section_id: int) -> list[Target]:
    """The demo's forms and JSON endpoints."""
    return [
        Target("search", f"{base_url}/search/?q=economy"),
        Target("article_list", f"{base_url}/section/{section_slug}/?page=1"),
        Target(
            "admin_login",
            f"{base_url}/admin/login/",
            data="username=someone&password=secret&next=%2Fadmin%2F&csrfmiddlewaretoken=x",
            csrf=True,
        ),
        Target(
            "admin_changelist",
            f"{base_url}/admin/news/article/?q=market&status__exact=published"
            f"&section__id__exact={section_id}&o=2&p=1",
            admin=True,
        ),
        Target(
            "admin_autocomplete",
            f"{base_url}/admin/autocomplete/?term=a&app_label=news&model_name=article"
            "&field_name=author",
            admin=True,
        ),
        Target("write_form", f"{base_url}/rel/write/", data="token=sqlmap-token"),
    ]


def run(target: Target, cookie: str | None, seconds: float) -> ScanResult:
    """One sqlmap run, killed (its own process group) after ``seconds``."""
    with tempfile.TemporaryDirectory(prefix=f"framework-sqlmap-{target.name}-") as tmp:
        out = Path(tmp)
        command = [
            "sqlmap",
            "-u",
            target.url,
            "--batch",
            "--level=3",
            "--risk=2",
            "--flush-session",
            "--disable-coloring",
            "--output-dir",
            str(out),
            "--timeout=20",
            "--retries=1",
            "-v",
            "1",
        ]
        if target.data is not None:
            command += ["--data", target.data, "--method", "POST"]
        command += ["--threads=4"]
        if target.csrf:
            csrf_cookie, token = csrf_form(target.url)
            data = (target.data or "").replace(
                "csrfmiddlewaretoken=x", f"csrfmiddlewaretoken={token}"
            )
            command[command.index("--data") + 1] = data
            command += ["--cookie", csrf_cookie]
        elif target.admin and cookie:
            command += ["--cookie", cookie]
        started = time.monotonic()
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        timed_out = False
        try:
            output, _ = proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            timed_out = True
            import os
            import signal

            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
        elapsed = time.monotonic() - started
        logs = "".join(path.read_text(errors="replace") for path in out.rglob("log"))
        return parse(target.name, output, logs, proc.returncode, elapsed, timed_out)


def parse(
    name: str, output: str, logs: str, returncode: int, elapsed: float, timed_out: bool
) -> ScanResult:
    """Read sqlmap's console output and its per-host log (non-empty only with findings)."""
    # "appears to be ... injectable" is a candidate; sqlmap then checks it again and
    # either confirms it (an injection point in the log and the final summary) or says
    # "does not seem to be injectable" (a false positive: a search page whose content
    # legitimately differs between the true and false payloads).
    rejected = set(_NOT_INJECTABLE.findall(output))
    candidates = {f"{param} ({kind})" for param, kind in _INJECTABLE.findall(output)}
    confirmed = {
        f"{param} ({kind})" for param, kind in _INJECTABLE.findall(output) if param not in rejected
    }
    if timed_out and not logs.strip():
        # Killed while re-checking a candidate: no verdict yet (see unresolved_at_timeout).
        unresolved, confirmed = sorted(confirmed), set()
    else:
        unresolved = []
    injectable = sorted(confirmed)
    if logs.strip() or "identified the following injection point" in output:
        injectable = injectable or ["see sqlmap's log: " + logs.strip()[:500]]
    errors: dict[str, int] = {}
    match = _ERRORS.search(output)
    if match:
        for code, reason, times in _CODE.findall(match.group(1)):
            errors[f"{code} {reason}"] = int(times)
    excerpt_lines = [
        line
        for line in output.splitlines()
        if any(w in line for w in ("CRITICAL", "ERROR", "injectable", "error codes"))
    ]
    return ScanResult(
        target=name,
        seconds=round(elapsed, 1),
        returncode=returncode,
        timed_out=timed_out,
        injectable=injectable,
        rejected_candidates=sorted(candidates - confirmed - set(unresolved)),
        unresolved_at_timeout=unresolved,
        tested_not_injectable=sorted(rejected),
        http_errors=errors,
        excerpt="\n".join(excerpt_lines[-30:]),
    )
