"""The last line of the disclosure rules: every public response is masked.

Under ``/portal/`` and ``/api/`` each GET/HEAD response that is HTML, JSON, XML (feeds) or
CSV passes through ``portal.masking.mask_public`` — whichever app rendered it — unless the
view already masked it (``response.public_masked``). Responses to POSTs are left alone: they
echo what the visitor just typed (the complaint form) and are never publications. A 404
under ``/portal/`` that was rendered by the staff error page is replaced by the portal's own.
"""

from eduenforce.portal.masking import mask_public

PUBLIC_PREFIXES = ("/portal/", "/api/")
MASKED_TYPES = ("text/html", "json", "xml", "text/csv")


class PublicDisclosureMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(PUBLIC_PREFIXES) or request.method not in ("GET", "HEAD"):
            return response
        if (
            response.status_code == 404
            and request.path.startswith("/portal/")
            and "text/html" in response.get("Content-Type", "")
            and not getattr(response, "portal_page", False)
        ):
            from eduenforce.portal.errors import not_found

            response = not_found(request, "您访问的页面不存在，请从公示平台首页重新查找。")
        if response.streaming or getattr(response, "public_masked", False):
            return response
        content_type = response.get("Content-Type", "")
        if not any(t in content_type for t in MASKED_TYPES):
            return response
        charset = response.charset or "utf-8"
        text = response.content.decode(charset, errors="replace")
        masked = mask_public(text)
        if masked != text:
            response.content = masked.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        response.public_masked = True
        return response
