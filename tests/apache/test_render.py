"""framework_apache.render: the conf/ templates rendered as text, and accepted by apache2 -t."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from framework_apache.driver import DriverError, find_mod_wsgi_so
from framework_apache.render import (
    render,
    render_apachectl,
    render_vhost,
    render_wsgi_script,
    templates_dir,
)
from framework_apache.settings import ApacheSettings, Site
from tests.support.servers import www_readable_tempdir
from tests.support.services import unavailable

HTTPD = "/usr/sbin/apache2"


def make_site(**overrides) -> Site:
    values = dict(
        name="mysite",
        server_name="example.com",
        settings_module="mysite.settings",
        project_dir="/srv/mysite",
        wsgi_application="mysite.wsgi.application",
        static_url="/static/",
        static_root="/srv/mysite/staticfiles",
        media_url="/media/",
        media_root="/srv/mysite/media",
        admin_url_path="/backoffice/",
    )
    values.update(overrides)
    return Site(**values)


def make_settings(**overrides) -> ApacheSettings:
    values = dict(
        server_root="/srv/mysite/.apache",
        sites=(make_site(),),
        port=8443,
        processes=3,
        threads=7,
        limit_request_body=1048576,
        mod_wsgi_so="/venv/mod_wsgi.so",
        python_home="/venv",
    )
    values.update(overrides)
    return ApacheSettings(**values)


def directives(text: str) -> list[str]:
    """Non-comment lines with continuation lines joined and whitespace collapsed."""
    joined = re.sub(r"\\\n\s*", " ", text)
    lines = (line.strip() for line in joined.splitlines())
    return [" ".join(line.split()) for line in lines if line and not line.startswith("#")]


def test_standalone_server_sets_its_own_paths():
    """httpd.conf keeps ServerRoot, PidFile, runtime dir, logs and sockets in the server root."""
    lines = directives(render(make_settings()))
    for expected in (
        'ServerRoot "/srv/mysite/.apache"',
        'PidFile "/srv/mysite/.apache/run/httpd.pid"',
        'DefaultRuntimeDir "/srv/mysite/.apache/run"',
        'ErrorLog "/srv/mysite/.apache/logs/error_log"',
        'CustomLog "/srv/mysite/.apache/logs/access_log" combined_us',
        'WSGISocketPrefix "/srv/mysite/.apache/run/wsgi"',
        'LoadModule wsgi_module "/venv/mod_wsgi.so"',
        "Listen 127.0.0.1:8443",
        "User www-data",
        "Group www-data",
    ):
        assert expected in lines


def test_hardening_and_limits():
    """ServerTokens Prod, request limits, slowloris timeouts, compression, no embedded Python."""
    lines = directives(render(make_settings()))
    for expected in (
        "ServerTokens Prod",
        "ServerSignature Off",
        "TraceEnable Off",
        "LimitRequestBody 1048576",
        "LimitRequestLine 8190",
        "LimitRequestFields 100",
        "RequestReadTimeout handshake=5 header=20-40,MinRate=500 body=20,MinRate=500",
        "WSGIRestrictEmbedded On",
        "WSGISocketRotation Off",
        'WSGIPythonHome "/venv"',
    ):
        assert expected in lines
    assert any(line.startswith("AddOutputFilterByType DEFLATE text/html") for line in lines)


def test_daemon_process_group_options():
    """The site's WSGIDaemonProcess carries every daemon setting, python-home and python-path."""
    lines = directives(render(make_settings(maximum_requests=1000, inactivity_timeout=300)))
    (daemon,) = [line for line in lines if line.startswith("WSGIDaemonProcess ")]
    assert daemon == (
        "WSGIDaemonProcess mysite display-name=%{GROUP} processes=3 threads=7 "
        "user=www-data group=www-data "
        'python-home="/venv" python-path="/srv/mysite" home="/srv/mysite" '
        "lang=C.UTF-8 locale=C.UTF-8 request-timeout=60 inactivity-timeout=300 "
        "graceful-timeout=15 eviction-timeout=30 maximum-requests=1000 queue-timeout=45 "
        "listen-backlog=500"
    )
    assert (
        'WSGIScriptAlias / "/srv/mysite/.apache/wsgi/mysite.wsgi" '
        "process-group=mysite application-group=%{GLOBAL}"
    ) in lines


