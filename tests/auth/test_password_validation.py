"""Password validators and the functions that run AUTH_PASSWORD_VALIDATORS."""

from __future__ import annotations

import gzip
from types import SimpleNamespace

import pytest

from framework.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
    get_default_password_validators,
    get_password_validators,
    password_changed,
    password_validators_help_text_html,
    password_validators_help_texts,
    validate_password,
)
from framework.core.exceptions import ImproperlyConfigured, ValidationError

P = "framework.contrib.auth.password_validation."
CONFIG = [
    {"NAME": P + "UserAttributeSimilarityValidator"},
    {"NAME": P + "MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": P + "CommonPasswordValidator"},
    {"NAME": P + "NumericPasswordValidator"},
]


class Recorder:
    """A validator with a password_changed hook that records its calls."""

    calls: list = []

    def validate(self, password, user=None):
        pass

    def password_changed(self, password, user=None):
        Recorder.calls.append((password, user))

    def get_help_text(self):
        return "Recorded <b>escaped</b>."


def user(**attributes):
    return SimpleNamespace(**attributes)


def codes(error):
    return [e.code for e in error.error_list]


class TestRunners:
    """validate_password, password_changed and the help texts."""

    def test_defaults_come_from_the_setting(self, settings):
        """AUTH_PASSWORD_VALIDATORS is read (and re-read when it changes)."""
        settings.AUTH_PASSWORD_VALIDATORS = []
        assert get_default_password_validators() == []
        validate_password("1")  # nothing to enforce
        settings.AUTH_PASSWORD_VALIDATORS = CONFIG
        validators = get_default_password_validators()
        assert [type(v).__name__ for v in validators] == [
            "UserAttributeSimilarityValidator",
            "MinimumLengthValidator",
            "CommonPasswordValidator",
            "NumericPasswordValidator",
        ]
        assert validators[1].min_length == 12

    def test_all_errors_are_reported_together(self, settings):
        """One ValidationError carries the error of every failing validator, in order."""
        settings.AUTH_PASSWORD_VALIDATORS = CONFIG
        with pytest.raises(ValidationError) as info:
            validate_password("12345678")
        assert codes(info.value) == [
            "password_too_short",
            "password_too_common",
            "password_entirely_numeric",
        ]
        assert info.value.messages[0] == (
            "This password is too short. It must contain at least 12 characters."
        )

    def test_valid_password(self, settings):
        """A long, uncommon, non-numeric password unlike the user's data passes."""
        settings.AUTH_PASSWORD_VALIDATORS = CONFIG
        assert validate_password("correct horse battery staple", user(username="alice")) is None

    def test_explicit_validators(self):
        """``password_validators=`` replaces the setting."""
        with pytest.raises(ValidationError):
            validate_password("abc", password_validators=[MinimumLengthValidator(5)])
        validate_password("abcde", password_validators=[MinimumLengthValidator(5)])

    def test_unimportable_validator(self):
        """A NAME that does not import is ImproperlyConfigured naming it and the setting."""
        with pytest.raises(ImproperlyConfigured, match="AUTH_PASSWORD_VALIDATORS") as info:
            get_password_validators([{"NAME": "tests.auth.nope.Validator"}])
        assert "'tests.auth.nope.Validator'" in str(info.value)

    def test_password_changed_hook(self):
        """password_changed() calls the hook of validators that have one."""
        Recorder.calls = []
        someone = user(username="bob")
        password_changed(
            "new", someone, password_validators=[Recorder(), NumericPasswordValidator()]
        )
        assert Recorder.calls == [("new", someone)]

    def test_help_texts(self):
        """Help texts in order; the HTML version is an escaped list, empty without validators."""
        validators = [MinimumLengthValidator(), Recorder()]
        assert password_validators_help_texts(validators) == [
            "Your password must contain at least 8 characters.",
            "Recorded <b>escaped</b>.",
        ]
        html = str(password_validators_help_text_html(validators))
        assert html.startswith("<ul><li>Your password must contain at least 8 characters.</li>")
        assert "&lt;b&gt;escaped&lt;/b&gt;" in html
        assert password_validators_help_text_html([]) == ""


class TestMinimumLength:
    def test_short_and_long_enough(self):
        """Shorter than min_length fails with code password_too_short and the param."""
        validator = MinimumLengthValidator(min_length=3)
        validator.validate("abc")
        with pytest.raises(ValidationError) as info:
            validator.validate("ab")
        error = info.value.error_list[0]
        assert error.code == "password_too_short"
        assert error.params == {"min_length": 3}
        assert info.value.messages == [
            "This password is too short. It must contain at least 3 characters."
        ]

    def test_singular(self):
        """min_length 1 speaks of one character."""
        assert MinimumLengthValidator(1).get_help_text() == (
            "Your password must contain at least 1 character."
        )


