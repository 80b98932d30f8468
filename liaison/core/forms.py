"""Base forms: every edit form carries the version it was opened at, and hands its changes to services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A date picker whose value is always an ISO date (YYYY-MM-DD), whatever the page's language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LiaisonModelForm(forms.ModelForm):
    """A model form whose save goes through services (see ObjectEditView), never `form.save()`."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def changes(self) -> dict:
        """The model fields the form edits, as services take them."""
        return {name: value for name, value in self.cleaned_data.items() if name in self._meta.fields}

    def add_validation_error(self, error: ValidationError) -> None:
        """Shows a service's refusal on the fields it names, or above the form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


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
