"""Session storage backends; SESSION_ENGINE names one of these modules.

``signed_cookies`` and ``file`` are here. ``db`` and ``cached_db`` (they need the ORM's
Session model) and ``cache`` (it needs the cache framework) come later, each as a
module of that name with a ``SessionStore`` subclass of ``base.SessionBase``.
"""
