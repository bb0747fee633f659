from __future__ import annotations

from typing import Any

SCALE = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("na", "Not seen")]
SHIFT_SCALE = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]
IMPORTANCE_SCALE = [
    ("1", "1 – not important"),
    ("2", "2"),
    ("3", "3 – important"),
    ("4", "4"),
    ("5", "5 – essential"),
]


def scales(request: Any) -> dict[str, Any]:
    """The rating scales every rating form uses."""
    return {"scale": SCALE, "shift_scale": SHIFT_SCALE, "importance_scale": IMPORTANCE_SCALE}
