"""The admin's main flows in real headless Chromium (Playwright) against real Apache.

A tiny project (the contrib apps, the admin and the ``shop`` test app) is written to a
directory www-data can read, its SQLite database created, and served by
mod_wsgi-express in daemon mode. Screenshots go to ``test-artifacts/admin/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.servers import free_port, running_server, www_readable_tempdir
from tests.support.services import unavailable

pytestmark = [pytest.mark.browser, pytest.mark.apache]

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "admin"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "browser-Pass-42"

SETTINGS = """\
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "admin-browser-e2e-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "adminproj.urls"
INSTALLED_APPS = [
    "framework.contrib.contenttypes",
    "framework.contrib.auth",
    "framework.contrib.sessions",
    "framework.contrib.sites",
    "framework.contrib.messages",
    "framework.contrib.admin",
    "tests.contenttypes.testapp",
    "tests.admin.shop",
]
MIDDLEWARE = [
    "framework.contrib.sessions.middleware.SessionMiddleware",
    "framework.middleware.csrf.CsrfViewMiddleware",
    "framework.contrib.auth.middleware.AuthenticationMiddleware",
    "framework.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{
    "BACKEND": "framework.template.backends.jinja2.Jinja2",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "framework.template.context_processors.request",
        "framework.contrib.auth.context_processors.auth",
        "framework.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "framework.db.backends.sqlite3",
                         "NAME": str(BASE_DIR / "data" / "db.sqlite3")}}
