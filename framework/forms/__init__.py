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
from framework.forms.model_choice import ModelChoiceField as ModelChoiceField
from framework.forms.model_choice import ModelChoiceIterator as ModelChoiceIterator
from framework.forms.model_choice import ModelChoiceIteratorValue as ModelChoiceIteratorValue
from framework.forms.model_choice import ModelMultipleChoiceField as ModelMultipleChoiceField
from framework.forms.model_formsets import BaseInlineFormSet as BaseInlineFormSet
from framework.forms.model_formsets import BaseModelFormSet as BaseModelFormSet
from framework.forms.model_formsets import InlineForeignKeyField as InlineForeignKeyField
from framework.forms.model_formsets import inlineformset_factory as inlineformset_factory
from framework.forms.model_formsets import modelformset_factory as modelformset_factory
from framework.forms.models import BaseModelForm as BaseModelForm
from framework.forms.models import ModelForm as ModelForm
from framework.forms.models import fields_for_model as fields_for_model
from framework.forms.models import model_to_dict as model_to_dict
from framework.forms.models import modelform_factory as modelform_factory
from framework.forms.multivalue import MultiValueField as MultiValueField
from framework.forms.multivalue import MultiWidget as MultiWidget
from framework.forms.multivalue import SplitDateTimeField as SplitDateTimeField
from framework.forms.multivalue import SplitDateTimeWidget as SplitDateTimeWidget
from framework.forms.multivalue import SplitHiddenDateTimeWidget as SplitHiddenDateTimeWidget
from framework.forms.widgets import *  # noqa: F403
from framework.forms.widgets import __all__ as _widgets_all

__all__ = [
    "BaseForm",
    "BaseFormSet",
    "BaseInlineFormSet",
    "BaseModelForm",
    "BaseModelFormSet",
    "InlineForeignKeyField",
    "ModelChoiceField",
    "ModelChoiceIterator",
    "ModelChoiceIteratorValue",
    "ModelForm",
    "ModelMultipleChoiceField",
    "MultiValueField",
    "MultiWidget",
    "SplitDateTimeField",
    "SplitDateTimeWidget",
    "SplitHiddenDateTimeWidget",
    "fields_for_model",
    "inlineformset_factory",
    "model_to_dict",
    "modelform_factory",
    "modelformset_factory",
    "BoundField",
    "BoundWidget",
    "Form",
    "ValidationError",
    "all_valid",
    "formset_factory",
    *_fields_all,
    *_widgets_all,
]
