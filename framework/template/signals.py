"""The test hook: ``template_rendered``, sent on every render while instrumented.

The test toolkit sets ``instrumentation_enabled = True`` and connects a
receiver that records ``template`` and ``context`` on test-client responses.
Off by default, so production renders pay one attribute check.
"""

from __future__ import annotations

from framework.dispatch import Signal

__all__ = ["instrumentation_enabled", "template_rendered"]

template_rendered = Signal()
"""Sent with ``sender=template, template=template, context=context`` before rendering."""

instrumentation_enabled = False
