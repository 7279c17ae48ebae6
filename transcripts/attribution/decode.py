"""Decoding: the speaker of every turn, weighing the evidence against turn-taking."""

import statistics
from dataclasses import dataclass, field

from transcripts.attribution.cast import (
    HOST_SLOT,
    Cast,
    Person,
    add_person,
    find_cast,
    seat_the_chairs,
)
from transcripts.attribution.evidence import (
    REPEATED,
    asks_everyone,
    gather_evidence,
    grants_the_floor_asked_for,
    host_goes_on,
    is_a_field,
    is_chaired,
    is_courtesy,
    picks_up_a_sentence,
    resumes,
    takes_up_the_answer,
    talks_before_its_ending,
)
from transcripts.attribution.floor import add_floor_changes, floors
from transcripts.attribution.mentions import (
    describe_turns,
    full_names_of_strangers,
    header_names_spoken_to,
    ordinary_words,
    strangers,
)
from transcripts.attribution.names import (
    GUEST,
    HOST,
    MODERATOR,
    SUPPORT,
    is_listening,
    is_unpunctuated,
    normalize_name,
    unnamed_voice_label,
)
from transcripts.attribution.sequence import NEG_INF, Decoded, decode, states_within_budget
from transcripts.attribution.show_host import host_named_after_show, said_to_the_host
from transcripts.attribution.style import asking_unlike, courtesy_habit, likeness
from transcripts.attribution.two_voices import name_two_voices
from transcripts.parsed import SpeakerNote


@dataclass
class Attribution:
    """A speaker label (or None) per turn, and what the turns say about each speaker."""

    labels: list[str | None]
    notes: dict[str, SpeakerNote] = field(default_factory=dict)


UNNAMED_VOICES = 2  # voices the text never names that a sequence may hold, besides the host
LATE_ARRIVAL = 4  # a guest first introduced this many turns in joins a conversation under way
UNNAMED_VOICE = -1.0  # the cost of giving a turn to a voice nobody named
# The asker taking up a brief answer ("Where are you from?" "Detroit." "Detroit. What
# brought you ...?"): 45 of the corpus's 50 such turns are the asker's; one who judges a
# brief reply at length ("Yes. It is ..."), 11 of 11.
ASKER_TAKES_UP = 2.0
TAKE_UP_PASSES = 4  # links of a chain of questions and answers followed
MARGIN = 1.0  # how far ahead the best named speaker must be to be named
# Points for a turn as near to someone's sure turns as the likeness says (differences
# of cosine of a few hundredths): a tie-breaker between people the rhythm allows.
# Hosts echo their guests' subjects, so their own words say less about them.
LIKENESS, HOST_LIKENESS = 25.0, 7.5


def attribute_turns(
    turns: list[str], *, about: list[str] = (), show: str = "", inferred: list[bool] = ()
) -> Attribution:
    """A speaker label (or None) for each turn, with notes on each speaker.

    ``about``: the episode's title, summary and description, which may name people;
    ``show``: the programme's name, which may be its host's surname;
    ``inferred``: per turn, whether its change of speaker was read from what was said
    rather than marked by the source (none when empty).
    """
    if not turns:
        return Attribution(labels=[])
    spoken = [t for t, text in enumerate(turns) if text.strip()]
    if len(spoken) < len(turns):
        # A turn with no words says nothing and is nobody's: the others are read without it.
        found = attribute_turns(
            [turns[t] for t in spoken],
            about=about,
            show=show,
            inferred=[inferred[t] for t in spoken] if inferred else (),
        )
        labels: list[str | None] = [None] * len(turns)
        for t, label in zip(spoken, found.labels, strict=True):
            labels[t] = label
        return Attribution(labels=labels, notes=found.notes)
    cast = cast_of(turns, about)
    host_name, saying_it = host_named_after_show(turns, cast, show)
    passed_over = marked_after_an_aside(turns, inferred)
    chosen = choose_for_cast(turns, cast, passed_over)
    if host_name and said_to_the_host(saying_it, [p for p, _ in chosen], HOST_SLOT):
        cast = cast_of(turns, about)
        cast.host.add_spelling(0, host_name)
        cast.host.introduced_as = cast.host.introduced_as or f"host of {show.strip()}"
        chosen = choose_for_cast(turns, cast, passed_over)
    named = name_the_voices(cast, chosen)
    named.labels = name_two_voices(
        turns,
        [p for p, _ in chosen],
        named.labels,
        named.notes,
        cast,
        about=[text or "" for text in about],
        ordinary=ordinary_words(turns),
        unpunctuated=is_unpunctuated(turns),
        host=HOST_SLOT,
    )
    return named


