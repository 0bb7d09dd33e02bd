"""Abuse protection of the public complaint form, with no external service.

- A per-address rate limit kept in the cache (shared by every web process when the cache
  is Redis; per process with the local-memory cache).
- A challenge: a small sum whose operands travel in a token signed with the secret key,
  with the time it was issued. Too fast (a script) or too old is refused, and a solved
  token is spent once.
- A honeypot field that people never see and scripts fill in.
"""

import secrets
import time

from django.core import signing
from django.core.cache import cache

_SALT = "complaints.challenge.v1"
MIN_SECONDS = 3
MAX_AGE = 2 * 60 * 60
HONEYPOT_FIELD = "website"


class ChallengeFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(scope: str, request, limit: int, window: int = 3600) -> bool:
    """Count one hit for this address; True when it is over ``limit`` in the window."""
    key = f"complaints:rl:{scope}:{client_ip(request)}"
    cache.add(key, 0, window)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        hits = 1
    return hits > limit


def new_challenge() -> tuple[str, str]:
    """(question, token): e.g. ("7 加 5 等于多少？", "<signed>")."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_hex(8), "t": int(time.time())}, salt=_SALT)
    return question_for(token), token


def question_for(token: str) -> str:
    payload = signing.loads(token, salt=_SALT)
    return f"{payload['a']} 加 {payload['b']} 等于多少？"


def check(token: str, answer) -> str:
    """Verify the challenge; returns its nonce (spend it with ``spend`` after saving)."""
    try:
        payload = signing.loads(token or "", salt=_SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise ChallengeFailed("验证题已过期，请回答新的验证题") from None
    except signing.BadSignature:
        raise ChallengeFailed("验证题无效，请回答新的验证题") from None
    if time.time() - payload["t"] < MIN_SECONDS:
        raise ChallengeFailed("提交过快，请核对填写内容后再提交")
    if cache.get(f"complaints:spent:{payload['n']}"):
        raise ChallengeFailed("该验证题已使用，请回答新的验证题")
    try:
        correct = int(str(answer).strip()) == payload["a"] + payload["b"]
    except ValueError:
        correct = False
    if not correct:
        raise ChallengeFailed("验证题答案不正确")
    return payload["n"]


def spend(nonce: str) -> None:
    cache.set(f"complaints:spent:{nonce}", 1, MAX_AGE)


def token_is_usable(token: str) -> bool:
    try:
        payload = signing.loads(token or "", salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    return not cache.get(f"complaints:spent:{payload['n']}")
