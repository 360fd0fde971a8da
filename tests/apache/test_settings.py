"""framework_apache.settings: ApacheSettings is built once, validated, and names culprits."""

from __future__ import annotations

import dataclasses
import sys
from types import SimpleNamespace

import pytest

from framework.conf import global_settings
from framework_apache.settings import ApacheSettings, ApacheSettingsError, Site


def make_site(**overrides) -> Site:
    values = dict(
        name="mysite",
        server_name="example.com",
        settings_module="mysite.settings",
        project_dir="/srv/mysite",
    )
    values.update(overrides)
    return Site(**values)


def make_settings(**overrides) -> ApacheSettings:
    values = dict(server_root="/srv/mysite/.apache", sites=(make_site(),))
    values.update(overrides)
    return ApacheSettings(**values)


def project_settings(**overrides) -> SimpleNamespace:
    """A settings object with the global defaults, as a project's would look."""
    values = {
        name: getattr(global_settings, name) for name in dir(global_settings) if name.isupper()
    }
    values.update(
        SETTINGS_MODULE="mysite.settings",
        BASE_DIR="/srv/mysite",
        STATIC_URL="static/",
        STATIC_ROOT="/srv/mysite/staticfiles",
    )
    values.update(overrides)
    return SimpleNamespace(**values)


def test_defaults_are_valid_and_frozen():
    """The defaults validate; the object cannot be changed after construction."""
    s = make_settings()
    assert (s.host, s.port, s.processes, s.threads) == ("127.0.0.1", 8000, 2, 10)
    assert s.python_home == sys.prefix
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.port = 9000  # type: ignore[misc]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"port": 0}, "APACHE_PORT (--port) must be an integer between 1 and 65535, not 0."),
        ({"port": "80"}, "APACHE_PORT (--port) must be an integer between 1 and 65535, not '80'."),
        ({"processes": 0}, "APACHE_PROCESSES (--processes) must be an integer between 1"),
        ({"threads": True}, "APACHE_THREADS (--threads) must be an integer between 1 and 1000"),
        (
            {"eviction_timeout": -1},
            "APACHE_EVICTION_TIMEOUT must be an integer at least 0, not -1.",
        ),
        ({"limit_request_body": 1.5}, "APACHE_LIMIT_REQUEST_BODY must be an integer"),
        ({"listen_backlog": 0}, "APACHE_LISTEN_BACKLOG must be an integer between 1 and 65535"),
        ({"host": "local host"}, "APACHE_HOST (--host) must be an IP address, a host name or '*'"),
        (
            {"user": "www data"},
            "APACHE_USER (--user) must be a user or group name, not 'www data'.",
        ),
        (
            {"server_root": "relative/root"},
            "APACHE_SERVER_ROOT (--server-root) must be an absolute",
        ),
        (
            {"server_root": '/srv/"quoted"'},
            "APACHE_SERVER_ROOT (--server-root) must be an absolute",
        ),
        ({"httpd": "apache2"}, "APACHE_HTTPD must be an absolute path"),
        ({"sites": ()}, "sites must be at least one site, not ()."),
    ],
)
def test_invalid_values_name_the_setting_and_the_value(overrides, message):
    """Each invalid value raises ApacheSettingsError naming the setting, option and value."""
    with pytest.raises(ApacheSettingsError) as info:
        make_settings(**overrides)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"name": "my site"},
            "site name must be letters, digits, '_', '.' and '-', not 'my site'.",
        ),
        ({"server_name": "exa mple.com"}, "APACHE_SERVER_NAME (--server-name) must be a host"),
        ({"settings_module": "my-site.settings"}, "FRAMEWORK_SETTINGS_MODULE (--settings) must"),
        ({"static_url": "static/", "static_root": "/srv/s"}, "STATIC_URL must be a URL path"),
        ({"static_url": "/static/", "static_root": "s"}, "STATIC_ROOT must be an absolute path"),
        ({"media_url": "/media/", "media_root": "/srv/\nx"}, "MEDIA_ROOT must be an absolute"),
        ({"admin_url_path": "admin/"}, "ADMIN_URL_PATH must be a URL path such as '/admin/'"),
    ],
)
def test_invalid_site_values_name_the_setting(overrides, message):
    """A Site validates its own values the same way."""
    with pytest.raises(ApacheSettingsError) as info:
        make_site(**overrides)
    assert message in str(info.value)


def test_site_names_must_be_distinct():
    """Two sites sharing a daemon process group name would share settings: refused."""
    with pytest.raises(ApacheSettingsError, match="distinct names"):
        make_settings(sites=(make_site(), make_site(server_name="other.example.com")))


def test_from_settings_uses_apache_settings_and_command_line_overrides():
    """APACHE_* settings give the defaults; options that are not None win."""
    settings = project_settings(APACHE_PORT=8123, APACHE_PROCESSES=3, MEDIA_URL="/media/")
    s = ApacheSettings.from_settings(
        settings, port=9000, threads=None, project_dir="/srv/mysite", mod_wsgi_so="/m/w.so"
    )
    assert (s.port, s.processes, s.threads) == (9000, 3, 10)
    assert s.server_root == "/srv/mysite/.apache"
    assert s.mod_wsgi_so == "/m/w.so"
    (site,) = s.sites
    assert (site.name, site.settings_module, site.project_dir) == (
        "mysite",
        "mysite.settings",
        "/srv/mysite",
    )
    assert (site.static_url, site.static_root) == ("/static/", "/srv/mysite/staticfiles")
    # MEDIA_ROOT is empty: nothing to alias even though MEDIA_URL is set.
    assert (site.media_url, site.media_root) == ("", "")
    assert site.server_name == "127.0.0.1"
    assert site.admin_url_path == "/admin/"


def test_from_settings_reports_an_invalid_setting():
    """A bad APACHE_* value in the project's settings is reported by name."""
    with pytest.raises(ApacheSettingsError, match=r"APACHE_THREADS \(--threads\).*not 'ten'"):
        ApacheSettings.from_settings(project_settings(APACHE_THREADS="ten"), project_dir="/srv/p")


def test_absolute_static_url_is_not_aliased():
    """STATIC_URL on another host (a CDN): Apache serves no static files itself."""
    settings = project_settings(STATIC_URL="https://cdn.example.com/static/")
    s = ApacheSettings.from_settings(settings, project_dir="/srv/mysite")
    assert (s.sites[0].static_url, s.sites[0].static_root) == ("", "")


def test_server_root_setting_and_server_name():
    """APACHE_SERVER_ROOT and APACHE_SERVER_NAME are used when set."""
    settings = project_settings(APACHE_SERVER_ROOT="/var/lib/mysite", APACHE_SERVER_NAME="a.b")
    s = ApacheSettings.from_settings(settings, project_dir="/srv/mysite")
    assert (s.server_root, s.server_name) == ("/var/lib/mysite", "a.b")


def test_json_round_trip():
    """setup saves the settings as JSON; start/stop/status read back an equal object."""
    s = make_settings(
        port=8765,
        sites=(make_site(server_aliases=("www.example.com",), static_url="/s/", static_root="/x"),),
    )
    assert ApacheSettings.from_json(s.to_json()) == s


def test_connect_host():
    """A wildcard Listen address is reached through the loopback address."""
    assert make_settings(host="*").connect_host == "127.0.0.1"
    assert make_settings(host="0.0.0.0").connect_host == "127.0.0.1"
    assert make_settings(host="127.0.0.2").connect_host == "127.0.0.2"