def test_static_media_and_admin_blocks():
    """Aliases for STATIC_ROOT and MEDIA_ROOT, and the admin's own Location at its path."""
    text = render(make_settings())
    lines = directives(text)
    assert 'Alias "/static/" "/srv/mysite/staticfiles/"' in lines
    assert '<Directory "/srv/mysite/staticfiles">' in lines
    assert 'Alias "/media/" "/srv/mysite/media/"' in lines
    assert '<Location "/backoffice/">' in lines
    assert 'Header set Cache-Control "public, max-age=31536000, immutable"' in lines


def test_far_future_cache_only_for_hashed_static_names():
    """The FilesMatch pattern matches name.<12 hex>.ext and nothing else."""
    text = render(make_settings())
    pattern = re.search(r'<FilesMatch "([^"]+)">', text).group(1)
    for name in ("app.0123456789ab.css", "logo.abcdef012345.svg", "a.b.c.0a1b2c3d4e5f.js"):
        assert re.search(pattern, name), name
    for name in ("app.css", "app.0123456789a.css", "app.0123456789abc.css", "app.ABCDEF012345.js"):
        assert not re.search(pattern, name), name


def test_no_static_or_media_aliases_without_roots():
    """A site without STATIC_ROOT/MEDIA_ROOT renders no Alias at all."""
    site = make_site(static_url="", static_root="", media_url="", media_root="")
    text = render(make_settings(sites=(site,)))
    assert "Alias " not in text.replace("WSGIScriptAlias", "")


def test_one_daemon_process_group_per_site():
    """Two sites: two VirtualHosts, each with its own daemon group and WSGI script."""
    other = make_site(name="blog", server_name="blog.example.com", settings_module="blog.settings")
    lines = directives(render(make_settings(sites=(make_site(), other))))
    assert [line for line in lines if line.startswith("<VirtualHost")] == [
        "<VirtualHost *:8443>",
        "<VirtualHost *:8443>",
    ]
    daemons = [line.split()[1] for line in lines if line.startswith("WSGIDaemonProcess")]
    assert daemons == ["mysite", "blog"]
    assert any("blog.wsgi" in line and "process-group=blog" in line for line in lines)
    assert "ServerName blog.example.com" in lines


def test_vhost_http_variant():
    """The plain vhost: one <VirtualHost *:80> per site, no TLS, a2ensite instructions."""
    text = render_vhost(make_settings())
    lines = directives(text)
    assert [line for line in lines if line.startswith("<VirtualHost")] == ["<VirtualHost *:80>"]
    assert "SSLEngine on" not in lines
    assert "a2ensite mysite" in text
    assert "ErrorLog ${APACHE_LOG_DIR}/mysite_error.log" in lines
    # Nothing that belongs to a standalone server leaks into a system vhost.
    for directive in ("Listen", "ServerRoot", "PidFile", "User", "LoadModule"):
        assert not any(line.startswith(directive + " ") for line in lines), directive


def test_vhost_https_variant():
    """--https: port 80 redirects, port 443 serves with the given certificate and HSTS."""
    text = render_vhost(make_settings(), https=True, certificate="/c.pem", certificate_key="/k.pem")
    lines = directives(text)
    assert [line for line in lines if line.startswith("<VirtualHost")] == [
        "<VirtualHost *:80>",
        "<VirtualHost *:443>",
    ]
    assert "Redirect permanent / https://example.com/" in lines
    assert 'SSLCertificateFile "/c.pem"' in lines
    assert 'SSLCertificateKeyFile "/k.pem"' in lines
    assert "a2enmod headers deflate reqtimeout ssl" in text


def test_vhost_takes_a_list_of_sites():
    """render_vhost renders every site it is given (contrib.sites will pass several)."""
    sites = [make_site(), make_site(name="blog", server_name="blog.example.com")]
    lines = directives(render_vhost(make_settings(), sites, https=True))
    assert lines.count("<VirtualHost *:443>") == 2
    assert "Redirect permanent / https://blog.example.com/" in lines


def test_apachectl_script():
    """apachectl runs this root's httpd with -d/-f and maps the apachectl verbs."""
    text = render_apachectl(make_settings())
    assert text.startswith("#!/bin/sh\n")
    assert 'ROOT="/srv/mysite/.apache"' in text
    assert 'exec "/usr/sbin/apache2" -d "$ROOT" -f "$ROOT/httpd.conf" "$@"' in text


