"""Imported by tests/utils/test_deferred.py through a LazyModule."""

VALUE = 42
