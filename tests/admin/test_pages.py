"""The admin's pages over HTTP (WebTest): login, index, changelist, add/change with
inlines, delete, history with old/new values, restore, actions, custom sites."""

from __future__ import annotations

import datetime
import json

from framework.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from tests.admin.conftest import PASSWORD, login, make_user
from tests.admin.shop.models import Author, Book, Chapter, Shelf, Tag


def superuser_web(web):
    make_user("admin", superuser=True)
    login(web)
    return web


def make_books(n=3, author=None):
    author = author or Author.objects.create(name="Ann Leckie")
    return [
        Book.objects.create(title=f"Book {i:02d}", author=author, pages=100 + i * 50)
        for i in range(n)
    ]


# -- login / logout / site -------------------------------------------------------------


def test_anonymous_is_redirected_to_login(web):
    """Every admin page sends an anonymous visitor to admin:login with ?next=."""
    for url in ("/admin/", "/admin/shop/book/", "/admin/shop/book/add/", "/admin/shop/"):
        response = web.get(url)
        assert response.status_int == 302
        assert response.headers["Location"].startswith("/admin/login/?next=")


def test_login_form_logs_staff_in_and_redirects_to_index(web):
    """A staff user logs in through the admin form and lands on the index."""
    make_user("staff", perms=["shop.view_book"])
    response = login(web, "staff")
    assert response.status_int == 302
    assert response.headers["Location"] == "/admin/"
    page = web.get("/admin/")
    assert "Site administration" in page.text
    assert "Welcome," in page.text


def test_login_refuses_non_staff(web):
    """A valid but non-staff account is refused with the staff-account message."""
    make_user("bob", staff=False)
    page = login(web, "bob")
    assert page.status_int == 200
    assert "correct username and password for a staff account" in page.text
    assert web.get("/admin/").status_int == 302


def test_logout_requires_post(web):
    """GET admin:logout is refused (405); POST logs out and shows the logged-out page."""
    superuser_web(web)
    assert web.get("/admin/logout/", expect_errors=True).status_int == 405
    page = web.get("/admin/")
    response = page.forms["logout-form"].submit()
    assert "Log in again" in response.text
    assert web.get("/admin/").status_int == 302


def test_password_change(web):
    """admin:password_change changes the password and keeps the user logged in."""
    user = make_user("admin", superuser=True)
    login(web)
    form = web.get("/admin/password_change/").forms[1]
    form["old_password"] = PASSWORD
    form["new_password1"] = "another-Pass-42"
    form["new_password2"] = "another-Pass-42"
    response = form.submit()
    assert response.headers["Location"] == "/admin/password_change/done/"
    user.refresh_from_db()
    assert user.check_password("another-Pass-42")
    assert web.get("/admin/").status_int == 200


def test_index_lists_only_permitted_models(web):
    """The index shows the models the user has a permission on, nothing else."""
    make_user("staff", perms=["shop.view_book", "shop.add_author"])
    login(web, "staff")
    page = web.get("/admin/")
    assert "/admin/shop/book/" in page.text
    assert "/admin/shop/author/add/" in page.text
    assert "/admin/shop/tag/" not in page.text


def test_index_shows_recent_actions(web):
    """The user's recent actions appear on the index."""
    superuser_web(web)
    form = web.get("/admin/shop/author/add/").forms["author_form"]
    form["name"] = "Octavia Butler"
    form.submit("_save")
    assert "Octavia Butler" in web.get("/admin/").text.split("Recent actions")[1]


def test_custom_site_has_its_own_header_and_namespace(web):
    """A second AdminSite at /backoffice/ has its own header, login and links."""
    make_user("admin", superuser=True)
    response = web.get("/backoffice/")
    assert response.headers["Location"].startswith("/backoffice/login/?next=")
    form = web.get("/backoffice/login/").forms["login-form"]
    form["username"] = "admin"
    form["password"] = PASSWORD
    assert form.submit().headers["Location"] == "/backoffice/"
    page = web.get("/backoffice/")
    assert "Back office" in page.text
    assert 'href="/backoffice/shop/tag/"' in page.text
    assert 'href="/admin/' not in page.text and 'action="/admin/' not in page.text
    tags = web.get("/backoffice/shop/tag/add/").forms["tag_form"]
    tags["name"] = "new"
    assert tags.submit("_save").headers["Location"] == "/backoffice/shop/tag/"


