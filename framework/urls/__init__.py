"""URL routing, as ``django.urls``.

A URLconf module lists ``urlpatterns`` built with ``path()``/``re_path()``, nesting
others with ``include()``. ``resolve()`` maps a path to a view (``ResolverMatch``),
``reverse()`` maps a name back to a URL. Each resolver indexes its patterns once
(see ``framework.urls.dispatch``), so resolution does not try every pattern.
"""

from framework.urls import _signals  # noqa: F401 - connects the ROOT_URLCONF receiver
from framework.urls.base import clear_script_prefix as clear_script_prefix
from framework.urls.base import clear_url_caches as clear_url_caches
from framework.urls.base import get_script_prefix as get_script_prefix
from framework.urls.base import get_urlconf as get_urlconf
from framework.urls.base import is_valid_path as is_valid_path
from framework.urls.base import resolve as resolve
from framework.urls.base import reverse as reverse
from framework.urls.base import reverse_lazy as reverse_lazy
from framework.urls.base import set_script_prefix as set_script_prefix
from framework.urls.base import set_urlconf as set_urlconf
from framework.urls.conf import include as include
from framework.urls.conf import path as path
from framework.urls.conf import re_path as re_path
from framework.urls.converters import register_converter as register_converter
from framework.urls.exceptions import NoReverseMatch as NoReverseMatch
from framework.urls.exceptions import Resolver404 as Resolver404
from framework.urls.resolvers import ResolverMatch as ResolverMatch
from framework.urls.resolvers import URLPattern as URLPattern
from framework.urls.resolvers import URLResolver as URLResolver
from framework.urls.resolvers import get_ns_resolver as get_ns_resolver
from framework.urls.resolvers import get_resolver as get_resolver
from framework.urls.utils import get_callable as get_callable
from framework.urls.utils import get_mod_func as get_mod_func
