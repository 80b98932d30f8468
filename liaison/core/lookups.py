"""Type-ahead choices of records: a form or filter never renders a whole table into a `<select>`.

A choice over a searchable model (one with `search_fields`) renders only the records already chosen; the page's
script (Tom Select, served from static) asks the model's lookup route for a page of matches as the user types.
The route answers through the access chokepoint and core search (Traditional = Simplified); the form still
validates the value against its own restricted choices.
"""

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.views import View

from . import search
from .access import choices_for, permission_name

PAGE_SIZE = 20


def has_lookup(model) -> bool:
    """Whether choices of this model are picked by type-ahead: a searchable Liaison model (one that keeps a
    search text; core.models imports this module's neighbours, so the test is by attribute)."""
    return bool(getattr(model, "search_fields", ())) and hasattr(model, "search_text")


def lookup_url(model) -> str:
    return reverse(f"core:lookup_{model._meta.app_label}_{model._meta.model_name}")


class LookupWidgetMixin:
    """Renders only the chosen records (and the empty choice), with the lookup route for the script."""

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        chosen = [item for item in value if item not in ("", None)]
        options = []
        if iterator.field.empty_label is not None and not self.allow_multiple_selected:
            options.append(("", iterator.field.empty_label))
        options += [iterator.choice(record) for record in self.chosen_records(iterator, chosen)]
        groups = []
        for index, (option_value, label) in enumerate(options):
            selected = str(option_value) in value
            option = self.create_option(name, option_value, label, selected, index, attrs=attrs)
            groups.append((None, [option], index))
        return groups

    @staticmethod
    def chosen_records(iterator, chosen) -> list:
        if not chosen:
            return []
        try:
            return list(iterator.queryset.filter(pk__in=chosen)[:PAGE_SIZE])
        except (ValueError, TypeError, ValidationError, OverflowError):
            return []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-lookup"] = lookup_url(self.choices.queryset.model)
        return context


class LookupSelect(LookupWidgetMixin, forms.Select):
    """One record, chosen by type-ahead."""


class LookupSelectMultiple(LookupWidgetMixin, forms.SelectMultiple):
    """Several records, chosen by type-ahead."""


LOOKUP_WIDGETS = {forms.Select: LookupSelect, forms.SelectMultiple: LookupSelectMultiple}


def use_lookup(field) -> None:
    """Gives a choice of records over a searchable model the type-ahead widget. Only a plain select chosen by its
    record number changes: a widget chosen on purpose (checkboxes) stays, and so does a choice by another key
    (tags by slug: a short reference list)."""
    replacement = LOOKUP_WIDGETS.get(type(field.widget))
    if replacement is None or field.queryset is None or not has_lookup(field.queryset.model) \
            or field.to_field_name not in (None, field.queryset.model._meta.pk.name):
        return
    widget = replacement(attrs=field.widget.attrs)
    widget.is_required = field.widget.is_required
    widget.choices = field.choices
    field.widget = widget


class LookupView(View):
    """A page of the records of one model the user may pick whose search text holds `q`, as JSON."""

    model = None
    action = "view"

    def get(self, request):
        if not request.user.has_perm(permission_name(self.model, "view")):
            raise PermissionDenied
        query = request.GET.get("q", "")
        records = choices_for(self.model.objects.all(), request.user)
        if query.strip():
            try:
                records = search.search(records, query)
            except ValidationError as error:
                return JsonResponse({"detail": " ".join(error.messages)}, status=400)
        found = list(records[: PAGE_SIZE + 1])
        return JsonResponse({
            "results": [{"value": record.pk, "text": str(record)} for record in found[:PAGE_SIZE]],
            "more": len(found) > PAGE_SIZE,
        })


def lookup_urls() -> list:
    """One lookup route per searchable model of every installed app."""
    return [path(f"lookup/{model._meta.app_label}/{model._meta.model_name}/", LookupView.as_view(model=model),
                 name=f"lookup_{model._meta.app_label}_{model._meta.model_name}")
            for model in apps.get_models() if has_lookup(model)]
