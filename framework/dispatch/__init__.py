"""Signals: ``from framework.dispatch import Signal, receiver``."""

from framework.dispatch.dispatcher import Signal as Signal
from framework.dispatch.dispatcher import ignores_arguments as ignores_arguments
from framework.dispatch.dispatcher import receiver as receiver
