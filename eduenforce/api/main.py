"""The open-data API (django-ninja): read-only JSON of everything the portal shows.

Each app may contribute a router from ``<app>/api.py`` and mount it here with one
``api.add_router(...)`` line; the OpenAPI schema is served at ``/api/openapi.json`` and the
docs (Swagger UI, served from our own static files) at ``/api/docs``.
"""

from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from eduenforce.api.docs import LocalSwagger
from eduenforce.api.publications import router as publications_router


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON without \\u escapes: readable, and masked like any other public response."""

    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        from eduenforce.api.examples import annotate
        from eduenforce.api.publications import KIND_PATHS

        schema = super().get_openapi_schema(*args, **kwargs)
        return annotate(schema, KIND_PATHS)


api = OpenDataAPI(
    title="东丽区教育局行政执法公开数据接口",
    version="1.0",
    description=(
        "只读公开数据：行政执法事项清单、检查计划、双随机抽取结果与验证数据、抽查检查结果、行政处罚决定、年度报告、"
        "执法动态与法律法规解读。数据依法隐去个人信息，依据《政府信息公开条例》主动公开，可免费获取和再利用，"
        "请注明来源（详见 /api/v1/licence）。列表用 next_cursor 翻页；每个列表另有 .csv 下载。"
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=LocalSwagger(),
    renderer=ChineseJSONRenderer(),
)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    """Malformed parameters are a 400 with a Chinese message naming them (not ninja's 422)."""
    names = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        names.append(".".join(loc) or "参数")
    message = "参数有误：" + "、".join(dict.fromkeys(names)) + "（请对照接口文档检查取值范围和格式）"
    return api.create_response(request, {"detail": message}, status=400)


@api.get("/health", summary="服务状态", tags=["系统"])
def health(request):
    """服务状态：正常时返回 ``{"status": "ok"}``，可用于监控。"""
    return {"status": "ok"}


api.add_router("/v1/", publications_router)
