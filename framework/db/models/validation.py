"""Model validation: full_clean(), clean_fields(), validate_unique(), validate_constraints()."""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import NON_FIELD_ERRORS, ValidationError
from framework.db import router


class ModelValidationMixin:
    """The validation half of Model (kept apart from persistence)."""

    def clean_fields(self, exclude: Any = None) -> None:
        """Clean every field not in ``exclude``; ValidationError maps field -> errors."""
        exclude = set() if exclude is None else set(exclude)
        errors: dict = {}
        for f in self._meta.fields:
            if f.name in exclude or getattr(f, "generated", False):
                continue
            raw_value = getattr(self, f.attname)
            if f.blank and raw_value in f.empty_values:
                continue
            if hasattr(raw_value, "resolve_expression"):
                continue
            try:
                setattr(self, f.attname, f.clean(raw_value, self))
            except ValidationError as e:
                errors[f.name] = e.error_list
        if errors:
            raise ValidationError(errors)

    def full_clean(
        self, exclude: Any = None, validate_unique: bool = True, validate_constraints: bool = True
    ) -> None:
        """clean_fields(), clean(), validate_unique(), validate_constraints(): all errors."""
        errors: dict = {}
        exclude = set() if exclude is None else set(exclude)
        try:
            self.clean_fields(exclude=exclude)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        try:
            self.clean()
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        if validate_unique:
            for name in errors:
                if name != NON_FIELD_ERRORS and name not in exclude:
                    exclude.add(name)
            try:
                self.validate_unique(exclude=exclude)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
        if validate_constraints:
            for name in errors:
                if name != NON_FIELD_ERRORS and name not in exclude:
                    exclude.add(name)
            try:
                self.validate_constraints(exclude=exclude)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_unique(self, exclude: Any = None) -> None:
        """Check unique fields and unique_together against the database."""
        unique_checks, date_checks = self._get_unique_checks(exclude=exclude)
        errors = self._perform_unique_checks(unique_checks)
        if errors:
            raise ValidationError(errors)

    def _get_unique_checks(self, exclude=None, include_meta_constraints=False):
        exclude = set() if exclude is None else set(exclude)
        unique_checks = []
        unique_togethers = [(self.__class__, self._meta.unique_together)]
        constraints = []
        if include_meta_constraints:
            constraints = [(self.__class__, self._meta.total_unique_constraints)]
        for parent_class in self._meta.get_parent_list():
            if parent_class._meta.unique_together:
                unique_togethers.append((parent_class, parent_class._meta.unique_together))
        for model_class, unique_together in unique_togethers:
            for check in unique_together:
                if not any(name in exclude for name in check):
                    unique_checks.append((model_class, tuple(check)))
        for model_class, model_constraints in constraints:
            for constraint in model_constraints:
                if not any(name in exclude for name in constraint.fields):
                    unique_checks.append((model_class, constraint.fields))
        fields_with_class = [(self.__class__, self._meta.local_fields)]
        for parent_class in self._meta.get_parent_list():
            fields_with_class.append((parent_class, parent_class._meta.local_fields))
        for model_class, fields in fields_with_class:
            for f in fields:
                if f.name in exclude:
                    continue
                if f.unique:
                    unique_checks.append((model_class, (f.name,)))
        return unique_checks, []

    def _perform_unique_checks(self, unique_checks) -> dict:
        errors: dict = {}
        for model_class, unique_check in unique_checks:
            lookup_kwargs = {}
            for field_name in unique_check:
                f = self._meta.get_field(field_name)
                lookup_value = getattr(self, f.attname)
                if lookup_value is None or (
                    lookup_value == "" and self._connection_empty_is_null()
                ):
                    break
                if f.primary_key and not self._state.adding:
                    break
                lookup_kwargs[str(field_name)] = lookup_value
            else:
                if len(unique_check) != len(lookup_kwargs):
                    continue
                qs = model_class._default_manager.filter(**lookup_kwargs)
                model_class_pk = self._get_pk_val(model_class._meta)
                if not self._state.adding and model_class_pk is not None:
                    qs = qs.exclude(pk=model_class_pk)
                if qs.exists():
                    key = unique_check[0] if len(unique_check) == 1 else NON_FIELD_ERRORS
                    errors.setdefault(key, []).append(
                        self.unique_error_message(model_class, unique_check)
                    )
        return errors

    @staticmethod
    def _connection_empty_is_null() -> bool:
        from framework.db import connection

        return connection.features.interprets_empty_strings_as_nulls

    def unique_error_message(self, model_class, unique_check) -> ValidationError:
        opts = model_class._meta
        params: dict[str, Any] = {
            "model": self,
            "model_class": model_class,
            "model_name": str(opts.verbose_name).capitalize(),
            "unique_check": unique_check,
        }
        if len(unique_check) == 1:
            field = opts.get_field(unique_check[0])
            params["field_label"] = str(field.verbose_name).capitalize()
            return ValidationError(
                message=field.error_messages["unique"], code="unique", params=params
            )
        field_labels = [str(opts.get_field(f).verbose_name).capitalize() for f in unique_check]
        params["field_labels"] = " and ".join(field_labels)
        return ValidationError(
            message="%(model_name)s with this %(field_labels)s already exists.",
            code="unique_together",
            params=params,
        )

    def validate_constraints(self, exclude: Any = None) -> None:
        """Run Meta.constraints' validate(); ValidationError lists the failures."""
        constraints = [(self.__class__, self._meta.constraints)]
        for parent_class in self._meta.get_parent_list():
            constraints.append((parent_class, parent_class._meta.constraints))
        errors: dict = {}
        using = router.db_for_write(self.__class__, instance=self)
        for model_class, model_constraints in constraints:
            for constraint in model_constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as e:
                    if (
                        getattr(e, "code", None) == "unique"
                        and len(getattr(constraint, "fields", ())) == 1
                    ):
                        errors.setdefault(constraint.fields[0], []).append(e)
                    else:
                        errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
