"""Base models and the records every app shares: tags, regions, jurisdictions, the change log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import access, display, search
from .choices import ActionStatus, ChangeAction, ChangeSource, JobStatus, JurisdictionKind
from .forms import LinesField
from .validators import no_markup, plain_text, require_one_language, validate_aliases


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what one user may see."""

    def restrict(self, user, action: str = "view"):
        return access.restrict(self, user, action)


class CheckedTextModel(models.Model):
    """A model whose every text passes `validators.plain_text`, whichever way it comes in (page, API, admin, import).

    A TextField may hold several lines; every other text (CharField, and the strings of a JSON list) one line
    without markup. Every model of Liaison derives from this (a system check makes sure).
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.error_dict
        for field in self._meta.concrete_fields:
            if field.name in errors or (exclude and field.name in exclude):
                continue
            try:
                check_text(field, getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


def check_text(field, value) -> None:
    """Checks the text a field holds; fields holding no text pass."""
    if isinstance(field, models.TextField | models.CharField) and isinstance(value, str):
        plain_text(value, multiline=isinstance(field, models.TextField))
    elif isinstance(field, models.JSONField) and isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                plain_text(item)


class LiaisonModel(CheckedTextModel):
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
        self.refresh_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(f"{self._meta.app_label}:{self._meta.model_name}", args=[self.pk])

    def refresh_search_text(self) -> None:
        """Rebuilds the search index of the record (save does; a write in bulk calls it itself)."""
        self.search_text = search.index_text(self.search_values())

    def search_values(self):
        """The values a user may search this record by; a list field (e.g. other names) gives each of its values."""
        for name in self.search_fields:
            value = getattr(self, name, "")
            if isinstance(value, list):
                yield from value
            else:
                yield value


class FollowUpActionBase(LiaisonModel):
    """Something to do under a record (an agreement, a mission): an owner, a due date and a status.

    A concrete model adds the foreign key to its record, named by `parent_field`, and the routes of its pages:
    `status_route` (one-click status) and `edit_route` (its edit page, "" when it has none).
    """

    parent_field = ""
    status_route = ""
    edit_route = ""

    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="%(app_label)s_actions")
    due_date = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus, default=ActionStatus.OPEN)

    search_fields = ("title_en", "title_zh_hant")

    class Meta:
        abstract = True
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return self.parent.get_absolute_url()

    @property
    def parent(self):
        return getattr(self, self.parent_field)

    @classmethod
    def restrict_for(cls, queryset, user, action):
        parent_model = cls._meta.get_field(cls.parent_field).related_model
        return queryset.filter(**{f"{cls.parent_field}__in": access.restrict(parent_model.objects.all(), user)})

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))

    def get_status_url(self) -> str:
        return reverse(self.status_route, args=[self.pk])

    def get_edit_url(self) -> str:
        return reverse(self.edit_route, args=[self.pk]) if self.edit_route else ""

    def is_overdue(self, today) -> bool:
        return self.status == ActionStatus.OPEN and self.due_date is not None and self.due_date < today


class AliasesField(models.JSONField):
    """Other names a record is known and searched by, in either language: a list of short strings, one a line in
    forms (the record's `search_fields` name it so that search finds them)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("other names"))
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_aliases])
        kwargs.setdefault("help_text", _("Short names, former names and common abbreviations, in English or Chinese, "
                                         "one per line; search finds the record by any of them."))
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return LinesField(label=capfirst(self.verbose_name), help_text=self.help_text)


