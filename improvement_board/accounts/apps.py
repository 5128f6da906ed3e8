from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "improvement_board.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        from improvement_board.accounts.sessions import last_login_noted, session_started

        user_logged_in.connect(session_started, dispatch_uid="board-session-started")
        # A sign-in is not a change to the user: its time is kept, outside the user's history.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(last_login_noted, dispatch_uid="board-last-login")
