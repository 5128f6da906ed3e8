"""Managing the people who sign in, for administrators: the same services as ``board users``,
so the rules (a reason for every change, Django's password validators, never leaving the store
without an administrator, no one deactivating themselves) are the same in both."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from improvement_board.accounts.models import Role, User
from improvement_board.accounts.roles import Refused
from improvement_board.accounts.selectors import user_get, user_history, user_list
from improvement_board.accounts.services import (
    user_active_set,
    user_create,
    user_password_set,
    user_posts_set,
    user_role_set,
)
from improvement_board.programmes.members import membership_set
from improvement_board.programmes.models import Programme
from improvement_board.web.roles import role_required
from improvement_board.web.views.common import found, posted

PASSWORD_HELP = " ".join(password_validators_help_texts())


def _reason() -> forms.CharField:
    return forms.CharField(
        label="Reason",
        help_text="Kept in the user's history with your name and the time",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for this change"},
    )


def _password(label: str, missing: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": missing},
    )


class _Passwords(forms.Form):
    password = _password("Password", "Enter a password")
    again = _password("Password again", "Enter the password again")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("again") and data["password"] != data["again"]:
            self.add_error("again", "The two passwords are not the same")
        return data


ROLE_CHOICES = [(value, label) for value, label in Role.choices]


class UserAddForm(_Passwords):
    username = forms.CharField(
        label="Sign-in name", max_length=150, error_messages={"required": "Enter a sign-in name"}
    )
    role = forms.ChoiceField(
        label="Role",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )
    password = _password("Password", "Enter a password")
    again = _password("Password again", "Enter the password again")
    reason = forms.CharField(
        label="Reason (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["username", "role", "password", "again", "reason"]


class UserRoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )
    reason = _reason()


class UserActiveForm(forms.Form):
    reason = _reason()


class UserPostsForm(forms.Form):
    posts = forms.CharField(
        label="Posts held",
        help_text="One post a line, as the programme file names owners, such as Head of "
        "Safeguarding. What those posts owe the board is due from this person.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    reason = _reason()


class UserPasswordForm(_Passwords):
    reason = _reason()


class MembershipForm(forms.Form):
    programme = forms.ChoiceField(
        label="Programme",
        error_messages={"required": "Select the programme", "invalid_choice": "Select a programme"},
    )
    role = forms.ChoiceField(
        label="Role in that programme",
        choices=[("none", "Not a member"), *Role.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role", "invalid_choice": "Select the role"},
    )
    reason = _reason()

    def __init__(self, *args: Any, programmes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", "Select a programme"), *((p.key, p.name) for p in programmes)]


def _refused(form: forms.Form, field: str, error: Exception) -> None:
    messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
    for message in messages_:
        form.add_error(field, message[:1].upper() + message[1:])


@role_required("admin")
@require_safe
def users(request: HttpRequest) -> HttpResponse:
    return render(request, "web/users.html", {"users": user_list()})


@role_required("admin")
@require_safe
def user(request: HttpRequest, username: str) -> HttpResponse:
    person = found(user_get, username=username)
    context = {
        "person": person,
        "changes": user_history(user=person),
        "memberships": list(person.memberships.select_related("programme")),
    }
    return render(request, "web/user.html", context)


@role_required("admin")
@require_http_methods(["GET", "POST"])
def user_member(request: HttpRequest, username: str) -> HttpResponse:
    """Give a person a role in one programme, or take them out of it, with a reason."""
    person = found(user_get, username=username)
    programmes = list(Programme.objects.order_by("name"))
    form = MembershipForm(posted(request), programmes=programmes)
    if form.is_valid():
        data = form.cleaned_data
        chosen = next(p for p in programmes if p.key == data["programme"])
        role = None if data["role"] == "none" else data["role"]
        try:
            membership_set(
                user=person, programme=chosen, role=role, by=request.user, reason=data["reason"]
            )
        except (ValueError, Refused) as error:
            _refused(form, "role", error)
        else:
            messages.success(request, f"{person.username}'s place in {chosen.name} is recorded.")
            return redirect("user", username=person.username)
    context = {"person": person, "form": form, "kind": "programme"}
    return render(request, "web/user_member.html", context)


@role_required("admin")
@require_http_methods(["GET", "POST"])
def user_add(request: HttpRequest) -> HttpResponse:
    form = UserAddForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            person = user_create(
                username=data["username"],
                role=data["role"],
                password=data["password"],
                by=request.user,
                reason=data["reason"],
            )
        except ValidationError as error:
            _refused(form, "password", error)
        except (ValueError, Refused) as error:
            _refused(form, "username", error)
        else:
            messages.success(request, f"{person.username} is added.")
            return redirect("user", username=person.username)
    context = {"form": form, "password_help": PASSWORD_HELP}
    return render(request, "web/user_add.html", context)


def _change(
    request: HttpRequest, username: str, form_class: type[forms.Form], kind: str
) -> HttpResponse:
    """One change to a user through its form; a refusal comes back as the form's error."""
    person = found(user_get, username=username)
    initial: dict[str, Any] = {"role": person.role} if kind == "role" else {}
    if kind == "posts":
        initial = {"posts": "\n".join(person.posts or [])}
    form = form_class(posted(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            said = _apply(kind, person, data, request.user)
        except ValidationError as error:
            _refused(form, "password", error)
        except (ValueError, Refused) as error:
            _refused(form, next(iter(form.fields)), error)
        else:
            messages.success(request, said)
            return redirect("user", username=person.username)
    context = {"person": person, "form": form, "kind": kind, "password_help": PASSWORD_HELP}
    return render(request, "web/user_change.html", context)


def _apply(kind: str, person: User, data: dict[str, Any], by: Any) -> str:
    if kind == "role":
        user_role_set(user=person, role=data["role"], by=by, reason=data["reason"])
        return f"{person.username} is now {person.get_role_display()}."
    if kind == "posts":
        posts = data["posts"].splitlines()
        user_posts_set(user=person, posts=posts, by=by, reason=data["reason"])
        return f"The posts {person.username} holds are changed."
    if kind == "active":
        active = not person.is_active
        user_active_set(user=person, active=active, by=by, reason=data["reason"])
        return f"{person.username} is {'reactivated' if active else 'deactivated'}."
    user_password_set(user=person, password=data["password"], by=by, reason=data["reason"])
    return f"The password of {person.username} is reset."


@role_required("admin")
@require_http_methods(["GET", "POST"])
def user_role(request: HttpRequest, username: str) -> HttpResponse:
    return _change(request, username, UserRoleForm, "role")


@role_required("admin")
@require_http_methods(["GET", "POST"])
def user_active(request: HttpRequest, username: str) -> HttpResponse:
    return _change(request, username, UserActiveForm, "active")


@role_required("admin")
@require_http_methods(["GET", "POST"])
def user_posts(request: HttpRequest, username: str) -> HttpResponse:
    return _change(request, username, UserPostsForm, "posts")


@role_required("admin")
@require_http_methods(["GET", "POST"])
def user_password(request: HttpRequest, username: str) -> HttpResponse:
    return _change(request, username, UserPasswordForm, "password")
