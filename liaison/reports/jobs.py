"""The chapter as a background job: written for the user who asks, stored, and offered from the job's page."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.core import jobs

from . import chapter, documents

FOLDER = "reports"


def stored_name(job_id: int, file_format: str) -> str:
    return f"{FOLDER}/chapter-{job_id}.{file_format}"


@jobs.job
def write_chapter(run: jobs.Run, year: int, lang: str, file_format: str) -> jobs.Outcome:
    """Writes the chapter of `year` in `lang` and `file_format` from what the job's owner may see."""
    user = run.job.owner
    if user is None or not user.is_active or not user.has_perm("reports.view_reportyear"):
        raise jobs.JobFailed(_("You may not write the chapter."))
    total = chapter.step_count(user, year, lang) + 1  # the sections in each language, then the file
    written = chapter.write(user, year, lang, progress=lambda done, _sections: run.progress(done, total))
    run.progress(total - 1, total, _("Writing the file."))
    name = stored_name(run.job.pk, file_format)
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(documents.render(written, file_format)))
    return jobs.Outcome(_("The chapter of {year} is ready.").format(year=year),
                        reverse("reports:chapter_file", args=[run.job.pk]), {"format": file_format})
