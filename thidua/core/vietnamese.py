"""Vietnamese text: Unicode normalisation, names, collation and dates in official form."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese alphabet order; the foreign letters f j w z are placed where Latin puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i + 1 for i, ch in enumerate(_ALPHABET)}
_DIGIT_BASE = len(_ALPHABET) + 1
# Tone marks in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Breve, circumflex and horn turn a base letter into another letter of the alphabet.
_COMBINED = {
    "\u0306": {"a": "ă"},
    "\u0302": {"a": "â", "e": "ê", "o": "ô"},
    "\u031b": {"o": "ơ", "u": "ư"},
}


def nfc(text: str | None) -> str:
    """NFC-normalise text and collapse runs of white space (incl. non-breaking) into one."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    """Lower-case text without diacritics (đ→d): for matching headings, not for storage."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d")


def name_case(text: str) -> str:
    """Proper-case a name typed all in capitals or all in lower case ("NGUYỄN VĂN AN")."""
    text = nfc(text)
    if text and (text.isupper() or text.islower()):
        return " ".join(word[:1].upper() + word[1:].lower() for word in text.split(" "))
    return text


def split_full_name(full_name: str) -> tuple[str, str]:
    """("Nguyễn Thị Minh Anh") -> ("Nguyễn Thị Minh", "Anh"): family+middle names, given name."""
    parts = nfc(full_name).split(" ")
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def _letters_and_tones(word: str) -> tuple[list[int], int]:
    ranks: list[int] = []
    tone = 0
    for base_char in unicodedata.normalize("NFD", word.lower()):
        if base_char in _TONES:
            tone = _TONES[base_char]
            continue
        if base_char in _COMBINED and ranks:
            previous = _ALPHABET[ranks[-1] - 1] if ranks[-1] <= len(_ALPHABET) else ""
            combined = _COMBINED[base_char].get(previous)
            if combined:
                ranks[-1] = _LETTER_RANK[combined]
            continue
        if unicodedata.category(base_char) == "Mn":
            continue
        if base_char in _LETTER_RANK:
            ranks.append(_LETTER_RANK[base_char])
        elif base_char.isdigit():
            ranks.append(_DIGIT_BASE + int(base_char))
        elif base_char.isalpha():
            ranks.append(_DIGIT_BASE + 10 + (ord(base_char) % 40))
    return ranks, tone


def collation_key(text: str) -> str:
    """A digits-only key that sorts Vietnamese text in dictionary order in any database.

    Letters compare first (a < ă < â < b … d < đ …); tones only break ties
    ("Anh" < "Ánh"). Fixed-width digits keep the order identical under every collation.
    """
    letters: list[str] = []
    tones: list[str] = []
    for word in nfc(text).split(" "):
        if not word:
            continue
        ranks, tone = _letters_and_tones(word)
        letters.append("".join(f"{r:02d}" for r in ranks) + "00")
        tones.append(str(tone))
    return "".join(letters) + "0" + "".join(tones)


def person_sort_key(family_middle: str, given: str) -> str:
    """Sort people the Vietnamese way: by given name, then by family and middle names."""
    return (collation_key(given) + "|" + collation_key(family_middle))[:250]


def vn_date(day: dt.date, *, place: str = "", official: bool = True) -> str:
    """'Quận 5, ngày 20 tháng 5 năm 2024'.

    In the official form (Decree 30/2020, R-FMT-1) days below 10 and months 1–2 take a
    leading zero: 'ngày 05 tháng 01 năm 2024'.
    """
    if official:
        day_s = f"{day.day:02d}"
        month_s = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    else:
        day_s, month_s = str(day.day), str(day.month)
    text = f"ngày {day_s} tháng {month_s} năm {day.year}"
    return f"{place}, {text}" if place else text


def initials(full_name: str) -> str:
    """'Nguyễn Thị Minh Anh' -> 'N.T.M. Anh' (used where a minor's full name may not appear)."""
    family_middle, given = split_full_name(full_name)
    letters = "".join(f"{w[0]}." for w in family_middle.split(" ") if w)
    return f"{letters} {given}".strip()
