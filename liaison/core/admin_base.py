"""Administration pages write through the same services as everything else."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from . import services
from .access import restrict


class LiaisonAdmin(TranslationAdmin):
    """A model admin whose saves and deletes are validated and logged by core services."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user)

    def save_model(self, request, obj, form, change):
        names = {f.name for f in obj._meta.get_fields() if getattr(f, "editable", False)}
        data = {name: value for name, value in form.cleaned_data.items() if name in names}
        if change:
            services.update_object(request.user, obj, data)
        else:
            saved = services.create_object(request.user, type(obj), data)
            obj.pk, obj._state.adding = saved.pk, False

    def save_related(self, request, form, formsets, change):
        """Many-to-many values were saved (and logged) by save_model."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.delete_object(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_object(request.user, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference data and the change log: shown, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
