"""HTTP for outside developers under ``/api/``: GET, HEAD and OPTIONS with CORS for reads,
ETag / ``If-None-Match`` and ``Cache-Control``, ``Retry-After`` on every 429, and a JSON 404
for an unknown path (never the staff HTML page).

The open data is public and read-only, so any origin may read it (``*``, no credentials).
"""

import hashlib

from django.http import HttpResponse, JsonResponse

from eduenforce.core import config

PREFIX = "/api/"
READ_METHODS = "GET, HEAD, OPTIONS"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Retry-After, Content-Disposition, Content-Length",
}


def _not_found(request) -> JsonResponse:
    return JsonResponse(
        {"detail": f"接口不存在：{request.path}（接口列表见 /api/docs）"},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


class OpenDataHttpMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = READ_METHODS
            response["Access-Control-Allow-Methods"] = READ_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type, If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
            return self._cors(response)
        head = request.method == "HEAD"
        if head:  # answered as the GET would be, without its body
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
        if response.status_code == 404 and "json" not in response.get("Content-Type", ""):
            response = _not_found(request)
        if response.status_code == 405:
            response["Allow"] = READ_METHODS
        if response.status_code == 429 and not response.has_header("Retry-After"):
            response["Retry-After"] = "60"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            self._caching(request, response)
            if response.status_code == 304:
                return self._cors(response)
        if head and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return self._cors(response)

    @staticmethod
    def _cors(response):
        for name, value in CORS.items():
            response[name] = value
        return response

    @staticmethod
    def _caching(request, response) -> None:
        seconds = max(int(config.get("portal.page_cache_seconds") or 0), 0)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = f"public, max-age={seconds}"
        if response.streaming:
            return
        tag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = tag
        wanted = request.headers.get("If-None-Match", "")
        if tag in {t.strip().removeprefix("W/") for t in wanted.split(",")}:
            response.status_code = 304
            response.content = b""
            for header in ("Content-Type", "Content-Length"):
                if response.has_header(header):
                    del response[header]
