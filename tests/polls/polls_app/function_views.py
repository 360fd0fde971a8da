"""The tutorial's views as functions (part 3, with vote() from part 4)."""

from __future__ import annotations

from framework.db.models import F
from framework.http import HttpResponseRedirect
from framework.shortcuts import get_object_or_404, render
from framework.urls import reverse

from .models import Choice, Question


def index(request):
    latest_question_list = Question.objects.order_by("-pub_date")[:5]
    context = {"latest_question_list": latest_question_list}
    return render(request, "polls/index.html", context)


def detail(request, question_id):
    question = get_object_or_404(Question, pk=question_id)
    return render(request, "polls/detail.html", {"question": question})


def results(request, question_id):
    question = get_object_or_404(Question, pk=question_id)
    return render(request, "polls/results.html", {"question": question})


def vote(request, question_id):
    question = get_object_or_404(Question, pk=question_id)
    try:
        selected_choice = question.choice_set.get(pk=request.POST["choice"])
    except (KeyError, ValueError, Choice.DoesNotExist):
        # ValueError too (beyond the tutorial): a non-numeric choice is the
        # same user error as no choice, not a server error.
        return render(
            request,
            "polls/detail.html",
            {"question": question, "error_message": "You didn't select a choice."},
        )
    else:
        selected_choice.votes = F("votes") + 1
        selected_choice.save()
        # Always redirect after a successful POST, so Back cannot vote twice.
        return HttpResponseRedirect(reverse("polls:results", args=(question.id,)))
