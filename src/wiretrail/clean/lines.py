"""What one line of page text looks like: its shape, and the boilerplate cues it carries.

Pure functions over strings; the cleaner (``clean.text``) combines them with position.

>>> boilerplate_reason("Comments are closed.")
'comments'
>>> boilerplate_reason("The minister said the newsletter was banned in 2019, and officials agreed.")
''
>>> is_news_paragraph("Rebels took control of the airport on Saturday, the army said.")
True
>>> is_news_paragraph("Rebels took control of Aleppo's Airport")
False
"""
# ``line_key`` (re-exported from ``wiretrail.model``) is the key of boilerplate lines everywhere.

from __future__ import annotations

import re
import unicodedata

from wiretrail.model import line_key

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*\s*$")
#: scripts written without spaces: every two characters count as one word
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: cue phrases that mark a line as page furniture whatever its length
STRONG_CUES: dict[str, tuple[str, ...]] = {
    "cookies": (
        r"\b(?:uses?|use of|we use) cookies\b", r"\bcookie (?:policy|settings|preferences|consent|notice)\b",
        r"\baccept (?:all )?cookies\b", r"\byou'?re ok with this\b", r"\bopt[- ]out if you wish\b",
        r"\bby (?:continuing to )?(?:using|browsing) (?:this|our) (?:site|website)\b",
    ),
    "comments": (
        r"\bleave a (?:reply|comment)\b", r"\bcomments are closed\b", r"\bemail address will not be published\b",
        r"\brequired fields are marked\b", r"\bcancel reply\b", r"\bjoin the (?:conversation|discussion)\b",
        r"^\d+\s+comments?$", r"^(?:no|view|show|hide|add|post) (?:a |your )?comments?\b",
        r"\byou must be logged in to (?:post|comment)\b", r"\bsave my name,? email\b",
        r"^(?:comment|name|email|e-mail|website|your name|your email)\s*\*$",
    ),
    "appeal": (
        r"\bdonate (?:to|now|today)\b", r"\breaders like you\b", r"\bfor as little as [$€£]", r"^donate\b",
        r"\bsupport (?:our|independent|quality) (?:journalism|reporting|work)\b", r"\bmake a (?:donation|contribution)\b",
        r"\bbecome a (?:member|patron|supporter|paid subscriber)\b", r"\bwe rely on (?:your|reader)\b",
    ),
    "newsletter": (
        r"\b(?:subscribe|sign up|signup|register) (?:to|for) (?:our|the|a|his|her)?\b.{0,60}\bnewsletters?\b",
        r"\breceive (?:the )?latest (?:news|updates)\b", r"\bget (?:the )?latest (?:news|updates|headlines) (?:in|to|delivered)\b",
        r"\bdelivered (?:straight |directly )?to your inbox\b", r"\benter your email\b",
        r"\bthanks? (?:you )?for (?:signing up|subscribing)\b", r"\bprocessing your subscription\b",
        r"\bkeep an eye on your inbox\b",
    ),
    "copyright": (r"^(?:©|\(c\)|copyright\b)", r"\ball rights reserved\b"),
    "submit": (r"^(?:publish|submit|send us) (?:your|an?) (?:article|story|stories|news|tip|press release)s?\b",),
    "staff": (
        r"\bis a team of (?:journalists|reporters|writers|editors)\b",
        r"^(?:the )?[\w'’&.\- ]{2,60} (?:staff|news desk|editorial team|newsroom) (?:is|are) (?:a|an|the|our)\b",
        r"^about the author\b",
    ),
}

