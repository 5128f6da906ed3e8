from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "improvement_board.programmes"
    label = "programmes"
