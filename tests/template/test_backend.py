"""The Jinja2 backend: lookup, configuration, errors and caching."""

from __future__ import annotations

import os
import shutil
import time

import jinja2
import pytest

from framework.apps import apps
from framework.core.exceptions import ImproperlyConfigured
from framework.template import TemplateDoesNotExist, TemplateSyntaxError, engines, signals
from framework.template.loader import get_template, render_to_string, select_template

from .conftest import APP_TEMPLATES, BACKEND, DIRS_A, DIRS_B

# ------------------------------------------------------------------ lookup


def test_dirs_lookup(engine):
    """A template in DIRS is found and rendered with its context."""
    assert engine.get_template("page.html").render({"text": "hi"}) == "<p>hi</p>"


def test_app_dirs_lookup(make_engine, tplapp):
    """With APP_DIRS, each installed app's templates/ directory is searched."""
    engine = make_engine(dirs=(), app_dirs=True)
    assert engine.get_template("tplapp/hello.html").render({"name": "Ann"}) == (
        "Hello from the app, Ann!"
    )


def test_dirs_win_over_app_dirs(make_engine, tplapp):
    """DIRS are searched before app directories."""
    engine = make_engine(app_dirs=True)
    assert engine.get_template("shadowed.html").render() == "DIRS version"


def test_app_dirs_off_ignores_apps(make_engine, tplapp):
    """Without APP_DIRS, app templates are not found."""
    with pytest.raises(TemplateDoesNotExist):
        make_engine(dirs=()).get_template("tplapp/hello.html")


def test_does_not_exist_names_every_place_searched(make_engine, tplapp):
    """TemplateDoesNotExist lists the candidate path in each DIRS entry and app directory."""
    engine = make_engine(dirs=(DIRS_A, DIRS_B), app_dirs=True)
    with pytest.raises(TemplateDoesNotExist) as info:
        engine.get_template("nope.html")
    message = str(info.value)
    for directory in (DIRS_A, DIRS_B, APP_TEMPLATES):
        assert os.path.join(str(directory), "nope.html") in message
    assert "Source does not exist" in message
    assert info.value.backend is engine
    assert [str(origin) for origin, _ in info.value.tried] == [
        os.path.join(str(d), "nope.html") for d in (DIRS_A, DIRS_B, APP_TEMPLATES)
    ]


def test_parent_directory_is_not_reachable(engine):
    """A name climbing out of the template directories is not found."""
    with pytest.raises(TemplateDoesNotExist):
        engine.get_template("../conftest.py")


def test_extends(engine):
    """Template inheritance works across the engine's directories."""
    assert engine.get_template("child.html").render({"name": "x"}) == "<title>child x</title>"


def test_loader_get_template_tries_engines(templates_setting):
    """loader.get_template searches DIRS in order; the template knows its name and origin."""
    template = get_template("only_b.html")
    assert template.render() == "from b"
    assert template.name == "only_b.html"
    assert template.origin.name == str(DIRS_B / "only_b.html")


def test_loader_missing_template_chains_engine_errors(templates_setting):
    """The loader's error chains each engine's error and names every path searched."""
    with pytest.raises(TemplateDoesNotExist) as info:
        get_template("absent.html")
    assert info.value.args[0] == "absent.html"
    assert len(info.value.chain) == 1
    assert str(DIRS_A / "absent.html") in str(info.value)
    assert str(DIRS_B / "absent.html") in str(info.value)


def test_select_template_returns_first_existing(templates_setting):
    """select_template returns the first name that exists."""
    assert select_template(["absent.html", "only_b.html", "page.html"]).name == "only_b.html"


def test_select_template_lists_all_names_when_none_exist(templates_setting):
    """When no name exists, the error names them all and every path searched."""
    with pytest.raises(TemplateDoesNotExist) as info:
        select_template(["one.html", "two.html"])
    message = str(info.value)
    assert message.startswith("one.html, two.html")
    assert str(DIRS_B / "two.html") in message


