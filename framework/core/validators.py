"""Validators used by model and form fields (Django's ``django.core.validators``).

Every regular expression here runs in linear time: no nested quantifiers over
overlapping classes, and inputs are length-capped before matching.
"""

from __future__ import annotations

import ipaddress
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from framework.core.exceptions import ValidationError
from framework.utils.deferred import lazy_re_compile

EMPTY_VALUES = (None, "", [], (), {})


def _compile(regex: Any, flags: int = 0):
    # Compiled on first use: field classes build validators at import and most are
    # never called in a process that only serves pages.
    if isinstance(regex, str):
        return lazy_re_compile(regex, flags)
    return regex


class RegexValidator:
    """Raise ValidationError unless ``regex`` is found in the value (or not, if inverse)."""

    regex: Any = ""
    message = "Enter a valid value."
    code = "invalid"
    inverse_match = False
    flags = 0

    def __init__(self, regex=None, message=None, code=None, inverse_match=None, flags=None):
        if regex is not None:
            self.regex = regex
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if inverse_match is not None:
            self.inverse_match = inverse_match
        if flags is not None:
            self.flags = flags
        if self.flags and not isinstance(self.regex, str):
            raise TypeError("If the flags are set, regex must be a regular expression string.")
        self.regex = _compile(self.regex, self.flags)

    def __call__(self, value: Any) -> None:
        regex_matches = self.regex.search(str(value))
        invalid_input = regex_matches if self.inverse_match else not regex_matches
        if invalid_input:
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, RegexValidator)
            and self.regex.pattern == other.regex.pattern
            and self.regex.flags == other.regex.flags
            and self.message == other.message
            and self.code == other.code
            and self.inverse_match == other.inverse_match
        )

    def __hash__(self) -> int:
        return hash((self.regex.pattern, self.code))

    def deconstruct(self):
        return (f"framework.core.validators.{type(self).__name__}", (), {})


_hostname_label = r"[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?"
_domain_re = lazy_re_compile(
    rf"^(?:{_hostname_label}\.)*(?:[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]{{0,61}}"
    rf"[a-z0-9\u00a1-\uffff]|xn--[a-z0-9]{{1,59}})\.?$",
    re.IGNORECASE,
)


def _is_valid_hostname(host: str) -> bool:
    if not host or len(host) > 253:
        return False
    if host == "localhost":
        return True
    return bool(_domain_re.match(host))


class URLValidator(RegexValidator):
    """Accept http(s)/ftp(s) URLs with a valid host name, IPv4 or IPv6 address."""

    message = "Enter a valid URL."
    schemes = ["http", "https", "ftp", "ftps"]
    max_length = 2048

    def __init__(self, schemes=None, **kwargs):
        super().__init__(regex=r"", **kwargs)
        if schemes is not None:
            self.schemes = schemes

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str) or len(value) > self.max_length:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if any(c in value for c in "\r\n\t "):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        scheme = value.split("://")[0].lower()
        if scheme not in self.schemes or "://" not in value:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        try:
            parts = urlsplit(value)
            port = parts.port  # noqa: F841 - raises ValueError for a bad port
        except ValueError:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        host = parts.hostname or ""
        netloc = parts.netloc.rsplit("@", 1)[-1]
        if netloc.startswith("["):
            try:
                ipaddress.IPv6Address(host)
            except ValueError:
                raise ValidationError(self.message, code=self.code, params={"value": value})
            return
        try:
            ipaddress.IPv4Address(host)
            return
        except ValueError:
            pass
        try:
            ascii_host = host.encode("idna").decode("ascii") if host else ""
        except UnicodeError:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if "." not in host and host != "localhost":
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if not _is_valid_hostname(ascii_host) and not _is_valid_hostname(host):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, URLValidator) and self.schemes == other.schemes

    __hash__ = RegexValidator.__hash__


integer_validator = RegexValidator(
    lazy_re_compile(r"^-?\d+\Z"), message="Enter a valid integer.", code="invalid"
)


def validate_integer(value: Any) -> None:
    """Raise ValidationError unless the value is an integer (as text)."""
    return integer_validator(value)


