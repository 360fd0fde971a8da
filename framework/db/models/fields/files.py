"""FileField and ImageField: a path stored in a varchar column; the file lives in storage."""

from __future__ import annotations

import datetime
import posixpath
from typing import Any

from framework.db.models.fields.base import Field


class FieldFile:
    """The value of a FileField on an instance: ``name``, ``url``, ``path``, ``save()``."""

    def __init__(self, instance, field, name):
        self.instance = instance
        self.field = field
        self.name = name
        self._committed = True

    def __str__(self):
        return self.name or ""

    def __repr__(self):
        return f"<{type(self).__name__}: {self or 'None'}>"

    def __bool__(self):
        return bool(self.name)

    def __eq__(self, other):
        if hasattr(other, "name"):
            return self.name == other.name
        return self.name == other

    def __hash__(self):
        return hash(self.name)

    @property
    def storage(self):
        return self.field.storage

    @property
    def url(self):
        self._require_file()
        return self.storage.url(self.name)

    @property
    def path(self):
        self._require_file()
        return self.storage.path(self.name)

    @property
    def size(self):
        self._require_file()
        return self.storage.size(self.name)

    def _require_file(self):
        if not self:
            raise ValueError(f"The {self.field.name!r} attribute has no file associated with it.")

    def open(self, mode="rb"):
        self._require_file()
        return self.storage.open(self.name, mode)

    def save(self, name, content, save=True):
        name = self.field.generate_filename(self.instance, name)
        self.name = self.storage.save(name, content, max_length=self.field.max_length)
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()

    save.alters_data = True

    def delete(self, save=True):
        if not self:
            return
        self.storage.delete(self.name)
        self.name = None
        setattr(self.instance, self.field.attname, self.name)
        self._committed = False
        if save:
            self.instance.save()

    delete.alters_data = True


class FileDescriptor:
    """Turns the stored name into a FieldFile on attribute access."""

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = instance.__dict__.get(self.field.attname)
        if value is None or isinstance(value, str):
            attr = self.field.attr_class(instance, self.field, value)
            instance.__dict__[self.field.attname] = attr
            return attr
        if isinstance(value, FieldFile):
            return value
        # An uploaded/File object assigned but not saved yet.
        file_copy = self.field.attr_class(instance, self.field, getattr(value, "name", None))
        file_copy.file = value
        file_copy._committed = False
        instance.__dict__[self.field.attname] = file_copy
        return file_copy

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class FileField(Field):
    """A file uploaded to ``storage`` under ``upload_to``; the column holds its name."""

    attr_class = FieldFile
    descriptor_class = FileDescriptor
    description = "File"

    def __init__(self, verbose_name=None, name=None, upload_to="", storage=None, **kwargs):
        self._primary_key_set_explicitly = "primary_key" in kwargs
        self._storage = storage
        self.upload_to = upload_to
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    @property
    def storage(self):
        storage = self._storage
        if callable(storage):
            storage = storage()
        if storage is None:
            from framework.core.files.storage import default_storage

            storage = default_storage
        return storage

    def get_internal_type(self):
        return "FileField"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return str(value)

    def pre_save(self, model_instance, add):
        file = super().pre_save(model_instance, add)
        if isinstance(file, FieldFile) and file and not file._committed:
            file.save(file.name, getattr(file, "file", None), save=False)
        return file

    def generate_filename(self, instance, filename):
        if callable(self.upload_to):
            filename = self.upload_to(instance, filename)
        else:
            dirname = datetime.datetime.now().strftime(str(self.upload_to))
            filename = posixpath.join(dirname, posixpath.basename(filename))
        return filename

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 100:
            del kwargs["max_length"]
        kwargs["upload_to"] = self.upload_to
        if self._storage is not None:
            kwargs["storage"] = self._storage
        return name, path, args, kwargs

    def value_to_string(self, obj):
        return str(self.value_from_object(obj) or "")

    def formfield(self, **kwargs):
        from framework import forms

        return super().formfield(
            **{"form_class": forms.FileField, "max_length": self.max_length, **kwargs}
        )


class ImageFieldFile(FieldFile):
    pass


class ImageField(FileField):
    """A FileField for images (width/height fields are not filled yet)."""

    attr_class = ImageFieldFile
    description = "Image"

    def __init__(self, verbose_name=None, name=None, width_field=None, height_field=None, **kwargs):
        self.width_field, self.height_field = width_field, height_field
        super().__init__(verbose_name, name, **kwargs)

    def formfield(self, **kwargs):
        from framework import forms

        return super().formfield(**{"form_class": forms.ImageField, **kwargs})


class FilePathField(Field):
    """A path chosen from a directory (stored as text)."""

    description = "File path"

    def __init__(
        self,
        verbose_name=None,
        name=None,
        path="",
        match=None,
        recursive=False,
        allow_files=True,
        allow_folders=False,
        **kwargs,
    ):
        self.path, self.match, self.recursive = path, match, recursive
        self.allow_files, self.allow_folders = allow_files, allow_folders
        kwargs.setdefault("max_length", 100)
        super().__init__(verbose_name, name, **kwargs)

    def get_internal_type(self):
        return "FilePathField"


__all__: list[Any] = ["FieldFile", "FileField", "FilePathField", "ImageField"]
