"""The broadcast-page parser on the real KQED Forum page and on pages of other shows."""

from datetime import date
from pathlib import Path

import pytest

from tests.shared_files import shared_file
from transcripts.attribution import attribute_unlabelled
from transcripts.errors import TranscriptFormatError
from transcripts.formats import broadcast_page
from transcripts.formats.broadcast_page import parse, parse_duration

SEED_RELATIVE = "seeds/forum-soft-secession-2025-11-14.txt"
GROUND_TRUTH = Path(__file__).resolve().parent.parent / "data" / "seed_speakers.txt"

# Page furniture that must not survive into any cue (checked case-insensitively).
BOILERPLATE = [
    "Problems playing video",
    "Closed Captioning Feedback",
    "Video has Closed Captions",
    "How to Watch",
    "is available to stream on",
    "Providing Support for PBS.org",
    "Learn More",
    "PBS online sponsorship",
    "Support for PBS provided by",
    "News and Public Affairs",
    "Top journalists deliver",
    "FRONTLINE",
    "local public television program",
    "presented by KQED",
]


@pytest.fixture(scope="module")
def seed():
    return parse(shared_file(SEED_RELATIVE).read_text("utf-8"))


def parse_and_attribute(text):
    """The page parser, then the pipeline's attribution stage."""
    parsed = parse(text)
    attribute_unlabelled(parsed)
    return parsed


@pytest.fixture(scope="module")
def seed_attributed():
    return parse_and_attribute(shared_file(SEED_RELATIVE).read_text("utf-8"))


def read_ground_truth() -> list[tuple[str, str]]:
    """(speaker or UNKNOWN, first 40 characters) per turn, from the hand-made file."""
    rows = []
    for line in GROUND_TRUTH.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _number, speaker, opening = line.split("\t", 2)
            rows.append((speaker, opening))
    return rows


def attribution_accuracy(cues, truth: list[tuple[str, str]]) -> float:
    """Share of the transcript's words whose turn has the right speaker.

    A turn the reader could not attribute (UNKNOWN) counts as right only when
    left without a speaker; a known turn left without one counts as wrong.
    """
    right = total = 0
    for cue, (speaker, _opening) in zip(cues, truth, strict=True):
        words = len(cue.text.split())
        total += words
        expected = None if speaker == "UNKNOWN" else speaker
        right += words if cue.speaker == expected else 0
    return right / total


# --- the seed page -------------------------------------------------------------


def test_seed_header_gives_show_title_date_duration_summary_and_description(seed):
    metadata = seed.metadata
    assert seed.format == "page"
    assert metadata.show == "Forum"
    assert metadata.title == "Soft Secession: How States Break Away Without Leaving"
    assert metadata.air_date == date(2025, 11, 14)
    assert metadata.duration_s == 50 * 60 + 24
    assert metadata.summary == (
        "California’s power and “soft secession”: Could blue states resist federal policies?"
    )
    assert metadata.description.startswith("California wields massive economic, cultural")
    assert metadata.description.endswith("paths for “soft secession” and blue-state resistance.")


def test_seed_cues_are_untimed_turns_with_source_lines(seed):
    assert not seed.is_timed
    assert all(cue.start_ms is None and cue.end_ms is None for cue in seed.cues)
    lines = [cue.line for cue in seed.cues]
    assert lines == sorted(lines)
    # The cold open is glued to the sponsorship notice on line 17.
    assert seed.cues[0].text.startswith("We are in many ways moving faster than other")
    assert seed.cues[0].line == 17
    assert seed.cues[1].text.startswith("Welcome to Forum, I'm Alexis Madrigal.")
    assert seed.cues[1].line == 22
    assert seed.cues[-1].text.endswith("Stay tuned for another hour ahead with Mina Kim.")


def test_seed_keeps_no_page_furniture_in_any_cue(seed):
    for cue in seed.cues:
        for phrase in BOILERPLATE:
            assert phrase.casefold() not in cue.text.casefold(), (phrase, cue.line)


def test_seed_splits_turns_in_the_middle_of_a_line(seed):
    texts = [cue.text for cue in seed.cues]
    asking = next(i for i, t in enumerate(texts) if "does it feel uncomfortable" in t)
    assert texts[asking].endswith("You know, this kind of long time")
    assert texts[asking + 1].startswith("Right there, there's")
    assert seed.cues[asking + 1].line == 63
    assert any(t.startswith("Fend off desegregation.") for t in texts)
    # The marker came one word early: "wanted it to - Be, let's bring in Pam".
    pam = next(i for i, t in enumerate(texts) if t.startswith("let's bring in Pam in San"))
    assert texts[pam - 1].endswith("even wanted it to Be,")