def test_unknown_admin_url_is_404_and_id_url_redirects(web):
    """An unknown admin URL is a 404; <id>/ redirects to <id>/change/."""
    superuser_web(web)
    (book,) = make_books(1)
    assert web.get("/admin/nothing/here/", expect_errors=True).status_int == 404
    response = web.get(f"/admin/shop/book/{book.pk}/")
    assert response.headers["Location"].endswith(f"/admin/shop/book/{book.pk}/change/")


# -- changelist ------------------------------------------------------------------------


def test_changelist_columns_callables_and_boolean(web):
    """list_display shows fields, FK str, choice labels, @display callables and boolean icons."""
    superuser_web(web)
    make_books(2)
    page = web.get("/admin/shop/book/")
    assert "Select book to change" in page.text
    assert "Ann Leckie" in page.text and "Fiction" in page.text
    assert ">Length<" in page.text and ">short<" in page.text
    assert 'class="bool bool-yes"' in page.text
    assert 'href="/admin/shop/book/' in page.text
    authors = web.get("/admin/shop/author/")
    assert ">Prolific<" in authors.text and "bool-yes" in authors.text


def test_changelist_sorting(web):
    """?o=<index> sorts by that column, -<index> descending; @display(ordering=) sorts too."""
    superuser_web(web)
    make_books(3)
    asc = web.get("/admin/shop/book/?o=1").text
    assert asc.index("Book 00") < asc.index("Book 02")
    desc = web.get("/admin/shop/book/?o=-1").text
    assert desc.index("Book 02") < desc.index("Book 00")
    by_pages = web.get("/admin/shop/book/?o=-5").text
    assert by_pages.index("Book 02") < by_pages.index("Book 00")
    assert 'aria-sort="descending"' in by_pages


def test_changelist_search_prefixes_and_relations(web):
    """search_fields: ^ is startswith, = is exact, plain searches across relations."""
    superuser_web(web)
    le_guin = Author.objects.create(name="Ursula Le Guin")
    Book.objects.create(title="The Dispossessed", author=le_guin, genre="sci")
    Book.objects.create(title="A Wizard of Earthsea", author=le_guin)
    make_books(2)
    assert "The Dispossessed" in web.get("/admin/shop/book/?q=The").text
    assert "The Dispossessed" not in web.get("/admin/shop/book/?q=Dispossessed").text
    sci = web.get("/admin/shop/book/?q=sci").text
    assert "The Dispossessed" in sci and "Book 00" not in sci
    by_author = web.get("/admin/shop/book/?q=Guin").text
    assert "Earthsea" in by_author and "Book 00" not in by_author
    assert "2 results" in by_author and "4 total" in by_author


def test_changelist_filters(web):
    """list_filter on choices, booleans, foreign keys, dates and a SimpleListFilter."""
    superuser_web(web)
    other = Author.objects.create(name="Iain Banks")
    books = make_books(3)
    books[0].in_print = False
    books[0].save()
    Book.objects.create(
        title="Excession", author=other, genre="sci", published=datetime.date.today()
    )
    page = web.get("/admin/shop/book/?genre__exact=sci").text
    assert "Excession" in page and "Book 01" not in page
    page = web.get("/admin/shop/book/?in_print__exact=0").text
    assert "Book 00" in page and "Book 01" not in page
    page = web.get(f"/admin/shop/book/?author__id__exact={other.pk}").text
    assert "Excession" in page and "Book 00" not in page
    today = datetime.date.today()
    page = web.get(
        f"/admin/shop/book/?published__gte={today}&published__lt={today + datetime.timedelta(1)}"
    ).text
    assert "Excession" in page and "Book 00" not in page
    page = web.get("/admin/shop/book/?length=long").text
    assert "Book 02" in page and "Book 00" not in page
    assert "Clear all filters" in page


