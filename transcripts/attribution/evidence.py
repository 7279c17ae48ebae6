"""Evidence: points for and against each person having said each turn."""

import re
from collections import Counter
from dataclasses import replace

from transcripts.attribution.addressing import (
    CHAIR_ADDRESSES,
    GREETING,
    GUEST_SIDE_THANKS,
    HANDOVER_PHRASES,
    QUESTION,
    REACTIONS,
    REPLIES_TO_THANKS,
    THANKS,
    answering,
    asks_them_why,
    called,
    hands_over_to,
    is_introduced,
    moderates_the_floor,
    newcomers_called,
    opening_sentences,
    praises,
    presents_someone_else,
    tells_them_what_they_did,
    thanked_at_start,
    thanks_as_a_guest,
    told_to_yield,
    turn_ending,
)
from transcripts.attribution.cast import HOST_SLOT, Cast, Person, is_titled
from transcripts.attribution.game import add_game
from transcripts.attribution.introductions import INTRO_TRIGGER
from transcripts.attribution.mentions import JOINED, TO_THE_AUDIENCE, Mention, TurnFacts
from transcripts.attribution.names import (
    BACKCHANNEL,
    HOST,
    I_AM,
    IS_TITLE_WORD,
    JUDGES,
    MODERATOR,
    SUBSTANTIAL,
    ends_by_asking,
    is_listening,
    word_count,
)
from transcripts.attribution.style import CONTENT_WORD

# Points for (+) and against (-) a person having said a turn. Their sizes are
# set against the rhythm costs further down and against MARGIN: a clue worth
# less than MARGIN can only tip a turn when the rhythm agrees.
SELF_INTRODUCTION = 10.0
HOST_WORK = 4.0  # introducing people, reading listeners, the phone number, goodbyes
HANDS_OVER = 3.0  # a question put to someone by name
ASKS = 1.5  # the turn ends with a question
LISTENS = 1.5  # "Hmm." "Yeah." while someone else talks
MONOLOGUE = -1.0  # a long turn with none of the host's work in it, a point each LONG_ANSWER words
LONG_ANSWER = 60  # words
GREETS_BACK = -6.0  # "Thanks for having me, Alexis": not the host
ADDRESSED = 6.0  # named at the end of the previous turn
# "John, in addition to ..., is there ...?": a long question put to the one it opens
# by speaking to; less sure than a name at its end (a long turn may hold two speakers'
# words where the source missed a change).
ASKED_AT_THE_START = 1.5
ADDRESSED_BY_EMPLOYER = 3.0  # "aside from your essay, Mother Jones ..."
THANKED = 5.0  # "Thank you, Pam." opening the next turn
PEER = 3.0  # "Joe, you ...": said by the other of two people the chair calls by title
ANSWERS = 4.0  # "Justice Ginsburg, I think ...": she spoke the turn before
TURNED_AWAY = -2.0  # the host turns to John: the guest before was not John
TOLD_TO_WAIT = -2.0  # "Let him finish, Mister President.": the next turn is not the President's
OWN_NAME = -3.0
OWN_TITLE = -1.5
NOT_YET_ON = -2.0  # a guest before being introduced (a teaser clip is possible)
CALLER_NOT_ON = -8.0
FROM_THE_FLOOR = 6.0  # a question asked right after the floor was opened to questions
GONE = -4.0
NOT_THE_STATION = -8.0  # a guest reading the station's credits or underwriting
NOT_MODERATING = -4.0  # a moderator's turn without a moderator's work
REPEATED = 8.0
# A co-host shares the host's work, but the host runs the show: half the points.
CO_HOST_SHARE = 0.5
CO_HOST_ANSWERS = -2.0  # a co-host answering the question put to the panellists

HOST_WORK_PHRASES = re.compile(
    r"\b(?:writes|wrote\s+in|listeners?|emails?\s+(?:us|in)|tweets|the\s+number\s+is\s+(?:\d[\s.-]?){7}"
    r"|give\s+us\s+a\s+call|email\s+address|stay\s+tuned|when\s+we\s+(?:get|come)\s+back"
    r"|we['’]ll\s+be\s+right\s+back|you['’]re\s+listening\s+to|coming\s+up(?!\s+with)|let['’]s\s+(?:bring\s+in|go\s+to)"
    r"|welcome\s+back|on\s+the\s+line|who(?:'s|’s|\s+is)\s+(?:calling|this(?=\s*\?))"
    r"|for\s+(?:joining|calling(?:\s+in)?|your\s+call"
    r"|being\s+(?:with\s+us|here))|(?:this|that)\s+concludes\s+(?:our|this|today['’]s|tonight['’]s))\b",
    re.IGNORECASE,
)
# The station's words, read by the host or an announcer, never a guest's: underwriting
# ("Support for X comes from ...") anywhere, the credits ("X is produced by ...", "Our
# engineer is ...") in the closing turns (a guest's album "was produced by" someone).
UNDERWRITING = re.compile(r"\bsupport\s+for\s+[\w'’ ]{1,40}?\s+comes\s+from\b", re.IGNORECASE)
CREDITS = re.compile(
    r"\b(?:(?:is|was)\s+produced\s+by|our\s+(?:senior\s+|executive\s+|associate\s+)?"
    r"producers?\s+(?:is|are)|our\s+(?:technical\s+director|engineer|director)\s+"
    r"(?:and\s+engineer\s+)?is)\b",
    re.IGNORECASE,
)
CLOSING_TURNS = 3


