"""The whole API fuzzed from its own OpenAPI schema (schemathesis), in-process: whatever a client sends, the
answer is never a server error. `make test` runs a few examples per operation; `make fuzz` many more
(LIAISON_FUZZ_EXAMPLES)."""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from liaison.agreements.tests.factories import FollowUpActionFactory, SignedAgreementFactory
from liaison.core import tokens
from liaison.core.models import ApiToken
from liaison.core.testing import make_user
from liaison.networks.tests.factories import BodyMeetingFactory, MemberFactory, TermFactory
from liaison.partners.tests.factories import PositionFactory

EXAMPLES = int(os.environ.get("LIAISON_FUZZ_EXAMPLES", "3"))


def openapi() -> dict:
    """The schema the API publishes at /api/schema/, generated without a request (its warnings are the schema
    view's business, not this test's)."""
    with GENERATOR_STATS.silence():
        return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(openapi())
schema.app = get_wsgi_application()


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Ids of records that exist (as well as the generated ones), so detail routes and actions do real work."""
    if not path_parameters or "id" not in path_parameters:
        return st.just(path_parameters)
    view = resolve(context.operation.path.replace("{id}", "1")).func
    model = view.cls.queryset.model
    existing = list(model._base_manager.order_by("pk").values_list("pk", flat=True)[:5])
    return st.sampled_from([path_parameters["id"], *existing]).map(lambda pk: {**path_parameters, "id": pk})


@pytest.fixture
def connection_kept():
    """The app runs in-process, inside the test's transaction: like Django's test client, keep Django from
    closing the database connection when each request starts and finishes."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def records(module_db):
    """A little of everything the API reaches, linked as in real use; made once, each test's changes roll back."""
    PositionFactory()
    TermFactory()
    BodyMeetingFactory()
    MemberFactory()
    FollowUpActionFactory(agreement=SignedAgreementFactory())


@pytest.fixture(scope="module")
def administrator_token(module_db) -> str:
    key = tokens.new_secret()
    ApiToken.objects.create(user=make_user("administrator"), key_prefix=key[:8], key_hash=tokens.digest(key))
    return key


def current_version(case) -> dict:
    """If-Match naming the stored version of the record a change names, so that changes reach the services
    (a generated If-Match only ever meets 428 or 412)."""
    pk = (case.path_parameters or {}).get("id")
    if case.method.upper() == "GET" or not isinstance(pk, int) or not 0 < pk < 2**63:
        return {}
    model = resolve(case.operation.path.replace("{id}", "1")).func.cls.queryset.model
    if not any(field.name == "version" for field in model._meta.concrete_fields):
        return {}
    version = model._base_manager.filter(pk=pk).values_list("version", flat=True).first()
    return {"If-Match": f'"{version}"'} if version else {}


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_server_error(case, db, connection_kept, records, administrator_token):
    headers = {"Authorization": f"Token {administrator_token}", **current_version(case)}
    case.call_and_validate(headers=headers, checks=[not_a_server_error])
