"""The anonymity engine: what a 360 report, a board diagnostic or a team reflection may
show, computed so that no figure, alone or combined with the others shown, can be traced
to fewer than three people.

Pure Python: responses come in anonymous (no identity), figures go out. The rule, per
question (a statement, an importance question or a shift), is:

1. Take the raters who answered the question (not "not seen"). A line manager who was told
   their answers would be shown apart is shown apart and set aside; they are exempt.
2. If fewer than ``MIN_GROUP`` others answered, nothing is shown for the question.
3. Split the others into cells by group. Cells under ``MIN_GROUP`` are folded together
   into "Other raters"; if that cell is still under ``MIN_GROUP`` it is merged into the
   smallest shown cell; repeat until every cell has ``MIN_GROUP`` or more.
4. The cells partition the others, and "All other raters" is their union, so any sum or
   difference of shown figures covers a whole number of cells: at least ``MIN_GROUP``
   people, never fewer.
5. A cell is split further (partners by sector) only while it stands on its own, and the
   same folding applies to the sub-cells, which partition it.
6. Figures for a capability, a domain or the framework are means of the shown figures for
   its statements, so they reveal nothing the statement figures do not.

Means, ranges and distributions are all computed per cell, so they obey the same rule.
Comments are shown without group, in an order that does not follow submission.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import mean, pstdev
from typing import Any

MIN_GROUP = 3

GROUP_LABELS = {
    "line_manager": "Line manager",
    "peer": "Peers",
    "partner": "Partners in other organisations",
    "direct_report": "Direct reports",
    "community": "Community members and people who use services",
}
SECTOR_LABELS = {
    "nhs": "NHS",
    "local_government": "Local government",
    "vcse": "VCSE",
    "independent": "Independent sector",
    "other_public": "Other public services",
    "lay_independent": "Lay and independent members",
}
OTHER_RATERS = "other"
ALL_OTHERS = "all"
APART = "line_manager_apart"

BLIND_SPOT_RULE = (
    "A blind spot is a capability you rated at least 0.5 higher than everyone else did; a "
    "hidden strength is one others rated at least 0.5 higher than you did."
)
BLIND_SPOT_GAP = 0.5
PRIORITY_RULE = (
    "A development priority is a capability others rate important (4 or more of 5) but "
    "see less of (under 3.5 of 5)."
)


@dataclass(frozen=True)
class Response:
    """One anonymous response. ``key`` is an opaque index used only by tests."""

    group: str
    ratings: dict[str, int | None] = field(default_factory=dict)
    importance: dict[str, int | None] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    sector: str = ""
    shown_apart: bool = False
    key: int = 0


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    n: int
    mean: float
    low: int
    high: int
    distribution: tuple[int, int, int, int, int]  # count of 1s .. 5s
    members: frozenset[int] = field(default=frozenset(), compare=False, repr=False)


@dataclass
class QuestionResult:
    question: str
    others: Cell | None
    cells: list[Cell]
    sectors: list[Cell]
    apart: Cell | None
    folded: list[str]  # plain-language notes


def _cell(key: str, label: str, pairs: Sequence[tuple[int, int]]) -> Cell:
    values = [v for _, v in pairs]
    counts = Counter(values)
    return Cell(
        key=key,
        label=label,
        n=len(values),
        mean=round(mean(values), 2),
        low=min(values),
        high=max(values),
        distribution=tuple(counts.get(i, 0) for i in range(1, 6)),  # type: ignore[arg-type]
        members=frozenset(k for k, _ in pairs),
    )


def _fold(
    groups: dict[str, list[tuple[int, int]]],
    labels: dict[str, str],
    other_key: str,
    other_label: str,
) -> tuple[list[tuple[str, str, list[tuple[int, int]]]], list[str]]:
    """Partition into cells of at least MIN_GROUP (see the module's rule, step 3)."""
    shown = [(k, labels.get(k, k), v) for k, v in groups.items() if len(v) >= MIN_GROUP]
    small = [(k, v) for k, v in groups.items() if 0 < len(v) < MIN_GROUP]
    notes = []
    other: list[tuple[int, int]] = [p for _, v in small for p in v]
    if small:
        notes.append(
            ", ".join(labels.get(k, k) for k, _ in small)
            + f": fewer than {MIN_GROUP} answers, so folded into '{other_label}'."
        )
    while other and len(other) < MIN_GROUP and shown:
        smallest = min(range(len(shown)), key=lambda i: (len(shown[i][2]), shown[i][0]))
        key, label, values = shown.pop(smallest)
        notes.append(
            f"{label}: shown together with {other_label.lower()} so that no "
            "group's answers can be worked out from the others."
        )
        other = other + values
    if other:
        shown.append((other_key, other_label, other))
    return shown, notes


def question_result(
    question: str,
    responses: Sequence[Response],
    *,
    field_name: str = "ratings",
    split_sectors: bool = True,
) -> QuestionResult:
    answered = [(r, getattr(r, field_name).get(question)) for r in responses]
    answered = [(r, v) for r, v in answered if v is not None]
    apart = [(r.key, v) for r, v in answered if r.shown_apart]
    pool = [(r, v) for r, v in answered if not r.shown_apart]
    apart_cell = _cell(APART, GROUP_LABELS["line_manager"], apart) if apart else None
    if len(pool) < MIN_GROUP:
        note = (
            f"Fewer than {MIN_GROUP} people answered this, so their answers are not shown."
            if pool
            else ""
        )
        return QuestionResult(question, None, [], [], apart_cell, [note] if note else [])
    by_group: dict[str, list[tuple[int, int]]] = {}
    for r, v in pool:
        by_group.setdefault(r.group, []).append((r.key, v))
    cells, notes = _fold(by_group, GROUP_LABELS, OTHER_RATERS, "Other raters")
    all_pairs = [(r.key, v) for r, v in pool] + apart
    others = _cell(ALL_OTHERS, "All raters", all_pairs)
    sectors: list[Cell] = []
    if split_sectors:
        partner = next((c for c in cells if c[0] == "partner"), None)
        if partner is not None:
            sector_of = {r.key: r.sector or "other_public" for r, _ in pool}
            by_sector: dict[str, list[tuple[int, int]]] = {}
            for k, v in partner[2]:
                by_sector.setdefault(sector_of[k], []).append((k, v))
            sector_cells, _ = _fold(by_sector, SECTOR_LABELS, "other_sectors", "Other sectors")
            if len(sector_cells) > 1:
                sectors = [_cell(k, label, v) for k, label, v in sector_cells]
    return QuestionResult(
        question=question,
        others=others,
        cells=[_cell(k, label, v) for k, label, v in cells],
        sectors=sectors,
        apart=apart_cell,
        folded=notes,
    )


def _mean_of(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(float(mean(present)), 2) if present else None


# ------------------------------------------------------------------------- 360 reports


@dataclass
class ItemRow:
    slug: str
    text: str
    self_score: int | None
    result: QuestionResult


@dataclass
class SectionRow:
    slug: str
    title: str
    items: list[ItemRow]
    self_score: float | None
    others: float | None
    by_cell: dict[str, float | None]
    by_sector: dict[str, float | None]
    apart: float | None
    importance: QuestionResult | None
    self_importance: int | None
    flag: str  # "blind spot" | "hidden strength" | ""
    priority: bool


@dataclass
class Report360:
    available: bool
    reason: str
    sections: list[SectionRow] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)  # cell key, label
    sector_columns: list[tuple[str, str]] = field(default_factory=list)
    comments: list[tuple[str, list[str]]] = field(default_factory=list)
    response_counts: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=lambda: [BLIND_SPOT_RULE, PRIORITY_RULE])
    overall_self: float | None = None
    overall_others: float | None = None
    has_apart: bool = False
    chart: Any = None  # set by the web tier: the self-vs-others chart as SVG


