"""Authentication: password hashing and validation now; users, groups and permissions later.

Kept import-light: import from the submodules (``framework.contrib.auth.hashers``).
"""
