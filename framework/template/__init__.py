"""The template layer: Jinja2 engines configured by ``TEMPLATES``.

``engines`` holds the configured engines; ``framework.template.loader`` has
``get_template``, ``select_template`` and ``render_to_string``;
``framework.template.response`` has ``TemplateResponse``.
"""

from framework.template.exceptions import TemplateDoesNotExist as TemplateDoesNotExist
from framework.template.exceptions import TemplateSyntaxError as TemplateSyntaxError
from framework.template.utils import EngineHandler as EngineHandler
from framework.template.utils import engines as engines
