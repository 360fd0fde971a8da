"""Serialisers; ``framework.core.serializers.json`` has the JSON encoder."""

from framework.core.serializers.json import DjangoJSONEncoder as DjangoJSONEncoder
from framework.core.serializers.json import FrameworkJSONEncoder as FrameworkJSONEncoder
