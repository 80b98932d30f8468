"""URLs: the home page, sign-in, language switch, each app's pages and API (as the apps declare them), admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from liaison.core import areas
from liaison.core.home import ApiRootView, HomeView

api_patterns = [
    path("", ApiRootView.as_view(), name="api-root"),
    *areas.api_urls(),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    *areas.page_urls(),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
]