def test_wsgi_script_is_python_selecting_the_site_settings():
    """The generated WSGI script compiles and passes the settings module and application."""
    text = render_wsgi_script(make_site())
    compile(text, "mysite.wsgi", "exec")
    assert "load_application('mysite.settings', 'mysite.wsgi.application', script=__file__)" in text
    text = render_wsgi_script(make_site(wsgi_application=None))
    assert "load_application('mysite.settings', None, script=__file__)" in text


def test_templates_are_commented_plain_httpd_config():
    """The templates read as httpd config: few placeholders, comments on the options."""
    text = (templates_dir() / "site.conf").read_text()
    assert text.count("{{") < 40
    assert "{%" in text  # the loops/conditions are visible, not hidden in Python


@pytest.fixture(scope="module")
def mod_wsgi_so():
    """The real mod_wsgi module (a skip locally, a failure in CI when missing)."""
    try:
        path = find_mod_wsgi_so()
    except DriverError as exc:
        unavailable(str(exc))
    if not os.path.exists(HTTPD):
        message = f"{HTTPD} is missing: apt-get install apache2 apache2-dev"
        unavailable(message)
    return path


@pytest.mark.apache
@pytest.mark.parametrize("variant", ["plain", "static+media", "two sites"])
def test_rendered_config_passes_apache_configtest(mod_wsgi_so, variant):
    """apache2 -t accepts the rendered httpd.conf (real Apache, real mod_wsgi)."""
    with www_readable_tempdir() as base:
        for name in ("staticfiles", "media", "project"):
            (base / name).mkdir()
        site = make_site(
            project_dir=str(base / "project"),
            static_root=str(base / "staticfiles"),
            media_root=str(base / "media"),
        )
        if variant == "plain":
            site = make_site(
                project_dir=str(base / "project"),
                static_url="",
                static_root="",
                media_url="",
                media_root="",
            )
        sites = (site,)
        if variant == "two sites":
            sites += (make_site(name="blog", server_name="b.example.com", project_dir=str(base)),)
        s = make_settings(
            server_root=str(base / "root"),
            sites=sites,
            mod_wsgi_so=mod_wsgi_so,
            python_home=ApacheSettings.__dataclass_fields__["python_home"].default,
        )
        (base / "root" / "run").mkdir(parents=True)
        (base / "root" / "logs").mkdir()
        (base / "root" / "httpd.conf").write_text(render(s))
        result = subprocess.run(
            [HTTPD, "-d", s.server_root, "-f", f"{s.server_root}/httpd.conf", "-t"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "Syntax OK" in result.stderr


def test_render_from_another_template_directory(tmp_path: Path):
    """render() takes a template directory: a customised copy of conf/ renders the same way."""
    shutil.copytree(templates_dir(), tmp_path / "conf")
    custom = tmp_path / "conf" / "httpd.conf"
    custom.write_text(custom.read_text() + "# custom tail\n")
    assert render(make_settings(), tmp_path / "conf").endswith("# custom tail\n")


@pytest.mark.apache
@pytest.mark.parametrize("https", [False, True], ids=["http", "https"])
def test_vhost_passes_apache_configtest(mod_wsgi_so, https):
    """The sites-available file, included by an Apache with mod_ssl, passes apache2 -t."""
    python_home = ApacheSettings.__dataclass_fields__["python_home"].default
    with www_readable_tempdir() as base:
        (base / "root" / "run").mkdir(parents=True)
        (base / "root" / "logs").mkdir()
        main = make_site(
            name="main",
            project_dir=str(base),
            static_url="",
            static_root="",
            media_url="",
            media_root="",
        )
        s = make_settings(
            server_root=str(base / "root"),
            sites=(main,),
            mod_wsgi_so=mod_wsgi_so,
            python_home=python_home,
        )
        site = make_site(project_dir=str(base), static_root=str(base), media_root=str(base))
        certificate, key = base / "cert.pem", base / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-subj", "/CN=example.com", "-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        vhost = render_vhost(
            s, [site], https=https, certificate=str(certificate), certificate_key=str(key)
        )
        (base / "root" / "vhost.conf").write_text(vhost)
        # What Debian's apache2.conf provides around sites-enabled/*.conf.
        (base / "root" / "httpd.conf").write_text(
            render(s)
            + f'LoadModule ssl_module "{s.modules_dir}/mod_ssl.so"\n'
            + f'Define APACHE_LOG_DIR "{base}/root/logs"\n'
            + f'Include "{base}/root/vhost.conf"\n'
        )
        result = subprocess.run(
            [HTTPD, "-d", s.server_root, "-f", f"{s.server_root}/httpd.conf", "-t"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
