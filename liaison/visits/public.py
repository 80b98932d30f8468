"""The public visit request form: no account, bilingual, rate limited per address and spam-resistant.

A bot is told apart by a field people never see (a honeypot) and by answering faster than a person can type;
an address may send only a few requests an hour. A refused request writes nothing.
"""

import time

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from liaison.core.forms import DATE, LinesField
from liaison.core.models import Jurisdiction

from . import services
from .choices import DelegationCategory

SALT = "liaison.visits.public-request"
WINDOW_SECONDS = 3600


def min_seconds() -> int:
    return int(getattr(settings, "LIAISON_PUBLIC_REQUEST_MIN_SECONDS", 3))


def max_per_hour() -> int:
    return int(getattr(settings, "LIAISON_PUBLIC_REQUESTS_PER_HOUR", 5))


class PublicRequestForm(forms.Form):
    organisation = forms.CharField(label=_("Visiting organisation"), max_length=300)
    jurisdiction = forms.ModelChoiceField(label=_("Jurisdiction"), queryset=Jurisdiction.objects.order_by("name"),
                                          required=False)
    category = forms.ChoiceField(label=_("Category"), choices=DelegationCategory.choices)
    head = forms.CharField(label=_("Head of delegation"), max_length=200)
    declared_size = forms.IntegerField(label=_("Number of visitors"), min_value=1, max_value=500)
    purpose = forms.CharField(label=_("Purpose of the visit"), widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=4000)
    preferred_start = forms.DateField(label=_("Preferred from"), widget=DATE)
    preferred_end = forms.DateField(label=_("Preferred until"), widget=DATE)
    languages = LinesField(label=_("Languages"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    # Hidden from people by the page's style sheet; bots fill in every field they find.
    website = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = signing.dumps(time.time(), salt=SALT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("The request could not be accepted."), code="spam")
        try:
            started = signing.loads(self.data.get("started", ""), salt=SALT, max_age=86400)
        except signing.BadSignature as error:
            raise ValidationError(_("The form has expired: load the page again and send it again."),
                                  code="expired") from error
        if time.time() - float(started) < min_seconds():
            raise ValidationError(_("The request could not be accepted."), code="too_fast")
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        language = "zh_hant" if any("\u4e00" <= ch <= "\u9fff" for ch in data["organisation"]) else "en"
        title = (_("Visit by {organisation}") if language == "en" else "{organisation}訪問團").format(
            organisation=data["organisation"])
        return {
            f"title_{language}": str(title), f"visiting_organisation_{language}": data["organisation"],
            f"head_{language}": data["head"], f"purpose_{language}": data["purpose"],
            "jurisdiction": data["jurisdiction"], "category": data["category"],
            "declared_size": data["declared_size"], "preferred_start": data["preferred_start"],
            "preferred_end": data["preferred_end"], "languages": data["languages"],
            "contact_name": data["contact_name"], "contact_email": data["contact_email"],
        }


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _over_limit(request) -> bool:
    """Counts this request against its address; True once the address has sent its hourly share."""
    key = f"visits:public-request:{_address(request)}"
    cache.add(key, 0, WINDOW_SECONDS)
    return cache.incr(key) > max_per_hour()


class PublicRequestView(FormView):
    """The form a visiting side fills in to ask for a visit; it creates a pending request."""

    public = True  # no sign-in: the visiting side has no account
    template_name = "visits/public_request.html"
    form_class = PublicRequestForm

    def form_valid(self, form):
        if _over_limit(self.request):
            form.add_error(None, _("Too many requests from your address. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        try:
            delegation = services.submit_public_request(AnonymousUser(), form.changes())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        return render(self.request, "visits/public_request_sent.html", {"reference": delegation.pk})
