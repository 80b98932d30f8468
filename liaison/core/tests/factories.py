"""Factories of core's own records (reference data comes from the migrations)."""

import factory
from factory.django import DjangoModelFactory

from liaison.core.models import Job
from liaison.core.testing import make_user


class JobFactory(DjangoModelFactory):
    """A finished job of some user."""

    class Meta:
        model = Job

    owner = factory.LazyFunction(lambda: make_user("officer"))
    kind = "liaison.core.tests.factories.example"
    title = factory.Sequence(lambda n: f"Job {n}")
    language = "en"
    status = "succeeded"