def cast_of(turns: list[str], about: list[str]) -> Cast:
    """The people the turns introduce, those the page's header names whom the
    turns speak to by first name, and those a turn gives a full name whom the
    others call by its first name."""
    cast = find_cast(turns, about=about)
    if is_chaired(describe_turns(turns, cast)):
        seat_the_chairs(cast)
    for name in header_names_spoken_to(about, turns):
        if not any(person.matches(name) for person in cast.people):
            add_person(cast, 0, name, role=GUEST)
    for turn, name, called in full_names_of_strangers(turns, cast, ordinary_words(turns)):
        # In the room all along: a panel's hosts are named after they first speak.
        person = add_person(cast, turn, name, role=GUEST, introduced=False, in_passing=True)
        if person is not None and not person.matches(called):
            person.add_spelling(turn, called)
    return cast


def marked_after_an_aside(turns: list[str], inferred: list[bool]) -> list[bool]:
    """Per turn: the source marks a change of speaker right after a listener's "Hmm."
    it left unmarked. Whoever marked it heard no change at the "Hmm.", so the change
    is from the voice before it: that voice is not the one speaking now."""
    if not inferred:
        return [False] * len(turns)
    return [
        t >= 2 and inferred[t - 1] and is_listening(turns[t - 1]) and not inferred[t]
        for t in range(len(turns))
    ]


