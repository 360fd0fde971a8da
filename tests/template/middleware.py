"""A middleware using the process_template_response hook."""


class ShoutingMiddleware:
    """Upper-cases the context's ``text`` and records that it ran."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        response.context_data["text"] = response.context_data["text"].upper()
        response.add_post_render_callback(self._mark)
        return response

    @staticmethod
    def _mark(response):
        response["X-Rendered-By"] = "shouting"
