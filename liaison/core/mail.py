"""E-mail goes out through the job queue: a page or a command never waits for the mail server, nor fails with it.

A message is queued when the transaction that decided to send it commits; a worker delivers it, and a delivery
that fails is kept, with its error, among the worker's task results.
"""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def deliver(subject: str, body: str, recipients: list[str]) -> int:
    """What the worker runs: hands one message to the configured mail server."""
    return send_mail(subject, body, None, recipients)


def send(subject, body, recipients) -> None:
    """Queues one message (subject and body already in the recipients' language)."""
    transaction.on_commit(partial(deliver.enqueue, str(subject), str(body), list(recipients)))
