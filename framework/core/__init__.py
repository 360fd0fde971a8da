"""Core machinery: handlers, exceptions, signals, signing, checks, management."""
