"""``Choices``, ``TextChoices``, ``IntegerChoices``: enums that carry a label."""

from __future__ import annotations

import enum
from typing import Any

__all__ = ["Choices", "IntegerChoices", "TextChoices"]


class ChoicesType(enum.EnumMeta):
    """Metaclass reading ``NAME = value, "label"`` members."""

    def __new__(metacls, classname, bases, classdict, **kwds):
        labels = []
        for key in classdict._member_names:
            value = classdict[key]
            if isinstance(value, (list, tuple)) and len(value) > 1 and isinstance(value[-1], str):
                *value, label = value
                value = tuple(value)
            else:
                label = key.replace("_", " ").title()
            labels.append(label)
            dict.__setitem__(classdict, key, value)
        cls = super().__new__(metacls, classname, bases, classdict, **kwds)
        for member, label in zip(cls.__members__.values(), labels):
            member._label_ = label
        return enum.unique(cls)

    @property
    def names(cls) -> list[str]:
        empty = ["__empty__"] if hasattr(cls, "__empty__") else []
        return empty + [member.name for member in cls]

    @property
    def choices(cls) -> list[tuple[Any, str]]:
        empty = [(None, cls.__empty__)] if hasattr(cls, "__empty__") else []
        return empty + [(member.value, member.label) for member in cls]

    @property
    def labels(cls) -> list[str]:
        return [label for _, label in cls.choices]

    @property
    def values(cls) -> list[Any]:
        return [value for value, _ in cls.choices]

    def __contains__(cls, member: Any) -> bool:
        if not isinstance(member, enum.Enum):
            return any(x.value == member for x in cls)
        return super().__contains__(member)


class Choices(enum.Enum, metaclass=ChoicesType):
    """Base class for enumerated choices."""

    @enum.property
    def label(self) -> str:
        return self._label_

    @property
    def do_not_call_in_templates(self) -> bool:
        return True

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}.{self._name_}"


class IntegerChoices(int, Choices):
    """Integer choices: ``NAME = 1, "Label"``."""


class TextChoices(str, Choices):
    """Text choices: ``NAME = "value", "Label"`` (value defaults to the name)."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name