def build_360(
    spec: dict[str, Any],
    self_ratings: dict[str, int | None],
    self_importance: dict[str, int | None],
    responses: Sequence[Response],
    comment_questions: dict[str, str],
    *,
    rng: random.Random | None = None,
) -> Report360:
    """The 360 report data, or an explanation of why there is none."""
    not_line_manager = [r for r in responses if r.group != "line_manager"]
    counts = Counter(r.group for r in responses)
    if len(not_line_manager) < MIN_GROUP:
        return Report360(
            available=False,
            reason=(
                f"Only {len(not_line_manager)} people other than your line manager "
                f"answered. A report needs at least {MIN_GROUP}, so that no one's answers "
                "can be picked out. The answers are kept; if the 360 is reopened and more "
                "people answer, the report will appear."
            ),
        )
    report = Report360(available=True, reason="")
    report.response_counts = [(GROUP_LABELS[g], counts[g]) for g in GROUP_LABELS if counts[g]]
    column_keys: dict[str, str] = {}
    sector_keys: dict[str, str] = {}
    notes: list[str] = []
    for section in spec.get("sections", []):
        items = []
        for item in section.get("items", []):
            result = question_result(item["slug"], responses)
            items.append(
                ItemRow(item["slug"], item.get("text", ""), self_ratings.get(item["slug"]), result)
            )
            for c in result.cells:
                column_keys.setdefault(c.key, c.label)
            for c in result.sectors:
                sector_keys.setdefault(c.key, c.label)
            notes.extend(n for n in result.folded if n not in notes)
        importance = question_result(
            section["slug"], responses, field_name="importance", split_sectors=False
        )
        self_score = _mean_of(i.self_score for i in items)
        others = _mean_of(i.result.others.mean if i.result.others else None for i in items)
        flag = ""
        if self_score is not None and others is not None:
            if self_score - others >= BLIND_SPOT_GAP:
                flag = "blind spot"
            elif others - self_score >= BLIND_SPOT_GAP:
                flag = "hidden strength"
        imp = importance.others.mean if importance.others else None
        report.sections.append(
            SectionRow(
                slug=section["slug"],
                title=section["title"],
                items=items,
                self_score=self_score,
                others=others,
                by_cell={},
                by_sector={},
                apart=_mean_of(i.result.apart.mean if i.result.apart else None for i in items),
                importance=importance if importance.others else None,
                self_importance=self_importance.get(section["slug"]),
                flag=flag,
                priority=bool(imp is not None and others is not None and imp >= 4 and others < 3.5),
            )
        )
    report.columns = _ordered(column_keys, list(GROUP_LABELS))
    report.sector_columns = _ordered(sector_keys, list(SECTOR_LABELS))
    for row in report.sections:
        row.by_cell = {
            k: _mean_of(_cell_mean(i.result.cells, k) for i in row.items) for k, _ in report.columns
        }
        row.by_sector = {
            k: _mean_of(_cell_mean(i.result.sectors, k) for i in row.items)
            for k, _ in report.sector_columns
        }
    report.has_apart = any(row.apart is not None for row in report.sections)
    report.overall_self = _mean_of(r.self_score for r in report.sections)
    report.overall_others = _mean_of(r.others for r in report.sections)
    report.notes = notes
    report.comments = shuffled_comments(responses, comment_questions, rng=rng)
    return report


