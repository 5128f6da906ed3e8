from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web pages: templates, static files and template tags, no models."""

    name = "improvement_board.web"
    label = "web"
