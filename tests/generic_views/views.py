"""Views of the generic view tests (imported once the test app is installed)."""

from __future__ import annotations

from framework import forms
from framework.urls import reverse_lazy
from framework.views import generic
from tests.generic_views.models_app.models import Author, Book, BookSigning


class ContactForm(forms.Form):
    name = forms.CharField(max_length=20)
    message = forms.CharField(widget=forms.Textarea)


class ContactView(generic.FormView):
    form_class = ContactForm
    template_name = "generic_views/contact.html"
    success_url = "/thanks/"


class AuthorList(generic.ListView):
    model = Author


class AuthorPaginated(generic.ListView):
    model = Author
    paginate_by = 2


class AuthorOrphans(generic.ListView):
    queryset = Author.objects.all()
    paginate_by = 2
    paginate_orphans = 1


class AuthorNotEmpty(generic.ListView):
    model = Author
    allow_empty = False


class AuthorCustom(generic.ListView):
    model = Author
    context_object_name = "thing_list"
    template_name = "generic_views/custom_list.html"
    ordering = "-name"
    page_kwarg = "p"
    paginate_by = 10


class AuthorDetail(generic.DetailView):
    model = Author


class AuthorBySlug(generic.DetailView):
    queryset = Author.objects.all()


class AuthorByPkAndSlug(generic.DetailView):
    model = Author
    query_pk_and_slug = True


class AuthorCreate(generic.CreateView):
    model = Author
    fields = ["name", "slug"]


class AuthorCreateRedirect(generic.CreateView):
    model = Author
    fields = ["name", "slug"]
    success_url = "/edit/authors/{id}/done/"


class AuthorUpdate(generic.UpdateView):
    model = Author
    fields = ["name", "slug"]
    success_url = reverse_lazy("author_list")


class AuthorDelete(generic.DeleteView):
    model = Author
    success_url = reverse_lazy("author_list")


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField()


class AuthorDeleteConfirmed(generic.DeleteView):
    model = Author
    form_class = ConfirmForm
    success_url = "/list/authors/"


class BookArchive(generic.ArchiveIndexView):
    model = Book
    date_field = "pubdate"


class BookYear(generic.YearArchiveView):
    queryset = Book.objects.all()
    date_field = "pubdate"
    allow_empty = False


class BookMonth(generic.MonthArchiveView):
    model = Book
    date_field = "pubdate"


class BookWeek(generic.WeekArchiveView):
    model = Book
    date_field = "pubdate"


class BookDay(generic.DayArchiveView):
    model = Book
    date_field = "pubdate"
    allow_empty = True


class BookToday(generic.TodayArchiveView):
    model = Book
    date_field = "pubdate"
    allow_empty = True
    template_name = "generic_views/book_archive_day.html"


class BookDetail(generic.DateDetailView):
    model = Book
    date_field = "pubdate"


class SigningDay(generic.DayArchiveView):
    model = BookSigning
    date_field = "event_date"
    month_format = "%m"
    allow_empty = True
    allow_future = True
    template_name = "generic_views/signing_day.html"
