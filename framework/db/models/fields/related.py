"""Relation fields: ForeignKey, OneToOneField, ManyToManyField."""

from __future__ import annotations

import functools
from typing import Any

from framework.core.exceptions import FieldDoesNotExist, ValidationError
from framework.db import router
from framework.db.models.fields.base import Field
from framework.db.models.fields.mixins import FieldCacheMixin
from framework.db.models.fields.related_descriptors import (
    ForeignKeyDeferredAttribute,
    ForwardManyToOneDescriptor,
    ForwardOneToOneDescriptor,
    ManyToManyDescriptor,
    ReverseManyToOneDescriptor,
    ReverseOneToOneDescriptor,
)
from framework.db.models.fields.reverse_related import (
    ManyToManyRel,
    ManyToOneRel,
    OneToOneRel,
)
from framework.db.models.query_utils import PathInfo
from framework.utils.deferred import lazy_module, module_loader
from framework.utils.functional import cached_property

_expressions = module_loader("framework.db.models.expressions")  # import cycle


# Only form views build form fields: the forms package is imported on first use.
forms = lazy_module("framework.forms")

RECURSIVE_RELATIONSHIP_CONSTANT = "self"


def resolve_relation(scope_model, relation):
    """Turn 'self', 'Model' or 'app_label.Model' into a model or an 'app.Model' string."""
    if relation == RECURSIVE_RELATIONSHIP_CONSTANT:
        relation = scope_model
    if isinstance(relation, str) and "." not in relation:
        relation = f"{scope_model._meta.app_label}.{relation}"
    return relation


def lazy_related_operation(function, model, *related_models, **kwargs):
    """Call ``function(model, *related_classes)`` once all related models are loaded."""
    models = [model] + [resolve_relation(model, rel) for rel in related_models]
    model_keys = (make_model_tuple(m) for m in models)
    apps = model._meta.apps
    return apps.lazy_model_operation(functools.partial(function, **kwargs), *model_keys)


def make_model_tuple(model):
    if isinstance(model, tuple):
        return model
    if isinstance(model, str):
        app_label, model_name = model.split(".")
        return app_label, model_name.lower()
    return model._meta.app_label, model._meta.model_name


class RelatedField(FieldCacheMixin, Field):
    """Base of relation fields: lazy target resolution and reverse accessors."""

    one_to_many = False
    one_to_one = False
    many_to_many = False
    many_to_one = False

    def __init__(self, related_name=None, related_query_name=None, limit_choices_to=None, **kwargs):
        self._related_name = related_name
        self._related_query_name = related_query_name
        self._limit_choices_to = limit_choices_to
        super().__init__(**kwargs)

    @cached_property
    def related_model(self):
        from framework.apps import apps

        apps.check_models_ready()
        return self.remote_field.model

    def get_cache_name(self):
        return self.name

    def db_type(self, connection):
        return None

    def contribute_to_class(self, cls, name, private_only=False, **kwargs):
        super().contribute_to_class(cls, name, private_only=private_only, **kwargs)
        self.opts = cls._meta
        if not cls._meta.abstract:
            if self.remote_field.related_name:
                related_name = self.remote_field.related_name
            else:
                related_name = self.opts.default_related_name
            if related_name:
                related_name %= {
                    "class": cls.__name__.lower(),
                    "model_name": cls._meta.model_name.lower(),
                    "app_label": cls._meta.app_label.lower(),
                }
                self.remote_field.related_name = related_name
            if self.remote_field.related_query_name:
                related_query_name = self.remote_field.related_query_name % {
                    "class": cls.__name__.lower(),
                    "app_label": cls._meta.app_label.lower(),
                }
                self.remote_field.related_query_name = related_query_name

            def resolve_related_class(model, related, field):
                field.remote_field.model = related
                field.do_related_class(related, model)

            lazy_related_operation(resolve_related_class, cls, self.remote_field.model, field=self)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self._limit_choices_to:
            kwargs["limit_choices_to"] = self._limit_choices_to
        if self._related_name is not None:
            kwargs["related_name"] = self._related_name
        if self._related_query_name is not None:
            kwargs["related_query_name"] = self._related_query_name
        return name, path, args, kwargs

    def get_forward_related_filter(self, obj):
        return {
            f"{self.name}__{rh_field.name}": getattr(obj, rh_field.attname)
            for _, rh_field in self.related_fields
        }

    def get_reverse_related_filter(self, obj):
        from framework.db.models.query_utils import Q

        return Q.create(
            [
                (rh_field.attname, getattr(obj, lh_field.attname))
                for lh_field, rh_field in self.related_fields
            ]
        )

    @property
    def swappable_setting(self):
        return None

    def set_attributes_from_rel(self):
        self.name = self.name or (
            self.remote_field.model._meta.model_name + "_" + self.remote_field.model._meta.pk.name
        )
        if self.verbose_name is None:
            self.verbose_name = self.remote_field.model._meta.verbose_name
        self.remote_field.set_field_name()

    def do_related_class(self, other, cls):
        self.set_attributes_from_rel()
        self.contribute_to_related_class(other, self.remote_field)

    def get_limit_choices_to(self):
        if callable(self.remote_field.limit_choices_to):
            return self.remote_field.limit_choices_to()
        return self.remote_field.limit_choices_to

    def related_query_name(self) -> str:
        """The name used to filter from the target model (``Author.objects.filter(book=)``)."""
        return (
            self.remote_field.related_query_name
            or self.remote_field.related_name
            or self.opts.model_name
        )

    @property
    def target_field(self):
        target_fields = self.path_infos[-1].target_fields
        if len(target_fields) > 1:
            raise FieldDoesNotExist(
                "The relation has multiple target fields, but only single "
                "target field was asked for"
            )
        return target_fields[0]

    def formfield(self, **kwargs):
        defaults = {}
        if hasattr(self.remote_field, "get_related_field"):
            limit_choices_to = self.remote_field.limit_choices_to
            defaults["limit_choices_to"] = limit_choices_to
        defaults.update(kwargs)
        return super().formfield(**defaults)


