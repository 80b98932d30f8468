"""URLs: pages per app, the API under /api/, login, language switch, admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from liaison.agreements import api as agreements_api
from liaison.core import api as core_api
from liaison.home import ApiRootView, HomeView
from liaison.networks import api as networks_api
from liaison.partners import api as partners_api

api_patterns = [
    path("", ApiRootView.as_view(), name="api-root"),
    path("core/", include((core_api.router.urls, "core-api"))),
    path("partners/", include((partners_api.router.urls, "partners-api"))),
    path("networks/", include((networks_api.router.urls, "networks-api"))),
    path("agreements/", include((agreements_api.router.urls, "agreements-api"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("core/", include("liaison.core.urls")),
    path("partners/", include("liaison.partners.urls")),
    path("networks/", include("liaison.networks.urls")),
    path("agreements/", include("liaison.agreements.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
]
