"""Forms of the reports: a year's chapter contents, and the chapter to generate."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core import reporting
from liaison.core.forms import LiaisonModelForm

from .models import ReportYear

LANGUAGES = (("en", _("English")), ("zh-hant", _("Chinese")), ("both", _("Both languages")))
FORMATS = (("html", "HTML"), ("docx", "Word (DOCX)"), ("pdf", "PDF"))


class SectionsField(forms.CharField):
    """The sections' keys, one a line, in the chapter's order."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ReportYearForm(LiaisonModelForm):
    sections = SectionsField(label=_("Sections"), required=False)

    class Meta:
        model = ReportYear
        fields = ["year", "title_en", "title_zh_hant", "strategies_en", "strategies_zh_hant", "introduction_en",
                  "introduction_zh_hant", "sections"]
        labels = {
            "title_en": _("Title (English)"), "title_zh_hant": _("Title (Chinese)"),
            "strategies_en": _("Strategies (English)"), "strategies_zh_hant": _("Strategies (Chinese)"),
            "introduction_en": _("Introduction (English)"), "introduction_zh_hant": _("Introduction (Chinese)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].help_text = _("One a line, in order; empty: every section. Sections: {keys}.").format(
            keys=", ".join(kind.key for kind in reporting.sections()))


class ChapterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999,
                              initial=lambda: timezone.localdate().year - 1)
    lang = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="both")
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="html")


class DashboardForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999, required=False)
