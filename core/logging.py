"""Keep secrets out of logs: private rater links carry a token in their path."""

from __future__ import annotations

import logging
import re

TOKEN_PATH = re.compile(r"(/r/[a-z0-9]+/)[^/\s\"']+")


def redact(text: str) -> str:
    return TOKEN_PATH.sub(r"\1[redacted]", text)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if hasattr(record, "request"):
            # Django attaches the request; its path would be printed by some formatters.
            record.request = None
        return True
