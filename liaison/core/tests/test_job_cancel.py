"""Cancelling a job: a queued job never starts; a running one stops at its next progress report, and what it was
writing is undone."""

import pytest
from django.db import transaction
from django.utils import translation

from liaison.core import jobs, services
from liaison.core.models import Job, Tag
from liaison.core.testing import make_user, run_jobs

pytestmark = pytest.mark.django_db


@jobs.job
def tag_each(run, slugs):
    """Writes a tag a step, in one transaction, reporting its progress after each."""
    with transaction.atomic():
        for done, slug in enumerate(slugs, start=1):
            services.create_object(run.job.owner, Tag, {"slug": slug, "name_en": slug})
            run.progress(done, len(slugs))
    return jobs.Outcome(f"Created {len(slugs)} tags.")


def test_a_queued_job_cancelled_from_its_page_never_starts(client):
    owner = make_user("manager")
    client.force_login(owner)
    job = jobs.start(owner, tag_each, "Tags", {"slugs": ["never"]})
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'action="/core/jobs/{job.pk}/cancel/"' in page and "Cancel the job" in page
    response = client.post(f"/core/jobs/{job.pk}/cancel/")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    run_jobs()
    job.refresh_from_db()
    assert job.status == "cancelled" and job.started is None and job.finished is not None
    assert not Tag.objects.filter(slug="never").exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Cancelled" in page and "Cancel the job" not in page and "hx-trigger" not in page


def test_a_running_job_stops_at_its_next_progress_report_and_writes_nothing(monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_EVERY", 0)
    owner = make_user("manager")
    job = jobs.create(owner, tag_each, "Tags", {"slugs": ["a", "b", "c"]})

    def owner_cancels_after_the_second(done, total, message):
        if done == 2:
            jobs.cancel(owner, Job.objects.get(pk=job.pk))

    jobs.run_here(job, owner_cancels_after_the_second)
    job.refresh_from_db()
    assert job.status == "cancelled" and "undone" in job.message
    assert not Tag.objects.filter(slug__in=["a", "b", "c"]).exists()


def test_only_the_owner_cancels_and_an_ended_job_stays_as_it_ended(client_as, client):
    owner = make_user("manager")
    job = jobs.start(owner, tag_each, "Tags", {"slugs": ["kept"]})
    assert client_as("manager").post(f"/core/jobs/{job.pk}/cancel/").status_code == 404
    assert client.get(f"/core/jobs/{job.pk}/cancel/").status_code == 302  # anonymous: to the login page
    run_jobs()
    client.force_login(owner)
    client.post(f"/core/jobs/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.status == "succeeded" and Tag.objects.filter(slug="kept").exists()


def test_the_cancelled_status_is_said_in_chinese():
    with translation.override("zh-hant"):
        job = jobs.start(make_user("manager"), tag_each, "Tags", {"slugs": ["x"]})
        jobs.cancel(job.owner, job)
        assert job.get_status_display() != "Cancelled" and job.message != "Cancelled at your request before it started."
