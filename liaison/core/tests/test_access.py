"""The chokepoint's own parts: no default user, prefetches that must be restricted, links that must be."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from liaison.core import changelog
from liaison.core.access import refuse_unrestricted_prefetches, restrict, restricted_prefetch
from liaison.core.api import RestrictedModelSerializer, RestrictedRelatedField
from liaison.core.models import Jurisdiction, Region, Tag
from liaison.core.testing import make_user


@pytest.mark.django_db
def test_there_is_no_default_user():
    with pytest.raises(TypeError):
        restrict(Jurisdiction.objects.all(), None)
    with pytest.raises(TypeError):
        changelog.history(Jurisdiction.objects.first(), None)
    assert not restrict(Jurisdiction.objects.all(), AnonymousUser()).exists()


@pytest.mark.django_db
def test_related_lists_must_be_prefetched_restricted():
    user = make_user("viewer")
    with pytest.raises(ImproperlyConfigured, match="prefetch tags with core.access.restricted_prefetch"):
        refuse_unrestricted_prefetches(Jurisdiction.objects.prefetch_related("tags"))
    with pytest.raises(ImproperlyConfigured, match="sub_regions"):
        refuse_unrestricted_prefetches(Region.objects.prefetch_related("sub_regions__jurisdictions"))
    allowed = [
        Jurisdiction.objects.prefetch_related(restricted_prefetch("tags", Tag.objects.all(), user)),
        Jurisdiction.objects.prefetch_related("region"),  # a parent is part of the record
        Region.objects.prefetch_related(restricted_prefetch("sub_regions", Region.objects.all(), user),
                                        restricted_prefetch("sub_regions__jurisdictions", Jurisdiction.objects.all(),
                                                            user)),
    ]
    for queryset in allowed:
        assert refuse_unrestricted_prefetches(queryset) is queryset


@pytest.mark.django_db
def test_a_restricted_prefetch_leaves_out_what_the_user_may_not_see():
    jurisdiction = Jurisdiction.objects.filter(tags__isnull=False).first()
    for role, expected in (("viewer", True), ("none", False)):
        found = Jurisdiction.objects.prefetch_related(
            restricted_prefetch("tags", Tag.objects.all(), make_user(role))).get(pk=jurisdiction.pk)
        assert bool(list(found.tags.all())) is expected


class UnrestrictedLink(serializers.HyperlinkedRelatedField):
    """A kind of writable link the base serializer does not know how to restrict."""


@pytest.mark.django_db
def test_a_serializer_swaps_links_for_restricted_ones_and_refuses_others():
    class Plain(RestrictedModelSerializer):
        region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
        tags = serializers.SlugRelatedField(slug_field="slug", queryset=Tag.objects.all(), many=True)

        class Meta:
            model = Jurisdiction
            fields = ["region", "sub_region", "tags"]

    request = APIRequestFactory().get("/")
    request.user = make_user("none")
    fields = Plain(context={"request": request}).fields
    assert isinstance(fields["region"], RestrictedRelatedField) and isinstance(fields["sub_region"],
                                                                              RestrictedRelatedField)
    assert not fields["region"].get_queryset().exists() and not fields["tags"].child_relation.get_queryset().exists()

    class Unknown(RestrictedModelSerializer):
        region = UnrestrictedLink(queryset=Region.objects.all(), view_name="x")

        class Meta:
            model = Jurisdiction
            fields = ["region"]

    with pytest.raises(ImproperlyConfigured, match="Unknown.region"):
        _ = Unknown(context={"request": request}).fields
