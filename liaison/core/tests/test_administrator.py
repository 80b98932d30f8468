"""An administrator manages users and their roles through the real admin, and can go no further: no superuser's
or other administrator's account, no token secrets, no permissions of the roles."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from liaison.core import tokens
from liaison.core.models import ApiToken, ChangeRecord
from liaison.core.testing import api_client, make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-unusual-password-8"
OLD_PASSWORD = "not-the-demo-password-1"


@pytest.fixture
def administrator():
    user = make_user("administrator")
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def admin_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


@pytest.fixture
def superuser():
    return User.objects.create_superuser("root", password=OLD_PASSWORD)


def set_password(client, user):
    return client.post(f"/admin/auth/user/{user.pk}/password/",
                       {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})


def change_form(user, **changes) -> dict:
    data = {"username": user.username, "first_name": "", "last_name": "", "email": "", "is_active": "on",
            "groups": [group.pk for group in user.groups.all()], "date_joined_0": "2024-01-01",
            "date_joined_1": "09:00:00", "initial-date_joined_0": "2024-01-01", "initial-date_joined_1": "09:00:00"}
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return data


def test_cannot_set_a_superusers_password(admin_client, superuser):
    assert set_password(admin_client, superuser).status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password(OLD_PASSWORD)


def test_cannot_set_another_administrators_password_or_change_or_delete_them(admin_client):
    other = make_user("administrator")
    other.set_password(OLD_PASSWORD)
    other.save()
    assert set_password(admin_client, other).status_code == 403
    refused = admin_client.post(f"/admin/auth/user/{other.pk}/change/", change_form(other, groups=[], is_active=""))
    assert refused.status_code == 403
    assert admin_client.post(f"/admin/auth/user/{other.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = admin_client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": [other.pk],
                                                   "post": "yes"})
    assert bulk.status_code == 403
    other.refresh_from_db()
    assert other.check_password(OLD_PASSWORD) and other.is_active
    assert other.groups.filter(name="administrator").exists()


def test_sees_a_superuser_read_only(admin_client, superuser):
    page = admin_client.get(f"/admin/auth/user/{superuser.pk}/change/")
    assert page.status_code == 200 and "root" in page.content.decode()
    assert 'name="username"' not in page.content.decode()
    assert admin_client.get(f"/admin/auth/user/{superuser.pk}/password/").status_code == 403


def test_cannot_change_a_superuser(admin_client, superuser):
    response = admin_client.post(f"/admin/auth/user/{superuser.pk}/change/",
                                 change_form(superuser, is_active="", username="root2"))
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active and superuser.username == "root"


def test_manages_an_ordinary_users_role_and_password_and_each_change_is_logged(admin_client, administrator):
    user = make_user("viewer")
    officer = Group.objects.get(name="officer")
    response = admin_client.post(f"/admin/auth/user/{user.pk}/change/",
                                 change_form(user, groups=[officer.pk], is_superuser="on",
                                             user_permissions=[Permission.objects.get(codename="add_user").pk]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == ["officer"]
    assert not user.is_superuser and not user.user_permissions.exists()  # only a superuser grants these

    assert set_password(admin_client, user).status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    role_change, password_change = ChangeRecord.objects.filter(content_type__model="user", object_id=user.pk)\
        .order_by("pk")
    assert (role_change.user, role_change.source, role_change.action) == (administrator, "admin", "update")
    viewer = Group.objects.get(name="viewer")
    assert (role_change.before["groups"], role_change.after["groups"]) == ([viewer.pk], [officer.pk])
    assert password_change.said() == "Password changed."
    logged = " ".join(str(r.before) + str(r.after) for r in ChangeRecord.objects.all())
    assert "password" not in logged and user.password not in logged


def test_cannot_grant_permissions_to_a_role_or_make_a_role(admin_client):
    viewer = Group.objects.get(name="viewer")
    before = set(viewer.permissions.all())
    delete_users = Permission.objects.get(codename="delete_user")
    response = admin_client.post(f"/admin/auth/group/{viewer.pk}/change/",
                                 {"name": "viewer", "permissions": [delete_users.pk, *(p.pk for p in before)]})
    assert response.status_code == 403
    assert set(viewer.permissions.all()) == before
    made = admin_client.post("/admin/auth/group/add/", {"name": "backdoor", "permissions": [delete_users.pk]})
    assert made.status_code == 403 and not Group.objects.filter(name="backdoor").exists()


def test_the_administrator_role_has_no_permission_on_permissions():
    administrator = Group.objects.get(name="administrator").permissions
    assert not administrator.filter(codename__in=["change_group", "add_group", "add_permission",
                                                  "change_permission", "add_apitoken"]).exists()
    assert administrator.filter(codename__in=["change_user", "view_group", "change_apitoken"]).count() == 3


def test_no_token_secret_is_shown_and_none_can_be_made_for_someone_else(admin_client):
    victim = make_user("manager")
    _token, key = tokens.issue(None, victim)
    assert admin_client.get("/admin/authtoken/tokenproxy/").status_code == 404
    page = admin_client.get("/admin/core/apitoken/").content.decode()
    assert key[:8] in page and key not in page and tokens.digest(key) not in page
    detail = admin_client.get(f"/admin/core/apitoken/{ApiToken.objects.get().pk}/change/")
    text = detail.content.decode()
    assert detail.status_code == 200 and key[:8] in text and key not in text and tokens.digest(key) not in text
    assert admin_client.get("/admin/core/apitoken/add/").status_code == 403


def test_revokes_an_ordinary_users_token_but_not_an_administrators(admin_client, administrator):
    _token, officer_key = tokens.issue(None, make_user("officer"))
    _token, admin_key = tokens.issue(None, make_user("administrator"))
    response = admin_client.post("/admin/core/apitoken/", {
        "action": "revoke", "_selected_action": list(ApiToken.objects.values_list("pk", flat=True))})
    assert response.status_code == 302
    revoked, kept = tokens.find(officer_key), tokens.find(admin_key)
    assert revoked is None and kept is not None
    record = ChangeRecord.objects.get(content_type__model="apitoken", action="update")
    assert record.said() == "API token revoked."
    assert (record.user, record.source) == (administrator, "admin")
    assert api_client("anonymous").get("/api/partners/organisations/",
                                       HTTP_AUTHORIZATION=f"Token {officer_key}").status_code == 401


def test_deleting_a_user_who_changed_records_is_refused(admin_client):
    user = make_user("officer")
    api_client_of_user = Client()
    api_client_of_user.force_login(user)
    api_client_of_user.post("/partners/organisations/add/", {"name_en": "X", "kind": "aca", "is_active": "on"})
    page = admin_client.post(f"/admin/auth/user/{user.pk}/delete/", {"post": "yes"})
    assert page.status_code == 200 and "change record" in page.content.decode()  # protected: deactivate instead
    assert User.objects.filter(pk=user.pk).exists()
