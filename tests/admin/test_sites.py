"""Several sites from one admin: per-site objects for staff, every site for superusers."""

from __future__ import annotations

import pytest

from framework.contrib.sites.models import Site
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Article, Notice


@pytest.fixture
def sites():
    here = Site.objects.get(pk=1)
    there = Site.objects.create(domain="other.example", name="Other")
    return here, there


def test_staff_see_and_edit_only_the_current_site(web, sites):
    """A staff editor lists, opens and adds objects of the current site (SITE_ID) only."""
    here, there = sites
    mine = Article.objects.create(title="Local news", site=here)
    other = Article.objects.create(title="Foreign news", site=there)
    make_user("editor", perms=["shop.view_article", "shop.change_article", "shop.add_article"])
    login(web, "editor")
    page = web.get("/admin/shop/article/")
    assert "Local news" in page.text and "Foreign news" not in page.text
    assert "By site" not in page.text
    assert web.get(f"/admin/shop/article/{mine.pk}/change/").status_int == 200
    assert web.get(f"/admin/shop/article/{other.pk}/change/", expect_errors=True).status_int == 404
    form = web.get("/admin/shop/article/add/").forms["article_form"]
    assert form["site"].value == str(here.pk)


def test_superuser_manages_every_site_with_a_site_filter(web, sites):
    """A superuser sees every site's objects and filters them by site."""
    here, there = sites
    Article.objects.create(title="Local news", site=here)
    Article.objects.create(title="Foreign news", site=there)
    notice = Notice.objects.create(text="Everywhere")
    notice.sites.set([here, there])
    make_user("boss", superuser=True)
    login(web, "boss")
    page = web.get("/admin/shop/article/")
    assert "Local news" in page.text and "Foreign news" in page.text
    assert "By site" in page.text
    filtered = web.get(f"/admin/shop/article/?site__id__exact={there.pk}")
    assert "Foreign news" in filtered.text and "Local news" not in filtered.text
    notices = web.get(f"/admin/shop/notice/?sites__id__exact={there.pk}")
    assert notices.text.count("Everywhere") >= 1
    form = web.get("/admin/shop/notice/add/").forms["notice_form"]
    assert form["sites"].value == [str(here.pk)]
