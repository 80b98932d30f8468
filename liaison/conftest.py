"""Fixtures shared by every app's tests."""

import pytest
from django.test import Client

from liaison.core.testing import ROLES, make_user


@pytest.fixture
def user_for(db):
    """`user_for("officer")` — a user in that role group."""
    return make_user


@pytest.fixture
def client_as(db):
    """`client_as("viewer")` — a test client signed in with that role (or anonymous)."""

    def build(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(make_user(role))
        return client

    return build


@pytest.fixture(params=ROLES)
def role(request):
    return request.param
