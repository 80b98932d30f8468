"""Administration pages write through the same per-model services as the pages and the API, or not at all."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from modeltranslation.admin import TranslationAdmin

from .access import restrict
from .services import changes_from


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the record was opened at, so a save over someone else's newer one is refused."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
            self.fields["expected_version"].required = True


class LiaisonAdmin(TranslationAdmin):
    """A model admin that adds, edits and deletes only through the services its admin names — those the model's
    pages and API use, with their rules — and only shows what has none (e.g. no `create_service`: no adding here).

    A service's refusal (a rule, a stale version) is shown as a message and nothing is written.
    """

    create_service = update_service = delete_service = None
    form = VersionedAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return self.create_service is not None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.update_service is not None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.delete_service is not None and super().has_delete_permission(request, obj)

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ValidationError as error:  # raised by a service inside the admin's transaction: all rolled back
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        data = changes_from(obj, form.cleaned_data)
        if change:
            saved = type(self).update_service(request.user, obj, data,
                                              expected_version=form.cleaned_data["expected_version"])
        else:
            saved = type(self).create_service(request.user, data)
        obj.pk, obj._state.adding = saved.pk, False

    def save_related(self, request, form, formsets, change):
        """Many-to-many values were saved (and logged) by the service."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        type(self).delete_service(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            type(self).delete_service(request.user, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference data and the change log: shown, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