def test_seed_does_not_split_hyphenated_words_or_numbers(seed):
    text = " ".join(cue.text for cue in seed.cues)
    for word in ("editor-in-chief", "non-cooperative", "anti-democratic", "self-government"):
        assert word in text
    assert not any(cue.text.startswith(("in-chief", "cooperative")) for cue in seed.cues)


def test_seed_cues_open_turns_and_name_nobody(seed):
    assert all(cue.turn_start and cue.speaker is None for cue in seed.cues)


def test_seed_speakers_found_with_roles_and_introductions(seed_attributed):
    speakers = seed_attributed.speakers
    assert speakers["Alexis Madrigal"].role == "host"
    assert speakers["Clara Jeffery"].role == "guest"
    assert speakers["Clara Jeffery"].introduced_as == "editor-in-chief of Mother Jones"
    assert speakers["John Michaels"].role == "guest"
    assert speakers["John Michaels"].introduced_as == "professor of law at UCLA School of Law"
    # Introduced as "the tenant governor El ny Kunaki", named right only at the end.
    assert speakers["Eleni Kounalakis"].role in ("guest", "other")
    assert speakers["Eleni Kounalakis"].introduced_as == "Lieutenant Governor of California"
    assert speakers["George"].role == "caller"
    assert speakers["George"].introduced_as == "Sacramento"
    assert speakers["Pam"].role == "caller"
    assert speakers["Pam"].introduced_as == "San Francisco"
    assert not any("Kunaki" in label or "El ny" in label for label in speakers)


def test_seed_attributed_cues_are_marked_inferred(seed_attributed):
    cues = seed_attributed.cues
    assert all(cue.speaker_inferred == (cue.speaker is not None) for cue in cues)
    assert {cue.speaker for cue in cues} - {None} <= set(seed_attributed.speakers)
    assert cues[1].speaker == "Alexis Madrigal"
    # The cold open is Clara Jeffery's, replayed later in the hour.
    assert cues[0].speaker == "Clara Jeffery"


def test_ground_truth_file_matches_the_turns_the_parser_finds(seed):
    truth = read_ground_truth()
    assert len(truth) == len(seed.cues)
    for cue, (_speaker, opening) in zip(seed.cues, truth, strict=True):
        assert cue.text[:40].rstrip() == opening.rstrip()


def test_seed_speaker_attribution_is_right_for_at_least_90_percent_of_words(seed_attributed):
    accuracy = attribution_accuracy(seed_attributed.cues, read_ground_truth())
    print(f"\nspeaker attribution on the seed page: {accuracy:.1%} of words right")
    assert accuracy >= 0.90, f"only {accuracy:.1%} of words attributed right"


def test_seed_parses_through_the_package_entry_point():
    from transcripts.formats import parse_transcript

    data = shared_file(SEED_RELATIVE).read_bytes()
    parsed = parse_transcript(data, format="page")
    assert parsed.metadata.show == "Forum"
    assert len(parsed.cues) > 50


# --- other pages -----------------------------------------------------------------

OTHER_SHOW_PAGE = """\
Newsroom
Who Pays for the Bridge?
3/7/2024 | 1h 2m 3sVideo has Closed Captions
Tolls are rising on every Bay Area bridge. Who should pay?
A look at bridge tolls, transit budgets and the people caught between them.
Problems playing video? | Closed Captioning Feedback
Newsroom is a local public television program presented by KQED
Newsroom
Who Pays for the Bridge?
3/7/2024 | 1h 2m 3sVideo has Closed Captions
A look at bridge tolls, transit budgets and the people caught between them.
How to Watch Newsroom
Newsroom is available to stream on pbs.org and the free PBS App.
Providing Support for PBS.org
Learn Moreabout PBS online sponsorship- Welcome to Newsroom, I'm Priya Raman.
Tolls go up again next month—the third rise in five years.
We're joined by Marcus Oyelaran, director of the Bay Area Transit Institute.
Welcome, Marcus.
- Thanks for having me.
- Marcus, who pays? - Drivers do, mostly.
The 5 - 10 percent rise falls on commuters - and on the self-employed.

- Arts and Music

A promo line for another programme.

Support for PBS provided by:
"""


