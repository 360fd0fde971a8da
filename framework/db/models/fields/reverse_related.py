"""Reverse relation objects (``ManyToOneRel`` ...): what a relation looks like from its target."""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import FieldDoesNotExist
from framework.db.models.fields.mixins import FieldCacheMixin
from framework.utils.functional import cached_property


class ForeignObjectRel(FieldCacheMixin):
    """The reverse side of a relation field: lives in the target model's ``_meta``."""

    auto_created = True
    concrete = False
    editable = False
    is_relation = True
    null = True
    empty_strings_allowed = False
    primary_key = False
    column = None
    db_returning = False
    generated = False

    def __init__(
        self,
        field,
        to,
        related_name=None,
        related_query_name=None,
        limit_choices_to=None,
        parent_link=False,
        on_delete=None,
    ):
        self.field = field
        self.model = to
        self.related_name = related_name
        self.related_query_name = related_query_name
        self.limit_choices_to = {} if limit_choices_to is None else limit_choices_to
        self.parent_link = parent_link
        self.on_delete = on_delete
        self.symmetrical = False
        self.multiple = True

    @cached_property
    def hidden(self) -> bool:
        return bool(self.related_name) and self.related_name[-1] == "+"

    @cached_property
    def name(self) -> str:
        return self.field.related_query_name()

    @property
    def remote_field(self):
        return self.field

    @property
    def target_field(self):
        target_fields = self.path_infos[-1].target_fields
        if len(target_fields) > 1:
            raise FieldDoesNotExist("Can't use target_field for multicolumn relations.")
        return target_fields[0]

    @cached_property
    def related_model(self):
        if not self.field.model:
            raise AttributeError("This property can't be accessed before self.field.model is set.")
        return self.field.model

    @cached_property
    def many_to_many(self):
        return self.field.many_to_many

    @cached_property
    def many_to_one(self):
        return self.field.one_to_many

    @cached_property
    def one_to_many(self):
        return self.field.many_to_one

    @cached_property
    def one_to_one(self):
        return self.field.one_to_one

    def get_lookup(self, lookup_name):
        return self.field.get_lookup(lookup_name)

    def get_lookups(self):
        return self.field.get_lookups()

    def get_transform(self, name):
        return self.field.get_transform(name)

    def get_internal_type(self):
        return self.field.get_internal_type()

    @property
    def db_type(self):
        return self.field.db_type

    def __repr__(self):
        return (
            f"<{type(self).__name__}: {self.related_model._meta.app_label}."
            f"{self.related_model._meta.model_name}>"
        )

    def get_choices(
        self,
        include_blank=True,
        blank_choice=(("", "---------"),),
        limit_choices_to=None,
        ordering=(),
    ):
        qs = self.related_model._default_manager.complex_filter(
            limit_choices_to or self.limit_choices_to
        )
        if ordering:
            qs = qs.order_by(*ordering)
        return (list(blank_choice) if include_blank else []) + [(x.pk, str(x)) for x in qs]

    def get_joining_columns(self):
        return self.field.get_joining_columns(reverse_join=True)

    def get_extra_restriction(self, alias, related_alias):
        return self.field.get_extra_restriction(related_alias, alias)

    def set_field_name(self):
        pass

    def get_accessor_name(self, model=None) -> str | None:
        """The attribute name on the target model (``book_set`` or related_name)."""
        opts = model._meta if model else self.related_model._meta
        model = model or self.related_model
        if self.multiple:
            if self.symmetrical and model == self.model:
                return None
        if self.related_name:
            return self.related_name
        return opts.model_name + ("_set" if self.multiple else "")

    def get_path_info(self, filtered_relation=None):
        if filtered_relation:
            return self.field.get_reverse_path_info(filtered_relation)
        return self.field.reverse_path_infos

    @cached_property
    def path_infos(self):
        return self.get_path_info()

    def get_cache_name(self):
        return self.get_accessor_name()

    @property
    def accessor_name(self):
        return self.get_accessor_name()

    def get_related_field(self):
        return self.field.target_field

    @property
    def identity(self):
        return (
            self.field,
            self.model,
            self.related_name,
            self.related_query_name,
            self.parent_link,
            self.on_delete,
            self.symmetrical,
            self.multiple,
        )

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.identity == other.identity

    def __hash__(self):
        return hash(
            (
                self.field,
                id(self.model) if not isinstance(self.model, str) else self.model,
                self.related_name,
            )
        )

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("path_infos", None)
        return state


class ManyToOneRel(ForeignObjectRel):
    """The reverse of a ForeignKey (``author.book_set``)."""

    def __init__(
        self,
        field,
        to,
        field_name,
        related_name=None,
        related_query_name=None,
        limit_choices_to=None,
        parent_link=False,
        on_delete=None,
    ):
        super().__init__(
            field,
            to,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            parent_link=parent_link,
            on_delete=on_delete,
        )
        self.field_name = field_name

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("related_model", None)
        return state

    def get_related_field(self):
        field = self.model._meta.get_field(self.field_name)
        if not field.concrete:
            raise FieldDoesNotExist(f"No related field named '{self.field_name}'")
        return field

    def set_field_name(self):
        self.field_name = self.field_name or self.model._meta.pk.name


class OneToOneRel(ManyToOneRel):
    """The reverse of a OneToOneField (``place.restaurant``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiple = False


class ManyToManyRel(ForeignObjectRel):
    """The reverse of a ManyToManyField (``tag.article_set``)."""

    def __init__(
        self,
        field,
        to,
        related_name=None,
        related_query_name=None,
        limit_choices_to=None,
        symmetrical=True,
        through=None,
        through_fields=None,
        db_constraint=True,
    ):
        super().__init__(
            field,
            to,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
        )
        if through and not db_constraint:
            raise ValueError("Can't supply a through model and db_constraint=False")
        self.through = through
        if through_fields and not through:
            raise ValueError("Cannot specify through_fields without a through model")
        self.through_fields = through_fields
        self.symmetrical = symmetrical
        self.db_constraint = db_constraint

    def get_related_field(self):
        opts = self.through._meta
        if self.through_fields:
            field = opts.get_field(self.through_fields[0])
        else:
            for field in opts.fields:
                rel = getattr(field, "remote_field", None)
                if rel and rel.model == self.model:
                    break
        return field.foreign_related_fields[0]


__all__: list[Any] = ["ForeignObjectRel", "ManyToManyRel", "ManyToOneRel", "OneToOneRel"]
