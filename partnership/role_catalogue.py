"""The catalogue of emerging system leadership roles, with a profile for each.

Source: SCIE, "The NHS Long Term Plan and system leadership" research for the Thames Valley
and Wessex Leadership Academy (2021), section "Integral leadership roles emerging". The
report stresses that no role is right for every system; systems pick and adapt. Every
profile below is written in Concordat's own words. Protected days are a suggested share of
the working week set aside for system work; systems change them to suit.
"""

from __future__ import annotations

SOURCE = (
    "SCIE for the Thames Valley and Wessex Leadership Academy, "
    "'The NHS Long Term Plan and system leadership' (2021)"
)

ROLES: list[dict] = [
    {
        "slug": "ics-executive-lead",
        "title": "ICS executive lead",
        "summary": "Leads the system as a whole without line authority over its partners, "
        "holding the shared vision and the collective plan.",
        "responsibilities": [
            "Bring partners together around one plan and keep it moving",
            "Speak for the system to regulators and national bodies",
            "Agree with partners which decisions sit at system, place and neighbourhood",
        ],
        "objectives": [
            "A shared vision that every partner's board has endorsed",
            "Collective delivery of the system control total and the acid-test metrics",
        ],
        "skills": [
            "Credibility across sectors, built over time",
            "Influence without formal authority",
            "Comfort with ambiguity and shared accountability",
        ],
        "protected_days": 5,
    },
    {
        "slug": "independent-chair",
        "title": "Independent chair",
        "summary": "Chairs the partnership from outside any one organisation, building "
        "relationships and a shared vision.",
        "responsibilities": [
            "Chair the partnership's main boards fairly across sectors",
            "Build trust between leaders who have no authority over one another",
            "Make the partnership democratically accountable to local people",
        ],
        "objectives": [
            "Boards where every sector's voice is heard and weighed",
            "A shared vision that partners and the public recognise",
        ],
        "skills": ["Convening and facilitation", "Independence and fairness", "Public presence"],
        "protected_days": 2,
    },
    {
        "slug": "joint-nhs-local-authority-post",
        "title": "Joint NHS and local authority post",
        "summary": "A role shared by the NHS and a council (for example digital, estates, "
        "workforce, children's or mental health services).",
        "responsibilities": [
            "Lead one function for both the NHS and the council",
            "Remove duplication between commissioner and provider, NHS and council",
        ],
        "objectives": ["One plan and one budget view for the function across both employers"],
        "skills": [
            "Fluency in both NHS and local government ways of working",
            "Managing two lines of accountability",
        ],
        "protected_days": 2.5,
    },
    {
        "slug": "place-chief-executive",
        "title": "Place chief executive",
        "summary": "Leads a place (usually a council area) across all its organisations and "
        "sits on the system's senior leadership team.",
        "responsibilities": [
            "Lead the place board and its integration programmes",
            "Hold geographic accountability for money, quality and performance in the place",
            "Take most decisions at place, close to residents",
        ],
        "objectives": ["Place metrics improving against other places", "A place plan partners own"],
        "skills": ["Place-based leadership", "Partnership with local government and VCSE"],
        "protected_days": 3,
    },
    {
        "slug": "system-finance-lead",
        "title": "System finance lead",
        "summary": "Takes a system-wide view of money: collects, analyses and reports every "
        "partner's finances and helps finance leads work together.",
        "responsibilities": [
            "Keep the open books: every partner's plan, actual and forecast",
            "Hold the system control total and propose transfers between partners",
            "Design risk and gain share agreements",
        ],
        "objectives": ["The system control total met", "No surprises between partners"],
        "skills": ["Financial analysis across sectors", "Trust and discretion", "Negotiation"],
        "protected_days": 3,
    },
    {
        "slug": "ics-assurance-team",
        "title": "ICS assurance team member",
        "summary": "Finance, performance or quality director helping the system assure itself "
        "alongside its transformation work.",
        "responsibilities": [
            "Assure performance, quality and finance across partners",
            "Hold joint conversations with regulators about system-wide issues",
        ],
        "objectives": ["Assurance that supports change rather than working against it"],
        "skills": ["Performance and quality improvement", "Regulatory insight"],
        "protected_days": 2,
    },
    {
        "slug": "urgent-emergency-care-lead",
        "title": "Urgent and emergency care lead",
        "summary": "Leads urgent and emergency care across the whole system while each "
        "provider keeps its own responsibilities.",
        "responsibilities": [
            "Plan capacity, people and skills for urgent care across the system",
            "Run the system's urgent care improvement programme",
        ],
        "objectives": ["A&E four-hour performance", "Fewer long stays and delayed discharges"],
        "skills": ["Clinical and operational credibility", "Collective planning"],
        "protected_days": 2,
    },
    {
        "slug": "digital-lead",
        "title": "Digital and technology lead",
        "summary": "Makes sure new technology is used and embedded in clinical practice, not "
        "only installed.",
        "responsibilities": [
            "Lead shared records and digital services across partners",
            "Change the habits and culture that decide whether technology is used",
        ],
        "objectives": ["Shared records used at the point of care"],
        "skills": ["Clinical engagement", "Change management", "Information governance"],
        "protected_days": 2,
    },
    {
        "slug": "workforce-lead",
        "title": "Workforce lead",
        "summary": "Leads the people plan across partners: joint recruitment, secondments, "
        "joint posts and staff who can work across organisations.",
        "responsibilities": [
            "Lead the system's people plan",
            "Make joint posts, secondments and cross-organisation working easy",
        ],
        "objectives": ["Vacancy rate and agency share falling across partners"],
        "skills": ["Workforce planning", "HR across sectors", "Organisational development"],
        "protected_days": 2,
    },
    {
        "slug": "transformation-lead",
        "title": "Transformation lead",
        "summary": "Runs system-wide transformation and organisational development programmes.",
        "responsibilities": [
            "Run the system's integration programmes from design to delivery",
            "Build improvement capability across partners",
        ],
        "objectives": ["Integration programmes delivering their milestones and quick wins"],
        "skills": ["Programme leadership", "Improvement methods", "Co-production"],
        "protected_days": 3,
    },
    {
        "slug": "data-science-lead",
        "title": "System data science lead",
        "summary": "Knows what data to collect and how, so the system has one version of the "
        "truth about what is happening.",
        "responsibilities": [
            "Own the data contract and the metric library",
            "Publish the scorecard computed the same way for every place",
        ],
        "objectives": ["Every partner's data loaded and checked each month"],
        "skills": ["Analytics and statistics", "Data governance", "Explaining numbers plainly"],
        "protected_days": 3,
    },
    {
        "slug": "sub-system-clinical-lead",
        "title": "Sub-system clinical lead",
        "summary": "Pulls clinical leadership together at place or neighbourhood level, working "
        "with PCNs, councils, social care, mental health and the VCSE.",
        "responsibilities": [
            "Lead clinical reference work for the place or neighbourhood",
            "Make sure pathway changes have clinical sign-off before they are ratified",
        ],
        "objectives": ["Clinical voices beyond doctors in every pathway decision"],
        "skills": ["Clinical credibility", "Collaboration across professions and sectors"],
        "protected_days": 1.5,
    },
]
