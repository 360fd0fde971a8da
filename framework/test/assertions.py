"""The assertions of ``SimpleTestCase`` that need no database (a mixin of unittest.TestCase).

Responses, redirects, templates, forms, HTML, JSON and expected exceptions or
warnings, with Django's names, arguments and failure messages.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from framework.test.client_handler import record_templates
from framework.test.html import parse_html

__all__ = ["SimpleAssertionsMixin"]


def _prefix(msg_prefix: str) -> str:
    return f"{msg_prefix}: " if msg_prefix else ""


def _parse(html: str, which: str) -> Any:
    try:
        return parse_html(html)
    except ValueError as exc:
        raise AssertionError(f"{which} is not valid HTML: {exc}") from exc


def _normalise_url(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(parts.query, True)))
    return urlunsplit(parts._replace(query=query))


class SimpleAssertionsMixin:
    """Assertions on responses, templates, forms, HTML and JSON."""

    # -- responses --

    def _response_content(self, response: Any, text: Any, status_code: int, msg_prefix: str):
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        self.assertEqual(
            response.status_code,
            status_code,
            f"{_prefix(msg_prefix)}Couldn't retrieve content: Response code was "
            f"{response.status_code} (expected {status_code})",
        )
        if response.streaming:
            content = b"".join(response.streaming_content)
            response.streaming_content = [content]
        else:
            content = response.content
        charset = getattr(response, "charset", None) or "utf-8"
        if isinstance(text, bytes):
            text = text.decode(charset)
        return content.decode(charset), str(text)

    def _count_in(self, content: str, text: str, html: bool) -> int:
        if html:
            return _parse(content, "Response's content").count(_parse(text, "Second argument"))
        return content.count(text)

    def assertContains(  # noqa: N802 - unittest naming
        self,
        response: Any,
        text: Any,
        count: int | None = None,
        status_code: int = 200,
        msg_prefix: str = "",
        html: bool = False,
    ) -> None:
        """Assert the response has ``status_code`` and ``text`` in its content
        (exactly ``count`` times if given; compared as HTML if ``html``)."""
        content, text = self._response_content(response, text, status_code, msg_prefix)
        real = self._count_in(content, text, html)
        if count is not None:
            self.assertEqual(
                real,
                count,
                f"{_prefix(msg_prefix)}Found {real} instances of {text!r} in response "
                f"(expected {count})",
            )
        else:
            self.assertTrue(
                real != 0,
                f"{_prefix(msg_prefix)}Couldn't find {text!r} in the following response\n"
                f"{content!r}",
            )

    def assertNotContains(  # noqa: N802
        self,
        response: Any,
        text: Any,
        status_code: int = 200,
        msg_prefix: str = "",
        html: bool = False,
    ) -> None:
        """Assert the response has ``status_code`` and does not contain ``text``."""
        content, text = self._response_content(response, text, status_code, msg_prefix)
        self.assertEqual(
            self._count_in(content, text, html),
            0,
            f"{_prefix(msg_prefix)}{text!r} unexpectedly found in the following response\n"
            f"{content!r}",
        )

    def assertRedirects(  # noqa: N802
        self,
        response: Any,
        expected_url: str,
        status_code: int = 302,
        target_status_code: int = 200,
        msg_prefix: str = "",
        fetch_redirect_response: bool = True,
    ) -> None:
        """Assert the response redirected (``status_code``) to ``expected_url`` and
        that this URL answered with ``target_status_code``."""
        prefix = _prefix(msg_prefix)
        if hasattr(response, "redirect_chain"):
            self.assertTrue(
                response.redirect_chain,
                f"{prefix}Response didn't redirect as expected: Response code was "
                f"{response.status_code} (expected {status_code})",
            )
            self.assertEqual(
                response.redirect_chain[0][1],
                status_code,
                f"{prefix}Initial response didn't redirect as expected: Response code was "
                f"{response.redirect_chain[0][1]} (expected {status_code})",
            )
            url, status_code = response.redirect_chain[-1]
            self.assertEqual(
                response.status_code,
                target_status_code,
                f"{prefix}Response didn't redirect as expected: Final Response code was "
                f"{response.status_code} (expected {target_status_code})",
            )
        else:
            self.assertEqual(
                response.status_code,
                status_code,
                f"{prefix}Response didn't redirect as expected: Response code was "
                f"{response.status_code} (expected {status_code})",
            )
            url = response.url
            parts = urlsplit(url)
            if fetch_redirect_response:
                if parts.netloc and parts.netloc not in ("testserver", "testserver:80"):
                    raise ValueError(
                        f"The test client is unable to fetch remote URLs (got {url}). If the "
                        f"host is served by the project, add it to ALLOWED_HOSTS. Otherwise, "
                        f"use assertRedirects(..., fetch_redirect_response=False)."
                    )
                path = parts.path
                if not path.startswith("/"):
                    from urllib.parse import urljoin

                    path = urljoin(response.request["PATH_INFO"], path)
                target = response.client.get(
                    path, query_params=dict(parse_qsl(parts.query)), secure=parts.scheme == "https"
                )
                self.assertEqual(
                    target.status_code,
                    target_status_code,
                    f"{prefix}Couldn't retrieve redirection page '{path}': response code was "
                    f"{target.status_code} (expected {target_status_code})",
                )
        self.assertURLEqual(
            url,
            expected_url,
            f"{prefix}Response redirected to '{url}', expected '{expected_url}'",
        )

    def assertURLEqual(self, url1: str, url2: str, msg_prefix: str = "") -> None:  # noqa: N802
        """Assert two URLs are the same, ignoring the order of query parameters."""
        self.assertEqual(
            _normalise_url(url1),
            _normalise_url(url2),
            f"{_prefix(msg_prefix)}Expected '{url1}' to equal '{url2}'.",
        )

    # -- templates --

    @contextlib.contextmanager
    def _templates_block(self, check: Any) -> Iterator[None]:
        with record_templates() as recorded:
            yield
        check(recorded.templates)

    def assertTemplateUsed(  # noqa: N802
        self,
        response: Any = None,
        template_name: str | None = None,
        msg_prefix: str = "",
        count: int | None = None,
    ) -> Any:
        """Assert ``template_name`` was rendered for the response (or, used as a context
        manager with only a name, inside the block); ``count`` times if given."""
        if template_name is None and isinstance(response, str):
            name = response
            return self._templates_block(
                lambda templates: self._check_used(templates, name, msg_prefix, count)
            )
        if template_name is None:
            raise TypeError("response and/or template_name argument must be provided")
        self._check_used(response.templates, template_name, msg_prefix, count)
        return None

    def _check_used(self, templates: list, name: str, msg_prefix: str, count: int | None):
        prefix = _prefix(msg_prefix)
        names = [t.name for t in templates if t.name is not None]
        if not names:
            self.fail(f"{prefix}No templates used to render the response")
        self.assertIn(
            name,
            names,
            f"{prefix}Template '{name}' was not a template used to render the response. "
            f"Actual template(s) used: {', '.join(names)}",
        )
        if count is not None:
            self.assertEqual(
                names.count(name),
                count,
                f"{prefix}Template '{name}' was expected to be rendered {count} time(s) but "
                f"was actually rendered {names.count(name)} time(s).",
            )

    def assertTemplateNotUsed(  # noqa: N802
        self, response: Any = None, template_name: str | None = None, msg_prefix: str = ""
    ) -> Any:
        """Assert ``template_name`` was not rendered (also usable as a context manager)."""
        if template_name is None and isinstance(response, str):
            name = response
            return self._templates_block(
                lambda templates: self._check_not_used(templates, name, msg_prefix)
            )
        if template_name is None:
            raise TypeError("response and/or template_name argument must be provided")
        self._check_not_used(response.templates, template_name, msg_prefix)
        return None

    def _check_not_used(self, templates: list, name: str, msg_prefix: str) -> None:
        names = [t.name for t in templates]
        self.assertFalse(
            name in names,
            f"{_prefix(msg_prefix)}Template '{name}' was used unexpectedly in rendering the "
            f"response",
        )

    # -- forms --

    def _field_errors(self, form: Any, field: str | None, label: str) -> list:
        if not form.is_bound:
            self.fail(f"The {label} is not bound, it will never have any errors.")
        if field is None:
            return list(form.non_field_errors())
        if field not in form.fields:
            self.fail(f"The {label} does not contain the field {field!r}.")
        return list(form.errors.get(field, []))

    def assertFormError(  # noqa: N802
        self, form: Any, field: str | None, errors: Any, msg_prefix: str = ""
    ) -> None:
        """Assert ``form``'s errors on ``field`` (None: non-field errors) equal ``errors``."""
        errors = [errors] if isinstance(errors, str) else list(errors)
        label = f"form {form!r}"
        actual = self._field_errors(form, field, label)
        what = "non-field errors" if field is None else f"errors of field {field!r}"
        self.assertEqual(actual, errors, f"{_prefix(msg_prefix)}The {what} on {label} don't match.")

    def assertFormSetError(  # noqa: N802
        self,
        formset: Any,
        form_index: int | None,
        field: str | None,
        errors: Any,
        msg_prefix: str = "",
    ) -> None:
        """Assert the errors of form ``form_index`` of ``formset`` on ``field`` (None
        for both: the formset's non-form errors) equal ``errors``."""
        errors = [errors] if isinstance(errors, str) else list(errors)
        prefix = _prefix(msg_prefix)
        if form_index is None:
            if field is not None:
                raise ValueError("You must use field=None with form_index=None.")
            if not formset.is_bound:
                self.fail(f"The formset {formset!r} is not bound, it will never have any errors.")
            self.assertEqual(
                list(formset.non_form_errors()),
                errors,
                f"{prefix}The non-form errors of formset {formset!r} don't match.",
            )
            return
        if form_index >= len(formset.forms):
            self.fail(
                f"{prefix}The formset {formset!r} only has {len(formset.forms)} forms "
                f"(index {form_index} requested)."
            )
        form = formset.forms[form_index]
        label = f"form {form_index} of formset {formset!r}"
        actual = self._field_errors(form, field, label)
        what = "non-field errors" if field is None else f"errors of field {field!r}"
        self.assertEqual(actual, errors, f"{prefix}The {what} on {label} don't match.")

    # -- HTML and JSON --

    def assertHTMLEqual(self, html1: str, html2: str, msg: str | None = None) -> None:  # noqa: N802
        """Assert two HTML snippets are semantically equal (see framework.test.html)."""
        dom1 = _parse(html1, "First argument")
        dom2 = _parse(html2, "Second argument")
        if dom1 != dom2:
            self.fail(self._formatMessage(msg, f"{dom1!s} != {dom2!s}"))

    def assertHTMLNotEqual(self, html1: str, html2: str, msg: str | None = None) -> None:  # noqa: N802
        """Assert two HTML snippets are not semantically equal."""
        dom1 = _parse(html1, "First argument")
        dom2 = _parse(html2, "Second argument")
        if dom1 == dom2:
            self.fail(self._formatMessage(msg, f"{dom1!s} == {dom2!s}"))

    def assertInHTML(  # noqa: N802
        self, needle: str, haystack: str, count: int | None = None, msg_prefix: str = ""
    ) -> None:
        """Assert the HTML ``needle`` occurs in ``haystack`` (``count`` times if given)."""
        needle_dom = _parse(needle, "First argument")
        haystack_dom = _parse(haystack, "Second argument")
        real = haystack_dom.count(needle_dom)
        prefix = _prefix(msg_prefix)
        if count is not None:
            self.assertEqual(
                real,
                count,
                f"{prefix}Found {real} instances of {needle!r} (expected {count}) in the "
                f"following response\n{haystack!r}",
            )
        else:
            self.assertTrue(
                real != 0,
                f"{prefix}Couldn't find {needle!r} in the following response\n{haystack!r}",
            )

    def assertNotInHTML(self, needle: str, haystack: str, msg_prefix: str = "") -> None:  # noqa: N802
        """Assert the HTML ``needle`` does not occur in ``haystack``."""
        self.assertInHTML(needle, haystack, count=0, msg_prefix=msg_prefix)

    def assertJSONEqual(self, raw: Any, expected_data: Any, msg: str | None = None) -> None:  # noqa: N802
        """Assert the JSON text ``raw`` decodes to ``expected_data`` (JSON text or data)."""
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            self.fail(f"First argument is not valid JSON: {raw!r}")
        if isinstance(expected_data, str):
            try:
                expected_data = json.loads(expected_data)
            except ValueError:
                self.fail(f"Second argument is not valid JSON: {expected_data!r}")
        self.assertEqual(data, expected_data, msg=msg)

    def assertJSONNotEqual(self, raw: Any, expected_data: Any, msg: str | None = None) -> None:  # noqa: N802
        """Assert the JSON text ``raw`` does not decode to ``expected_data``."""
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            self.fail(f"First argument is not valid JSON: {raw!r}")
        if isinstance(expected_data, str):
            expected_data = json.loads(expected_data)
        self.assertNotEqual(data, expected_data, msg=msg)

    # -- exceptions and warnings --

    def assertRaisesMessage(  # noqa: N802
        self, expected_exception: type, expected_message: str, *args: Any, **kwargs: Any
    ) -> Any:
        """Like assertRaises, and the exception's message must contain ``expected_message``;
        used as a context manager without a callable."""
        return self._assert_message(
            self.assertRaises, expected_exception, expected_message, args, kwargs
        )

    def assertWarnsMessage(  # noqa: N802
        self, expected_warning: type, expected_message: str, *args: Any, **kwargs: Any
    ) -> Any:
        """Like assertWarns, and the warning's message must contain ``expected_message``."""
        return self._assert_message(
            self.assertWarns, expected_warning, expected_message, args, kwargs
        )

    def _assert_message(self, assert_func, expected, message, args, kwargs):
        @contextlib.contextmanager
        def block():
            with assert_func(expected) as cm:
                yield cm
            caught = getattr(cm, "exception", None) or getattr(cm, "warning", None)
            self.assertIn(message, str(caught))

        if args:
            func, *rest = args
            with block():
                func(*rest, **kwargs)
            return None
        return block()
