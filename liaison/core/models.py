"""Base models and the records every app shares: tags, regions, jurisdictions, the change log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import access, search
from .choices import ChangeAction, ChangeSource, JurisdictionKind
from .validators import no_markup


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what one user may see."""

    def restrict(self, user, action: str = "view"):
        return access.restrict(self, user, action)


class LiaisonModel(models.Model):
    """A change-logged domain record with an edit version (for concurrent edits) and a search index."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    search_text = models.TextField(default="", editable=False)

    objects = RestrictedQuerySet.as_manager()

    # Fields whose values (in both languages) feed the search index.
    search_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = search.index_text(self.search_values())
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(f"{self._meta.app_label}:{self._meta.model_name}", args=[self.pk])

    def search_values(self):
        """The values a user may search this record by."""
        for name in self.search_fields:
            yield getattr(self, name, "")


class Tag(LiaisonModel):
    """A label such as Belt and Road partner or Greater Bay Area, put on jurisdictions and organisations."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100, validators=[no_markup])
    search_fields = ("slug", "name_en", "name_zh_hant")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A UN M49 region or sub-region."""

    code = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="sub_regions",
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Jurisdiction(LiaisonModel):
    """An ISO 3166-1 entry, with Hong Kong, Macao and the Mainland as the office treats them."""

    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2"))
    alpha3 = models.CharField(_("alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("numeric code"), max_length=3)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=JurisdictionKind, default=JurisdictionKind.STATE)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    sub_region = models.ForeignKey(
        Region, verbose_name=_("sub-region"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="jurisdictions",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="jurisdictions")
    search_fields = ("code", "alpha3", "name_en", "name_zh_hant")

    class Meta:
        ordering = ["name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        # "name" is sorted in the reader's language (modeltranslation reads it as name_en or name_zh_hant).
        indexes = [models.Index(fields=["name_en"], name="jurisdiction_name_en"),
                   models.Index(fields=["name_zh_hant"], name="jurisdiction_name_zh"),
                   models.Index(fields=["kind", "name_en"], name="jurisdiction_kind")]

    def __str__(self) -> str:
        return self.name


class ChangeRecord(models.Model):
    """One create, update, delete or merge of a record: who, when, from where, before and after."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    source = models.CharField(_("source"), max_length=10, choices=ChangeSource)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("record"), max_length=300)
    related_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    related_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["related_content_type", "related_object_id"]),
        ]
        permissions = [("import_records", _("Can import records from spreadsheets"))]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def differences(self, names: dict | None = None) -> list[tuple[str, object, object]]:
        """(field label, before, after) for every field whose value changed.

        `names` ({model: {pk: name}}, see changelog.linked_names) turns links to other records into their names.
        """
        before, after = self.before or {}, self.after or {}
        return [
            (self.field_label(name), self._shown(name, before.get(name), names),
             self._shown(name, after.get(name), names))
            for name in sorted(set(before) | set(after))
            if before.get(name) != after.get(name)
        ]

    def linked_field(self, name: str):
        """The field `name` if it links to other records, else None."""
        model = self.content_type.model_class()
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            return None
        return field if field is not None and (field.many_to_one or field.many_to_many) else None

    def _shown(self, name: str, value, names: dict | None):
        field = self.linked_field(name) if names is not None and value is not None else None
        if field is None:
            return value
        known = names.get(field.related_model, {})
        if isinstance(value, list):
            return ", ".join(known.get(pk, f"#{pk}") for pk in value)
        return known.get(value, f"#{value}")

    def field_label(self, name: str) -> str:
        """The field's name as the reader's language says it."""
        model = self.content_type.model_class()
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        if field is None:
            return name
        language = getattr(field, "language", None)  # a modeltranslation field: name_en, name_zh_hant
        if language:
            in_language = _("{field} (English)") if language == "en" else _("{field} (Chinese)")
            return in_language.format(field=field.translated_field.verbose_name)
        return str(field.verbose_name)