def test_select_template_refuses_a_string(templates_setting):
    """A single string is a mistake for get_template, with a clear TypeError."""
    with pytest.raises(TypeError, match="get_template"):
        select_template("page.html")


def test_select_template_empty_list(templates_setting):
    """An empty list raises TemplateDoesNotExist saying no names were provided."""
    with pytest.raises(TemplateDoesNotExist, match="No template names provided"):
        select_template([])


def test_render_to_string_with_list_and_using(templates_setting):
    """render_to_string accepts a list of names and an engine alias."""
    assert render_to_string(["absent.html", "page.html"], {"text": "t"}, using="jinja2") == (
        "<p>t</p>"
    )


def test_engines_handler(templates_setting):
    """engines[alias] builds the engine once; unknown aliases raise naming the alias."""
    assert engines["jinja2"] is engines["jinja2"]
    assert [e.name for e in engines.all()] == ["jinja2"]
    with pytest.raises(ImproperlyConfigured, match="'other'"):
        engines["other"]


def test_engines_reset_when_templates_change(settings):
    """Changing TEMPLATES (override_settings) rebuilds the engines."""
    settings.TEMPLATES = [{"BACKEND": BACKEND, "DIRS": [DIRS_A]}]
    first = engines["jinja2"]
    settings.TEMPLATES = [{"BACKEND": BACKEND, "DIRS": [DIRS_B]}]
    assert engines["jinja2"] is not first
    assert get_template("only_b.html").render() == "from b"


# ------------------------------------------------------------------ configuration errors


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"BACKEND": "nonsense"}, r"TEMPLATES\[0\] has an invalid BACKEND 'nonsense'"),
        (
            {"BACKEND": "framework.template.backends.nope.Nope"},
            r"TEMPLATES\[0\] BACKEND 'framework.template.backends.nope.Nope' cannot be imported",
        ),
        (
            {"BACKEND": "django.template.backends.django.DjangoTemplates"},
            r"TEMPLATES\[0\].*Jinja2 templates only",
        ),
        (
            {"BACKEND": BACKEND, "OPTIONS": {"bogus_option": 1}},
            r"TEMPLATES\[0\].*'jinja2'.*bogus_option",
        ),
        (
            {"BACKEND": BACKEND, "OPTIONS": {"context_processors": ["tests.template.nope.f"]}},
            r"TEMPLATES\[0\].*context_processors.*'tests.template.nope.f'",
        ),
        (
            {"BACKEND": BACKEND, "OPTIONS": {"context_processors": "a.b.c"}},
            r"must be a list",
        ),
        ({"BACKEND": BACKEND, "DIRS": "templates"}, r"DIRS.*must be a list"),
        ({"BACKEND": BACKEND, "EXTRA": 1}, r"Unknown parameters.*EXTRA"),
    ],
)
def test_misconfiguration_names_the_entry(settings, entry, expected):
    """A bad TEMPLATES entry raises ImproperlyConfigured naming the entry and the culprit."""
    settings.TEMPLATES = [entry]
    with pytest.raises(ImproperlyConfigured, match=expected):
        engines.all()


def test_duplicate_aliases(settings):
    """Two engines with the same NAME are refused."""
    settings.TEMPLATES = [{"BACKEND": BACKEND}, {"BACKEND": BACKEND}]
    with pytest.raises(ImproperlyConfigured, match="aliases aren't unique, duplicates: jinja2"):
        engines.all()


def test_autoescape_off_is_refused(make_engine):
    """autoescape=False is refused with a message giving the alternatives."""
    with pytest.raises(ImproperlyConfigured, match="force_autoescape_off"):
        make_engine(autoescape=False)


def test_autoescape_off_can_be_forced(make_engine):
    """force_autoescape_off=True really turns autoescaping off."""
    engine = make_engine(autoescape=False, force_autoescape_off=True)
    assert engine.from_string("{{ x }}").render({"x": "<b>"}) == "<b>"