def test_changelist_bad_parameters_are_400(web):
    """Malformed or disallowed query parameters give a 400, never a 500."""
    superuser_web(web)
    make_books(1)
    for query in (
        "p=abc",
        "p=0",
        "in_print__exact=maybe",
        "pages__gt=notanumber",
        "author__password=x",
        "nosuchfield=1",
    ):
        response = web.get(f"/admin/shop/book/?{query}", expect_errors=True)
        assert response.status_int == 400, query


def test_changelist_pagination_and_show_all(web):
    """list_per_page splits pages (?p= is 1-based); ?all shows every row."""
    superuser_web(web)
    make_books(12)
    page1 = web.get("/admin/shop/book/?o=1").text
    assert "Book 00" in page1 and "Book 11" not in page1
    page2 = web.get("/admin/shop/book/?o=1&p=2").text
    assert "Book 11" in page2 and "Book 00" not in page2
    assert "12 books" in page1
    assert web.get("/admin/shop/book/?p=3", expect_errors=True).status_int == 400
    everything = web.get("/admin/shop/book/?all=").text
    assert "Book 00" in everything and "Book 11" in everything


def test_date_hierarchy_links(web):
    """date_hierarchy offers year links, then months of the chosen year."""
    superuser_web(web)
    (book,) = make_books(1)
    book.published = datetime.date(2021, 5, 4)
    book.save()
    assert "?published__year=2021" in web.get("/admin/shop/book/").text
    page = web.get("/admin/shop/book/?published__year=2021").text
    assert "published__month=5" in page


def test_changelist_query_count_is_fixed(web, admin_db):
    """A page of a big table costs the same number of queries whatever the row count."""
    from framework.test.utils import CaptureQueriesContext

    superuser_web(web)
    author = Author.objects.create(name="Prolific")
    Book.objects.bulk_create([Book(title=f"T{i}", author=author) for i in range(30)])
    with CaptureQueriesContext(admin_db) as small:
        web.get("/admin/shop/book/")
    Book.objects.bulk_create(
        [Book(title=f"U{i}", author=Author.objects.create(name=f"A{i}")) for i in range(60)]
    )
    with CaptureQueriesContext(admin_db) as big:
        web.get("/admin/shop/book/")
    assert len(big.captured_queries) == len(small.captured_queries)
    # session, user, the author filter's choices, COUNT(*), the page's rows (authors
    # joined), the date_hierarchy years; PostgreSQL adds its row estimate (pg_class).
    expected = 7 if admin_db.vendor == "postgresql" else 6
    assert len(big.captured_queries) == expected, [q["sql"] for q in big.captured_queries]


# -- add / change with inlines ------------------------------------------------------------


def fill_book(form, author, title="Dune"):
    form["title"] = title
    form["author"] = str(author.pk)
    form["pages"] = "412"


def test_add_with_inlines_logs_the_addition(web):
    """Adding a book with two chapters saves all three and logs the addition."""
    superuser_web(web)
    author = Author.objects.create(name="Frank Herbert")
    form = web.get("/admin/shop/book/add/").forms["book_form"]
    fill_book(form, author)
    form["chapters-0-number"] = "1"
    form["chapters-0-title"] = "Arrakis"
    form["chapters-1-number"] = "2"
    form["chapters-1-title"] = "Muad'Dib"
    response = form.submit("_save")
    assert response.status_int == 302, response.text
    assert response.headers["Location"] == "/admin/shop/book/"
    book = Book.objects.get(title="Dune")
    assert [c.title for c in book.chapters.all()] == ["Arrakis", "Muad'Dib"]
    entry = LogEntry.objects.get(object_id=str(book.pk), action_flag=ADDITION)
    messages = entry.get_change_list()
    assert {"added": {}} in messages
    chapter = book.chapters.get(title="Arrakis")
    assert {
        "added": {
            "name": "chapter",
            "object": "1. Arrakis",
            "model": "shop.Chapter",
            "pk": chapter.pk,
        }
    } in messages
    followed = response.follow()
    assert "was added successfully" in followed.text


