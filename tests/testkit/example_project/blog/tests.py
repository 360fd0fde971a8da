"""The blog's unittest-style tests, as a user writes them (run by manage.py test or pytest)."""

from blog.models import Post
from framework.contrib.auth.models import User
from framework.core import mail
from framework.db import connection
from framework.db.migrations.recorder import MigrationRecorder
from framework.test import SimpleTestCase, TestCase, TransactionTestCase, override_settings
from framework.urls import reverse


class PostPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = Post.objects.create(title="First", body="Hello", published=True)
        Post.objects.create(title="Draft", published=False)

    def test_list_shows_published_posts(self):
        response = self.client.get(reverse("blog:list"))
        self.assertContains(response, "First")
        self.assertNotContains(response, "Draft")
        self.assertTemplateUsed(response, "blog/list.html")
        self.assertTemplateUsed(response, "blog/base.html")
        self.assertEqual(response.context["title"], "Blog")

    def test_setuptestdata_is_isolated_per_test(self):
        self.post.title = "Changed in this test only"
        self.post.save()
        self.assertEqual(Post.objects.get(pk=self.post.pk).title, "Changed in this test only")

    def test_setuptestdata_is_unchanged(self):
        self.assertEqual(self.post.title, "First")
        self.assertEqual(Post.objects.get(pk=self.post.pk).title, "First")

    def test_create_redirects_to_detail(self):
        response = self.client.post(reverse("blog:create"), {"title": "New", "body": "B"})
        post = Post.objects.get(title="New")
        self.assertRedirects(response, reverse("blog:detail", kwargs={"pk": post.pk}))
        self.assertEqual([m.subject for m in mail.outbox], ["New post: New"])

    def test_follow_records_redirect_chain(self):
        response = self.client.get("/old/", follow=True)
        self.assertEqual(response.redirect_chain, [("/", 302)])
        self.assertContains(response, "First")

    def test_api_json(self):
        response = self.client.get("/api/posts/")
        self.assertEqual(response.json(), {"posts": [{"id": self.post.pk, "title": "First"}]})

    def test_num_queries(self):
        with self.assertNumQueries(1):
            list(Post.objects.all())

    def test_queryset_equal(self):
        self.assertQuerySetEqual(
            Post.objects.order_by("title"), ["Draft", "First"], transform=lambda p: p.title
        )

    def test_html(self):
        response = self.client.get("/")
        self.assertInHTML("<h1>Blog</h1>", response.content.decode())

    def test_session_kept_across_requests(self):
        self.client.get("/visits/")
        response = self.client.get("/visits/")
        self.assertContains(response, "visits=2")

    def test_on_commit_callbacks(self):
        seen = []
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            connection.on_commit(lambda: seen.append("done"))
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(seen, ["done"])


class PostCommitTests(TransactionTestCase):
    def test_rows_commit(self):
        Post.objects.create(title="Committed")
        self.assertEqual(Post.objects.count(), 1)

    def test_tables_are_empty_again(self):
        self.assertEqual(Post.objects.count(), 0)

    def test_z_permissions_recreated_after_flush(self):
        # Runs after the other tests' flushes: post_migrate re-created the permissions.
        from framework.contrib.auth.models import Permission

        self.assertTrue(Permission.objects.filter(codename="add_post").exists())


class NoDatabaseTests(SimpleTestCase):
    def test_database_refused(self):
        with self.assertRaisesMessage(AssertionError, "NoDatabaseTests.databases"):
            Post.objects.count()

    @override_settings(ALLOWED_HOSTS=["example.com"])
    def test_override_settings(self):
        from framework.conf import settings

        self.assertEqual(settings.ALLOWED_HOSTS, ["example.com"])


class LoginTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_user("alice", password="secret")

    def test_dashboard_requires_login(self):
        response = self.client.get("/dashboard/")
        self.assertRedirects(response, "/login/?next=/dashboard/", fetch_redirect_response=False)

    def test_force_login(self):
        self.client.force_login(self.user)
        self.assertContains(self.client.get("/dashboard/"), "Hello alice")

    def test_login_with_password(self):
        self.assertFalse(self.client.login(username="alice", password="wrong"))
        self.assertTrue(self.client.login(username="alice", password="secret"))
        self.assertContains(self.client.get("/dashboard/"), "Hello alice")

    def test_logout(self):
        self.client.force_login(self.user)
        self.client.logout()
        self.assertEqual(self.client.get("/dashboard/").status_code, 302)

    def test_database_built_by_migrations(self):
        applied = MigrationRecorder(connection).applied_migrations()
        self.assertIn(("blog", "0001_initial"), applied)
        self.assertIn(("auth", "0001_initial"), applied)


class FixtureTests(TestCase):
    fixtures = ["posts.json"]

    def test_fixture_rows_loaded(self):
        self.assertQuerySetEqual(
            Post.objects.all(), ["From a fixture", "Hidden fixture"], transform=str
        )
        self.assertContains(self.client.get("/"), "From a fixture")
