"""A project-style environment factory."""

import jinja2


def environment(**options):
    env = jinja2.Environment(**options)
    env.globals.update(shout=str.upper, static="project static")
    return env