def test_other_show_page_gives_its_own_header_and_no_furniture():
    parsed = parse(OTHER_SHOW_PAGE)
    assert parsed.metadata.show == "Newsroom"
    assert parsed.metadata.title == "Who Pays for the Bridge?"
    assert parsed.metadata.air_date == date(2024, 3, 7)
    assert parsed.metadata.duration_s == 3723
    assert parsed.metadata.summary == "Tolls are rising on every Bay Area bridge. Who should pay?"
    assert parsed.metadata.description.startswith("A look at bridge tolls")
    for cue in parsed.cues:
        for phrase in [*BOILERPLATE, "Arts and Music", "promo line", "Newsroom is"]:
            assert phrase.casefold() not in cue.text.casefold()


def test_other_show_page_splits_at_markers_but_not_at_dashes_used_as_punctuation():
    texts = [cue.text for cue in parse(OTHER_SHOW_PAGE).cues]
    assert texts == [
        "Welcome to Newsroom, I'm Priya Raman. "
        "Tolls go up again next month—the third rise in five years. "
        "We're joined by Marcus Oyelaran, director of the Bay Area Transit Institute. "
        "Welcome, Marcus.",
        "Thanks for having me.",
        "Marcus, who pays?",
        "Drivers do, mostly. "
        "The 5 - 10 percent rise falls on commuters - and on the self-employed.",
    ]


def test_other_show_page_attributes_its_own_host_and_guest():
    parsed = parse_and_attribute(OTHER_SHOW_PAGE)
    assert [cue.speaker for cue in parsed.cues] == [
        "Priya Raman",
        "Marcus Oyelaran",
        "Priya Raman",
        "Marcus Oyelaran",
    ]
    assert parsed.speakers["Priya Raman"].introduced_as == "host of Newsroom"
    assert parsed.speakers["Marcus Oyelaran"].introduced_as == (
        "director of the Bay Area Transit Institute"
    )


def test_double_chevron_markers_also_change_speaker():
    page = "Show\nTitle\n1/2/2025 | 58m\nSummary.\n>> Hello there. >> Hi.\n>> Bye."
    parsed = parse(page)
    assert [cue.text for cue in parsed.cues] == ["Hello there.", "Hi.", "Bye."]
    assert parsed.metadata.duration_s == 58 * 60


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("50m 24s", 3024), ("1h 2m 3s", 3723), ("58m", 3480), ("45s", 45), ("2h", 7200), ("", None)],
)
def test_durations_are_read_in_seconds(text, seconds):
    assert parse_duration(text) == seconds


def test_page_with_a_header_and_no_transcript_is_refused_with_a_line():
    page = "Forum\nA Title\n11/14/2025 | 50m 24s\nA summary.\nA description.\n"
    page += "Problems playing video? | Closed Captioning Feedback\n\nSupport for PBS provided by:\n"
    with pytest.raises(TranscriptFormatError) as caught:
        parse(page)
    assert caught.value.line is not None
    assert "no transcript" in str(caught.value)


def test_empty_page_is_refused():
    with pytest.raises(TranscriptFormatError):
        broadcast_page.parse("")


@pytest.mark.parametrize(
    ("line", "turns"),
    [
        # A stutter repeats the words before a glued dash: not a new voice.
        ("- I don't- I don't know.", ["I don't- I don't know."]),
        ("- We were- we were there.", ["We were- we were there."]),
        # A glued dash before new words is a turn ("sponsorship- We").
        ("- It was the bridge- We paid.", ["It was the bridge", "We paid."]),
        # After a sentence's end a marker opens a turn whatever follows it.
        ("- Do you want more? - yes, please.", ["Do you want more?", "yes, please."]),
        # A dash inside a sentence before a small word is punctuation.
        (
            "- It hits commuters - and the self-employed.",
            ["It hits commuters - and the self-employed."],
        ),
    ],
)
def test_stutters_and_dashes_are_told_from_turn_markers(line, turns):
    page = f"Show\nTitle\n1/2/2025 | 58m\nSummary.\n{line}\n- Next."
    assert [cue.text for cue in parse(page).cues] == [*turns, "Next."]


