"""The Django tutorial's polls app (parts 1-4), with Jinja2 templates, end to end.

Each HTTP test runs twice: with the part-3 function views and with the part-4
generic views (``app`` is parametrised over both URLconfs), on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import datetime

import pytest

from framework.db.models import F
from framework.urls import reverse

UTC = datetime.UTC


@pytest.fixture
def m(db):
    from tests.polls.polls_app import models

    return models


def create_question(m, text, days=0):
    """A question published ``days`` from now (negative: in the past)."""
    when = datetime.datetime.now(UTC) + datetime.timedelta(days=days)
    return m.Question.objects.create(question_text=text, pub_date=when)


@pytest.fixture
def question(m):
    q = create_question(m, "What's new?", days=-1)
    q.choice_set.create(choice_text="Not much", votes=0)
    q.choice_set.create(choice_text="The sky", votes=0)
    return q


# ----------------------------------------------------------------- part 2: the API


def test_model_api_from_the_shell(m):
    """The tutorial's shell session: create, query, related sets, delete."""
    assert list(m.Question.objects.all()) == []
    q = m.Question(question_text="What's new?", pub_date=datetime.datetime.now(UTC))
    q.save()
    assert q.id is not None
    assert str(q) == "What's new?"
    assert m.Question.objects.get(pk=q.id) == q
    assert list(m.Question.objects.filter(question_text__startswith="What")) == [q]
    this_year = datetime.datetime.now(UTC).year
    assert m.Question.objects.get(pub_date__year=this_year) == q
    with pytest.raises(m.Question.DoesNotExist):
        m.Question.objects.get(id=q.id + 1000)
    assert q.was_published_recently() is True
    assert q.choice_set.count() == 0
    q.choice_set.create(choice_text="Not much", votes=0)
    q.choice_set.create(choice_text="The sky", votes=0)
    c = q.choice_set.create(choice_text="Just hacking again", votes=0)
    assert c.question == q
    assert q.choice_set.count() == 3
    assert m.Choice.objects.filter(question__pub_date__year=this_year).count() == 3
    c = q.choice_set.filter(choice_text__startswith="Just hacking")
    c.delete()
    assert [ch.choice_text for ch in q.choice_set.order_by("id")] == ["Not much", "The sky"]


def test_was_published_recently(m):
    """False for future and old questions, True within the last day."""
    future = m.Question(pub_date=datetime.datetime.now(UTC) + datetime.timedelta(days=30))
    old = m.Question(pub_date=datetime.datetime.now(UTC) - datetime.timedelta(days=1, seconds=1))
    recent = m.Question(pub_date=datetime.datetime.now(UTC) - datetime.timedelta(hours=23))
    assert (future.was_published_recently(), old.was_published_recently()) == (False, False)
    assert recent.was_published_recently() is True


def test_f_expression_vote_is_atomic(m, question):
    """votes = F("votes") + 1 increments in the database, not in Python."""
    choice = question.choice_set.order_by("id").first()
    m.Choice.objects.filter(pk=choice.pk).update(votes=5)
    choice.votes = F("votes") + 1
    choice.save()
    choice.refresh_from_db()
    assert choice.votes == 6


# ----------------------------------------------------------------- parts 3 and 4: views


def test_index_without_polls(app):
    """An empty index says so."""
    assert "No polls are available." in app.get("/polls/").text


def test_index_lists_latest_five_with_links(app, m):
    """The five newest questions, newest first, each linking to its detail page."""
    questions = [create_question(m, f"Q{i}", days=-i) for i in range(7)]
    page = app.get("/polls/")
    texts = [a.text for a in page.html.find_all("a")]
    assert texts == ["Q0", "Q1", "Q2", "Q3", "Q4"]
    hrefs = [a["href"] for a in page.html.find_all("a")]
    assert hrefs == [f"/polls/{q.id}/" for q in questions[:5]]
    assert reverse("polls:detail", args=(questions[0].id,)) == hrefs[0]


