"""One registry of apps: an app declared only in its own folder appears in the URLs, menu, home page, API index
and demo loader order; menu entries and figures follow the user's permissions; roles follow the declarations."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from liaison.core import areas
from liaison.core.models import Tag
from liaison.core.testing import api_client, make_user

SAMPLE = "liaison.core.tests.sample_area"


def assemble_urls_again() -> None:
    """The project's URLs as core assembles them from the apps installed now."""
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))


@pytest.fixture
def sample_area(db):
    """The sample area installed before every other app, so that only its declared order puts it after them."""
    installed = list(settings.INSTALLED_APPS)
    installed.insert(installed.index("liaison.core"), SAMPLE)
    with override_settings(INSTALLED_APPS=installed):
        assemble_urls_again()
        yield
    assemble_urls_again()


def menu_links(page: str) -> dict[str, str]:
    """Label → address of each link in the main menu's groups."""
    nav = page[page.index('<nav class="main-nav"'):page.index("</nav>")]
    return {label: href for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)}


def test_an_app_declared_in_its_own_folder_gets_pages_menu_home_figure_and_api(sample_area, client_as):
    Tag.objects.create(slug="sample", name_en="Sample")
    client = client_as("viewer")
    assert client.get("/sample-visits/").content.decode() == "The sample area's page"
    home = client.get("/").content.decode()
    assert menu_links(home)["Sample visits"] == "/sample-visits/"
    assert 'role="group" aria-label="Sample area"' in home
    assert f'<a href="/sample-visits/"><strong>{Tag.objects.count()}</strong> sample tags</a>' in home
    index = api_client("viewer").get("/api/").json()
    assert index["sample_area"] == "http://testserver/api/sample_area/"
    assert api_client("viewer").get("/api/sample_area/").json() == {
        "tags": "http://testserver/api/sample_area/tags/"}


def test_the_sample_area_exists_only_while_installed(client_as):
    client = client_as("viewer")
    assert client.get("/sample-visits/").status_code == 404
    assert "Sample visits" not in client.get("/").content.decode()
    assert set(api_client("viewer").get("/api/").json()) == {
        "core", "partners", "networks", "agreements", "events", "visits", "cooperation", "reports",
        "schema", "docs"}


def test_reference_data_loads_after_the_apps_it_links_to(sample_area):
    assert [label for label, _load in areas.reference_loaders()] == [
        "partners", "networks", "agreements", "sample_area", "events", "visits", "cooperation"]


@pytest.mark.parametrize("declared, problem", [
    ({"a": ("b",), "b": ("a",)}, "cycle"),
    ({"a": ("visits",)}, "not installed"),
])
def test_impossible_reference_orders_are_refused(declared, problem):
    configs = [SimpleNamespace(label=label, reference_after=after) for label, after in declared.items()]
    with pytest.raises(ImproperlyConfigured, match=problem):
        areas.in_dependency_order(configs)


@pytest.mark.django_db
def test_every_declared_menu_entry_and_figure_names_a_page_and_a_permission_that_exist():
    for app in areas.liaison_apps():
        for entry in app.menu:
            reverse(entry.url_name)
            app_label, codename = entry.permission.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()
        for figure in app.home:
            reverse(figure.url_name)


@pytest.mark.django_db
def test_the_menu_and_home_show_only_what_the_user_may_use(client_as):
    viewer_home = client_as("viewer").get("/").content.decode()
    assert list(menu_links(viewer_home)) == [
        "Organisations", "Contacts", "Networks", "Memberships", "Agreements", "Coverage", "Reminders",
        "My actions", "Events", "Registrations", "Bilateral meetings", "Incoming delegations", "Missions",
        "Office calendar", "Joint projects", "Statistics", "Assistance requests", "Deadlines",
        "Compartments", "Second factor", "Annual chapter", "Dashboard",
        "Chapter contents", "Jurisdictions", "API"]
    user = make_user("none")
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    client = client_as("anonymous")
    client.force_login(user)
    page = client.get("/").content.decode()
    assert list(menu_links(page)) == ["Organisations", "API"]
    assert "Agreements" not in page and "Jurisdictions" not in page
    assert client.get(reverse("agreements:coverage")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role, may_import", [
    ("viewer", False), ("officer", False), ("manager", True), ("administrator", True)])
def test_a_custom_permission_declared_for_a_role_goes_to_it_and_the_roles_above(role, may_import):
    assert Group.objects.get(name=role).permissions.filter(codename="import_records").exists() == may_import
