"""The stronger sign-in of this area: members of a compartment pass a second factor (TOTP), pass it again after
a short idle time in the area, and again shortly before an export."""

import time

from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

SEEN = "cooperation_seen"  # when the user last used this area (seconds since the epoch)
PASSED = "cooperation_passed"  # when the user last passed the second factor here


def needs_second_factor(user) -> bool:
    """Members of any compartment: they can see the area's records."""
    return user.is_authenticated and user.compartments.exists()


def device_of(user, confirmed: bool = True):
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).first()


def passed(request) -> bool:
    """The session passed the second factor and has not been idle in this area for too long."""
    if not request.user.is_verified():
        return False
    seen = request.session.get(SEEN)
    return seen is None or time.time() - seen <= settings.COOPERATION_IDLE_SECONDS


def recently_passed(request) -> bool:
    """The second factor was passed moments ago (exports ask for it again)."""
    return passed(request) and time.time() - request.session.get(PASSED, 0) <= settings.COOPERATION_REAUTH_SECONDS


def touch(request) -> None:
    request.session[SEEN] = time.time()


def verify(request, device, token: str) -> bool:
    """Checks a code of the user's device; a good one marks the session as having passed."""
    if not device.verify_token(token.strip()):
        return False
    otp_login(request, device)
    now = time.time()
    request.session[SEEN] = request.session[PASSED] = now
    return True