def test_detail_shows_choices_and_csrf(app, question):
    """The detail page has the question, one radio per choice and the CSRF token."""
    page = app.get(f"/polls/{question.id}/")
    assert "<h1>What&#39;s new?</h1>" in page.text or "<h1>What's new?</h1>" in page.text
    form = page.forms[0]
    assert form.action == f"/polls/{question.id}/vote/"
    assert form.method.lower() == "post"
    assert "csrfmiddlewaretoken" in form.fields
    radios = page.html.find_all("input", type="radio")
    assert [r.find_next("label").text for r in radios] == ["Not much", "The sky"]


def test_nonexistent_question_is_404(app, question):
    """Detail, results and vote of a missing question are 404s."""
    missing = question.id + 1000
    app.get(f"/polls/{missing}/", status=404)
    app.get(f"/polls/{missing}/results/", status=404)
    page = app.get(f"/polls/{question.id}/")
    token = page.forms[0]["csrfmiddlewaretoken"].value
    app.post(f"/polls/{missing}/vote/", {"csrfmiddlewaretoken": token}, status=404)


def test_vote_then_results(app, question):
    """Voting redirects to the results page, which counts the vote; voting again adds one."""
    sky = question.choice_set.get(choice_text="The sky")
    page = app.get(f"/polls/{question.id}/")
    form = page.forms[0]
    form["choice"] = str(sky.id)
    response = form.submit()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/polls/{question.id}/results/"
    results = response.follow()
    assert "The sky -- 1 vote" in results.text
    assert "Not much -- 0 votes" in results.text
    assert results.html.find("a")["href"] == f"/polls/{question.id}/"
    form = results.click("Vote again?").forms[0]
    form["choice"] = str(sky.id)
    assert "The sky -- 2 votes" in form.submit().follow().text
    sky.refresh_from_db()
    assert sky.votes == 2


def test_vote_without_choice_shows_error(app, question):
    """Submitting no choice re-displays the form with the tutorial's error message."""
    page = app.get(f"/polls/{question.id}/")
    response = page.forms[0].submit()
    assert response.status_code == 200
    assert "<strong>You didn&#39;t select a choice.</strong>" in response.text or (
        "<strong>You didn't select a choice.</strong>" in response.text
    )
    assert response.forms[0].action == f"/polls/{question.id}/vote/"
    assert all(c.votes == 0 for c in question.choice_set.all())


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999999", "-1"])
def test_vote_with_bad_choice_is_the_same_error(app, question, value):
    """A malformed or unknown choice is the "no choice" error, never a 500."""
    page = app.get(f"/polls/{question.id}/")
    token = page.forms[0]["csrfmiddlewaretoken"].value
    response = app.post(
        f"/polls/{question.id}/vote/", {"csrfmiddlewaretoken": token, "choice": value}
    )
    assert response.status_code == 200
    assert "select a choice." in response.text


def test_vote_for_another_questions_choice_is_rejected(app, m, question):
    """A choice of another question does not count."""
    other = create_question(m, "Other?", days=-2)
    foreign = other.choice_set.create(choice_text="Elsewhere")
    page = app.get(f"/polls/{question.id}/")
    token = page.forms[0]["csrfmiddlewaretoken"].value
    response = app.post(
        f"/polls/{question.id}/vote/", {"csrfmiddlewaretoken": token, "choice": str(foreign.id)}
    )
    assert "select a choice." in response.text
    foreign.refresh_from_db()
    assert foreign.votes == 0


def test_vote_without_csrf_token_is_forbidden(app, question):
    """A POST without the CSRF token is refused with 403 and counts nothing."""
    choice = question.choice_set.first()
    app.post(f"/polls/{question.id}/vote/", {"choice": str(choice.id)}, status=403)
    choice.refresh_from_db()
    assert choice.votes == 0


def test_user_text_is_escaped(app, m):
    """Question and choice texts with markup are escaped on every page."""
    q = create_question(m, "<script>alert(1)</script>", days=-1)
    q.choice_set.create(choice_text="<b>bold</b>")
    for url in ("/polls/", f"/polls/{q.id}/", f"/polls/{q.id}/results/"):
        text = app.get(url).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;" in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in app.get(f"/polls/{q.id}/").text