class ForeignKey(RelatedField):
    """A many-to-one relation: ``author = ForeignKey(Author, on_delete=CASCADE)``."""

    descriptor_class = ForeignKeyDeferredAttribute
    many_to_one = True
    one_to_many = False
    one_to_one = False
    related_accessor_class = ReverseManyToOneDescriptor
    forward_related_accessor_class = ForwardManyToOneDescriptor
    rel_class = ManyToOneRel
    empty_strings_allowed = False
    default_error_messages = {
        "invalid": "%(model)s instance with %(field)s %(value)r is not a valid choice."
    }
    description = "Foreign Key (type determined by related field)"
    requires_unique_target = True

    def __init__(
        self,
        to,
        on_delete=None,
        related_name=None,
        related_query_name=None,
        limit_choices_to=None,
        parent_link=False,
        to_field=None,
        db_constraint=True,
        **kwargs,
    ):
        if not isinstance(to, str):
            if not hasattr(to, "_meta"):
                raise TypeError(
                    f"{self.__class__.__name__}({to!r}) is invalid. First parameter to "
                    f"ForeignKey must be either a model, a model name, or the string "
                    f"{RECURSIVE_RELATIONSHIP_CONSTANT!r}"
                ) from None
            else:
                to_field = to_field or (to._meta.pk and to._meta.pk.name)
        if not callable(on_delete):
            raise TypeError("on_delete must be callable.")
        kwargs["rel"] = self.rel_class(
            self,
            to,
            to_field,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            parent_link=parent_link,
            on_delete=on_delete,
        )
        kwargs.setdefault("db_index", True)
        super().__init__(
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            **kwargs,
        )
        self.from_fields = [RECURSIVE_RELATIONSHIP_CONSTANT]
        self.to_fields = [to_field]
        self.db_constraint = db_constraint

    def __class_getitem__(cls, *args, **kwargs):
        return cls

    def contribute_to_class(self, cls, name, private_only=False, **kwargs):
        super().contribute_to_class(cls, name, private_only=private_only, **kwargs)
        setattr(cls, self.name, self.forward_related_accessor_class(self))

    def contribute_to_related_class(self, cls, related):
        if not self.remote_field.hidden and not related.related_model._meta.swapped:
            setattr(
                cls._meta.concrete_model,
                related.get_accessor_name(),
                self.related_accessor_class(related),
            )
            if self.remote_field.limit_choices_to:
                cls._meta.related_fkey_lookups.append(self.remote_field.limit_choices_to)
        if self.remote_field.field_name is None:
            self.remote_field.field_name = cls._meta.pk.name

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("db_index", None) if self.db_index else kwargs.update(db_index=False)
        if self.db_constraint is not True:
            kwargs["db_constraint"] = self.db_constraint
        kwargs["on_delete"] = self.remote_field.on_delete
        kwargs["to"] = (
            self.remote_field.model._meta.label_lower
            if not isinstance(self.remote_field.model, str)
            else self.remote_field.model
        )
        if self.remote_field.parent_link:
            kwargs["parent_link"] = True
        to_meta = getattr(self.remote_field.model, "_meta", None)
        if self.remote_field.field_name and (
            not to_meta or (to_meta.pk and self.remote_field.field_name != to_meta.pk.name)
        ):
            kwargs["to_field"] = self.remote_field.field_name
        return name, path, args, kwargs

    @cached_property
    def related_fields(self):
        return self.resolve_related_fields()

    def resolve_related_fields(self):
        if isinstance(self.remote_field.model, str):
            raise ValueError(f"Related model {self.remote_field.model!r} cannot be resolved")
        related_fields = []
        for from_field_name, to_field_name in zip(self.from_fields, self.to_fields):
            from_field = (
                self
                if from_field_name == RECURSIVE_RELATIONSHIP_CONSTANT
                else self.opts.get_field(from_field_name)
            )
            to_field = (
                self.remote_field.model._meta.pk
                if to_field_name is None
                else self.remote_field.model._meta.get_field(to_field_name)
            )
            related_fields.append((from_field, to_field))
        return related_fields

    @cached_property
    def local_related_fields(self):
        return tuple(lhs_field for lhs_field, rhs_field in self.related_fields)

    @cached_property
    def foreign_related_fields(self):
        return tuple(rhs_field for lhs_field, rhs_field in self.related_fields if rhs_field)

    def get_local_related_value(self, instance):
        return (getattr(instance, self.attname),)

    def get_foreign_related_value(self, instance):
        return tuple(getattr(instance, f.attname) for f in self.foreign_related_fields)

    def get_joining_columns(self, reverse_join=False):
        source = self.reverse_related_fields if reverse_join else self.related_fields
        return tuple((lhs_field.column, rhs_field.column) for lhs_field, rhs_field in source)

    @cached_property
    def reverse_related_fields(self):
        return [(rhs_field, lhs_field) for lhs_field, rhs_field in self.related_fields]

    def get_extra_restriction(self, alias, related_alias):
        return None

    def get_path_info(self, filtered_relation=None):
        opts = self.remote_field.model._meta
        from_opts = self.model._meta
        return [
            PathInfo(
                from_opts=from_opts,
                to_opts=opts,
                target_fields=self.foreign_related_fields,
                join_field=self,
                m2m=False,
                direct=True,
                filtered_relation=filtered_relation,
            )
        ]

    @cached_property
    def path_infos(self):
        return self.get_path_info()

    def get_reverse_path_info(self, filtered_relation=None):
        opts = self.model._meta
        from_opts = self.remote_field.model._meta
        return [
            PathInfo(
                from_opts=from_opts,
                to_opts=opts,
                target_fields=(opts.pk,),
                join_field=self.remote_field,
                m2m=not self.unique,
                direct=False,
                filtered_relation=filtered_relation,
            )
        ]

    @cached_property
    def reverse_path_infos(self):
        return self.get_reverse_path_info()

    def get_attname(self):
        return f"{self.name}_id"

    def get_attname_column(self):
        attname = self.get_attname()
        column = self.db_column or attname
        return attname, column

    def get_default(self):
        field_default = super().get_default()
        if isinstance(field_default, self.remote_field.model):
            return getattr(field_default, self.target_field.attname)
        return field_default

    def get_db_prep_save(self, value, connection):
        if value is None or (
            value == ""
            and (
                not self.target_field.empty_strings_allowed
                or connection.features.interprets_empty_strings_as_nulls
            )
        ):
            return None
        return self.target_field.get_db_prep_save(value, connection=connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        return self.target_field.get_db_prep_value(value, connection, prepared)

    def get_prep_value(self, value):
        return self.target_field.get_prep_value(value)

    def to_python(self, value):
        return self.target_field.to_python(value)

    def validate(self, value, model_instance):
        if self.remote_field.parent_link:
            return
        super().validate(value, model_instance)
        if value is None:
            return
        using = router.db_for_read(self.remote_field.model, instance=model_instance)
        qs = self.remote_field.model._base_manager.using(using).filter(
            **{self.remote_field.field_name: value}
        )
        qs = qs.complex_filter(self.get_limit_choices_to())
        if not qs.exists():
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={
                    "model": self.remote_field.model._meta.verbose_name,
                    "pk": value,
                    "field": self.remote_field.field_name,
                    "value": value,
                },
            )

    def db_type(self, connection):
        return self.target_field.rel_db_type(connection=connection)

    def cast_db_type(self, connection):
        return self.target_field.cast_db_type(connection=connection)

    def db_parameters(self, connection):
        return {"type": self.db_type(connection), "check": None}

    def get_db_converters(self, connection):
        converters = super().get_db_converters(connection)
        return converters

    def get_col(self, alias, output_field=None):
        if output_field is None:
            output_field = self.target_field
            while isinstance(output_field, ForeignKey):
                output_field = output_field.target_field
                if output_field is self:
                    raise ValueError("Cannot resolve output_field.")
        return _expressions().Col(alias, self, output_field)

    def value_to_string(self, obj):
        return str(self.value_from_object(obj))

    def formfield(self, *, using=None, **kwargs):
        if isinstance(self.remote_field.model, str):
            raise ValueError(
                f"Cannot create form field for {self.name!r} yet, because its related model "
                f"{self.remote_field.model!r} has not been loaded yet"
            )
        return super().formfield(
            **{
                "form_class": forms.ModelChoiceField,
                "queryset": self.remote_field.model._default_manager.using(using),
                "to_field_name": self.remote_field.field_name,
                **kwargs,
                "blank": self.blank,
            }
        )


