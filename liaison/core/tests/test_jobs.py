"""Background jobs: queued, run once by the worker, followed by their owner alone, all or nothing."""

import pytest
from django.db import transaction
from django.utils import translation

from liaison.core import jobs, services
from liaison.core.models import ChangeRecord, Job, Tag
from liaison.core.testing import make_user, run_jobs

pytestmark = pytest.mark.django_db


@jobs.job
def tag_many(run, slugs, fail_at=None):
    """Writes a tag a step, in one transaction; fails at `fail_at` when asked."""
    with transaction.atomic():
        for done, slug in enumerate(slugs, start=1):
            if slug == fail_at:
                raise ValueError("a bug")
            if slug == "refused":
                raise jobs.JobFailed("Refused for a reason the user can read.")
            services.create_object(run.job.owner, Tag, {"slug": slug, "name_en": slug})
            run.progress(done, len(slugs))
    return jobs.Outcome(f"Created {len(slugs)} tags.", "/core/jobs/", {"slugs": slugs})


def not_a_job(run):
    return jobs.Outcome("never")


def start(user, *slugs, **params) -> Job:
    return jobs.start(user, tag_many, "Tags", {"slugs": list(slugs), **params}, request_id="req-1")


def test_a_job_waits_for_a_worker_then_runs_once_and_keeps_its_outcome():
    owner = make_user("manager")
    job = start(owner, "one", "two")
    assert job.status == "queued" and not Tag.objects.filter(slug="one").exists()
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.message, job.result, job.result_url) == (
        "succeeded", "Created 2 tags.", {"slugs": ["one", "two"]}, "/core/jobs/")
    assert (job.done, job.total) == (2, 2) and job.started <= job.finished
    change = ChangeRecord.objects.get(object_repr="one")
    assert (change.user, change.request_id) == (owner, "req-1")
    jobs.run_job.enqueue(job.pk)  # queued again (a queue may deliver twice): it does not run again
    run_jobs()
    assert Tag.objects.filter(slug="one").count() == 1


def test_a_failed_job_writes_nothing_and_says_why():
    owner = make_user("manager")
    broken, refused = start(owner, "a", "b", fail_at="b"), start(owner, "c", "refused")
    run_jobs()
    broken.refresh_from_db()
    refused.refresh_from_db()
    assert broken.status == "failed" and f"job {broken.pk}" in broken.message and "undone" in broken.message
    assert (refused.status, refused.message) == ("failed", "Refused for a reason the user can read.")
    assert not Tag.objects.filter(slug__in=["a", "c"]).exists()


def test_only_functions_marked_as_jobs_run():
    with pytest.raises(ValueError):
        jobs.start(make_user("manager"), not_a_job, "Nope", {})
    job = Job.objects.create(kind="liaison.core.tests.test_jobs.not_a_job", title="Forged", language="en")
    jobs.run_job.enqueue(job.pk)
    run_jobs()
    job.refresh_from_db()
    assert job.status == "failed"


def test_a_job_speaks_the_language_of_the_user_who_started_it():
    with translation.override("zh-hant"):
        job = start(make_user("manager"), "x", fail_at="x")
    run_jobs()
    job.refresh_from_db()
    with translation.override("zh-hant"):
        expected = translation.gettext(
            "The job stopped on an unexpected error and what it was writing was undone. The administrators "
            "can find the details in the log under job {id}.").format(id=job.pk)
    assert job.language == "zh-hant" and job.message == expected and "The job stopped" not in expected


@jobs.job
def count_to(run, total):
    """Says how far it has got, and notes what its record held after each step."""
    seen = []
    for done in range(1, total + 1):
        run.progress(done, total, "Counting.")
        seen.append(Job.objects.values_list("done", flat=True).get(pk=run.job.pk))
    return jobs.Outcome("Counted.", result=seen)


@pytest.mark.parametrize("every, seen", [(0, [1, 2, 3]), (3600, [1, 1, 3])])
def test_progress_is_written_as_the_job_goes_at_most_so_often(monkeypatch, every, seen):
    monkeypatch.setattr(jobs, "PROGRESS_EVERY", every)
    job = jobs.start(make_user("manager"), count_to, "Count", {"total": 3})
    run_jobs()
    job.refresh_from_db()
    assert job.result == seen


def test_the_job_page_polls_while_the_job_runs_and_sends_the_owner_on_when_it_ends(client):
    owner = make_user("manager")
    client.force_login(owner)
    job = start(owner, "page")
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'hx-get="/core/jobs/{job.pk}/status/"' in page and 'hx-trigger="every 1s"' in page
    assert "<progress" in page
    run_jobs()
    status = client.get(f"/core/jobs/{job.pk}/status/", HTTP_HX_REQUEST="true")
    assert status.status_code == 204 and status["HX-Redirect"] == "/core/jobs/"
    assert "Created 1 tags." in client.get("/core/jobs/").content.decode()
    finished = client.get(job.get_absolute_url()).content.decode()
    assert "hx-trigger" not in finished and 'href="/core/jobs/"' in finished


def test_a_job_is_its_owners_alone(client_as):
    client = client_as("manager")
    job = start(make_user("manager"), "secret")
    for url in (job.get_absolute_url(), f"/core/jobs/{job.pk}/status/"):
        assert client.get(url).status_code == 404
    assert "Tags" not in client.get("/core/jobs/").content.decode()
    assert client_as("anonymous").get(job.get_absolute_url()).status_code == 302


REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def rq_queue(settings):
    """Jobs on RQ, as in production, with a Redis at 127.0.0.1:6379 (the test is skipped without one)."""
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.RQ_QUEUES = {"default": {"URL": REDIS}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    import django_rq

    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def test_jobs_run_on_rq_workers_too(rq_queue, django_capture_on_commit_callbacks):
    from django_tasks_rq import Job as RQJob
    from rq import SimpleWorker

    with django_capture_on_commit_callbacks(execute=True):
        job = start(make_user("manager"), "on-redis")
    assert rq_queue.count == 1
    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=RQJob).work(burst=True)
    job.refresh_from_db()
    assert (job.status, job.message) == ("succeeded", "Created 1 tags.")
    assert Tag.objects.filter(slug="on-redis").exists()


class UnreachableQueue:
    def enqueue(self, *args):
        raise ConnectionError("Redis is down")


def test_a_queue_out_of_reach_fails_the_job_with_a_message(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(jobs, "run_job", UnreachableQueue())
    with django_capture_on_commit_callbacks(execute=True):
        job = start(make_user("manager"), "never")
    job.refresh_from_db()
    assert job.status == "failed" and job.message.startswith("The job queue cannot be reached")
