"""HTTP requests and responses (Django's ``django.http``).

``HttpRequest``/``QueryDict`` in ``request``, the WSGI request in ``wsgi``,
responses in ``response`` (base classes), ``status`` (redirects and error
codes), ``fileresponse`` and ``jsonresponse``; cookie parsing in ``cookie``;
the multipart parser in ``multipartparser``.
"""

from framework.http.cookie import SimpleCookie as SimpleCookie
from framework.http.cookie import parse_cookie as parse_cookie
from framework.http.fileresponse import FileResponse as FileResponse
from framework.http.jsonresponse import JsonResponse as JsonResponse
from framework.http.mediatype import MediaType as MediaType
from framework.http.multipartparser import MultiPartParserError as MultiPartParserError
from framework.http.querydict import QueryDict as QueryDict
from framework.http.request import HttpHeaders as HttpHeaders
from framework.http.request import HttpRequest as HttpRequest
from framework.http.request import RawPostDataException as RawPostDataException
from framework.http.request import UnreadablePostError as UnreadablePostError
from framework.http.response import BadHeaderError as BadHeaderError
from framework.http.response import Http404 as Http404
from framework.http.response import HttpResponse as HttpResponse
from framework.http.response import HttpResponseBase as HttpResponseBase
from framework.http.response import StreamingHttpResponse as StreamingHttpResponse
from framework.http.status import HttpResponseBadRequest as HttpResponseBadRequest
from framework.http.status import HttpResponseForbidden as HttpResponseForbidden
from framework.http.status import HttpResponseGone as HttpResponseGone
from framework.http.status import HttpResponseNotAllowed as HttpResponseNotAllowed
from framework.http.status import HttpResponseNotFound as HttpResponseNotFound
from framework.http.status import HttpResponseNotModified as HttpResponseNotModified
from framework.http.status import HttpResponsePermanentRedirect as HttpResponsePermanentRedirect
from framework.http.status import HttpResponseRedirect as HttpResponseRedirect
from framework.http.status import HttpResponseRedirectBase as HttpResponseRedirectBase
from framework.http.status import HttpResponseServerError as HttpResponseServerError
from framework.http.wsgi import WSGIRequest as WSGIRequest
