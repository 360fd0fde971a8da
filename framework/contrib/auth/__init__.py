"""Authentication: users, groups, permissions, login sessions, password hashing.

The API (``authenticate``, ``login``, ``logout``, ``get_user``, ``get_user_model``,
``update_session_auth_hash``) lives in ``framework.contrib.auth.api`` and is
re-exported here; models are in ``framework.contrib.auth.models``.
"""

from framework.contrib.auth.api import BACKEND_SESSION_KEY as BACKEND_SESSION_KEY
from framework.contrib.auth.api import HASH_SESSION_KEY as HASH_SESSION_KEY
from framework.contrib.auth.api import REDIRECT_FIELD_NAME as REDIRECT_FIELD_NAME
from framework.contrib.auth.api import SESSION_KEY as SESSION_KEY
from framework.contrib.auth.api import authenticate as authenticate
from framework.contrib.auth.api import get_backends as get_backends
from framework.contrib.auth.api import get_permission_codename as get_permission_codename
from framework.contrib.auth.api import get_user as get_user
from framework.contrib.auth.api import get_user_model as get_user_model
from framework.contrib.auth.api import load_backend as load_backend
from framework.contrib.auth.api import login as login
from framework.contrib.auth.api import logout as logout
from framework.contrib.auth.api import update_session_auth_hash as update_session_auth_hash
