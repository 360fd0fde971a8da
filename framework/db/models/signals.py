"""Model signals, sent with Django's arguments."""

from __future__ import annotations

from framework.dispatch import Signal

class_prepared = Signal()
pre_init = Signal()
post_init = Signal()
pre_save = Signal()
post_save = Signal()
pre_delete = Signal()
post_delete = Signal()
m2m_changed = Signal()
pre_migrate = Signal()
post_migrate = Signal()
