"""The demo's pages through WebTest: per-site listings, articles, archives, search, feeds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.demo.conftest import NOW

ATOM = "{http://www.w3.org/2005/Atom}"
SPORT = {"HTTP_HOST": "localhost"}


def test_home_lists_the_sites_published_articles(app, newsroom):
    """The front page shows the lead story and this site's published articles only."""
    page = app.get("/")
    assert page.status_int == 200
    assert page.content_type == "text/html"
    lead = page.html.select_one(".lead h2")
    assert lead.get_text(strip=True) == "Tram line opens in Ghent"
    cards = [h.get_text(strip=True) for h in page.html.select(".card h3")]
    # The lead is not repeated in the list; drafts, future and other sites' articles are absent.
    assert cards == ["Comet seen over Tartu", "Harbour reopens"]
    assert page.html.select_one(".brand").get_text(strip=True) == "The Test Times"
    nav = [a.get_text(strip=True) for a in page.html.select("nav.sections a")]
    assert nav == ["World", "Science", "Archive"]
    assert page.html.select_one('link[type="application/rss+xml"]')["href"] == "/feeds/rss/"


def test_two_sites_share_one_server(app, newsroom):
    """The Host header picks the site: localhost is the sport site, with its own articles."""
    page = app.get("/", extra_environ=SPORT)
    assert page.html.select_one(".brand").get_text(strip=True) == "Test Sport"
    text = page.text
    assert "Home side wins derby" in text
    assert "Tram line" not in text and "Comet" not in text
    # A news article's URL does not exist on the sport site.
    app.get(newsroom.tram.get_absolute_url(), extra_environ=SPORT, status=404)
    app.get("/section/world/", extra_environ=SPORT, status=404)


def test_unknown_site_is_404(app, newsroom, settings):
    """An allowed host without a Site gets a 404 naming the host, not a 500."""
    settings.ALLOWED_HOSTS = ["*"]
    page = app.get("/", extra_environ={"HTTP_HOST": "elsewhere.example"}, status=404)
    assert page.status_int == 404


def test_article_page(app, newsroom):
    """An article shows its sanitised body, byline, tags and related articles."""
    page = app.get(newsroom.tram.get_absolute_url())
    story = page.html.select_one("article.story")
    assert story.h1.get_text(strip=True) == "Tram line opens in Ghent"
    assert story.select_one(".body p").get_text() == "Tram line opens in Ghent: the full story."
    assert "Bo Writer" in story.select_one(".byline").get_text()
    assert [a.get_text() for a in story.select(".tags a")] == ["climate"]
    related = [a.get_text() for a in page.html.select(".related a")]
    assert related == ["Harbour reopens"]


def test_hostile_body_is_not_served(app, newsroom):
    """A body saved with scripts and handlers is served without them (sanitised on save)."""
    article = newsroom.comet
    article.body = '<p>Fine</p><script>alert("x")</script><img src=x onerror=alert(1)>'
    article.save()
    page = app.get(article.get_absolute_url())
    body = str(page.html.select_one(".body"))
    assert "<p>Fine</p>" in body
    assert "script" not in body and "onerror" not in body


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_unpublished_articles_are_404(app, newsroom, which):
    """Drafts and articles dated in the future are not served."""
    app.get(getattr(newsroom, which).get_absolute_url(), status=404)


def test_section_tag_and_author_pages(app, newsroom):
    """Section, tag and author pages list this site's matching articles."""
    section = app.get("/section/world/")
    assert [h.get_text(strip=True) for h in section.html.select(".card h3")] == [
        "Tram line opens in Ghent",
        "Harbour reopens",
    ]
    assert section.html.select_one('nav.sections a[aria-current="page"]').get_text() == "World"
    tag = app.get("/tag/climate/")
    assert [h.get_text(strip=True) for h in tag.html.select(".card h3")] == [
        "Tram line opens in Ghent"
    ]
    sport_tag = app.get("/tag/climate/", extra_environ=SPORT)
    assert [h.get_text(strip=True) for h in sport_tag.html.select(".card h3")] == [
        "Home side wins derby"
    ]
    author = app.get("/author/bo-writer/")
    assert "Tram line opens in Ghent" in author.text
    app.get("/section/nope/", status=404)
    app.get("/author/nobody/", status=404)


