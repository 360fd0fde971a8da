"""MultiWidget/MultiValueField, SplitDateTime, ClearableFileInput, DurationField,
GenericIPAddressField and ImageField."""

from __future__ import annotations

import datetime
import io

import pytest

from framework import forms
from framework.core.exceptions import ImproperlyConfigured
from framework.core.files.uploadedfile import SimpleUploadedFile


class PhoneWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        return value.split("-", 1) if value else [None, None]


class PhoneField(forms.MultiValueField):
    widget = PhoneWidget

    def __init__(self, **kwargs):
        fields = (forms.CharField(max_length=3), forms.CharField(max_length=7))
        super().__init__(fields, **kwargs)

    def compress(self, data_list):
        return "-".join(data_list) if data_list else ""


class PhoneForm(forms.Form):
    phone = PhoneField()


def test_multiwidget_renders_subwidgets_and_reads_parts():
    """Each part renders as name_0, name_1; a stored value is decompressed."""
    html = str(PhoneForm(initial={"phone": "555-1234567"})["phone"])
    assert 'name="phone_0" value="555"' in html
    assert 'name="phone_1" value="1234567"' in html
    assert 'id="id_phone_0"' in html
    form = PhoneForm(data={"phone_0": "555", "phone_1": "7654321"})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == "555-7654321"


def test_multiwidget_dict_names():
    """A dict of widgets uses its keys as suffixes (empty key: the bare name)."""
    widget = forms.MultiWidget({"": forms.TextInput(), "ext": forms.TextInput()})
    assert widget.value_from_datadict({"tel": "1", "tel_ext": "2"}, {}, "tel") == ["1", "2"]


def test_multivaluefield_errors():
    """Missing parts are "required"; each part's own validation applies."""
    assert PhoneForm(data={}).errors["phone"] == ["This field is required."]
    form = PhoneForm(data={"phone_0": "5555", "phone_1": "1"})
    assert form.errors["phone"] == ["Ensure this value has at most 3 characters (it has 4)."]
    form = PhoneForm(data={"phone_0": "555", "phone_1": ""})
    assert form.errors["phone"] == ["This field is required."]


def test_multivaluefield_not_all_required():
    """With require_all_fields=False an empty required part is "incomplete"."""

    class Field(PhoneField):
        def __init__(self, **kwargs):
            forms.MultiValueField.__init__(
                self,
                (forms.CharField(), forms.CharField(required=False)),
                require_all_fields=False,
                **kwargs,
            )

    field = Field(required=False)
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean(["", "x"])
    assert excinfo.value.messages == ["Enter a complete value."]
    assert field.clean(["a", ""]) == "a-"


def test_split_datetime_field(settings):
    """Date and time inputs combine into an aware datetime in the current time zone."""
    settings.USE_TZ = True
    settings.TIME_ZONE = "UTC"

    class Form(forms.Form):
        when = forms.SplitDateTimeField()

    form = Form(data={"when_0": "2024-05-06", "when_1": "07:08:09"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    form = Form(data={"when_0": "nope", "when_1": "07:08"})
    assert form.errors["when"] == ["Enter a valid date."]
    form = Form(data={"when_0": "2024-05-06", "when_1": "25:99"})
    assert form.errors["when"] == ["Enter a valid time."]
    html = str(Form(initial={"when": datetime.datetime(2024, 1, 2, 3, 4)})["when"])
    assert 'name="when_0" value="2024-01-02"' in html
    assert 'name="when_1" value="03:04:00"' in html


def test_split_hidden_datetime_widget():
    """SplitHiddenDateTimeWidget renders two hidden inputs."""
    html = forms.SplitHiddenDateTimeWidget().render("d", datetime.datetime(2024, 1, 2, 3, 4))
    assert html.count('type="hidden"') == 2


def test_duration_field():
    """Durations parse from [DD] [HH:[MM:]]ss[.uuuuuu] and ISO 8601; bad text is invalid."""
    field = forms.DurationField()
    assert field.clean("1 02:03:04") == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert field.clean("30") == datetime.timedelta(seconds=30)
    assert field.clean("P2DT3H") == datetime.timedelta(days=2, hours=3)
    assert field.clean("00:00:01.5") == datetime.timedelta(seconds=1, microseconds=500000)
    for bad in ("abc", "1:2:3:4", "99999999999 00:00:00"):
        with pytest.raises(forms.ValidationError):
            field.clean(bad)
    assert field.prepare_value(datetime.timedelta(days=1, seconds=5)) == "1 00:00:05"


def test_generic_ip_address_field():
    """IPv4/IPv6 addresses are validated and IPv6 normalised; protocol restricts."""
    field = forms.GenericIPAddressField()
    assert field.clean("127.0.0.1") == "127.0.0.1"
    assert field.clean("2001:0db8:0000:0000:0000:0000:0000:0001") == "2001:db8::1"
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean("256.1.1.1")
    assert excinfo.value.messages == ["Enter a valid IPv4 or IPv6 address."]
    with pytest.raises(forms.ValidationError):
        field.clean("1:2:::3")
    v4 = forms.GenericIPAddressField(protocol="IPv4")
    with pytest.raises(forms.ValidationError):
        v4.clean("::1")
    unpack = forms.GenericIPAddressField(unpack_ipv4=True)
    assert unpack.clean("::ffff:10.0.0.1") == "10.0.0.1"


class UploadForm(forms.Form):
    doc = forms.FileField(required=False)


def test_clearable_file_input_shows_current_file_and_clear_box():
    """With a stored file the widget links to it and offers a "Clear" checkbox."""

    class Stored:
        url = "/media/a.txt"

        def __str__(self):
            return "a.txt"

    html = str(UploadForm(initial={"doc": Stored()})["doc"])
    assert 'Currently: <a href="/media/a.txt">a.txt</a>' in html
    assert 'name="doc-clear"' in html
    assert "Clear" in html and "Change:" in html


def test_clearable_file_input_clear_and_contradiction():
    """Ticking "clear" empties the field; a file and "clear" together is an error."""
    form = UploadForm(data={"doc-clear": "on"}, files={}, initial={"doc": "old.txt"})
    assert form.is_valid()
    assert form.cleaned_data["doc"] is False
    upload = SimpleUploadedFile("b.txt", b"data")
    form = UploadForm(data={"doc-clear": "on"}, files={"doc": upload})
    assert form.errors["doc"] == [
        "Please either submit a file or check the clear checkbox, not both."
    ]


def _png_bytes() -> bytes:
    image_module = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    image_module.new("RGB", (2, 2), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_image_field_accepts_images_and_rejects_others():
    """A real PNG is accepted (with its content type); other bytes are invalid_image."""
    data = _png_bytes()

    class Form(forms.Form):
        picture = forms.ImageField()

    form = Form(files={"picture": SimpleUploadedFile("a.png", data)}, data={})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["picture"].content_type == "image/png"
    assert 'accept="image/*"' in str(Form()["picture"])
    form = Form(files={"picture": SimpleUploadedFile("a.png", b"not an image")}, data={})
    assert form.errors["picture"] == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]


def test_image_field_without_pillow_is_a_clear_error(monkeypatch):
    """Without Pillow, declaring an ImageField fails with an install hint."""
    import sys

    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ImproperlyConfigured, match="pip install Pillow"):
        forms.ImageField()
