"""URLs: every page requires login (LoginRequiredMiddleware) unless it says otherwise."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
