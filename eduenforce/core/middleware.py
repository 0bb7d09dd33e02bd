import uuid
from contextvars import ContextVar

from django.shortcuts import render

from eduenforce.core.errors import DomainError

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")
current_ip: ContextVar[str] = ContextVar("current_ip", default="")


class RequestIdMiddleware:
    """Gives each request an id that the journal stamps on every entry it writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        ip_token = current_ip.set(request.META.get("REMOTE_ADDR", ""))
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
            current_ip.reset(ip_token)
        response["X-Request-Id"] = request.request_id
        return response


class DomainErrorMiddleware:
    """A domain rule that refused an action and was not caught by the view: 409, in Chinese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return render(request, "409.html", {"message": exception.message}, status=exception.status_code)
        return None