def test_a_stutter_check_stays_fast_on_a_long_line_of_dashes():
    # Bounded windows either side of each dash: linear in the line's length.
    line = "- " + "we were- We were " * 5_000
    cues = parse(f"Show\nTitle\n1/2/2025 | 58m\nSummary.\n{line}\n- Next.").cues
    assert len(cues) == 2


@pytest.mark.parametrize(
    ("after", "inferred"),
    [
        # Inside a long turn that goes on: the page marks neither change.
        ("And that is what the federal government would otherwise do.", [False, True, True]),
        # Ending a long turn before a marked one: the marker after "Hmm." is the page's,
        # put after the first speaker, not after the listener.
        ("- And that is what the federal government would otherwise do.", [False, True, False]),
    ],
)
def test_a_listeners_hmm_after_a_long_stretch_of_a_turn_is_a_turn_of_its_own(after, inferred):
    page = (
        "Show\nTitle\n1/2/2025 | 58m\nSummary.\n"
        "- So the state could raise its own taxes and fund the programs itself, right?\n"
        f"Hmm.\n{after}\n"
    )
    cues = parse(page).cues
    assert [cue.text for cue in cues] == [
        "So the state could raise its own taxes and fund the programs itself, right?",
        "Hmm.",
        "And that is what the federal government would otherwise do.",
    ]
    assert [cue.turn_inferred for cue in cues] == inferred


def test_after_an_unmarked_hmm_the_marked_turn_is_someone_other_than_the_speaker_before():
    page = (
        "Newsroom\nWho Pays?\n3/7/2024 | 58m\nSummary.\n"
        "- Welcome to Newsroom, I'm Priya Raman. We're joined by Marcus Oyelaran, director "
        "of the Transit Institute, and by Lena Ortiz, reporter for the Valley Chronicle. "
        "Marcus, who pays for the bridge?\n"
        "- Thanks for having me. Drivers do, mostly, and the tolls have gone up three times "
        "in five years on the commuters who have no other way to get to work.\n"
        "Hmm.\n"
        "- And I would add that the state has not put a cent into the new span.\n"
    )
    parsed = parse_and_attribute(page)
    speakers = [cue.speaker for cue in parsed.cues]
    assert speakers[:3] == ["Priya Raman", "Marcus Oyelaran", "Priya Raman"]
    assert speakers[3] != "Marcus Oyelaran"


@pytest.mark.parametrize(
    "lines",
    [
        # The turn before is short: the speaker's own thinking sound may end it.
        "- Well, let me think.\nHmm.\n- Next.",
        # After a short line it may be the speaker's own thinking sound.
        "- Well, let me think.\nHmm.\nYes, that is it.\n- Next.",
        # "Yeah." and "Right." are things speakers say to themselves too.
        "- So the state could raise its own taxes and fund its programs.\nYeah.\nOr not.\n- Next.",
    ],
)
def test_a_lone_sound_is_not_split_off_where_it_may_be_the_speakers_own(lines):
    cues = parse(f"Show\nTitle\n1/2/2025 | 58m\nSummary.\n{lines}").cues
    assert len(cues) == 2


PAGE_HEAD = "Show\nTitle\n1/2/2025 | 58m\nSummary.\n"
# Words the page writes in lowercase elsewhere, as any real transcript does.
LOWERCASE_LINE = "- we know it will be me and them and the professor of law, or no one, exactly."


@pytest.mark.parametrize(
    ("lines", "turns"),
    [
        # The sentence before is unfinished and one word after the dash closes it:
        # the marker came one word early, and the new voice starts after that word
        # (at the next line when the word ends the line).
        (
            "- Thanks for having - Me.\nYeah, thanks for calling in.",
            ["Thanks for having Me.", "Yeah, thanks for calling in."],
        ),
        (
            "- Luxuries for me, you - Know, wishlist items.",
            ["Luxuries for me, you Know,", "wishlist items."],
        ),
        (
            "- I would kick that to the law - Professor.\nYeah, that is what I said.",
            ["I would kick that to the law Professor.", "Yeah, that is what I said."],
        ),
        # A tag question closes its sentence, comma or not.
        (
            "- It is what makes sense, - Right?\nRight. What is federalism now?",
            ["It is what makes sense, Right?", "Right. What is federalism now?"],
        ),
    ],
)
def test_a_word_after_a_marker_that_closes_the_sentence_before_stays_with_it(lines, turns):
    cues = parse(f"{PAGE_HEAD}{LOWERCASE_LINE}\n{lines}\n- Next.").cues
    assert [cue.text for cue in cues][1:] == [*turns, "Next."]