class EmailValidator:
    """Accept ``local@domain`` addresses with a valid domain (or an allow-listed one)."""

    message = "Enter a valid email address."
    code = "invalid"
    user_regex = lazy_re_compile(
        r"(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*\Z"
        r'|^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*"\Z)',
        re.IGNORECASE,
    )
    literal_regex = lazy_re_compile(r"\[([A-F0-9:.]+)\]\Z", re.IGNORECASE)
    domain_allowlist = ["localhost"]

    def __init__(self, message=None, code=None, allowlist=None):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if allowlist is not None:
            self.domain_allowlist = allowlist

    def __call__(self, value: Any) -> None:
        if not value or "@" not in str(value) or len(str(value)) > 320:
            raise ValidationError(self.message, code=self.code, params={"value": value})
        user_part, domain_part = str(value).rsplit("@", 1)
        if not self.user_regex.match(user_part):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        if domain_part in self.domain_allowlist:
            return
        if self.validate_domain_part(domain_part):
            return
        try:
            ascii_domain = domain_part.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_domain = ""
        if ascii_domain and self.validate_domain_part(ascii_domain):
            return
        raise ValidationError(self.message, code=self.code, params={"value": value})

    def validate_domain_part(self, domain_part: str) -> bool:
        if "." in domain_part and _is_valid_hostname(domain_part):
            return True
        literal = self.literal_regex.match(domain_part)
        if literal:
            try:
                ipaddress.ip_address(literal.group(1))
                return True
            except ValueError:
                return False
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EmailValidator) and (
            self.domain_allowlist == other.domain_allowlist
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self) -> int:
        return hash((type(self), self.code))


validate_email = EmailValidator()

slug_re = lazy_re_compile(r"^[-a-zA-Z0-9_]+\Z")
validate_slug = RegexValidator(
    slug_re,
    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
    "invalid",
)
slug_unicode_re = lazy_re_compile(r"^[-\w]+\Z")
validate_unicode_slug = RegexValidator(
    slug_unicode_re,
    "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens.",
    "invalid",
)


def validate_ipv4_address(value: Any) -> None:
    """Raise ValidationError unless the value is an IPv4 address."""
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid IPv4 address.", code="invalid", params={"value": value}
        )


def validate_ipv6_address(value: Any) -> None:
    """Raise ValidationError unless the value is an IPv6 address."""
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid IPv6 address.", code="invalid", params={"value": value}
        )


def validate_ipv46_address(value: Any) -> None:
    """Raise ValidationError unless the value is an IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        raise ValidationError(
            "Enter a valid IPv4 or IPv6 address.", code="invalid", params={"value": value}
        )


ip_address_validator_map = {
    "both": [validate_ipv46_address],
    "ipv4": [validate_ipv4_address],
    "ipv6": [validate_ipv6_address],
}


def ip_address_validators(protocol: str, unpack_ipv4: bool) -> list:
    """Return the validators for GenericIPAddressField's ``protocol``."""
    if protocol != "both" and unpack_ipv4:
        raise ValueError("You can only use `unpack_ipv4` if `protocol` is set to 'both'")
    try:
        return ip_address_validator_map[protocol.lower()]
    except KeyError:
        raise ValueError(
            f"The protocol {protocol!r} is unknown. Supported: {list(ip_address_validator_map)}"
        ) from None


def int_list_validator(sep=",", message=None, code="invalid", allow_negative=False):
    regex = lazy_re_compile(
        r"^{neg}\d+(?:{sep}{neg}\d+)*\Z".format(
            neg="(-)?" if allow_negative else "",
            sep=re.escape(sep),
        )
    )
    return RegexValidator(regex, message=message, code=code)


validate_comma_separated_integer_list = int_list_validator(
    message="Enter only digits separated by commas."
)


class BaseValidator:
    """Compare a cleaned value against ``limit_value`` (callable allowed)."""

    message = "Ensure this value is %(limit_value)s (it is %(show_value)s)."
    code = "limit_value"

    def __init__(self, limit_value: Any, message: str | None = None):
        self.limit_value = limit_value
        if message:
            self.message = message

    def __call__(self, value: Any) -> None:
        cleaned = self.clean(value)
        limit_value = self.limit_value() if callable(self.limit_value) else self.limit_value
        params = {"limit_value": limit_value, "show_value": cleaned, "value": value}
        if self.compare(cleaned, limit_value):
            raise ValidationError(self.message, code=self.code, params=params)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, type(self))
            and self.limit_value == other.limit_value
            and self.message == other.message
            and self.code == other.code
        )

    def __hash__(self) -> int:
        return hash((type(self), self.code))

    def compare(self, a: Any, b: Any) -> bool:
        return a is not b

    def clean(self, x: Any) -> Any:
        return x

    def deconstruct(self):
        return (f"framework.core.validators.{type(self).__name__}", (self.limit_value,), {})


