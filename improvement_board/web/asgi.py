"""The ASGI entry point, for servers that speak ASGI: ``improvement_board.web.asgi:application``.

The app is written for WSGI (gunicorn's sync workers, docs/deploy.md); this is here so an ASGI
server can run it unchanged.
"""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.web.settings")

application = get_asgi_application()
