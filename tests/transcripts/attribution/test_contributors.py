"""A contributor the host hands the air to for a piece of their own (a critic's
review, a reporter's report): made-up public-radio hours with a third voice."""

import pytest

from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.introductions import presented_contributor

INTERVIEW = [
    "This is Harbor Hour. I'm Tess Alder. My guest is Omar Vale, a boat builder who has "
    "just written a memoir about the last wooden shipyard on the coast. Omar Vale, welcome.",
    "Thank you, Tess. It's good to be here.",
    "How old were you when you first worked in the yard?",
    "I was twelve. My grandfather put a plane in my hand and told me to take the bark off a "
    "plank, and I spent the whole summer doing nothing else. I hated it for a month and then "
    "I could not imagine doing anything else with my life.",
    "Why did the yard close?",
    "Nobody wanted wooden boats anymore. Fiberglass was cheaper and it did not rot, and one "
    "by one the fishermen stopped coming. We held on for eleven years after we should have "
    "sold, mostly out of stubbornness.",
    "Omar Vale, thank you so much for talking with us.",
    "Thank you for having me.",
]
REVIEW = (
    "There is a moment in the new documentary about lighthouse keepers when an old man climbs "
    "the stairs of a tower he tended for forty years and simply stands at the top, saying "
    "nothing, while the camera waits with him. The film is full of moments like that, patient "
    "and quiet, and it trusts its audience to sit still. Not all of it works. The middle "
    "stretch drifts, and a narrator keeps telling us what we have already seen. But the last "
    "half hour is as moving as anything I have watched this year."
)


def an_hour_with(presenting: str, back: str) -> list[str]:
    return [*INTERVIEW, f"Omar Vale's memoir is called The Last Yard. {presenting}", REVIEW, back]


@pytest.mark.parametrize(
    "presenting",
    [
        "Our film critic Ada Stone reviews a new documentary about lighthouse keepers.",
        "Film critic Ada Stone has this review of a new documentary.",
        "Ada Stone has this review of a new documentary about lighthouse keepers.",
        "Here's Ada Stone with a review of a new documentary.",
    ],
)
def test_a_critic_the_host_hands_the_air_to_speaks_the_next_turn_not_the_guest(presenting):
    labels = attribute_turns(
        an_hour_with(presenting, "Ada Stone reviewed the new film Keepers. I'm Tess Alder.")
    ).labels
    review = len(INTERVIEW) + 1
    assert labels[review] == "Ada Stone"
    assert {labels[t] for t in (1, 3, 5, 7)} == {"Omar Vale"}
    assert labels[review + 1] == "Tess Alder"


def test_a_piece_announced_for_later_is_not_handed_over():
    """ "After a break, our critic ... reviews ..." announces a piece still to come: the
    next turn is not the critic's."""
    assert presented_contributor("After a break, our critic Ada Stone reviews a film.") is None
    assert presented_contributor("Coming up, Ada Stone has this review.") is None
    assert presented_contributor("Ada Stone reports. Then we talk to Omar.") is None  # not last
    assert presented_contributor("Here's Ben Hart with a report.") == ("Ben Hart", 7)
    # Where the name starts in its sentence.
    assert presented_contributor("Thanks, Tess. Ben Hart reports.") == ("Ben Hart", 0)
    assert presented_contributor("The Times has this review.") is None


def test_the_contributor_is_off_the_air_once_the_host_names_them_again():
    """The host back from the piece ("Ada Stone reviewed ...") has the air back: the
    guest's answers after it are not the critic's."""
    turns = [
        *INTERVIEW[:6],
        "We'll get back to my interview in a moment. Our critic Ada Stone reviews a new "
        "documentary about lighthouse keepers.",
        REVIEW,
        "Ada Stone reviewed Keepers. This is Harbor Hour, and we're back. What do you miss "
        "most about the yard?",
        "The smell of cedar shavings in the morning, and my grandfather whistling while he "
        "worked. I miss the sound of a hull being planked, a kind of knocking that you could "
        "hear all the way down the harbor.",
    ]
    labels = attribute_turns(turns).labels
    assert labels[7] == "Ada Stone"
    assert labels[9] == "Omar Vale"


@pytest.mark.parametrize(
    "read",
    [
        "Support for Harbor Hour comes from listeners of this station and from the Alder "
        "Foundation, supporting new voices in public media.",
        "Harbor Hour is produced by Jo Park and Ted Lim. Our engineer is Sam Lutz.",
    ],
)
def test_a_station_read_after_the_host_signs_off_is_never_the_guests(read):
    """Credits and underwriting are the station's words, read by the host or an
    announcer: a turn of them after the host's is not the guest's, whatever the
    alternation says."""
    turns = [*INTERVIEW, "Omar Vale's memoir is called The Last Yard. I'm Tess Alder.", read]
    labels = attribute_turns(turns).labels
    assert labels[-1] in ("Tess Alder", None)
    assert {labels[t] for t in (1, 3, 5, 7)} == {"Omar Vale"}


def test_a_guest_naming_who_made_their_work_midway_is_still_the_guest():
    """ "Our director is ..." said by a guest about their film is not the station's
    credits: only the closing turns read those."""
    turns = [
        *INTERVIEW[:4],
        "And the film they made of it?",
        "It's small. Our director is my nephew.",
        *INTERVIEW[4:],
    ]
    assert attribute_turns(turns).labels[5] == "Omar Vale"