class MaxValueValidator(BaseValidator):
    message = "Ensure this value is less than or equal to %(limit_value)s."
    code = "max_value"

    def compare(self, a, b):
        return a > b


class MinValueValidator(BaseValidator):
    message = "Ensure this value is greater than or equal to %(limit_value)s."
    code = "min_value"

    def compare(self, a, b):
        return a < b


class StepValueValidator(BaseValidator):
    message = "Ensure this value is a multiple of step size %(limit_value)s."
    code = "step_size"

    def __init__(self, limit_value, message=None, offset=None):
        super().__init__(limit_value, message)
        self.offset = offset

    def compare(self, a, b):
        offset = 0 if self.offset is None else self.offset
        return not (Decimal(str(a)) - Decimal(str(offset))) % Decimal(str(b)) == 0


class MinLengthValidator(BaseValidator):
    message = "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d)."
    code = "min_length"

    def compare(self, a, b):
        return a < b

    def clean(self, x):
        return len(x)


class MaxLengthValidator(BaseValidator):
    message = "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d)."
    code = "max_length"

    def compare(self, a, b):
        return a > b

    def clean(self, x):
        return len(x)


class DecimalValidator:
    """Check the digits before and after the decimal point of a Decimal."""

    messages = {
        "invalid": "Enter a number.",
        "max_digits": "Ensure that there are no more than %(max)s digits in total.",
        "max_decimal_places": "Ensure that there are no more than %(max)s decimal places.",
        "max_whole_digits": (
            "Ensure that there are no more than %(max)s digits before the decimal point."
        ),
    }

    def __init__(self, max_digits: int | None, decimal_places: int | None):
        self.max_digits = max_digits
        self.decimal_places = decimal_places

    def __call__(self, value: Decimal) -> None:
        digit_tuple, exponent = value.as_tuple()[1:]
        if exponent in {"F", "n", "N"}:
            raise ValidationError(self.messages["invalid"], code="invalid", params={"value": value})
        if exponent >= 0:
            digits = len(digit_tuple)
            if digit_tuple != (0,):
                digits += exponent
            decimals = 0
        elif abs(exponent) > len(digit_tuple):
            digits = decimals = abs(exponent)
        else:
            digits = len(digit_tuple)
            decimals = abs(exponent)
        whole_digits = digits - decimals
        if self.max_digits is not None and digits > self.max_digits:
            raise ValidationError(
                self.messages["max_digits"],
                code="max_digits",
                params={"max": self.max_digits, "value": value},
            )
        if self.decimal_places is not None and decimals > self.decimal_places:
            raise ValidationError(
                self.messages["max_decimal_places"],
                code="max_decimal_places",
                params={"max": self.decimal_places, "value": value},
            )
        if (
            self.max_digits is not None
            and self.decimal_places is not None
            and whole_digits > (self.max_digits - self.decimal_places)
        ):
            raise ValidationError(
                self.messages["max_whole_digits"],
                code="max_whole_digits",
                params={"max": self.max_digits - self.decimal_places, "value": value},
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, DecimalValidator)
            and self.max_digits == other.max_digits
            and self.decimal_places == other.decimal_places
        )

    def __hash__(self) -> int:
        return hash((self.max_digits, self.decimal_places))


class FileExtensionValidator:
    """Reject file names whose extension is not in ``allowed_extensions``."""

    message = (
        "File extension “%(extension)s” is not allowed. "
        "Allowed extensions are: %(allowed_extensions)s."
    )
    code = "invalid_extension"

    def __init__(self, allowed_extensions=None, message=None, code=None):
        if allowed_extensions is not None:
            allowed_extensions = [e.lower() for e in allowed_extensions]
        self.allowed_extensions = allowed_extensions
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value: Any) -> None:
        name = getattr(value, "name", str(value))
        extension = name.rpartition(".")[2].lower() if "." in name else ""
        if self.allowed_extensions is not None and extension not in self.allowed_extensions:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "extension": extension,
                    "allowed_extensions": ", ".join(self.allowed_extensions),
                    "value": value,
                },
            )


class ProhibitNullCharactersValidator:
    """Reject strings containing the NUL character."""

    message = "Null characters are not allowed."
    code = "null_characters_not_allowed"

    def __init__(self, message=None, code=None):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code

    def __call__(self, value: Any) -> None:
        if "\x00" in str(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProhibitNullCharactersValidator) and (
            self.message == other.message and self.code == other.code
        )

    def __hash__(self) -> int:
        return hash((type(self), self.code))
