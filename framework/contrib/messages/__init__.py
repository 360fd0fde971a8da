"""One-time notifications to the user (Django's ``contrib.messages``).

``api`` adds and reads messages, ``storage`` keeps them between requests (cookie,
session, or both via ``FallbackStorage``), ``MessageMiddleware`` attaches the storage to
each request and ``context_processors.messages`` exposes them to templates.
"""

from framework.contrib.messages.api import MessageFailure as MessageFailure
from framework.contrib.messages.api import add_message as add_message
from framework.contrib.messages.api import debug as debug
from framework.contrib.messages.api import error as error
from framework.contrib.messages.api import get_level as get_level
from framework.contrib.messages.api import get_messages as get_messages
from framework.contrib.messages.api import info as info
from framework.contrib.messages.api import set_level as set_level
from framework.contrib.messages.api import success as success
from framework.contrib.messages.api import warning as warning
from framework.contrib.messages.constants import DEBUG as DEBUG
from framework.contrib.messages.constants import DEFAULT_LEVELS as DEFAULT_LEVELS
from framework.contrib.messages.constants import DEFAULT_TAGS as DEFAULT_TAGS
from framework.contrib.messages.constants import ERROR as ERROR
from framework.contrib.messages.constants import INFO as INFO
from framework.contrib.messages.constants import SUCCESS as SUCCESS
from framework.contrib.messages.constants import WARNING as WARNING
