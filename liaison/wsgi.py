"""WSGI entry point for gunicorn: `gunicorn liaison.wsgi`.

gunicorn runs no system checks, so the security ones run here: a production server does not start with the
development secret key (see liaison.core.checks).
"""

import os

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
application = get_wsgi_application()

problems = [problem for problem in checks.run_checks(tags=[checks.Tags.security]) if problem.is_serious()]
if problems:
    raise ImproperlyConfigured("\n".join(f"{problem.msg} {problem.hint}" for problem in problems))
