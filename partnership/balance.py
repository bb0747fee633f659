"""Representation and balance of a board, in figures and plain words.

Pure: it takes the current seats as plain data and returns figures and findings, so the
rules are easy to test and read. Thresholds are in one place (below) with the reason for
each. Sources: SCIE (2021) on "representative and balanced leadership" as an enabler of
system leadership; NHS Clinical Commissioners' "Emerging themes" on lay and non-executive
challenge and on clinical reference groups that reach beyond doctors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from analytics.geography import SECTOR_GROUPS

# --- thresholds -------------------------------------------------------------------
# A partnership board where one sector group holds more than this share of seats is
# dominated by it: the others can be outvoted on everything.
MAJORITY_SHARE = 0.6
# Local government below this share of a partnership or place board is a voice that is
# easily lost (the research heard councils felt outnumbered by the NHS).
LOW_SHARE = 0.2
# Boards this large struggle to decide; research on boards suggests 8 to 12 decide best.
LARGE_BOARD = 16
SMALL_BOARD = 5
# Gender and ethnicity are shown only where every shown group has at least this many.
DIVERSITY_MIN_GROUP = 5

# Boards that bring sectors together (where balance across sectors matters most).
PARTNERSHIP_TYPES = {
    "icp",
    "place_board",
    "system_executive",
    "icb_board",
    "neighbourhood_team",
    "design_group",
}
CLINICAL_TYPES = {"clinical_reference"}
PUBLIC_FACING_TYPES = {"icb_board", "icp", "place_board"}

CLINICAL_PROFESSIONS = {
    "doctor": "Doctors",
    "gp": "GPs",
    "nurse": "Nurses and midwives",
    "ahp": "Allied health professionals",
    "pharmacist": "Pharmacists",
    "social_worker": "Social workers",
}
MEDICAL = {"doctor", "gp"}
NURSING_AHP = {"nurse", "ahp"}

# Members without an organisation (or sitting as lay / independent / elected) are
# counted in their own rows, never silently dropped from the shares.
SEAT_GROUPS = {
    **SECTOR_GROUPS,
    "lay": "Lay members and residents",
    "independent": "Independent and non-executive members",
    "elected": "Elected members",
}


@dataclass(frozen=True)
class Seat:
    """One current seat, as plain data."""

    sector_group: str | None  # of the member's organisation, or None
    profession: str
    capacity: str  # partner | independent | lay | elected
    voting: bool = True
    is_chair: bool = False
    gender: str = ""
    ethnicity: str = ""

    @property
    def seat_group(self) -> str:
        if self.capacity in ("lay", "independent", "elected"):
            return self.capacity
        return self.sector_group or "independent"


@dataclass(frozen=True)
class Share:
    code: str
    label: str
    seats: int
    voting: int
    total: int
    total_voting: int

    @property
    def share(self) -> float:
        return self.seats / self.total if self.total else 0.0

    @property
    def voting_share(self) -> float:
        return self.voting / self.total_voting if self.total_voting else 0.0


@dataclass(frozen=True)
class Finding:
    severity: str  # concern | note | good
    text: str


@dataclass(frozen=True)
class Breakdown:
    """Counts of a personal characteristic, or the reason they are not shown."""

    title: str
    rows: list[tuple[str, int]]
    withheld_reason: str = ""


@dataclass
class BoardBalance:
    size: int
    voting: int
    shares: list[Share]
    clinical: list[tuple[str, int]]
    lay: int
    independent: int
    elected: int
    gender: Breakdown
    ethnicity: Breakdown
    findings: list[Finding] = field(default_factory=list)

    @property
    def concerns(self) -> int:
        return sum(1 for f in self.findings if f.severity == "concern")

    def share_of(self, code: str) -> Share | None:
        return next((s for s in self.shares if s.code == code), None)


def _pct(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "0%"


def diversity_breakdown(title: str, values: list[str]) -> Breakdown:
    """Counts by self-described value, shown only if every shown group has >= 5 people.

    Small groups are folded into "Other or not stated" only if that group then has at
    least 5 too; otherwise nothing is shown, since a small group could be worked out by
    subtracting the shown groups from the board's size.
    """
    counts = Counter(v.strip() or "Not stated" for v in values)
    if not values:
        return Breakdown(title, [], "No members.")
    big = {k: n for k, n in counts.items() if n >= DIVERSITY_MIN_GROUP and k != "Not stated"}
    rest = sum(counts.values()) - sum(big.values())
    if len(big) < 2 and rest == 0:
        # One group only: showing it would reveal everyone's answer.
        return Breakdown(
            title,
            [],
            f"Not shown: every member gave the same answer, so "
            f"showing it would reveal each person's {title.lower()}.",
        )
    if rest and rest < DIVERSITY_MIN_GROUP:
        return Breakdown(
            title,
            [],
            f"Not shown: some groups would have fewer than "
            f"{DIVERSITY_MIN_GROUP} people, and could be identified.",
        )
    if not big:
        return Breakdown(
            title, [], f"Not shown: no group has {DIVERSITY_MIN_GROUP} or more people."
        )
    rows = sorted(big.items(), key=lambda kv: (-kv[1], kv[0]))
    if rest:
        rows.append(("Other or not stated", rest))
    return Breakdown(title, rows)


def assess(
    seats: list[Seat], *, board_type: str = "", meets_in_public: bool = False
) -> BoardBalance:
    total = len(seats)
    total_voting = sum(1 for s in seats if s.voting)
    by_group = Counter(s.seat_group for s in seats)
    voting_by_group = Counter(s.seat_group for s in seats if s.voting)
    shares = [
        Share(code, label, by_group[code], voting_by_group[code], total, total_voting)
        for code, label in SEAT_GROUPS.items()
        if by_group[code] or code in SECTOR_GROUPS
    ]
    professions = Counter(s.profession for s in seats)
    clinical = [(label, professions[code]) for code, label in CLINICAL_PROFESSIONS.items()]
    balance = BoardBalance(
        size=total,
        voting=total_voting,
        shares=shares,
        clinical=clinical,
        lay=by_group["lay"],
        independent=by_group["independent"],
        elected=by_group["elected"],
        gender=diversity_breakdown("Gender", [s.gender for s in seats]),
        ethnicity=diversity_breakdown("Ethnicity", [s.ethnicity for s in seats]),
    )
    balance.findings = _findings(balance, professions, board_type, meets_in_public)
    return balance


def _findings(
    b: BoardBalance, professions: Counter[str], board_type: str, meets_in_public: bool
) -> list[Finding]:
    out: list[Finding] = []
    if b.size == 0:
        return [Finding("note", "No current members are recorded.")]
    partnership = board_type in PARTNERSHIP_TYPES
    clinical_total = sum(n for _, n in b.clinical)
    medical = sum(professions[p] for p in MEDICAL)
    nursing_ahp = sum(professions[p] for p in NURSING_AHP)

    if partnership:
        for share in b.shares:
            if share.code in SECTOR_GROUPS and share.share > MAJORITY_SHARE:
                out.append(
                    Finding(
                        "concern",
                        f"{share.label} holds {share.seats} of {b.size} "
                        f"seats ({_pct(share.seats, b.size)}): other partners can be "
                        "outvoted on everything.",
                    )
                )
        local = b.share_of("local_government")
        if local is not None:
            if local.seats == 0:
                out.append(
                    Finding(
                        "concern",
                        "No local government seat: councils, social care "
                        "and public health have no voice here.",
                    )
                )
            elif local.share < LOW_SHARE:
                out.append(
                    Finding(
                        "concern",
                        f"Local government holds {local.seats} of {b.size} "
                        f"seats ({_pct(local.seats, b.size)}).",
                    )
                )
        vcse = b.share_of("vcse")
        if vcse is not None and vcse.seats == 0:
            out.append(Finding("concern", "No voluntary, community or social enterprise voice."))

    if (
        clinical_total
        and medical == clinical_total
        and (board_type in CLINICAL_TYPES or clinical_total >= 3)
    ):
        out.append(
            Finding(
                "concern",
                f"Clinical voice is only doctors: all {clinical_total} "
                "clinical members are doctors or GPs.",
            )
        )
    if (partnership or board_type in CLINICAL_TYPES) and nursing_ahp == 0:
        out.append(Finding("concern", "No nursing or allied health professional voice."))
    if board_type in CLINICAL_TYPES and professions["social_worker"] == 0:
        out.append(
            Finding(
                "note",
                "No social care professional: pathways that end in social "
                "care are decided without it.",
            )
        )
    if (meets_in_public or board_type in PUBLIC_FACING_TYPES) and b.lay + b.independent == 0:
        out.append(
            Finding(
                "concern", "No lay or independent member to bring challenge and the public's view."
            )
        )
    if b.size > LARGE_BOARD:
        out.append(
            Finding(
                "concern",
                f"{b.size} members: consider a smaller executive for "
                "decisions, with this board for engagement.",
            )
        )
    elif b.size < SMALL_BOARD:
        out.append(
            Finding(
                "note",
                f"Only {b.size} member{'s' if b.size != 1 else ''}: check "
                "every partner who should be here is.",
            )
        )
    if b.voting < b.size:
        out.append(Finding("note", f"{b.size - b.voting} of {b.size} members do not vote."))
    if not any(f.severity == "concern" for f in out):
        out.insert(0, Finding("good", "No balance concerns found by Concordat's rules."))
    return out