class TestUserAttributeSimilarity:
    def test_no_user(self):
        """Without a user there is nothing to compare."""
        UserAttributeSimilarityValidator().validate("alice")

    @pytest.mark.parametrize(
        ("password", "attribute"),
        [("alice1990", "username"), ("Testclient", "username"), ("example", "email")],
    )
    def test_too_similar(self, password, attribute):
        """A password close to an attribute (or a part of it) fails, naming the attribute."""
        someone = user(username="testclient", email="alice@example.com", first_name="Alice1990")
        someone.username = "alice1990" if password == "alice1990" else "testclient"
        with pytest.raises(ValidationError) as info:
            UserAttributeSimilarityValidator().validate(password, someone)
        error = info.value.error_list[0]
        assert error.code == "password_too_similar"
        assert info.value.messages == [f"The password is too similar to the {attribute}."]

    def test_verbose_name_from_model_meta(self):
        """With ``_meta``, the field's verbose_name is used."""

        class Meta:
            def get_field(self, name):
                return SimpleNamespace(verbose_name="e-mail address")

        someone = user(email="frank@example.com", _meta=Meta())
        with pytest.raises(ValidationError) as info:
            UserAttributeSimilarityValidator(user_attributes=["email"]).validate(
                "frank@example.com", someone
            )
        assert info.value.messages == ["The password is too similar to the e-mail address."]

    def test_dissimilar_and_non_string_attributes(self):
        """Unrelated passwords pass; missing or non-string attributes are skipped."""
        someone = user(username="alice", first_name=None, last_name=42)
        UserAttributeSimilarityValidator().validate("correct horse battery", someone)

    def test_much_longer_password_is_not_compared(self):
        """A password ten times longer than the attribute cannot be too similar."""
        UserAttributeSimilarityValidator().validate("x" * 40 + "bob", user(username="bob"))

    def test_max_similarity(self):
        """max_similarity below 0.1 is refused; 1.0 accepts anything but an exact match."""
        with pytest.raises(ValueError, match="max_similarity must be at least 0.1"):
            UserAttributeSimilarityValidator(max_similarity=0.05)
        validator = UserAttributeSimilarityValidator(max_similarity=1.0)
        validator.validate("alicex", user(username="alice"))
        with pytest.raises(ValidationError):
            validator.validate("alice", user(username="alice"))


class TestCommonPassword:
    def test_shipped_list(self):
        """The shipped list holds 20,000 passwords; case and surrounding spaces are ignored."""
        validator = CommonPasswordValidator()
        assert len(validator.passwords) == 20000
        for password in ("password", "PASSWORD", " 123456 ", "qwerty", "iloveyou"):
            with pytest.raises(ValidationError) as info:
                validator.validate(password)
            assert info.value.error_list[0].code == "password_too_common"
            assert info.value.messages == ["This password is too common."]
        validator.validate("a rather unusual sentence 42")

    @pytest.mark.parametrize("compressed", [True, False])
    def test_custom_list(self, tmp_path, compressed):
        """password_list_path names a list of one password a line, gzipped or plain."""
        data = "hunter2\nswordfish\n"
        path = tmp_path / ("list.txt.gz" if compressed else "list.txt")
        if compressed:
            path.write_bytes(gzip.compress(data.encode()))
        else:
            path.write_text(data)
        validator = CommonPasswordValidator(password_list_path=path)
        assert validator.passwords == frozenset({"hunter2", "swordfish"})
        with pytest.raises(ValidationError):
            validator.validate("Swordfish")
        validator.validate("password")

    def test_missing_list(self, tmp_path):
        """A list that cannot be read is ImproperlyConfigured naming the path."""
        with pytest.raises(ImproperlyConfigured, match="missing.txt"):
            CommonPasswordValidator(password_list_path=tmp_path / "missing.txt")


class TestNumeric:
    def test_numeric(self):
        """An all-digit password fails; one letter is enough to pass."""
        validator = NumericPasswordValidator()
        validator.validate("1234a")
        with pytest.raises(ValidationError) as info:
            validator.validate("123456789")
        assert info.value.error_list[0].code == "password_entirely_numeric"
        assert info.value.messages == ["This password is entirely numeric."]
        assert validator.get_help_text() == "Your password can’t be entirely numeric."
