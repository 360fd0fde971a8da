"""Model field classes (``framework.db.models.CharField`` ...)."""

from framework.db.models.fields.base import BLANK_CHOICE_DASH as BLANK_CHOICE_DASH
from framework.db.models.fields.base import NOT_PROVIDED as NOT_PROVIDED
from framework.db.models.fields.base import Field as Field
from framework.db.models.fields.misc import BinaryField as BinaryField
from framework.db.models.fields.misc import UUIDField as UUIDField
from framework.db.models.fields.numeric import AutoField as AutoField
from framework.db.models.fields.numeric import AutoFieldMixin as AutoFieldMixin
from framework.db.models.fields.numeric import BigAutoField as BigAutoField
from framework.db.models.fields.numeric import BigIntegerField as BigIntegerField
from framework.db.models.fields.numeric import BooleanField as BooleanField
from framework.db.models.fields.numeric import DecimalField as DecimalField
from framework.db.models.fields.numeric import FloatField as FloatField
from framework.db.models.fields.numeric import IntegerField as IntegerField
from framework.db.models.fields.numeric import (
    PositiveBigIntegerField as PositiveBigIntegerField,
)
from framework.db.models.fields.numeric import PositiveIntegerField as PositiveIntegerField
from framework.db.models.fields.numeric import (
    PositiveSmallIntegerField as PositiveSmallIntegerField,
)
from framework.db.models.fields.numeric import SmallAutoField as SmallAutoField
from framework.db.models.fields.numeric import SmallIntegerField as SmallIntegerField
from framework.db.models.fields.temporal import DateField as DateField
from framework.db.models.fields.temporal import DateTimeField as DateTimeField
from framework.db.models.fields.temporal import DurationField as DurationField
from framework.db.models.fields.temporal import TimeField as TimeField
from framework.db.models.fields.text import CharField as CharField
from framework.db.models.fields.text import EmailField as EmailField
from framework.db.models.fields.text import GenericIPAddressField as GenericIPAddressField
from framework.db.models.fields.text import SlugField as SlugField
from framework.db.models.fields.text import TextField as TextField
from framework.db.models.fields.text import URLField as URLField
