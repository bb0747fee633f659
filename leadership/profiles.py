"""A self-assessment profile: the mean rating per section, and change since last time.

Self-assessment is the leader's own data, so no anonymity rules apply here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SectionScore:
    slug: str
    title: str
    score: float | None  # mean of rated items; None when every item was "not observed"
    previous: float | None
    rated: int
    items: int

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous is None:
            return None
        return round(self.score - self.previous, 2)


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def section_scores(spec: dict[str, Any], answers: dict[str, Any]) -> dict[str, float | None]:
    scores = {}
    for section in spec.get("sections", []):
        rated = [
            answers[i["slug"]]
            for i in section.get("items", [])
            if answers.get(i["slug"]) is not None
        ]
        scores[section["slug"]] = _mean(rated)
    return scores


def profile_of(assessment: Any, previous: Any | None) -> list[SectionScore]:
    spec = assessment.framework_version.spec
    now = section_scores(spec, assessment.answers)
    # The previous one may be of an older version: compare sections that kept their slug.
    before = section_scores(previous.framework_version.spec, previous.answers) if previous else {}
    out = []
    for section in spec.get("sections", []):
        items = section.get("items", [])
        out.append(
            SectionScore(
                slug=section["slug"],
                title=section["title"],
                score=now[section["slug"]],
                previous=before.get(section["slug"]),
                rated=sum(1 for i in items if assessment.answers.get(i["slug"]) is not None),
                items=len(items),
            )
        )
    return out