PASSWORD_HASHERS = ["framework.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_URL = "/static/"
SITE_ID = 1
USE_TZ = True
"""

URLS = """\
from framework.contrib import admin
from framework.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
"""

SETUP_DB = f"""\
import framework
framework.setup()
from framework.db import connection
from tests.support.contrib_db import migrate as _migrate
_migrate(connection)
from framework.contrib.auth.models import User
from tests.admin.shop.models import Author
User.objects.create_superuser("boss", "boss@example.com", {PASSWORD!r})
Author.objects.create(name="Frank Herbert")
Author.objects.create(name="Ursula Le Guin")
"""


@pytest.fixture(scope="module")
def admin_server():
    """The project served by mod_wsgi-express; yields its base URL."""
    from framework_apache.express import ExpressError, ExpressOptions, build_argv, find_express

    try:
        command = find_express()
    except ExpressError as exc:
        unavailable(str(exc))
    with www_readable_tempdir("framework-admin-e2e-") as base:
        package = base / "adminproj"
        package.mkdir()
        (package / "__init__.py").write_text("")
        (package / "settings.py").write_text(SETTINGS)
        (package / "urls.py").write_text(URLS)
        data = base / "data"
        data.mkdir()
        env = {
            **{k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"},
            "FRAMEWORK_SETTINGS_MODULE": "adminproj.settings",
            "PYTHONPATH": f"{base}:{REPO}",
        }
        subprocess.run([sys.executable, "-c", SETUP_DB], env=env, check=True, timeout=120)
        script = base / "adminproj.wsgi"
        script.write_text(
            textwrap.dedent(
                """\
                import os
                os.environ["FRAMEWORK_SETTINGS_MODULE"] = "adminproj.settings"
                from framework.core.wsgi import get_wsgi_application
                application = get_wsgi_application()
                """
            )
        )
        as_root = os.geteuid() == 0
        if as_root:
            # The daemon runs as www-data: it writes the SQLite file and its journal.
            subprocess.run(["chown", "-R", "www-data:www-data", str(data)], check=True)
        port = free_port()
        options = ExpressOptions(
            wsgi_script=str(script),
            server_root=str(base / "server-root"),
            port=port,
            processes=1,
            threads=5,
            command=command,
            user="www-data" if as_root else None,
            group="www-data" if as_root else None,
            locale="C.UTF-8" if as_root else None,
            python_paths=(str(base), str(REPO)),
            working_directory=str(base),
            url_aliases=(
                (
                    "/static/admin",
                    str(REPO / "framework" / "contrib" / "admin" / "static" / "admin"),
                ),
            ),
            reload_on_changes=False,
            startup_log=False,
            access_log=False,
        )
        with running_server(build_argv(options), port, timeout=60) as server:
            yield f"http://127.0.0.1:{server.port}"


@pytest.fixture
def page(admin_server):
    """A Chromium page (Debian's binary, never a downloaded one)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        unavailable(
            f"{CHROMIUM} is missing", ci_reason=f"{CHROMIUM} is missing: apt-get install chromium"
        )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            yield context.new_page()
        finally:
            browser.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_admin_main_flows_in_chromium(page, admin_server):
    """Log in, add a book with chapters, find it by search and filter, change it, read its
    history with old and new values, and run a bulk action - all in a real browser."""
    page.goto(f"{admin_server}/admin/")
    assert "/admin/login/" in page.url
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    shot(page, "01-login")
    page.click("input[type=submit]")
    page.wait_for_url(f"{admin_server}/admin/")
    assert page.locator("h1").inner_text() == "Site administration"
    shot(page, "02-index")

    page.goto(f"{admin_server}/admin/shop/book/add/")
    page.fill("#id_title", "Dune")
    page.select_option("#id_author", label="Frank Herbert")
    page.fill("#id_pages", "412")
    page.fill("#id_chapters-0-number", "1")
    page.fill("#id_chapters-0-title", "Arrakis")
    page.fill("#id_chapters-1-number", "2")
    page.fill("#id_chapters-1-title", "Muad'Dib")
    shot(page, "03-add-book")
    page.click("input[name=_continue]")
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    assert page.input_value("#id_chapters-1-title") == "Muad'Dib"

    page.goto(f"{admin_server}/admin/shop/book/add/")
    page.fill("#id_title", "The Dispossessed")
    page.select_option("#id_author", label="Ursula Le Guin")
    page.select_option("#id_genre", "sci")
    page.fill("#id_published", "1974-05-01")
    page.click("input[name=_save]")
    page.wait_for_url(f"{admin_server}/admin/shop/book/")
    # date_hierarchy offers the year of the new book.
    assert page.locator("nav[aria-label='Date hierarchy'] >> text=1974").count() == 1

    page.fill("#searchbar", "Dune")
    with page.expect_navigation():
        page.press("#searchbar", "Enter")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1 and "Dune" in rows.first.inner_text()
    page.goto(f"{admin_server}/admin/shop/book/")
    with page.expect_navigation():
        page.click("#changelist-filter >> text=Science")
    assert "genre__exact=sci" in page.url
    assert page.locator("#result_list tbody tr").count() == 1
    assert "The Dispossessed" in page.locator("#result_list").inner_text()
    shot(page, "04-changelist-filtered")

    page.goto(f"{admin_server}/admin/shop/book/")
    with page.expect_navigation():
        page.click("#result_list >> text=Dune")
    page.fill("#id_title", "Dune Messiah")
    page.fill("#id_pages", "256")
    page.click("input[name=_save]")
    page.wait_for_url(f"{admin_server}/admin/shop/book/")
    with page.expect_navigation():
        page.click("#result_list >> text=Dune Messiah")
    with page.expect_navigation():
        page.click("a.historylink")
    history = page.locator("#change-history").inner_text()
    assert "Dune" in history and "Dune Messiah" in history
    assert "412" in history and "256" in history
    shot(page, "05-history")

    page.goto(f"{admin_server}/admin/shop/book/")
    page.check("#action-toggle")
    assert page.locator("input.action-select:checked").count() == 2
    page.select_option("select[name=action]", "mark_out_of_print")
    page.click("button[name=index]")
    page.wait_for_url(f"{admin_server}/admin/shop/book/")
    assert "2 books marked out of print." in page.locator(".messagelist").inner_text()
    shot(page, "06-bulk-action")

    page.check("#action-toggle")
    page.select_option("select[name=action]", "delete_selected")
    with page.expect_navigation():
        page.click("button[name=index]")
    assert "Are you sure you want to delete the selected books?" in page.content()
    assert "Chapters: 2" in page.locator("#deleted-summary").inner_text()
    shot(page, "07-delete-selected-confirmation")
    page.click("input[type=submit][value='Yes, I’m sure']")
    page.wait_for_url(f"{admin_server}/admin/shop/book/")
    assert "Successfully deleted 2 books." in page.locator(".messagelist").inner_text()


def test_add_related_author_through_popup(page, admin_server):
    """On the book form, "+" next to the author opens the author form in a popup; saving
    it closes the popup and the new author is added to the select, selected."""
    page.goto(f"{admin_server}/admin/login/?next=/admin/shop/book/add/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{admin_server}/admin/shop/book/add/")
    with page.expect_popup() as popup_info:
        page.click("#add_id_author")
    popup = popup_info.value
    popup.wait_for_load_state()
    assert "_popup=1" in popup.url
    assert popup.locator("#header").count() == 0
    popup.fill("#id_name", "Octavia Butler")
    shot(popup, "20-popup-add-author")
    with popup.expect_event("close"):
        popup.click("input[name=_save]")
    selected = page.locator("#id_author option:checked")
    assert selected.inner_text() == "Octavia Butler"
    # The change link now points at the new author.
    href = page.locator("#change_id_author").get_attribute("href")
    assert href and f"/{selected.get_attribute('value')}/change/" in href
    shot(page, "21-popup-author-selected")


def test_dual_list_widget_by_keyboard(page):
    """The SelectFilter script turns a filter_horizontal checkbox list into available /
    chosen lists: typing in the filter box and pressing Enter chooses the matches; Delete
    in the chosen list removes one; the hidden checkboxes follow (they are the values)."""
    page.set_content(
        '<form><label for="id_tags_0">Tags:</label>'
        '<div id="id_tags" class="selectfilter selectfilter-horizontal">'
        '<div><label for="id_tags_0"><input type="checkbox" name="tags" value="1" id="id_tags_0">'
        " alpha</label></div>"
        '<div><label for="id_tags_1"><input type="checkbox" name="tags" value="2" id="id_tags_1">'
        " beta</label></div>"
        '<div><label for="id_tags_2"><input type="checkbox" name="tags" value="3" id="id_tags_2"'
        " checked> gamma</label></div></div></form>"
    )
    script = REPO / "framework/contrib/admin/static/admin/js/SelectFilter.js"
    page.add_script_tag(content=script.read_text())
    assert page.locator("#id_tags").is_hidden()
    assert page.locator("#id_tags_from option").all_inner_texts() == ["alpha", "beta"]
    assert page.locator("#id_tags_to option").all_inner_texts() == ["gamma"]
    page.focus("#id_tags_input")
    page.keyboard.type("bet")
    assert page.locator("#id_tags_from option").all_inner_texts() == ["beta"]
    page.keyboard.press("Enter")
    assert page.locator("#id_tags_1").is_checked()
    page.fill("#id_tags_input", "")
    page.dispatch_event("#id_tags_input", "input")
    page.select_option("#id_tags_to", "3")
    page.focus("#id_tags_to")
    page.keyboard.press("Delete")
    assert not page.locator("#id_tags_2").is_checked()
    assert page.locator("#id_tags_to option").all_inner_texts() == ["beta"]
    page.click("#id_tags_addAll")
    assert all(page.locator(f"#id_tags_{i}").is_checked() for i in range(3))
