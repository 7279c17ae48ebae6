"""Two people talking: each voice named by what the other one calls it."""

import time

from transcripts.attribution.cast import Cast, Person
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.mentions import is_vocative, ordinary_words
from transcripts.attribution.names import is_unpunctuated
from transcripts.attribution.two_voices import name_two_voices, names_said_to_someone, two_sides

# A made-up radio conversation written without commas or full stops, as some caption
# datasets are; the guest asks as much as the host does, and each calls the other by
# first name now and then, never with a comma.
BARE = [
    "I was nervous coming in today I wrote a few things down on a card so I would not forget",
    "Yeah",
    "And then I lost the card on the train so here we are with nothing",
    "That happens to everybody who comes through that door",
    "Does it happen to you?",
    "It happens to me every week",
    "Really?",
    "Yes really I lose everything I lose keys I lose my glasses I lose my place in a book",
    "This is not the hard part Dana",
    "No but I worry about the small things all day long and it wears me out",
    "How long have you done the show?",
    "Almost thirty years now if you can believe it",
    "That is a long time to sit in one chair",
    "It is a very comfortable chair",
    "Where did you grow up?",
    "In Lisbon",
    "Lisbon?",
    "My father worked at the port there until I was twelve and then we moved to the coast",
    "So you're Catholic?",
    "I was raised Catholic yes but we did not go to church much after the move",
    "We moved every two years I think I went to five schools",
    "You turned out fine Ola You really did",
    "Well I am not so sure about that but it is kind of you",
    "I mean it I really do",
    "Just say it Dana",
    "Say what?",
    "That you like the show",
    "I like the show Ola Brenner and I like you",
    "What Dana?",
    "Nothing I am done",
    "Thank you everybody and thank you Dana Whitfield",
    "And Ola Brenner",
]
ABOUT_BARE = ["Painter Ola Brenner", "The painter on nerves and moving house.", ""]


def test_text_without_commas_and_full_stops_is_told_apart():
    assert is_unpunctuated(BARE)
    assert not is_unpunctuated(
        ["Well, I think so. We moved, and then we moved again, every two years."] * 40
    )


def test_a_name_before_the_next_sentence_is_spoken_to_in_text_without_commas():
    """ "You turned out fine Ola You really did": "You" opens the next sentence."""
    ordinary = ordinary_words(BARE)

    def spoken_to(sentence, name, bare=True):
        start = sentence.index(name)
        unpunctuated = ordinary if bare else None
        return is_vocative(sentence, start, start + len(name), unpunctuated=unpunctuated)

    assert spoken_to("You turned out fine Ola You really did", "Ola")
    assert spoken_to("This is not the hard part Dana", "Dana")
    assert not spoken_to("Ola said you would come", "Ola")
    assert not spoken_to("I like the show Ola Brenner and I like you", "Ola Brenner")
    # Punctuated text keeps its commas as the only mark.
    assert not spoken_to("You turned out fine Ola You really did", "Ola", bare=False)


def test_ordinary_capitalised_words_and_places_are_no_names_said_to_anyone():
    ordinary = ordinary_words(BARE)
    said = [name for text in BARE for name in names_said_to_someone(text, ordinary, True)]
    assert set(said) == {"Dana", "Ola", "Dana Whitfield"}
    # A place after "in", a word after "you're", an exclamation, a lone answer.
    for text in ("In Lisbon", "So you're Catholic?", "Oh my God that is the same story", "Lisbon?"):
        assert names_said_to_someone(text, ordinary, True) == []


def test_each_voice_of_a_conversation_of_two_is_who_the_other_calls_it():
    labels = attribute_turns(BARE, about=ABOUT_BARE).labels
    # Dana is called so in the guest's turns; Ola (named in the title) in the host's.
    assert {labels[t] for t in range(1, len(BARE), 2)} == {"Dana Whitfield"}
    assert {labels[t] for t in range(0, len(BARE), 2)} == {"Ola Brenner"}


def test_without_the_calls_the_voices_stay_unnamed():
    """Nobody calls anyone by name: two numbered voices, no name from the title."""
    quiet = [text for text in BARE if "Dana" not in text and "Ola" not in text]
    quiet = [text for i, text in enumerate(quiet) if i < 24]
    labels = attribute_turns(quiet, about=ABOUT_BARE).labels
    assert not any(label and not label.startswith("Speaker") for label in labels)