def test_add_another_and_continue_buttons(web):
    """ "Save and add another" goes back to add; "Save and continue editing" to change."""
    superuser_web(web)
    author = Author.objects.create(name="A")
    form = web.get("/admin/shop/book/add/").forms["book_form"]
    fill_book(form, author, "One")
    assert form.submit("_addanother").headers["Location"] == "/admin/shop/book/add/"
    form = web.get("/admin/shop/book/add/").forms["book_form"]
    fill_book(form, author, "Two")
    book_two = None
    response = form.submit("_continue")
    book_two = Book.objects.get(title="Two")
    assert response.headers["Location"] == f"/admin/shop/book/{book_two.pk}/change/"


def test_invalid_add_shows_errors(web):
    """A form with errors is shown again with the error note, nothing is saved."""
    superuser_web(web)
    form = web.get("/admin/shop/book/add/").forms["book_form"]
    response = form.submit("_save")
    assert response.status_int == 200
    assert "Please correct the errors below." in response.text
    assert not Book.objects.exists()


def test_change_records_old_and_new_values(web):
    """Changing fields, an inline row and tags logs each field with its old and new value."""
    superuser_web(web)
    (book,) = make_books(1)
    Chapter.objects.create(book=book, number=1, title="Start")
    tag = Tag.objects.create(name="classic")
    form = web.get(f"/admin/shop/book/{book.pk}/change/").forms["book_form"]
    form["title"] = "Renamed"
    form["genre"] = "his"
    form["tags"] = [str(tag.pk)]
    form["chapters-0-title"] = "Beginning"
    response = form.submit("_save")
    assert response.status_int == 302, response.text
    entry = LogEntry.objects.get(object_id=str(book.pk), action_flag=CHANGE)
    changes = {c["name"]: c for c in entry.get_field_changes() if not c.get("object")}
    assert changes["title"]["old"] == "Book 00" and changes["title"]["new"] == "Renamed"
    assert changes["genre"]["old_repr"] == "Fiction" and changes["genre"]["new_repr"] == "History"
    assert changes["tags"]["new"] == [tag.pk] and changes["tags"]["new_repr"] == "classic"
    inline_change = [c for c in entry.get_field_changes() if c.get("object")]
    assert inline_change[0]["old"] == "Start" and inline_change[0]["new"] == "Beginning"
    assert "Changed Title, Genre and Tags." in entry.get_change_message()


def test_history_page_shows_old_and_new_values(web):
    """The history page lists the actions with the old and new value of each field."""
    superuser_web(web)
    (book,) = make_books(1)
    form = web.get(f"/admin/shop/book/{book.pk}/change/").forms["book_form"]
    form["pages"] = "999"
    form.submit("_save")
    page = web.get(f"/admin/shop/book/{book.pk}/history/")
    assert "Change history: Book 00" in page.text
    assert "<del>100</del>" in page.text and "<ins>999</ins>" in page.text


def test_restore_earlier_version(web):
    """Restoring a history entry puts back the values of that version and logs a change."""
    superuser_web(web)
    author = Author.objects.create(name="A")
    form = web.get("/admin/shop/book/add/").forms["book_form"]
    fill_book(form, author, "First title")
    form.submit("_save")
    book = Book.objects.get()
    for title in ("Second title", "Third title"):
        form = web.get(f"/admin/shop/book/{book.pk}/change/").forms["book_form"]
        form["title"] = title
        form.submit("_save")
    first = LogEntry.objects.filter(object_id=str(book.pk)).order_by("id")[1]
    page = web.get(f"/admin/shop/book/{book.pk}/history/{first.pk}/restore/")
    assert "Second title" in page.text and "Third title" in page.text
    page.forms[1].submit()
    book.refresh_from_db()
    assert book.title == "Second title"
    last = LogEntry.objects.filter(object_id=str(book.pk)).order_by("-id")[0]
    assert "Restored" in last.get_change_message()


