"""Long work in the background, written once: a `Job` its owner follows, run by a worker through Django's Tasks
interface (the django-tasks backport; built into Django 6).

A module marks a function as a kind of job with `@jobs.job`; `start(owner, function, title, params)` records the
job and queues it; a worker (`liaison db_worker`, or `liaison rqworker` on Redis) runs it, and the job's page
shows its progress and, when it ends, its message and a link to its result. The command line runs a job in its
own process with `run_here`, showing the same progress on the terminal.

A job's function takes a `Run` and the job's parameters and returns an `Outcome`; it raises `JobFailed` to stop
with a message for the user. It writes in one transaction, so a job that fails leaves nothing half-written.

Its owner may cancel a job (`cancel`): a queued job then never starts; a running one stops at its next progress
report (`Run.progress` raises `JobCancelled`), which rolls back the transaction it reports from.
"""

import logging
import time
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from .changelog import change_context
from .choices import ChangeSource, JobStatus
from .models import Job

logger = logging.getLogger(__name__)
# Seconds between two writes of a job's progress to its record: often enough for a progress bar, rarely enough
# not to slow the work down.
PROGRESS_EVERY = 0.5
_MARK = "_liaison_job"


class JobFailed(Exception):
    """Work that cannot go ahead; `message` says why in the user's language, `result` holds what it found and
    `url` the page to go on from."""

    def __init__(self, message, result=None, url: str = ""):
        super().__init__(message)
        self.message = str(message)
        self.result = result
        self.url = url


class JobCancelled(Exception):
    """Raised by `Run.progress` once the job's owner asked to cancel it."""


@dataclass
class Outcome:
    """How a job ended: a message for its owner, the page of its result, and what to keep for that page."""

    message: str
    url: str = ""
    result: object = None


def job(function):
    """Marks a module-level function as a kind of job; only marked functions run as jobs."""
    setattr(function, _MARK, True)
    return function


def kind_of(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


class Run:
    """What a job's function is given: its job, and a way to say how far it has got."""

    def __init__(self, job_record: Job, listener=None):
        self.job = job_record
        self.listener = listener
        self._written = float("-inf")

    def progress(self, done: int, total: int, message=None) -> None:
        """`done` of `total` steps; the record is written at most every PROGRESS_EVERY seconds, and at the end.

        Raises JobCancelled when, at that write, the owner has asked to cancel the job."""
        record = self.job
        record.done, record.total = done, total
        if message is not None:
            record.message = str(message)[:500]
        if self.listener:
            self.listener(done, total, record.message)
        now = time.monotonic()
        if done >= total or now - self._written >= PROGRESS_EVERY:
            self._written = now
            written = Job.objects.filter(pk=record.pk, cancel_requested=False).update(
                done=done, total=total, message=record.message)
            if not written:
                raise JobCancelled


def start(owner, function, title, params: dict, request_id: str = "") -> Job:
    """Records a job of `owner` and queues it for a worker once the caller's transaction commits."""
    record = create(owner, function, title, params, request_id)
    transaction.on_commit(partial(_enqueue, record))
    return record


def cancel(acting_user, record: Job) -> Job:
    """Asks to cancel a job of the user's: a queued job is cancelled at once (it never starts), a running one at
    its next progress report; a job that has ended is left as it is."""
    if record.owner_id != getattr(acting_user, "pk", None):
        raise PermissionDenied
    with translation.override(record.language):
        message = _("Cancelled at your request before it started.")
    Job.objects.filter(pk=record.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.CANCELLED, cancel_requested=True, message=message, finished=timezone.now())
    Job.objects.filter(pk=record.pk, status=JobStatus.RUNNING).update(cancel_requested=True)
    record.refresh_from_db()
    return record


def _enqueue(record: Job) -> None:
    """Hands the job to the queue; a queue out of reach fails the job with a message instead of the page."""
    try:
        run_job.enqueue(record.pk)
    except Exception:
        logger.exception("Job %s could not be queued", record.pk)
        with translation.override(record.language):
            _finish(record, JobStatus.FAILED, _("The job queue cannot be reached, so the job did not start. "
                                                "Try again later, or tell the administrators."))


def create(owner, function, title, params: dict, request_id: str = "") -> Job:
    """The record of a job, in the language of the user asking for it; nothing runs it yet."""
    if not getattr(function, _MARK, False):
        raise ValueError(f"{kind_of(function)} is not marked with @jobs.job")
    return Job.objects.create(
        owner=owner if getattr(owner, "pk", None) else None, kind=kind_of(function), title=str(title)[:300],
        params=params, language=translation.get_language() or settings.LANGUAGE_CODE, request_id=request_id or "",
    )


@task()
def run_job(job_id: int) -> None:
    """What the worker runs: claims the job (a job runs once, whatever the queue does) and runs it."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started=timezone.now())
    if claimed:
        _execute(Job.objects.get(pk=job_id))


def run_here(record: Job, listener=None) -> Job:
    """Runs a job in this process (the command line); `listener(done, total, message)` hears its progress."""
    Job.objects.filter(pk=record.pk).update(status=JobStatus.RUNNING, started=timezone.now())
    return _execute(record, listener)


def _execute(record: Job, listener=None) -> Job:
    run = Run(record, listener)
    with translation.override(record.language), change_context(ChangeSource.SYSTEM, record.request_id or None):
        try:
            function = import_string(record.kind)
            if not getattr(function, _MARK, False):
                raise ValueError(f"{record.kind} is not a job")
            outcome = function(run, **record.params)
        except JobCancelled:
            _finish(record, JobStatus.CANCELLED, _("Cancelled at your request; what it was writing was undone."))
        except JobFailed as failure:
            _finish(record, JobStatus.FAILED, failure.message, failure.result, failure.url)
        except Exception:
            logger.exception("Job %s (%s) failed", record.pk, record.kind)
            _finish(record, JobStatus.FAILED, _(
                "The job stopped on an unexpected error and what it was writing was undone. The administrators "
                "can find the details in the log under job {id}.").format(id=record.pk))
        else:
            _finish(record, JobStatus.SUCCEEDED, outcome.message, outcome.result, outcome.url)
    return record


def _finish(record: Job, status: str, message: str, result=None, url: str = "") -> None:
    record.status, record.message, record.result, record.result_url = status, message[:500], result, url[:300]
    record.finished = timezone.now()
    if status == JobStatus.SUCCEEDED:
        record.done = record.total = max(record.total, record.done, 1)
    record.save(update_fields=["status", "message", "result", "result_url", "finished", "done", "total"])
