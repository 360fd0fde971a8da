"""The tutorial's views as generic views (part 4)."""

from __future__ import annotations

from framework.views import generic

from .function_views import vote
from .models import Question

__all__ = ["DetailView", "IndexView", "ResultsView", "vote"]


class IndexView(generic.ListView):
    template_name = "polls/index.html"
    context_object_name = "latest_question_list"

    def get_queryset(self):
        """Return the last five published questions."""
        return Question.objects.order_by("-pub_date")[:5]


class DetailView(generic.DetailView):
    model = Question
    template_name = "polls/detail.html"


class ResultsView(generic.DetailView):
    model = Question
    template_name = "polls/results.html"
