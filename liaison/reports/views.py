"""Pages of the reports: the chapters' contents, the chapter generator (a job), and the dashboards."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from liaison.core import jobs
from liaison.core.charts import SVG_POLICY, ChartView
from liaison.core.http import content_disposition
from liaison.core.models import Job
from liaison.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)
from liaison.core.views_jobs import job_of

from . import dashboard, documents, services
from .filtersets import ReportYearFilterSet
from .forms import ChapterForm, ReportYearForm
from .jobs import stored_name, write_chapter
from .models import ReportYear
from .tables import ReportYearTable


class ReportYearViews:
    model = ReportYear


class ReportYearListView(ReportYearViews, ObjectListView):
    table_class = ReportYearTable
    filterset_class = ReportYearFilterSet


class ReportYearDetailView(ReportYearViews, ObjectDetailView):
    pass


class ReportYearEditView(ReportYearViews, ObjectEditView):
    form_class = ReportYearForm
    create_service = services.create_report_year
    update_service = services.update_report_year


class ReportYearDeleteView(ReportYearViews, ObjectDeleteView):
    delete_service = services.delete_report_year


class ReportYearHistoryView(ReportYearViews, ObjectHistoryView):
    pass


class ReportsMixin(PermissionRequiredMixin):
    model, action = ReportYear, "view"
    permission_required = "reports.view_reportyear"


class ChapterView(ReportsMixin, FormView):
    """Choose a year, a language and a format; the chapter is written as a job, whose page shows its progress."""

    template_name = "reports/chapter.html"
    form_class = ChapterForm

    def form_valid(self, form):
        data = form.cleaned_data
        title = _("Chapter of {year} ({format})").format(year=data["year"], format=data["format"].upper())
        started = jobs.start(self.request.user, write_chapter, title,
                             {"year": data["year"], "lang": data["lang"], "file_format": data["format"]},
                             getattr(self.request, "id", ""))
        return redirect(started)


class ChapterFileView(TemplateView):
    """The written chapter of the user's own job: HTML shown as a page, PDF and DOCX downloaded."""

    model = Job
    for_every_signed_in_user = True  # the user's own job; anyone else's is a 404

    def get(self, request, pk):
        job = job_of(request.user, pk, kind=jobs.kind_of(write_chapter))
        file_format = (job.result or {}).get("format")
        name = stored_name(job.pk, file_format) if file_format in documents.CONTENT_TYPES else ""
        if not name or not default_storage.exists(name):
            raise Http404
        response = FileResponse(default_storage.open(name, "rb"), content_type=documents.CONTENT_TYPES[file_format])
        if file_format == "html":  # its print stylesheet and its charts' styles are in the file; it runs nothing
            response["Content-Security-Policy"] = SVG_POLICY
        else:
            response["Content-Disposition"] = content_disposition(
                f"chapter-{job.params.get('year')}-{job.params.get('lang')}.{file_format}")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class DashboardView(ReportsMixin, TemplateView):
    """One strategy's indicators for a year and the year before, with a chart; the partners on a world map."""

    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = dashboard.year_of(self.request.GET.get("year"), timezone.localdate().year - 1)
        contents = dashboard.strategies(self.request.user, year)
        count = max(len(contents), dashboard.STRATEGY_COUNT)
        strategy = dashboard.strategy_of(self.request.GET.get("strategy"), count)
        context.update(year=year, strategy=strategy, strategies=contents, numbers=range(1, count + 1),
                       rows=dashboard.rows(self.request.user, year, strategy),
                       charts=dashboard.drawn(self.request.user, year, strategy))
        return context


class DashboardChartView(ReportsMixin, ChartView):
    def svg(self) -> str:
        year = dashboard.year_of(self.request.GET.get("year"), timezone.localdate().year - 1)
        return dashboard.chart(self.request.user, year, dashboard.strategy_of(self.request.GET.get("strategy"), 99))


class PartnerMapView(ReportsMixin, ChartView):
    def svg(self) -> str:
        return dashboard.partner_map(self.request.user)
