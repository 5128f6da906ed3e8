from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "improvement_board.meetings"
    label = "meetings"