def test_autoescape_callable_still_escapes_html(make_engine):
    """A select_autoescape callable cannot switch escaping off for .html templates."""
    engine = make_engine(autoescape=jinja2.select_autoescape(enabled_extensions=()))
    assert engine.get_template("page.html").render({"text": "<i>"}) == "<p>&lt;i&gt;</p>"
    assert engine.env.autoescape("mail.txt") is False


def test_environment_factory_and_extensions(make_engine):
    """OPTIONS['environment'] names a factory; extensions reach the environment; the
    framework's globals are installed without replacing the project's own."""
    engine = make_engine(
        environment="tests.template.envfactory.environment",
        extensions=["jinja2.ext.loopcontrols"],
    )
    assert engine.env.globals["shout"]("a") == "A"
    assert engine.env.globals["static"] == "project static"
    assert "url" in engine.env.globals
    assert (
        engine.from_string(
            "{% for i in [1,2,3] %}{% if i > 1 %}{% break %}{% endif %}{{ i }}{% endfor %}"
        ).render()
        == "1"
    )


def test_undefined_option_accepts_dotted_path(make_engine):
    """OPTIONS['undefined'] may be a dotted path."""
    engine = make_engine(undefined="jinja2.StrictUndefined")
    with pytest.raises(jinja2.UndefinedError):
        engine.from_string("{{ missing }}").render()


def test_undefined_defaults_follow_debug(make_engine, settings):
    """Undefined variables render empty normally and visibly with DEBUG."""
    assert make_engine().from_string("[{{ missing }}]").render() == "[]"
    settings.DEBUG = True
    assert make_engine().from_string("[{{ missing }}]").render() == "[{{ missing }}]"


# ------------------------------------------------------------------ syntax errors


def test_syntax_error_carries_name_line_and_source(engine):
    """A syntax error names the template and the line, with debug info for the error page."""
    with pytest.raises(TemplateSyntaxError) as info:
        engine.get_template("broken.html")
    error = info.value
    assert "'broken.html'" in str(error)
    assert "line 5" in str(error)
    assert error.lineno == 5
    debug = error.template_debug
    assert debug["name"] == str(DIRS_A / "broken.html")
    assert debug["line"] == 5
    assert debug["during"] == "{% endfor %"
    assert (1, "line one") in debug["source_lines"]
    assert debug["total"] == 6
    assert isinstance(error.__cause__, jinja2.TemplateSyntaxError)


def test_syntax_error_from_string(engine):
    """from_string errors are converted too."""
    with pytest.raises(TemplateSyntaxError, match="line 2"):
        engine.from_string("ok\n{% if %}")


def test_syntax_error_in_included_template(engine):
    """An include that fails to compile at render time raises TemplateSyntaxError."""
    template = engine.get_template("includes_broken.html")
    with pytest.raises(TemplateSyntaxError, match="broken.html"):
        template.render()


def test_missing_include_raises_does_not_exist(engine):
    """A missing include raises TemplateDoesNotExist naming the path searched."""
    with pytest.raises(TemplateDoesNotExist) as info:
        engine.get_template("includes_missing.html").render()
    assert str(DIRS_A / "nowhere" / "missing.html") in str(info.value)


# ------------------------------------------------------------------ caching


@pytest.fixture
def scratch_dir(tmp_path):
    directory = tmp_path / "templates"
    directory.mkdir()
    (directory / "t.html").write_text("version 1")
    return directory


def _edit(path, text):
    path.write_text(text)
    # Make the change visible to mtime checks even on coarse-grained file systems.
    future = time.time() + 5
    os.utime(path, (future, future))


def test_template_compiled_once(make_engine, scratch_dir):
    """Loading a template twice reuses the compiled Jinja2 template."""
    engine = make_engine(dirs=(scratch_dir,))
    assert engine.get_template("t.html").template is engine.get_template("t.html").template