def test_a_name_said_once_outside_the_header_names_nobody():
    """One "Dana" may be a slip or a quote: two turns at least, unless the page's
    header gives the name ("Ola" is said to the guest in one turn only)."""
    once = [text.replace("Dana", "there") for text in BARE]
    once[8] = "This is not the hard part Dana"
    labels = attribute_turns(once, about=["Paintings", "", ""]).labels
    assert not any(label and not label.startswith("Speaker") for label in labels)
    labels = attribute_turns(once, about=ABOUT_BARE).labels
    assert {labels[t] for t in range(0, len(BARE), 2)} == {"Ola Brenner"}
    assert "Dana Whitfield" not in labels


def test_voices_out_of_step_make_no_conversation_of_two():
    """A third voice taking turns on both sides, or two voices that do not alternate
    (a monologue cut in rows), are no conversation of two."""
    assert two_sides([0, 1, 0, 2, 1, 2, 0, 1, 2, 0, 1, 2]) is None
    assert two_sides([0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1]) is None
    # A host nobody named and the guest's name the header gives, on one side.
    sides = two_sides([0, 1, 2, 1, 2, 1, 2, 1, 0, 1, 0, 1])
    assert sides is not None and sides.of_voice == {0: 0, 2: 0, 1: 1}
    assert all(sides.in_step)


def test_a_host_thanked_by_first_name_is_named_by_the_full_name_the_page_gives():
    """Punctuated too: "Thanks, Omar." twice in the guest's turns, "Omar Kowalski" in the
    description; the guest "Ines" is greeted by name and named in the title."""
    turns = [
        "Ines, let's begin with the early days of the company. What was hard?",
        "Thanks, Omar. Honestly, hiring was the hardest part, because nobody knew us "
        "and the product did not work yet, so we hired friends.",
        "Did that work out?",
        "Mostly. Two of them are still with us, and one runs engineering now.",
        "That's rare.",
        "It is. We were lucky, and we also paid them in stock, which helped.",
        "What would you do differently?",
        "Good question, Omar. I would raise money later and sell earlier, to real customers.",
        "Why later?",
        "Because every round sets a price you then have to grow into, fast.",
        "Ines, thank you so much for coming on.",
        "Thank you for having me.",
    ]
    about = ["Ines Okafor on hiring", "", "Omar Kowalski talks with Ines Okafor."]
    labels = attribute_turns(turns, about=about).labels
    assert {labels[t] for t in range(0, len(turns), 2)} == {"Omar Kowalski"}
    assert {labels[t] for t in range(1, len(turns), 2)} == {"Ines Okafor"}


def test_turns_out_of_step_between_turns_in_step_alternate_like_the_rest():
    """The decoding heard the host three turns running (a long answer that mentions
    "the listeners" went to the host): two people alternate, so the middle one is the
    guest's; so too a longer stretch the decoding swapped, when the step comes back
    after it. A stretch out of step to the end stays as the decoding left it."""
    turns = [
        "Sam, what was the first year like?",
        "Slow, and lonely, to be honest.",
        "Why lonely?",
        "Because nobody we knew built databases, Noor.",
        "And then?",
        "I'm sure most of the listeners know this feeling: you build, nobody comes.",
        "So what did you do?",
        "We kept going, Noor, and the second year was better.",
        "Good. Sam, thank you.",
        "Thank you.",
        "Anything else?",
        "No.",
    ]
    cast = Cast(people=[Person(spellings=[]), Person(spellings=[(0, "Sam Ortiz")])])

    def named(turns, speakers):
        labels = ["Speaker 1" if p == 0 else "Speaker 2" for p in speakers]
        return name_two_voices(
            turns,
            speakers,
            labels,
            {},
            cast,
            about=["", "", "Noor Haddad talks with Sam Ortiz."],
            ordinary=ordinary_words(turns),
            unpunctuated=False,
            host=0,
        )

    alternating = ["Noor Haddad", "Sam Ortiz"] * 6
    assert named(turns, [0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1]) == alternating
    swapped = [0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1] + [0, 1] * 6
    assert named(turns * 2, swapped) == alternating * 2
    renamed = named(turns * 2, [0, 1] * 11 + [1, 0])
    assert renamed[:22] == (alternating * 2)[:22]
    assert renamed[22:] == ["Speaker 2", "Speaker 1"]


