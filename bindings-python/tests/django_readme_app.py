"""bindings-python/README.md § Django, verbatim below the marker: the one-file Django app the
Django integration tests serve (importing this module configures Django for the test process)."""

# bindings-python/README.md § Django, verbatim.
import hmac
import json
import secrets
import time

import django
from django.conf import settings
from django.http import JsonResponse
from django.urls import path

import jwtcore as jwt
from jwtcore import session as s
from jwtcore.integrations.django import BearerVerifier, JWTAuthentication, bearer_required, session_of
from jwtcore.stores import MemoryStore, Sessions

ISSUER = "https://api.example"
JWT_KEY = secrets.token_bytes(32)       # secrets come from your secret store in production
USERS = {"alice": "correct horse"}      # your user model, with password hashes
store = MemoryStore()                   # RedisStore(url=...) when several processes serve

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    MIDDLEWARE=["jwtcore.integrations.django.JwtcoreMiddleware"],
    JWTCORE={
        "SESSIONS": Sessions(store, s.SessionKeys(secrets.token_bytes(32)), pepper=secrets.token_bytes(32)),
        "BEARER": BearerVerifier(JWT_KEY, algorithms=["HS256"], issuer=ISSUER, denylist=store),
        "REQUEST_POLICY": s.RequestPolicy(["https://app.example"]),
        "EXEMPT": ["/api/"],
    },
)
django.setup()

from rest_framework.permissions import IsAuthenticated  # noqa: E402 - needs the settings
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402


def password_ok(body: dict) -> bool:
    expected = USERS.get(body.get("username"), "")
    return bool(expected) and hmac.compare_digest(expected.encode(), str(body.get("password")).encode())


def api_token(request):
    body = json.loads(request.body or b"{}")
    if not password_ok(body):
        return JsonResponse({"error": "invalid_credentials"}, status=401)
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": body["username"], "jti": secrets.token_urlsafe(16), "iat": now, "exp": now + 300}
    return JsonResponse({"access_token": jwt.encode(claims, JWT_KEY, algorithm="HS256"), "token_type": "Bearer"})


@bearer_required
def api_me(request):
    return JsonResponse({"user": request.jwt_claims["sub"]})


class DrfMe(APIView):   # Django REST framework: the same token through its authentication class
    authentication_classes = [JWTAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"user": request.user.username, "jti": request.auth["jti"]})


def login(request):
    body = json.loads(request.body or b"{}")
    if request.method != "POST" or not password_ok(body):
        return JsonResponse({"error": "invalid_credentials"}, status=401)
    return JsonResponse({"csrf_token": session_of(request).login(body["username"])})


def me(request):
    ctx = session_of(request)
    if ctx.session is None:
        return JsonResponse({"error": "no_session"}, status=401)
    return JsonResponse({"user": ctx.user, "csrf_token": ctx.csrf_token()})


def logout(request):   # a POST with a session needs X-CSRF-Token: the middleware checks it
    session_of(request).logout()
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/token", api_token), path("api/me", api_me), path("api/drf/me", DrfMe.as_view()),
    path("login", login), path("me", me), path("logout", logout),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(["app.py", "runserver", "127.0.0.1:8000"])