def test_fieldsets_and_readonly_view_only(web):
    """A view-only user sees the change page read-only, without Save, and cannot POST."""
    make_user("viewer", perms=["shop.view_book"])
    (book,) = make_books(1)
    login(web, "viewer")
    page = web.get(f"/admin/shop/book/{book.pk}/change/")
    assert "View book" in page.text
    assert 'name="_save"' not in page.text
    assert 'class="readonly"' in page.text
    response = web.post(
        f"/admin/shop/book/{book.pk}/change/",
        {
            "title": "Hacked",
            "csrfmiddlewaretoken": page.forms["book_form"]["csrfmiddlewaretoken"].value,
        },
        expect_errors=True,
    )
    assert response.status_int == 403
    book.refresh_from_db()
    assert book.title == "Book 00"


def test_fieldsets_render_named_sections(web):
    """fieldsets render as named fieldsets."""
    superuser_web(web)
    page = web.get("/admin/shop/author/add/")
    assert ">Contact</h2>" in page.text


def test_changeform_initial_from_query_string(web):
    """?title=... pre-fills the add form."""
    superuser_web(web)
    form = web.get("/admin/shop/book/add/?title=Prefilled").forms["book_form"]
    assert form["title"].value == "Prefilled"


def test_save_as_new(web):
    """save_as: "Save as new" creates a copy."""
    superuser_web(web)
    (book,) = make_books(1)
    form = web.get(f"/admin/shop/book/{book.pk}/change/").forms["book_form"]
    form["title"] = "Copy"
    form.submit("_saveasnew")
    assert Book.objects.filter(title="Copy").exists()
    assert Book.objects.filter(title="Book 00").exists()


# -- delete ------------------------------------------------------------------------------


def test_delete_view_lists_cascade_and_deletes(web):
    """The delete page summarises cascaded objects; POST deletes and logs the deletion."""
    superuser_web(web)
    (book,) = make_books(1)
    Chapter.objects.create(book=book, number=1, title="One")
    Chapter.objects.create(book=book, number=2, title="Two")
    page = web.get(f"/admin/shop/book/{book.pk}/delete/")
    assert "Are you sure you want to delete the book “Book 00”?" in page.text
    assert "Chapters: 2" in page.text and "Books: 1" in page.text
    response = page.forms[1].submit()
    assert response.headers["Location"] == "/admin/shop/book/"
    assert not Book.objects.exists() and not Chapter.objects.exists()
    assert LogEntry.objects.filter(action_flag=DELETION, object_repr="Book 00").exists()


def test_delete_view_protected(web):
    """A PROTECTed relation blocks the deletion and is listed."""
    superuser_web(web)
    (book,) = make_books(1)
    Shelf.objects.create(label="S1", book=book)
    page = web.get(f"/admin/shop/book/{book.pk}/delete/")
    assert "Cannot delete book" in page.text and "S1" in page.text
    token = page.forms["logout-form"]["csrfmiddlewaretoken"].value
    response = web.post(
        f"/admin/shop/book/{book.pk}/delete/",
        {"csrfmiddlewaretoken": token, "post": "yes"},
        expect_errors=True,
    )
    assert response.status_int == 403
    assert Book.objects.filter(pk=book.pk).exists()


def test_missing_object_is_404(web):
    """Change/delete/history of a missing id give 404."""
    superuser_web(web)
    for view in ("change", "delete", "history"):
        assert web.get(f"/admin/shop/book/999/{view}/", expect_errors=True).status_int == 404


# -- actions -----------------------------------------------------------------------------


def test_delete_selected_confirmation_and_deletion(web):
    """delete_selected shows a confirmation page; confirming deletes and logs each object."""
    superuser_web(web)
    books = make_books(3)
    form = web.get("/admin/shop/book/").forms["changelist-form"]
    form["action"] = "delete_selected"
    for checkbox in form.fields["_selected_action"]:
        if checkbox._value in (str(books[0].pk), str(books[1].pk)):
            checkbox.checked = True
    confirm = form.submit("index")
    assert "Are you sure you want to delete the selected books?" in confirm.text
    assert "Books: 2" in confirm.text
    done = confirm.forms[1].submit()
    assert done.status_int == 302
    assert list(Book.objects.values_list("title", flat=True)) == ["Book 02"]
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2
    assert "Successfully deleted 2 books." in done.follow().text