def reads_for_the_station(facts: list[TurnFacts], t: int) -> bool:
    text = facts[t].text
    closing = t >= len(facts) - CLOSING_TURNS
    return bool(UNDERWRITING.search(text) or (closing and CREDITS.search(text)))


QUESTIONER_THANKS = re.compile(r"\bfor\s+taking\s+my\s+(?:call|questions?)\b", re.IGNORECASE)
# A turn that only thanks: "Thank you.", "Okay, thanks so much."
BARE_THANKS = re.compile(
    r"(?:(?:ok(?:ay)?|well|all\s+right|yes|great),?\s+)?thank(?:s|\s+you)(?:\s+(?:very|so)\s+much)?[.!]?",
    re.IGNORECASE,
)
# "Hi, Alexis." greets the host back; "Good evening, and thank you all for joining" and
# "Hey, everyone." are a host's or moderator's greeting to the audience.
GREETS_HOST = re.compile(
    r"^(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b"
    rf"(?!{TO_THE_AUDIENCE})",
    re.I,
)
# "you" said to someone; "you know" is a filler.
SECOND_PERSON = re.compile(r"\b(?:your|you['’]re|you(?!\s+know\b))\b", re.IGNORECASE)


def gather_evidence(
    facts: list[TurnFacts], cast: Cast, held: dict[int, list[range]] | None = None
) -> list[list[float]]:
    """Points per turn (row) per person (column, index into cast.people); ``held``:
    person -> the turns they hold the floor (floor.floors)."""
    scores = [[0.0] * len(cast.people) for _ in facts]
    for p, person in enumerate(cast.people):
        for t in person.introduced_self:
            if p != HOST_SLOT:  # the host's are counted with the host's work
                scores[t][p] += SELF_INTRODUCTION
    panel = is_panel(cast)
    chaired = is_chaired(facts)
    arrivals = {t for person in cast.people[1:] for t in person.introduced_self}
    pointing = without_first_names_in_a_field(facts, cast) if chaired else facts
    granting = grants_the_floor_asked_for(facts, cast)
    for t, fact in enumerate(facts):
        guess = t > 0 and is_a_guess(facts[t - 1], fact)
        answers = panel and answers_the_panel(facts, t)
        grants = granting[t]
        as_guest = thanks_as_a_guest(facts, t)
        points = host_points(
            fact, t, cast, guess=guess, answers=answers, grants=grants, thanks_as_guest=as_guest
        )
        if chaired and points <= ASKS and cast.host.role != MODERATOR and not addresses(fact):
            points = UNCHAIRED
        scores[t][HOST_SLOT] += points
        for p in cast.co_hosts:
            share = host_points(
                fact,
                t,
                cast,
                p,
                guess=guess,
                answers=answers,
                grants=grants,
                thanks_as_guest=as_guest,
            )
            scores[t][p] += share if cast.people[p].chairs else CO_HOST_SHARE * share
            if answers:  # the question was put to the panellists
                scores[t][p] += CO_HOST_ANSWERS
        named: dict[int, float] = {}
        for mention in fact.mentions:
            if mention.person == HOST_SLOT and " " in mention.said:
                continue  # hosts say their own full name all the time
            if names_oneself(fact, mention):
                # "Hi, I'm Dana.": a first name given oneself, of someone the cast
                # knows by full name (a full one counts with the introductions).
                if t not in cast.people[mention.person].introduced_self:
                    named[mention.person] = SELF_INTRODUCTION
                continue
            points = OWN_NAME if mention.kind == "name" else OWN_TITLE
            # Once a turn: a story may quote someone saying the teller's name twice.
            named[mention.person] = min(named.get(mention.person, 0.0), points)
        for person, points in named.items():
            scores[t][person] += points
        if reads_for_the_station(facts, t):
            for p in range(1, len(cast.people)):
                if p not in cast.co_hosts:
                    scores[t][p] += NOT_THE_STATION
        # "...and Jon Calhoun." finishing "With us are our hosts, Johnny Boursiquot..."
        # after Johnny's "Hello.": an introduction, though its words are two turns back.
        finishing = (
            {p for p, person in enumerate(cast.people) if person.introduced_in == t}
            if resumes(fact)
            else set()
        )
        point_at_next_turn(
            pointing,
            scores,
            t,
            held or {},
            arriving=t in arrivals,
            chaired=chaired,
            introduced=finishing,
        )
        point_at_previous_turn(pointing, scores, t, chaired=chaired)
    point_at_cited_turns(facts, scores)
    if chaired:
        point_at_peers(facts, scores, cast)
    add_comings_and_goings(facts, scores, cast)
    add_game(facts, scores)
    for p, person in enumerate(cast.people):
        if person.asks_from_the_floor:
            for t in range(len(facts)):
                asks = t in person.asks_from_the_floor
                scores[t][p] += FROM_THE_FLOOR if asks else CALLER_NOT_ON
    return scores


CHAIRED_TURNS, CHAIRED_SHARE = 8, 20  # turns keeping order, and one turn in 20: a chair runs it
UNCHAIRED = -1.0  # a chair's turn without a chair's work, or a bare question or "Yeah."


