"""The API docs page (Swagger UI) served entirely from our own static files: the CSP allows
only 'self', and the settings travel in a JSON data island read by a static init script."""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class LocalSwagger(DocsBase):
    def render_page(self, request, api, **kwargs):
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
            "docExpansion": "list",
            "defaultModelsExpandDepth": 0,
        }
        return render(request, "api/docs.html", {"api": api, "swagger_settings": settings})
