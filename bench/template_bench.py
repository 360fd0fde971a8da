"""Template rendering benchmark: a 100-row page through the framework's Jinja2 backend,
plain Jinja2, and Django 5.2 (its Jinja2 backend and its own template language), in one run.

    .venv/bin/python bench/template_bench.py [--rounds N] [--number N] [--no-django]

Prints microseconds of CPU time per render (best of several rounds) and the ratio to plain
Jinja2. The page has a loop of 100 rows, autoescaped values with HTML in them, a filter and
a ``url()`` call per row. The Django side runs bench/template_django.py in bench/.venv (built
by bench/run.py or scripts/bench), the only place Django is installed. Not collected by
pytest (no test_ prefix).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

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


def rows() -> list[dict]:
    """The page's 100 rows, with characters to escape in them."""
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
    parser.add_argument("--no-django", action="store_true", help="skip the Django side")
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
    context = {"title": "Articles & <news>", "rows": rows()}

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
        timer = timeit.Timer(func, timer=time.process_time)
        best = min(timer.repeat(repeat=args.rounds, number=args.number)) / args.number
        results[label] = best * 1e6
    baseline = results[cases[-1][0]]
    versions = f"Python {sys.version.split()[0]}, Jinja2 {jinja2.__version__}"
    if not args.no_django:
        django, version = _django_side(args.rounds, args.number)
        results.update(django)
        versions += f", Django {version}" if version else ""
    print(f"{versions}, pid {os.getpid()}; CPU time per render, best of {args.rounds} rounds")
    for label, micros in results.items():
        if micros is None:
            print(f"{label:45s}  not measured")
            continue
        print(f"{label:45s} {micros:8.1f} µs/render  x{micros / baseline:5.2f}")


def _django_side(rounds: int, number: int) -> tuple[dict[str, float | None], str]:
    """Django's renders of the same page, measured in bench/.venv; (results, Django version)."""
    python = BENCH / ".venv" / "bin" / "python"
    if not python.exists():
        return {"Django 5.2 (run scripts/bench once to build bench/.venv)": None}, ""
    result = subprocess.run(
        [str(python), str(BENCH / "template_django.py"), "--rounds", str(rounds)]
        + ["--number", str(number)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return {f"Django 5.2 failed: {result.stderr.strip().splitlines()[-1]}": None}, ""
    found = json.loads(result.stdout)
    version = found.pop("_versions")["django"]
    return found, version


if __name__ == "__main__":
    main()
