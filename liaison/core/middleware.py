"""Request-wide behaviour: login required, change context, security headers."""

import re
import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.utils.deprecation import MiddlewareMixin

from .changelog import change_context
from .choices import ChangeSource

# Pages open without login: the login page itself, static files, and the API (which answers 401 itself); the
# API's documentation is a page for people, who are sent to sign in like everywhere else.
PUBLIC_PATHS = re.compile(r"^/(accounts/login/|static/|api/(?!docs/)|i18n/|favicon\.ico)")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class LoginRequiredMiddleware(MiddlewareMixin):
    """Every page needs a signed-in user."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated or PUBLIC_PATHS.match(request.path_info):
            return None
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


class ChangeContextMiddleware:
    """Tags every write of a request with its request id and source (web, API or admin)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = self.request_id(request)
        path = request.path_info
        source = ChangeSource.API if path.startswith("/api/") else (
            ChangeSource.ADMIN if path.startswith("/admin/") else ChangeSource.WEB
        )
        with change_context(source, request.id):
            response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response

    @staticmethod
    def request_id(request) -> str:
        """The id the TLS proxy gave the request (it sets X-Request-ID, replacing any a client sent), else a new
        one: without the proxy, a client could put any id it likes in the change log."""
        supplied = request.headers.get("X-Request-ID", "") if settings.BEHIND_TLS_PROXY else ""
        return supplied if REQUEST_ID.match(supplied) else uuid.uuid4().hex


class SecurityHeadersMiddleware:
    """A content security policy that also keeps every page offline: nothing loads from elsewhere. Nothing but
    static files is kept by browsers or proxies: pages, exports and API answers carry records."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if not request.path_info.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
        return response
