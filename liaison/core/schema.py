"""How the OpenAPI schema describes the API: its token authentication, and what the access rule and versions ask of
a client (If-Match on changes, ETag back). Imported by CoreConfig.ready; named in settings."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "liaison.core.auth.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")


class LiaisonAutoSchema(AutoSchema):
    """Adds the If-Match request header (required) to every change of one record and the ETag response header to
    every answer that carries one record; documents 412 and 428."""

    def _is_versioned_record(self) -> bool:
        from .api import RecordAccessMixin

        model = getattr(getattr(self.view, "queryset", None), "model", None)
        return isinstance(self.view, RecordAccessMixin) and model is not None and any(
            field.name == "version" for field in model._meta.concrete_fields)

    def _is_change(self) -> bool:
        return self._is_versioned_record() and self.view.detail and self.method in ("PUT", "PATCH", "POST")

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._is_change():
            parameters.append(OpenApiParameter(
                "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
                description='The ETag of the version you read, e.g. "3". Without it: 428; stale: 412.',
            ))
        if self._is_versioned_record() and (self.view.detail or self.method == "POST") and self.method != "DELETE":
            parameters.append(OpenApiParameter(
                "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200, 201],
                description="The record's version; send it back as If-Match to change the record.",
            ))
        return parameters

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        if self._is_change():
            bodies["412"] = {"description": "The record changed since the version named in If-Match."}
            bodies["428"] = {"description": "If-Match is missing."}
        return bodies
