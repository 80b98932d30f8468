"""The office calendar: a month and a week of what every area puts on it (filterable by kind), and its ICS feed."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from icalendar import Calendar, Event

from . import calendar, changelog, history, tokens
from .choices import ChangeAction
from .http import content_disposition
from .models import CalendarFeed
from .services import delete_object
from .validators import xml_safe


def _kinds(found) -> list[str]:
    return sorted({str(item.kind) for item in found})


def _chosen(found, kind: str) -> list:
    return [item for item in found if str(item.kind) == kind] if kind else found


class CalendarPage(TemplateView):
    """What a page of the calendar shares: the items the user may see (each provider restricts), by kind."""

    template_name = "core/calendar.html"
    for_every_signed_in_user = True  # each provider shows only the records the user may see

    def span(self, today) -> tuple[datetime.date, datetime.date, list[list[datetime.date]]]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first, last, weeks = self.span(timezone.localdate())
        found = calendar.items(self.request.user, first, last)
        kind = self.request.GET.get("kind", "")
        days = [day for week in weeks for day in week]
        context.update(weeks=weeks, items=calendar.by_day(_chosen(found, kind), days), kinds=_kinds(found),
                       kind=kind, today=timezone.localdate(), view=self.view_name)
        return context


class MonthView(CalendarPage):
    view_name = "month"

    def span(self, today):
        first = calendar.month_start(self.request.GET.get("month", ""), today)
        weeks = calendar.month_weeks(first)
        self.first = first
        return weeks[0][0], weeks[-1][-1], weeks

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        previous = (self.first - datetime.timedelta(days=1)).replace(day=1)
        following = (self.first + datetime.timedelta(days=32)).replace(day=1)
        context.update(title=self.first, month=self.first, previous=f"month={previous:%Y-%m}",
                       following=f"month={following:%Y-%m}")
        return context


class WeekView(CalendarPage):
    view_name = "week"

    def span(self, today):
        self.first = calendar.week_start(self.request.GET.get("week", ""), today)
        week = [self.first + datetime.timedelta(days=n) for n in range(7)]
        return week[0], week[-1], [week]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.first, week=self.first,
                       previous=f"week={self.first - datetime.timedelta(days=7):%Y-%m-%d}",
                       following=f"week={self.first + datetime.timedelta(days=7):%Y-%m-%d}")
        return context


# --- ICS -------------------------------------------------------------------------------------------------------

def _moment(value, end: bool):
    """An item's start or end as ICS holds it: an all-day end is the day after its last day."""
    if isinstance(value, datetime.datetime):
        return value
    return value + datetime.timedelta(days=1) if end else value


def ics(user, base_url: str = "", kind: str = "") -> bytes:
    """The office calendar the user may see, a year back and a year ahead, as ICS."""
    today = timezone.localdate()
    half = datetime.timedelta(days=calendar.MAX_FEED_DAYS // 2)
    found = _chosen(calendar.items(user, today - half, today + half), kind)
    feed = Calendar()
    feed.add("prodid", "-//Liaison//Office calendar//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", _("Office calendar"))
    stamp = timezone.now()
    for item in found:
        event = Event()
        event.add("uid", f"{item.uid}@liaison")
        event.add("dtstamp", stamp)
        event.add("dtstart", _moment(item.start, end=False))
        event.add("dtend", _moment(item.end, end=True))
        event.add("summary", xml_safe(str(item.title)))
        event.add("categories", [xml_safe(str(item.kind))])
        if item.place:
            event.add("location", xml_safe(str(item.place)))
        event.add("url", base_url + item.url)
        feed.add_component(event)
    return feed.to_ical()


def ics_response(user, request, kind: str | None = None) -> HttpResponse:
    """The user's office calendar as ICS: the items of one `kind` (by default the request's `kind`), or all."""
    kind = request.GET.get("kind", "") if kind is None else kind
    body = ics(user, request.build_absolute_uri("/").rstrip("/"), kind)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition("office-calendar.ics", attachment=False)
    return response


class CalendarIcsView(View):
    """The calendar as ICS for the signed-in user (a download)."""

    for_every_signed_in_user = True

    def get(self, request):
        return ics_response(request.user, request)


# --- The secret feed address -----------------------------------------------------------------------------------

def feed_of_secret(secret: str) -> CalendarFeed | None:
    """The feed of an active user that a calendar address's secret opens."""
    return CalendarFeed.objects.filter(token_hash=tokens.digest(secret), user__is_active=True).select_related(
        "user").first()


@transaction.atomic
def reset_feed(user) -> str:
    """A new secret address for the user's feed (made on first use), logged; the old one stops working."""
    secret = tokens.new_secret()
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed.objects.create(user=user, token_hash=tokens.digest(secret))
        changelog.record(user, ChangeAction.CREATE, feed, related=user, facts=[history.FEED_MADE()])
    else:
        feed.token_hash = tokens.digest(secret)
        feed.save(update_fields=["token_hash"])
        changelog.record(user, ChangeAction.UPDATE, feed, related=user, facts=[history.FEED_REPLACED()])
    return secret



class FeedView(TemplateView):
    """The user's secret calendar address: make or replace it (shown once), or turn it off."""

    template_name = "core/calendar_feed.html"
    for_every_signed_in_user = True  # the user's own address

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "feed": CalendarFeed.objects.filter(user=self.request.user).first()}

    def post(self, request):
        if request.POST.get("action") == "stop":
            feed = CalendarFeed.objects.filter(user=request.user).first()
            if feed is not None:
                delete_object(request.user, feed, related=request.user, facts=[history.FEED_STOPPED()])
            messages.success(request, _("Your calendar feed is turned off; its address no longer works."))
            return redirect("core:calendar_feed")
        secret = reset_feed(request.user)
        feed_url = request.build_absolute_uri(reverse("core-api:calendar-feed-detail", args=[secret]))
        return self.render_to_response(self.get_context_data(feed_url=feed_url))
