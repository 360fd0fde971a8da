"""ModelForm, modelform_factory, ModelChoiceField and ModelMultipleChoiceField."""

from __future__ import annotations

import datetime
import decimal

import pytest

from framework import forms
from framework.core.exceptions import FieldError, ImproperlyConfigured
from framework.forms.models import construct_instance, fields_for_model, model_to_dict
from tests.forms.modelforms_app.fixtures import db, modelforms_backends  # noqa: F401


def _models():
    from tests.forms.modelforms_app import models

    return models


@pytest.fixture
def m(db):  # noqa: F811
    """The test models (imported once the app is installed)."""
    return _models()


@pytest.fixture
def writer(m):
    return m.Writer.objects.create(name="Mike Royko")


def article_form(m):
    class ArticleForm(forms.ModelForm):
        class Meta:
            model = m.Article
            fields = "__all__"

    return ArticleForm


def article_data(author, /, **extra):
    data = {
        "headline": "Test headline",
        "slug": "test-headline",
        "pub_date": "1984-02-06",
        "writer": str(author.pk),
        "article": "Hello.",
        "views": "3",
    }
    data.update(extra)
    return data


# ----------------------------------------------------------------- class creation


def test_all_fields_in_declaration_order_without_non_editable(m):
    """fields = "__all__" gives every editable field in model order; editable=False is left out."""
    form_class = article_form(m)
    assert list(form_class.base_fields) == [
        "headline",
        "slug",
        "pub_date",
        "writer",
        "article",
        "categories",
        "status",
        "views",
    ]
    fields = form_class.base_fields
    assert isinstance(fields["writer"], forms.ModelChoiceField)
    assert isinstance(fields["categories"], forms.ModelMultipleChoiceField)
    assert isinstance(fields["status"], forms.TypedChoiceField)
    assert isinstance(fields["pub_date"], forms.DateField)
    assert isinstance(fields["article"].widget, forms.Textarea)
    assert fields["headline"].max_length == 50
    assert fields["categories"].required is False


def test_missing_fields_and_exclude_is_improperly_configured(m):
    """Leaving out both Meta.fields and Meta.exclude raises Django's message naming the form."""
    with pytest.raises(ImproperlyConfigured) as excinfo:

        class NoFields(forms.ModelForm):
            class Meta:
                model = m.Writer

    assert str(excinfo.value) == (
        "Creating a ModelForm without either the 'fields' attribute or the 'exclude' "
        "attribute is prohibited; form NoFields needs updating."
    )


def test_fields_as_string_is_a_type_error(m):
    """Meta.fields = "name" (a string, not a tuple) is caught with a hint."""
    with pytest.raises(TypeError, match=r"Did you mean to type: \('name',\)\?"):

        class Bad(forms.ModelForm):
            class Meta:
                model = m.Writer
                fields = "name"


def test_unknown_and_non_editable_fields_are_field_errors(m):
    """A name that is no model field, or a non-editable field, fails at class creation."""
    with pytest.raises(FieldError, match=r"Unknown field\(s\) \(nope\) specified for Writer"):

        class Unknown(forms.ModelForm):
            class Meta:
                model = m.Writer
                fields = ["name", "nope"]

    with pytest.raises(FieldError, match="'created' cannot be specified for Article model form"):

        class NonEditable(forms.ModelForm):
            class Meta:
                model = m.Article
                fields = ["headline", "created"]


def test_meta_options_customise_fields(m):
    """widgets, labels, help_texts, error_messages and field_classes apply per field."""

    class WriterForm(forms.ModelForm):
        class Meta:
            model = m.Writer
            fields = ["name", "email"]
            widgets = {"name": forms.Textarea(attrs={"rows": 2})}
            labels = {"name": "Full name"}
            help_texts = {"email": "Where we write to you."}
            error_messages = {"name": {"required": "We need a name."}}
            field_classes = {"email": forms.CharField}

    form = WriterForm(data={"email": ""})
    assert isinstance(form.fields["name"].widget, forms.Textarea)
    assert form.fields["name"].label == "Full name"
    assert form.fields["email"].help_text == "Where we write to you."
    assert type(form.fields["email"]) is forms.CharField
    assert form.errors["name"] == ["We need a name."]
    assert form.fields["name"].help_text == "Use both first and last names."


