"""The template benchmark's Django side: the same 100-row page through Django 5.2's Jinja2
backend and through its own template language.

    bench/.venv/bin/python bench/template_django.py [--rounds N] [--number N]

Run by bench/template_bench.py in bench/.venv (the only place Django is installed); prints
one JSON object: label -> microseconds of CPU time per render (best of the rounds).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from template_bench import PAGE, rows  # noqa: E402

DTL_PAGE = """{% load static %}<!doctype html>
<html><head><title>{{ title }}</title>
<link rel="stylesheet" href="{% static 'css/site.css' %}"></head>
<body><h1>{{ title }}</h1>
<table>
{% for row in rows %}
  <tr class="{% cycle 'odd' 'even' %}">
    <td>{{ row.id }}</td>
    <td><a href="{% url 'article' row.year row.slug %}">{{ row.title }}</a></td>
    <td>{{ row.author }}</td>
    <td>{{ row.comments }} comment{{ row.comments|pluralize }}</td>
  </tr>
{% endfor %}
</table>
{% csrf_token %}
</body></html>
"""

URLCONF_SOURCE = """
from django.urls import path

def view(request, **kwargs):
    return None

urlpatterns = [
    path("", view, name="home"),
    path("articles/<int:year>/<slug:slug>/", view, name="article"),
]
"""

# Django's Jinja2 backend has no url()/static() of its own: projects add them like this.
ENVIRONMENT_SOURCE = """
from django.templatetags.static import static
from django.template.defaultfilters import pluralize
from django.urls import reverse
from jinja2 import Environment


def url(name, *args):
    return reverse(name, args=args or None)


def environment(**options):
    env = Environment(**options)
    env.globals.update(url=url, static=static)
    env.filters["pluralize"] = pluralize
    return env
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--number", type=int, default=300)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="template-bench-django-"))
    (workdir / "jinja2").mkdir()
    (workdir / "jinja2" / "page.html").write_text(PAGE)
    (workdir / "dtl").mkdir()
    (workdir / "dtl" / "page.html").write_text(DTL_PAGE)
    (workdir / "bench_django_urls.py").write_text(URLCONF_SOURCE)
    (workdir / "bench_django_env.py").write_text(ENVIRONMENT_SOURCE)
    sys.path.insert(0, str(workdir))

    import django
    from django.conf import settings

    settings.configure(
        SECRET_KEY="bench",
        ROOT_URLCONF="bench_django_urls",
        STATIC_URL="/static/",
        INSTALLED_APPS=[],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.jinja2.Jinja2",
                "DIRS": [str(workdir / "jinja2")],
                "OPTIONS": {"environment": "bench_django_env.environment"},
            },
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [str(workdir / "dtl")],
                "OPTIONS": {"context_processors": []},
            },
        ],
    )
    django.setup()
    from django.http import HttpRequest
    from django.template import engines

    request = HttpRequest()
    request.META["CSRF_COOKIE"] = "x" * 32
    context = {"title": "Articles & <news>", "rows": rows()}
    cases = {
        "Django 5.2, its Jinja2 backend": engines["jinja2"].get_template("page.html"),
        "Django 5.2, its template language": engines["django"].get_template("page.html"),
    }
    results = {}
    for label, template in cases.items():
        page = template.render(context, request)
        assert page.count("<tr") == 100 and "&lt;" in page, page[:500]
        timer = timeit.Timer(lambda t=template: t.render(context, request), timer=time.process_time)
        best = min(timer.repeat(repeat=args.rounds, number=args.number)) / args.number
        results[label] = best * 1e6
    results["_versions"] = {"django": django.get_version()}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
