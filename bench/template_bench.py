"""Template rendering benchmark: a 100-row page through the framework's Jinja2 backend
and through plain Jinja2, in the same process.

    .venv/bin/python bench/template_bench.py [--rounds N]

Prints microseconds per render (best of several rounds) and the ratio. The page
has a loop of 100 rows, autoescaped values with HTML in them, a filter and a
``url()`` call per row. Not collected by pytest (no test_ prefix).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGE = """<!doctype html>
<html><head><title>{{ title }}</title>
<link rel="stylesheet" href="{{ static('css/site.css') }}"></head>
<body><h1>{{ title }}</h1>
<table>
{% for row in rows %}
  <tr class="{{ loop.cycle('odd', 'even') }}">
    <td>{{ row.id }}</td>
    <td><a href="{{ url('article', row.year, row.slug) }}">{{ row.title }}</a></td>
    <td>{{ row.author }}</td>
    <td>{{ row.comments }} comment{{ row.comments|pluralize }}</td>
  </tr>
{% endfor %}
</table>
{{ csrf_input }}
</body></html>
"""

URLCONF_SOURCE = """
from framework.urls import path

def view(request, **kwargs):
    return None

urlpatterns = [
    path("", view, name="home"),
    path("articles/<int:year>/<slug:slug>/", view, name="article"),
]
"""


def _rows() -> list[dict]:
    return [
        {
            "id": i,
            "year": 2000 + i % 25,
            "slug": f"post-{i}",
            "title": f'Post <{i}> & "friends"',
            "author": f"O'Author {i}",
            "comments": i % 3,
        }
        for i in range(100)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--number", type=int, default=300)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="template-bench-"))
    (workdir / "page.html").write_text(PAGE)
    (workdir / "bench_urls.py").write_text(URLCONF_SOURCE)
    sys.path.insert(0, str(workdir))

    from framework.conf import settings

    settings.configure(
        SECRET_KEY="bench",
        ROOT_URLCONF="bench_urls",
        STATIC_URL="/static/",
        TEMPLATES=[
            {
                "BACKEND": "framework.template.backends.jinja2.Jinja2",
                "DIRS": [str(workdir)],
                "OPTIONS": {"context_processors": []},
            }
        ],
    )
    import framework

    framework.setup(set_prefix=False)

    import jinja2

    from framework.http.request import HttpRequest
    from framework.template.loader import get_template
    from framework.urls import reverse

    request = HttpRequest()
    request.META["CSRF_COOKIE"] = "x" * 32
    context = {"title": "Articles & <news>", "rows": _rows()}

    ours = get_template("page.html")

    def plain_env(url):
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(workdir)), autoescape=True, auto_reload=False
        )
        env.globals.update(
            url=url,
            static=lambda path: "/static/" + path,
            csrf_input=jinja2.filters.Markup(
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{"x" * 32}">'
            ),
        )
        env.filters["pluralize"] = lambda n, s="s": "" if n == 1 else s
        return env.get_template("page.html")

    plain_reverse = plain_env(lambda name, *a, **kw: reverse(name, args=a or None))
    plain_fstring = plain_env(lambda name, year, slug: f"/articles/{year}/{slug}/")

    assert ours.render(context, request).count("<tr") == 100
    cases = [
        ("framework backend (request, url(), csrf)", lambda: ours.render(context, request)),
        ("plain Jinja2 + framework reverse()", lambda: plain_reverse.render(context)),
        ("plain Jinja2 + f-string urls", lambda: plain_fstring.render(context)),
    ]
    results = {}
    for label, func in cases:
        timer = timeit.Timer(func)
        best = min(timer.repeat(repeat=args.rounds, number=args.number)) / args.number
        results[label] = best * 1e6
    baseline = results[cases[-1][0]]
    print(f"Python {sys.version.split()[0]}, Jinja2 {jinja2.__version__}, pid {os.getpid()}")
    for label, micros in results.items():
        print(f"{label:45s} {micros:8.1f} µs/render  x{micros / baseline:5.2f}")


if __name__ == "__main__":
    main()
