"""``sanitize_html``: keep a small allow-list of HTML in article bodies, drop everything else.

Article bodies are stored already sanitised (``Article.save()`` calls this), so templates
can mark them safe. nh3 (the Rust ammonia sanitiser) does the work when it is
installed; otherwise an allow-list sanitiser on the standard library's ``html.parser``
does, with the same allow-list: unknown tags are removed (their text kept), the
content of ``script``/``style``-like elements is removed with them, only listed
attributes survive, and links may only use http, https and mailto URLs.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

try:  # pragma: no cover - depends on what is installed
    import nh3
except ImportError:  # pragma: no cover
    nh3 = None

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption", "figure",
        "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "q", "s", "strong", "sub",
        "sup", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
}
# No "cite": nh3 does not check its URL scheme, and readers never see it anyway.
URL_ATTRIBUTES = frozenset({"href"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Elements whose content is code or markup, never text to keep.
DROP_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea",
     "title", "svg", "math", "select", "frame", "frameset", "noembed", "noframes", "xmp"}
)  # fmt: skip
VOID_TAGS = frozenset({"br", "hr"})

# Browsers ignore ASCII whitespace and control characters inside a URL's scheme
# ("java\tscript:"), so they must not hide one from the check either.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is relative or uses an allowed scheme (http, https, mailto)."""
    compact = _IGNORED_IN_SCHEME.sub("", url)
    match = _SCHEME.match(compact)
    if match is None:
        # No scheme: relative; but "&#106;avascript:" was decoded by the parser already,
        # and a colon before any / ? # would still be read as a scheme by browsers.
        head = re.split(r"[/?#]", compact, maxsplit=1)[0]
        return ":" not in head
    return match.group(1).lower() in URL_SCHEMES


class _AllowListParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED_TAGS:
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
        kept = []
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            if name in URL_ATTRIBUTES and not is_safe_url(value):
                continue
            kept.append(f' {name}="{escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in DROP_CONTENT:
            return
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.open and self.open[-1] == tag:
            self.open.pop()
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.open:
            return
        # Close what was left open inside it, so the output stays well nested.
        while self.open:
            name = self.open.pop()
            self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{name}>" for name in reversed(self.open))


def sanitize_with_parser(text: str) -> str:
    """Sanitise ``text`` with the standard-library allow-list parser."""
    parser = _AllowListParser()
    parser.feed(text)
    return parser.result()


def sanitize_with_nh3(text: str) -> str:
    """Sanitise ``text`` with nh3 and the same allow-list (ImportError without nh3)."""
    if nh3 is None:
        raise ImportError("nh3 is not installed: pip install nh3, or use sanitize_with_parser()")
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags=set(DROP_CONTENT),
        link_rel=None,
    )


def sanitize_html(text: str) -> str:
    """Return ``text`` with only the allowed tags, attributes and URL schemes left."""
    if not text:
        return ""
    if nh3 is not None:
        return sanitize_with_nh3(text)
    return sanitize_with_parser(text)