def test_exclude_and_declared_fields_override(m):
    """exclude removes fields; a declared field replaces the generated one."""

    class WriterForm(forms.ModelForm):
        name = forms.CharField(max_length=5)

        class Meta:
            model = m.Writer
            exclude = ["email"]

    assert list(WriterForm.base_fields) == ["name"]
    assert WriterForm.base_fields["name"].max_length == 5


def test_modelform_factory(m):
    """modelform_factory builds a named ModelForm class and requires fields or exclude."""
    form_class = forms.modelform_factory(m.Writer, fields=["name"], labels={"name": "Who"})
    assert form_class.__name__ == "WriterForm"
    assert form_class.base_fields["name"].label == "Who"
    with pytest.raises(ImproperlyConfigured, match="Calling modelform_factory without defining"):
        forms.modelform_factory(m.Writer)


def test_formfield_callback(m):
    """Meta.formfield_callback builds each form field."""

    def callback(field, **kwargs):
        return forms.CharField(label=f"<{field.name}>")

    form_class = forms.modelform_factory(m.Writer, fields="__all__", formfield_callback=callback)
    assert form_class.base_fields["name"].label == "<name>"


def test_base_fields_are_computed_once(m):
    """Instances copy the class's fields; the class's own fields are never touched."""
    form_class = article_form(m)
    first, second = form_class(), form_class()
    first.fields["headline"].label = "changed"
    assert second.fields["headline"].label != "changed"
    assert form_class.base_fields["headline"].label != "changed"


def test_building_a_form_runs_no_query(m, db):  # noqa: F811
    """Choices from a queryset are read when rendered, not when the form is built."""
    db.queries_log.clear()
    with db.execute_wrapper(lambda execute, sql, params, many, context: pytest.fail(sql)):
        article_form(m)()


# ----------------------------------------------------------------- saving


def test_create_with_m2m(m, writer):
    """A valid form saves a new object and its many-to-many relations."""
    cat = m.Category.objects.create(name="News", slug="news", url="news")
    form = article_form(m)(data={**article_data(writer), "categories": [str(cat.pk)]})
    assert form.is_valid(), form.errors
    article = form.save()
    assert article.pk is not None
    assert article.writer == writer
    assert article.pub_date == datetime.date(1984, 2, 6)
    assert list(article.categories.all()) == [cat]


def test_save_commit_false_then_save_m2m(m, writer):
    """save(commit=False) writes nothing; instance.save() then save_m2m() store everything."""
    cat = m.Category.objects.create(name="News", slug="news", url="news")
    form = article_form(m)(data={**article_data(writer), "categories": [str(cat.pk)]})
    assert form.is_valid(), form.errors
    article = form.save(commit=False)
    assert article.pk is None
    assert m.Article.objects.count() == 0
    article.views = 42
    article.save()
    form.save_m2m()
    stored = m.Article.objects.get()
    assert stored.views == 42
    assert list(stored.categories.all()) == [cat]


def test_edit_instance_initial_and_save(m, writer):
    """A form for an instance starts from its values and updates that row."""
    article = m.Article.objects.create(
        headline="Old", slug="old", pub_date=datetime.date(2000, 1, 1), writer=writer, article="x"
    )
    form = article_form(m)(instance=article)
    assert form.initial["headline"] == "Old"
    assert 'value="Old"' in str(form["headline"])
    form = article_form(m)(data=article_data(writer, headline="New"), instance=article)
    assert form.is_valid(), form.errors
    form.save()
    article.refresh_from_db()
    assert article.headline == "New"
    assert m.Article.objects.count() == 1