class OneToOneField(ForeignKey):
    """A unique ForeignKey; the reverse side returns one object (``place.restaurant``)."""

    many_to_many = False
    many_to_one = False
    one_to_many = False
    one_to_one = True
    related_accessor_class = ReverseOneToOneDescriptor
    forward_related_accessor_class = ForwardOneToOneDescriptor
    rel_class = OneToOneRel
    description = "One-to-one relationship"

    def __init__(self, to, on_delete=None, to_field=None, **kwargs):
        kwargs["unique"] = True
        super().__init__(to, on_delete, to_field=to_field, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if "unique" in kwargs:
            del kwargs["unique"]
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        if self.remote_field.parent_link:
            return None
        return super().formfield(**kwargs)

    def save_form_data(self, instance, data):
        if isinstance(data, self.remote_field.model):
            setattr(instance, self.name, data)
        else:
            setattr(instance, self.attname, data)
            if getattr(instance, self.name, None) is not None:
                self.delete_cached_value(instance)


def create_many_to_many_intermediary_model(field, klass):
    """Build the auto-created through model of a ManyToManyField."""
    from framework.db import models
    from framework.db.models.deletion import CASCADE

    def set_managed(model, related, through):
        through._meta.managed = model._meta.managed or related._meta.managed

    to_model = resolve_relation(klass, field.remote_field.model)
    name = f"{klass._meta.object_name}_{field.name}"
    lazy_related_operation(set_managed, klass, to_model, name)
    to = make_model_tuple(to_model)[1]
    from_ = klass._meta.model_name
    if to == from_:
        to = f"to_{to}"
        from_ = f"from_{from_}"
    meta = type(
        "Meta",
        (),
        {
            "db_table": field._get_m2m_db_table(klass._meta),
            "auto_created": klass,
            "app_label": klass._meta.app_label,
            "db_tablespace": klass._meta.db_tablespace,
            "unique_together": (from_, to),
            "verbose_name": f"{from_}-{to} relationship",
            "verbose_name_plural": f"{from_}-{to} relationships",
            "apps": field.model._meta.apps,
        },
    )
    return type(
        name,
        (models.Model,),
        {
            "Meta": meta,
            "__module__": klass.__module__,
            from_: models.ForeignKey(
                klass,
                related_name=f"{name}+",
                db_tablespace=None,
                db_constraint=field.remote_field.db_constraint,
                on_delete=CASCADE,
            ),
            to: models.ForeignKey(
                to_model,
                related_name=f"{name}+",
                db_tablespace=None,
                db_constraint=field.remote_field.db_constraint,
                on_delete=CASCADE,
            ),
        },
    )


class ManyToManyField(RelatedField):
    """A many-to-many relation through an auto-created (or given) intermediate table."""

    many_to_many = True
    many_to_one = False
    one_to_many = False
    one_to_one = False
    rel_class = ManyToManyRel
    description = "Many-to-many relationship"

    def __init__(
        self,
        to,
        related_name=None,
        related_query_name=None,
        limit_choices_to=None,
        symmetrical=None,
        through=None,
        through_fields=None,
        db_constraint=True,
        db_table=None,
        swappable=True,
        **kwargs,
    ):
        if not isinstance(to, str):
            if not hasattr(to, "_meta"):
                raise TypeError(
                    f"{self.__class__.__name__}({to!r}) is invalid. First parameter to "
                    f"ManyToManyField must be either a model, a model name, or the string "
                    f"{RECURSIVE_RELATIONSHIP_CONSTANT!r}"
                ) from None
        if symmetrical is None:
            symmetrical = to == RECURSIVE_RELATIONSHIP_CONSTANT
        if through is not None and db_table is not None:
            raise ValueError("Cannot specify a db_table if an intermediary model is used.")
        kwargs["rel"] = self.rel_class(
            self,
            to,
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            symmetrical=symmetrical,
            through=through,
            through_fields=through_fields,
            db_constraint=db_constraint,
        )
        self.has_null_arg = "null" in kwargs
        super().__init__(
            related_name=related_name,
            related_query_name=related_query_name,
            limit_choices_to=limit_choices_to,
            **kwargs,
        )
        self.db_table = db_table
        self.swappable = swappable

    def get_attname_column(self):
        attname, _ = super().get_attname_column()
        return attname, None

    def _get_path_info(self, direct=False, filtered_relation=None):
        int_model = self.remote_field.through
        linkfield1 = int_model._meta.get_field(self.m2m_field_name())
        linkfield2 = int_model._meta.get_field(self.m2m_reverse_field_name())
        if direct:
            join1infos = linkfield1.reverse_path_infos
            if filtered_relation:
                join2infos = linkfield2.get_path_info(filtered_relation)
            else:
                join2infos = linkfield2.path_infos
        else:
            join1infos = linkfield2.reverse_path_infos
            if filtered_relation:
                join2infos = linkfield1.get_path_info(filtered_relation)
            else:
                join2infos = linkfield1.path_infos
        join1_final = join1infos[-1].to_opts
        join2_initial = join2infos[0].from_opts
        if join1_final is join2_initial:
            intermediate_infos = []
        elif issubclass(join1_final.model, join2_initial.model):
            intermediate_infos = join1_final.get_path_to_parent(join2_initial.model)
        else:
            intermediate_infos = join2_initial.get_path_from_parent(join1_final.model)
        return [*join1infos, *intermediate_infos, *join2infos]

    def get_path_info(self, filtered_relation=None):
        return self._get_path_info(direct=True, filtered_relation=filtered_relation)

    @cached_property
    def path_infos(self):
        return self.get_path_info()

    def get_reverse_path_info(self, filtered_relation=None):
        return self._get_path_info(direct=False, filtered_relation=filtered_relation)

    @cached_property
    def reverse_path_infos(self):
        return self.get_reverse_path_info()

    def _get_m2m_db_table(self, opts):
        if self.remote_field.through is not None:
            return self.remote_field.through._meta.db_table
        if self.db_table:
            return self.db_table
        name = f"{opts.db_table}_{self.name}"
        return name

    def _get_m2m_attr(self, related, attr):
        cache_attr = f"_m2m_{attr}_cache"
        if hasattr(self, cache_attr):
            return getattr(self, cache_attr)
        if self.remote_field.through_fields is not None:
            link_field_name = self.remote_field.through_fields[0]
        else:
            link_field_name = None
        for f in self.remote_field.through._meta.fields:
            if (
                f.is_relation
                and f.remote_field.model == related.related_model
                and (link_field_name is None or link_field_name == f.name)
            ):
                setattr(self, cache_attr, getattr(f, attr))
                return getattr(self, cache_attr)
        return None

    def _get_m2m_reverse_attr(self, related, attr):
        cache_attr = f"_m2m_reverse_{attr}_cache"
        if hasattr(self, cache_attr):
            return getattr(self, cache_attr)
        found = False
        if self.remote_field.through_fields is not None:
            link_field_name = self.remote_field.through_fields[1]
        else:
            link_field_name = None
        for f in self.remote_field.through._meta.fields:
            if f.is_relation and f.remote_field.model == related.model:
                if link_field_name is None and related.related_model == related.model:
                    if found:
                        setattr(self, cache_attr, getattr(f, attr))
                        break
                    found = True
                elif link_field_name is None or link_field_name == f.name:
                    setattr(self, cache_attr, getattr(f, attr))
                    break
        return getattr(self, cache_attr)

    def contribute_to_class(self, cls, name, **kwargs):
        if self.remote_field.symmetrical and (
            self.remote_field.model in ("self", cls._meta.object_name)
        ):
            self.remote_field.related_name = f"{name}_rel_+"
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            if self.remote_field.through:

                def resolve_through_model(_, model, field):
                    field.remote_field.through = model

                lazy_related_operation(
                    resolve_through_model, cls, self.remote_field.through, field=self
                )
            elif not cls._meta.swapped:
                self.remote_field.through = create_many_to_many_intermediary_model(self, cls)
        setattr(cls, self.name, ManyToManyDescriptor(self.remote_field, reverse=False))
        self.m2m_db_table = functools.partial(self._get_m2m_db_table, cls._meta)

    def contribute_to_related_class(self, cls, related):
        if not self.remote_field.hidden and not related.related_model._meta.swapped:
            setattr(
                cls,
                related.get_accessor_name(),
                ManyToManyDescriptor(self.remote_field, reverse=True),
            )
        self.m2m_column_name = functools.partial(self._get_m2m_attr, related, "column")
        self.m2m_reverse_name = functools.partial(self._get_m2m_reverse_attr, related, "column")
        self.m2m_field_name = functools.partial(self._get_m2m_attr, related, "name")
        self.m2m_reverse_field_name = functools.partial(self._get_m2m_reverse_attr, related, "name")
        get_m2m_rel = functools.partial(self._get_m2m_attr, related, "remote_field")
        self.m2m_target_field_name = lambda: get_m2m_rel().field_name
        get_m2m_reverse_rel = functools.partial(self._get_m2m_reverse_attr, related, "remote_field")
        self.m2m_reverse_target_field_name = lambda: get_m2m_reverse_rel().field_name

    def set_attributes_from_rel(self):
        pass

    def value_from_object(self, obj):
        return [] if obj.pk is None else list(getattr(obj, self.attname).all())

    def save_form_data(self, instance, data):
        getattr(instance, self.attname).set(data)

    def formfield(self, *, using=None, **kwargs):
        defaults = {
            "form_class": forms.ModelMultipleChoiceField,
            "queryset": self.remote_field.model._default_manager.using(using),
            **kwargs,
        }
        if defaults.get("initial") is not None:
            initial = defaults["initial"]
            if callable(initial):
                initial = initial()
            defaults["initial"] = [i.pk for i in initial]
        return super().formfield(**defaults)

    def db_check(self, connection):
        return None

    def db_type(self, connection):
        return None

    def db_parameters(self, connection):
        return {"type": None, "check": None}

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.db_table is not None:
            kwargs["db_table"] = self.db_table
        if self.remote_field.db_constraint is not True:
            kwargs["db_constraint"] = self.remote_field.db_constraint
        model = self.remote_field.model
        kwargs["to"] = model if isinstance(model, str) else model._meta.label_lower
        through = self.remote_field.through
        if through is not None and not (
            not isinstance(through, str) and through._meta.auto_created
        ):
            kwargs["through"] = through if isinstance(through, str) else (through._meta.label_lower)
        return name, path, args, kwargs


__all__: list[Any] = ["ForeignKey", "ManyToManyField", "OneToOneField", "RelatedField"]
