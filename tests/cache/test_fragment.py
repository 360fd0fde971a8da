"""The Jinja2 ``{% cache %}`` tag and make_template_fragment_key."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import jinja2
import pytest

from framework.core.cache import caches
from framework.core.cache.utils import make_template_fragment_key
from framework.template import engines

TEMPLATES_DIR = str(Path(__file__).parent / "templates")
EXTENSION = "framework.core.cache.jinja2.CacheExtension"
LOCMEM = "framework.core.cache.backends.locmem.LocMemCache"


@pytest.fixture
def engine(settings):
    """A Jinja2 engine with the cache extension and fresh caches."""
    run = uuid.uuid4().hex
    settings.CACHES = {
        "default": {"BACKEND": LOCMEM, "LOCATION": f"frag-default-{run}"},
        "local": {"BACKEND": LOCMEM, "LOCATION": f"frag-local-{run}"},
    }
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [TEMPLATES_DIR],
            "OPTIONS": {"extensions": [EXTENSION]},
        }
    ]
    return engines.all()[0]


def test_fragment_key_format():
    """The key is template.cache.<name>.<md5 of the vary_on values joined with ':'>."""
    expected = hashlib.md5(b"alice:42:", usedforsecurity=False).hexdigest()
    assert make_template_fragment_key("sidebar", ["alice", 42]) == (
        f"template.cache.sidebar.{expected}"
    )
    empty = hashlib.md5(b"", usedforsecurity=False).hexdigest()
    assert make_template_fragment_key("footer") == f"template.cache.footer.{empty}"


def test_fragment_is_cached_per_vary_value(engine):
    """The block renders once per vary_on value; later renders reuse the stored HTML."""
    template = engine.get_template("fragment.html")
    first = template.render({"user": "alice", "count": 1})
    assert "<aside>alice 1</aside>" in first and "<footer>1</footer>" in first
    again = template.render({"user": "alice", "count": 2})
    assert "<aside>alice 1</aside>" in again and "<footer>1</footer>" in again
    bob = template.render({"user": "bob", "count": 3})
    assert "<aside>bob 3</aside>" in bob
    stored = caches["default"].get(make_template_fragment_key("sidebar", ["alice"]))
    assert stored == (True, "<aside>alice 1</aside>")


def test_deleting_the_key_refreshes_the_fragment(engine):
    """cache.delete(make_template_fragment_key(...)) makes the block render again."""
    template = engine.get_template("fragment.html")
    template.render({"user": "alice", "count": 1})
    caches["default"].delete(make_template_fragment_key("sidebar", ["alice"]))
    assert "<aside>alice 2</aside>" in template.render({"user": "alice", "count": 2})


def test_autoescape_survives_the_cache(engine):
    """Escaped output stays escaped, and is not escaped twice, when read from the cache."""
    template = engine.from_string('{% cache 60, "esc", v %}<b>{{ v }}</b>{% endcache %}')
    first = template.render({"v": "<i>"})
    assert first == "<b>&lt;i&gt;</b>"
    assert template.render({"v": "<i>"}) == first


def test_using_names_the_cache(engine):
    """using="alias" stores the fragment in that cache."""
    template = engine.from_string('{% cache 60, "u", using="local" %}x{% endcache %}')
    template.render({})
    key = make_template_fragment_key("u")
    assert caches["local"].get(key) == (True, "x")
    assert caches["default"].get(key) is None


def test_template_fragments_alias_is_preferred(engine, settings):
    """A CACHES alias named template_fragments is used by default."""
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {"BACKEND": LOCMEM, "LOCATION": f"tf-{uuid.uuid4().hex}"},
    }
    template = engine.from_string('{% cache 60, "tf" %}y{% endcache %}')
    template.render({})
    assert caches["template_fragments"].get(make_template_fragment_key("tf")) == (True, "y")


def test_bad_timeout_and_alias(engine):
    """A non-integer timeout or unknown alias fails naming the culprit."""
    bad_timeout = engine.from_string('{% cache "soon", "x" %}x{% endcache %}')
    with pytest.raises(jinja2.TemplateRuntimeError, match="'soon'"):
        bad_timeout.render({})
    bad_alias = engine.from_string('{% cache 1, "x", using="nope" %}x{% endcache %}')
    with pytest.raises(jinja2.TemplateRuntimeError, match="'nope'"):
        bad_alias.render({})


def test_too_few_arguments_is_a_syntax_error():
    """{% cache 60 %} without a name is refused when the template is compiled."""
    env = jinja2.Environment(extensions=[EXTENSION])
    with pytest.raises(jinja2.TemplateSyntaxError, match="at least 2 arguments"):
        env.from_string("{% cache 60 %}x{% endcache %}")