def _ordered(keys: dict[str, str], order: list[str]) -> list[tuple[str, str]]:
    """Columns in the usual order of groups or sectors, folded cells last."""
    rank = {k: i for i, k in enumerate(order)}
    return sorted(keys.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))


def _cell_mean(cells: Sequence[Cell], key: str) -> float | None:
    return next((c.mean for c in cells if c.key == key), None)


def shuffled_comments(
    responses: Sequence[Response], questions: dict[str, str], *, rng: random.Random | None = None
) -> list[tuple[str, list[str]]]:
    """Comments per question, in an order unrelated to who wrote them or when."""
    rng = rng or random.SystemRandom()
    out = []
    for key, question in questions.items():
        texts = [r.comments[key].strip() for r in responses if r.comments.get(key, "").strip()]
        rng.shuffle(texts)
        if texts:
            out.append((question, texts))
    return out


# ------------------------------------------------------------------- board diagnostics


@dataclass(frozen=True)
class BoardResponse:
    sector: str
    ratings: dict[str, int | None]
    today: dict[str, int | None]
    wanted: dict[str, int | None]
    comments: dict[str, str]
    key: int = 0


@dataclass
class HeatRow:
    slug: str
    title: str
    all: float | None
    by_sector: dict[str, float | None]

    @property
    def lower(self) -> set[str]:
        """Sectors that rate this area at least half a point below the whole board."""
        if self.all is None:
            return set()
        return {k for k, v in self.by_sector.items() if v is not None and self.all - v >= 0.5}


@dataclass
class ShiftRow:
    slug: str
    left: str
    right: str
    today: float | None
    wanted: float | None
    n: int

    @property
    def gap(self) -> float | None:
        if self.today is None or self.wanted is None:
            return None
        return round(self.wanted - self.today, 2)


@dataclass
class DiagnosticReport:
    available: bool
    reason: str
    answered: int = 0
    heatmap: list[HeatRow] = field(default_factory=list)
    sector_columns: list[tuple[str, str]] = field(default_factory=list)
    shifts: list[ShiftRow] = field(default_factory=list)
    agreed: list[tuple[str, float, float]] = field(default_factory=list)  # text, mean, spread
    disputed: list[tuple[str, float, float]] = field(default_factory=list)
    comments: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _as_responses(rows: Sequence[BoardResponse], field_name: str) -> list[Response]:
    # Sector plays the part of the group: cells are sectors, folded under MIN_GROUP.
    return [
        Response(group=r.sector or "other_public", ratings=getattr(r, field_name), key=r.key)
        for r in rows
    ]