def test_custom_action_and_select_across(web):
    """A custom @admin.action runs on every object with select_across=1."""
    superuser_web(web)
    make_books(3)
    form = web.get("/admin/shop/book/").forms["changelist-form"]
    form["action"] = "mark_out_of_print"
    form["select_across"] = "1"
    response = form.submit("index")
    assert response.status_int == 302
    assert not Book.objects.filter(in_print=True).exists()
    assert LogEntry.objects.filter(action_flag=CHANGE).count() == 3
    assert "3 books marked out of print." in response.follow().text


def test_action_without_selection_changes_nothing(web):
    """Running an action with nothing selected only shows a warning."""
    superuser_web(web)
    make_books(1)
    form = web.get("/admin/shop/book/").forms["changelist-form"]
    form["action"] = "delete_selected"
    response = form.submit("index").follow()
    assert "Items must be selected" in response.text
    assert Book.objects.count() == 1


def test_actions_never_run_through_get(web):
    """GET with action parameters runs nothing (and those parameters are refused)."""
    superuser_web(web)
    (book,) = make_books(1)
    response = web.get(
        f"/admin/shop/book/?action=delete_selected&_selected_action={book.pk}&post=yes",
        expect_errors=True,
    )
    assert response.status_int == 400
    assert Book.objects.count() == 1


def test_csrf_required_on_admin_posts(web):
    """A POST without the CSRF token is refused with 403."""
    superuser_web(web)
    (book,) = make_books(1)
    response = web.post(f"/admin/shop/book/{book.pk}/delete/", {"post": "yes"}, expect_errors=True)
    assert response.status_int == 403
    assert Book.objects.count() == 1


# -- autocomplete ------------------------------------------------------------------------


def test_autocomplete_json(web, settings):
    """The autocomplete endpoint answers JSON results for a field in autocomplete_fields."""
    from framework.contrib import admin

    superuser_web(web)
    make_books(1)
    Author.objects.create(name="Zadie Smith")
    book_admin = admin.site._registry[Book]
    book_admin.autocomplete_fields = ["author"]
    try:
        response = web.get(
            "/admin/autocomplete/?app_label=shop&model_name=book&field_name=author&term=zad"
        )
        data = json.loads(response.text)
        assert [r["text"] for r in data["results"]] == ["Zadie Smith"]
        assert data["pagination"] == {"more": False}
        bad = web.get("/admin/autocomplete/?app_label=shop", expect_errors=True)
        assert bad.status_int == 400
        book = Book.objects.get()
        page = web.get(f"/admin/shop/book/{book.pk}/change/")
        assert 'class="admin-autocomplete"' in page.text
        assert 'data-ajax--url="/admin/autocomplete/"' in page.text
        assert "Zadie Smith" not in page.text.split('name="author"')[1].split("</select>")[0]
        assert "admin/js/autocomplete.js" in page.text
        form = page.forms["book_form"]
        zadie = Author.objects.get(name="Zadie Smith")
        form["author"].force_value(str(zadie.pk))
        assert form.submit("_save").status_int == 302
        book.refresh_from_db()
        assert book.author == zadie
    finally:
        book_admin.autocomplete_fields = ()


# -- list_editable -----------------------------------------------------------------------


def test_list_editable_saves_changed_rows_and_logs_them(web):
    """list_editable renders inputs in the changelist; Save changes only the edited rows."""
    from framework.contrib import admin

    superuser_web(web)
    books = make_books(3)
    book_admin = admin.site._registry[Book]
    book_admin.list_editable = ["genre", "in_print"]
    try:
        page = web.get("/admin/shop/book/?o=1")
        form = page.forms["changelist-form"]
        assert 'name="form-TOTAL_FORMS"' in page.text
        index = next(i for i in range(3) if form[f"form-{i}-id"].value == str(books[1].pk))
        form[f"form-{index}-genre"] = "his"
        response = form.submit("_save")
        assert response.status_int == 302, response.text
        assert "1 book was changed successfully." in response.follow().text
        assert list(Book.objects.order_by("title").values_list("genre", flat=True)) == [
            "fic",
            "his",
            "fic",
        ]
        entry = LogEntry.objects.get(action_flag=CHANGE)
        assert entry.object_id == str(books[1].pk)
        assert entry.get_field_changes()[0]["new"] == "his"
        bad = page.forms["changelist-form"]
        bad[f"form-{index}-genre"].force_value("nope")
        page = bad.submit("_save")
        assert page.status_int == 200 and "Please correct the errors below." in page.text
    finally:
        book_admin.list_editable = ()