def choose_for_cast(
    turns: list[str], cast: Cast, passed_over: list[bool]
) -> list[tuple[int, float]]:
    """(speaker, margin) a turn, ``cast`` given: the whole decoding."""
    # Voices the text never names: turns nobody named go there instead of to a
    # wrong name, at a small cost a turn.
    # A cast of two at most (a host, a guest) is a conversation of two: one voice
    # nobody named is enough, the host's own when nobody named the host, and two
    # would let the guest's turns swap between them, and so the host's with the
    # guest's (the guest's name on the host's turns), wherever nothing names anyone.
    # Unless the guest joins a conversation under way ("We're also joined by ..."):
    # the voice that talked with the host until then is a third one, not the guest.
    # The audience's voice speaks only its questions: it is no one in the conversation.
    talking = [person for person in cast.people if not person.asks_from_the_floor]
    nameless = sum(not person.label for person in talking)
    late = any(
        person is not cast.host
        and person.introduced_in is not None
        and person.introduced_in >= LATE_ARRIVAL
        for person in talking
    )
    spare = UNNAMED_VOICES if len(talking) > 2 or late else max(1 - nameless, 2 - len(talking))
    unnamed = range(len(cast.people), len(cast.people) + spare)
    cast.people += [Person(spellings=[], role=GUEST) for _ in unnamed]
    ordinary = ordinary_words(turns)
    facts = describe_turns(turns, cast, ordinary)
    held = floors(facts)
    scores = gather_evidence(facts, cast, held)
    add_floor_changes(facts, scores)
    # A host nobody named is a voice nobody named too: no cheaper a catch-all. Someone
    # known by office alone ("Mr. Chief Justice") is no catch-all: the text says who
    # they are, only not their name.
    nameless = [
        p
        for p, person in enumerate(cast.people)
        if not person.label and (p == HOST_SLOT or not person.introduced_as)
    ]
    for row in scores:
        for p in nameless:
            row[p] += UNNAMED_VOICE
    listening = [is_listening(text) for text in turns]
    courtesy = [is_courtesy(fact) for fact in facts]
    open_to_all = [asks_everyone(fact) for fact in facts]
    taking_up = takes_up_the_answer(facts)
    going_on = host_goes_on(facts)
    resuming = [resumes(fact) for fact in facts]
    picks_up = [picks_up_a_sentence(fact) for fact in facts]
    # "Can I say something about that?" "You may." then what they wanted to say.
    granting = grants_the_floor_asked_for(facts, cast)
    granted = [t >= 2 and granting[t - 1] for t in range(len(facts))]
    co_hosts = cast.co_hosts

    states = states_within_budget(len(turns), len(cast.people))
    evidence = [row[:] for row in scores]

    def decode_all() -> list[tuple[int, float]]:
        return choose_speakers(
            cast,
            decode(
                scores,
                listening,
                courtesy,
                host=HOST_SLOT,
                co_hosts=co_hosts,
                co_chairs=[p for p in co_hosts if cast.people[p].chairs],
                max_states=states,
                open_to_all=open_to_all,
                passed_over=passed_over,
            ),
        )

    chosen = decode_all()
    # A passage said twice goes to whoever is the surer speaker of the two.
    repeats = repeated_pairs(turns)
    if repeats:
        for a, b in repeats:
            (speaker_a, margin_a), (speaker_b, margin_b) = chosen[a], chosen[b]
            if margin_a >= margin_b:
                scores[b][speaker_a] += REPEATED
            else:
                scores[a][speaker_b] += REPEATED
        chosen = decode_all()
    # The one surely asking (or calling on someone) two turns before comes back
    # after the brief turn between: evidence of the turn's own, so a chain of
    # questions and answers follows the asker, a pass a link. Sure: named, and in a
    # crowd or among voices the cast does not know by the turn's own evidence too, as
    # the names kept at the end will be.
    chaired = is_chaired(facts)
    crowded = is_crowded(cast, [fact.words for fact in facts], chaired=chaired)
    # In a fast exchange every turn is named on its own evidence already: there,
    # people known in passing are known (a quiz panel's, presented one by one).
    # Where someone chairs it, who speaks is whom they call on: a name nobody in the
    # cast has is someone talked about ("Who is, Bernie?").
    strangers_in_the_room = not (chaired and crowded) and knows_too_few(
        turns, cast, ordinary, in_passing_known=crowded
    )
    credited = [False] * len(turns)
    for _ in range(TAKE_UP_PASSES):
        kept = chosen
        if strangers_in_the_room or crowded:
            kept = unname_unsupported_turns(
                cast, chosen, evidence, unknown_voices=strangers_in_the_room, chaired=chaired
            )
        sure_askers = [
            (t, kept[t - 2][0])
            for t in range(2, len(turns))
            if taking_up[t]
            and not credited[t]
            and kept[t - 2][1] >= MARGIN
            and cast.people[kept[t - 2][0]].label
        ]
        # ... the host surely speaking two turns before goes on past a reaction ...
        sure_askers += [
            (t, HOST_SLOT)
            for t in range(2, len(turns))
            if going_on[t]
            and not credited[t]
            and kept[t - 2][0] == HOST_SLOT
            and kept[t - 2][1] >= MARGIN
            and cast.host.label
        ]
        # ... and one surely picking up where they were cut off said the turn they left.
        sure_askers += [
            (t - 2, kept[t][0])
            for t in range(2, len(turns))
            if resuming[t]
            and not credited[t - 2]
            and kept[t][1] >= MARGIN
            and cast.people[kept[t][0]].label
        ]
        # A sentence picked up after an interruption ("-- rule.") is the one cut off
        # two turns before, both ways; followed from turns whose own evidence names
        # them only: the rhythm alone would carry a name across a new questioner.
        # So is the request for the floor and what was said once it was granted.
        linked = any(picks_up) or any(granted)
        anchored = unname_unsupported_turns(cast, chosen, evidence) if linked else []
        sure_askers += [
            (u, anchored[v][0])
            for t in range(2, len(turns))
            if (picks_up[t] and not resuming[t]) or granted[t]  # "… and": taken up above
            for u, v in ((t, t - 2), (t - 2, t))
            if not credited[u] and anchored[v][1] >= MARGIN and cast.people[anchored[v][0]].label
        ]
        if not sure_askers:
            break
        for t, asker in sure_askers:
            credited[t] = True
            scores[t][asker] += ASKER_TAKES_UP
            evidence[t][asker] += ASKER_TAKES_UP
        chosen = decode_all()
    # Then each turn sounds more like some people's sure turns than others', asking
    # sounds unlike those who only answer, and opening with "Ma'am," like the one who
    # always does: a habit is the turn's own evidence.
    sure = [p if margin >= MARGIN and cast.people[p].label else None for p, margin in chosen]
    talks = [talks_before_its_ending(fact) for fact in facts]
    asking = asking_unlike(turns, sure, len(cast.people), talks=talks)
    like = likeness(turns, sure, len(cast.people), [fact.words for fact in facts])
    habit = courtesy_habit(turns, sure, len(cast.people))
    if any(any(row) for rows in (asking, like, habit) for row in rows):
        for t, (asked, alike, manner) in enumerate(zip(asking, like, habit, strict=True)):
            for p in range(len(cast.people)):
                weight = HOST_LIKENESS if p == HOST_SLOT else LIKENESS
                scores[t][p] += asked[p] + weight * alike[p] + manner[p]
                evidence[t][p] += manner[p]
        chosen = decode_all()
    chosen = unname_unsupported(cast, chosen, evidence, held)
    if strangers_in_the_room:
        chosen = unname_unsupported_turns(cast, chosen, evidence, unknown_voices=True)
    elif crowded:
        chosen = unname_unsupported_turns(cast, chosen, evidence, chaired=chaired)
    return chosen


