"""Public error pages in Chinese: 400 for a malformed query, 404, 410 (withdrawn), 429 (too fast)."""

from django.shortcuts import render


class BadQuery(Exception):
    """A query parameter the portal cannot use; the message names it, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def error_page(request, status: int, title: str, message: str, **extra):
    response = render(
        request,
        "portal/error.html",
        {"code": status, "title": title, "message": message, **extra},
        status=status,
    )
    response.portal_page = True
    return response


def bad_query(request, error: BadQuery):
    return error_page(request, 400, "查询参数有误", error.message, retry_url=request.path)


def not_found(request, message: str = "您访问的公示信息不存在，可能链接有误。"):
    return error_page(request, 404, "页面不存在", message)


def too_many(request):
    response = error_page(request, 429, "访问过于频繁", "检索过于频繁，请稍候一分钟再试。")
    response["Retry-After"] = "60"
    return response
