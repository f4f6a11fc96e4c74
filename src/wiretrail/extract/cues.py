"""The lexicon of reporting verbs and nouns, with their argument structure.

Each cue lemma belongs to one *frame*, which says where its source, its content
and (for ``tell``) its addressee sit in the dependency parse:

- ``say``: source = subject, content = clausal complement / quote / object
  ("Rakov wrote that ...", "the army announced a counterattack");
- ``tell``: like ``say``, and the object is the addressee ("told Elaph that ..."),
  which becomes the *intermediary* when it is an outlet or organisation;
- ``cite``: the object is itself a source ("Elaph cited an official who ...");
- ``ask``: content = open complement ("urged Congress to act"); object = addressee;
- ``attitude``: beliefs, wishes and stances ("wants to", "believes", "opposes");
- ``evidence``: documents and data speaking ("polls show", "the report found").

Nouns (``statement``, ``claim``, ``report``, ...) take their source from a
possessive or an "by/from" phrase and their content from a clause or "of/about".

>>> frame_of("tell", "VERB")
'tell'
>>> frame_of("statement", "NOUN")
'noun'
>>> len(VERB_FRAMES) > 300
True
"""

from __future__ import annotations

_SAY = """
say state claim assert declare announce add note explain insist argue contend maintain
suggest warn stress emphasize emphasise underscore underline acknowledge admit concede confirm
deny report write tweet retweet post blog comment remark observe reply respond answer retort
counter complain boast brag predict estimate reveal disclose indicate allege testify recall
reiterate repeat mention conclude speculate theorize theorise hint imply proclaim pronounce
affirm reaffirm aver avow attest certify swear vow pledge promise guarantee assure threaten
caution lament bemoan decry grumble gripe joke quip muse mull ponder wonder marvel exclaim
shout yell scream cry whisper mutter murmur sigh laugh chuckle sneer scoff snap bark growl
fume rage rant thunder roar seethe howl plead beg implore urge appeal announce broadcast
publish print air relay convey signal flag highlight detail describe characterize
characterise portray depict label brand dub term call name deem consider regard view
summarize summarise outline recount narrate relate recount chronicle document log list
specify clarify elaborate expound articulate voice express utter phrase word pen author
draft sign circulate leak divulge unveil publicize publicise trumpet tout hail laud praise
celebrate applaud commend welcome congratulate thank credit blame accuse charge criticize
criticise condemn denounce slam blast attack assail lambast lambaste chide rebuke scold
castigate berate fault knock ridicule mock deride dismiss reject refute rebut dispute
contest challenge question doubt query correct contradict disagree agree concur echo
second endorse back support oppose defend justify excuse rationalize rationalise apologize
apologise regret confess own disavow retract recant concede forecast project anticipate
calculate reckon gauge figure guess surmise infer deduce presume assume suppose suspect
believe think feel know realize realise understand recognize recognise see hear learn
discover find determine establish ascertain verify conclude judge decide resolve rule
acknowledge concede grant allow reckon opine editorialize editorialise preach lecture
testify depose swear inform advise counsel recommend propose suggest submit move
announce proclaim declare decree order command instruct direct demand request require
insist stipulate specify warn forewarn alert notify caution chide
"""

_TELL = """
tell inform assure reassure remind notify brief advise warn caution convince persuade
promise alert update apprise email e-mail text message call phone write
"""

_CITE = "cite quote source attribute credit reference"

_ASK = """
ask urge call implore beg plead press push encourage invite request demand order command
instruct direct tell challenge dare petition lobby exhort entreat summon
"""

_ATTITUDE = """
want wish hope fear worry expect intend plan aim seek mean desire prefer like love hate
dislike favor favour oppose support endorse back reject refuse decline agree consent offer
threaten vow pledge promise swear resolve decide choose try attempt strive vote prefer
predict doubt trust distrust suspect believe think feel consider regard see view imagine
envision envisage foresee anticipate dread welcome resent appreciate admire respect blame
praise condemn criticize criticise defend champion advocate tout favor acknowledge
recognize recognise remember forget regret rue lament mourn celebrate need demand
insist care bother struggle hesitate
"""

_EVIDENCE = """
show find indicate suggest reveal demonstrate prove confirm document detail estimate
project predict put rank rate measure record register track chart
"""

_NOUNS = """
statement remark remarks comment comments claim allegation assertion announcement warning
view belief accusation promise pledge vow denial testimony interview tweet post message
letter speech argument call demand request suggestion prediction estimate assessment analysis
opinion conclusion insistence admission confirmation acknowledgment acknowledgement threat
proposal report reports reporting account story note memo briefing press release
communique communiqué declaration proclamation notion assumption contention suspicion hope
fear concern worry expectation assurance explanation answer response reply reaction
criticism condemnation praise endorsement support opposition objection complaint charge
charges insinuation suggestion hint rumor rumour speculation word words quote quotes
quotation op-ed editorial column essay book memoir transcript document documents filing
lawsuit indictment ruling verdict finding findings survey poll polls study research data
figures estimate estimates projection forecast assessment evaluation investigation probe
review audit testimony deposition affidavit argument insistence idea plan proposal decision
position stance take thinking mind
"""

#: multi-word and prepositional cues, lower-case token sequences
PHRASE_CUES: dict[tuple[str, ...], str] = {
    ("according", "to"): "according to",
    ("in", "the", "words", "of"): "in the words of",
    ("as", "reported", "by"): "report",
    ("as", "quoted", "by"): "quote",
}

#: preposition + noun after a cue that belong to the cue: "said in a statement"
CUE_SETTINGS = frozenset(
    """statement interview post tweet message letter speech address briefing conference
    call op-ed editorial column video broadcast remarks release communique communiqué
    announcement appearance testimony hearing podcast email e-mail note memo posting
    blog rally event""".split()
)
#: platforms after "on": "wrote on X", "said on Twitter"
PLATFORMS = frozenset(
    """x twitter facebook telegram instagram youtube tiktok truth social media television
    tv radio cnn fox msnbc abc nbc cbs bbc website blog""".split()
)


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


def _build() -> dict[str, str]:
    frames: dict[str, str] = {}
    # later classes win where a verb is listed twice: the more specific frame
    for frame, block in (
        ("attitude", _ATTITUDE),
        ("evidence", _EVIDENCE),
        ("say", _SAY),
        ("ask", _ASK),
        ("tell", _TELL),
        ("cite", _CITE),
    ):
        for word in _words(block):
            frames[word] = frame
    # these say-verbs also take an addressee
    for word in ("warn", "caution", "promise", "assure", "remind", "advise", "inform"):
        frames[word] = "tell"
    return frames


VERB_FRAMES: dict[str, str] = _build()
NOUN_CUES: frozenset[str] = _words(_NOUNS)

#: verbs that head content even without being in the lexicon are scored by the model;
#: these never are cues whatever the parse says
NEVER_CUES = frozenset("be have do get go make take give put let become seem".split())


def frame_of(lemma: str, pos: str) -> str:
    """The frame of a cue lemma ("" when it is not in the lexicon)."""
    lemma = lemma.lower()
    if pos == "NOUN" or pos == "PROPN":
        return "noun" if lemma in NOUN_CUES else ""
    return VERB_FRAMES.get(lemma, "")
