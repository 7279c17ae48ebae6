"""Whom a turn speaks to: the one it answers ("Yes, Justice Alito, ..."), thanks
("Thank you, Pam."), calls on ("Mr. Katsas."), introduces or hands the floor to
("I'll defer to the General"), read from where the name sits in the turn and
what is said around it."""

import re

from transcripts.attribution.cast import HOST_SLOT
from transcripts.attribution.introductions import (
    INTRO_TRIGGER,
    ON_THE_LINE,
    PRESENTS,
    PUTS_ON,
    presented_contributor,
)
from transcripts.attribution.mentions import GREETING, Mention, TurnFacts
from transcripts.attribution.names import SUBSTANTIAL, word_count

HANDOVER_PHRASES = re.compile(
    r"\bwhat\s+do\s+you\s+(?:think|make)|\btell\s+us\b|\bhow\s+do\s+you\b|\blet['’]s\s+start"
    r"|\bi(?:'m|’m|\s+am)\s+curious\b|\bi\s+wonder\b",
    re.I,
)
QUESTION = re.compile(rf"\?|{HANDOVER_PHRASES.pattern}", re.IGNORECASE)
# "Good choice, Dana.": a choice is something done, as a job well done is, maybe
# turns before; "Good point, Kat." is about what was just said, and answers it. An
# exclamation opening its sentence, maybe after a name or "Oh,": "that was not a good
# choice" and "a good pick would have been ..." are criticism, which answers, and so is
# "Well, honestly, great job is not what I'd call it.", where a clause comes before.
PRAISE = re.compile(
    r"^(?:(?:oh|well|wow|hey|ah|and|so|okay|ok|yes|yeah|boy|gosh|now|all\s+right"
    r"|(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)),\s+){0,2}(?:congratulations|well\s+done|good\s+for\s+you"
    r"|(?:good|nice|great)\s+job|(?:good|nice|great|brilliant|excellent|smart|wise)\s+(?:choice|pick))\b",
    re.I,
)


def praises(sentences: list[str]) -> bool:
    return any(PRAISE.match(sentence) for sentence in sentences)


THANKS = re.compile(r"\bthank(?:s| you)\b", re.IGNORECASE)
GUEST_SIDE_THANKS = re.compile(
    r"\bfor\s+(?:having\s+(?:me|us)|taking\s+my\s+(?:call|question)|the\s+invitation|inviting\s+me)\b"
    r"|\bmy\s+pleasure\s+to\s+be\s+(?:here|with\s+you|on)\b",
    re.I,
)
# "My pleasure.", "Oh, it's my pleasure. So ...": a reply to the thanks just said, by
# whichever side did not say them; not "It's my pleasure to welcome ..." (presenting
# someone) nor "It's (been) my pleasure having you." (thanks of its own).
REPLIES_TO_THANKS = re.compile(
    r"^\W*(?:(?:oh|well),?\s+)?(?:it['’]s\s+|it\s+(?:is|was)\s+|the\s+)?(?:all\s+)?(?:my\s+)?"
    r"pleasure\b(?!\s+(?:to|having|that|welcoming|introducing)\b)",
    re.I,
)


def thanks_as_a_guest(facts: list[TurnFacts], t: int) -> bool:
    """Whether turn ``t`` thanks as a guest does ("Thanks for having me.") or answers
    the host's thanks ("Thank you for coming in." "My pleasure."); the host answering
    a guest's thanks ("Thanks for having me." "My pleasure. So tell us ...") does not."""
    if GUEST_SIDE_THANKS.search(" ".join(facts[t].sentences[:2])):
        return True
    if t == 0 or not REPLIES_TO_THANKS.match(facts[t].text):
        return False
    # The thanks may be a brief turn, or come before someone's "Yeah.".
    since = facts[t - 1].substantial_upto
    since = t - 1 if since is None else since
    thanks = " ".join([*facts[since].sentences[-2:], *(f.text for f in facts[since + 1 : t])])
    return bool(THANKS.search(thanks)) and not GUEST_SIDE_THANKS.search(thanks)


