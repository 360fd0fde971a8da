"""Request handlers: the WSGI entry point and the middleware chain behind it.

``wsgi.WSGIHandler`` turns a WSGI call into an ``HttpRequest``; ``base.BaseHandler``
runs it through the middleware chain, the URL resolver and the view;
``exception`` turns exceptions into responses.
"""
