"""The PLOVER roots storyline codes, and how each maps to CAMEO and to coarser classes.

CAMEO has twenty root codes and PLOVER fifteen of the kind used here; the mapping follows the
PLOVER manual's crosswalk and picks, for each PLOVER root, the CAMEO root that holds most of
its cases. The verb dictionary may name a more specific CAMEO root for a trigger (``sign`` →
05, ``clash`` → 19, ``massacre`` → 20, ``demand`` → 10); see docs/events.md.
"""

from __future__ import annotations

PLOVER_TO_CAMEO: dict[str, str] = {
    "REQUEST": "02",  # appeal
    "AGREE": "03",  # express intent to cooperate; signing an agreement is 05 in the dictionary
    "CONSULT": "04",
    "SUPPORT": "05",  # diplomatic cooperation: praise, endorse, defend verbally
    "COOPERATE": "06",  # material cooperation
    "AID": "07",
    "YIELD": "08",
    "ACCUSE": "11",  # disapprove: criticize, accuse, sue
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",  # exhibit force posture
    "SANCTION": "16",  # reduce relations
    "COERCE": "17",
    "ASSAULT": "18",  # 19 (fight) and 20 (mass violence) come from the dictionary
}
PLOVER_ROOTS: tuple[str, ...] = tuple(PLOVER_TO_CAMEO)

COOPERATION: frozenset[str] = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD"}
)

# The CAMEO "pentaclass": 0 statements and appeals (01-02), 1 verbal cooperation (03-05),
# 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
PENTACLASS_OF_CAMEO: dict[str, int] = {
    f"{code:02d}": klass
    for klass, codes in enumerate(
        [range(1, 3), range(3, 6), range(6, 9), range(9, 14), range(14, 21)]
    )
    for code in codes
}


def cameo_root(plover: str) -> str:
    return PLOVER_TO_CAMEO[plover]


def binary_class(plover: str) -> str:
    """``cooperation`` or ``conflict``: the split of the ACE/WikiEvents-derived sets."""
    return "cooperation" if plover in COOPERATION else "conflict"


def pentaclass(plover: str) -> int:
    return PENTACLASS_OF_CAMEO[PLOVER_TO_CAMEO[plover]]
