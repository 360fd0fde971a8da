"""``JsonResponse``: serialise data to JSON with ``FrameworkJSONEncoder``."""

from __future__ import annotations

import json
from typing import Any

from framework.core.serializers.json import FrameworkJSONEncoder
from framework.http.response import HttpResponse

# Encoders keep no state between calls: one instance serves every thread.
_DEFAULT_ENCODER = FrameworkJSONEncoder()


class JsonResponse(HttpResponse):
    """An ``application/json`` response holding ``json.dumps(data)``.

    With ``safe=True`` (the default) only dicts are accepted: a top-level array
    is refused so that a list is never sent by mistake. ``json_dumps_params`` are
    passed to ``json.dumps``.
    """

    def __init__(
        self,
        data: Any,
        encoder: type[json.JSONEncoder] = FrameworkJSONEncoder,
        safe: bool = True,
        json_dumps_params: dict | None = None,
        **kwargs: Any,
    ):
        if safe and not isinstance(data, dict):
            raise TypeError(
                "In order to allow non-dict objects to be serialized set the safe parameter "
                f"to False (got {type(data).__name__})."
            )
        kwargs.setdefault("content_type", "application/json")
        if encoder is FrameworkJSONEncoder and not json_dumps_params:
            # What json.dumps(data, cls=encoder) does, without building an encoder per call.
            data = _DEFAULT_ENCODER.encode(data)
        else:
            data = json.dumps(data, cls=encoder, **(json_dumps_params or {}))
        super().__init__(content=data, **kwargs)
