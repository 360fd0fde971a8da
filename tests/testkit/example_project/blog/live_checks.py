"""Pages fetched from the project served by real Apache (the live_server fixture)."""

import urllib.request

from blog.models import Post


def test_live_server_serves_committed_rows(live_server):
    Post.objects.create(title="Seen by Apache", published=True)
    with urllib.request.urlopen(live_server.url + "/", timeout=10) as response:
        body = response.read().decode()
    assert response.status == 200
    assert "Seen by Apache" in body


def test_live_server_sees_flushed_tables(live_server):
    with urllib.request.urlopen(live_server.url + "/", timeout=10) as response:
        body = response.read().decode()
    assert "No posts yet." in body
