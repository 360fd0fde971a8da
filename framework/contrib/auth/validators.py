"""Username validators: letters, digits and ``@.+-_`` only."""

from __future__ import annotations

import re

from framework.core.validators import RegexValidator


class ASCIIUsernameValidator(RegexValidator):
    """English letters, digits and ``@/./+/-/_`` only."""

    regex = r"^[\w.@+-]+\Z"
    message = (
        "Enter a valid username. This value may contain only unaccented lowercase a-z "
        "and uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    )
    flags = re.ASCII


class UnicodeUsernameValidator(RegexValidator):
    """Letters (any script), digits and ``@/./+/-/_`` only."""

    regex = r"^[\w.@+-]+\Z"
    message = (
        "Enter a valid username. This value may contain only letters, numbers, and "
        "@/./+/-/_ characters."
    )
    flags = 0
