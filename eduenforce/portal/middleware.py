"""Public responses: the portal's own 404, and masking of the pages that echo visitors' text.

Publications are masked field by field when they are stored (``portal.services`` with the
allow-list of ``portal.fields``): content is masked, identifiers, URLs and fixed text are not.
Masking whole responses here used to mangle identifiers that merely looked like numbers (a
public id that passed the bank-card check became ``[已隐去]`` in links, feed ids and cursors),
so only the pages that show what a visitor typed (the complaint pages, ``ECHO_PREFIXES``) are
still masked as a whole. A 404 under ``/portal/`` that was rendered by the staff error page
is replaced by the portal's own.
"""

from eduenforce.portal.masking import mask_public

PUBLIC_PREFIXES = ("/portal/", "/api/")
ECHO_PREFIXES = ("/portal/complaints/",)
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
        if (
            not request.path.startswith(ECHO_PREFIXES)
            or response.streaming
            or getattr(response, "public_masked", False)
        ):
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
