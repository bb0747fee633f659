"""Board balance rules, one by one, on plain seats."""

from __future__ import annotations

from partnership.balance import Seat, assess, diversity_breakdown


def seats(*specs):
    """specs: (sector_group or None, profession, capacity) tuples."""
    return [Seat(sector_group=s, profession=p, capacity=c) for s, p, c in specs]


def texts(balance):
    return [f.text for f in balance.findings]


def test_local_government_share_is_reported_in_plain_words():
    board = seats(
        *([("nhs", "manager", "partner")] * 10),
        ("local_government", "manager", "partner"),
        ("local_government", "social_worker", "partner"),
        ("vcse", "vcse", "partner"),
        ("nhs", "nurse", "partner"),
    )
    balance = assess(board, board_type="icp")
    assert "Local government holds 2 of 14 seats (14%)." in texts(balance)
    assert balance.share_of("local_government").share == 2 / 14


def test_a_dominant_sector_and_missing_vcse_are_concerns():
    board = seats(
        *([("nhs", "manager", "partner")] * 7),
        ("local_government", "manager", "partner"),
        ("nhs", "nurse", "partner"),
    )
    found = texts(assess(board, board_type="place_board"))
    assert any(t.startswith("NHS holds 8 of 9 seats (89%)") for t in found)
    assert "No voluntary, community or social enterprise voice." in found


def test_only_doctors_and_no_nursing_or_ahp_voice():
    board = seats(*([("nhs", "doctor", "partner")] * 4), *([("nhs", "gp", "partner")] * 3))
    found = texts(assess(board, board_type="clinical_reference"))
    assert "Clinical voice is only doctors: all 7 clinical members are doctors or GPs." in found
    assert "No nursing or allied health professional voice." in found
    mixed = seats(
        ("nhs", "doctor", "partner"),
        ("nhs", "nurse", "partner"),
        ("local_government", "social_worker", "partner"),
    )
    found = texts(assess(mixed, board_type="clinical_reference"))
    assert not any("only doctors" in t for t in found)
    assert "No nursing or allied health professional voice." not in found


def test_large_and_small_boards():
    large = seats(
        *([("nhs", "manager", "partner")] * 11),
        *([("local_government", "manager", "partner")] * 6),
        *([("vcse", "vcse", "partner")] * 4),
        ("nhs", "nurse", "partner"),
        ("other_public", "manager", "independent"),
    )
    assert (
        "23 members: consider a smaller executive for decisions, with this board for engagement."
        in texts(assess(large, board_type="icp"))
    )
    small = seats(("nhs", "manager", "partner"), ("local_government", "manager", "partner"))
    assert any(t.startswith("Only 2 members") for t in texts(assess(small)))


def test_lay_and_independent_members_are_counted_in_their_own_rows():
    board = seats(
        ("nhs", "manager", "partner"),
        (None, "lay_member", "lay"),
        ("nhs", "other", "independent"),
        ("local_government", "elected_member", "elected"),
    )
    balance = assess(board, board_type="icb_board")
    assert (balance.lay, balance.independent, balance.elected) == (1, 1, 1)
    assert sum(s.seats for s in balance.shares) == 4  # nobody dropped from the shares
    public = assess(seats(("nhs", "manager", "partner")), meets_in_public=True)
    assert any("No lay or independent member" in t for t in texts(public))


def test_voting_shares_differ_from_seat_shares():
    board = [
        Seat("nhs", "manager", "partner"),
        Seat("nhs", "manager", "partner", voting=False),
        Seat("vcse", "vcse", "partner"),
    ]
    balance = assess(board)
    nhs = balance.share_of("nhs")
    assert (nhs.seats, nhs.voting, round(nhs.voting_share, 2)) == (2, 1, 0.5)
    assert "1 of 3 members do not vote." in texts(balance)


def test_a_balanced_board_says_so():
    board = seats(
        *([("nhs", "manager", "partner")] * 3),
        ("nhs", "nurse", "partner"),
        *([("local_government", "manager", "partner")] * 3),
        *([("vcse", "vcse", "partner")] * 2),
        (None, "lay_member", "lay"),
    )
    found = assess(board, board_type="place_board").findings
    assert found[0].severity == "good"
    assert not [f for f in found if f.severity == "concern"]


def test_diversity_is_shown_only_when_every_shown_group_has_five():
    assert diversity_breakdown("Gender", ["Woman"] * 6 + ["Man"] * 5).rows == [
        ("Woman", 6),
        ("Man", 5),
    ]
    # Two "Non-binary" would be identifiable, and folding them into a group of 2 would not
    # help: subtracting the shown groups from the board's size would reveal them.
    withheld = diversity_breakdown("Gender", ["Woman"] * 6 + ["Man"] * 5 + ["Non-binary"] * 2)
    assert withheld.rows == [] and "fewer than 5" in withheld.withheld_reason
    folded = diversity_breakdown(
        "Gender", ["Woman"] * 6 + ["Man"] * 5 + ["Non-binary"] * 2 + [""] * 3
    )
    assert folded.rows == [("Woman", 6), ("Man", 5), ("Other or not stated", 5)]
    same = diversity_breakdown("Ethnicity", ["White British"] * 8)
    assert same.rows == [] and "every member gave the same answer" in same.withheld_reason


def test_empty_board():
    balance = assess([])
    assert balance.size == 0
    assert texts(balance) == ["No current members are recorded."]
