"""Models: ``from framework.db import models`` gives Django's model API."""

from framework.core.exceptions import ObjectDoesNotExist as ObjectDoesNotExist
from framework.db.models import checks as checks
from framework.db.models import signals as signals
from framework.db.models.aggregates import Aggregate as Aggregate
from framework.db.models.aggregates import Avg as Avg
from framework.db.models.aggregates import Count as Count
from framework.db.models.aggregates import Max as Max
from framework.db.models.aggregates import Min as Min
from framework.db.models.aggregates import StdDev as StdDev
from framework.db.models.aggregates import Sum as Sum
from framework.db.models.aggregates import Variance as Variance
from framework.db.models.base import DEFERRED as DEFERRED
from framework.db.models.base import Model as Model
from framework.db.models.base import ModelBase as ModelBase
from framework.db.models.base import ModelState as ModelState
from framework.db.models.constants import LOOKUP_SEP as LOOKUP_SEP
from framework.db.models.deletion import CASCADE as CASCADE
from framework.db.models.deletion import DO_NOTHING as DO_NOTHING
from framework.db.models.deletion import PROTECT as PROTECT
from framework.db.models.deletion import RESTRICT as RESTRICT
from framework.db.models.deletion import SET as SET
from framework.db.models.deletion import SET_DEFAULT as SET_DEFAULT
from framework.db.models.deletion import SET_NULL as SET_NULL
from framework.db.models.deletion import ProtectedError as ProtectedError
from framework.db.models.deletion import RestrictedError as RestrictedError
from framework.db.models.expressions import Case as Case
from framework.db.models.expressions import Col as Col
from framework.db.models.expressions import Exists as Exists
from framework.db.models.expressions import Expression as Expression
from framework.db.models.expressions import ExpressionList as ExpressionList
from framework.db.models.expressions import ExpressionWrapper as ExpressionWrapper
from framework.db.models.expressions import F as F
from framework.db.models.expressions import Func as Func
from framework.db.models.expressions import OrderBy as OrderBy
from framework.db.models.expressions import OuterRef as OuterRef
from framework.db.models.expressions import RawSQL as RawSQL
from framework.db.models.expressions import RowRange as RowRange
from framework.db.models.expressions import Subquery as Subquery
from framework.db.models.expressions import Value as Value
from framework.db.models.expressions import ValueRange as ValueRange
from framework.db.models.expressions import When as When
from framework.db.models.expressions import Window as Window
from framework.db.models.expressions import WindowFrame as WindowFrame
from framework.db.models.fields import *  # noqa: F403 - the field classes
from framework.db.models.fields import NOT_PROVIDED as NOT_PROVIDED
from framework.db.models.fields import Field as Field
from framework.db.models.fields.related import ForeignKey as ForeignKey
from framework.db.models.fields.related import ManyToManyField as ManyToManyField
from framework.db.models.fields.related import OneToOneField as OneToOneField
from framework.db.models.fields.reverse_related import ManyToManyRel as ManyToManyRel
from framework.db.models.fields.reverse_related import ManyToOneRel as ManyToOneRel
from framework.db.models.fields.reverse_related import OneToOneRel as OneToOneRel
from framework.db.models.functions import datetime as _datetime_functions  # noqa: F401
from framework.db.models.functions import text as _text_functions  # noqa: F401
from framework.db.models.indexes import Index as Index
from framework.db.models.lookups import Lookup as Lookup
from framework.db.models.lookups import Transform as Transform
from framework.db.models.manager import BaseManager as BaseManager
from framework.db.models.manager import Manager as Manager
from framework.db.models.query import Prefetch as Prefetch
from framework.db.models.query import QuerySet as QuerySet
from framework.db.models.query import prefetch_related_objects as prefetch_related_objects
from framework.db.models.query_utils import FilteredRelation as FilteredRelation
from framework.db.models.query_utils import Q as Q
from framework.utils.deferred import module_getattr

# Served on first access (PEP 562): constraints, choices enums, file and JSON fields
# cost about 0.25 MiB per process and a project's models may use none of them.
__getattr__ = module_getattr(
    __name__,
    globals(),
    {
        "BaseConstraint": "framework.db.models.constraints",
        "CheckConstraint": "framework.db.models.constraints",
        "Deferrable": "framework.db.models.constraints",
        "UniqueConstraint": "framework.db.models.constraints",
        "Choices": "framework.db.models.enums",
        "IntegerChoices": "framework.db.models.enums",
        "TextChoices": "framework.db.models.enums",
        "FieldFile": "framework.db.models.fields.files",
        "FileField": "framework.db.models.fields.files",
        "FilePathField": "framework.db.models.fields.files",
        "ImageField": "framework.db.models.fields.files",
        "JSONField": "framework.db.models.fields.json",
    },
)
