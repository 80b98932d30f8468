"""The pages of background jobs: the user's own jobs, and one job's progress (polled by htmx) and outcome."""

from django.contrib import messages
from django.http import HttpResponse
from django.views.generic import TemplateView

from .access import get_visible, restrict
from .choices import JobStatus
from .models import Job

RECENT_JOBS = 50


class JobListView(TemplateView):
    """The jobs the user started, newest first."""

    template_name = "core/job_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = restrict(Job.objects.all(), self.request.user)[:RECENT_JOBS]
        return context


class JobDetailView(TemplateView):
    """One job: its progress while it runs, then its message and the link to its result."""

    template_name = "core/job.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = get_visible(Job.objects.all(), self.request.user, pk=self.kwargs["pk"])
        return context


class JobStatusView(JobDetailView):
    """The progress block the job page polls; a job that succeeded sends the browser on to its result."""

    template_name = "core/includes/job_status.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        job = context["job"]
        if request.htmx and job.status == JobStatus.SUCCEEDED and job.result_url:
            messages.success(request, job.message)
            response = HttpResponse(status=204)
            response["HX-Redirect"] = job.result_url
            return response
        return self.render_to_response(context)
