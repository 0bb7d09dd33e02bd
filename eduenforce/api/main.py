"""The open-data API (django-ninja): read-only JSON of everything the portal shows.

Each app contributes a router from ``<app>/api.py``; the OpenAPI schema is served at
``/api/openapi.json`` and the docs at ``/api/docs``.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="东丽区教育局行政执法公开数据接口",
    version="1.0",
    description="只读公开数据。数据依法隐去个人信息，按《政府信息公开条例》可自由使用，请注明来源。",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.get("/health", summary="服务状态", tags=["系统"])
def health(request):
    return {"status": "ok"}
