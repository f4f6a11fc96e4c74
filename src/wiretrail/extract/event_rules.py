"""Cue rules for ACLED sub-event types, from ACLED's own definitions.

The learned model (:mod:`event_classify`) sees few examples of the rare sub-types
(territory changes, grenades, suicide bombs, sexual violence, agreements, ...), so
a clear cue for one of them decides. Each rule is a pattern on the text and the
sub-type it signals; the first matching rule wins. Rules are written from the
definitions in ACLED's codebook, not from particular notes.

>>> rule_subtype("Rebels threw a grenade at a checkpoint.")
('Grenade', 'grenade')
>>> rule_subtype("Protesters gathered.") is None
True
"""

from __future__ import annotations

import re

_R = [
    # (sub-type, pattern) — most specific first
    ("Suicide bomb", r"\bsuicide (?:bomb|bomber|bombing|attack|vest|car)"),
    ("Sexual violence", r"\b(?:raped|rapes?|raping|sexual(?:ly)? (?:assault|abus|violence|harass))\w*"),
    ("Grenade", r"\b(?:hand[- ])?grenades?\b(?! launcher)(?!-launcher)"),
    ("Chemical weapon", r"\b(?:chemical weapon|chlorine gas|sarin|nerve agent)"),
    ("Agreement", r"\b(?:signed an? (?:\w+ )?(?:agreement|deal|accord|truce)|(?:brokered|reached|agreed (?:on|to)) an? (?:\w+ )?(?:agreement|ceasefire|truce|deal)|peace (?:deal|agreement|accord)|prisoner (?:exchange|swap))"),
    ("Headquarters or base established", r"\b(?:established|set up|opened|built|transform\w* [\w ]{0,30}into)\b[\w ]{0,30}\b(?:base|headquarters|barracks|outpost)"),
    ("Government regains territory", r"\b(?:re-?captured|regained control|retook|re-?took control|recovered control|liberated)\b"),
    ("Non-state actor overtakes territory", r"\b(?:took (?:over )?control of|seized control of|captured|overran|took over|seized)\b[\w ,'-]{0,40}\b(?:town|village|city|district|area|base|positions?|checkpoints?|airport|villages|hill|territory)"),
    ("Abduction/forced disappearance", r"\b(?:abduct\w*|kidnap\w*|forcibly disappeared|taken hostage|held hostage)"),
    ("Disrupted weapons use", r"\b(?:defused|shot down|intercepted|dismantled|seized (?:\w+ )?(?:weapons|arms|explosives|ammunition)|weapons? (?:cache|seizure)|Weapons seizure|Interception|Defusal|Disrupted)\b"),
    ("Change to group/activity", r"^\s*(?:Movement of forces|Change to group|Non-violent activity|Security measures|Other)\s*:"),
    ("Looting/property destruction", r"^\s*(?:Looting|Property destruction)\s*:|\b(?:looted|looting|pillaged|ransacked)\b"),
    ("Arrests", r"^\s*Arrests?\s*:"),
    ("Air/drone strike", r"\b(?:air ?strikes?|air[- ]raids?|drone strikes?|warplanes?|fighter jets?|aircraft (?:bombed|struck|targeted)|helicopter gunships?|airstrikes?|bombed from the air|UAV strike|armed drones?)\b"),
    ("Remote explosive/landmine/IED", r"\b(?:IEDs?|VBIEDs?|landmines?|land mines?|roadside bombs?|car bombs?|explosive devices?|magnetic bombs?|booby[- ]trap\w*|sticky bombs?|mines? (?:exploded|detonated)|(?:stepped|drove) on an? (?:\w+ )?mine)\b"),
    ("Shelling/artillery/missile attack", r"\b(?:shell(?:ed|ing|s)|mortars?|artillery|rockets?|missiles?|MLRS|howitzers?|bombardment|explosions)\b"),
]
RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (sub, re.compile(p, re.I if not p.startswith("^") else re.I | re.M)) for sub, p in _R
)
# rules precise enough to overrule the learned model; the others only break its ties
DECISIVE = frozenset(
    {
        "Suicide bomb", "Sexual violence", "Grenade", "Chemical weapon", "Agreement",
        "Headquarters or base established", "Government regains territory",
        "Non-state actor overtakes territory", "Change to group/activity", "Arrests",
        "Air/drone strike",
    }
)


def rule_subtype(text: str) -> tuple[str, str] | None:
    """(sub-type, the cue matched) of the first rule that matches ``text``, or None."""
    for sub, pattern in RULES:
        m = pattern.search(text)
        if m:
            return sub, m.group().strip().lower()
    return None


def rule_hits(text: str) -> list[str]:
    """All sub-types whose cue occurs in ``text`` (features for the learned model)."""
    return [sub for sub, pattern in RULES if pattern.search(text)]
