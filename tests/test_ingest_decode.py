"""Decoding bytes of any common encoding (wiretrail.ingest.decode)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrail.ingest.decode import (
    BinaryContentError,
    DecodeError,
    EmptyContentError,
    canonical_codec,
    declared_in_markup,
    decode_bytes,
    detect_encoding,
)

QUOTE = "\u201cWe will respond,\u201d said the caf\u00e9 owner \u2014 na\u00efve or not, in S\u00e3o Paulo."
HTML_LATIN1_DECL = '<html><head><meta charset="iso-8859-1"><title>T</title></head><body><p>{}</p></body></html>'

CASES = [
    ("utf-8", QUOTE.encode("utf-8"), None, QUOTE),
    ("utf-8 with BOM", codecs.BOM_UTF8 + QUOTE.encode("utf-8"), None, QUOTE),
    ("utf-16 with BOM", QUOTE.encode("utf-16"), None, QUOTE),
    ("utf-16-le without BOM", QUOTE.encode("utf-16-le"), None, QUOTE),
    ("utf-16-be without BOM", QUOTE.encode("utf-16-be"), None, QUOTE),
    ("utf-32 with BOM", QUOTE.encode("utf-32"), None, QUOTE),
    ("utf-32-le without BOM", QUOTE.encode("utf-32-le"), None, QUOTE),
    ("cp1252 curly quotes and accents", QUOTE.encode("cp1252"), None, QUOTE),
    ("cp1252 declared as utf-8", QUOTE.encode("cp1252"), "utf-8", QUOTE),
    ("utf-8 declared as iso-8859-1", QUOTE.encode("utf-8"), "iso-8859-1", QUOTE),
    ("utf-8 page whose meta says iso-8859-1", HTML_LATIN1_DECL.format(QUOTE).encode("utf-8"), None,
     HTML_LATIN1_DECL.format(QUOTE)),
    ("cp1252 page whose meta says utf-8", f'<meta charset="utf-8"><p>{QUOTE}</p>'.encode("cp1252"), None,
     f'<meta charset="utf-8"><p>{QUOTE}</p>'),
    ("windows-1251 declared", "Москва заявила о перемирии.".encode("cp1251"), "windows-1251",
     "Москва заявила о перемирии."),
    ("windows-1251 in meta", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
     '<p>Дамаск</p>'.encode("cp1251"), None,
     '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Дамаск</p>'),
    ("windows-1251 undeclared", "Сирийская армия вошла в город, сообщили военные источники.".encode("cp1251"),
     None, "Сирийская армия вошла в город, сообщили военные источники."),
    ("greek undeclared", "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.".encode("cp1253"), None,
     "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία."),
    ("utf-8 with one stray cp1252 byte", (QUOTE * 3).encode("utf-8") + b" \x93end\x94", None,
     QUOTE * 3 + " \u201cend\u201d"),
    ("latin-1 declared, bytes are latin-1", "Ma\u00efd \u00e0 Gen\u00e8ve".encode("latin-1"), "latin-1",
     "Ma\u00efd \u00e0 Gen\u00e8ve"),
    ("NUL bytes removed", b"Damascus\x00 said", None, "Damascus said"),
    ("utf-7 label never honoured", b"+ADw-script+AD4-alert(1)", "utf-7", "+ADw-script+AD4-alert(1)"),
]


@pytest.mark.parametrize("name,data,declared,expected", CASES, ids=[c[0] for c in CASES])
def test_ingest_decode_encodings(name: str, data: bytes, declared: str | None, expected: str) -> None:
    assert decode_bytes(data, declared) == expected


BINARY = [
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "binary file (PNG image)"),
    (b"\xff\xd8\xff\xe0" + bytes(64), "binary file (JPEG image)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document)"),
    (b"PK\x03\x04\x14\x00" + bytes(40), "binary file (zip archive)"),
    (b"\x1f\x8b\x08\x00" + bytes(20), "binary file (gzip archive)"),
    (b"\x7fELF\x02\x01\x01" + bytes(40), "binary file (ELF executable)"),
    (b"GIF89a\x01\x00\x01\x00", "binary file (GIF image)"),
    (bytes(range(256)) * 8, "binary file (control characters)"),
    (b"abc\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\xff\xfe\x00\x00" * 20, "binary file (contains NUL bytes)"),
]


@pytest.mark.parametrize("data,reason", BINARY, ids=[r for _, r in BINARY])
def test_ingest_decode_refuses_binary(data: bytes, reason: str) -> None:
    with pytest.raises(BinaryContentError) as caught:
        decode_bytes(data)
    assert str(caught.value) == reason


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8,
                                  codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_ingest_decode_empty(data: bytes) -> None:
    with pytest.raises(EmptyContentError, match="empty file"):
        decode_bytes(data)


def test_ingest_decode_truncated_drops_partial_character() -> None:
    data = "Aleppo café".encode()[:-1]  # cut inside "é"
    assert decode_bytes(data, truncated=True) == "Aleppo caf"
    assert decode_bytes("Idlib".encode("utf-16")[:-1], truncated=True) == "Idli"


@pytest.mark.parametrize("label,codec", [
    ("ISO-8859-1", "cp1252"), ("latin1", "cp1252"), ("US-ASCII", "cp1252"), ("utf8", "utf-8"),
    ("UTF8MB4", "utf-8"), ("windows-1251", "cp1251"), ("utf-7", None), ("unicode_escape", None),
    ("rot13", None), ("no-such-charset", None), ("", None), ('"utf-8"', "utf-8"),
])
def test_ingest_decode_charset_labels(label: str, codec: str | None) -> None:
    assert canonical_codec(label) == codec


@pytest.mark.parametrize("head,label", [
    (b'<meta charset="Windows-1252">', "windows-1252"),
    (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>", "koi8-r"),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>', "iso-8859-1"),
    (b"<p>charset is a word here</p>", None),
])
def test_ingest_decode_markup_declarations(head: bytes, label: str | None) -> None:
    assert declared_in_markup(head) == label


def test_ingest_decode_detect_encoding_for_streams() -> None:
    assert detect_encoding(QUOTE.encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(QUOTE.encode("utf-8")) == "utf-8"
    assert detect_encoding(QUOTE.encode("cp1252")) == "cp1252"
    assert detect_encoding(codecs.BOM_UTF8 + b"{}") == "utf-8"


def _texts() -> st.SearchStrategy[bytes]:
    encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "cp1251",
                                 "shift_jis", "gb18030"])
    encoded = st.tuples(st.text(max_size=200), encodings).map(lambda t: t[0].encode(t[1], "replace"))
    return st.one_of(st.binary(max_size=2000), encoded,
                     st.tuples(encoded, st.binary(max_size=50)).map(lambda t: t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(data=_texts(), declared=st.sampled_from([None, "utf-8", "iso-8859-1", "utf-7", "utf-16", "shift_jis",
                                                 "x-bogus", "unicode_escape", "utf-32-be"]),
       truncated=st.booleans())
def test_ingest_decode_never_raises_anything_else(data: bytes, declared: str | None, truncated: bool) -> None:
    try:
        text = decode_bytes(data, declared, truncated=truncated)
    except DecodeError as error:
        assert str(error)
    else:
        assert isinstance(text, str) and text.strip() and "\x00" not in text


# -- real texts: the AEB benchmark's gold article bodies, encoded the ways pages arrive ----------

ROUND_TRIP_CASES: dict[str, tuple[str, str | None, bytes]] = {  # name: (codec, declared label, prefix)
    "utf-8": ("utf-8", None, b""),
    "utf-8 with BOM": ("utf-8-sig", None, b""),
    "utf-16 with BOM": ("utf-16", None, b""),
    "utf-16-le without BOM": ("utf-16-le", None, b""),
    "utf-16-be without BOM": ("utf-16-be", None, b""),
    "cp1252 undeclared": ("cp1252", None, b""),
    "cp1252 declared utf-8": ("cp1252", "utf-8", b""),
    "cp1252 under <meta charset=utf-8>": ("cp1252", None, b'<meta charset="utf-8">'),
    "utf-8 declared iso-8859-1": ("utf-8", "iso-8859-1", b""),
    "utf-8 under <meta charset=iso-8859-1>": ("utf-8", None, b'<meta charset="iso-8859-1">'),
}


def round_trip_rates(texts: list[str]) -> dict[str, tuple[int, float]]:
    """Share of texts that decode back exactly, per way of arriving (texts the codec cannot hold are left out)."""
    rates: dict[str, tuple[int, float]] = {}
    for name, (codec, declared, prefix) in ROUND_TRIP_CASES.items():
        total = right = 0
        for text in texts:
            try:
                data = prefix + text.encode(codec)
            except UnicodeEncodeError:
                continue
            if codec == "cp1252" and text.isascii():
                continue  # nothing to tell apart
            total += 1
            try:
                decoded = decode_bytes(data, declared)
            except DecodeError as error:
                decoded = f"refused: {error}"  # counted as wrong
            right += decoded == prefix.decode("ascii") + text
        rates[name] = (total, right / total if total else 1.0)
    return rates


@pytest.mark.data
def test_ingest_decode_round_trip_on_real_article_texts(shared_data) -> None:
    import json

    truth = shared_data / "extraction" / "aeb" / "ground-truth.json"
    if not truth.is_file():
        pytest.skip("extraction/aeb is not here")
    records = json.loads(truth.read_text(encoding="utf-8")).values()
    texts = [r["articleBody"] for r in records if r["articleBody"].strip()]
    rates = round_trip_rates(texts)
    for name, (total, rate) in rates.items():
        print(f"{name:40} {total:4d} texts  exact {rate:.3f}")
    assert all(rate >= 0.99 for _, rate in rates.values()), rates
