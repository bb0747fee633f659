"""The fictional geography of the demo systems, shared by the synthetic data generator and
the web demo (``concordat demo``) so both speak of the same places and codes.

Every name and code here is invented. Codes are shaped like the real ones but drawn from
ranges no real body uses: ONS-style area codes start ``E069``, NHS ODS-style codes start
with ``Z``, and neighbourhood (primary care network sized) codes start ``ZN``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Sectors of partner organisations. The web registry uses the same codes.
SECTORS: dict[str, str] = {
    "icb": "Integrated care board",
    "acute": "Acute trust",
    "community": "Community trust",
    "mental_health": "Mental health trust",
    "ambulance": "Ambulance trust",
    "primary_care": "Primary care and PCNs",
    "local_authority": "Local authority",
    "public_health": "Public health",
    "housing": "Housing",
    "vcse": "Voluntary, community and social enterprise",
    "independent": "Independent provider",
    "police": "Police",
    "fire": "Fire and rescue",
    "education": "Education",
    "other": "Other",
}

# The five groups boards are balanced across.
SECTOR_GROUPS: dict[str, str] = {
    "nhs": "NHS",
    "local_government": "Local government",
    "vcse": "VCSE",
    "independent": "Independent sector",
    "other_public": "Other public services",
}

SECTOR_GROUP_OF: dict[str, str] = {
    "icb": "nhs",
    "acute": "nhs",
    "community": "nhs",
    "mental_health": "nhs",
    "ambulance": "nhs",
    "primary_care": "nhs",
    "local_authority": "local_government",
    "public_health": "local_government",
    "housing": "other_public",
    "vcse": "vcse",
    "independent": "independent",
    "police": "other_public",
    "fire": "other_public",
    "education": "other_public",
    "other": "other_public",
}


@dataclass(frozen=True)
class Neighbourhood:
    code: str
    name: str
    place_code: str
    # Relative size of the registered population within the system.
    population_weight: float
    # Years added to the age structure (positive: older than England).
    age_shift: float
    # Mean index of multiple deprivation decile (1 most deprived, 10 least).
    deprivation_mean: float
    gp_practice_codes: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    code: str  # ONS-style local authority code
    name: str
    council_name: str


@dataclass(frozen=True)
class Organisation:
    code: str  # ODS-style code
    name: str
    sector: str
    place_codes: tuple[str, ...]  # places served
    # Which synthetic datasets carry this organisation.
    provides_acute_care: bool = False
    has_ledger: bool = False


@dataclass(frozen=True)
class System:
    code: str  # ODS-style ICB code doubles as the system code
    slug: str
    name: str
    places: tuple[Place, ...]
    neighbourhoods: tuple[Neighbourhood, ...]
    organisations: tuple[Organisation, ...] = field(default_factory=tuple)

    def place(self, code: str) -> Place:
        return next(p for p in self.places if p.code == code)

    def neighbourhoods_of(self, place_code: str) -> tuple[Neighbourhood, ...]:
        return tuple(n for n in self.neighbourhoods if n.place_code == place_code)

    @property
    def acute_providers(self) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.provides_acute_care)

    @property
    def ledger_organisations(self) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.has_ledger)


def _practices(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i:02d}" for i in range(1, n + 1))


_KV_PLACES = (
    Place("E06900001", "Kestrel City", "Kestrel City Council"),
    Place("E06900002", "Larkmoor Coast", "Larkmoor Coast Council"),
    Place("E06900003", "Hollowdene", "Hollowdene District Council"),
)

# Kestrel City is younger and mixed; Larkmoor Coast is older and more deprived;
# Hollowdene is rural, older and comfortable.
_KV_NEIGHBOURHOODS = (
    Neighbourhood("ZN101", "Kestrel Central", "E06900001", 1.3, -6, 3.5, _practices("Z101", 4)),
    Neighbourhood("ZN102", "Kestrel Riverside", "E06900001", 1.1, -4, 4.5, _practices("Z102", 3)),
    Neighbourhood("ZN103", "Kestrel North", "E06900001", 1.0, -2, 6.0, _practices("Z103", 3)),
    Neighbourhood("ZN104", "Kestrel Parkside", "E06900001", 0.9, -1, 7.5, _practices("Z104", 3)),
    Neighbourhood("ZN105", "Kestrel East", "E06900001", 1.0, -3, 5.0, _practices("Z105", 3)),
    Neighbourhood("ZN201", "Larkmoor Harbour", "E06900002", 0.9, 7, 2.5, _practices("Z201", 3)),
    Neighbourhood("ZN202", "Larkmoor Sands", "E06900002", 0.8, 9, 3.0, _practices("Z202", 3)),
    Neighbourhood("ZN203", "Saltcote and Wyke", "E06900002", 0.7, 8, 3.5, _practices("Z203", 2)),
    Neighbourhood("ZN204", "Larkmoor Uplands", "E06900002", 0.6, 6, 4.0, _practices("Z204", 2)),
    Neighbourhood("ZN301", "Hollowdene Market", "E06900003", 0.8, 4, 7.0, _practices("Z301", 3)),
    Neighbourhood("ZN302", "Brackenford Villages", "E06900003", 0.6, 6, 8.0, _practices("Z302", 2)),
    Neighbourhood("ZN303", "Dunholm Valley", "E06900003", 0.5, 5, 7.5, _practices("Z303", 2)),
)

_ALL_KV = ("E06900001", "E06900002", "E06900003")

_KV_ORGANISATIONS = (
    Organisation("QZ1", "Kestrel Vale Integrated Care Board", "icb", _ALL_KV, has_ledger=True),
    Organisation(
        "ZR1",
        "Kestrel City Hospitals NHS Foundation Trust",
        "acute",
        ("E06900001", "E06900003"),
        provides_acute_care=True,
        has_ledger=True,
    ),
    Organisation(
        "ZR2",
        "Larkmoor and Coast Hospitals NHS Trust",
        "acute",
        ("E06900002",),
        provides_acute_care=True,
        has_ledger=True,
    ),
    Organisation(
        "ZR3", "Kestrel Vale Community Health NHS Trust", "community", _ALL_KV, has_ledger=True
    ),
    Organisation(
        "ZR4", "Vale Minds NHS Foundation Trust", "mental_health", _ALL_KV, has_ledger=True
    ),
    Organisation(
        "ZR5", "Wyvern Shires Ambulance Service NHS Trust", "ambulance", _ALL_KV, has_ledger=True
    ),
    Organisation("ZP101", "Kestrel Central Primary Care Network", "primary_care", ("E06900001",)),
    Organisation("ZP102", "Kestrel Riverside Primary Care Network", "primary_care", ("E06900001",)),
    Organisation(
        "ZP103", "Kestrel North and Parkside Primary Care Network", "primary_care", ("E06900001",)
    ),
    Organisation(
        "ZP201", "Larkmoor Harbour and Sands Primary Care Network", "primary_care", ("E06900002",)
    ),
    Organisation(
        "ZP202", "Saltcote, Wyke and Uplands Primary Care Network", "primary_care", ("E06900002",)
    ),
    Organisation("ZP301", "Hollowdene Rural Primary Care Network", "primary_care", ("E06900003",)),
    Organisation("ZP900", "Kestrel Vale GP Federation", "primary_care", _ALL_KV),
    Organisation("ZL1", "Kestrel City Council", "local_authority", ("E06900001",), has_ledger=True),
    Organisation(
        "ZL2", "Larkmoor Coast Council", "local_authority", ("E06900002",), has_ledger=True
    ),
    Organisation(
        "ZL3", "Hollowdene District Council", "local_authority", ("E06900003",), has_ledger=True
    ),
    Organisation("ZL9", "Kestrel Vale Shared Public Health Service", "public_health", _ALL_KV),
    Organisation("ZH1", "Kestrel Homes Housing Association", "housing", ("E06900001",)),
    Organisation("ZH2", "Coast and Country Housing Trust", "housing", ("E06900002", "E06900003")),
    Organisation("ZV1", "Kestrel Vale Voluntary Action", "vcse", _ALL_KV),
    Organisation("ZV2", "Larkmoor Carers Together", "vcse", ("E06900002",)),
    Organisation("ZV3", "Hollowdene Community Transport", "vcse", ("E06900003",)),
    Organisation("ZV4", "Age Well Kestrel Vale", "vcse", _ALL_KV),
    Organisation("ZV5", "Kestrel Food and Warmth Network", "vcse", ("E06900001",)),
    Organisation("ZV6", "Healthwatch Kestrel Vale", "vcse", _ALL_KV),
    Organisation("ZV7", "Larkmoor Mind and Wellbeing", "vcse", ("E06900002",)),
    Organisation("ZI1", "Harbourview Care Homes Ltd", "independent", ("E06900002",)),
    Organisation("ZI2", "Valecare Home Support Ltd", "independent", ("E06900001", "E06900003")),
    Organisation("ZI3", "Kestrel Diagnostics Partnership LLP", "independent", ("E06900001",)),
    Organisation("ZI4", "Greenholm Nursing Homes Ltd", "independent", ("E06900003",)),
    Organisation("ZI5", "Brightwater Pharmacy Group", "independent", _ALL_KV),
    Organisation("ZX1", "Kestrel Vale Constabulary", "police", _ALL_KV),
    Organisation("ZX2", "Kestrel Vale Fire and Rescue Service", "fire", _ALL_KV),
    Organisation("ZE1", "University of Kestrel", "education", _ALL_KV),
    Organisation("ZE2", "Larkmoor and Hollowdene College", "education", ("E06900002", "E06900003")),
    Organisation("ZE3", "Kestrel Vale Schools Partnership", "education", _ALL_KV),
    Organisation(
        "ZO1", "Kestrel Vale Department for Work and Pensions Partnership", "other", _ALL_KV
    ),
    Organisation("ZO2", "Kestrel Vale Local Enterprise Board", "other", _ALL_KV),
    Organisation("ZO3", "Wyvern Shires Probation Service", "other", ("E06900001", "E06900002")),
)

KESTREL_VALE = System(
    code="QZ1",
    slug="kestrel-vale",
    name="Kestrel Vale Integrated Care System",
    places=_KV_PLACES,
    neighbourhoods=_KV_NEIGHBOURHOODS,
    organisations=_KV_ORGANISATIONS,
)

# A second, small system: it makes the permission boundary visible in the demo.
_SM_PLACES = (Place("E06900011", "Saltmarsh", "Saltmarsh Borough Council"),)
_SM_NEIGHBOURHOODS = (
    Neighbourhood("ZN911", "Saltmarsh Town", "E06900011", 1.0, 2, 5.0, _practices("Z911", 2)),
    Neighbourhood("ZN912", "Saltmarsh Levels", "E06900011", 0.8, 5, 6.0, _practices("Z912", 2)),
)
_SM_ORGANISATIONS = (
    Organisation("QZ9", "Saltmarsh Integrated Care Board", "icb", ("E06900011",), has_ledger=True),
    Organisation(
        "ZR9",
        "Saltmarsh General Hospital NHS Trust",
        "acute",
        ("E06900011",),
        provides_acute_care=True,
        has_ledger=True,
    ),
    # An organisation may be a partner of several systems.
    Organisation("ZR5", "Wyvern Shires Ambulance Service NHS Trust", "ambulance", ("E06900011",)),
    Organisation(
        "ZL11", "Saltmarsh Borough Council", "local_authority", ("E06900011",), has_ledger=True
    ),
    Organisation("ZV91", "Saltmarsh Community Voice", "vcse", ("E06900011",)),
    Organisation("ZP911", "Saltmarsh Primary Care Network", "primary_care", ("E06900011",)),
)

SALTMARSH = System(
    code="QZ9",
    slug="saltmarsh",
    name="Saltmarsh Integrated Care System",
    places=_SM_PLACES,
    neighbourhoods=_SM_NEIGHBOURHOODS,
    organisations=_SM_ORGANISATIONS,
)

DEMO_SYSTEMS: tuple[System, ...] = (KESTREL_VALE, SALTMARSH)
