"""A figure typed on the web as DfE's marker is stored as that marker, never as an empty figure:
the form reads its value as one row of a return, so a marker there is a marker."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from improvement_board.programmes.models import Measurement
from tests.web.conftest import PROGRAMME


def test_a_marker_typed_as_the_value_is_stored_as_that_marker(
    programme: Any, officer: Client
) -> None:
    assert not Measurement.objects.filter(period="2006-11").exists()
    url = reverse("figure-record", args=[PROGRAMME, "cf-c64", "2006-11"])
    form = {"value": "u", "numerator": "", "denominator": "", "note": "", "reason": ""}
    assert officer.post(url, form).status_code == 302
    stored = Measurement.objects.get(indicator__key="cf-c64", period="2006-11")
    assert (stored.value, stored.marker) == (None, "u")
