"""``ContentType``: a row naming one installed model, with a per-process cache."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from framework.apps import apps
from framework.db import models


class ContentTypeManager(models.Manager):
    """Manager of ``ContentType`` with a per-process cache keyed by database alias."""

    use_in_migrations = True

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # {db alias: {(app_label, model): ct, id: ct}}: content types never change
        # once created, so one lookup per process is enough.
        self._cache: dict[str, dict[Any, ContentType]] = {}

    def get_by_natural_key(self, app_label: str, model: str) -> ContentType:
        """Return the content type of ``app_label.model`` (cached)."""
        try:
            return self._cache[self.db][(app_label, model)]
        except KeyError:
            ct = self.get(app_label=app_label, model=model)
            self._add_to_cache(self.db, ct)
            return ct

    def _get_opts(self, model: Any, for_concrete_model: bool) -> Any:
        if for_concrete_model:
            model = model._meta.concrete_model
        return model._meta

    def _get_from_cache(self, opts: Any) -> ContentType:
        return self._cache[self.db][(opts.app_label, opts.model_name)]

    def get_for_model(self, model: Any, for_concrete_model: bool = True) -> ContentType:
        """Return the content type of ``model`` (a class or an instance), creating it if needed."""
        opts = self._get_opts(model, for_concrete_model)
        try:
            return self._get_from_cache(opts)
        except KeyError:
            pass
        try:
            ct = self.get(app_label=opts.app_label, model=opts.model_name)
        except self.model.DoesNotExist:
            ct, _ = self.get_or_create(app_label=opts.app_label, model=opts.model_name)
        self._add_to_cache(self.db, ct)
        return ct

    def get_for_models(self, *models_: Any, for_concrete_models: bool = True) -> dict:
        """Return ``{model: content type}`` for several models in at most one query."""
        results: dict[Any, ContentType] = {}
        needed: dict[str, set[str]] = defaultdict(set)
        needed_models: dict[tuple[str, str], list] = defaultdict(list)
        for model in models_:
            opts = self._get_opts(model, for_concrete_models)
            try:
                results[model] = self._get_from_cache(opts)
            except KeyError:
                needed[opts.app_label].add(opts.model_name)
                needed_models[(opts.app_label, opts.model_name)].append(model)
        if needed:
            condition = models.Q()
            for app_label, names in needed.items():
                condition |= models.Q(app_label=app_label, model__in=sorted(names))
            for ct in self.filter(condition):
                for model in needed_models.pop((ct.app_label, ct.model), ()):
                    results[model] = ct
                self._add_to_cache(self.db, ct)
        for (app_label, model_name), model_list in needed_models.items():
            ct = self.create(app_label=app_label, model=model_name)
            self._add_to_cache(self.db, ct)
            for model in model_list:
                results[model] = ct
        return results

    def get_for_id(self, id: int) -> ContentType:
        """Return the content type with primary key ``id`` (cached)."""
        try:
            return self._cache[self.db][id]
        except KeyError:
            ct = self.get(pk=id)
            self._add_to_cache(self.db, ct)
            return ct

    def clear_cache(self) -> None:
        """Forget every cached content type (tests, after flushing the table)."""
        self._cache.clear()

    def _add_to_cache(self, using: str, ct: ContentType) -> None:
        cache = self._cache.setdefault(using, {})
        cache[(ct.app_label, ct.model)] = ct
        cache[ct.id] = ct


class ContentType(models.Model):
    """An installed model, named by ``app_label`` and ``model`` (its lowercased class name)."""

    app_label = models.CharField(max_length=100)
    model = models.CharField("python model class name", max_length=100)

    objects = ContentTypeManager()

    class Meta:
        app_label = "contenttypes"
        verbose_name = "content type"
        verbose_name_plural = "content types"
        db_table = "framework_content_type"
        unique_together = [["app_label", "model"]]

    def __str__(self) -> str:
        return self.app_labeled_name

    @property
    def name(self) -> str:
        """The model's verbose name, or the stored name if the model is gone."""
        model = self.model_class()
        if not model:
            return self.model
        return str(model._meta.verbose_name)

    @property
    def app_labeled_name(self) -> str:
        """``"App verbose name | model verbose name"``."""
        model = self.model_class()
        if not model:
            return self.model
        return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name}"

    def model_class(self) -> type | None:
        """Return the model class, or None if it is no longer installed."""
        try:
            return apps.get_model(self.app_label, self.model)
        except LookupError:
            return None

    def get_object_for_this_type(self, using: str | None = None, **kwargs: Any) -> Any:
        """Return the object of this type matching ``kwargs`` (DoesNotExist if none)."""
        return self.model_class()._base_manager.using(using or self._state.db).get(**kwargs)

    def get_all_objects_for_this_type(self, **kwargs: Any) -> Any:
        """Return a QuerySet of the objects of this type matching ``kwargs``."""
        return self.model_class()._base_manager.using(self._state.db).filter(**kwargs)

    def natural_key(self) -> tuple[str, str]:
        """``(app_label, model)``."""
        return (self.app_label, self.model)