def test_save_invalid_form_raises(m):
    """save() on an invalid form says which model could not be created."""
    form = forms.modelform_factory(m.Writer, fields=["name"])(data={})
    with pytest.raises(ValueError, match="The Writer could not be created because the data"):
        form.save()


def test_defaults_kept_for_fields_absent_from_data(m, writer):
    """An optional field with a model default, absent from the POST data, keeps the default."""
    form_class = forms.modelform_factory(m.Book, fields=["title", "author", "pages"])
    form = form_class(data={"title": "Dune", "author": str(writer.pk)})
    assert form.errors["pages"] == ["This field is required."]
    form = form_class(data={"title": "Dune", "author": str(writer.pk)})
    form.fields["pages"].required = False
    assert form.is_valid(), form.errors
    assert form.save().pages == 100


def test_model_to_dict_and_construct_instance(m, writer):
    """model_to_dict lists editable values; construct_instance copies cleaned data back."""
    book = m.Book.objects.create(title="A", author=writer)
    data = model_to_dict(book, fields=["title", "pages"])
    assert data == {"title": "A", "pages": 100}
    form = forms.modelform_factory(m.Book, fields=["title", "author"])(
        data={"title": "B", "author": str(writer.pk)}
    )
    assert form.is_valid()
    construct_instance(form, book)
    assert book.title == "B"
    assert set(fields_for_model(m.Writer)) == {"name", "email"}


# ----------------------------------------------------------------- validation


