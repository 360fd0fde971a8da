"""The nested deletion tree of the delete confirmation pages (WebTest): each object
followed by what it pulls in, links only where the user may change, perms and protection."""

from __future__ import annotations

from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book, Chapter, Review, Shelf


def tree(page):
    """The deletion tree as nested (text, link, children) tuples."""

    def walk(ul):
        out = []
        for li in ul.find_all("li", recursive=False):
            link = li.find("a", recursive=False)
            child = li.find("ul", recursive=False)
            text = li.find(string=True, recursive=False).strip()
            name = link.text if link else text.split(": ", 1)[1]
            out.append(
                (
                    f"{text.split(':')[0]}: {name}",
                    link["href"] if link else None,
                    walk(child) if child else [],
                )
            )
        return out

    return walk(page.html.select_one("#deleted-objects"))


def test_delete_page_shows_nested_tree_with_links(web):
    """Deleting an author lists its book, under it the book's chapters and review, each
    linked to its change page for a superuser."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="Ann")
    book = Book.objects.create(title="B1", author=author)
    Chapter.objects.create(book=book, number=1, title="One")
    review = Review.objects.create(book=book, text="Good")
    page = web.get(f"/admin/shop/author/{author.pk}/delete/")
    (root,) = tree(page)
    assert root[0] == "Author: Ann" and root[1] == f"/admin/shop/author/{author.pk}/change/"
    (book_node,) = root[2]
    assert book_node[:2] == ("Book: B1", f"/admin/shop/book/{book.pk}/change/")
    # Chapters and reviews have no admin of their own: no links.
    children = {text: href for text, href, _ in book_node[2]}
    assert children == {"Chapter: 1. One": None, f"Review: {review}": None}
    assert "Books: 1" in page.text and "Chapters: 1" in page.text and "Reviews: 1" in page.text


def test_delete_tree_links_and_perms_follow_the_user(web):
    """A staff user may delete authors and books but not change books: the book is listed
    without a link; without the book delete permission, "book" is named as lacking."""
    make_user(
        "staff",
        perms=["shop.view_author", "shop.delete_author", "shop.change_author", "shop.delete_book"],
    )
    login(web, "staff")
    author = Author.objects.create(name="Ann")
    book = Book.objects.create(title="B1", author=author)
    page = web.get(f"/admin/shop/author/{author.pk}/delete/")
    (root,) = tree(page)
    assert root[1] == f"/admin/shop/author/{author.pk}/change/"
    assert root[2][0][:2] == ("Book: B1", None)
    assert not page.html.select("#deleted-objects-perms")
    from framework.contrib.auth.models import Permission, User

    User.objects.get(username="staff").user_permissions.remove(
        Permission.objects.get(codename="delete_book")
    )
    page = web.get(f"/admin/shop/author/{author.pk}/delete/")
    perms = [li.text for li in page.html.select("#deleted-objects-perms li")]
    assert perms == ["book"]
    assert book.pk


def test_delete_tree_lists_protected_objects(web, admin_db):
    """Protected objects are listed (with their links) and nothing else; the tree costs
    a fixed number of queries however many children there are."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="Ann")
    book = Book.objects.create(title="B1", author=author)
    shelf = Shelf.objects.create(label="S1", book=book)
    page = web.get(f"/admin/shop/author/{author.pk}/delete/")
    protected = page.html.select("#deleted-objects-protected li")
    assert [li.text for li in protected] == ["Shelf: S1"]
    assert protected[0].a["href"] == f"/admin/shop/shelf/{shelf.pk}/change/"
    shelf.delete()
    for n in range(2, 6):
        Chapter.objects.create(book=book, number=n, title=f"C{n}")
    from framework.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(admin_db) as few:
        web.get(f"/admin/shop/author/{author.pk}/delete/")
    for n in range(6, 20):
        Chapter.objects.create(book=book, number=n, title=f"C{n}")
    with CaptureQueriesContext(admin_db) as many:
        web.get(f"/admin/shop/author/{author.pk}/delete/")
    assert len(few.captured_queries) > 0
    assert len(many.captured_queries) == len(few.captured_queries)
