"""Forms: ``Form``, fields, widgets and their Jinja2 rendering (Django's ``django.forms``).

Declare fields on a ``Form`` subclass, bind it to ``request.POST``, call
``is_valid()`` and read ``cleaned_data``; render with ``{{ form }}``
(``as_div``), ``as_p()``, ``as_table()`` or field by field.
"""

from framework.core.exceptions import ValidationError as ValidationError
from framework.forms.boundfield import BoundField as BoundField
from framework.forms.boundfield import BoundWidget as BoundWidget
from framework.forms.fields import *  # noqa: F403
from framework.forms.fields import __all__ as _fields_all
from framework.forms.forms import BaseForm as BaseForm
from framework.forms.forms import Form as Form
from framework.forms.formsets import BaseFormSet as BaseFormSet
from framework.forms.formsets import all_valid as all_valid
from framework.forms.formsets import formset_factory as formset_factory
from framework.forms.widgets import *  # noqa: F403
from framework.forms.widgets import __all__ as _widgets_all

__all__ = [
    "BaseForm",
    "BaseFormSet",
    "BoundField",
    "BoundWidget",
    "Form",
    "ValidationError",
    "all_valid",
    "formset_factory",
    *_fields_all,
    *_widgets_all,
]
