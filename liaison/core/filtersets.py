"""Base filtersets: every filter parses its parameter with bounds and offers only what the user may see.

`LiaisonFilterSet` does it on its own, for declared filters and those generated from `Meta.fields` alike:
- a choice of records (`ModelChoiceFilter`, `ModelMultipleChoiceFilter`) lists only the records the requesting
  user may see, and an unknown or hidden record matches nothing, exactly like a record that has no match — the
  answer never tells whether a record exists;
- a malformed value (an id that is not a number, a year out of range, an over-long text) is refused with a
  message in the user's language: the API answers 400, a page shows the message and an empty list.
"""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db.models import Exists, OuterRef
from django.db.models.constants import LOOKUP_SEP
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields
from django_filters.rest_framework import DjangoFilterBackend

from . import search
from .access import choices_for
from .choices import JurisdictionKind
from .lookups import use_lookup
from .models import Jurisdiction, Region, Tag
from .parameters import MAX_ID, parse_id

MAX_TEXT_LENGTH = 200
MIN_YEAR, MAX_YEAR = 1, 9999


class _NoMatch:
    """A filter value that matches no record: an unknown or hidden choice."""

    def __repr__(self) -> str:
        return "NO_MATCH"


NO_MATCH = _NoMatch()


def _key(field, value) -> object:
    """A choice as the field looks it up: a record number (refused when it cannot be one) or a short text."""
    field.validate_no_null_characters(value)
    if field.to_field_name in (None, "pk", "id"):
        number = parse_id(str(value))
        if number is None:
            raise ValidationError(_("“{value}” is not a record number.").format(value=str(value)[:40]),
                                  code="invalid_pk_value")
        return number
    text = str(value)
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(_("“{value}…” is too long.").format(value=text[:40]), code="invalid")
    return text


class RestrictedModelChoiceField(filter_fields.ModelChoiceField):
    """One record among those offered; anything else well formed is NO_MATCH, not an error."""

    def to_python(self, value):
        if value in self.empty_values or (self.null_label is not None and value == self.null_value):
            return super().to_python(value)
        key = _key(self, value)
        found = self.queryset.filter(**{self.to_field_name or "pk": key}).first()
        return NO_MATCH if found is None else found


class RestrictedModelMultipleChoiceField(filter_fields.ModelMultipleChoiceField):
    """Records among those offered; unknown ones add NO_MATCH to the list instead of an error."""

    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError as exc:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from exc
        null = self.null_label is not None and self.null_value in values
        keys = {_key(self, item) for item in values if not (null and item == self.null_value)}
        name = self.to_field_name or "pk"
        found = list(self.queryset.filter(**{f"{name}__in": keys}))
        unmatched = len(found) < len(keys)
        return found + ([self.null_value] if null else []) + ([NO_MATCH] if unmatched else [])


class BoundedNumberField(forms.DecimalField):
    """A number a database column can hold."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -MAX_ID)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class YearField(forms.IntegerField):
    """A calendar year."""

    def validate(self, value):
        super().validate(value)
        if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
            raise ValidationError(_("Give a year between {low} and {high}.").format(low=MIN_YEAR, high=MAX_YEAR),
                                  code="year")


class SearchField(forms.CharField):
    """The words of a bilingual search, a few at most."""

    def validate(self, value):
        super().validate(value)
        search.check_query(value)


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class YesNoAny(forms.NullBooleanSelect):
    """Yes, no, or either: an unset yes/no filter reads "Any", not "Unknown" (which sounds like a value)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


def _bounded(filter_) -> None:
    """Gives a filter the form field that parses its parameter with bounds."""
    if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
        filter_.field_class = RestrictedModelMultipleChoiceField
    elif isinstance(filter_, django_filters.ModelChoiceFilter):
        filter_.field_class = RestrictedModelChoiceField
    elif isinstance(filter_, django_filters.NumberFilter):
        is_year = str(filter_.lookup_expr).split("__")[0] in ("year", "iso_year")
        filter_.field_class = YearField if is_year else BoundedNumberField
    elif isinstance(filter_, django_filters.BooleanFilter):
        filter_.extra.setdefault("widget", YesNoAny)
    elif isinstance(filter_, django_filters.CharFilter) and filter_.field_class is forms.CharField:
        filter_.extra.setdefault("max_length", MAX_TEXT_LENGTH)
    filter_.__dict__.pop("_field", None)


