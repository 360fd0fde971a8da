"""ManifestStaticFilesStorage: hashed names, CSS rewriting, the manifest, strictness."""

from __future__ import annotations

import hashlib
import io
import json
import re

import pytest

from framework.contrib.staticfiles.storage import ManifestStaticFilesStorage, staticfiles_storage
from framework.core.management import call_command

HASHED = re.compile(r"^(?P<root>.+)\.(?P<hash>[0-9a-f]{12})(?P<ext>\.[^.]+)$")


def collect(**options):
    out = io.StringIO()
    call_command("collectstatic", interactive=False, stdout=out, **options)
    return out.getvalue()


def md5_12(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()[:12]


def load_manifest(root):
    return json.loads((root / "staticfiles.json").read_text())


def test_hashed_copies_and_manifest(manifest):
    """Every file gets name.<12 hex>.ext next to the original; the manifest maps them."""
    output = collect()
    root = manifest["root"]
    data = load_manifest(root)
    assert data["version"] == "1.1" and data["hash"]
    paths = data["paths"]
    logo = paths["img/logo.png"]
    assert logo == "img/logo." + md5_12(b"\x89PNG logo") + ".png"
    assert (root / logo).read_bytes() == (root / "img" / "logo.png").read_bytes()
    for name, hashed in paths.items():
        assert HASHED.match(hashed), hashed
        assert (root / name).exists() and (root / hashed).exists()
    assert "post-processed" in output


def test_css_references_rewritten(manifest):
    """url() and @import in CSS point to the hashed names; the CSS hash covers the rewrite."""
    collect()
    root = manifest["root"]
    paths = load_manifest(root)["paths"]
    css = (root / paths["site.css"]).read_text()
    assert f'@import "{paths["base.css"]}";' in css
    assert f"url({paths['img/logo.png']})" in css
    assert paths["site.css"] == f"site.{md5_12(css.encode())}.css"
    app_css = (root / paths["one/app.css"]).read_text()
    assert 'url("img/bg.' in app_css and "img/bg.png" not in app_css


def test_nested_css_hash_follows_dependency(manifest):
    """Changing an imported CSS file changes the hash of the importing file too."""
    collect()
    first = load_manifest(manifest["root"])["paths"]["site.css"]
    (manifest["static"] / "base.css").write_text("p { color: green; }\n")
    collect(clear=True)
    assert load_manifest(manifest["root"])["paths"]["site.css"] != first


def test_untouched_references(manifest):
    """Data URIs, absolute URLs, fragments, foreign absolute paths and comments stay as written."""
    css = (
        "a { background: url(data:image/png;base64,AAAA); }\n"
        "b { background: url('https://cdn.example.com/x.png'); }\n"
        "c { background: url(//cdn.example.com/y.png); }\n"
        "d { behavior: url(#default#VML); }\n"
        "e { background: url(/elsewhere/z.png); }\n"
        "/* f { background: url(missing-in-comment.png); } */\n"
    )
    (manifest["static"] / "keep.css").write_text(css)
    collect()
    paths = load_manifest(manifest["root"])["paths"]
    assert (manifest["root"] / paths["keep.css"]).read_text() == css


def test_absolute_static_url_and_fragment_rewritten(manifest):
    """/static/... references and ones with a #fragment or ?query are hashed, suffix kept."""
    (manifest["static"] / "abs.css").write_text(
        "a { background: url(/static/img/logo.png); }\n"
        'b { src: url("img/logo.png#frag"); }\n'
        "c { src: url(img/logo.png?#iefix); }\n"
    )
    collect()
    paths = load_manifest(manifest["root"])["paths"]
    text = (manifest["root"] / paths["abs.css"]).read_text()
    hashed_logo = paths["img/logo.png"]
    assert f"url(/static/{hashed_logo})" in text
    assert f'url("{hashed_logo}#frag")' in text
    assert f"url({hashed_logo}?#iefix)" in text


def test_missing_reference_is_a_clear_error(manifest):
    """A CSS reference to a missing file fails naming the CSS file and the reference."""
    (manifest["static"] / "broken.css").write_text("a { background: url(img/nothere.png); }\n")
    err = io.StringIO()
    with pytest.raises(ValueError) as info:
        call_command("collectstatic", interactive=False, stdout=io.StringIO(), stderr=err)
    message = str(info.value)
    assert "'broken.css'" in message and "img/nothere.png" in message
    assert "Post-processing 'broken.css' failed!" in err.getvalue()


def test_import_cycle_reports_max_passes(manifest):
    """CSS files importing each other never settle: RuntimeError after max passes."""
    (manifest["static"] / "a.css").write_text('@import "b.css";\n')
    (manifest["static"] / "b.css").write_text('@import "a.css";\n')
    with pytest.raises(RuntimeError, match="Max post-process passes exceeded"):
        collect()


def test_source_map_rewritten(manifest):
    """sourceMappingURL comments in JS and CSS point to the hashed map."""
    (manifest["static"] / "app.js").write_text("var a;\n//# sourceMappingURL=app.js.map\n")
    (manifest["static"] / "app.js.map").write_text("{}")
    collect()
    paths = load_manifest(manifest["root"])["paths"]
    js = (manifest["root"] / paths["app.js"]).read_text()
    assert f"//# sourceMappingURL={paths['app.js.map']}" in js


def test_url_uses_manifest_and_debug_gives_plain(manifest, settings):
    """url() returns the hashed URL from the manifest; in DEBUG the plain one."""
    collect()
    paths = load_manifest(manifest["root"])["paths"]
    assert staticfiles_storage.url("img/logo.png") == "/static/" + paths["img/logo.png"]
    assert staticfiles_storage.url("img/logo.png#x") == f"/static/{paths['img/logo.png']}#x"
    settings.DEBUG = True
    assert staticfiles_storage.url("img/logo.png") == "/static/img/logo.png"


def test_manifest_strict(manifest):
    """A name missing from the manifest raises ValueError naming it; non-strict hashes it."""
    collect()
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry for 'nope.css'"):
        staticfiles_storage.url("nope.css")
    (manifest["root"] / "late.txt").write_text("late")
    lenient = ManifestStaticFilesStorage()
    lenient.manifest_strict = False
    assert lenient.url("late.txt") == f"/static/late.{md5_12(b'late')}.txt"


def test_static_global_uses_hashed_name(manifest, make_app, settings):
    """The template layer's static() goes through staticfiles_storage (hashed URL)."""
    collect()
    paths = load_manifest(manifest["root"])["paths"]
    response = make_app().get("/page/")
    assert response.text == "/static/" + paths["site.css"]


def test_corrupt_manifest_is_reported(manifest):
    """An unreadable manifest raises ValueError telling to rerun collectstatic."""
    manifest["root"].mkdir()
    (manifest["root"] / "staticfiles.json").write_text("{not json")
    with pytest.raises(ValueError, match="run collectstatic again"):
        ManifestStaticFilesStorage().url("site.css")


def test_dry_run_writes_no_manifest(manifest):
    """--dry-run neither hashes nor writes staticfiles.json."""
    collect(dry_run=True)
    assert not (manifest["root"] / "staticfiles.json").exists()
