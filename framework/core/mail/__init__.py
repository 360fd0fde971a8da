"""E-mail: ``send_mail``, ``EmailMessage`` and pluggable backends (EMAIL_BACKEND).

Backends: ``smtp`` (default), ``console``, ``file``, ``locmem`` (``mail.outbox``, for
tests) and ``dummy``.
"""

from framework.core.mail.api import get_connection as get_connection
from framework.core.mail.api import mail_admins as mail_admins
from framework.core.mail.api import mail_managers as mail_managers
from framework.core.mail.api import send_mail as send_mail
from framework.core.mail.api import send_mass_mail as send_mass_mail
from framework.core.mail.message import BadHeaderError as BadHeaderError
from framework.core.mail.message import EmailMessage as EmailMessage
from framework.core.mail.message import EmailMultiAlternatives as EmailMultiAlternatives
from framework.core.mail.message import make_msgid as make_msgid

# Filled by the locmem backend: the messages "sent" during a test.
outbox: list = []
