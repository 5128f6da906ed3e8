"""Django's management entry point, for migrations and the admin."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement_board.web.settings")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