def turn_ending(sentences: list[str], *, count: int = 3, words: int = 40) -> int:
    """Index of the first sentence of a turn's ending: its last 3 sentences or 40 words."""
    start, seen = len(sentences), 0
    while start > 0 and (len(sentences) - start < count or seen < words):
        start -= 1
        seen += word_count(sentences[start])
    return start


# "I'll defer to ", "kick it over to ", "turn it to the " right before a name; "let "
# before one who is to "take" or "answer" after it.
HANDS_OVER_BEFORE = re.compile(
    r"\b(?:defer\s+to|(?:please|let['’]s|now)\s+listen\s+to|(?:kick|turn|hand|pass|toss|throw)\s+it\s+(?:over\s+|back\s+)?to)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
LET_BEFORE = re.compile(r"\blet\s+(?:the\s+)?$", re.IGNORECASE)
TAKES_OVER_AFTER = re.compile(
    r"^\s+(?:take|answer|address|respond|speak|jump\s+in|add|start|weigh\s+in|field)\b",
    re.IGNORECASE,
)


# "Liz, you were mentioning earlier ...", "Omar, you said before that ...": reminding
# someone of what they said a while ago asks them to go on with it, and opening a turn
# so is no answer to the turn before (someone else's, or they would not need reminding).
REMINDED_AFTER = re.compile(
    r"^,\s+you(?:['’]ve|\s+were|\s+had|\s+have)?\s+(?:just\s+|also\s+)?"
    r"(?:mention(?:ed|ing)?|sa(?:id|ying)|talk(?:ed|ing)|brought\s+up|touched\s+on"
    r"|alluded|told\s+us|wrote)\b[^.?!]{0,60}?"
    r"\b(?:earlier|before|previously|at\s+the\s+(?:start|beginning|top)"
    r"|last\s+(?:time|week|month|year)|a\s+while\s+ago)\b",
    re.IGNORECASE,
)


def hands_over_to(fact: TurnFacts, mention: Mention) -> bool:
    sentence, start = fact.sentences[mention.sentence], mention.start
    before = sentence[max(0, start - 40) : start]
    end = start + len(mention.said)
    after = sentence[end : end + 30]
    return bool(
        HANDS_OVER_BEFORE.search(before)
        or (LET_BEFORE.search(before) and TAKES_OVER_AFTER.search(after))
        or (mention.vocative and REMINDED_AFTER.search(sentence[end : end + 120]))
    )


# "... we'll go with " or "... let's go to caller " right before a name.
PUT_ON_BEFORE = re.compile(rf"{PUTS_ON}\s+(?:[a-z]+\s+){{0,2}}$")


def is_introduced(fact: TurnFacts, mention: Mention) -> bool:
    sentence, start = fact.sentences[mention.sentence], mention.start
    before = sentence[max(0, start - 80) : start + 1]  # bounded: linear in the sentence
    last = mention.sentence == len(fact.sentences) - 1
    return bool(
        (last and PRESENTS.search(sentence[max(0, start - 80) :]))  # "It's Amy Dickinson."
        or INTRO_TRIGGER.search(before)
        or ON_THE_LINE.search(sentence[start : start + 80])
        or PUT_ON_BEFORE.search(before[:-1])
        or (last and presents_contributor(fact, mention))
    )


def presents_contributor(fact: TurnFacts, mention: Mention) -> bool:
    """Whether a turn ends handing the air to the one named ("Film critic Jo Marsh has
    this review."), who speaks next."""
    found = presented_contributor(fact.sentences[mention.sentence])
    return found is not None and found[1] <= mention.start < found[1] + len(found[0])


def presents_someone_else(fact: TurnFacts, person: int) -> bool:
    """Whether a turn introduces someone other than ``person``, or calls on them by
    name alone ("... your last bit of good news. Bill."): not a reply to a greeting."""
    return called(fact) not in (None, person) or any(
        is_introduced(fact, m) and m.person != person for m in fact.mentions
    )


# "Mr. President, your rebuttal." "Governor, you have two minutes." "Mr. Long, you have
# 5 minutes remaining." "Senator, please finish.": the floor given, not an answer.
GIVES_THE_FLOOR = re.compile(
    r"\byour\s+(?:rebuttal|response|reply|turn|closing|opening)\b"
    r"|\byou(?:\s+have|\s+get|['’]ll\s+have|['’]ve\s+got)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:minutes?|seconds?|chance|floor)\b"
    r"|\b[\w-]+\s+(?:more\s+)?(?:minutes?|seconds?)\s*[.!]*$"
    r"|\bgo\s+ahead\b|\bplease\s+(?:respond|finish|continue|go\s+on)\b|\bthe\s+floor\s+is\s+yours\b",
    re.IGNORECASE,
)


# "Let him finish.", "Please let her answer.": the floor kept for someone else than the
# one told so, who was cutting in.
LETS_ANOTHER_SPEAK = re.compile(
    r"\blet\s+(?:him|her|them|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:finish|answer|respond|speak|talk)\b",
    re.IGNORECASE,
)


def told_to_yield(fact: TurnFacts, mention: Mention) -> bool:
    """ "Please let him speak, Mister President.": the one spoken to is the one cutting
    in, told to let someone else have the floor; not called on."""
    return mention.vocative and any(
        not match.start() <= mention.start < match.end()  # not "let the Governor answer"
        for match in LETS_ANOTHER_SPEAK.finditer(fact.sentences[mention.sentence])
    )


# Keeping order among the people who speak: "We'll move on to the economy.", "The
# second subject is ...", "Let him finish.", "Please let the Governor answer,
# sir.", "I'd like you to respond to that." Together with giving the floor, a
# moderator's or chair's work.
KEEPS_ORDER = re.compile(
    r"\b(?:move|moving)\s+on(?:to|\s+to)?\b"
    r"|\b(?:first|second|third|fourth|fifth|sixth|next|last|final|this|that|another)"
    r"\s+(?:segment|subject|topic)\b"
    r"|\bI(?:['’]d|\s+would)\s+like\s+(?:you|each\s+of\s+you|both\s+of\s+you)\s+to"
    r"\s+(?:respond|answer|address)\b"
    rf"|{LETS_ANOTHER_SPEAK.pattern}"
    r"|\blet\s+me\s+ask\s+(?:my|the)\s+question\b",
    re.IGNORECASE,
)


# "Gentlemen, ...", "I understand that, sir.", "Ladies, please.": the chair speaking to
# the participants; not "Yes, sir." or "Thank you, sir.", said back to the chair.
# Not a knight's title: "Sir Ian".
CHAIR_ADDRESSES = re.compile(r"\b(?i:sir|ma['’]am|gentlemen|ladies)\b(?![\w'’]|\s+[A-Z])")
SAID_BACK = re.compile(r"\b(?:yes|no|thank\s+you|thanks)\W*$", re.IGNORECASE)


def moderates_the_floor(text: str) -> bool:
    """Whether a turn gives someone the floor or keeps order among speakers."""
    return bool(KEEPS_ORDER.search(text)) or any(
        not SAID_BACK.search(text[max(0, match.start() - 20) : match.start()])
        for match in CHAIR_ADDRESSES.finditer(text)
    )


# A question an automatic transcript wrote without its mark: a sentence opening with an
# auxiliary before "you" ("Could you please address the Governor and explain ...",
# "Do you still support it.") or a negative one before its subject ("Aren't these basic
# mistakes.") or a question word before a modal or "do" ("Why should voters believe
# that you ...", "When did the senator learn the bill was dead."); not a statement
# opening with a question word ("What the Court said was ...", "What is clear is ..."),
# nor an order ("Don't worry."), nor one asked of oneself ("How can I put it."). "What"
# also opens a pseudo-cleft, whose modal has no subject after it and whose "is" or
# "was" comes later ("What would happen is ...", "What did it for me was ..."; "What
# does the governor say to people whose rent is going up." asks); "which" and "who" open
# clauses as often ("Which would be a disaster.", "Who would have thought."), so ask
# only before a modal and "you" ("Which would you choose.").
MODAL = r"(?:should|would|could|can|will|do|does|did)"
SUBJECT = r"(?:you|we|they|he|she|the|a|an|this|that|these|those|my|your|our|his|her|their)"
UNMARKED_QUESTION = re.compile(
    r"^(?:(?:and|so|but|now|then|well|sir|madam),?\s+)?(?:(?:could|would|can|will|do|did|should"
    r"|have|are|were)\s+you|(?:aren|isn|wasn|weren|won|wouldn|couldn|shouldn|doesn|don|didn"
    r"|haven|hasn|can)['’]t\s+(?:you|we|they|these|those|it|there|that|this|he|she|the)\b"
    rf"|(?:why|how|when|where)\s+{MODAL}\b(?!\s+I\b)"
    rf"|what\s+{MODAL}\b(?!\s+I\b)(?!(?!\s+{SUBJECT}\b).*\b(?:is|was)\b)"
    rf"|(?:which|who)\s+{MODAL}\s+you\b)",
    re.IGNORECASE,
)


def answering(fact: TurnFacts) -> int | None:
    """Who a turn answers: someone spoken to as it opens, not in a question ("Justice
    Ginsburg, I think ...", "Yes, Justice Alito, I think there is.", "No. That's not
    our position, Justice Scalia.")."""
    opening = opening_sentences(fact)
    if "?" in " ".join(fact.sentences[:opening]):
        return None
    ending = fact.sentences[turn_ending(fact.sentences) :]
    if QUESTION.search(" ".join(ending)) or any(UNMARKED_QUESTION.match(s) for s in ending):
        return None  # "Clara, you wrote about this. What do you make of it?" hands over
    if GREETING.search(fact.sentences[0]):
        return None  # "Welcome, Clara." looks ahead; "Thank you, Pam." is thanked_at_start's
    if praises(fact.sentences[:opening]):
        return None  # "Congratulations. Well done, Liz.": for what she did, maybe long before
    if called(fact) is not None:
        return None  # "Mr. Katsas." gives him the floor
    if GIVES_THE_FLOOR.search(" ".join(fact.sentences[:opening])):
        return None  # "Mr. President, your rebuttal.": a moderator handing over
    if hands_the_floor_on(fact):
        return None  # "Liz, let me introduce you to our panel. ... It's Luke Burbank."
    named = [
        m.person
        for m in fact.mentions
        if m.sentence < opening
        and m.vocative
        and m.person != HOST_SLOT
        and not is_introduced(fact, m)  # "With us are our hosts, Johnny ...": not an answer
        and not told_to_yield(fact, m)  # "Let him speak, Mister President.": cutting in
    ]
    return named[0] if named else None


# "Why, Omar?", "How so, Omar?", "What do you mean, Omar?": what is left of such a question
# once the name is taken out.
ASKS_WHY = re.compile(
    r"\W*(?:why|how\s+so|how\s+come|what\s+do\s+you\s+mean|meaning\s+what|like\s+what"
    r"|such\s+as|really|seriously)\W*",
    re.IGNORECASE,
)


def asks_them_why(fact: TurnFacts) -> int | None:
    """Whom a brief turn asks to explain what they just said ("Hmm. Why, Omar?"): it
    reacts to their last words, so they spoke the turn before, and speak next."""
    if fact.words >= SUBSTANTIAL:
        return None  # a question of its own, not a reaction
    last = len(fact.sentences) - 1
    named = [m for m in fact.mentions if m.sentence == last and m.vocative]
    if len(named) != 1 or named[0].person == HOST_SLOT:
        return None
    rest = without_names(fact.sentences[last], named)
    return named[0].person if ASKS_WHY.fullmatch(rest) else None


def without_names(sentence: str, named: list[Mention]) -> str:
    """The sentence with the names said in it blanked where they are said, not wherever
    their letters recur ("Seriously, Seri?" keeps its "Seriously")."""
    rest, cut = [], 0
    for m in sorted(named, key=lambda m: m.start):
        rest.append(sentence[cut : m.start])
        cut = m.start + len(m.said)
    return " ".join([*rest, sentence[cut:]])


# "you said", "you have consistently said", "you voted", "you've insisted": what the one
# spoken to did or said, put to them.
YOU_DID = re.compile(
    r"\byou(?:['’]ve|\s+have|\s+had)?\s+(?:\w+ly\s+)?(?:said|say|voted|vote|claimed|"
    r"insisted|argued|called|promised|supported|opposed|wrote|told|stated|admitted)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|my|me)\b")


def tells_them_what_they_did(fact: TurnFacts) -> bool:
    """ "Governor Lind, in May you said the bridge would close.": a turn opening by telling
    the one it names what they said or did, in its first two sentences (a moderator's
    question may open with one about them: "People like that you speak plainly. But you
    called ..."), with nothing of the speaker's own (no "I")."""
    opening = " ".join(fact.sentences[:2])
    return YOU_DID.search(opening) is not None and FIRST_PERSON.search(opening) is None


def hands_the_floor_on(fact: TurnFacts) -> bool:
    """Whether a turn introduces someone as it ends or hands someone the floor: it
    looks ahead, like a question put by name, not back at whoever it opens by naming."""
    ending = turn_ending(fact.sentences)
    return any(
        (m.sentence >= ending and is_introduced(fact, m)) or hands_over_to(fact, m)
        for m in fact.mentions
    )


def called(fact: TurnFacts) -> int | None:
    """The one a turn gives the floor to by ending with their name alone ("Mr.
    Katsas.", "Justice Ginsburg?", "Mister President.", "Governor… I mean, Senator
    Lind, sir."): a presiding judge or a moderator calling on them. With a slip of
    the tongue corrected, the name said last."""
    last = len(fact.sentences) - 1
    named = [m for m in fact.mentions if m.sentence == last]
    if not named or not named[-1].vocative:
        return None
    rest = without_names(fact.sentences[last], named)
    if re.sub(r"[^\w\s]", " ", CALLING_WORDS.sub(" ", rest)).strip():
        return None
    return named[-1].person


# Said around a name that calls someone on: courtesy titles, "sir", a slip corrected.
CALLING_WORDS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mister|Madam|Madame|sir|ma['’]am|I\s+mean|sorry|or\s+rather)\b\.?",
    re.IGNORECASE,
)


def newcomers_called(facts: list[TurnFacts]) -> dict[int, int]:
    """Turn -> the person it calls on, for calls that name someone for the first time."""
    first_named: dict[int, int] = {}
    for t, fact in enumerate(facts):
        for m in fact.mentions:
            first_named.setdefault(m.person, t)
    found = {}
    for t, fact in enumerate(facts):
        person = called(fact)
        if person is not None and person != HOST_SLOT and first_named[person] == t:
            found[t] = person
    return found


def opening_sentences(fact: TurnFacts) -> int:
    """How many sentences open a turn: a one-word "No." or "Yes." is passed over."""
    return 2 if len(fact.sentences) > 1 and word_count(fact.sentences[0]) <= 3 else 1


def thanked_at_start(fact: TurnFacts) -> int | None:
    """Who a turn's opening thanks by name ("Thank you, Pam."), if anyone but the host."""
    # Past a few brief reactions ("Yep. Yes she was. Thank you. Thank you, Luke.").
    reacting = 0
    while reacting < REACTIONS and reacting < len(fact.sentences) - 1:
        if word_count(fact.sentences[reacting]) > 3:
            break
        reacting += 1
    upto = max(2, reacting + 1)
    opening = " ".join(fact.sentences[:upto])
    if (
        not THANKS.search(opening)
        or GUEST_SIDE_THANKS.search(opening)
        or REPLIES_TO_THANKS.match(opening)
    ):
        return None
    named = [
        m.person
        for m in fact.mentions
        if m.sentence < upto and m.vocative and m.person != HOST_SLOT
    ]
    return named[0] if named else None


REACTIONS = 3  # brief sentences (3 words at most) a turn may open with before it thanks