class Tag(LiaisonModel):
    """A label such as Belt and Road partner or Greater Bay Area, put on jurisdictions and organisations.

    A tag that mirrors an outside list (the Convention's States Parties, the Belt and Road signatories) names its
    source and date, and says whether every record on that list carries it: figures counted by an incomplete tag
    are shown as such, never as totals.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100, validators=[no_markup])
    source = models.CharField(
        _("source"), max_length=500, blank=True, validators=[no_markup],
        help_text=_("Where the list of tagged records comes from."),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True, help_text=_("The date of that list."))
    is_complete = models.BooleanField(
        _("complete list"), default=True,
        help_text=_("Every record the list names carries this tag. Untick it while only some do: pages that count "
                    "by the tag then say the list is incomplete."),
    )
    search_fields = ("slug", "name_en", "name_zh_hant")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Region(CheckedTextModel):
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
    aliases = AliasesField()
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="jurisdictions")
    search_fields = ("code", "alpha3", "name_en", "name_zh_hant", "aliases")

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


class AppendOnlyError(RuntimeError):
    """A change record was about to be updated or deleted: the change log is append-only."""


class ChangeRecordQuerySet(RestrictedQuerySet):
    """Change records are written once and never updated or deleted, not even in bulk."""

    def update(self, **kwargs):
        raise AppendOnlyError("Change records are never updated.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Change records are never updated.")

    def delete(self):
        raise AppendOnlyError("Change records are never deleted.")

    update.alters_data = bulk_update.alters_data = delete.alters_data = True
    delete.queryset_only = True


class ChangeRecord(CheckedTextModel):
    """One create, update, delete or merge of a record: who, when, from where, before and after."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # A user who has changed records is kept (deactivated, not deleted), so the log never has to be rewritten.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    source = models.CharField(_("source"), max_length=10, choices=ChangeSource)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("record"), max_length=300)
    # {language: the record's name}, so the history names it in each reader's language (older records: none).
    object_names = models.JSONField(_("record's names"), default=dict, blank=True)
    related_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    related_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    # Older records hold their message as a sentence; newer ones hold its facts, said in the reader's language.
    message = models.CharField(_("message"), max_length=500, blank=True)
    facts = models.JSONField(_("facts"), default=list, blank=True)
    # On a merge row: the record merged into this one, whose history this record's history includes.
    merged_object_id = models.PositiveBigIntegerField(_("merged record"), null=True, blank=True)

    objects = ChangeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["related_content_type", "related_object_id"]),
        ]
        permissions = [("import_records", _("Can import records from spreadsheets"))]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.record_name()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Change records are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Change records are never deleted.")

    def record_name(self) -> str:
        """The changed record's name when changed, in the reader's language where that was kept."""
        from .changelog import in_reader_language

        return in_reader_language(self.object_names) if self.object_names else self.object_repr

    def said(self) -> str:
        """The message of the change in the reader's language (an older one's as stored, if not a known one)."""
        from . import changelog

        facts = self.facts or (changelog.read_message(self.message) if self.message else None)
        return changelog.say(facts) if facts else self.message

    def differences(self, names: dict | None = None) -> list[tuple[str, object, object]]:
        """(field label, before, after, language) for every field whose value changed, each value as the pages
        show it; `language` marks the text of one language of a name (see `field_language`).

        `names` ({model: {pk: name}}, see changelog.linked_names) turns links to other records into their names.
        """
        before, after = self.before or {}, self.after or {}
        rows = [
            (self.field_label(name), self._shown(name, before.get(name), names, before),
             self._shown(name, after.get(name), names, after), self.field_language(name))
            for name in sorted(set(before) | set(after))
            if before.get(name) != after.get(name) and not self.field(f"{name}_en")
        ]
        return [row for row in rows if row[1] or row[2]]  # not a field left empty (blank in one, None in other)

    def field_language(self, name: str) -> str:
        """The language of a field's text when the field holds one language of a name ("en", "zh-Hant"), else
        blank (the base field of such a name, e.g. `name`, is not shown: its languages are)."""
        language = getattr(self.field(name), "language", None)
        return {"en": "en", "zh-hant": "zh-Hant", "zh_hant": "zh-Hant"}.get(language, "")

    def field(self, name: str):
        """The model's field `name`, None if the model or the field is gone."""
        model = self.content_type.model_class()
        try:
            return model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            return None

    def linked_field(self, name: str):
        """The field `name` if it links to other records, else None."""
        field = self.field(name)
        return field if field is not None and (field.many_to_one or field.many_to_many) else None

    def _shown(self, name: str, value, names: dict | None, data: dict):
        """A stored value as the page shows it; a file by its original name, never where it is stored."""
        field = self.field(name)
        if value is None:
            return None
        if isinstance(field, models.FileField):
            return data.get("original_name") or _("(a file)")
        if field is not None and names is not None and (field.many_to_one or field.many_to_many):
            known = names.get(field.related_model, {})
            return display.joined(known.get(pk, f"#{pk}") for pk in (value if isinstance(value, list) else [value]))
        return display.shown(field, value)

    def field_label(self, name: str) -> str:
        """The field's name as the reader's language says it."""
        field = self.field(name)
        if field is None:
            return name
        language = getattr(field, "language", None)  # a modeltranslation field: name_en, name_zh_hant
        if language:
            in_language = _("{field} (English)") if language == "en" else _("{field} (Chinese)")
            return in_language.format(field=field.translated_field.verbose_name)
        return str(field.verbose_name)


class Job(CheckedTextModel):
    """Long work run in the background for a user (an import, a document): its progress and its outcome."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    result_url = models.CharField(_("result page"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["owner", "-created"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:job", args=[self.pk])

    @classmethod
    def restrict_for(cls, queryset, user, action: str):
        """A job is its owner's alone: what it read and found may be need-to-know."""
        return queryset.filter(owner=user)

    @property
    def finished_work(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)

    @property
    def can_be_cancelled(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING) and not self.cancel_requested

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
class ApiToken(CheckedTextModel):
    """A user's API key, stored only as its SHA-256 hash: the key itself is shown once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="api_tokens")
    key_prefix = models.CharField(_("key begins with"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(revoked__isnull=True),
                                    name="one_live_token_per_user"),
        ]

    def __str__(self) -> str:
        return _("{prefix}… of {user}").format(prefix=self.key_prefix, user=self.user)


class CalendarFeed(CheckedTextModel):
    """A user's secret address of the office calendar as ICS, for a calendar program that cannot sign in.

    Only the hash of the address's secret is kept (like API tokens): the address is shown once, when it is made.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="office_calendar")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("office calendar feed")
        verbose_name_plural = _("office calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