def test_archives(app, newsroom):
    """The archive lists years; year pages list months; month pages list articles."""
    archive = app.get("/archive/")
    years = [a.get_text() for a in archive.html.select(".years a")]
    assert str(NOW.year) in years
    assert str(newsroom.old.pub_date.year) in years
    year = app.get(f"/{newsroom.old.pub_date.year}/")
    month_links = [a["href"] for a in year.html.select(".months a")]
    old = newsroom.old.pub_date
    assert f"/{old.year}/{old.month}/" in month_links
    month = app.get(f"/{old.year}/{old.month}/")
    assert "Harbour reopens" in month.text
    # A year without articles is a 404 (allow_empty is False).
    app.get("/1999/", status=404)


def test_search_escapes_its_input(app, newsroom):
    """The query is echoed HTML-escaped, in the results and in the search box."""
    page = app.get("/search/", params={"q": '<script>alert("x")</script> tram'})
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text
    assert page.html.select_one("#search-q")["value"] == '<script>alert("x")</script> tram'
    assert page.html.select(".card") == []
    found = app.get("/search/", params={"q": "  TRAM   ghent "})
    assert [h.get_text(strip=True) for h in found.html.select(".card h3")] == [
        "Tram line opens in Ghent"
    ]
    assert "1 article found" in found.text
    assert "Type one or more words" in app.get("/search/").text
    # Drafts are not searchable; another site's articles are not found here.
    assert app.get("/search/", params={"q": "secret"}).html.select(".card") == []
    assert app.get("/search/", params={"q": "derby"}).html.select(".card") == []


def test_search_with_odd_input_is_not_an_error(app, newsroom):
    """Long, wildcard and non-ASCII queries give a page, never a 500."""
    for query in ["%", "_", "x" * 5000, "caf\u00e9 \u00fc\u00df", "' OR 1=1 --", "a\x00b"]:
        assert app.get("/search/", params={"q": query}).status_int == 200


def test_pagination(app, newsroom):
    """Listings are paginated; a page out of range is a 404, a bad number too."""
    from news.models import Article

    for number in range(14):
        Article.objects.create(
            site=newsroom.news,
            section=newsroom.science,
            author=newsroom.ada,
            title=f"Filler {number}",
            body="<p>x</p>",
            status="published",
            pub_date=newsroom.old.pub_date,
        )
    first = app.get("/section/science/")
    assert len(first.html.select(".card")) == 12
    assert first.html.select_one('a[rel="next"]')["href"] == "?page=2"
    second = app.get("/section/science/?page=2")
    assert len(second.html.select(".card")) == 3
    app.get("/section/science/?page=9", status=404)
    app.get("/section/science/?page=abc", status=404)


def test_rss_feed(app, newsroom):
    """/feeds/rss/ is valid RSS 2.0 with this site's published articles and absolute links."""
    response = app.get("/feeds/rss/")
    assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(response.body).find("channel")
    assert channel.findtext("title") == "The Test Times"
    assert channel.findtext("link") == "http://127.0.0.1/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Tram line opens in Ghent",
        "Comet seen over Tartu",
        "Harbour reopens",
    ]
    first = items[0]
    assert first.findtext("link") == "http://127.0.0.1" + newsroom.tram.get_absolute_url()
    assert [c.text for c in first.findall("category")] == ["World", "climate"]
    assert "Last-Modified" in response.headers
    # Links keep the request's port (the Site's domain has none).
    on_port = ET.fromstring(
        app.get("/feeds/rss/", extra_environ={"HTTP_HOST": "127.0.0.1:8000"}).body
    )
    assert on_port.find("channel/link").text == "http://127.0.0.1:8000/"
    assert on_port.find("channel/item/link").text.startswith("http://127.0.0.1:8000/20")
    assert on_port.find("channel/{http://www.w3.org/2005/Atom}link").get("href") == (
        "http://127.0.0.1:8000/feeds/rss/"
    )


def test_atom_feed_of_the_other_site(app, newsroom):
    """/feeds/atom/ is valid Atom 1.0; on localhost it holds the sport site's articles."""
    response = app.get("/feeds/atom/", extra_environ=SPORT)
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.body)
    assert root.tag == ATOM + "feed"
    assert root.findtext(ATOM + "title") == "Test Sport"
    entries = root.findall(ATOM + "entry")
    assert [e.findtext(ATOM + "title") for e in entries] == ["Home side wins derby"]
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "Ada Reporter"
    assert entries[0].find(ATOM + "link").get("href").startswith("http://localhost/")


def test_section_feed(app, newsroom):
    """A section's feed lists that section only; an unknown section is a 404."""
    channel = ET.fromstring(app.get("/section/science/feed/").body).find("channel")
    assert channel.findtext("title") == "The Test Times: Science"
    assert [i.findtext("title") for i in channel.findall("item")] == ["Comet seen over Tartu"]
    app.get("/section/nope/feed/", status=404)
