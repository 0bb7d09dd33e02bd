import ipaddress
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.shortcuts import render

from eduenforce.core.errors import DomainError

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")
current_ip: ContextVar[str] = ContextVar("current_ip", default="")


def client_ip(request) -> str:
    """The client's address (``REMOTE_ADDR``, as ``TrustedProxyMiddleware`` left it)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def lockout_ip(request) -> str | None:
    """django-axes' ``AXES_CLIENT_IP_CALLABLE``: the same address, so the lockout never reads a forwarded
    header a client could forge; ``None`` (not a placeholder) when a request carries none, as a sign-in
    made in code does, because axes stores it in an address column that PostgreSQL checks."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class TrustedProxyMiddleware:
    """Behind a reverse proxy every request comes from the proxy's address. When ``REMOTE_ADDR`` is one of
    ``settings.TRUSTED_PROXIES`` (``EDUENFORCE_TRUSTED_PROXIES``, CIDR list), the client is the right-most
    ``X-Forwarded-For`` entry that is not itself a trusted proxy; everything left of it was written by the
    client and is ignored. From any other address the header is ignored altogether. Rate limits, the login
    throttle and the journal's address all read the result."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = tuple(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request):
        remote = request.META.get("REMOTE_ADDR", "")
        if self.networks and _trusted(remote, self.networks):
            client = remote
            for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
                entry = entry.strip()
                try:
                    ipaddress.ip_address(entry)
                except ValueError:
                    break
                client = entry
                if not _trusted(entry, self.networks):
                    break
            request.META["REMOTE_ADDR"] = client
        return self.get_response(request)


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
