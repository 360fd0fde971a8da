"""The blog's pytest-style tests, as a user writes them with the framework's plugin."""

import pytest

from blog.models import Post


@pytest.fixture
def post(db):
    return Post.objects.create(title="Hello pytest", body="Body", published=True)


def test_list_page(client, post):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Hello pytest" in response.content
    assert [t.name for t in response.templates][0] == "blog/list.html"
    assert list(response.context["posts"]) == [post]


def test_detail_404(client, db):
    assert client.get("/posts/999/").status_code == 404


def test_rolled_back_between_tests(db):
    assert Post.objects.count() == 0


def test_query_count(db, assert_num_queries):
    with assert_num_queries(1):
        list(Post.objects.all())


def test_webtest_form(app, db, mailoutbox):
    page = app.get("/posts/new/")
    form = page.forms["post-form"]
    form["title"] = "Via WebTest"
    result = form.submit().follow()
    assert "Via WebTest" in result.text
    assert [m.to for m in mailoutbox] == [["editor@example.com"]]


def test_request_factory(rf, db, post):
    from blog.views import post_detail

    response = post_detail(rf.get(f"/posts/{post.pk}/"), pk=post.pk)
    assert response.status_code == 200


def test_settings_fixture(settings):
    settings.ALLOWED_HOSTS = ["example.org"]
    from framework.conf import settings as real

    assert real.ALLOWED_HOSTS == ["example.org"]


def test_transactional(transactional_db):
    Post.objects.create(title="Committed")
    assert Post.objects.count() == 1


def test_app_login(app, db):
    from framework.contrib.auth.models import User

    user = User.objects.create_user("bob", password="pw")
    assert app.get("/dashboard/").status_code == 302
    app.login(user)
    assert app.get("/dashboard/").text == "Hello bob"