def test_model_clean_errors_map_to_fields_and_form(m, writer):
    """ValidationError from Model.clean() lands on the named field or the whole form."""
    form_class = forms.modelform_factory(m.Book, fields=["title", "author", "pages"])
    form = form_class(data={"title": "Forbidden", "author": str(writer.pk), "pages": "1"})
    assert not form.is_valid()
    assert form.errors["title"] == ["This title is not allowed."]
    form = form_class(data={"title": "Fine", "author": str(writer.pk), "pages": "-1"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["A book cannot have negative pages."]


def test_unique_field_checked(m):
    """A value taken by another row gives Django's unique message on that field."""
    m.Category.objects.create(name="News", slug="news", url="a")
    form_class = forms.modelform_factory(m.Category, fields="__all__")
    form = form_class(data={"name": "Other", "slug": "news", "url": "b"})
    assert not form.is_valid()
    assert form.errors["slug"] == ["Category with this Slug already exists."]
    existing = m.Category.objects.get()
    form = form_class(data={"name": "Renamed", "slug": "news", "url": "a"}, instance=existing)
    assert form.is_valid(), form.errors


def test_unique_together_checked(m, writer):
    """unique_together gives a non-field error naming the fields."""
    m.Book.objects.create(title="Dune", author=writer)
    form_class = forms.modelform_factory(m.Book, fields=["title", "author", "pages"])
    form = form_class(data={"title": "Dune", "author": str(writer.pk), "pages": "10"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Book with this Title and Author already exists."]


def test_unique_check_skipped_for_fields_not_on_form(m, writer):
    """unique_together is not checked when one of its fields is not on the form."""
    m.Book.objects.create(title="Dune", author=writer)
    form_class = forms.modelform_factory(m.Book, fields=["title", "pages"])
    form = form_class(data={"title": "Dune", "pages": "10"})
    assert form.is_valid(), form.errors


def test_meta_error_messages_override_model_errors(m):
    """Meta.error_messages replaces the model's unique message for that field."""

    class CategoryForm(forms.ModelForm):
        class Meta:
            model = m.Category
            fields = "__all__"
            error_messages = {"slug": {"unique": "Slug taken."}}

    m.Category.objects.create(name="News", slug="news", url="a")
    form = CategoryForm(data={"name": "x", "slug": "news", "url": "b"})
    assert form.errors["slug"] == ["Slug taken."]


# ----------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"headline": "x" * 10_000}, "headline"),
        ({"pub_date": "not a date"}, "pub_date"),
        ({"pub_date": "99999-99-99"}, "pub_date"),
        ({"views": "many"}, "views"),
        ({"views": "9" * 40}, "views"),
        ({"views": "1e400"}, "views"),
        ({"writer": "abc"}, "writer"),
        ({"writer": "99999999999999999999999"}, "writer"),
        ({"writer": "-1"}, "writer"),
        ({"writer": "1\x00"}, "writer"),
        ({"status": "7"}, "status"),
        ({"status": "x"}, "status"),
        ({"categories": ["x"]}, "categories"),
        ({"categories": ["99999999999999999999999"]}, "categories"),
        ({"categories": ["4242"]}, "categories"),
        ({"slug": "not a slug!"}, "slug"),
    ],
)
def test_bad_values_are_field_errors(m, writer, changes, field):
    """Oversized, wrongly typed or unknown values give an error on that field, not an exception."""
    form = article_form(m)(data=article_data(writer, **changes))
    assert not form.is_valid()
    assert field in form.errors
    assert m.Article.objects.count() == 0


def test_missing_and_extra_values(m, writer):
    """Missing required fields are reported; unknown extra keys are ignored."""
    form = article_form(m)(data={"unexpected": "x", "id": "5", "created": "1999-01-01"})
    assert not form.is_valid()
    assert {"headline", "slug", "pub_date", "writer", "article"} <= set(form.errors)
    form = article_form(m)(data=article_data(writer, id="777", created="1999-01-01", junk="1"))
    assert form.is_valid(), form.errors
    article = form.save()
    assert article.pk != 777
    assert article.created == datetime.date(2020, 1, 1)


def test_user_strings_are_escaped_when_rendered(m, writer):
    """Submitted markup is escaped when the bound form is rendered again."""
    form = article_form(m)(data=article_data(writer, headline="<script>alert(1)</script>"))
    html = str(form)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    m.Writer.objects.create(name="<b>Evil</b>")
    assert "&lt;b&gt;Evil&lt;/b&gt;" in str(article_form(m)()["writer"])


def test_decimal_and_null(m, writer):
    """An empty optional decimal saves as NULL; a valid one as Decimal."""
    form_class = forms.modelform_factory(m.Book, fields=["title", "author", "price"])
    book = form_class(data={"title": "A", "author": str(writer.pk), "price": ""}).save()
    assert book.price is None
    book = form_class(data={"title": "B", "author": str(writer.pk), "price": "9.50"}).save()
    book.refresh_from_db()
    assert book.price == decimal.Decimal("9.50")


# ----------------------------------------------------------------- choice fields


def test_model_choice_field_basics(m):
    """Choices come from the queryset (empty label first); clean() returns the object."""
    a = m.Writer.objects.create(name="Ann")
    b = m.Writer.objects.create(name="Bob")
    field = forms.ModelChoiceField(m.Writer.objects.all())
    choices = [(str(value), label) for value, label in field.choices]
    assert choices == [("", "---------"), (str(a.pk), "Ann"), (str(b.pk), "Bob")]
    assert len(field.choices) == 3
    assert field.clean(str(b.pk)) == b
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean("")
    assert excinfo.value.messages == ["This field is required."]
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean("424242")
    assert excinfo.value.messages == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_model_choice_field_queryset_limits_choices(m):
    """An object outside the queryset is not a valid choice."""
    a = m.Writer.objects.create(name="Ann")
    b = m.Writer.objects.create(name="Bob")
    field = forms.ModelChoiceField(m.Writer.objects.filter(name="Ann"), empty_label=None)
    assert [label for _, label in field.choices] == ["Ann"]
    assert field.clean(a.pk) == a
    with pytest.raises(forms.ValidationError):
        field.clean(b.pk)


def test_model_choice_field_to_field_name(m):
    """to_field_name uses another unique field as the submitted value."""
    cat = m.Category.objects.create(name="News", slug="news", url="u")
    field = forms.ModelChoiceField(m.Category.objects.all(), to_field_name="slug")
    assert field.clean("news") == cat
    assert field.prepare_value(cat) == "news"
    assert 'value="news"' in field.widget.render("cat", "news")
    with pytest.raises(forms.ValidationError):
        field.clean("sport")


def test_model_choice_field_custom_iterator_and_label(m):
    """A ModelChoiceIterator subclass and label_from_instance shape the choices."""
    m.Writer.objects.create(name="Ann")

    class UpperIterator(forms.ModelChoiceIterator):
        def choice(self, obj):
            value, label = super().choice(obj)
            return value, label.upper()

    class Field(forms.ModelChoiceField):
        iterator = UpperIterator

        def label_from_instance(self, obj):
            return f"Writer {obj.name}"

    field = Field(m.Writer.objects.all(), empty_label=None)
    assert [label for _, label in field.choices] == ["WRITER ANN"]
    value = next(iter(field.choices))[0]
    assert isinstance(value, forms.ModelChoiceIteratorValue)
    assert value.instance.name == "Ann"


def test_model_multiple_choice_field(m):
    """clean() returns a queryset; bad keys and unknown objects are field errors."""
    a = m.Writer.objects.create(name="Ann")
    b = m.Writer.objects.create(name="Bob")
    field = forms.ModelMultipleChoiceField(m.Writer.objects.all())
    assert set(field.clean([str(a.pk), str(b.pk)])) == {a, b}
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean(["abc"])
    assert excinfo.value.messages == ["“abc” is not a valid value."]
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean(["424242"])
    assert excinfo.value.messages == [
        "Select a valid choice. 424242 is not one of the available choices."
    ]
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean("notalist")
    assert excinfo.value.messages == ["Enter a list of values."]
    optional = forms.ModelMultipleChoiceField(m.Writer.objects.all(), required=False)
    assert list(optional.clean([])) == []
    assert field.has_changed([a], [str(a.pk)]) is False
    assert field.has_changed([a], [str(b.pk)]) is True


def test_limit_choices_to_applied(m):
    """A ForeignKey's limit_choices_to filters the generated field's queryset per form."""
    m.Writer.objects.create(name="Ann")
    m.Writer.objects.create(name="Bob")

    class ProfileForm(forms.ModelForm):
        class Meta:
            model = m.Profile
            fields = ["writer"]

    form = ProfileForm()
    form.fields["writer"].limit_choices_to = {"name": "Bob"}
    from framework.forms.models import apply_limit_choices_to_to_formfield

    apply_limit_choices_to_to_formfield(form.fields["writer"])
    assert [label for _, label in form.fields["writer"].choices] == ["---------", "Bob"]


def test_file_field_upload_and_clear(m, settings, tmp_path):
    """An uploaded file is stored under MEDIA_ROOT; ticking "clear" empties the field."""
    from framework.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    settings.MEDIA_URL = "/media/"
    form_class = forms.modelform_factory(m.Document, fields="__all__")
    assert isinstance(form_class.base_fields["attachment"].widget, forms.ClearableFileInput)
    upload = SimpleUploadedFile("note.txt", b"hello")
    form = form_class(data={"title": "Doc"}, files={"attachment": upload})
    assert form.is_valid(), form.errors
    doc = form.save()
    assert doc.attachment.name == "docs/note.txt"
    assert (tmp_path / "docs" / "note.txt").read_bytes() == b"hello"
    html = str(form_class(instance=doc)["attachment"])
    assert 'href="/media/docs/note.txt"' in html
    assert 'name="attachment-clear"' in html
    form = form_class(data={"title": "Doc"}, files={}, instance=doc)
    assert form.is_valid()
    assert form.save().attachment.name == "docs/note.txt"
    form = form_class(data={"title": "Doc", "attachment-clear": "on"}, files={}, instance=doc)
    assert form.is_valid(), form.errors
    doc = form.save()
    doc.refresh_from_db()
    assert not doc.attachment