def test_no_reload_without_debug(make_engine, scratch_dir):
    """Without DEBUG, an edited template is not recompiled (compiled once per process)."""
    engine = make_engine(dirs=(scratch_dir,))
    assert engine.get_template("t.html").render() == "version 1"
    _edit(scratch_dir / "t.html", "version 2")
    assert engine.get_template("t.html").render() == "version 1"


def test_auto_reload_in_debug(make_engine, scratch_dir, settings):
    """With DEBUG, an edited template is picked up on the next load."""
    settings.DEBUG = True
    engine = make_engine(dirs=(scratch_dir,))
    assert engine.get_template("t.html").render() == "version 1"
    _edit(scratch_dir / "t.html", "version 2")
    assert engine.get_template("t.html").render() == "version 2"


def test_deleted_template_in_debug(make_engine, scratch_dir, settings):
    """With DEBUG, a deleted template is reported missing rather than served stale."""
    settings.DEBUG = True
    engine = make_engine(dirs=(scratch_dir,))
    engine.get_template("t.html")
    shutil.rmtree(scratch_dir)
    with pytest.raises(TemplateDoesNotExist):
        engine.get_template("t.html")


# ------------------------------------------------------------------ test hook


def test_template_rendered_signal(engine, monkeypatch):
    """While instrumentation is on, each render sends template_rendered with the context."""
    received = []

    def receiver(sender, template, context, **kwargs):
        received.append((sender, template.name, dict(context)))

    monkeypatch.setattr(signals, "instrumentation_enabled", True)
    signals.template_rendered.connect(receiver)
    try:
        template = engine.get_template("page.html")
        template.render({"text": "a"})
    finally:
        signals.template_rendered.disconnect(receiver)
    assert received == [(template, "page.html", {"text": "a"})]


def test_template_rendered_not_sent_by_default(engine):
    """Instrumentation is off by default: rendering sends nothing."""
    received = []
    signals.template_rendered.connect(
        lambda **kw: received.append(kw), weak=False, dispatch_uid="test-default-off"
    )
    try:
        engine.get_template("page.html").render({"text": "a"})
    finally:
        signals.template_rendered.disconnect(dispatch_uid="test-default-off")
    assert signals.instrumentation_enabled is False
    assert received == []


def test_engines_follow_installed_apps(settings):
    """Engines built from TEMPLATES see apps installed later (INSTALLED_APPS resets them)."""
    settings.TEMPLATES = [{"BACKEND": BACKEND, "APP_DIRS": True}]
    with pytest.raises(TemplateDoesNotExist):
        get_template("tplapp/hello.html")
    apps.set_installed_apps(["tests.template.tplapp"])
    try:
        settings.INSTALLED_APPS = ["tests.template.tplapp"]
        assert render_to_string("tplapp/hello.html", {"name": "Bo"}) == "Hello from the app, Bo!"
    finally:
        apps.unset_installed_apps()


def test_template_wrapper_is_kept_per_compiled_template(make_engine, tmp_path):
    """get_template() hands out one wrapper per compiled template, with the environment's
    globals (ours and Jinja2's) copied into a plain dict once; a changed source under
    auto_reload gets a new compiled template and a new wrapper."""
    page = tmp_path / "page.html"
    page.write_text("{{ greeting }} {{ url('nowhere') if false else range(2)|list }}")
    engine = make_engine(dirs=[tmp_path], auto_reload=True)
    engine.env.globals["greeting"] = "hello"
    first = engine.get_template("page.html")
    assert engine.get_template("page.html") is first
    assert type(first.template.globals) is dict
    assert first.render({}) == "hello [0, 1]"
    assert first.render({"greeting": "hi"}) == "hi [0, 1]"
    page.write_text("{{ greeting }} again")
    os.utime(page, (page.stat().st_atime, page.stat().st_mtime + 5))
    reloaded = engine.get_template("page.html")
    assert reloaded is not first
    assert reloaded.render({}) == "hello again"
    other_engine = make_engine(dirs=[tmp_path])
    assert other_engine.get_template("page.html").backend is other_engine