#: cues that only count on short lines, or lines that are not sentences
WEAK_CUES: dict[str, tuple[str, ...]] = {
    "related": (
        r"^(?:related|recommended|popular|trending|latest|more|top|most (?:read|popular|viewed))"
        r"(?: (?:posts?|articles?|stories|news|coverage|reads?|topics|videos|headlines|content|links))?\s*[:.]?$",
        r"^(?:read|see) (?:more|also)\b", r"^(?:also read|you (?:may|might) (?:also )?like|more from|more on|recommended for you)\b",
        r"^(?:related|read|watch|listen|see)\s*:", r"^(?:previous|next) (?:post|article|story)\b",
    ),
    "share": (
        r"^(?:share|tweet|email|print|copy link|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|pinterest"
        r"|threads|bluesky|mastodon|instagram|youtube|tiktok|flipboard|messenger|sms)"
        r"(?: (?:this|on|via|article|story|post|link))*\s*[:!]?$",
        r"\bfollow us\b", r"\bshare (?:this|on)\b", r"^like this\s*:?$", r"^follow [\w .'’&-]{2,40} on (?:google news|"
        r"twitter|x|facebook|telegram|instagram|whatsapp)\b",
    ),
    "newsletter": (r"\bnewsletters?\b", r"\bsubscribe\b", r"\bsign up\b", r"\bstay (?:updated|informed|up to date|tuned)\b"),
    "appeal": (
        r"\bhelp us\b", r"\bsupport us\b", r"\ba message from\b", r"\bdonat(?:e|ion)s?\b",
        r"\bplease (?:join|support|subscribe|consider|become)\b", r"^do you (?:rely on|value|appreciate|enjoy|like)\b",
        r"\bjoin (?:our|the) .{0,40}\bcommunity\b", r"\b(?:already a (?:member|subscriber)|dedicated reader)\b",
    ),
    "navigation": (
        r"^(?:home|menu|search|skip to (?:main )?content|back to top|log ?in|sign in|register|my account|close)$",
        r"\bclick here\b", r"\b(?:terms (?:of (?:use|service)|and conditions)|privacy policy|contact us|about us)\b",
        r"^(?:tags?|topics?|filed under|categories|keywords)\s*(?::|$)", r"\b\d+\s+min(?:ute)?s? read\b", r"^advertisement$",
        r"\b(?:app store|google play|download (?:our|the) app)\b", r"^(?:loading|please wait)\b", r"^(?:photo|video|gallery)$",
        r"^[^|]{1,30}(?: \| [^|]{1,30}){2,}$", r"^[\w .'’]{2,25}\s?:\s*https?://\S+$",
        r"^listen to (?:this )?(?:article|story|podcast)\b", r"^\d+\s*(?:mins?|minutes?)(?: read| listen)?$",
        r"^(?:updated|published|posted|last updated)\b.{0,30}\bago$", r"^(?:suggested|related) topics\s*:?$",
    ),
}



def _combined(cues: dict[str, tuple[str, ...]], only: tuple[str, ...] = (), without: tuple[str, ...] = ()) -> re.Pattern:
    """One pattern for many cue kinds; the name of the group that matched is the reason."""
    parts = [
        f"(?P<{kind}>{'|'.join(patterns)})"
        for kind, patterns in cues.items()
        if (not only or kind in only) and kind not in without
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


_STRONG_ANY = _combined(STRONG_CUES)
_STRONG_LONG = _combined(STRONG_CUES, only=("cookies", "copyright"))  # on paragraphs over 40 words
_STRONG_SPEECH = _combined(STRONG_CUES, without=("appeal", "newsletter"))  # on quoted / attributed lines
_WEAK_ANY = _combined(WEAK_CUES)
#: a quoted or attributed sentence is someone's words, never furniture
_SPEECH = re.compile(r"[\"“”«»]|\b(?:said|says|told|added|according to|stated)\b", re.IGNORECASE)

_CAPTION = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|image|picture|credit|file|video|screenshot|illustration)\b[^()]*"
    r"|[^()]*(?:/|\bvia )(?:reuters|ap|afp|getty|epa|anadolu|xinhua|ap images|shutterstock)[^()]*)\)\s*$"
    r"|^(?:photo|image|picture|caption|credit|photograph)(?: credit)?\s*:"
    r"|\b(?:getty images|ap photo|afp photo|reuters/[A-Z])"
    r"|[.!]\s*\((?-i:[A-Z][\w'’\-]*(?:[ /][A-Z][\w'’\-]*){0,4})\)\s*$",
    re.IGNORECASE,
)


def clean_line(line: str) -> str:
    """One line with invisible characters dropped and runs of white space made single."""
    line = unicodedata.normalize("NFC", _INVISIBLE.sub("", line)).replace("\u00a0", " ")
    return _SPACES.sub(" ", line).strip()


def compare_key(line: str) -> str:
    """A loose key for comparing two lines (case, accents, punctuation ignored).

    >>> compare_key("  Subscribe to The X  Newsletter! ") == compare_key("subscribe to the x newsletter")
    True
    """
    if line.isascii():  # no accents to strip (most lines: skip the per-character pass)
        text = line.lower()
    else:
        text = unicodedata.normalize("NFKD", line)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[^\W_]+", text))


def is_known(line: str, known: frozenset[str] | set[str]) -> bool:
    """LINE is in a set of known boilerplate keys: ``model.line_key`` hashes (what
    ``repeated_lines`` and the store produce) or readable ``compare_key`` keys."""
    return bool(known) and (line_key(line) in known or compare_key(line) in known)


def words(line: str) -> list[str]:
    """Words of LINE; runs of Chinese/Japanese/Thai script count one word per two characters.

    >>> len(words("Rebels took Aleppo.")), len(words("商標権侵害と判断"))
    (3, 4)
    """
    if not _UNSPACED.search(line):
        return _WORD.findall(line)
    out: list[str] = []
    for token in _WORD.findall(line):
        if _UNSPACED.search(token):
            for part in re.split(r"([\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+)", token):
                if _UNSPACED.fullmatch(part):
                    out.extend(part[i : i + 2] for i in range(0, len(part), 2))
                elif part:
                    out.append(part)
        else:
            out.append(token)
    return out


def ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line))


