"""Forms of the partner registry."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.forms import DATE, LiaisonModelForm, LinesField

from .models import Contact, Organisation, Position, validate_email


class OrganisationForm(LiaisonModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name_en", "name_zh_hant", "acronym_en", "acronym_zh_hant", "aliases", "kind", "jurisdiction",
                  "parent", "website", "is_active", "is_own", "tags", "notes"]
        labels = {
            "name_en": _("Name (English)"), "name_zh_hant": _("Name (Chinese)"),
            "acronym_en": _("Acronym (English)"), "acronym_zh_hant": _("Acronym (Chinese)"),
        }
        widgets = {"tags": forms.CheckboxSelectMultiple, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class ContactForm(LiaisonModelForm):
    emails = LinesField(label=_("E-mails"), item_validators=[validate_email])
    phones = LinesField(label=_("Phones"))
    languages = LinesField(label=_("Languages"))

    class Meta:
        model = Contact
        fields = ["name_en", "name_zh_hant", "honorific_en", "honorific_zh_hant", "emails", "phones",
                  "languages", "notes"]
        labels = {
            "name_en": _("Name (English)"), "name_zh_hant": _("Name (Chinese)"),
            "honorific_en": _("Honorific (English)"), "honorific_zh_hant": _("Honorific (Chinese)"),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class PersonForm(ContactForm):
    """A new person with the post they hold, in one form (the post is optional)."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all(),
                                          required=False)
    title_en = forms.CharField(label=pgettext_lazy("post", "Title (English)"), required=False, max_length=200)
    title_zh_hant = forms.CharField(label=pgettext_lazy("post", "Title (Chinese)"), required=False, max_length=200)
    start_date = forms.DateField(label=_("From"), required=False, widget=DATE)

    POSITION_FIELDS = ("organisation", "title_en", "title_zh_hant", "start_date")

    def clean(self):
        cleaned = super().clean()
        described = any(cleaned.get(name) for name in self.POSITION_FIELDS[1:])
        if described and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation of this post."))
        return cleaned

    def changes(self) -> dict:
        """The person, and their post as the position service takes it (None when no organisation was chosen)."""
        post = {name: self.cleaned_data[name] for name in self.POSITION_FIELDS} \
            if self.cleaned_data.get("organisation") else None
        return {**super().changes(), "position": post}


class PositionForm(LiaisonModelForm):
    class Meta:
        model = Position
        fields = ["organisation", "title_en", "title_zh_hant", "start_date", "end_date"]
        labels = {"title_en": pgettext_lazy("post", "Title (English)"),
                  "title_zh_hant": pgettext_lazy("post", "Title (Chinese)")}
        widgets = {"start_date": DATE, "end_date": DATE}
