"""Build reports from stored anonymous responses, and render them to PDF."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from core.charts import paired_bars, to_svg
from leadership import anonymity
from leadership.models import BoardDiagnostic, Feedback360, FrontlineReflection

COMMENT_QUESTIONS = {
    "strengths": "What they do well when leading across organisations",
    "develop": "What they could do more of, or differently",
}


def build_360_report(feedback: Feedback360) -> anonymity.Report360:
    responses = [
        anonymity.Response(
            group=r.group,
            ratings=r.answers,
            importance=r.importance,
            comments=r.comments,
            sector=r.sector_group,
            shown_apart=r.shown_apart,
            key=i,
        )
        for i, r in enumerate(feedback.responses.all())
    ]
    report = anonymity.build_360(
        feedback.framework_version.spec,
        feedback.self_answers or {},
        feedback.self_importance or {},
        responses,
        COMMENT_QUESTIONS,
    )
    if report.available:
        rows = []
        for s in report.sections:
            if s.self_score is not None:
                rows.append({"capability": s.title, "who": "You", "score": s.self_score})
            if s.others is not None:
                rows.append({"capability": s.title, "who": "Others", "score": s.others})
        summary = "; ".join(
            f"{s.title}: you {s.self_score if s.self_score is not None else 'not rated'}, "
            f"others {s.others if s.others is not None else 'not shown'}"
            for s in report.sections
        )
        report.chart = (
            to_svg(  # type: ignore[attr-defined]
                paired_bars(
                    rows,
                    category="capability",
                    series="who",
                    value="score",
                    title="Average rating (1 to 5)",
                ),
                label=f"Your ratings beside everyone else's, by capability. {summary}",
            )
            if rows
            else None
        )
    return report


def build_diagnostic_report(diagnostic: BoardDiagnostic) -> anonymity.DiagnosticReport:
    responses = [
        anonymity.BoardResponse(
            sector=r.sector_group,
            ratings=r.answers,
            today=r.shifts_today,
            wanted=r.shifts_wanted,
            comments=r.comments,
            key=i,
        )
        for i, r in enumerate(diagnostic.responses.all())
    ]
    return anonymity.build_diagnostic(
        diagnostic.enablers_version.spec, diagnostic.shifts_version.spec, responses
    )


def build_reflection_report(reflection: FrontlineReflection) -> anonymity.ReflectionReport:
    responses = [
        anonymity.Response(group="team", ratings=r.answers, comments=r.comments, key=i)
        for i, r in enumerate(reflection.responses.all())
    ]
    return anonymity.build_reflection(reflection.framework_version.spec, responses)


def render_pdf(template: str, context: dict[str, Any], request: Any = None) -> bytes:
    """HTML to PDF with WeasyPrint; charts are inline SVG, so they print as drawn."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=None).write_pdf()
