"""POST /rel/write/: two writes in one transaction, acknowledged with the first row's id."""

import time

from framework.db import transaction
from framework.db.models import F
from framework.http import HttpResponseBadRequest, JsonResponse
from framework.views.decorators.csrf import csrf_exempt
from relapp.models import Counter, Entry


class InjectedFault(RuntimeError):
    """Raised on purpose between the two writes (?fail=1)."""


@csrf_exempt
def write(request):
    """Write step 1, then step 2 and the counter; ?fail=1 raises between the two."""
    if request.method != "POST":
        return HttpResponseBadRequest("POST a token.")
    token = request.POST.get("token", "")
    if not token or len(token) > 64:
        return HttpResponseBadRequest("The token must be 1 to 64 characters.")
    with transaction.atomic():
        first = Entry.objects.create(token=token, step=1)
        if request.GET.get("fail"):
            raise InjectedFault(f"injected failure after the first write of {token!r}")
        Entry.objects.create(token=token, step=2)
        Counter.objects.filter(name="writes").update(value=F("value") + 1)
    return JsonResponse({"id": first.pk, "token": token})


def slow(request):
    """Sleep ?ms= milliseconds (at most 10 s), then answer 200: a request that holds a thread."""
    try:
        ms = min(int(request.GET.get("ms", "500")), 10_000)
    except ValueError:
        return HttpResponseBadRequest("ms must be an integer.")
    time.sleep(ms / 1000)
    return JsonResponse({"slept_ms": ms})
