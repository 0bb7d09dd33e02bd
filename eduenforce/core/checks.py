"""Start-up checks: the platform refuses to run where SM3 is missing."""

import hashlib

from django.core.checks import Error, register


@register()
def sm3_available(app_configs, **kwargs):
    try:
        hashlib.new("sm3", b"abc")
    except ValueError:
        return [
            Error(
                "此 Python 的 OpenSSL 不支持 SM3 杂凑算法，执法全过程记录无法校验。",
                hint="请使用带 OpenSSL 1.1.1 及以上（未禁用 SM3）的 Python。",
                id="eduenforce.E001",
            )
        ]
    return []