def test_list_editable_needs_change_permission(web):
    """Without change permission the changelist shows plain values and refuses _save."""
    from framework.contrib import admin

    make_user("viewer", perms=["shop.view_book"])
    make_books(1)
    login(web, "viewer")
    book_admin = admin.site._registry[Book]
    book_admin.list_editable = ["genre"]
    try:
        page = web.get("/admin/shop/book/")
        assert "form-TOTAL_FORMS" not in page.text
        csrf = page.forms["logout-form"]["csrfmiddlewaretoken"].value
        response = web.post(
            "/admin/shop/book/", {"csrfmiddlewaretoken": csrf, "_save": "Save"}, expect_errors=True
        )
        assert response.status_int == 403
    finally:
        book_admin.list_editable = ()


def test_generic_inline_adds_and_changes_tagged_items(web):
    """A GenericTabularInline edits objects attached through a generic foreign key."""
    from tests.contenttypes.testapp.models import TaggedItem

    superuser_web(web)
    form = web.get("/admin/shop/author/add/").forms["author_form"]
    form["name"] = "Tagged"
    prefix = next(k for k in form.fields if k.endswith("-0-tag"))[: -len("-0-tag")]
    form[f"{prefix}-0-tag"] = "sf"
    assert form.submit("_continue").status_int == 302
    author = Author.objects.get(name="Tagged")
    item = TaggedItem.objects.get()
    assert item.content_object == author and item.tag == "sf"
    form = web.get(f"/admin/shop/author/{author.pk}/change/").forms["author_form"]
    form[f"{prefix}-0-tag"] = "scifi"
    form.submit("_save")
    item.refresh_from_db()
    assert item.tag == "scifi"
    entry = LogEntry.objects.filter(action_flag=CHANGE).get()
    assert entry.get_field_changes()[0]["new"] == "scifi"


def test_widgets_options_radio_raw_id_prepopulated_and_view_on_site(web):
    """radio_fields, raw_id_fields, filter_horizontal, prepopulated_fields and view_on_site."""
    from framework.contrib import admin

    superuser_web(web)
    (book,) = make_books(1)
    book_admin = admin.site._registry[Book]
    saved = (
        book_admin.radio_fields,
        book_admin.raw_id_fields,
        book_admin.filter_horizontal,
        book_admin.prepopulated_fields,
    )
    book_admin.radio_fields = {"genre": admin.VERTICAL}
    book_admin.raw_id_fields = ["author"]
    book_admin.filter_horizontal = ["tags"]
    book_admin.prepopulated_fields = {"title": ["genre"]}
    try:
        page = web.get(f"/admin/shop/book/{book.pk}/change/")
        assert 'type="radio" name="genre"' in page.text
        assert 'type="date" name="published"' in page.text
        assert 'class="vForeignKeyRawIdAdminField"' in page.text
        assert "selectfilter" in page.text
        assert 'id="admin-prepopulated"' in page.text and "#id_title" in page.text
        assert f'href="/books/{book.pk}/"' in page.text and "View on site" in page.text
        form = page.forms["book_form"]
        form["genre"] = "his"
        assert form.submit("_save").status_int == 302
    finally:
        (
            book_admin.radio_fields,
            book_admin.raw_id_fields,
            book_admin.filter_horizontal,
            book_admin.prepopulated_fields,
        ) = saved


def test_changelist_filters_are_preserved_through_a_change(web):
    """Opening an object from a filtered list and saving returns to the same filtered list."""
    superuser_web(web)
    make_books(2)
    page = web.get("/admin/shop/book/?genre__exact=fic&o=1")
    link = page.html.select_one("#result_list tbody th a")["href"]
    assert "_changelist_filters=" in link
    form = web.get(link).forms["book_form"]
    response = form.submit("_save")
    assert response.headers["Location"] == "/admin/shop/book/?genre__exact=fic&o=1"