def test_a_side_the_decoding_gave_two_people_is_no_side_of_a_conversation_of_two():
    """Counsel answering a bench: the bench's side calls counsel by name, counsel
    calls one justice far more than the others, but the decoding named two justices
    on that side: it is no one person, and keeps its labels."""
    turns = [
        "Justice Ueda, the statute says otherwise.",
        "Where does it say so, Mr. Katsas?",
        "In the second section, Justice Ueda.",
        "And the third?",
        "The third agrees with it, Justice Ueda.",
        "Mr. Katsas, what of the states?",
        "They joined later, Justice Ueda.",
        "Why later, Mr. Katsas?",
        "Because the money came later, Justice Ueda.",
        "Thank you, Mr. Katsas.",
        "Thank you, Justice Ueda.",
        "Mr. Katsas, one more.",
    ]
    speakers = [1, 2, 1, 3, 1, 2, 1, 2, 1, 3, 1, 2]
    names = {1: "Mr. Katsas", 2: "Justice Ueda", 3: "Justice Ruiz"}
    labels = [names[p] for p in speakers]
    cast = Cast(
        people=[
            Person(spellings=[]),
            Person(spellings=[(0, "Mr. Katsas")]),
            Person(spellings=[(0, "Justice Ueda")]),
            Person(spellings=[(0, "Justice Ruiz")]),
        ]
    )
    renamed = name_two_voices(
        turns,
        speakers,
        labels,
        {},
        cast,
        about=[],
        ordinary=ordinary_words(turns),
        unpunctuated=False,
        host=0,
    )
    assert renamed == labels