def build_diagnostic(
    enablers: dict[str, Any],
    shifts: dict[str, Any],
    responses: Sequence[BoardResponse],
    *,
    rng: random.Random | None = None,
) -> DiagnosticReport:
    if len(responses) < MIN_GROUP:
        return DiagnosticReport(
            available=False,
            reason=f"Only {len(responses)} members answered; results need at least {MIN_GROUP}.",
            answered=len(responses),
        )
    report = DiagnosticReport(available=True, reason="", answered=len(responses))
    ratings = _as_responses(responses, "ratings")
    sector_keys: dict[str, str] = {}
    spreads: list[tuple[str, float, float]] = []
    item_results: dict[str, tuple[str, list[QuestionResult]]] = {}
    for section in enablers.get("sections", []):
        results = []
        for item in section.get("items", []):
            result = _sector_result(item["slug"], ratings)
            results.append(result)
            for c in result.cells:
                sector_keys.setdefault(c.key, c.label)
            for note in result.folded:
                if note not in report.notes:
                    report.notes.append(note)
            values = _values(item["slug"], ratings)
            if len(values) >= MIN_GROUP:
                spreads.append(
                    (
                        item.get("text", item["slug"]),
                        round(mean(values), 2),
                        round(pstdev(values), 2),
                    )
                )
        item_results[section["slug"]] = (section["title"], results)
    report.sector_columns = _ordered(sector_keys, list(SECTOR_LABELS))
    for slug, (title, results) in item_results.items():
        report.heatmap.append(
            HeatRow(
                slug=slug,
                title=title,
                all=_mean_of(r.others.mean if r.others else None for r in results),
                by_sector={
                    k: _mean_of(_cell_mean(r.cells, k) for r in results)
                    for k, _ in report.sector_columns
                },
            )
        )
    today = _as_responses(responses, "today")
    wanted = _as_responses(responses, "wanted")
    for section in shifts.get("sections", []):
        for item in section.get("items", []):
            t = question_result(item["slug"], today, split_sectors=False)
            w = question_result(item["slug"], wanted, split_sectors=False)
            report.shifts.append(
                ShiftRow(
                    slug=item["slug"],
                    left=item.get("left", ""),
                    right=item.get("right", ""),
                    today=t.others.mean if t.others else None,
                    wanted=w.others.mean if w.others else None,
                    n=t.others.n if t.others else 0,
                )
            )
    spreads.sort(key=lambda s: (s[2], s[0]))
    report.agreed = spreads[:3]
    report.disputed = sorted(spreads, key=lambda s: (-s[2], s[0]))[:3]
    comment_questions = {"board": "Anything else the board should hear"}
    report.comments = shuffled_comments(
        [Response(group="", comments=r.comments) for r in responses], comment_questions, rng=rng
    )
    return report


def _sector_result(question: str, responses: Sequence[Response]) -> QuestionResult:
    answered = [(r.key, r.ratings.get(question)) for r in responses]
    pool = [(k, v) for k, v in answered if v is not None]
    if len(pool) < MIN_GROUP:
        return QuestionResult(question, None, [], [], None, [])
    group_of = {r.key: r.group for r in responses}
    by_sector: dict[str, list[tuple[int, int]]] = {}
    for k, v in pool:
        by_sector.setdefault(group_of[k], []).append((k, v))
    cells, notes = _fold(by_sector, SECTOR_LABELS, "other_sectors", "Other sectors")
    return QuestionResult(
        question,
        _cell(ALL_OTHERS, "All members", pool),
        [_cell(k, label, v) for k, label, v in cells],
        [],
        None,
        notes,
    )


def _values(question: str, responses: Sequence[Response]) -> list[int]:
    return [v for r in responses if (v := r.ratings.get(question)) is not None]


# ------------------------------------------------------------------ frontline reflection


@dataclass
class PrincipleRow:
    slug: str
    title: str
    score: float | None
    n: int


@dataclass
class ReflectionReport:
    available: bool
    reason: str
    answered: int = 0
    principles: list[PrincipleRow] = field(default_factory=list)
    comments: list[tuple[str, list[str]]] = field(default_factory=list)


def build_reflection(
    spec: dict[str, Any], responses: Sequence[Response], *, rng: random.Random | None = None
) -> ReflectionReport:
    if len(responses) < MIN_GROUP:
        return ReflectionReport(
            available=False,
            answered=len(responses),
            reason=f"Only {len(responses)} people answered; a summary needs at least {MIN_GROUP}.",
        )
    report = ReflectionReport(available=True, reason="", answered=len(responses))
    questions: dict[str, str] = {}
    for section in spec.get("sections", []):
        scores = []
        n = 0
        for item in section.get("items", []):
            if item.get("question") and not item.get("text"):
                questions[item["slug"]] = item["question"]
                continue
            result = question_result(item["slug"], responses, split_sectors=False)
            if result.others:
                scores.append(result.others.mean)
                n = max(n, result.others.n)
            if item.get("question"):
                questions[item["slug"]] = item["question"]
        report.principles.append(
            PrincipleRow(section["slug"], section["title"], _mean_of(scores), n)
        )
    report.comments = shuffled_comments(responses, questions, rng=rng)
    return report
