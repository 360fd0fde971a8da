"""``manage.py apache vhost`` renders one vhost (and daemon process group) per Site."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework.contrib.sites.models import Site
from framework_apache.driver import ExitCode
from framework_apache.sites import group_name, split_port
from tests.apache.test_command import apache, exit_code
from tests.support.contrib_db import contrib_backends_per_module as contrib_backends  # noqa: F401
from tests.support.contrib_db import contrib_db  # noqa: F401
from tests.support.servers import free_port, www_readable_tempdir


@pytest.fixture
def two_sites(contrib_db):  # noqa: F811
    Site.objects.filter(pk=1).update(domain="news.example.com", name="News")
    Site.objects.create(domain="sport.example.com:8080", name="Sport")


def test_group_names_and_ports():
    assert group_name("Sport.Example.com:8080") == "sport.example.com_8080"
    assert split_port("example.com:8080") == ("example.com", 8080)
    assert split_port("example.com") == ("example.com", None)
    assert split_port("[::1]:81") == ("[::1]", 81)


def test_one_vhost_and_daemon_group_per_site(two_sites, tmp_path: Path):
    out, err = apache("vhost", server_root=str(tmp_path / "root"))
    assert err == ""
    assert "# ===== news.example.com.conf =====" in out
    assert "# ===== sport.example.com_8080.conf =====" in out
    assert "ServerName news.example.com\n" in out and "ServerName sport.example.com\n" in out
    assert "<VirtualHost *:8080>" in out and "<VirtualHost *:80>" in out
    assert "WSGIDaemonProcess news.example.com " in out
    assert "WSGIDaemonProcess sport.example.com_8080 " in out
    assert out.count('<Location "/admin/">') == 2
    assert (tmp_path / "root" / "wsgi" / "sport.example.com_8080.wsgi").is_file()


def test_output_directory_gets_one_file_per_site(two_sites, tmp_path: Path):
    out, _ = apache("vhost", "--https", server_root=str(tmp_path / "root"), output=str(tmp_path))
    news = tmp_path / "news.example.com.conf"
    assert f"Wrote {news}." in out
    text = news.read_text()
    assert "a2ensite news.example.com" in text and "SSLEngine on" in text
    assert "sport.example.com" not in text
    assert (tmp_path / "sport.example.com_8080.conf").is_file()


def test_site_settings_override_and_unknown_domain(two_sites, tmp_path: Path, settings):
    settings.APACHE_SITE_SETTINGS = {"sport.example.com:8080": "tests.other_settings"}
    out, _ = apache("vhost", server_root=str(tmp_path / "root"))
    script = (tmp_path / "root" / "wsgi" / "sport.example.com_8080.wsgi").read_text()
    assert "'tests.other_settings'" in script
    settings.APACHE_SITE_SETTINGS = {"nowhere.example": "tests.settings"}
    code, message = exit_code("vhost", server_root=str(tmp_path / "root"))
    assert code == ExitCode.ERROR
    assert "'nowhere.example'" in message and "not a Site" in message


@pytest.mark.apache
def test_setup_sites_serves_every_site_as_a_name_based_vhost(two_sites):
    """setup --sites: one <VirtualHost> and daemon group per Site on the one port; Syntax OK."""
    with www_readable_tempdir() as base:
        root = str(base / "root")
        apache("setup", "--sites", server_root=root, port=free_port())
        conf = (base / "root" / "httpd.conf").read_text()
        assert conf.count("WSGIDaemonProcess ") == 2
        assert "ServerName news.example.com\n" in conf
        assert "ServerName sport.example.com\n" in conf
        out, _ = apache("configtest", server_root=root)
        assert out.strip() == "Syntax OK"
