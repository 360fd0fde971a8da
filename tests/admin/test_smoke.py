from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book


def test_index_smoke(web):
    """smoke"""
    make_user(superuser=True)
    r = login(web)
    a = Author.objects.create(name="Ann")
    Book.objects.create(title="Dune", author=a, pages=300)
    page = web.get("/admin/")
    open("/tmp/index.html","w").write(page.text)
    page = web.get("/admin/shop/book/")
    open("/tmp/cl.html","w").write(page.text)
    page = web.get("/admin/shop/book/add/")
    open("/tmp/add.html","w").write(page.text)
