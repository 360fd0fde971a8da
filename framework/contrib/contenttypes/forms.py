"""Generic inline formsets: edit the items whose generic key points at one object."""

from __future__ import annotations

from typing import Any

from framework.contrib.contenttypes.models import ContentType
from framework.forms.model_formsets import BaseModelFormSet, modelformset_factory
from framework.forms.models import ModelForm


class BaseGenericInlineFormSet(BaseModelFormSet):
    """A model formset of the ``model`` rows pointing at ``instance`` through a generic key."""

    ct_field: Any = None
    ct_fk_field: Any = None
    for_concrete_model = True

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        instance: Any = None,
        save_as_new: bool = False,
        prefix: str | None = None,
        queryset: Any = None,
        **kwargs: Any,
    ):
        opts = self.model._meta
        self.instance = instance
        self.rel_name = (
            f"{opts.app_label}-{opts.model_name}-{self.ct_field.name}-{self.ct_fk_field.name}"
        )
        self.save_as_new = save_as_new
        if self.instance is None or self.instance.pk is None:
            qs = self.model._default_manager.none()
        else:
            if queryset is None:
                queryset = self.model._default_manager
            qs = queryset.filter(
                **{
                    self.ct_field.name: ContentType.objects.get_for_model(
                        self.instance, for_concrete_model=self.for_concrete_model
                    ),
                    self.ct_fk_field.name: self.instance.pk,
                }
            )
        super().__init__(queryset=qs, data=data, files=files, prefix=prefix, **kwargs)

    def initial_form_count(self) -> int:
        if self.save_as_new:
            return 0
        return super().initial_form_count()

    @classmethod
    def get_default_prefix(cls) -> str:
        opts = cls.model._meta
        return f"{opts.app_label}-{opts.model_name}-{cls.ct_field.name}-{cls.ct_fk_field.name}"

    def save_new(self, form: Any, commit: bool = True) -> Any:
        setattr(
            form.instance,
            self.ct_field.get_attname(),
            ContentType.objects.get_for_model(
                self.instance, for_concrete_model=self.for_concrete_model
            ).pk,
        )
        setattr(form.instance, self.ct_fk_field.get_attname(), self.instance.pk)
        return form.save(commit=commit)


def generic_inlineformset_factory(
    model: type,
    form: type = ModelForm,
    formset: type = BaseGenericInlineFormSet,
    ct_field: str = "content_type",
    fk_field: str = "object_id",
    fields: Any = None,
    exclude: Any = None,
    extra: int = 3,
    can_order: bool = False,
    can_delete: bool = True,
    max_num: int | None = None,
    formfield_callback: Any = None,
    validate_max: bool = False,
    for_concrete_model: bool = True,
    min_num: int | None = None,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
) -> type:
    """A formset class editing ``model`` rows attached to an object by a generic key.

    ``ct_field`` must be a ForeignKey to ContentType; both key fields are left out
    of the forms and filled on save.
    """
    opts = model._meta
    ct_field_obj = opts.get_field(ct_field)
    if (
        not ct_field_obj.is_relation
        or not ct_field_obj.many_to_one
        or ct_field_obj.remote_field.model != ContentType
    ):
        raise ValueError(
            f"{ct_field!r} of {opts.label} must be a ForeignKey to ContentType ({ct_field_obj!r})."
        )
    fk_field_obj = opts.get_field(fk_field)
    exclude = [*(exclude or []), ct_field_obj.name, fk_field_obj.name]
    formset_class = modelformset_factory(
        model,
        form=form,
        formfield_callback=formfield_callback,
        formset=formset,
        extra=extra,
        can_delete=can_delete,
        can_order=can_order,
        fields=fields,
        exclude=exclude,
        max_num=max_num,
        validate_max=validate_max,
        min_num=min_num,
        validate_min=validate_min,
        absolute_max=absolute_max,
        can_delete_extra=can_delete_extra,
    )
    formset_class.ct_field = ct_field_obj
    formset_class.ct_fk_field = fk_field_obj
    formset_class.for_concrete_model = for_concrete_model
    return formset_class
