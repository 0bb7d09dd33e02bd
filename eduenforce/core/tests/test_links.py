"""Public links are built from EDUENFORCE_PUBLIC_URL, never from the request's host."""

from eduenforce.core.links import public_reverse, public_url


def test_a_public_link_joins_the_configured_base_and_the_path(settings):
    settings.PUBLIC_URL = "https://zf.example.gov.cn/zhifa"
    assert public_url("/portal/") == "https://zf.example.gov.cn/zhifa/portal/"
    assert public_url("api/v1/") == "https://zf.example.gov.cn/zhifa/api/v1/"


def test_a_named_public_page_resolves_under_the_configured_base(settings):
    settings.PUBLIC_URL = "https://zf.example.gov.cn"
    url = public_reverse("portal:officer-verify", args=["12010020259999"])
    assert url == "https://zf.example.gov.cn/portal/officers/verify/12010020259999"


def test_a_local_script_prefix_is_replaced_by_the_public_base(settings):
    from django.urls import set_script_prefix

    settings.PUBLIC_URL = "https://zf.example.gov.cn"
    set_script_prefix("/intranet/")
    try:
        url = public_reverse("portal:officer-verify", args=["1"])
    finally:
        set_script_prefix("/")
    assert url == "https://zf.example.gov.cn/portal/officers/verify/1"
