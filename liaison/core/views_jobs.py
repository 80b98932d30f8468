"""The pages of background jobs: the user's own jobs, and one job's progress (polled by htmx) and outcome."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from . import jobs
from .access import get_visible, restrict
from .choices import JobStatus
from .exports import job_file_response
from .models import Job

RECENT_JOBS = 50
LARGEST_ID = 2**63 - 1  # the database's largest key: a larger number in a URL is no job, not an error


def job_of(user, pk, **lookup) -> Job:
    """The user's own job `pk` (a number, or its text from a form or a link), or 404."""
    text = str(pk or "")
    if not text.isdigit() or int(text) > LARGEST_ID:
        raise Http404
    return get_visible(Job.objects.all(), user, pk=int(text), **lookup)


class JobListView(TemplateView):
    """The jobs the user started, newest first."""

    template_name = "core/job_list.html"
    for_every_signed_in_user = True  # each user sees their own jobs only

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = restrict(Job.objects.all(), self.request.user)[:RECENT_JOBS]
        return context


class JobDetailView(TemplateView):
    """One job: its progress while it runs, then its message and the link to its result."""

    template_name = "core/job.html"
    model = Job
    for_every_signed_in_user = True  # the user's own job; anyone else's is a 404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = job_of(self.request.user, self.kwargs["pk"])
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


class JobFileView(JobDetailView):
    """The file a finished job of the user's made, an export or a document (their own job only)."""

    def get(self, request, *args, **kwargs):
        job = job_of(request.user, kwargs["pk"], status=JobStatus.SUCCEEDED)
        return job_file_response(job)


class JobCancelView(View):
    """The owner asks to cancel their queued or running job; its page then shows how it ended."""

    model = Job
    for_every_signed_in_user = True  # the user's own job; anyone else's is a 404
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job = jobs.cancel(request.user, job_of(request.user, kwargs["pk"]))
        if job.status == JobStatus.CANCELLED:
            messages.success(request, _("The job was cancelled before it started."))
        elif job.status == JobStatus.RUNNING:
            messages.info(request, _("The job stops at its next step; what it was writing is undone."))
        return redirect(job.get_absolute_url())
