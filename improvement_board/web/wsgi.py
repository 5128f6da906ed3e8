"""The WSGI entry point a server such as gunicorn runs: ``improvement_board.web.wsgi:application``.

Settings come from the environment (web/settings.py), so the same entry point serves the
embedded default and a deployment behind a TLS proxy.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.web.settings")

application = get_wsgi_application()
