"""Sessions: per-visitor data stored server-side (file) or in a signed cookie.

``SessionMiddleware`` sets ``request.session``; SESSION_ENGINE names the backend
module whose ``SessionStore`` it uses.
"""
