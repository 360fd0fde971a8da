"""Serialisers; ``framework.core.serializers.json`` has the JSON encoder."""

from framework.core.serializers.base import DeserializationError as DeserializationError
from framework.core.serializers.base import SerializationError as SerializationError
from framework.core.serializers.base import SerializerDoesNotExist as SerializerDoesNotExist
from framework.core.serializers.json import DjangoJSONEncoder as DjangoJSONEncoder
from framework.core.serializers.json import FrameworkJSONEncoder as FrameworkJSONEncoder
from framework.core.serializers.registry import deserialize as deserialize
from framework.core.serializers.registry import get_deserializer as get_deserializer
from framework.core.serializers.registry import (
    get_public_serializer_formats as get_public_serializer_formats,
)
from framework.core.serializers.registry import get_serializer as get_serializer
from framework.core.serializers.registry import get_serializer_formats as get_serializer_formats
from framework.core.serializers.registry import register_serializer as register_serializer
from framework.core.serializers.registry import serialize as serialize
from framework.core.serializers.registry import unregister_serializer as unregister_serializer