def knows_too_few(
    turns: list[str], cast: Cast, ordinary: frozenset[str], *, in_passing_known: bool = False
) -> bool:
    """Whether the turns call people by names nobody in the cast has ("I'm Wanjiru.",
    "Tomas, tell us about yourself."): more such names than a host nobody named
    could account for. Then the turns the rhythm hands a named guest (A B A B) may
    be anyone's (A C A D): someone ruled out is no clue for someone else.

    People known only in passing (``Person.in_passing``) do not count as known
    unless ``in_passing_known``: a panel presented by full name once and called by
    first name is as unknown to the rhythm as one never presented; the names only
    say who speaks where a turn points at them."""
    allowed = 0 if cast.host.named else 1
    if not in_passing_known:
        cast = Cast(people=[p for p in cast.people if not p.in_passing])
    return len(strangers(turns, cast, ordinary)) > allowed


def choose_speakers(cast: Cast, decoded: Decoded) -> list[tuple[int, float]]:
    """(speaker, margin) a turn: a named person when they beat everyone else,
    unnamed voices included; else the voice of the best sequence, with the
    margin of naming nobody (voices nobody named are never wrong, only not right)."""
    chosen = []
    for on_path, by_speaker in zip(decoded.path, decoded.by_speaker, strict=True):
        best, margin = best_with_margin(by_speaker)
        if not cast.people[best].label:
            best = on_path if not cast.people[on_path].label else best
            named = [value for p, value in by_speaker.items() if cast.people[p].label]
            margin = by_speaker[best] - max(named, default=NEG_INF)
        chosen.append((best, margin))
    return chosen


