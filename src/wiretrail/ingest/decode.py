"""Bytes to text: BOMs, UTF-16/32, wrong or missing charset declarations, binary refusal.

The order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. binary magic numbers (PNG, PDF, zip, ...) and NUL patterns (UTF-16/32 without BOM, or binary);
3. valid UTF-8 (a page that *says* iso-8859-1 but is UTF-8 is UTF-8: latin-1 text almost never
   forms valid multi-byte UTF-8 sequences);
4. the declared charset (HTTP header, caller) and then ``<meta charset>`` / ``<?xml encoding?>``;
5. cp1252 for mostly-ASCII Western text, else charset-normalizer, else cp1252 with replacement.

>>> decode_bytes("café".encode("cp1252"))
'café'
>>> decode_bytes("café".encode("utf-8"), declared="iso-8859-1")
'café'
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

SAMPLE = 64 * 1024  # bytes looked at to decide an encoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# (magic at offset 0, description). Only signatures that text cannot plausibly start with.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM media"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"PAR1", "Parquet file"),
)

# Labels the web treats as windows-1252 (WHATWG Encoding Standard), and labels never honoured.
_AS_CP1252 = {"latin1", "latin_1", "iso8859_1", "iso_8859_1", "ascii", "us_ascii", "cp819", "l1",
              "iso_ir_100", "ibm819", "cp1252", "windows_1252", "x_cp1252"}
_REFUSED_CODECS = {"utf_7", "unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined",
                   "mbcs", "oem", "utf_8_sig"}  # utf-8-sig is handled by the BOM step

_META_RE = re.compile(
    rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{1,40})""", re.IGNORECASE
)
_XML_DECL_RE = re.compile(rb"""<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:\-]{1,40})["']""")
_C1_OR_CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SURROGATE_RUN = re.compile("[\udc80-\udcff]+")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_LETTERS = re.compile(rb"[A-Za-z]")
_VISIBLE_BYTE = re.compile(rb"[^\s]")
_VISIBLE = re.compile(r"[^\s\ufeff]")


class DecodeError(ValueError):
    """Bytes that are not text we can read; ``str(error)`` is the reason."""


class BinaryContentError(DecodeError):
    """The bytes are a binary file (image, archive, executable, ...)."""


class EmptyContentError(DecodeError):
    """The bytes are empty or only whitespace."""


def sniff_binary(head: bytes) -> str | None:
    """Describe ``head`` if it starts like a binary file, else ``None``.

    >>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n....")
    'PNG image'
    >>> sniff_binary(b"Hello") is None
    True
    """
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/MOV media"
    if head[:3] == b"ID3" and len(head) > 5 and head[3] in (2, 3, 4) and head[4] == 0:
        return "MP3 audio"
    if head[:2] == b"MZ" and b"PE\x00\x00" in head[:1024]:
        return "Windows executable"
    return None


def canonical_codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or ``None`` when unknown or refused.

    >>> canonical_codec("ISO-8859-1"), canonical_codec("utf8"), canonical_codec("utf-7")
    ('cp1252', 'utf-8', None)
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in ("utf8mb4", "utf8mb3", "unicode-1-1-utf-8", "x-unicode20utf8"):
        label = "utf-8"
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        return None
    name = info.name.replace("-", "_")
    if not getattr(info, "_is_text_encoding", True) or name in _REFUSED_CODECS:
        return None
    if name in _AS_CP1252:
        return "cp1252"
    return info.name


