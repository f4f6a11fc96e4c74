"""Publication dates as pages and feeds write them, to ISO-8601 with a precision.

>>> parse_date("Published: Sunday, December 1, 2024 10:32 AM")
('2024-12-01T10:32', 'minute')
>>> parse_date("1 Dec 2024")
('2024-12-01', 'day')
>>> parse_date("2024-11-30T18:05:00+02:00")
('2024-11-30T18:05:00+02:00', 'second')
>>> parse_date("Sun, 01 Dec 2024 10:00:00 GMT")
('2024-12-01T10:00:00+00:00', 'second')
>>> parse_date("ISTANBUL Dec 02, 2024 - 11:48 am GMT+3")
('2024-12-02T11:48', 'minute')
>>> parse_date("Publié le 18 octobre 2025 à 18h00")
('2025-10-18T18:00', 'minute')
>>> parse_date("the army said") is None
True
"""

from __future__ import annotations

import logging
import re
from email.utils import parsedate_to_datetime

log = logging.getLogger(__name__)

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),  # fmt: skip
        start=1,
    )
    for m in names
}
# month names of the other languages news pages are often in (French, Spanish, German, Italian,
# Portuguese): a date line is read whatever the page's language
MONTHS.update(
    {
        m: i
        for i, names in enumerate(
            (
                ("janvier", "enero", "januar", "gennaio", "janeiro"), ("février", "fevrier", "febrero", "februar", "febbraio", "fevereiro"),
                ("mars", "marzo", "märz", "marz", "março"), ("avril", "abril", "aprile"), ("mai", "mayo", "maggio", "maio"),
                ("juin", "junio", "juni", "giugno", "junho"), ("juillet", "julio", "juli", "luglio", "julho"),
                ("août", "aout", "agosto"), ("septembre", "septiembre", "settembre", "setembro"),
                ("octobre", "octubre", "oktober", "ottobre", "outubro"), ("novembre", "noviembre", "noviembre", "novembro"),
                ("décembre", "decembre", "diciembre", "dezember", "dicembre", "dezembro"),
            ),  # fmt: skip
            start=1,
        )
        for m in names
    }
)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:\s*(?:[,|•·\-–—]|at|à|um|a las|alle|às)?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b|\s*(?:UTC|GMT)[+-]?\d*)?)?"
_PREFIX = (
    r"^\s*(?:(?:first |last )?(?:published|updated|posted|modified|date)(?: on| at)?\s*:?\s*"
    r"|(?:posted|published|updated)\s+"
    r"|(?:publié|mis à jour|publicado|actualizado|veröffentlicht|aktualisiert|pubblicato|aggiornato)(?: le| el| am| il| em| en)?\s*:?\s*"
    r"|(?-i:[A-Z]{3,}(?: [A-Z]{3,})?),?\s+)?"  # a place in capitals before the date ("ISTANBUL Dec 02, 2024")
)
_MDY = re.compile(_PREFIX + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})" + _TIME + r"\s*$", re.I)
_DMY = re.compile(_PREFIX + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})" + _TIME + r"\s*$", re.I)
_ISO = re.compile(
    _PREFIX + r"(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?)\s*$", re.I
)


def parse_date(text: str) -> tuple[str, str] | None:
    """``(iso, precision)`` for a line that is only a date (with an optional time), else None."""
    text = " ".join(text.split())
    if not text or len(text) > 80:
        return None
    m = _ISO.match(text)
    if m:
        iso = m.group("iso").replace(" ", "T")
        if "T" not in iso:
            return iso, "day"
        return iso, "second" if re.search(r"T\d{2}:\d{2}:\d{2}", iso) else "minute"
    if re.match(r"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}", text):
        try:
            return parsedate_to_datetime(text).isoformat(), "second"
        except (TypeError, ValueError):
            log.debug("not an RFC 2822 date: %r; trying other forms", text)
    for pattern in (_MDY, _DMY):
        m = pattern.match(text)
        if m:
            day, year = int(m.group("day")), int(m.group("year"))
            month = MONTHS[m.group("month").lower()]
            if not 1 <= day <= 31:
                return None
            iso = f"{year:04d}-{month:02d}-{day:02d}"
            if m.group("hour") is None:
                return iso, "day"
            hour, minute = int(m.group("hour")), int(m.group("minute"))
            ampm = (m.group("ampm") or "").replace(".", "").lower()
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            if hour > 23 or minute > 59:
                return iso, "day"
            return f"{iso}T{hour:02d}:{minute:02d}", "minute"
    return None
