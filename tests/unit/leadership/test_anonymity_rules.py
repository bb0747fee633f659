"""Worked examples of the anonymity rules, small enough to check by hand."""

from __future__ import annotations

import random

import pytest

from leadership.anonymity import (
    BoardResponse,
    Response,
    build_360,
    build_diagnostic,
    question_result,
)

SPEC = {
    "sections": [
        {
            "slug": "listening",
            "title": "Listening",
            "items": [{"slug": "l1", "text": "Listens"}, {"slug": "l2", "text": "Asks"}],
        }
    ]
}


def r(group, l1, l2=None, *, sector="", apart=False, key=0, comment="", importance=None):
    return Response(
        group=group,
        ratings={"l1": l1, "l2": l2},
        sector=sector,
        shown_apart=apart,
        key=key,
        comments={"c": comment} if comment else {},
        importance={"listening": importance},
    )


def test_no_report_when_fewer_than_three_besides_the_line_manager():
    report = build_360(SPEC, {}, {}, [r("line_manager", 5), r("peer", 4), r("peer", 3)], {})
    assert not report.available
    assert "Only 2 people other than your line manager" in report.reason


def test_small_groups_fold_into_other_raters_and_means_are_exact():
    rs = [
        r("peer", 4, key=1),
        r("peer", 5, key=2),
        r("peer", 3, key=3),
        r("community", 1, key=4),
        r("direct_report", 2, key=5),
        r("direct_report", 3, key=6),
    ]
    result = question_result("l1", rs)
    cells = {c.key: c for c in result.cells}
    assert set(cells) == {"peer", "other"}
    assert cells["peer"].mean == 4.0 and cells["peer"].n == 3
    assert cells["other"].mean == 2.0 and cells["other"].n == 3  # (1 + 2 + 3) / 3
    assert result.others.mean == 3.0 and result.others.n == 6
    assert cells["other"].distribution == (1, 1, 1, 0, 0)
    assert any("folded into 'Other raters'" in n for n in result.folded)


def test_a_remainder_of_one_or_two_merges_with_the_smallest_group():
    # Peers 4, reports 3, community 1: "other raters" would be 1 person, so it merges with
    # the reports, and "all raters" minus peers is the merged cell of 4, not one person.
    rs = [r("peer", 4, key=k) for k in range(4)] + [
        r("direct_report", 2, key=k) for k in range(4, 7)
    ]
    rs.append(r("community", 5, key=7))
    result = question_result("l1", rs)
    sizes = sorted(c.n for c in result.cells)
    assert sizes == [4, 4]
    assert {c.key for c in result.cells} == {"peer", "other"}


def test_not_seen_answers_are_handled_per_statement():
    rs = [
        r("peer", 4, 4, key=1),
        r("peer", 4, None, key=2),
        r("peer", 4, 4, key=3),
        r("direct_report", 2, 2, key=4),
        r("direct_report", 2, 2, key=5),
        r("direct_report", 2, 2, key=6),
    ]
    l2 = question_result("l2", rs)
    # Only 2 peers rated l2: peers fold, and the fold merges with the reports.
    assert [c.n for c in l2.cells] == [5]
    assert l2.others.n == 5


def test_partner_sectors_are_shown_only_when_each_has_three():
    partners = [r("partner", 3, sector="nhs", key=k) for k in range(3)]
    partners += [r("partner", 1, sector="local_government", key=k) for k in range(3, 6)]
    result = question_result("l1", partners)
    assert {c.label: c.mean for c in result.sectors} == {"NHS": 3.0, "Local government": 1.0}
    partners.append(r("partner", 5, sector="vcse", key=9))
    result = question_result("l1", partners)
    # VCSE alone would be 1 person: it folds, and the fold merges with the smallest sector.
    assert all(c.n >= 3 for c in result.sectors)
    assert "VCSE" not in {c.label for c in result.sectors}


def test_line_manager_apart_only_when_told():
    rs = [r("line_manager", 1, apart=True, key=0)] + [r("peer", 5, key=k) for k in range(1, 4)]
    result = question_result("l1", rs)
    assert result.apart is not None and result.apart.mean == 1.0
    told_not = [r("line_manager", 1, key=0)] + [r("peer", 5, key=k) for k in range(1, 4)]
    result = question_result("l1", told_not)
    assert result.apart is None
    assert all(c.key != "line_manager" for c in result.cells)


def test_blind_spot_and_hidden_strength_follow_the_stated_rule():
    rs = [r("peer", 3, 3, key=k) for k in range(3)]
    high_self = build_360(SPEC, {"l1": 5, "l2": 4}, {}, rs, {})
    assert high_self.sections[0].flag == "blind spot"  # self 4.5 vs others 3.0
    low_self = build_360(SPEC, {"l1": 2, "l2": 2}, {}, rs, {})
    assert low_self.sections[0].flag == "hidden strength"
    boundary = build_360(SPEC, {"l1": 3, "l2": 4}, {}, rs, {})
    assert boundary.sections[0].flag == "blind spot"  # 3.5 vs 3.0: exactly the 0.5 gap
    close = build_360(SPEC, {"l1": 3, "l2": 3}, {}, rs, {})
    assert close.sections[0].flag == ""
    assert "at least 0.5 higher" in close.rules[0]


def test_comments_carry_no_group_and_are_shuffled():
    rs = [r("peer", 3, key=k, comment=f"comment {k}") for k in range(6)]
    report = build_360(SPEC, {}, {}, rs, {"c": "What works"}, rng=random.Random(3))
    question, texts = report.comments[0]
    assert question == "What works"
    assert sorted(texts) == [f"comment {k}" for k in range(6)]
    assert texts != [f"comment {k}" for k in range(6)]


def test_importance_against_performance_marks_priorities():
    rs = [r("peer", 2, 3, key=k, importance=5) for k in range(3)]
    report = build_360(SPEC, {}, {}, rs, {})
    section = report.sections[0]
    assert section.importance.others.mean == 5.0
    assert section.priority  # important (5) but seen at 2.5


def test_diagnostic_heatmap_folds_small_sectors():
    rows = [BoardResponse("nhs", {"l1": 4, "l2": 4}, {}, {}, {}, key=k) for k in range(5)]
    rows += [
        BoardResponse("local_government", {"l1": 2, "l2": 1}, {}, {}, {}, key=k)
        for k in range(5, 8)
    ]
    rows += [BoardResponse("vcse", {"l1": 3, "l2": 3}, {}, {}, {}, key=8)]
    report = build_diagnostic(SPEC, {"sections": []}, rows)
    row = report.heatmap[0]
    # VCSE (1 member) folds; a fold of 1 merges with the smallest sector (local government,
    # 3), so the heatmap shows NHS and "Other sectors" (4 members), never VCSE alone.
    assert row.by_sector == {"nhs": 4.0, "other_sectors": row.by_sector["other_sectors"]}
    assert dict(report.sector_columns) == {"nhs": "NHS", "other_sectors": "Other sectors"}
    assert row.by_sector["other_sectors"] == pytest.approx(1.875, abs=0.01)  # (2.25 + 1.5) / 2
    assert row.all == 3.06  # l1 = 29/9 = 3.22, l2 = 26/9 = 2.89; their mean is 3.06