@pytest.mark.parametrize(
    ("lines", "turns"),
    [
        # An interruption opens with an answer: "No," "Exactly." are the new voice's.
        ("- I think that we - No, listen to me.", ["I think that we", "No, listen to me."]),
        ("- So the deficit would be - Exactly.", ["So the deficit would be", "Exactly."]),
        # A name is capitalised everywhere: "John," opens a question to him.
        (
            "- I wanted to ask - John, what do you think?",
            ["I wanted to ask", "John, what do you think?"],
        ),
        # After a comma the sentence may be finished by someone else.
        (
            "- That is the basic, - Basic conversation.",
            ["That is the basic,", "Basic conversation."],
        ),
        ("- Or, you know, - Well, no one.", ["Or, you know,", "Well, no one."]),
        # Two words before the punctuation: no single word closing the sentence.
        (
            "- This kind of long time - Right there, yes.",
            ["This kind of long time", "Right there, yes."],
        ),
    ],
)
def test_a_marker_before_an_answer_a_name_or_new_words_stays_where_it_is(lines, turns):
    cues = parse(f"{PAGE_HEAD}{LOWERCASE_LINE}\n{lines}\n- Next.").cues
    assert [cue.text for cue in cues][1:] == [*turns, "Next."]


def test_an_answer_to_a_question_put_by_name_is_the_answer_of_the_one_asked():
    page = (
        f"{PAGE_HEAD}- So that is how we defend ourselves.\n"
        "- John, what do you think?\n"
        "Yeah, I'm nodding because I wrote an essay on it.\n"
        "- Next."
    )
    assert [cue.text for cue in parse(page).cues] == [
        "So that is how we defend ourselves.",
        "John, what do you think?",
        "Yeah, I'm nodding because I wrote an essay on it.",
        "Next.",
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # A speaker answering their own question (no one is asked by name).
        "- Can you believe it?\nNo, no. It was the number one song.",
        # "So," is no name: the page writes "so" in lowercase.
        "- So, why isn't that like a filing fee?\nWell, before you can sue, so you pay.",
        # Asked by name, but the next line goes on with the question, not an answer.
        "- General, can I ask you about the statute?\nJustice Ginsburg read it the other way.",
        # The question is not alone in its turn: the speaker was already talking.
        "- We were talking about taxes.\nJohn, what do you think?\nWell, I think it is a lot.",
    ],
)
def test_a_line_after_a_question_stays_with_the_asker_without_an_answer_to_a_name(lines):
    cues = parse(f"{PAGE_HEAD}{lines}\n- Next.").cues
    assert len(cues) == 2


# "comment", "lieutenant", "long" and "nobody" are words this page writes in lowercase.
ORDINARY_LINE = "- a comment from a lieutenant, long ago; nobody saw it."


@pytest.mark.parametrize(
    ("lines", "turns"),
    [
        # "the last" wants its noun: the word after the dash, the sentence going on in
        # lowercase, is it; the new voice starts after it.
        (
            "- To circle back, to the last - Comment sec commenter. Well, hold on.",
            ["To circle back, to the last Comment", "sec commenter. Well, hold on."],
        ),
        # A capitalised run after the dash is a title said to someone: the new voice's.
        (
            "- It tears apart the nation as a whole - Lieutenant Governor, stay with us.",
            ["It tears apart the nation as a whole", "Lieutenant Governor, stay with us."],
        ),
        # No article or possessive before the dash: no noun phrase left open.
        (
            "- It is complicated to explain - Long term, we will see.",
            ["It is complicated to explain", "Long term, we will see."],
        ),
        ("- I told you that - Nobody saw it coming.", ["I told you that", "Nobody saw it coming."]),
        # An answer opens the new voice's turn whatever comes before.
        ("- We went to the - No, listen to me.", ["We went to the", "No, listen to me."]),
    ],
)
def test_a_marker_before_the_noun_an_open_phrase_wants_moves_after_it(lines, turns):
    cues = parse(f"{PAGE_HEAD}{ORDINARY_LINE}\n{lines}\n- Next.").cues
    assert [cue.text for cue in cues][1:] == [*turns, "Next."]
