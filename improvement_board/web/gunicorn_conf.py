"""gunicorn's settings for the web app on one machine, read by ``board serve --workers N``
(or ``gunicorn -c improvement_board/web/gunicorn_conf.py improvement_board.web.wsgi``).

It listens on the loopback address only: a TLS proxy (nginx or Caddy, docs/deploy.md) faces the
network. Values come from the environment so a deployment changes none of this file.

BOARD_BIND            where to listen (default 127.0.0.1:8000)
BOARD_WORKERS         sync worker processes (default 3)
BOARD_TRUSTED_PROXIES the proxies whose X-Forwarded-Proto gunicorn believes (as the app does)
"""

import os

bind = os.environ.get("BOARD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("BOARD_WORKERS", "3"))
worker_class = "sync"
# Printing a pack takes seconds; a worker busy longer than this is restarted.
timeout = 120
graceful_timeout = 30
# Only the proxies the app trusts may say a request came over HTTPS; none when unset.
forwarded_allow_ips = os.environ.get("BOARD_TRUSTED_PROXIES", "")
# Files the server writes (its logs, if sent to files) are its user's alone, as the app's are.
umask = 0o077
# Access and error logs to standard output and error, for the service manager to keep.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(L)ss'
