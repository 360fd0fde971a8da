"""Syndication feeds (RSS and Atom) from a ``Feed`` class, as Django's contrib.syndication.

``framework.contrib.syndication.views`` holds ``Feed`` and ``add_domain``; the XML
itself is written by ``framework.utils.feedgenerator``. The app needs no entry in
INSTALLED_APPS unless its ``title_template``/``description_template`` come from app
directories of another app (they are looked up through the configured engines).
"""
