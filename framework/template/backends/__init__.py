"""Template engines. The framework ships one: ``framework.template.backends.jinja2.Jinja2``."""