def declared_in_markup(head: bytes) -> str | None:
    """The charset a document declares in ``<meta>`` or its XML declaration (first 4 KB).

    >>> declared_in_markup(b'<html><head><meta charset="windows-1251">')
    'windows-1251'
    """
    head = head[:4096]
    match = _XML_DECL_RE.search(head) or _META_RE.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def _nul_layout(sample: bytes) -> str | None:
    """Guess UTF-16/32 without a BOM from where the NUL bytes fall."""
    n = len(sample) - len(sample) % 4
    if n < 4:
        if n == 0 and len(sample) >= 2 and len(sample) % 2 == 0:
            n = len(sample)
        else:
            return None
    sample = sample[:n]
    columns = [sample[i::4].count(0) / (n / 4) for i in range(4)] if n % 4 == 0 else []
    if columns:
        if columns[1] > 0.9 and columns[2] > 0.9 and columns[3] > 0.9 and columns[0] < 0.5:
            return "utf-32-le"
        if columns[0] > 0.9 and columns[1] > 0.9 and columns[2] > 0.9 and columns[3] < 0.5:
            return "utf-32-be"
    even = sample[0::2].count(0) / (n / 2)
    odd = sample[1::2].count(0) / (n / 2)
    # ASCII (spaces, digits, markup) in UTF-16 has a NUL high byte; CJK text has few such characters,
    # so the test is that NULs fall mostly on one side. Short samples need more evidence. The caller
    # still checks that the decoded text is plausible.
    enough = 0.05 if n >= 200 else 0.4
    if odd > enough and even <= odd / 4:
        return "utf-16-le"
    if even > enough and odd <= even / 4:
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    """Decoded text that is mostly printable (not binary read as a wide encoding)."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (
        ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")))
    return bad / len(sample) < 0.02


def _utf8(data: bytes, truncated: bool) -> str | None:
    """UTF-8, tolerating a few stray cp1252 bytes inside a clearly UTF-8 text; else ``None``."""
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    text = decoder.decode(data, final=not truncated)  # when cut, an incomplete last character is dropped
    bad = sum(len(m.group()) for m in _SURROGATE_RUN.finditer(text))
    if bad == 0:
        return text
    multibyte = len(data) - len(text)  # bytes saved by multi-byte characters: at least one each
    if multibyte >= 4 * bad:  # mostly UTF-8 with a few cp1252 bytes pasted in
        return _SURROGATE_RUN.sub(
            lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", "replace"), text
        )
    return None


def _western(data: bytes) -> str | None:
    """cp1252 when the bytes read as Western text: non-ASCII bytes mostly alone or in pairs between ASCII.

    Western European text (English news with “ ”, é, ü) has isolated high bytes; Cyrillic, Greek or
    CJK legacy encodings put them in runs (whole words), and go to charset-normalizer instead.
    """
    sample = data[:SAMPLE]
    runs = _HIGH_RUN.findall(sample)
    high = sum(map(len, runs))
    letters = len(_LETTERS.findall(sample)) + high
    short = sum(1 for run in runs if len(run) <= 2)
    if runs and (short >= 0.7 * len(runs) or high <= 0.03 * letters):
        return data.decode("cp1252", "replace")
    return None


def _normalizer(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a pinned dependency
        logger.warning("charset-normalizer is not installed; falling back to cp1252")
        return None
    best = from_bytes(data[:SAMPLE], steps=5, chunk_size=512).best()
    if best is None:
        return None
    codec = canonical_codec(best.encoding)
    if codec is None:
        return None
    text = data.decode(codec, "replace")
    return text if _plausible(text) else None


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    """The codec :func:`decode_bytes` would use for ``data`` (``'utf-8-mixed'`` never appears).

    Useful for streaming readers that decode chunk by chunk.

    >>> detect_encoding("a\\u00e9b".encode("utf-16-le"))
    'utf-16-le'
    """
    found = _bom(data)
    if found:
        return found[0]
    sample = data[:SAMPLE]
    wide = _nul_layout(sample)
    if wide:
        return wide
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 3 and error.reason == "unexpected end of data":
            return "utf-8"
    for label in (declared, declared_in_markup(sample)):
        codec = canonical_codec(label)
        if codec and not codec.startswith(("utf-8", "utf-16", "utf-32")):
            return codec
    return "cp1252"


def decode_bytes(data: bytes, declared: str | None = None, path: str = "", *, truncated: bool = False) -> str:
    """Decode ``data`` to text, whatever its encoding; raise a :class:`DecodeError` subclass if it is not text.

    ``declared`` is a charset label from outside (HTTP ``Content-Type``, a caller); it is trusted
    only when the bytes do not say otherwise. ``path`` names the input in log messages.
    ``truncated`` says the bytes were cut at a size limit (an incomplete last character is dropped).
    NUL bytes are removed from the result.

    >>> decode_bytes(codecs.BOM_UTF16_LE + "Reuters".encode("utf-16-le"))
    'Reuters'
    >>> try:
    ...     decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    ... except DecodeError as error:
    ...     print(error)
    binary file (PNG image)
    """
    if not _VISIBLE_BYTE.search(data):
        raise EmptyContentError("empty file")
    text = _decode(data, declared, path, truncated)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not _VISIBLE.search(text):
        raise EmptyContentError("empty file")
    return text


def _decode(data: bytes, declared: str | None, path: str, truncated: bool) -> str:
    found = _bom(data)
    if found:
        codec, skip = found
        data = data[skip:]
        if codec != "utf-8":
            return _wide(data, codec, truncated)
        text = _utf8(data, truncated)
        if text is not None:
            return text  # else: a UTF-8 BOM before legacy bytes (some Windows tools): go on
    what = sniff_binary(data[:1024])
    if what:
        raise BinaryContentError(f"binary file ({what})")
    sample = data[:SAMPLE]
    wide = _nul_layout(sample)
    if wide:
        text = _wide(data, wide, truncated)
        if _plausible(text):
            return text
    nuls = sample.count(0)
    if nuls > max(2, len(sample) // 100):
        raise BinaryContentError("binary file (contains NUL bytes)")
    controls = len(_C1_OR_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 20):
        raise BinaryContentError("binary file (control characters)")
    text = _utf8(data, truncated)
    if text is not None:
        return text
    for label in (declared, declared_in_markup(sample)):
        codec = canonical_codec(label)
        if codec is None or codec.startswith("utf-8"):
            continue
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            logger.debug("%s: declared charset %s does not fit the bytes", path or "<bytes>", label)
    text = _western(data) or _normalizer(data)
    if text is None:
        logger.debug("%s: no encoding fits well; reading as cp1252", path or "<bytes>")
        text = data.decode("cp1252", "replace")
    return text


def _wide(data: bytes, codec: str, truncated: bool) -> str:
    unit = 4 if "32" in codec else 2 if "16" in codec else 1
    if truncated and unit > 1:
        data = data[: len(data) - len(data) % unit]
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return data.decode(codec, "replace")
