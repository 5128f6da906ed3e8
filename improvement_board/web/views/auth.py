"""Signing in and out, with Django's own views and the service's look."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from improvement_board.web.roles import public, role_required

login = public(
    auth_views.LoginView.as_view(
        template_name="web/login.html",
        next_page="home",
        redirect_authenticated_user=True,
    )
)
logout = role_required("reader")(auth_views.LogoutView.as_view(next_page="login"))
