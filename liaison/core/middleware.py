"""Request-wide behaviour: login required, change context, security headers, request size."""

import re
import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .changelog import change_context
from .choices import ChangeSource

# Pages open without login: the login page itself, static files, and the API (which answers 401 itself); the
# API's documentation is a page for people, who are sent to sign in like everywhere else.
PUBLIC_PATHS = re.compile(r"^/(accounts/login/|static/|api/(?!docs/)|i18n/|favicon\.ico)")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def is_public(view_func) -> bool:
    """A page meant for people without an account (a view class saying `public = True`, e.g. a request form)."""
    return getattr(getattr(view_func, "view_class", None), "public", False) is True


class LoginRequiredMiddleware(MiddlewareMixin):
    """Every page needs a signed-in user, but the few that say they are public."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated or PUBLIC_PATHS.match(request.path_info) or is_public(view_func):
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


# Form fields and part headers around an uploaded file.
MULTIPART_OVERHEAD = 64 * 1024
# An oversized body up to this size is read and thrown away after the refusal, so the browser, still sending it,
# sees the answer instead of a reset connection; beyond it (no browser sends that much past a proxy's own limit)
# the connection is simply closed.
DISCARD_AT_MOST = 32 * 1024 * 1024


def upload_limit(view_func) -> int | None:
    """The largest file a view accepts (its `upload_limit_setting` names the setting), or None for no upload."""
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    setting = getattr(view_class, "upload_limit_setting", None)
    return getattr(settings, setting) if setting else None


class RequestSizeMiddleware(MiddlewareMixin):
    """Refuses a body larger than its view accepts (413), from Content-Length, before any of it is read.

    A view that takes an upload accepts its file's limit plus the multipart overhead; any other view the limit
    Django sets on form data (which the API's JSON parser would not otherwise apply).
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0  # Django reads no body at all then
        upload = upload_limit(view_func)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if upload is None else upload + MULTIPART_OVERHEAD
        if size <= limit:
            return None
        message = _("The upload is {size}; at most {limit} can be sent here. Nothing was saved.").format(
            size=filesizeformat(size), limit=filesizeformat(limit if upload is None else upload))
        if size <= DISCARD_AT_MOST:
            while request.read(64 * 1024):
                pass
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            back = reverse("home")
        return render(request, "413.html", {"message": message, "back": back}, status=413)
