"""URLs. Every page needs a signed-in user (LoginRequiredMiddleware) and declares the least role
it needs (web/roles.py); only the sign-in page is public. Months in URLs are written YYYY-MM."""

from django.contrib import admin
from django.urls import include, path, register_converter

from improvement_board.web.views import (
    auth,
    due,
    editing,
    entries,
    exports,
    home,
    meetings,
    minister,
    plans,
    programmes,
    publication,
    scorecard,
    users,
    validation,
)


class MonthConverter:
    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: object) -> str:
        return str(value)


register_converter(MonthConverter, "month")


class FormatConverter:
    """An export's file format."""

    regex = r"csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: object) -> str:
        return str(value)


register_converter(FormatConverter, "format")

P = "programmes/<slug:programme>/"
INDICATOR = P + "indicators/<slug:indicator>/"
MEETING = P + "meetings/<month:period>/"
QUARTER = P + "minister/<month:quarter>/"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path(P, programmes.overview, name="overview"),
    path(P + "dashboard/", home.dashboard, name="dashboard"),
    path(INDICATOR, programmes.indicator, name="indicator"),
    path(INDICATOR + "change/", editing.indicator_change, name="indicator-change"),
    path(INDICATOR + "<month:period>/figure/", entries.figure_record, name="figure-record"),
    path(INDICATOR + "<month:period>/commentary/", entries.commentary_edit, name="commentary"),
    path(P + "returns/upload/", entries.return_upload, name="return-upload"),
    path(P + "returns/confirm/", entries.return_confirm, name="return-confirm"),
    path(P + "meetings/", meetings.meeting_list, name="meetings"),
    path(MEETING, meetings.meeting, name="meeting"),
    path(MEETING + "reports/<slug:report>/", meetings.report_mark, name="report-mark"),
    path(MEETING + "change/", editing.meeting_change, name="meeting-change"),
    path(MEETING + "reports/<slug:report>/change/", editing.report_change, name="report-change"),
    path(MEETING + "pack.html", meetings.pack_download, {"kind": "html"}, name="pack-html"),
    path(MEETING + "pack.pdf", meetings.pack_download, {"kind": "pdf"}, name="pack-pdf"),
    path(MEETING + "issue/", meetings.pack_issue_view, name="pack-issue"),
    path(MEETING + "prepare/", meetings.pack_prepare_view, name="pack-prepare"),
    path(MEETING + "approve/", meetings.pack_approve_view, name="pack-approve"),
    path(
        MEETING + "issued/<int:version>.html",
        meetings.issued_download,
        {"kind": "html"},
        name="issued-html",
    ),
    path(
        MEETING + "issued/<int:version>.pdf",
        meetings.issued_download,
        {"kind": "pdf"},
        name="issued-pdf",
    ),
    path(P + "minister/", minister.minister_reports, name="minister-reports"),
    path(QUARTER, minister.minister_report, name="minister-report"),
    path(QUARTER + "prepare/", minister.minister_prepare, name="minister-prepare"),
    path(QUARTER + "approve/", minister.minister_approve, name="minister-approve"),
    path(QUARTER + "issue/", minister.minister_issue, name="minister-issue"),
    path(
        QUARTER + "draft/<slug:variant>.html",
        minister.minister_draft,
        {"kind": "html"},
        name="minister-draft-html",
    ),
    path(
        QUARTER + "draft/<slug:variant>.pdf",
        minister.minister_draft,
        {"kind": "pdf"},
        name="minister-draft-pdf",
    ),
    path(
        QUARTER + "issued/<int:version>/<slug:variant>.html",
        minister.minister_issued_download,
        {"kind": "html"},
        name="minister-issued-html",
    ),
    path(
        QUARTER + "issued/<int:version>/<slug:variant>.pdf",
        minister.minister_issued_download,
        {"kind": "pdf"},
        name="minister-issued-pdf",
    ),
    path(P + "success-criteria/", minister.success_criteria, name="success-criteria"),
    path(P + "exports/", exports.exports, name="exports"),
    path(P + "exports/<slug:what>.<format:fmt>", exports.export_download, name="export"),
    path(P + "scorecard-template.xlsx", scorecard.scorecard_template, name="scorecard-template"),
    path(P + "plan/", plans.plan, name="plan"),
    path(
        P + "plan/<slug:action>/<slug:milestone>/complete/",
        plans.milestone_done,
        name="milestone-complete",
    ),
    path(P + "plan/<slug:action>/status/", plans.action_status, name="action-status"),
    path(P + "plan/<slug:action>/change/", editing.action_change, name="action-change"),
    path(
        P + "plan/<slug:action>/<slug:milestone>/change/",
        editing.milestone_change,
        name="milestone-change",
    ),
    path(P + "risks/<slug:risk>/change/", editing.risk_change, name="risk-change"),
    path(P + "change/", editing.programme_parts, name="programme-parts"),
    path(
        P + "change/recommendations/<str:number>/",
        editing.recommendation_change,
        name="recommendation-change",
    ),
    path(P + "change/evidence/<int:number>/", editing.evidence_item_change, name="evidence-change"),
    path(P + "change/criteria/<int:number>/", editing.criterion_change, name="criterion-change"),
    path(P + "risks/", plans.risks, name="risks"),
    path(P + "due/", due.due, name="due"),
    path(P + "publication/", publication.publication_review, name="publication-review"),
    path(P + "figures/validate/", validation.figures_validate, name="figures-validate"),
    path(P + "escalations/", plans.escalations, name="escalations"),
    path(P + "escalations/add/", plans.escalation_add, name="escalation-add"),
    path(P + "escalations/<int:pk>/outcome/", plans.escalation_outcome, name="escalation-outcome"),
    path(P + "risks/<slug:risk>/review/", plans.risk_review_add, name="risk-review"),
    path("users/", users.users, name="users"),
    path("users/add/", users.user_add, name="user-add"),
    path("users/u/<str:username>/", users.user, name="user"),
    path("users/u/<str:username>/role/", users.user_role, name="user-role"),
    path("users/u/<str:username>/posts/", users.user_posts, name="user-posts"),
    path("users/u/<str:username>/active/", users.user_active, name="user-active"),
    path("users/u/<str:username>/password/", users.user_password, name="user-password"),
    path("users/u/<str:username>/programmes/", users.user_member, name="user-member"),
    path("admin/", admin.site.urls),
    path("api/", include("improvement_board.api.urls")),
]
