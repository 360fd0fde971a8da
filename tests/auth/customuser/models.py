"""A swapped-in user model (AUTH_USER_MODEL = "customuser.EmailUser") and a misconfigured one."""

from __future__ import annotations

from framework.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from framework.contrib.auth.models import PermissionsMixin
from framework.db import models


class EmailUserManager(BaseUserManager):
    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        return self.create_user(email, password, is_superuser=True, **extra)


class EmailUser(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=100, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = EmailUserManager()

    class Meta:
        app_label = "customuser"


class BadUser(AbstractBaseUser):
    """Breaks auth.E002 and auth.E003: the username field is required and not unique."""

    handle = models.CharField(max_length=50)

    USERNAME_FIELD = "handle"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        app_label = "customuser"
