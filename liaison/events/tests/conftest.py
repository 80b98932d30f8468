import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no form counted against its address."""
    cache.clear()
