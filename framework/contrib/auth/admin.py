"""Where Django keeps ``UserAdmin`` and ``GroupAdmin``; they live in the admin app.

The admin registers them itself (unless the project registered these models first).
"""

from framework.contrib.admin.useradmin import GroupAdmin as GroupAdmin
from framework.contrib.admin.useradmin import UserAdmin as UserAdmin
