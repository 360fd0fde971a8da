"""``manage.py createsuperuser``: create a superuser, interactively or from options/env.

Non-interactive (``--noinput``): the username, e-mail and other required fields come
from the options or FRAMEWORK_SUPERUSER_<FIELD> variables; the password only from
FRAMEWORK_SUPERUSER_PASSWORD (without it the password is unusable).
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from framework.contrib.auth.api import get_user_model
from framework.contrib.auth.management import get_default_username
from framework.contrib.auth.password_validation import validate_password
from framework.core import exceptions
from framework.core.management.base import BaseCommand, CommandError
from framework.db import DEFAULT_DB_ALIAS

PASSWORD_FIELD = "password"


class NotRunningInTTYException(Exception):
    pass


class Command(BaseCommand):
    help = "Used to create a superuser."
    requires_migrations_checks = True
    stealth_options = ("stdin",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.UserModel = get_user_model()
        self.username_field = self.UserModel._meta.get_field(self.UserModel.USERNAME_FIELD)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            f"--{self.UserModel.USERNAME_FIELD}",
            help="Specifies the login for the superuser.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=(
                "Tells the command to NOT prompt the user for input of any kind. You must use "
                "--username with --noinput, along with an option for any other required "
                "field. Superusers created with --noinput will not be able to log in until "
                "they're given a valid password."
            ),
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Specifies the database to use. Default is "default".',
        )
        for field_name in self.UserModel.REQUIRED_FIELDS:
            parser.add_argument(
                f"--{field_name}", help=f"Specifies the {field_name} for the superuser."
            )

    def execute(self, *args: Any, **options: Any) -> Any:
        self.stdin = options.get("stdin", sys.stdin)
        return super().execute(*args, **options)

    def handle(self, *args: Any, **options: Any) -> None:
        username = options[self.UserModel.USERNAME_FIELD]
        database = options["database"]
        user_data: dict[str, Any] = {}
        verbose_field_name = self.username_field.verbose_name
        try:
            self.UserModel._meta.get_field(PASSWORD_FIELD)
        except exceptions.FieldDoesNotExist:
            pass
        else:
            user_data[PASSWORD_FIELD] = None
        try:
            if options["interactive"]:
                self._interactive(username, database, user_data, options, verbose_field_name)
            else:
                self._noninteractive(username, database, user_data, options)
            self.UserModel._default_manager.db_manager(database).create_superuser(**user_data)
            if options["verbosity"] >= 1:
                self.stdout.write("Superuser created successfully.")
        except KeyboardInterrupt:
            self.stderr.write("\nOperation cancelled.")
            sys.exit(1)
        except exceptions.ValidationError as e:
            raise CommandError("; ".join(e.messages)) from e
        except NotRunningInTTYException:
            self.stdout.write(
                "Superuser creation skipped due to not running in a TTY. You can run "
                "`manage.py createsuperuser` in your project to create one manually."
            )

    # -- modes --

    def _noninteractive(self, username: Any, database: str, user_data: dict, options: dict) -> None:
        if username is None:
            username = os.environ.get(
                "FRAMEWORK_SUPERUSER_" + self.UserModel.USERNAME_FIELD.upper()
            )
        if username is None:
            raise CommandError(f"You must use --{self.UserModel.USERNAME_FIELD} with --noinput.")
        error_msg = self._validate_username(username, self.username_field.verbose_name, database)
        if error_msg:
            raise CommandError(error_msg)
        user_data[self.UserModel.USERNAME_FIELD] = self.username_field.clean(username, None)
        password = os.environ.get("FRAMEWORK_SUPERUSER_PASSWORD")
        if password:
            user_data[PASSWORD_FIELD] = password
        for field_name in self.UserModel.REQUIRED_FIELDS:
            env_var = "FRAMEWORK_SUPERUSER_" + field_name.upper()
            value = options[field_name] or os.environ.get(env_var)
            if not value:
                raise CommandError(f"You must use --{field_name} with --noinput.")
            field = self.UserModel._meta.get_field(field_name)
            user_data[field_name] = field.clean(value, None)
        if user_data.get(PASSWORD_FIELD):
            user = self.UserModel(**{k: v for k, v in user_data.items() if k != PASSWORD_FIELD})
            validate_password(user_data[PASSWORD_FIELD], user)

    def _interactive(
        self, username: Any, database: str, user_data: dict, options: dict, verbose_name: Any
    ) -> None:
        if hasattr(self.stdin, "isatty") and not self.stdin.isatty():
            raise NotRunningInTTYException
        default_username = get_default_username(database=database)
        if username:
            error_msg = self._validate_username(username, verbose_name, database)
            if error_msg:
                self.stderr.write(error_msg)
                username = None
        elif username == "":
            raise CommandError(f"{str(verbose_name).capitalize()} cannot be blank.")
        while username is None:
            message = self._get_input_message(self.username_field, default_username)
            username = self.get_input_data(self.username_field, message, default_username)
            if username:
                error_msg = self._validate_username(username, verbose_name, database)
                if error_msg:
                    self.stderr.write(error_msg)
                    username = None
                    continue
        user_data[self.UserModel.USERNAME_FIELD] = username
        for field_name in self.UserModel.REQUIRED_FIELDS:
            field = self.UserModel._meta.get_field(field_name)
            user_data[field_name] = options[field_name]
            if user_data[field_name] is not None:
                user_data[field_name] = field.clean(user_data[field_name], None)
            while user_data[field_name] is None:
                message = self._get_input_message(field)
                user_data[field_name] = self.get_input_data(field, message)
        while PASSWORD_FIELD in user_data and user_data[PASSWORD_FIELD] is None:
            password = getpass.getpass()
            password2 = getpass.getpass("Password (again): ")
            if password != password2:
                self.stderr.write("Error: Your passwords didn't match.")
                continue
            if password.strip() == "":
                self.stderr.write("Error: Blank passwords aren't allowed.")
                continue
            try:
                user = self.UserModel(**{k: v for k, v in user_data.items() if k != PASSWORD_FIELD})
                validate_password(password2, user)
            except exceptions.ValidationError as err:
                self.stderr.write("\n".join(err.messages))
                response = input("Bypass password validation and create user anyway? [y/N]: ")
                if response.lower() != "y":
                    continue
            user_data[PASSWORD_FIELD] = password

    # -- helpers --

    def get_input_data(self, field: Any, message: str, default: Any = None) -> Any:
        """Ask for a value; return it cleaned, or None after printing why it is invalid."""
        raw_value = input(message)
        if default and raw_value == "":
            raw_value = default
        try:
            return field.clean(raw_value, None)
        except exceptions.ValidationError as e:
            self.stderr.write(f"Error: {'; '.join(e.messages)}")
            return None

    def _get_input_message(self, field: Any, default: Any = None) -> str:
        label = str(field.verbose_name).capitalize()
        return f"{label}{f' (leave blank to use {default!r})' if default else ''}: "

    def _validate_username(self, username: str, verbose_field_name: Any, database: str) -> Any:
        """An error message if ``username`` is taken, blank or invalid, else None."""
        if self.username_field.unique:
            try:
                self.UserModel._default_manager.db_manager(database).get_by_natural_key(username)
            except self.UserModel.DoesNotExist:
                pass
            else:
                return "Error: That username is already taken."
        if not username:
            return f"{str(verbose_field_name).capitalize()} cannot be blank."
        try:
            self.username_field.clean(username, None)
        except exceptions.ValidationError as e:
            return "; ".join(e.messages)
        return None
