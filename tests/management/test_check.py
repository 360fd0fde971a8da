"""`check`: the report format, tags, fail levels, silencing, and the deployment checks."""

from __future__ import annotations

from io import StringIO

import pytest

from framework.core import checks
from framework.core.management import CommandError, call_command
from framework.core.management.base import SystemCheckError

SECURE = {
    "DEBUG": False,
    "ALLOWED_HOSTS": ["example.com"],
    "SECRET_KEY": "x7!k2@pq9#zr4$mw8%nt6^bv3&cy5*dl1(fj0)gh-a_s=e+uoi",
    "MIDDLEWARE": [
        "framework.middleware.security.SecurityMiddleware",
        "framework.middleware.csrf.CsrfViewMiddleware",
        "framework.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_SSL_REDIRECT": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_SECURE": True,
}


def run_check(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check", *args, stdout=out, stderr=err, no_color=True, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def secure(settings):
    """Settings that pass every deployment check."""
    for name, value in SECURE.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def sample_check():
    """Register checks tagged "sample" at each level for one test."""

    @checks.register("sample")
    def sample(app_configs=None, **kwargs):
        return [
            checks.Warning("a warning", hint="do this", id="sample.W001"),
            checks.Info("some info", obj="thing", id="sample.I001"),
        ]

    yield sample
    checks.registry.registered_checks.discard(sample)


def test_no_issues():
    """A clean project prints the count line on stdout."""
    assert run_check() == ("System check identified no issues (0 silenced).\n", "")


def test_issues_are_grouped_by_level_with_hints(sample_check):
    """Issues are listed by level with their object, id and hint, on stderr."""
    out, err = run_check()
    assert out == ""
    assert err == (
        "System check identified some issues:\n"
        "\nWARNINGS:\n?: (sample.W001) a warning\n\tHINT: do this\n"
        "\nINFOS:\nthing: (sample.I001) some info\n"
        "\nSystem check identified 2 issues (0 silenced).\n"
    )


def test_fail_level(sample_check):
    """--fail-level WARNING turns warnings into a failing SystemCheckError."""
    with pytest.raises(SystemCheckError) as info:
        run_check(fail_level="WARNING")
    assert str(info.value).startswith("SystemCheckError: System check identified some issues:")


def test_silenced_checks(sample_check, settings):
    """Ids in SILENCED_SYSTEM_CHECKS are left out and counted as silenced."""
    settings.SILENCED_SYSTEM_CHECKS = ["sample.W001"]
    out, err = run_check(tags=["sample"])
    assert "sample.W001" not in err
    assert err.endswith("System check identified 1 issue (1 silenced).\n")


def test_tags(sample_check):
    """--tag runs only checks with that tag; an unknown tag is a CommandError."""
    out, err = run_check(tags=["urls"])
    assert "sample" not in err
    with pytest.raises(CommandError, match='There is no system check with the "nope" tag.'):
        run_check(tags=["nope"])
    # The security tag has one always-on check (CSRF_FAILURE_VIEW); the rest need --deploy.
    assert "security.W018" not in run_check(tags=["security"])[1]
    assert "security.W018" not in run_check(tags=["security"], deploy=True)[1]


def test_list_tags(sample_check):
    """--list-tags prints the tags of the checks that would run."""
    # Apps installed by other tests may have registered more tags: check ours are there.
    out, _ = run_check(list_tags=True)
    assert {"caches", "sample", "security", "urls"} <= set(out.split())
    assert out.split() == sorted(out.split())


def test_unknown_app_label():
    """An app label that is not installed is a CommandError naming it."""
    with pytest.raises(CommandError, match="No installed app with label 'nope'"):
        run_check("nope")


def test_error_fails_by_default():
    """An Error makes check fail with SystemCheckError listing it under ERRORS."""

    @checks.register("sample")
    def broken(app_configs=None, **kwargs):
        return [checks.Error("it broke", id="sample.E001"), checks.Critical("worse", id="s.C1")]

    try:
        with pytest.raises(SystemCheckError) as info:
            run_check()
    finally:
        checks.registry.registered_checks.discard(broken)
    text = str(info.value)
    assert "CRITICALS:\n?: (s.C1) worse\n\nERRORS:\n?: (sample.E001) it broke\n" in text
    assert text.endswith("System check identified 2 issues (0 silenced).")


def test_deploy_on_a_secure_project(secure):
    """A project with every security setting on passes check --deploy."""
    assert run_check(deploy=True)[0] == "System check identified no issues (0 silenced).\n"


@pytest.mark.parametrize(
    ("overrides", "ident", "text"),
    [
        ({"DEBUG": True}, "W018", "You should not have DEBUG set to True in deployment."),
        ({"ALLOWED_HOSTS": []}, "W020", "ALLOWED_HOSTS must not be empty in deployment."),
        ({"SECRET_KEY": "short"}, "W009", "Your SECRET_KEY has less than 50 characters"),
        ({"SECRET_KEY": "a" * 60}, "W009", "less than 5 unique characters"),
        (
            {"SECRET_KEY": "framework-insecure-" + "x7!k2@pq9#zr4$mw8%nt6^bv3&cy5*dl1(fj0)"},
            "W009",
            "prefixed with 'framework-insecure-'",
        ),
        ({"SECRET_KEY_FALLBACKS": ["weak"]}, "W025", "Your SECRET_KEY_FALLBACKS[0] has less"),
        (
            {"MIDDLEWARE": SECURE["MIDDLEWARE"][1:]},
            "W001",
            "You do not have 'framework.middleware.security.SecurityMiddleware' in your MIDDLEWARE",
        ),
        (
            {"MIDDLEWARE": SECURE["MIDDLEWARE"][:2]},
            "W002",
            "'framework.middleware.clickjacking.XFrameOptionsMiddleware' in your MIDDLEWARE, so",
        ),
        ({"MIDDLEWARE": SECURE["MIDDLEWARE"][::2]}, "W003", "cross-site request forgery"),
        ({"SECURE_HSTS_SECONDS": 0}, "W004", "SECURE_HSTS_SECONDS setting"),
        ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": False}, "W005", "SECURE_HSTS_INCLUDE_SUBDOMAINS"),
        ({"SECURE_CONTENT_TYPE_NOSNIFF": False}, "W006", "X-Content-Type-Options: nosniff"),
        ({"SECURE_SSL_REDIRECT": False}, "W008", "SECURE_SSL_REDIRECT setting is not set"),
        ({"CSRF_COOKIE_SECURE": False}, "W016", "not set CSRF_COOKIE_SECURE to True"),
        ({"X_FRAME_OPTIONS": "SAMEORIGIN"}, "W019", "X_FRAME_OPTIONS is not set to 'DENY'"),
        ({"SECURE_HSTS_PRELOAD": False}, "W021", "SECURE_HSTS_PRELOAD setting to True"),
        ({"SECURE_REFERRER_POLICY": None}, "W022", "SECURE_REFERRER_POLICY setting"),
        (
            {"SESSION_COOKIE_SECURE": False, "INSTALLED_APPS": ["framework.contrib.sessions"]},
            "W010",
            "not set SESSION_COOKIE_SECURE to True",
        ),
        (
            {
                "SESSION_COOKIE_HTTPONLY": False,
                "MIDDLEWARE": [
                    *SECURE["MIDDLEWARE"],
                    "framework.contrib.sessions.middleware.SessionMiddleware",
                ],
            },
            "W014",
            "not set SESSION_COOKIE_HTTPONLY to True",
        ),
    ],
)
def test_deploy_warnings(secure, overrides, ident, text):
    """Each insecure setting gives its own security warning (ids and messages as Django's)."""
    for name, value in overrides.items():
        setattr(secure, name, value)
    out, err = run_check(deploy=True)
    assert f"?: (security.{ident}) " in err
    assert text in err
    assert err.endswith("(0 silenced).\n")


@pytest.mark.parametrize(
    ("name", "value", "ident"),
    [
        ("SECURE_REFERRER_POLICY", "no-way", "E023"),
        ("SECURE_CROSS_ORIGIN_OPENER_POLICY", "nope", "E024"),
    ],
)
def test_deploy_errors(secure, name, value, ident):
    """Invalid policy values are errors that make check --deploy fail, with the valid values."""
    setattr(secure, name, value)
    with pytest.raises(SystemCheckError, match=rf"security\.{ident}.*\n\tHINT: Valid values are"):
        run_check(deploy=True)


def test_deploy_checks_only_with_deploy(settings):
    """Without --deploy, DEBUG = True is not reported."""
    settings.DEBUG = True
    assert run_check()[1] == ""


def test_invalid_url_patterns(settings):
    """Strings and tuples in urlpatterns are urls.E004 errors with a hint."""
    settings.ROOT_URLCONF = "tests.management.urls_invalid"
    with pytest.raises(SystemCheckError) as info:
        run_check()
    text = str(info.value)
    assert "?: (urls.E004) Your URL pattern 'admin/' is invalid." in text
    assert "HINT: Try removing the string 'admin/'." in text
    assert "HINT: Try using path() instead of a tuple." in text


def test_unimportable_urlconf(settings):
    """A ROOT_URLCONF that fails to import is an error naming the module."""
    settings.ROOT_URLCONF = "tests.management.urls_broken"
    with pytest.raises(SystemCheckError, match=r"urls\.E010.*'tests\.management\.urls_broken'"):
        run_check()


def test_static_url_needs_a_slash(settings):
    """STATIC_URL without a trailing slash is urls.E006."""
    settings.STATIC_URL = "/static"
    with pytest.raises(SystemCheckError, match=r"\(urls\.E006\) The STATIC_URL setting must"):
        run_check()


def test_register_usage_and_messages():
    """register() works bare, with tags, and as a call; messages compare and print like Django's."""
    registry = checks.CheckRegistry()

    @registry.register
    def bare(**kwargs):
        return []

    @registry.register("a", "b", deploy=True)
    def tagged(**kwargs):
        return [checks.Error("e", id="x.E1")]

    assert bare.tags == () and tagged.tags == ("a", "b")
    assert registry.run_checks() == []
    assert registry.run_checks(include_deployment_checks=True) == [checks.Error("e", id="x.E1")]
    assert registry.tag_exists("a", include_deployment_checks=True)
    assert not registry.tag_exists("a")
    message = checks.Warning("msg", hint="hint", obj="obj", id="x.W1")
    assert str(message) == "obj: (x.W1) msg\n\tHINT: hint"
    assert message.is_serious(checks.WARNING) and not message.is_serious()

    @registry.register
    def wrong(**kwargs):
        return None

    with pytest.raises(TypeError, match="did not return a list"):
        registry.run_checks()
