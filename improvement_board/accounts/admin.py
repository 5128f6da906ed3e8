from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from improvement_board.accounts.models import User


@admin.register(User)
class BoardUserAdmin(UserAdmin):  # type: ignore[type-arg]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Role", {"fields": ("role",)}))
    list_display = ("username", "role", "is_active", "last_login")