SURE = 3.0  # ... unless the whole sequence names them this surely somewhere (others ruled out)
RUN_GAP = 3  # a person's turns this close (A B C A) belong to one run


def unname_unsupported(
    cast: Cast,
    chosen: list[tuple[int, float]],
    evidence: list[list[float]],
    held: dict[int, list[range]] | None = None,
) -> list[tuple[int, float]]:
    """Anonymous before wrong: a run of turns given to someone only because the
    rhythm carried their name along is left without a name.

    A run is a person's turns at most RUN_GAP apart (A B A B A); it keeps its
    name when, in one of its turns at least, the evidence for them is SUPPORT
    ahead of the evidence for every other named guest (but those surely speaking
    the turns either side), or when it lies where they
    hold the floor (``held``: counsel called on, answering the bench). The host's
    turns are not checked: the host is who comes back whenever they like."""
    decided, chosen = chosen, list(chosen)
    guests = [p for p, person in enumerate(cast.people) if person.named and p != HOST_SLOT]

    def lead(t: int, person: int) -> float:
        others = [evidence[t][q] for q in rivals_of(cast, person, guests)]
        # Not against whoever surely spoke the turn before or the turn after ("- " marks
        # a change of voice both ways: of two guests asked together, the one surely
        # giving the second answer did not give the first), unless there is nobody
        # else: then the rhythm alone named the run.
        before = decided[t - 1][0] if t and decided[t - 1][1] >= MARGIN else None
        after = decided[t + 1][0] if t + 1 < len(decided) and decided[t + 1][1] >= MARGIN else None
        rivals = [
            evidence[t][q] for q in rivals_of(cast, person, guests) if q not in (before, after)
        ] or others
        return evidence[t][person] - max(rivals, default=NEG_INF)

    runs: dict[int, list[int]] = {}  # person -> the turns of their current run

    def close(person: int):
        run = runs.pop(person)
        sure = max(chosen[t][1] for t in run) >= SURE
        spans = (held or {}).get(person, ())
        on_floor = any(run[0] in span and run[-1] in span for span in spans)
        if not sure and not on_floor and max(lead(t, person) for t in run) < SUPPORT:
            for t in run:
                chosen[t] = (chosen[t][0], 0.0)

    for t, (speaker, margin) in enumerate(chosen):
        for person in [p for p, run in runs.items() if run[-1] < t - RUN_GAP]:
            close(person)
        if margin >= MARGIN and speaker in guests:
            runs.setdefault(speaker, []).append(t)
    for person in list(runs):
        close(person)
    return chosen


# A fast exchange among many: three or more guests who stay on (not callers who come
# and go) trading turns of a few words. Nothing there takes turns in order (panellists
# cut in on each other and on the host), so the rhythm that carries a name from one
# turn to the next says little, and only a turn's own evidence may name it.
CROWD_GUESTS = 3
CROWD_TURN_WORDS = 12  # the median turn's length, in words, at most
CHAIRED_CROWD = 2  # ... or two who stay, where someone must keep order between them


def is_crowded(cast: Cast, words: list[int], *, chaired: bool = False) -> bool:
    """``chaired``: someone keeps order among the speakers all along (a debate's
    moderator): two who stay and cut in on each other are a crowd then; and a field
    of three or more called by title (a primary debate), however long its answers:
    the chair calls on them in no order, so the rhythm (A B A B) would carry one
    candidate's name across the others' answers."""
    if chaired and is_a_field(cast):
        return True
    staying = [p for p in cast.people[1:] if p.named and not p.phoned_in]
    enough = CHAIRED_CROWD if chaired else CROWD_GUESTS
    return len(staying) >= enough and statistics.median(words) <= CROWD_TURN_WORDS


