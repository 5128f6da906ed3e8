from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "improvement_board.plans"
    label = "plans"
