import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.testing import make_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded attachments go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def pass_second_factor(client, user) -> None:
    """Enrols the user's authenticator app (if needed) and enters its code on the second-factor page."""
    client.get("/cooperation/second-factor/")
    device = TOTPDevice.objects.filter(user=user).latest("pk")
    response = client.post("/cooperation/second-factor/", {"token": current_code(device)})
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def member_client(db):
    """`member_client(user)`: a client signed in as `user`, past the second factor on its page."""

    def build(user) -> Client:
        client = Client()
        client.force_login(user)
        pass_second_factor(client, user)
        return client

    return build


@pytest.fixture
def officer(db):
    return make_user("officer")