def unname_unsupported_turns(
    cast: Cast,
    chosen: list[tuple[int, float]],
    evidence: list[list[float]],
    *,
    unknown_voices: bool = False,
    chaired: bool = False,
) -> list[tuple[int, float]]:
    """Each named turn keeps its name only when its own evidence puts that person
    ahead of every named guest: SUPPORT ahead for a guest, MARGIN for the host,
    whose work (asking, calling on people, reading) is a smaller clue a turn.
    ``unknown_voices``: people the cast does not know speak too, with no evidence
    either way (0): ruling the named guests out names nobody, and the host needs
    SUPPORT too: a bare question or "Yeah." may be anyone's in the room; so too
    ``chaired`` (someone keeps order all along), where the host is named by their
    work, not by ruling out those who cut in on each other."""
    guests = [p for p, person in enumerate(cast.people) if person.named and p != HOST_SLOT]
    floor = 0.0 if unknown_voices else NEG_INF
    kept = []
    for t, (speaker, margin) in enumerate(chosen):
        others = [evidence[t][q] for q in rivals_of(cast, speaker, guests)]
        lead = evidence[t][speaker] - max([floor, *others])
        needed = MARGIN if speaker == HOST_SLOT and not (unknown_voices or chaired) else SUPPORT
        if cast.people[speaker].label and lead < needed:
            margin = min(margin, 0.0)
        kept.append((speaker, margin))
    return kept


def rivals_of(cast: Cast, person: int, guests: list[int]) -> list[int]:
    """Whom a named turn's evidence must put ``person`` ahead of: the other named guests,
    and the host too for one who chairs with them, the moderators' work being as much
    one's as another's."""
    rivals = [q for q in guests if q != person]
    return [*rivals, HOST_SLOT] if cast.people[person].chairs else rivals


def best_with_margin(by_speaker: dict[int, float]) -> tuple[int, float]:
    """The best speaker of a turn and how far ahead of the runner-up they are."""
    ranked = sorted(by_speaker.items(), key=lambda item: item[1], reverse=True)
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else float("inf")
    return ranked[0][0], margin


def name_the_voices(cast: Cast, chosen: list[tuple[int, float]]) -> Attribution:
    """A label per turn: the person's name, "Speaker N" for a voice nobody named
    (N its place among the voices in order of first appearance), or None when
    the best named speaker is not ahead by MARGIN."""
    order: dict[int, int] = {}
    for speaker, margin in chosen:
        if margin >= MARGIN or not cast.people[speaker].label:
            order.setdefault(speaker, len(order) + 1)
    label_of = {p: cast.people[p].label or unnamed_voice_label(place) for p, place in order.items()}
    labels = [
        label_of.get(speaker)
        if speaker in order and (margin >= MARGIN or not cast.people[speaker].label)
        else None
        for speaker, margin in chosen
    ]
    notes = {label_of[p]: _note(label_of[p], cast.people[p]) for p in order}
    for person in cast.people:
        if person.named:
            notes.setdefault(person.label, _note(person.label, person))
    return Attribution(labels=labels, notes=notes)


def _note(label: str, person: Person) -> SpeakerNote:
    # A moderator is the programme's host in the catalogue (as a "NAME, MODERATOR:"
    # label is): the appearance roles are host, guest, caller, reporter, other.
    role = HOST if person.role == MODERATOR else person.role
    return SpeakerNote(label=label, role=role, introduced_as=person.introduced_as)


# --- repeats -------------------------------------------------------------------------

REPEAT_WORDS = 10  # a run of words this long, said twice, is the same clip


def repeated_pairs(turns: list[str]) -> list[tuple[int, int]]:
    """Pairs of turns sharing a run of REPEAT_WORDS words."""
    first_seen: dict[tuple[str, ...], int] = {}
    pairs = set()
    for t, text in enumerate(turns):
        words = normalize_name(text).split()
        for i in range(len(words) - REPEAT_WORDS + 1):
            other = first_seen.setdefault(tuple(words[i : i + REPEAT_WORDS]), t)
            if other != t:
                pairs.add((other, t))
    return sorted(pairs)
