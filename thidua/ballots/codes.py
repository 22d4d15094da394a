"""One-time voting codes and ballot receipts.

Codes use an alphabet without look-alike characters (no 0/O, 1/I) so that a seven-year-old
can copy one from a paper slip. Only a keyed hash of each code is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
assert len(ALPHABET) == 32
CODE_LENGTH = 8
RECEIPT_LENGTH = 8


def _key() -> bytes:
    return hashlib.sha256(b"thidua-ballot-codes:" + settings.SECRET_KEY.encode()).digest()


def _random_text(length: int) -> str:
    # 32 symbols: the low five bits of each random byte pick one without bias
    return "".join(ALPHABET[byte & 31] for byte in secrets.token_bytes(length))


def new_code() -> str:
    return _random_text(CODE_LENGTH)


def new_receipt() -> str:
    return _random_text(RECEIPT_LENGTH)


def normalize(typed: str) -> str:
    """What the voter typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


def display(code: str) -> str:
    """ABCDEFGH → ABCD-EFGH (easier to copy)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def code_hash(code: str) -> str:
    return hmac.new(_key(), normalize(code).encode(), hashlib.sha256).hexdigest()
