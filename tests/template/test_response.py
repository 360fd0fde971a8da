"""SimpleTemplateResponse and TemplateResponse, alone and through the handler."""

from __future__ import annotations

import pickle

import pytest

from framework.core.handlers.base import BaseHandler
from framework.template.response import (
    ContentNotRenderedError,
    SimpleTemplateResponse,
    TemplateResponse,
)

from .conftest import BACKEND, DIRS_A


@pytest.fixture(autouse=True)
def templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": BACKEND,
            "DIRS": [DIRS_A],
            "OPTIONS": {"context_processors": ["tests.template.processors.site"]},
        }
    ]


def test_render_is_late_and_once():
    """Content is rendered by render(), once; later context changes don't re-render."""
    response = SimpleTemplateResponse("page.html", {"text": "one"})
    assert not response.is_rendered
    response.context_data["text"] = "two"
    assert response.render() is response
    assert response.is_rendered
    assert response.content == b"<p>two</p>"
    response.context_data["text"] = "three"
    response.render()
    assert response.content == b"<p>two</p>"


def test_rendered_content_does_not_set_content():
    """rendered_content renders without marking the response rendered."""
    response = SimpleTemplateResponse("page.html", {"text": "x"})
    assert response.rendered_content == "<p>x</p>"
    assert not response.is_rendered


def test_content_before_render_raises():
    """Reading, iterating or pickling unrendered content raises ContentNotRenderedError."""
    response = SimpleTemplateResponse("page.html", {})
    with pytest.raises(ContentNotRenderedError, match="accessed"):
        response.content  # noqa: B018
    with pytest.raises(ContentNotRenderedError, match="iterated"):
        iter(response)
    with pytest.raises(ContentNotRenderedError, match="pickled"):
        pickle.dumps(response)


def test_setting_content_counts_as_rendered():
    """Assigning content marks the response rendered."""
    response = SimpleTemplateResponse("page.html", {})
    response.content = b"manual"
    assert response.is_rendered
    assert response.render().content == b"manual"


def test_resolve_template_accepts_lists_and_objects():
    """A list of names tries each; a template object is used as is."""
    from framework.template.loader import get_template

    response = SimpleTemplateResponse(["absent.html", "page.html"], {"text": "a"})
    assert response.render().content == b"<p>a</p>"
    response = SimpleTemplateResponse(get_template("page.html"), {"text": "b"})
    assert response.render().content == b"<p>b</p>"


def test_post_render_callbacks():
    """Callbacks run after rendering, may replace the response, and run at once afterwards."""
    calls = []
    response = SimpleTemplateResponse("page.html", {"text": "a"})
    response.add_post_render_callback(lambda r: calls.append("first"))
    replacement = SimpleTemplateResponse("page.html", {})
    response.add_post_render_callback(lambda r: replacement)
    assert response.render() is replacement
    response.add_post_render_callback(lambda r: calls.append("late"))
    assert calls == ["first", "late"]


def test_pickle_after_render_drops_template_state():
    """A rendered response pickles without its template, context and callbacks."""
    response = SimpleTemplateResponse("page.html", {"text": "a"})
    response.render()
    restored = pickle.loads(pickle.dumps(response))
    assert restored.content == b"<p>a</p>"
    assert not hasattr(restored, "template_name")
    assert not hasattr(restored, "context_data")


def test_template_response_uses_request(rf):
    """TemplateResponse renders with the request: context processors and request apply."""
    response = TemplateResponse(rf(), "page.html", {})
    assert response.render().content == b"<p>from the processor</p>"


def test_status_content_type_headers():
    """Status, content type and headers are passed to the response."""
    response = SimpleTemplateResponse(
        "page.html", {}, content_type="text/plain", status=201, headers={"X-A": "1"}
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "text/plain"
    assert response["X-A"] == "1"


def test_process_template_response_middleware(settings, rf):
    """The handler calls process_template_response before rendering, then renders."""
    settings.ROOT_URLCONF = "tests.template.urls"
    settings.MIDDLEWARE = ["tests.template.middleware.ShoutingMiddleware"]
    handler = BaseHandler()
    handler.load_middleware()
    response = handler.get_response(rf("/templated/"))
    assert response.status_code == 200
    assert response.is_rendered
    assert response.content == b"<p>FROM THE VIEW</p>"
    assert response["X-Rendered-By"] == "shouting"