def _repeats_records(model, path: str) -> bool:
    """Whether filtering along `path` joins a relation with several rows per record (so a record may repeat)."""
    for name in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


class LiaisonFilterSet(django_filters.FilterSet):
    """A filterset for one user's request: bounded parameters, choices restricted to what the user may see.

    No filter adds a DISTINCT (django-filter adds one to every multiple choice): it makes the database sort the
    whole result, where the list's index would have given its first page in order. A filter along a relation with
    several rows per record (the organisers of an event) tests each record with EXISTS instead of a join.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if request is None:
            raise TypeError(f"{type(self).__name__} needs the request: its choices are restricted for its user.")
        super().__init__(data, queryset, request=request, prefix=prefix)
        for filter_ in self.filters.values():
            is_choice = isinstance(filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter)
            if is_choice and filter_.get_queryset(request) is not None:
                filter_.queryset = choices_for(filter_.get_queryset(request), request.user)
            if filter_.distinct:
                filter_.per_record = _repeats_records(self.queryset.model, filter_.field_name) and not filter_.method
                filter_.distinct = False
            _bounded(filter_)
        for field in self.form.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                use_lookup(field)

    @property
    def qs(self):
        """The filtered records; none while a parameter is refused (the page shows why)."""
        if self.is_bound and not self.form.is_valid():
            return self.queryset.none()
        return super().qs

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            filter_ = self.filters[name]
            if isinstance(value, list) and NO_MATCH in value:
                value = [item for item in value if item is not NO_MATCH]
                if not value or getattr(filter_, "conjoined", False):
                    return queryset.none()
            if value is NO_MATCH:
                return queryset.none()
            if getattr(filter_, "per_record", False) and value not in filter_.field.empty_values:
                # A test per record (EXISTS), not a join that repeats records and needs a DISTINCT.
                model = queryset.model
                queryset = queryset.filter(Exists(filter_.filter(model._base_manager.filter(pk=OuterRef("pk")), value)))
                continue
            queryset = filter_.filter(queryset, value)
        return queryset


class SearchFilterSet(LiaisonFilterSet):
    """A filterset whose `q` searches the record's bilingual index (Traditional = Simplified)."""

    q = SearchFilter(label=_("Search"), method="filter_q")

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        """A filter django-filter makes for a model field, labelled in the reader's language.

        django-filter works its own label out once, in the language active then, and keeps that text on the
        class: after the API schema was built in English, a Chinese page would show English labels.
        """
        made = super().filter_for_field(field, field_name, lookup_expr)
        if made.lookup_expr == "exact":
            made.label = capfirst(field.verbose_name)
        return made

    def filter_q(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset


class LiaisonFilterBackend(DjangoFilterBackend):
    """The API's filters: a viewset's `filterset_class` or `filterset_fields`, always on `LiaisonFilterSet`."""

    filterset_base = LiaisonFilterSet

    def get_filterset_class(self, view, queryset=None):
        filterset_class = super().get_filterset_class(view, queryset)
        if filterset_class is not None and not issubclass(filterset_class, LiaisonFilterSet):
            raise ImproperlyConfigured(f"{filterset_class.__name__} must subclass core.filtersets.LiaisonFilterSet.")
        return filterset_class


class JurisdictionFilterSet(SearchFilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.filter(parent__isnull=True), method="filter_region"
    )
    sub_region = django_filters.ModelChoiceFilter(
        label=_("Sub-region"), queryset=Region.objects.filter(parent__isnull=False)
    )
    # Declared, not generated: a generated label is fixed in the language of whoever first reads it (the schema).
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=JurisdictionKind.choices)
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("Tag"), field_name="tags__slug", to_field_name="slug", queryset=Tag.objects.all()
    )

    class Meta:
        model = Jurisdiction
        fields = ["q", "region", "sub_region", "kind", "tag"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region=value) if value else queryset
