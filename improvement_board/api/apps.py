from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "improvement_board.api"
    label = "api"