def is_chaired(facts: list[TurnFacts]) -> bool:
    """Whether someone keeps order among the speakers all along (a debate's moderator,
    a hearing's chair): their turns then show it, and one that does not is less
    likely theirs."""
    chairing = sum(moderates_the_floor(turn_edges(fact)) for fact in facts)
    return chairing >= max(CHAIRED_TURNS, len(facts) // CHAIRED_SHARE)


def addresses(fact: TurnFacts) -> bool:
    """Whether a turn speaks to someone by name, title or "sir": where someone chairs,
    their questions do ("Mister President, ...?"); a bare "With what?" or "Yeah." is
    as likely anyone's who cut in."""
    return any(m.vocative for m in fact.mentions) or CHAIR_ADDRESSES.search(fact.text) is not None


# "Can I say something about that?", "Could I just respond?", "May I jump in here?": someone
# asking for the floor; "You may.", "Sure, go ahead.", "Please.": it granted.
REQUESTS_THE_FLOOR = re.compile(
    r"\b(?:can|could|may)\s+I\s+(?:just\s+|quickly\s+)?(?:say\s+something|add\s+(?:something|one)"
    r"|jump\s+in|respond|chime\s+in|interrupt|weigh\s+in|make\s+a\s+(?:quick\s+)?point"
    r"|get\s+a\s+word\s+in)\b[^?]{0,60}\?$",
    re.IGNORECASE,
)
GRANTS = re.compile(
    r"(?:(?:yes|yeah|sure|of\s+course|please|go\s+ahead|go\s+for\s+it|you\s+may|by\s+all\s+means"
    r"|be\s+my\s+guest|absolutely|certainly|the\s+floor\s+is\s+yours)[,.!]*\s*){1,3}",
    re.IGNORECASE,
)


def grants_the_floor_asked_for(facts: list[TurnFacts], cast: Cast) -> list[bool]:
    """Per turn, whether it grants the floor the turn before asked for: where a host
    or chair keeps it among several people (a panel, a chaired programme)."""
    if not (is_panel(cast) or is_chaired(facts)):
        return [False] * len(facts)
    return [t > 0 and grants_the_floor(facts[t - 1], facts[t]) for t in range(len(facts))]


def grants_the_floor(request: TurnFacts, fact: TurnFacts) -> bool:
    """ "Can I say something about that?" "You may.": granting the floor asked for, as a
    chair does among several people."""
    return (
        fact.words < SUBSTANTIAL
        and REQUESTS_THE_FLOOR.search(request.sentences[-1]) is not None
        and GRANTS.fullmatch(fact.text.strip()) is not None
    )


def is_a_guess(previous: TurnFacts, fact: TurnFacts) -> bool:
    """A brief turn ending by asking right after a question ("... do what?" "Eject
    the kids from the car?"): an answer said as a question, not someone asking."""
    return fact.words < SUBSTANTIAL and ends_by_asking(fact.text) and ends_by_asking(previous.text)


def host_points(
    fact: TurnFacts,
    t: int,
    cast: Cast,
    p: int = HOST_SLOT,
    *,
    guess: bool = False,
    answers: bool = False,
    grants: bool = False,
    thanks_as_guest: bool = False,
) -> float:
    """How much the turn sounds like the work of host ``p`` (the host, or a co-host);
    ``guess``: the turn answers the question before it (``is_a_guess``).

    ``answers``: on a panel, the turn answers the question put to "you" (or adds a
    second answer, ``answers_the_panel``); a question it then puts to someone by name
    passes the floor on ("... Robert, do you remember any real concern?"), as
    panellists do. ``grants``: it grants someone's request for the floor
    (``grants_the_floor``), the chair's work. ``thanks_as_guest``: it thanks as a guest
    does or answers the host's thanks (``thanks_as_a_guest``)."""
    if p == HOST_SLOT and t in cast.host.introduced_self:
        return SELF_INTRODUCTION
    # Introducing someone is the host's work; introducing oneself is not.
    introduces = any(
        person.introduced_in == t and t not in person.introduced_self for person in cast.people[1:]
    )
    # Hosts do their work at the edges of their turns: a story in the middle of a
    # long answer may well mention "listeners" or "the number". Calling on someone
    # by their name alone ("... your last bit of good news. Bill.") gives the floor.
    edges = turn_edges(fact)
    does_host_work = bool(
        introduces
        or HOST_WORK_PHRASES.search(edges)
        or moderates_the_floor(edges)
        or INTRO_TRIGGER.search(edges)
        or called(fact) not in (None, p)
        or grants
    )
    # Hosts name the people they speak to all the time; guests seldom do.
    ending = turn_ending(fact.sentences)
    spoken_to = [
        m
        for m in fact.mentions
        if m.vocative
        and m.person != p
        and (m.sentence < 2 or m.sentence >= ending)
        and not among_peers(m, cast)
    ]
    asks_by_name = any(QUESTION.search(fact.sentences[m.sentence]) for m in spoken_to)

    points = HOST_WORK if does_host_work else 0.0
    if cast.host.role == MODERATOR:
        points = HOST_WORK if moderates(t, cast, edges) else NOT_MODERATING
    if asks_by_name:
        points += 0.0 if answers else HANDS_OVER
    elif spoken_to:
        points += HANDS_OVER / 2
    if fact.sentences[-1].endswith("?") and not guess:
        points += ASKS
    elif HANDOVER_PHRASES.search(fact.text):
        points += ASKS / 2
    if BACKCHANNEL.match(fact.text):
        points += LISTENS
    # The longer the turn, the less it sounds like the one asking; a panellist's
    # long answer may end by handing over to another ("Robert, do you ...?"),
    # so only the words before the ending count then.
    talk = fact.words
    if spoken_to and not does_host_work:
        talk = sum(word_count(s) for s in fact.sentences[:ending])
    # Co-hosts are panellists too: they comment at length on what the guests said.
    if talk >= LONG_ANSWER and not does_host_work and p == HOST_SLOT:
        points += MONOLOGUE * min(talk // LONG_ANSWER, 6)
    opening = " ".join(fact.sentences[:2])
    # "Hi, who's this?" greets a caller it puts on: a greeting with the host's work is theirs.
    if thanks_as_guest or (
        GREETS_HOST.match(opening) and not greets_someone_else(fact) and not does_host_work
    ):
        points += GREETS_BACK
    return points


# "I'm " or "my name is " right before a name, and a pause right after it.
GIVES_OWN_NAME = re.compile(rf"(?:\b{I_AM}|\b(?i:my\s+name\s+is))\s+$")
PAUSE_AFTER = re.compile(r"\s*(?:[,.;!…]|$)|\s+(?i:and|from|here)\b")


def names_oneself(fact: TurnFacts, mention: Mention) -> bool:
    """Whether the turn's speaker gives a first name as their own ("Hi, I'm Dana.")."""
    if mention.kind != "name" or " " in mention.said:
        return False
    sentence = fact.sentences[mention.sentence]
    end = mention.start + len(mention.said)
    return bool(
        GIVES_OWN_NAME.search(sentence[max(0, mention.start - 20) : mention.start])
        and PAUSE_AFTER.match(sentence[end : end + 10])
    )


def among_peers(mention: Mention, cast: Cast) -> bool:
    """A first name said to someone the programme calls by title ("Rita" to
    "Governor Lind"): the chair keeps to the title ("Madam Governor"); the first
    name is their peers', arguing with them, and no sign of the host's work."""
    person = cast.people[mention.person]
    return (
        mention.kind == "name"
        and " " not in mention.said
        and not IS_TITLE_WORD.fullmatch(mention.said)
        and is_titled(person)
    )


FIELD = 3  # people called by title, besides the host: a field of candidates


def without_first_names_in_a_field(facts: list[TurnFacts], cast: Cast) -> list[TurnFacts]:
    """Where someone chairs a field of three or more people called by title ("Governor
    Lind", "Senator Hale", ...), a first name alone ("Thank you, Rita.", "Rita, I
    think ...") says nothing of who spoke before or speaks next: the chair keeps to
    titles, and a first name is a rival's or is said to a moderator the cast may
    miss who shares it ("Thank you for the question, Tom." to the moderator, not to
    "Governor Tomlin"). The turns as they are, without those mentions."""
    if not is_a_field(cast):
        return facts
    return [
        replace(fact, mentions=[m for m in fact.mentions if not among_peers(m, cast)])
        for fact in facts
    ]


def is_a_field(cast: Cast) -> bool:
    """Whether three or more people besides the host are called by title (a field of
    candidates)."""
    return sum(is_titled(person) for person in cast.people[1:]) >= FIELD


def point_at_peers(facts: list[TurnFacts], scores: list[list[float]], cast: Cast):
    """Where someone chairs, a first name said to one of two people called by title
    ("Rita, you closed the bridge." to "Governor Lind", with "Mayor Hale" the other)
    is the other one's: the chair keeps to titles, and the first name is a peer's,
    arguing. Among three or more, any of the others may have said it."""
    titled = [p for p, person in enumerate(cast.people) if p != HOST_SLOT and is_titled(person)]
    if len(titled) != 2:
        return
    for t, fact in enumerate(facts):
        spoken_to = {m.person for m in fact.mentions if m.vocative and among_peers(m, cast)}
        if len(spoken_to) == 1:
            (other,) = set(titled) - spoken_to
            scores[t][other] += PEER
            scores[t][HOST_SLOT] += NOT_MODERATING


def is_panel(cast: Cast) -> bool:
    """Two guests or more who stay (not callers), or hosts who share the work: people
    who answer the host's questions in turn and pass them on to each other."""
    staying = [p for p in cast.people[1:] if p.named and not p.phoned_in and p.role != HOST]
    return len(staying) >= 2 or bool(cast.co_hosts)


def answers_the_question_before(facts: list[TurnFacts], t: int) -> bool:
    """Whether a turn of substance follows one whose ending asks "you" something
    ("Can you talk a little bit about ...?"), and opens with no question of its own.

    Only the turn right before: past a "Yes." the question may be a justice's follow-up
    or anyone's aside."""
    fact = facts[t]
    if t == 0 or fact.words < SUBSTANTIAL or "?" in fact.sentences[0]:
        return False
    asking = facts[t - 1]
    if asking.words < SUBSTANTIAL:
        return False
    ending = " ".join(asking.sentences[turn_ending(asking.sentences) :])
    return bool(QUESTION.search(ending) and SECOND_PERSON.search(ending))


# "I agree completely. And I'll add ...", "Yeah, I'd add on that", "There's also a
# difference ...": a second answer to the question the turn before answered.
ADDS_TO_THE_ANSWER = re.compile(
    r"^(?:(?:yeah|yes|right|and|so|well|oh)[,.!]?\s+){0,2}"
    r"(?:i\s+(?:totally\s+|completely\s+|fully\s+)?agree|i(?:'d|’d|\s+would|'ll|’ll|\s+will)"
    r"\s+(?:also\s+)?add|let\s+me\s+(?:just\s+)?add|to\s+add\s+to|just\s+to\s+add|adding\s+to"
    r"|building\s+on|there(?:'s|’s|\s+is)\s+also|i\s+also)\b",
    re.IGNORECASE,
)


def answers_the_panel(facts: list[TurnFacts], t: int) -> bool:
    """Whether a turn answers the question the turn before put to "you", or gives a
    second answer to it, agreeing with or adding to the one just given."""
    return answers_the_question_before(facts, t) or (
        t > 0
        and answers_the_question_before(facts, t - 1)
        and ADDS_TO_THE_ANSWER.search(facts[t].text) is not None
    )


def greets_someone_else(fact: TurnFacts) -> bool:
    """ "Hey, Liz. How are you?": a greeting said by name to a guest, not back to the host."""
    return any(m.sentence == 0 and m.vocative and m.person != HOST_SLOT for m in fact.mentions)


def moderates(t: int, cast: Cast, edges: str) -> bool:
    """A moderator only puts questioners on, thanks them and closes: handing over
    to a colleague ("I'll turn it to the General") is the briefer's work."""
    puts_on = any(p.introduced_in == t and p.phoned_in for p in cast.people[1:])
    return puts_on or bool(HOST_WORK_PHRASES.search(edges))


def is_courtesy(fact: TurnFacts) -> bool:
    """A turn that only greets or thanks ("Thanks for having me, Alexis.", "Hello.")."""
    return fact.words < SUBSTANTIAL and bool(
        GUEST_SIDE_THANKS.search(fact.text)
        or REPLIES_TO_THANKS.match(fact.text)
        or GREETS_HOST.match(fact.text)
    )


# "Do either of you ...?", "Have you guys ...?": a question put to several people at once.
SEVERAL_ADDRESSED = re.compile(
    r"\b(?:you\s+guys|you\s+all|y['’]all|(?:either|both|each|any|all)\s+(?:one\s+)?of\s+you"
    r"|you\s+two|two\s+of\s+you)\b",
    re.IGNORECASE,
)


def asks_everyone(fact: TurnFacts) -> bool:
    """A turn ending by asking several people at once: whoever answers, the one who
    spoke before the asker is no likelier than the others."""
    ending = fact.sentences[turn_ending(fact.sentences) :]
    return any("?" in s and SEVERAL_ADDRESSED.search(s) for s in ending)


# "… and the people of the valley want it back.": a turn that opens by picking up a sentence
# left hanging, where its speaker was cut off two turns before.
RESUMES = re.compile(r"^\s*(?:…|\.\.\.)\s*\S")


def resumes(fact: TurnFacts) -> bool:
    """ "… and the people of the valley ...": a turn picking up a sentence left hanging."""
    return RESUMES.match(fact.text) is not None


# "-- rule.", "— and that is the point.": a turn opening on a dash continues a sentence
# an interruption cut off.
PICKS_UP = re.compile(r"^\s*(?:…|\.\.\.|--|—|–)\s*\S")


def picks_up_a_sentence(fact: TurnFacts) -> bool:
    return PICKS_UP.match(fact.text) is not None


def takes_up_the_answer(facts: list[TurnFacts]) -> list[bool]:
    """Per turn: the one two turns before comes back after the brief turn between.
    They asked and it is the answer ("Where are you from?" "Detroit." "Detroit. What
    brought you ...?"), or a guess put as a question ("... do what?" "Eject the
    kids?"); or the turn judges it at some length ("It saves your voice." "An
    intercom?" "Yes. It is a new speaker system ..."), not a mere "No."; or they
    called on someone already on ("Your first piece of news. Bill?") for a turn
    that asks nothing (a reading, a clip). A newcomer called on takes the floor
    (``floor``): counsel's argument is followed by the bench, not the one who called."""
    calls = newcomers_called(facts)
    back = [False] * len(facts)
    for t in range(2, len(facts)):
        before, between = facts[t - 2], facts[t - 1]
        if resumes(facts[t]):
            back[t] = True
        elif called(before) not in (None, HOST_SLOT):
            back[t] = t - 2 not in calls and not ends_by_asking(between.text)
        elif between.words < SUBSTANTIAL:
            judges = facts[t].words >= SUBSTANTIAL and JUDGES.match(facts[t].text)
            back[t] = ends_by_asking(before.text) or bool(judges)
    return back


# A turn cut off as it starts ("Counsel --", "Could I --"): someone trying to take the
# floor, not a listener reacting.
CUT_OFF = re.compile(r"(?:--|—|–|-)\s*$")


def host_goes_on(facts: list[TurnFacts]) -> list[bool]:
    """Per turn: the host, who spoke at some length two turns before without asking,
    goes on at some length past a listener's reaction ("Gross.", "Wow, OK.") or a
    brief question put to them ("What about Willard?"): the floor never left the one
    who runs the programme. Not past a turn cut off as it starts ("Counsel --"):
    someone else wants the floor. Among the guests an interjection may hand it to a
    third: only the host's floor is kept (credited to a host the decoding is sure of)."""
    on = [False] * len(facts)
    for t in range(2, len(facts)):
        before, between, after = facts[t - 2], facts[t - 1], facts[t]
        if before.words < SUBSTANTIAL or after.words < SUBSTANTIAL or ends_by_asking(before.text):
            continue
        if between.words >= SUBSTANTIAL or CUT_OFF.search(between.text):
            continue
        on[t] = ends_by_asking(between.text) or is_listening(between.text)
    return on


def turn_edges(fact: TurnFacts) -> str:
    """The opening two sentences and the ending of a turn."""
    ending = max(2, turn_ending(fact.sentences))
    return " ".join([*fact.sentences[:2], *fact.sentences[ending:]])


def talks_before_its_ending(fact: TurnFacts) -> bool:
    """Whether a turn says LONG_ANSWER words or more before its ending: a long
    answer that ends by handing over or asking back ("... Robert, do you wanna talk
    about ...?"), or a host's long comment before a question. Its last mark then
    says little about who spoke it."""
    ending = turn_ending(fact.sentences)
    return sum(word_count(s) for s in fact.sentences[:ending]) >= LONG_ANSWER


# "Thanks for calling in, John.", "Thank you for joining us, Clara.": a goodbye or a
# welcome, answered at once.
THANKS_FOR = re.compile(r"\bthank(?:s|\s+you)\b[^.?!]*?\bfor\b", re.IGNORECASE)


def closes_their_turn(fact: TurnFacts, named: Mention, reply: TurnFacts | None) -> bool:
    """ "Thank you, Vice President Hale." (and no question to them after it): the
    thanked one's say is over, and the next turn is someone else's, unless it is a brief
    thanks back ("Oh, thank you, I try."). Not thanks for something, a welcome or a
    goodbye; nor by a first name alone, which may be a peer's aside in an exchange that
    goes on ("Thank you, Joe.")."""
    thanks_back = reply is not None and reply.words < SUBSTANTIAL and THANKS.search(reply.text)
    return (
        not thanks_back
        and named.sentence < 2
        and thanked_at_start(fact) == named.person
        and not THANKS_FOR.search(" ".join(fact.sentences[:2]))
        and not QUESTION.search(fact.sentences[named.sentence])
        and not (named.kind == "name" and " " not in named.said)
    )


SHORT_ANSWER = re.compile(r"^(?:yes|no|sure|certainly|of\s+course|absolutely|correct)\b", re.I)


def point_at_next_turn(
    facts: list[TurnFacts],
    scores: list[list[float]],
    t: int,
    held: dict[int, list[range]],
    *,
    arriving: bool = False,
    chaired: bool = False,
    introduced: set[int] = frozenset(),
):
    """A name at the end of a turn says who speaks next.

    After a greeting ("Welcome, Clara.", "Thanks, Clara.") the reply comes at
    once, however short; after a question it is the next turn of substance,
    past any interjections. A question put to John by name also says the
    guest before was probably not John: hosts say "you" to whoever just spoke.
    Not when John holds the floor: a witness, counsel or a briefer answers one
    questioner after another, and the next opens by naming them ("Mr. Katsas,
    do you think ...?"). ``arriving``: the turn's speaker introduces themselves;
    ``chaired``: someone keeps order all along (``is_chaired``); ``introduced``: people
    the turn introduces by finishing a sentence of an earlier turn (``cast.continued``).
    """
    fact = facts[t]
    ending = turn_ending(fact.sentences)
    # A name opening an answer is the one who asked ("Justice Scalia" in "Well, I
    # have a three-part answer to that, Justice Scalia."): not the next speaker.
    first = opening_sentences(fact) if answering(fact) is not None else 0
    late = [m for m in fact.mentions if m.sentence >= max(ending, first)]
    # Someone arriving who opens by thanking the one who introduced them ("Hi! Thank
    # you very much, Marcus. My name is Priya Raman, ...") thanks the turn before.
    thanked = thanked_at_start(fact) if arriving else None
    if thanked is not None:
        late = [m for m in late if m.person != thanked or m.sentence >= opening_sentences(fact)]
    if first:
        # An answer that turns to someone in passing ("And I do think, Justice Kennedy,
        # getting back to the question you asked before, ...") does not hand them the
        # floor: only a name in its last sentence or in a question does.
        last = len(fact.sentences) - 1
        late = [m for m in late if m.sentence == last or "?" in fact.sentences[m.sentence]]
    # "I'll let General Sims take that", "I'll defer to the General": wherever it is
    # said, the floor goes to them, whoever else the turn speaks to.
    handed = [m for m in fact.mentions if hands_over_to(fact, m)]

    def presented(m: Mention) -> bool:
        return m.person in introduced or is_introduced(fact, m)

    spoken_to = handed[-1:] or [m for m in late if m.vocative or presented(m)]
    by_employer = [
        m for m in late if m.kind == "employer" and SECOND_PERSON.search(fact.sentences[m.sentence])
    ]
    asked_at_the_start = not spoken_to and not by_employer
    if asked_at_the_start:
        spoken_to = asked_by_name_at_the_start(fact, ending)
    also = None
    if spoken_to:
        named = spoken_to[-1]
        target, points = named.person, ASKED_AT_THE_START if asked_at_the_start else ADDRESSED
        if len(spoken_to) > 1 and (named.together or introduced_together(fact, *spoken_to[-2:])):
            # "Robert, or Ian, what ...?"; "With us are Robert Lee and Ian Cole.": either
            # may answer first.
            also, points = spoken_to[-2].person, ADDRESSED / 2
        greeting = any(GREETING.search(s) for s in fact.sentences[named.sentence :])
    elif by_employer:
        target, points, greeting = by_employer[-1].person, ADDRESSED_BY_EMPLOYER, False
    else:
        return
    if spoken_to and closes_their_turn(fact, named, facts[t + 1] if t + 1 < len(facts) else None):
        return
    if spoken_to and told_to_yield(fact, named):
        # "Please let him speak, Mister President.": the next turn is the one let speak.
        if t + 1 < len(facts):
            scores[t + 1][target] += TOLD_TO_WAIT
        return
    # The one greeted, introduced or handed the floor speaks at once, however short.
    at_once = bool(greeting or presented(named) or handed) if spoken_to else False
    if spoken_to and t + 1 < len(facts) and QUESTION.search(fact.sentences[named.sentence]):
        # "General, could you turn to the tax clause?" "Yes.": a short answer is theirs,
        # and so is a guess ("... do what, Liz?" "Eject the kids?").
        reply = facts[t + 1]
        at_once = at_once or bool(SHORT_ANSWER.match(reply.text)) or is_a_guess(fact, reply)
    # Where someone chairs, one they call on by title ("Mister President?", "Senator
    # Lind, ...?") answers at once, however briefly; in a court, counsel's "..., Justice
    # Ward." answers the bench, and the next question may be anyone's.
    if chaired and spoken_to and (named.kind == "title" or IS_TITLE_WORD.match(named.said)):
        at_once = True
    following = t + 1 if at_once else next_substantial(facts, t + 1, step=1)
    if chaired and following is not None and following < len(facts):
        # "... the future. Governor Bush," | "you have insisted ...": an automatic
        # transcript's turn edge cut the caller's sentence after the call, and its rest
        # tells the one called what they did: the caller's still, no answer of theirs.
        # The rest may open with an ellipsis or a quote mark before its lowercase word.
        rest = facts[following]
        if re.sub(r"^\W+", "", rest.text)[:1].islower() and tells_them_what_they_did(rest):
            following = None
    if following is not None and following < len(facts):
        # "Hey, Liz." then "Next, ... It's Amy Holt.": the host goes on presenting;
        # "Thank you, Luke." then "... your last bit of news. Bill.": calling on Bill.
        if greeting and presents_someone_else(facts[following], target):
            return
        scores[following][target] += points
        if also is not None:
            scores[following][also] += points
    if not spoken_to or greeting or target == HOST_SLOT:
        return
    if also is not None:
        return  # "... are you, Robert and Ian, looking for?": the one who just spoke may answer
    holds_the_floor = any(t in span for span in held.get(target, ()))
    # A name said in passing in a statement that goes on ("So I don't think that's
    # the question, Mr. Chief Justice. The question is ...") is said to the one
    # being answered, who may well have spoken just before: no turning away.
    in_passing = (
        named.sentence < len(fact.sentences) - 1
        and not QUESTION.search(fact.sentences[named.sentence])
        and not handed
    )
    # "Why, Omar?" asks Omar about what he just said: he did speak before.
    if not holds_the_floor and not in_passing and asks_them_why(fact) is None:
        previous = next_substantial(facts, t - 1, step=-1)
        if previous is not None:
            scores[previous][target] += TURNED_AWAY


def introduced_together(fact: TurnFacts, first: Mention, second: Mention) -> bool:
    """Two people introduced in one breath ("Here with us are Robert Lee and Ian Cole."):
    whoever greets back first may be either."""
    if first.sentence != second.sentence or first.person == second.person:
        return False
    between = fact.sentences[first.sentence][first.start + len(first.said) : second.start]
    return (
        JOINED.fullmatch(between) is not None
        and is_introduced(fact, first)
        and is_introduced(fact, second)
    )


def asked_by_name_at_the_start(fact: TurnFacts, ending: int) -> list[Mention]:
    """ "John, in addition to the signalling you described, ... is there any ...?": a
    long question put to the one it opens by speaking to, when it names nobody nearer
    its end. Not a greeting ("Hi, John. ...?") or thanks."""
    if not QUESTION.search(" ".join(fact.sentences[ending:])):
        return []
    opening = opening_sentences(fact)
    return [
        m
        for m in fact.mentions
        if m.vocative and m.sentence < opening and not GREETING.search(fact.sentences[m.sentence])
    ][:1]


def point_at_previous_turn(
    facts: list[TurnFacts], scores: list[list[float]], t: int, *, chaired: bool = False
):
    """ "Thank you, Pam." opening a turn: Pam spoke the turn before; so did Justice
    Alito when an answer opens "Yes, Justice Alito, I think there is."

    ``chaired``: where someone chairs, a turn opening by telling the one it names what
    they said or did ("Governor Lind, in May you said the bridge would close.") answers
    no one: the chair puts a question so, and a rival retorts so, and either way the one
    named need not have spoken just before.

    The turn just before gets the points; when it is a mere "Yes." or "Hmm.",
    the last turn of substance before it gets them too.
    """
    thanked = thanked_at_start(facts[t])
    previous = next_substantial(facts, t - 1, step=-1)
    if thanked is not None and praises(facts[t].sentences[: REACTIONS + 1]):
        return  # "Congratulations. Well done, Liz. Thank you.": for the whole game or call
    if thanked is not None:
        # Thanks answering thanks ("Thank you for taking my question." "Thank you,
        # Kelly."; "Thank you." "Thank you, Justice Breyer."): said to the one who
        # just thanked, not to whoever spoke at length before them.
        if t > 0 and thanks_alone(facts[t - 1]):
            previous = t - 1
        if previous is not None:
            scores[previous][thanked] += THANKED
        return
    answered = answering(facts[t])
    if answered is None:
        answered = asks_them_why(facts[t])
    if answered is None or t == 0 or (chaired and tells_them_what_they_did(facts[t])):
        return
    scores[t - 1][answered] += ANSWERS
    # Past a "Yes." to the question before it; a short question is the one answered.
    asked = facts[t - 1].sentences and facts[t - 1].sentences[-1].endswith("?")
    if previous is not None and previous != t - 1 and not asked:
        scores[previous][answered] += ANSWERS


# "as Robert said, ...", "what Robert is referring to", "as Ian alluded to before":
# the words around the name are what that person said, a few turns back.
CITED_BEFORE = re.compile(r"\b(?:as|like|what|which)\s+$", re.IGNORECASE)
CITED_AFTER = re.compile(
    r"^\s+(?:just\s+|already\s+|rightly\s+|also\s+)?(?:said|says|mentioned|alluded|noted"
    r"|pointed|(?:is|was)\s+(?:saying|referring)|referred|described|suggested|explained|put\s+it)\b",
    re.IGNORECASE,
)
CITED = 1.5  # a rare word the citing sentence shares with the turn it cites
CITED_WORDS = 3  # ... counted up to this many
CITED_RANGE = 10  # turns back where what was cited may have been said
RARE = 4  # a word said in this many turns at most is one the speaker chose


def point_at_cited_turns(facts: list[TurnFacts], scores: list[list[float]]):
    """Someone cited ("as Robert said, the semantics of type lists ...") said the turn of
    the last few that shares the most rare words with the citing sentence, when one
    turn shares more than any other."""
    bags = [set(CONTENT_WORD.findall(fact.text.casefold())) for fact in facts]
    seen_in = Counter(word for bag in bags for word in bag)
    for t, fact in enumerate(facts):
        for m in fact.mentions:
            if m.kind != "name" or m.vocative:
                continue
            sentence, end = fact.sentences[m.sentence], m.start + len(m.said)
            before, after = sentence[max(0, m.start - 20) : m.start], sentence[end : end + 40]
            if not (CITED_BEFORE.search(before) and CITED_AFTER.search(after)):
                continue
            name = set(CONTENT_WORD.findall(m.said.casefold()))
            words = {w for w in CONTENT_WORD.findall(sentence.casefold()) if seen_in[w] <= RARE}
            shared = sorted(
                ((len((words - name) & bags[u]), u) for u in range(max(0, t - CITED_RANGE), t)),
                reverse=True,
            )
            if shared and shared[0][0] and (len(shared) == 1 or shared[0][0] > shared[1][0]):
                count, cited = shared[0]
                scores[cited][m.person] += CITED * min(count, CITED_WORDS)


def thanks_alone(fact: TurnFacts) -> bool:
    """A turn that only thanks, or a questioner's thanks for taking their question."""
    if BARE_THANKS.fullmatch(fact.text.strip()):
        return True
    return is_courtesy(fact) and bool(QUESTIONER_THANKS.search(fact.text))


def add_comings_and_goings(facts: list[TurnFacts], scores: list[list[float]], cast: Cast):
    """Nobody speaks before being introduced (bar a teaser); callers leave."""
    # Turns where someone is put on the line: the caller before them has gone.
    put_on = sorted({p.introduced_in for p in cast.people if p.phoned_in})
    for p, person in enumerate(cast.people):
        if p == HOST_SLOT or person.introduced_in is None:
            continue
        before = CALLER_NOT_ON if person.phoned_in else NOT_YET_ON
        for t in range(person.introduced_in):
            scores[t][p] += before
        # Guests are thanked mid-show and stay; callers say goodbye and go.
        if person.phoned_in:
            next_call = next((t for t in put_on if t > person.introduced_in), len(facts))
            last = min(last_turn_on_air(facts, p, person), next_call)
            for t in range(last + 1, len(facts)):
                scores[t][p] += GONE


def last_turn_on_air(facts: list[TurnFacts], p: int, person: Person) -> int:
    """The last turn a caller may speak: just after their goodbye, or before
    the host turns to someone else ("John, what do you think?" after a call)."""
    # Put on by someone, they speak next; on by themselves, they may be thanked at once.
    on_by_themselves = person.introduced_in in person.introduced_self
    for t in range(person.introduced_in + (1 if on_by_themselves else 2), len(facts)):
        if person.for_a_piece and any(m.person == p for m in facts[t].mentions):
            return t - 1
        if thanked_at_start(facts[t]) == p:
            return t + 1  # "Thanks for having me" may follow
        spoken_to = {m.person for m in facts[t].mentions if m.vocative and m.person != HOST_SLOT}
        if spoken_to and p not in spoken_to:
            return t
    return len(facts)


def next_substantial(facts: list[TurnFacts], start: int, *, step: int) -> int | None:
    """The first turn of substance from ``start`` on (step 1) or back (step -1)."""
    if not 0 <= start < len(facts):
        return None
    return facts[start].substantial_from if step == 1 else facts[start].substantial_upto
