from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "improvement_board.accounts"
    label = "accounts"
