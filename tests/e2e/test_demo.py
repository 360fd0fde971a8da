"""End to end: scripts/demo seeds the demo news site and serves it through Apache/mod_wsgi."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest

from framework_apache.express import ExpressError, find_express, server_root_for
from tests.support.servers import free_port, running_server, www_readable_tempdir
from tests.support.services import unavailable

pytestmark = pytest.mark.apache

REPO = Path(__file__).resolve().parents[2]


def request(port, path, host="127.0.0.1", method="GET", body=None, headers=None):
    """(status, headers, body) of one request with the given Host header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers={"Host": f"{host}:{port}", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.inputs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "input" and attrs.get("name"):
            self.inputs[attrs["name"]] = attrs.get("value") or ""


def parse(body: bytes) -> _Links:
    parser = _Links()
    parser.feed(body.decode())
    return parser


@pytest.fixture
def express():
    """mod_wsgi-express for this Python; a skip locally, a failure in CI, when missing."""
    try:
        return find_express()
    except ExpressError as exc:
        unavailable(str(exc))


@pytest.mark.skipif(os.geteuid() != 0, reason="scripts/demo bootstraps the machine as root")
def test_scripts_demo_serves_the_news_site(express):
    """scripts/demo migrates, seeds and serves two sites under Apache: pages, an article,
    feeds, a static file served by Apache, and the admin, whose printed password works."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    with www_readable_tempdir("framework-demo-") as data:
        env["DEMO_DATA_DIR"] = str(data)
        argv = ["bash", str(REPO / "scripts" / "demo"), f"127.0.0.1:{port}"]
        try:
            with running_server(argv, port, env=env, timeout=240) as server:
                output = server.output()
                assert "Seeded 350 articles." in output
                password = re.search(r"user 'admin', password '([^']+)'", output).group(1)

                status, headers, body = request(port, "/")
                assert status == 200, body[:500]
                assert headers["Server"].startswith("Apache")
                assert b"The Framework Times" in body
                article = next(h for h in parse(body).hrefs if re.match(r"^/\d{4}/\d\d/\d\d/", h))
                status, _, body = request(port, article)
                assert status == 200 and b'class="story"' in body

                # The other site, on the same server: chosen by the Host header.
                status, _, body = request(port, "/", host="localhost")
                assert status == 200 and b"Framework Sport" in body
                assert request(port, article, host="localhost")[0] == 404

                status, headers, body = request(port, "/feeds/rss/")
                assert status == 200
                assert len(ET.fromstring(body).findall("channel/item")) == 20
                status, headers, body = request(port, "/search/?q=%3Cscript%3E+tram")
                assert status == 200 and b"<script>" not in body

                # Static files come from STATIC_ROOT (collectstatic) through Apache's Alias.
                status, headers, body = request(port, "/static/news/site.css")
                assert status == 200 and headers["Content-Type"].startswith("text/css")
                assert b"--accent" in body

                status, headers, body = request(port, "/admin/login/?next=/admin/")
                assert status == 200 and b'name="password"' in body
                form = parse(body).inputs
                cookie = headers["Set-Cookie"].split(";")[0]
                status, headers, _ = request(
                    port,
                    "/admin/login/?next=/admin/",
                    method="POST",
                    body=urlencode(
                        {
                            "csrfmiddlewaretoken": form["csrfmiddlewaretoken"],
                            "username": "admin",
                            "password": password,
                            "next": "/admin/",
                        }
                    ),
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": cookie,
                        "Referer": f"http://127.0.0.1:{port}/admin/login/",
                    },
                )
                assert status == 302 and headers["Location"].endswith("/admin/")
                session = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie"))
                for path, expected in [
                    ("/admin/", b"Newsroom"),
                    ("/admin/news/article/?status__exact=draft", b"Draft"),
                    ("/admin/news/article/?q=tram", b"tram"),
                    ("/admin/news/section/1/change/", b"World"),
                ]:
                    status, _, body = request(port, path, headers={"Cookie": session})
                    assert status == 200, (path, body[:2000])
                    assert expected in body, path
                # Apache's daemons run as www-data and could write the SQLite database.
                assert "which cannot write" not in server.output()
        finally:
            shutil.rmtree(server_root_for("127.0.0.1", port), ignore_errors=True)
