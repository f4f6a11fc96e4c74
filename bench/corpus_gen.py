"""A generator of realistic news corpora of any size, from templates of our own.

Varied stories (strikes, captures, protests, talks, displacement), outlets of several
kinds, wire copies republished whole and in part, quotes of every shape, figures,
dates and name variants; ~600 words an article on average. Deterministic for a seed.

    python bench/corpus_gen.py --articles 1000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import json
import random
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
        lambda: f"“The situation is {c(['deteriorating by the hour', 'desperate', 'out of control'])}. {c(['Families are sleeping in schools', 'Children are not going to school', 'Hospitals are running out of fuel'])},” said {PEOPLE[6][0]}, {PEOPLE[6][2]}.",
        lambda: f"Officials from {c(['both sides', 'the government and the rebels', 'the two factions'])} are expected to meet in {other} {c(['next week', 'on Monday', 'before the end of the month'])}, {c(['two diplomatic sources said', 'a mediator said', 'the foreign ministry said'])}.",
        lambda: f"The {c(['interior', 'defence', 'foreign'])} ministry accused the {group[0]} of {c(['smuggling weapons across the border', 'recruiting children', 'shelling residential areas', 'looting aid convoys'])}, a charge the group {c(['rejected', 'denied', 'did not address'])}.",
        lambda: f"The road between {town} and {other} was cut for a {c(['second', 'third', 'fourth', 'fifth'])} day, leaving {c(['convoys of food and medicine', 'hundreds of trucks', 'ambulances', 'fuel tankers'])} stranded.",
    ]
    return c(choices)()


def generate(n_articles: int, seed: int = 7, copy_share: float = 0.2, partial_share: float = 0.1) -> list[Article]:
    rng = random.Random(seed)
    start = datetime(2025, 10, 1, 6, 0)
    out: list[Article] = []
    for i in range(n_articles):
        published = start + timedelta(minutes=7 * i)
        r = rng.random()
        if out and r < copy_share:
            orig = rng.choice(out[-200:])
            outlet = rng.choice(OUTLETS)
            credit = rng.choice([f"{orig.outlet} contributed to this report.", f"Source: {orig.outlet}"])
            text = orig.text + "\n\n" + credit
            out.append(Article(f"https://{outlet.lower().replace(' ', '')}.example/{i}", outlet, orig.title, text,
                               published.isoformat()))
            continue
        story = i // 25
        ctx = {
            "town": TOWNS[story % len(TOWNS)],
            "group": GROUPS[story % len(GROUPS)],
            "person": PEOPLE[(story + i) % len(PEOPLE)],
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
            para = " ".join(_sentence(rng, ctx) for _ in range(rng.randint(1, 3)))
            paras.append(para)
            words += len(para.split())
        if out and r < copy_share + partial_share:
            orig = rng.choice(out[-200:])
            taken = orig.text.split("\n\n")[: max(2, len(orig.text.split("\n\n")) // 2)]
            paras = paras[: len(paras) // 2] + taken + [f"{orig.outlet} contributed to this report."]
        if is_wire:
            paras[0] = f"{ctx['town'].upper()}, {published:%b %d} ({outlet.split()[0]}) - " + paras[0]
        title = f"{ctx['group'][1]} fighting spreads to {ctx['town']} as toll rises to {ctx['n']}"
        out.append(Article(f"https://{outlet.lower().replace(' ', '')}.example/{i}", outlet, title,
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
