from django.apps import AppConfig


class RenderingConfig(AppConfig):
    name = "improvement_board.rendering"
    label = "rendering"
    verbose_name = "Rendering"
