"""A generator of realistic news corpora of any size, from templates of our own.

Varied stories (strikes, captures, protests, talks, displacement), outlets of several
kinds, wire copies republished whole and in part, quotes of every shape, figures,
dates and name variants; ~600 words an article on average. Deterministic for a seed.

    python bench/corpus_gen.py --articles 1000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

TOWNS = ["Sbeitla", "Thala", "Feriana", "Kasserine", "Sidi Bouzid", "Gafsa", "Tozeur", "Kairouan", "Siliana",
         "Le Kef", "Jendouba", "Beja", "Medenine", "Tataouine", "Gabes", "Kebili", "Mahdia", "Monastir"]
PROVINCES = ["Kasserine", "Sidi Bouzid", "Gafsa", "Kairouan", "Siliana", "Le Kef", "Medenine", "Gabes"]
GROUPS = [("Dorsal Liberation Front", "DLF"), ("Steppe Brigades", "SB"), ("Southern Defence Units", "SDU"),
          ("Highland Resistance Council", "HRC"), ("Oasis Guard", "OG"), ("National Salvation Army", "NSA")]
PEOPLE = [("Hedi Ouertani", "Ouertani", "the DLF commander"), ("Brahim Souissi", "Souissi", "the defence minister"),
          ("Leila Mansour", "Mansour", "the health ministry spokeswoman"), ("Karim Jaziri", "Jaziri", "the regional governor"),
          ("Amira Ben Salem", "Ben Salem", "a senior analyst at the Carthage Policy Institute"),
          ("Youssef Trabelsi", "Trabelsi", "the interior ministry spokesman"), ("Nadia Gharbi", "Gharbi", "a UN envoy"),
          ("Sami Khelifi", "Khelifi", "the head of the Highlands Monitoring Network")]
WIRES = ["Lodestar Press", "Meridian Press", "Crescent Wire"]
OUTLETS = [f"{a} {b}" for a in ("Harbor", "Coastal", "Northern", "Evening", "Capital", "Desert", "Valley", "Atlas",
                                "Morning", "Frontier") for b in ("Daily", "Times", "Post", "Herald", "Chronicle")]
VERBS_SAY = ["said", "told reporters", "said in a statement", "wrote on X", "told local radio", "confirmed",
             "warned", "added", "insisted", "claimed", "announced", "acknowledged"]


# House style: each outlet words things its own way. Without it every article would share whole
# template phrases with every other, which real independent reports do not (and which would make every
# pair a copy candidate). A word is replaced by the variant the outlet's hash picks.
HOUSE_STYLE = {w: alts for alts in (
    ("said", "stated", "noted", "told reporters"), ("killed", "slain", "left dead"), ("wounded", "injured", "hurt"),
    ("people", "persons", "residents", "individuals"), ("fighting", "combat", "violence", "hostilities"),
    ("clashes", "confrontations", "firefights", "battles"), ("fled", "left", "escaped", "abandoned"),
    ("remained", "stayed", "were still"), ("closed", "shut", "boarded up"), ("queues", "lines", "long lines"),
    ("formed", "grew", "stretched"), ("residents", "locals", "inhabitants", "townspeople"),
    ("stocked", "loaded", "filled"), ("road", "highway", "main road", "route"), ("cut", "blocked", "closed off"),
    ("leaving", "stranding", "trapping"), ("stranded", "stuck", "waiting", "idle"), ("day", "straight day", "consecutive day"),
    ("officials", "representatives", "envoys", "negotiators"), ("expected", "due", "set", "scheduled"),
    ("meet", "hold talks", "sit down", "convene"), ("accused", "charged", "blamed"), ("charge", "claim", "allegation"),
    ("group", "movement", "faction", "organisation"), ("situation", "crisis", "humanitarian situation"),
    ("protesters", "demonstrators", "marchers", "people"), ("gathered", "rallied", "assembled", "marched"),
    ("demand", "call for", "press for", "urge"), ("arrested", "detained", "held", "rounded up"),
    ("controlled", "held", "run", "dominated"), ("parts", "areas", "swathes", "districts"),
    ("since", "from"), ("also", "further", "additionally"), ("regained", "recaptured", "won back"),
    ("villages", "hamlets", "settlements", "communities"), ("around", "near", "outside", "close to"),
    ("violation", "breach", "infringement"), ("agreed", "signed", "reached", "concluded"),
    ("struck", "hit", "bombed", "targeted"), ("including", "among them", "of whom"), ("civilians", "non-combatants", "bystanders"),
    ("ministry", "department"), ("health", "public health"), ("reports", "accounts", "dispatches"),
    ("captured", "taken prisoner", "seized"), ("detained", "held", "picked up"), ("denied", "rejected", "refuted"),
    ("report", "account", "story"), ("calling", "describing", "labelling"), ("heavy", "fierce", "intense"),
    ("asked", "requested", "appealed to", "called on"), ("help", "support", "assistance", "aid"),
    ("told", "informed", "said to"), ("senior", "high-ranking", "top"), ("entered", "moved into", "pushed into"),
    ("after", "following", "in the wake of"), ("witnesses", "onlookers", "bystanders"), ("local", "regional", "area"),
    ("media", "press", "outlets", "news sites"), ("smuggling", "trafficking", "running"), ("weapons", "arms", "guns"),
    ("border", "frontier"), ("recruiting", "enlisting", "conscripting"), ("shelling", "bombarding", "firing on"),
    ("residential", "civilian", "populated"), ("areas", "neighbourhoods", "quarters", "zones"),
    ("looting", "plundering", "raiding"), ("convoys", "columns", "shipments"), ("desperate", "dire", "grim", "critical"),
    ("families", "households", "parents"), ("sleeping", "sheltering", "staying"), ("schools", "classrooms", "school buildings"),
    ("hospitals", "clinics", "medical centres"), ("running", "short"), ("begun", "started", "broke out"),
    ("began", "started", "broke out", "erupted"), ("agencies", "groups", "organisations", "charities"),
    ("state", "government", "official"), ("television", "TV", "broadcaster"), ("reported", "said", "announced"),
    ("fighters", "combatants", "gunmen"), ("main", "central", "principal"), ("old", "historic", "ancient"),
    ("grave", "serious", "flagrant", "clear", "blatant"), ("army", "military", "armed forces", "troops"),
    ("command", "leadership", "high command", "headquarters"), ("end", "close", "conclusion"),
    ("nurse", "doctor", "medic", "paramedic", "surgeon"), ("leave", "quit", "abandon", "give up"),
    ("until", "till", "before", "unless"), ("siege", "blockade", "encirclement", "cordon"), ("lifted", "ended", "raised", "broken"),
    ("demands", "conditions", "terms", "requests"), ("met", "granted", "satisfied", "accepted"),
    ("prisoners", "detainees", "captives", "hostages"), ("freed", "released", "let go", "returned"),
    ("resignation", "departure", "removal", "dismissal", "exit"), ("police", "security forces", "officers", "riot police"),
    ("south", "southern regions", "desert", "interior"), ("smugglers", "traffickers", "contraband networks", "bandits"),
    ("release", "freeing", "return"), ("offensive", "assault", "operation", "push", "attack"),
    ("bombardment", "barrage", "air strikes", "artillery fire"), ("raid", "incursion", "sweep", "operation"),
    ("ceasefire", "truce", "armistice", "cessation of hostilities"), ("accord", "agreement", "deal", "pact"),
    ("lost", "given up", "ceded", "surrendered"), ("secured", "taken", "cleared", "held"), ("evacuated", "emptied", "vacated"),
    ("several", "a number of", "some", "various"), ("dozen", "score", "handful"), ("next", "coming", "following"),
    ("week", "few days"), ("month", "season", "quarter"), ("sources", "officials", "insiders"),
    ("diplomatic", "foreign", "Western", "regional"), ("foreign", "overseas", "outside"), ("government", "cabinet", "authorities"),
    ("rival", "competing", "opposing", "hostile"), ("faction", "camp", "wing", "bloc"), ("capital", "city", "north"),
    ("drones", "unmanned aircraft", "UAVs"), ("warplanes", "jets", "fighter jets", "aircraft"), ("helicopters", "gunships", "choppers"),
    ("hundreds", "scores", "many"), ("trucks", "lorries", "vehicles"), ("ambulances", "medical vehicles", "rescue vehicles"),
    ("tankers", "trucks", "bowsers"), ("food", "flour", "grain", "supplies"), ("medicine", "drugs", "medical supplies"),
) for w in alts}


QUALIFIERS = ("embattled", "northern", "southern", "provincial", "local", "nearby", "eastern", "western", "rural",
              "contested", "besieged", "strategic", "small", "largest", "remote", "central")
ADVERBS = ("reportedly", "also", "again", "quickly", "later", "apparently", "swiftly", "briefly", "repeatedly",
           "eventually", "finally", "first", "already", "partly")


def house_style(text: str, outlet: str, rng: random.Random) -> str:
    """``text`` as ``outlet`` would word it: each listed word becomes the variant the outlet prefers, and
    the writer adds a qualifier or an adverb here and there (``rng``: the article's own choices)."""

    def pick(m: re.Match) -> str:
        word = m.group(0)
        alts = HOUSE_STYLE.get(word.lower())
        out = word
        if alts:
            # the outlet's preferred word half the time, any variant otherwise (writers differ)
            k = int.from_bytes(hashlib.blake2b(f"{outlet}|{alts[0]}".encode(), digest_size=2).digest(), "big")
            out = alts[k % len(alts)] if rng.random() < 0.5 else rng.choice(alts)
            out = out[0].upper() + out[1:] if word[0].isupper() else out
        if word in ("the", "The") and rng.random() < 0.3:
            return f"{out} {rng.choice(QUALIFIERS)}"
        if word.endswith("ed") and word[0].islower() and rng.random() < 0.3:
            return f"{rng.choice(ADVERBS)} {out}"
        return out

    return re.sub(r"[A-Za-z][A-Za-z-]*", pick, text)


@dataclass
class Article:
    url: str
    outlet: str
    title: str
    text: str
    published: str


SUBJECTS = ["fighters", "militants", "insurgents", "gunmen", "rebel units", "armed men", "troops", "soldiers",
            "police officers", "border guards", "volunteers", "local militias"]
ACTIONS = ["entered", "stormed", "shelled", "surrounded", "withdrew from", "retook", "advanced on", "attacked",
           "blockaded", "pulled back from", "raided", "patrolled"]
TIMES = ["on {day}", "overnight", "early on {day}", "late on {day}", "at dawn", "before noon", "on {day} evening",
         "in the afternoon", "after midnight", "over the weekend"]
WITNESSES = ["residents said", "witnesses told local media", "a shopkeeper said", "a local official said",
             "according to a nurse at the main hospital", "two rebel sources said", "state television reported",
             "a teacher who fled told reporters", "activists said", "a military source said"]
ADJ = ["heavy", "sporadic", "intense", "renewed", "fierce", "brief", "prolonged", "deadly", "confused", "running"]
NOUNS = ["fighting", "clashes", "exchanges of fire", "skirmishes", "battles", "shelling", "gunfire", "street fighting"]
PLACES_IN = ["the old market", "the northern districts", "the bus station", "the main hospital", "the grain silos",
             "the police headquarters", "the airport road", "the university campus", "the industrial zone",
             "the water plant", "the central square", "the border crossing"]
CONCERNS = ["bread", "fuel", "medicine", "water", "electricity", "baby formula", "cooking gas", "cash", "phone credit"]


FIRST = ["Hedi", "Brahim", "Leila", "Karim", "Amira", "Youssef", "Nadia", "Sami", "Mounir", "Salma", "Ridha", "Ines",
         "Walid", "Rania", "Fethi", "Olfa", "Anis", "Hajer", "Nabil", "Sonia", "Tarek", "Asma", "Kamel", "Yosra",
         "Moez", "Emna", "Slim", "Dorra", "Lotfi", "Wafa", "Hamza", "Samia", "Adel", "Rim", "Chokri", "Houda"]
LAST = ["Ouertani", "Souissi", "Mansour", "Jaziri", "Ben Salem", "Trabelsi", "Gharbi", "Khelifi", "Hammami", "Zouari",
        "Ayari", "Chaabane", "Dridi", "Ferchichi", "Guesmi", "Hamdi", "Jlassi", "Kefi", "Labidi", "Mejri", "Nasri",
        "Oueslati", "Riahi", "Sassi", "Tlili", "Zribi", "Baccouche", "Chebbi", "Dhaouadi", "Essid", "Feki", "Gafsi"]
ROLES = ["the defence minister", "the health ministry spokeswoman", "the regional governor", "a UN envoy",
         "the interior ministry spokesman", "a senior analyst at the Carthage Policy Institute",
         "the head of the Highlands Monitoring Network", "the mayor", "a Red Crescent coordinator",
         "the army chief of staff", "an opposition lawmaker", "the commander of the {g}"]
STATE = ["The situation is {a}", "We are {b}", "Nobody is {c}", "The {d} has {e}"]
FILL = {"a": ["deteriorating by the hour", "desperate", "out of control", "worse than in {y}", "beyond what we can handle"],
        "b": ["counting the dead", "out of medicine", "waiting for the corridor", "not leaving {t}", "ready to talk"],
        "c": ["safe in {t}", "listening to us", "answering our calls", "allowed through the checkpoints"],
        "d": ["hospital", "bakery", "water plant", "school", "market"],
        "e": ["run out of {z}", "been hit {n} times", "closed its doors", "been full since {w}"],
        "y": ["2011", "2014", "2019", "the last war", "living memory"],
        "z": ["fuel", "flour", "oxygen", "insulin", "bandages"], "w": ["Monday", "the first night", "the weekend"]}


def _fill(rng: random.Random, template: str, ctx: dict) -> str:
    out = template
    for _ in range(4):
        for key, options in FILL.items():
            out = out.replace("{" + key + "}", rng.choice(options), 1)
    return out.replace("{t}", ctx["town"]).replace("{n}", str(rng.randint(2, 30))).replace("{g}", ctx["group"][0])


def story_context(seed: int, story: int) -> dict:
    """A story's own town, armed group, people and statements (the quotes outlets share verbatim)."""
    rng = random.Random(seed * 100_003 + story)
    ctx = {"town": rng.choice(TOWNS), "group": rng.choice(GROUPS)}
    people = []
    for _ in range(4):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append((f"{first} {last}", last, rng.choice(ROLES).replace("{g}", ctx["group"][1])))
    ctx["people"] = people
    ctx["statements"] = [
        ". ".join(_fill(rng, rng.choice(STATE), ctx) for _ in range(rng.randint(1, 2))) for _ in range(5)
    ]
    return ctx


def _sentence(rng: random.Random, ctx: dict) -> str:
    town, group, person, n = ctx["town"], ctx["group"], ctx["person"], rng.randint(2, 90)
    other, prov = rng.choice(TOWNS), rng.choice(PROVINCES)
    day = ctx["day"]
    when = rng.choice(TIMES).format(day=day)
    c = rng.choice
    choices = [
        lambda: f"{c(SUBJECTS).capitalize()} of the {group[0]} ({group[1]}) {c(ACTIONS)} {c(PLACES_IN)} of {town} {when} after {c(ADJ)} {c(NOUNS)}, {c(WITNESSES)}.",
        lambda: f"{c(['Warplanes', 'Drones', 'Helicopters', 'Jets'])} struck {c(PLACES_IN)} in {other} {when}, killing at least {n} people, including {max(1, n // 3)} civilians, {c(WITNESSES)}.",
        lambda: f"The {c(['health ministry', 'civil defence', 'Red Crescent', 'regional hospital'])} said {n} people had been killed and {n * 2 + rng.randint(0, 9)} wounded in {town} since {day}.",
        lambda: f"“We will not leave {town} until {c(['our demands are met', 'the prisoners are freed', 'the army withdraws', 'the siege is lifted'])},” {person[1]} told {c(['reporters', 'local radio', 'a rally', 'the Najma Post'])} {when}.",
        lambda: f"{person[0]}, {person[2]}, said the {c(['offensive', 'raid', 'blockade', 'bombardment'])} was “a grave violation of the {c(['ceasefire', 'truce', 'accord', 'understanding'])} agreed in {other} in {c(['March', 'April', 'May', 'June', 'July'])}.”",
        lambda: f"A {c(['senior', 'regional', 'former', 'military'])} {c(['security official', 'intelligence officer', 'diplomat', 'adviser'])} told the {ctx['outlet']} that {c(['the government', 'the governor', 'the army command'])} had asked {c(['neighbouring states', 'tribal elders', 'a rival militia'])} for {c(['help', 'fighters', 'weapons', 'mediation'])}.",
        lambda: f"According to {c(['reports', 'local media', 'the Highlands Monitoring Network', 'the Observatory'])}, {c(['dozens of', 'scores of', 'several', 'around 40'])} {c(SUBJECTS)} were {c(['captured', 'killed', 'wounded', 'detained'])} near {other} in {prov} province.",
        lambda: f"The {group[1]} {c(['denied', 'rejected', 'dismissed'])} the {c(['report', 'accusation', 'claim'])}, calling it {c(['fabricated', 'baseless', 'a lie', 'propaganda'])}.",
        lambda: f"Some {n * 100:,} people have fled {town} since the {c(NOUNS)} began, {c(['aid agencies said', 'the UN said', 'the governor said'])}.",
        lambda: f"{c(['Shops', 'Schools', 'Banks', 'Pharmacies'])} remained closed and queues formed {c(['at bakeries', 'outside petrol stations', 'at cash machines'])} as residents stocked up on {c(CONCERNS)} and {c(CONCERNS)}.",
        lambda: f"{person[1]} also said that the army had {c(['regained', 'secured', 'lost', 'evacuated'])} {c(['several', 'three', 'two', 'a dozen'])} villages around {other} {when}.",
        lambda: f"The {group[1]}, {c(['backed by', 'armed by', 'allied with', 'funded by'])} {c(['a rival faction in the capital', 'smugglers in the south', 'the Steppe Brigades', 'a foreign government'])}, has controlled parts of {prov} since {rng.randint(2012, 2024)}.",
        lambda: f"{c(['Hundreds of', 'Thousands of', 'Dozens of'])} protesters gathered in {other} to demand {c(['an end to the shelling', 'the release of detainees', 'food aid', 'the governor’s resignation'])}, and police arrested {rng.randint(3, 40)} people.",
        lambda: f"“{c(ctx['statements'])},” {c(['said', 'told reporters', 'said on local radio'])} {ctx['speaker'][0]}, {ctx['speaker'][2]}.",
        lambda: f"Officials from {c(['both sides', 'the government and the rebels', 'the two factions'])} are expected to meet in {other} {c(['next week', 'on Monday', 'before the end of the month'])}, {c(['two diplomatic sources said', 'a mediator said', 'the foreign ministry said'])}.",
        lambda: f"The {c(['interior', 'defence', 'foreign'])} ministry accused the {group[0]} of {c(['smuggling weapons across the border', 'recruiting children', 'shelling residential areas', 'looting aid convoys'])}, a charge the group {c(['rejected', 'denied', 'did not address'])}.",
        lambda: f"The road between {town} and {other} was cut for a {c(['second', 'third', 'fourth', 'fifth'])} day, leaving {c(['convoys of food and medicine', 'hundreds of trucks', 'ambulances', 'fuel tankers'])} stranded.",
    ]
    # an article dwells on some sides of the story, not all: its own subset of the sentence kinds
    return choices[c(ctx["kinds"]) % len(choices)]()


def generate(n_articles: int, seed: int = 7, copy_share: float = 0.2, partial_share: float = 0.1,
             start_story: int = 0) -> list[Article]:
    """``n_articles`` articles, 25 to a story, published 7 minutes apart from 1 October 2025 (stories from
    ``start_story`` on: a later batch with its own stories starts where an earlier one would have ended)."""
    rng = random.Random(seed)
    start = datetime(2025, 10, 1, 6, 0) + timedelta(minutes=7 * 25 * start_story)
    out: list[Article] = []
    stories: dict[int, dict] = {}
    for i in range(n_articles):
        published = start + timedelta(minutes=7 * i)
        r = rng.random()
        if out and r < copy_share:
            orig = rng.choice(out[-200:])
            outlet = rng.choice(OUTLETS)
            credit = rng.choice([f"{orig.outlet} contributed to this report.", f"Source: {orig.outlet}"])
            text = orig.text + "\n\n" + credit
            out.append(Article(f"https://{outlet.lower().replace(' ', '')}.example/{seed}-{start_story}-{i}", outlet, orig.title, text,
                               published.isoformat()))
            continue
        story = start_story + i // 25
        if story not in stories:
            stories = {story: story_context(seed, story)}  # stories run one after another: keep one
        told = stories[story]
        ctx = {
            **told,
            "person": rng.choice(told["people"]),
            "speaker": rng.choice(told["people"]),
            "kinds": rng.sample(range(17), 8),
            "n": rng.randint(4, 60),
            "day": published.strftime("%A"),
            "outlet": rng.choice(OUTLETS),
        }
        is_wire = rng.random() < 0.25
        outlet = rng.choice(WIRES) if is_wire else ctx["outlet"]
        paras: list[str] = []
        words = 0
        target = rng.randint(450, 750)
        while words < target:
            para = house_style(" ".join(_sentence(rng, ctx) for _ in range(rng.randint(1, 3))), outlet, rng)
            paras.append(para)
            words += len(para.split())
        if out and r < copy_share + partial_share:
            orig = rng.choice(out[-200:])
            taken = orig.text.split("\n\n")[: max(2, len(orig.text.split("\n\n")) // 2)]
            paras = paras[: len(paras) // 2] + taken + [f"{orig.outlet} contributed to this report."]
        if is_wire:
            paras[0] = f"{ctx['town'].upper()}, {published:%b %d} ({outlet.split()[0]}) - " + paras[0]
        title = f"{ctx['group'][1]} fighting spreads to {ctx['town']} as toll rises to {ctx['n']}"
        out.append(Article(f"https://{outlet.lower().replace(' ', '')}.example/{seed}-{start_story}-{i}", outlet, title,
                           "\n\n".join(paras), published.isoformat()))
    return out


def write_jsonl(articles: list[Article], path: Path, per_file: int = 500) -> list[Path]:
    path.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(0, len(articles), per_file):
        f = path / f"part-{k // per_file:05d}.jsonl"
        with f.open("w", encoding="utf-8") as fh:
            for a in articles[k : k + per_file]:
                fh.write(json.dumps(a.__dict__, ensure_ascii=False) + "\n")
        files.append(f)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    arts = generate(args.articles, args.seed)
    files = write_jsonl(arts, args.out)
    words = sum(len(a.text.split()) for a in arts) / max(1, len(arts))
    print(f"{len(arts)} articles in {len(files)} files, {words:.0f} words on average")


if __name__ == "__main__":
    main()