def is_news_paragraph(line: str) -> bool:
    """A line that reads as running text: a sentence (three words or more, ending in a full stop,
    question or exclamation mark, with a lower-case word in it), or any line of 25 words or more."""
    ws = words(line)
    n = len(ws)
    if n >= 25:
        return True
    if n >= 6 and ends_sentence(line):
        return True
    return n >= 3 and ends_sentence(line) and any(len(w) >= 3 and w.islower() for w in ws)


def is_title_shaped(line: str, max_words: int = 25) -> bool:
    """A heading-like line: a few words, starts with a capital, quote or digit, no final full stop."""
    n = len(words(line))
    return 0 < n <= max_words and not ends_sentence(line) and not line.endswith((",", ";"))


def title_case_share(line: str) -> float:
    """Share of capitalised words among words longer than three letters."""
    long_words = [w for w in words(line) if len(w) > 3]
    if not long_words:
        return 1.0 if words(line) and words(line)[0][:1].isupper() else 0.0
    return sum(w[:1].isupper() for w in long_words) / len(long_words)


def is_caption(line: str) -> bool:
    """A photo caption or credit: '(Photo: X/Reuters)' at the end, 'Photo: ...', 'Getty Images'."""
    return bool(_CAPTION.search(line))


def boilerplate_reason(line: str, lenient: bool = False) -> str:
    """The kind of page furniture LINE is ('' when it reads as article text).

    Strong cues (cookie notices, comment forms, donation appeals, newsletter sign-ups, copyright,
    staff notes) count on any line. Weak cues ('subscribe', 'read more', 'share', 'help us') count
    on short lines (12 words at most) or heading-like lines; with ``lenient`` (the page's tail,
    after the article has ended) also on sentences of up to 30 words. Quoted or attributed
    speech is never furniture by a weak cue.
    """
    if not line:
        return ""
    n = len(words(line))
    speech = bool(_SPEECH.search(line)) and n > 6
    strong = _STRONG_LONG if n > 40 else _STRONG_SPEECH if speech else _STRONG_ANY
    m = strong.search(line)
    if m:
        return m.lastgroup or ""
    if speech:
        return ""
    if n <= 12 or (n <= 20 and not ends_sentence(line)) or (lenient and n <= 30):
        m = _WEAK_ANY.search(line)
        if m:
            return m.lastgroup or ""
    return ""


def unwrap(raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (text wrapped at a fixed width, as in e-mail or PDF copies).

    A text counts as wrapped when most of its lines end close to one width (at most 100
    characters); then a line that reaches that width continues into the next line. Text copied
    from web pages (one paragraph per line) is returned unchanged.

    >>> unwrap(["Rebels advanced on Hama on Monday after taking", "Aleppo, the monitor said.", "",
    ...         "The army said it had sent reinforcements to the", "city, state media reported on Monday.",
    ...         "", "Residents fled south towards Homs overnight, and", "many shops stayed closed."])[0]
    'Rebels advanced on Hama on Monday after taking Aleppo, the monitor said.'
    """
    lengths = [len(l.rstrip()) for l in raw_lines if l.strip()]
    if len(lengths) < 6:
        return raw_lines
    width = max(lengths)
    long_lines = sum(1 for n in lengths if n >= 0.6 * width)
    if width > 100 or width < 30 or long_lines < 0.5 * len(lengths):
        return raw_lines
    # and most wide lines stop mid-sentence, the next line going on in lower case
    pairs = [(a.strip(), b.strip()) for a, b in zip(raw_lines, raw_lines[1:]) if len(a.rstrip()) >= 0.6 * width]
    open_ended = sum(1 for a, _ in pairs if not ends_sentence(a))
    lower_next = sum(1 for _, b in pairs if b[:1].islower())
    if open_ended < 0.5 * len(pairs) or lower_next < 0.3 * len(pairs):
        return raw_lines
    out: list[str] = []
    joining = False
    for line in raw_lines:
        stripped = line.strip()
        if joining and stripped:
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
        joining = bool(stripped) and len(line.rstrip()) >= 0.6 * width and not stripped.endswith(":")
    return out


_MENU_SPLIT = re.compile(r"\s{2,}|\t+|\s+[|•·]\s+")


def menu_line(line: str) -> str:
    """A menu written on one line ('Home   World   Sport', 'News | Live TV | Video') rewritten
    with ' | ' between its items, so that its shape survives the collapsing of spaces; other
    lines unchanged.

    >>> menu_line("Home  News  Economy  Sport")
    'Home | News | Economy | Sport'
    >>> menu_line("He said.  Then he left the room.")
    'He said.  Then he left the room.'
    """
    items = [i for i in _MENU_SPLIT.split(line.strip()) if i]
    if len(items) >= 3 and all(1 <= len(i.split()) <= 3 and not ends_sentence(i) for i in items):
        return " | ".join(items)
    return line


def split_lines(text: str) -> list[str]:
    """Non-empty lines (hard-wrapped text unwrapped, one-line menus marked), cleaned of invisible
    characters and extra spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return [c for c in (clean_line(menu_line(line)) for line in unwrap(text.split("\n"))) if c]