def test_naming_two_voices_takes_time_in_proportion_to_the_names_said():
    """Two thousand turns, each calling someone new by a full name the page gives: each
    name said is looked up once, by its first word, not against every name of the page."""
    letters = "abcdefghijklmnopqrstuvwxyz"

    def made_up(n):
        return "".join(letters[(n // 26**k) % 26] for k in range(4)).capitalize() + "son"

    turns = [
        f"Well {made_up(t)} {made_up(t + 7000)} said so, {made_up(t)}. Right, {made_up(t)}?"
        for t in range(2000)
    ]
    cast = Cast(people=[Person(spellings=[])])
    started = time.process_time()
    name_two_voices(
        turns,
        [t % 2 for t in range(2000)],
        [None] * 2000,
        {},
        cast,
        about=[],
        ordinary=ordinary_words(turns),
        unpunctuated=False,
        host=0,
    )
    # Generous: comparing every name with every other takes several seconds here.
    assert time.process_time() - started < 1.5


def test_a_call_in_a_stretch_back_in_step_counts_for_the_side_its_place_says():
    """Naming a guest moves the turn that calls her out of step (a turn does not say its
    own speaker's name): in a stretch the step comes back after, the turn is the side
    its place says, and so is the call."""
    turns = [
        "Noor, you were there from the start. What was it like?",
        "Busy.",
        "Busy how?",
        "Everyone did everything.",
        "Even you?",
        "Even me, Sam. I answered the phones.",
        "And then?",
        "Then we hired.",
        "Who first?",
        "An engineer, Sam, a good one.",
        "Good. What next?",
        "Customers.",
        "How many?",
        "Three.",
        "That's few.",
        "It was enough.",
        "Thanks for coming on, Noor.",
        "Thank you.",
        "Thank you, Noor Haddad. I'm Sam Ortiz.",
        "Bye.",
    ]
    # The decoding swapped turns 4-5 ("Sam" said in 5), back in step from 6 on.
    speakers = [0, 1, 0, 1, 1, 0] + [0, 1] * 7
    renamed = name_two_voices(
        turns,
        speakers,
        [None] * len(turns),
        {},
        Cast(people=[Person(spellings=[])]),
        about=[],
        ordinary=ordinary_words(turns),
        unpunctuated=False,
        host=0,
    )
    assert renamed == ["Sam Ortiz", "Noor Haddad"] * 10


def test_callers_grouped_as_one_voice_are_not_named_after_the_one_called_by_name():
    """A call-in hour: the host alternates with callers nobody named, whom the decoding
    may group as one voice; the host calls the first caller "Liz" again and again. The
    other callers are not Liz: a turn bringing someone new on ("Next caller, go ahead.")
    says one side is several people."""
    turns = [
        "Good morning, and welcome. Today we're taking your calls about the new bus lanes.",
        "Hi, thanks for having me on.",
        "Liz, you said you ride the number 7 every day. What has changed?",
        "It's faster, maybe ten minutes, but the stops moved and now I walk further.",
        "Liz, did the city ask riders before moving the stops?",
        "They had one meeting, on a weekday afternoon, when everyone who rides the bus is at work.",
        "Thank you, Liz. Another call now. Go ahead, you're on the air.",
        "Yeah, I drive a delivery van, and the lanes have made my mornings a mess, honestly.",
        "How so?",
        "There's nowhere to stop now. I double park and get a ticket, or I circle for ages.",
        "Thanks for calling. Next caller, go ahead.",
        "Hi. I run a shop on Main Street, and my customers say they can't find parking anymore.",
        "Has business dropped?",
        "A little, maybe five percent, though it's hard to say what's the lanes and what isn't.",
        "Thank you. One more call. Go ahead.",
        "I just want to say the buses are finally on time, and that matters to people like me.",
        "Thanks. And we're back to Liz Kanter, who called earlier. Liz?",
        "Yes, I wanted to add that the new shelters are nice, at least.",
        "Thank you, Liz. That's our show.",
        "Bye.",
    ]
    labels = attribute_turns(turns, about=["Bus lanes", "Listeners call in.", ""]).labels
    assert "Liz Kanter" not in {labels[t] for t in (7, 9, 11, 13, 15)}


def test_a_call_told_in_a_story_is_said_to_nobody_here():
    ordinary = frozenset(
        {"and", "said", "you", "can't", "do", "that", "come", "here", "he", "people", "say"}
    )
    for text in (
        "And I said, John, you can't do that.",
        "And people say, John, you can't do that.",
        'He goes, "John, come here."',
        "He told me: “John, come here.”",
    ):
        assert names_said_to_someone(text, ordinary, False) == []
    assert names_said_to_someone("You can't do that, John.", ordinary, False) == ["John"]


def test_a_first_name_is_not_the_full_name_of_someone_only_talked_about():
    """Two hosts: one is called "Adam" again and again, and the page talks about the
    economist Adam Smith. Adam is not Adam Smith: the full name was never said to
    anyone, nor given by the header."""
    turns = [
        "Adam, have you read the book yet?",
        "Half of it. Adam Smith wrote it in 1776, and it still reads well.",
        "Which part did you like?",
        "The pin factory, where one worker does one small step of the work.",
        "And you, Adam, would you work in a pin factory?",
        "Only if the pins were interesting.",
        "Fair. What else?",
        "The part on markets, which is not what people think it says.",
        "What do people think it says?",
        "That greed is good, which Adam Smith never wrote.",
        "Thanks, Adam.",
        "Thanks for listening.",
    ]
    cast = Cast(people=[Person(spellings=[])])
    renamed = name_two_voices(
        turns,
        [t % 2 for t in range(len(turns))],
        [f"Speaker {1 + t % 2}" for t in range(len(turns))],
        {},
        cast,
        about=["Reading the classics", "", ""],
        ordinary=ordinary_words(turns),
        unpunctuated=False,
        host=0,
    )
    assert "Adam Smith" not in renamed


def test_a_name_does_not_run_into_the_next_sentence_of_text_without_full_stops():
    """ "I'm Dana Whitfield My guest is ... Ola Brenner He paints ...": the host is Dana
    Whitfield, not "Dana Whitfield My"; the guest is not "Ola Brenner He"."""
    turns = [
        "This is City Arts I'm Dana Whitfield My guest is the painter Ola Brenner He paints "
        "harbours and he joins us now",
        "Thank you Dana It is good to be here",
        "Why harbours?",
        "Because my father worked at one and I grew up watching the boats come in",
    ] * 4
    labels = attribute_turns(turns).labels
    assert {labels[t] for t in range(0, len(turns), 2)} == {"Dana Whitfield"}
    assert {labels[t] for t in range(1, len(turns), 2)} == {"Ola Brenner"}


# A made-up interview: the host's side (even turns) calls the guest "Sam" twice, and
# the page's description names a Sam Ortiz.
CALLED_SAM = [
    "Sam, what got you into bridges?",
    "My father built them, so I grew up on building sites every summer.",
    "Did you like it?",
    "I loved the noise and the cranes, and the men who ran them.",
    "And school?",
    "School was fine. I was good at drawing, bad at spelling.",
    "What was the first bridge you worked on?",
    "A footbridge over a canal, small, but it taught me about wind.",
    "Wind?",
    "Wind makes a light bridge sway, and people hate a bridge that moves.",
    "Thanks for coming in, Sam.",
    "Thank you for having me.",
]
ABOUT_SAM = ["Bridges", "", "A conversation with the engineer Sam Ortiz."]


def two_voices_named(turns, about):
    return name_two_voices(
        turns,
        [t % 2 for t in range(len(turns))],
        [f"Speaker {1 + t % 2}" for t in range(len(turns))],
        {},
        Cast(people=[Person(spellings=[])]),
        about=about,
        ordinary=ordinary_words(turns),
        unpunctuated=False,
        host=0,
    )


def test_the_name_one_voice_calls_the_other_names_it_when_nothing_says_otherwise():
    renamed = two_voices_named(CALLED_SAM, ABOUT_SAM)
    assert {renamed[t] for t in range(1, len(CALLED_SAM), 2)} == {"Sam Ortiz"}


def test_a_name_the_calling_voice_gives_as_its_own_names_nobody():
    """The side calling "Sam" says "I'm Sam." itself: which of the two is Sam, the text
    does not settle, so neither is named so."""
    turns = list(CALLED_SAM)
    turns[4] = "And school? I'm Sam too, by the way, so I always ask."
    assert "Sam Ortiz" not in two_voices_named(turns, ABOUT_SAM)


def test_a_name_the_called_voice_talks_about_may_be_a_third_persons():
    """The voice called "Sam" talks about a Sam itself ("my brother Sam"): the calls may
    be to another Sam, one it knows; so too when it says the name it is called by."""
    for said in (
        "School was fine. My brother Sam was the one good at drawing.",
        "School was fine. Sam's drawings were better than mine, though.",
        "School was fine, Sam. I was good at drawing.",
    ):
        turns = list(CALLED_SAM)
        turns[5] = said
        assert "Sam Ortiz" not in two_voices_named(turns, ABOUT_SAM), said


def test_a_voice_giving_its_own_full_name_or_quoting_a_call_keeps_it():
    """Introducing itself ("I'm Sam Ortiz.", "I'm Sam.", "This is Sam."), reading its full
    name, quoting someone who called it ("my teacher said, "Sam, ..."") is no third
    person; nor is its surname (a firm named after it) or a namesake's full name."""
    for said in (
        "School was fine. I'm Sam Ortiz, for the record, and I was bad at spelling.",
        "School was fine. I'm Sam, by the way, and I was bad at spelling.",
        "School was fine. This is Sam, signing in from the site office.",
        "School was fine. The question was for Sam Ortiz, I suppose.",
        'School was fine. My teacher said, "Sam, you draw well."',
        "School was fine. Ortiz Bridges, my firm, came much later, after Sam Altman's talk.",
    ):
        turns = list(CALLED_SAM)
        turns[5] = said
        renamed = two_voices_named(turns, ABOUT_SAM)
        assert {renamed[t] for t in range(1, len(turns), 2)} == {"Sam Ortiz"}, said


def test_a_turn_the_decoding_gave_a_third_person_is_not_renamed_for_the_side():
    """The decoding gave one turn on the guest's side to someone else it knows (a
    critic's piece the host presented): the side's name does not overwrite it, and
    where the two readings disagree the turn is nobody's."""
    labels = [f"Speaker {1 + t % 2}" for t in range(len(CALLED_SAM))]
    labels[9] = "Ken Tucker"
    renamed = name_two_voices(
        CALLED_SAM,
        [t % 2 for t in range(len(CALLED_SAM))],
        labels,
        {},
        Cast(people=[Person(spellings=[])]),
        about=ABOUT_SAM,
        ordinary=ordinary_words(CALLED_SAM),
        unpunctuated=False,
        host=0,
    )
    assert renamed[9] is None
    assert {renamed[t] for t in (1, 3, 5, 7, 11)} == {"Sam Ortiz"}
