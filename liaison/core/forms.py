"""Base forms: every edit form carries the version it was opened at, offers only what its user may see, and
hands its changes to services."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

from .access import choices_for, unseen_links
from .choices import ActionStatus
from .lookups import use_lookup
from .parameters import MAX_ID

# A date typed as YYYY-MM-DD in every language: a browser's date picker shows the format of its own locale
# (mm/dd/yyyy on a Chinese page), which reads ambiguously.
DATE = forms.DateInput(attrs={"placeholder": "YYYY-MM-DD", "pattern": r"\d{4}-\d{2}-\d{2}", "inputmode": "numeric",
                              "autocomplete": "off", "class": "date-input"}, format="%Y-%m-%d")


VERSION_MISSING = _("This form does not say which version of the record it changes, so nothing was saved: reload "
                    "the page and make your changes again.")


def version_field(required: bool = True) -> forms.IntegerField:
    """The hidden field a form that changes a record sends back: the version the record had when shown."""
    messages = {key: VERSION_MISSING for key in ("required", "invalid", "min_value", "max_value")}
    return forms.IntegerField(widget=forms.HiddenInput, required=required, min_value=1, max_value=MAX_ID,
                              error_messages=messages)


class RefusalMixin:
    def add_validation_error(self, error: ValidationError) -> None:
        """Shows a service's refusal on the fields it names, or above the form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class VersionedForm(RefusalMixin, forms.Form):
    """A form that changes one record outside its edit page (a status change, a move): refused without the
    version the page showed, and refused by the service when the record changed since."""

    version = version_field()


def restrict_choices(form, user) -> None:
    """Limits every choice of records in a form to those the user may see (see core.access.choices_for), and
    picks a choice over a searchable model by type-ahead (see core.lookups): no form lists a whole table.

    A choice restricted already is left as it is; one set or narrowed since is restricted again.
    """
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None \
                and getattr(field.queryset, "restricted_for", None) is not user:
            field.queryset = choices_for(field.queryset, user)
            field.queryset.restricted_for = user
            use_lookup(field)


class LiaisonModelForm(RefusalMixin, forms.ModelForm):
    """A model form for one user, whose save goes through services (see ObjectEditView), never `form.save()`.

    Every choice of records (a link to an organisation, a contact…) lists only what the user may see, and a
    hidden record sent anyway is refused as an invalid choice. Narrow a choice further with
    `self.fields[name].queryset = self.fields[name].queryset.filter(…)`. An edit must send back the version it
    was opened at: without it nothing is saved.
    """

    version = version_field(required=False)  # required when editing: see clean()

    def __init__(self, *args, user, **kwargs):
        if user is None:
            raise TypeError(f"{type(self).__name__} needs the user it is for: its choices are restricted for them.")
        self.user = user
        super().__init__(*args, **kwargs)
        if not self.is_versioned():
            del self.fields["version"]
        elif self.instance.pk:
            self.fields["version"].initial = self.instance.version
        restrict_choices(self, user)

    def is_versioned(self) -> bool:
        try:
            self._meta.model._meta.get_field("version")
        except FieldDoesNotExist:
            return False
        return True

    def __getitem__(self, name):
        restrict_choices(self, self.user)  # a choice set after __init__ is shown restricted too
        return super().__getitem__(name)

    def full_clean(self):
        restrict_choices(self, self.user)  # … and validated restricted
        super().full_clean()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "version" in self.fields and "version" not in self.errors \
                and cleaned.get("version") is None:
            self.add_error("version", ValidationError(VERSION_MISSING, code="version_missing"))
        return cleaned

    def changes(self) -> dict:
        """The model fields the form edits, as services take them; a list of links keeps those the user may not
        see (they were not offered, so the user cannot have meant to remove them)."""
        data = {name: value for name, value in self.cleaned_data.items() if name in self._meta.fields}
        for name, field in self.fields.items():
            if self.instance.pk and name in data and isinstance(field, forms.ModelMultipleChoiceField):
                data[name] = [*data[name], *unseen_links(self.instance, name, field.queryset)]
        return data


class LinesField(forms.CharField):
    """A list of short values, one per line (e-mails, phone numbers, languages)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, item_validators=(), **kwargs):
        self.item_validators = list(item_validators)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        errors = []
        for item in value:
            for validator in self.item_validators:
                try:
                    validator(item)
                except ValidationError as error:
                    errors.append(ValidationError(_("“{value}”: {reason}").format(
                        value=item, reason=" ".join(error.messages))))
        if errors:
            raise ValidationError(errors)


class MergeForm(forms.Form):
    """Choose the record to merge into this one."""

    other = forms.ModelChoiceField(queryset=None, label=_("Record to merge into this one"))
    confirm = forms.BooleanField(label=_("I understand the other record will be removed after its links move here."))

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = queryset
        use_lookup(self.fields["other"])


def active_users():
    return get_user_model().objects.filter(is_active=True).order_by("username")


class FollowUpActionForm(LiaisonModelForm):
    """A follow-up action (see models.FollowUpActionBase): an app's form names its model and fields in `Meta`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_users()
        if not self.instance.pk:
            self.fields["owner"].initial = getattr(self.user, "pk", None)


class ActionStatusForm(VersionedForm):
    """Marks a follow-up action done, cancelled or open again, in one click."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
