"""The scorecard template: offered on the programme page to its manager, downloaded as the
workbook ``board programme template`` writes."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from improvement_board.core.scorecard import scorecard_workbook
from improvement_board.programmes.models import Programme
from tests.web.conftest import PROGRAMME, client_for

pytestmark = pytest.mark.django_db
TEMPLATE = reverse("scorecard-template", args=[PROGRAMME])


def test_the_manager_is_offered_the_template_and_downloads_it(programme: Programme) -> None:
    manager = client_for("admin")
    overview = manager.get(reverse("overview", args=[PROGRAMME]))
    assert TEMPLATE in overview.content.decode()
    response = manager.get(TEMPLATE)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="scorecard-template.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    template = openpyxl.load_workbook(io.BytesIO(scorecard_workbook()))
    assert workbook.sheetnames == template.sheetnames
    assert [c.value for c in workbook["Indicators"][1]] == [
        c.value for c in template["Indicators"][1]
    ]


@pytest.mark.parametrize("role", ["reader", "officer", "approver"])
def test_no_one_below_the_manager_is_offered_it(programme: Programme, role: str) -> None:
    client = client_for(role)
    overview = client.get(reverse("overview", args=[PROGRAMME]))
    assert overview.status_code == 200
    assert TEMPLATE not in overview.content.decode()
    assert client.get(TEMPLATE).status_code == 403
