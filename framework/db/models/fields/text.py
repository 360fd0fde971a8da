"""Text: char, text, slug, email, URL, IP address."""

from __future__ import annotations

from typing import Any

from framework.core import validators
from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field
from framework.utils.deferred import lazy_module
from framework.utils.functional import cached_property

# Only form views build form fields: the forms package is imported on first use.
forms = lazy_module("framework.forms")


class CharField(Field):
    """A string of at most ``max_length`` characters."""

    def get_internal_type(self) -> str:
        return "CharField"

    description = "String (up to %(max_length)s)"

    def __init__(self, *args, db_collation: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation

    @cached_property
    def validators(self):
        result = [*super().validators, validators.ProhibitNullCharactersValidator()]
        if self.max_length is not None:
            result.append(validators.MaxLengthValidator(self.max_length))
        return result

    def db_type(self, connection):
        if self.max_length is None:
            if connection.features.supports_unlimited_charfield:
                return "varchar" if connection.vendor == "postgresql" else "text"
            raise ValueError(f"CharField {self!s} requires max_length on {connection.vendor}.")
        return super().db_type(connection)

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        params["collation"] = self.db_collation
        return params

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return value
        return str(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return self.to_python(value) if not hasattr(value, "resolve_expression") else value

    def formfield(self, **kwargs):
        defaults: dict[str, Any] = {"max_length": self.max_length}
        if self.null:
            defaults["empty_value"] = None
        return super().formfield(
            **{**defaults, "form_class": kwargs.pop("form_class", forms.CharField), **kwargs}
        )

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.db_collation:
            kwargs["db_collation"] = self.db_collation
        return name, path, args, kwargs


class TextField(Field):
    """Unlimited text."""

    def get_internal_type(self) -> str:
        return "TextField"

    description = "Text"

    def __init__(self, *args, db_collation: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db_collation = db_collation

    @cached_property
    def validators(self):
        return [*super().validators, validators.ProhibitNullCharactersValidator()]

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        params["collation"] = self.db_collation
        return params

    def to_python(self, value):
        if isinstance(value, str) or value is None:
            return value
        return str(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return self.to_python(value) if not hasattr(value, "resolve_expression") else value

    def formfield(self, **kwargs):
        defaults = {"max_length": self.max_length, "widget": forms.Textarea}
        return super().formfield(**{**defaults, **kwargs})


class SlugField(CharField):
    """Letters, digits, underscores and hyphens; indexed by default."""

    def get_internal_type(self) -> str:
        return "SlugField"

    description = "Slug (up to %(max_length)s)"

    def __init__(self, *args, max_length=50, db_index=True, allow_unicode=False, **kwargs):
        self.allow_unicode = allow_unicode
        if self.allow_unicode:
            self.default_validators = [validators.validate_unicode_slug]
        else:
            self.default_validators = [validators.validate_slug]
        super().__init__(*args, max_length=max_length, db_index=db_index, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 50:
            del kwargs["max_length"]
        if self.db_index is False:
            kwargs["db_index"] = False
        else:
            kwargs.pop("db_index", None)
        if self.allow_unicode:
            kwargs["allow_unicode"] = True
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": forms.SlugField, "allow_unicode": self.allow_unicode, **kwargs}
        )


class EmailField(CharField):
    """An email address (validated with EmailValidator)."""

    default_validators = [validators.validate_email]
    description = "Email address"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class URLField(CharField):
    """A URL (validated with URLValidator)."""

    default_validators = [validators.URLValidator()]
    description = "URL"

    def __init__(self, verbose_name=None, name=None, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(verbose_name, name, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.URLField, **kwargs})


class GenericIPAddressField(Field):
    """An IPv4 or IPv6 address, stored normalised."""

    def get_internal_type(self) -> str:
        return "GenericIPAddressField"

    empty_strings_allowed = False
    description = "IP address"
    default_error_messages = {}

    def __init__(
        self, verbose_name=None, name=None, protocol="both", unpack_ipv4=False, *args, **kwargs
    ):
        self.unpack_ipv4 = unpack_ipv4
        self.protocol = protocol
        self.default_validators = validators.ip_address_validators(protocol, unpack_ipv4)
        kwargs["max_length"] = 39
        super().__init__(verbose_name, name, *args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.unpack_ipv4 is not False:
            kwargs["unpack_ipv4"] = self.unpack_ipv4
        if self.protocol != "both":
            kwargs["protocol"] = self.protocol
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def to_python(self, value):
        import ipaddress

        if value is None:
            return None
        if not isinstance(value, str):
            value = str(value)
        value = value.strip()
        if ":" in value:
            try:
                addr = ipaddress.IPv6Address(value)
            except ValueError:
                raise ValidationError(
                    "Enter a valid IPv4 or IPv6 address.", code="invalid", params={"value": value}
                ) from None
            if self.unpack_ipv4 and addr.ipv4_mapped:
                return str(addr.ipv4_mapped)
            return str(addr)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        if value and ":" in value:
            try:
                return self.to_python(value)
            except ValidationError:
                pass
        return str(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return connection.ops.adapt_ipaddressfield_value(value)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        text = str(value)
        return text.split("/")[0] if text.endswith(("/32", "/128")) else text

    def formfield(self, **kwargs):
        return super().formfield(
            **{"protocol": self.protocol, "form_class": forms.GenericIPAddressField, **kwargs}
        )
