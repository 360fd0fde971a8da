"""Context processors used by the tests."""


def site(request):
    return {"site_name": "Example", "text": "from the processor"}
