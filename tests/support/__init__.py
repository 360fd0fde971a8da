"""Shared test infrastructure: temporary directories Apache can read, servers, ports."""
