"""Request signals, as Django's ``django.core.signals``."""

from framework.dispatch import Signal

request_started = Signal()
request_finished = Signal()
got_request_exception = Signal()
setting_changed = Signal()
