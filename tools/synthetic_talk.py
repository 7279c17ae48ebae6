"""Synthetic talk: words with speech's frequencies, paragraphs that read like transcribed talk.

Words are drawn from a Zipf-like vocabulary (function words first, then the
words of talk radio, then a long tail of made-up words), so the tsvector sizes,
the GIN posting lists and the planner's statistics look like real speech: a
handful of words are in most paragraphs, most words in very few. The benchmark's
archive (tools/bench_archive.py) and its ingest file are written from these.
"""

import itertools
import random

# Named words at chosen places in the frequency order, so the query mix hits a
# known-common, a known-rare and a phrase. Rank 1 is the most frequent word.
COMMON_WORD = "know"  # rank ~20: in roughly one paragraph out of six
MIDDLE_WORD = "housing"  # rank ~150: in a few paragraphs out of a hundred
RARE_WORD = "watershed"  # rank ~20,000: a couple of hundred paragraphs in a million
PHRASE = ("public", "transit")
PHRASE_SHARE = 0.01  # one paragraph in a hundred says the phrase outright

# Word lists as text, split below: function words first (most are PostgreSQL stop
# words, as in speech), then the words of talk radio. "cafe" and "café" both appear.
WORDS_FUNCTION = """
the and to a of i that you it in is we was for they so but this on be have with what not
are there if do just as at about or all my he can me one our would from your an were will
by because some when out had more up then them how been their who very has which no into
than these other its those did her his she him over only does should could being any each
same again most such both own few while through before
"""
WORDS_TALK = """
think like people going well yeah right really get said want time thing things mean lot
now city state need way work money years good make year say see county public community
back look go new kind school schools much even first point question county's call caller
bay area governor mayor budget water fire health care jobs workers families children kids
news program week today tonight morning district voters election ballot measure tax taxes
rent tenants homes home homeless shelter police safety street streets traffic bridge
transit bus buses train trains bart muni climate change heat drought rain flood wildfire
smoke air quality energy power grid solar electric cars housing land growth economy
business small owners restaurant cafe café coffee food farm farmers market prices price
cost costs pay wages union strike teachers students college university research science
data report study numbers percent million billion federal government congress senate court
judge law lawyers rights vote votes campaign candidate candidates council supervisor
supervisors board meeting plan plans policy policies funding fund funds hospital doctors
nurses patients insurance medicare vaccine vaccines covid virus pandemic masks immigrants
immigration border language culture music art artists museum library books writer story
stories history neighborhood oakland berkeley francisco jose sacramento fresno valley coast
ocean fishing salmon forest trees parks open space wildlife species habitat kounalakis
newsom pelosi breed lee
"""
WORDS_SYLLABLES = """
ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu
pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi
"""
WORDS_FIRST_NAMES = """
Rosa Sam Mina Alex Priya Jordan Ana Luis Maya Omar Grace Kenji Fatima Diego Nora Tariq
Leila Marcus Ingrid Chen Amara Felipe Hana Ravi Tomas Keiko Dmitri Aisha Mateo Ines José
Zoë Renée Eleni
"""
WORDS_LAST_NAMES = """
Delgado Ortiz Nakamura Okafor Lindqvist Haddad Ramírez Kounalakis Chen Patel Goldberg
Nguyen Moreau Kowalski Adeyemi Fischer Santos Ibrahim Costa Park Andersen Rossi Mbeki Kaur
Silva Novak Yamamoto Byrne Oyelaran
"""
FUNCTION_WORDS = WORDS_FUNCTION.split()
TALK_WORDS = WORDS_TALK.split()
SYLLABLES = WORDS_SYLLABLES.split()
FIRST_NAMES = WORDS_FIRST_NAMES.split()
LAST_NAMES = WORDS_LAST_NAMES.split()


class Vocabulary:
    """Words with Zipf-Mandelbrot frequencies: p(rank) ~ 1 / (rank + 2.7) ** 1.07."""

    def __init__(self, rng, *, size=40_000):
        tail = self._made_up_words(rng, size - len(FUNCTION_WORDS) - len(TALK_WORDS))
        words = list(dict.fromkeys([*FUNCTION_WORDS, *TALK_WORDS])) + tail
        for word, rank in ((COMMON_WORD, 20), (MIDDLE_WORD, 150), (RARE_WORD, 20_000)):
            if word in words:
                words.remove(word)
            words.insert(rank - 1, word)
        self.words = words
        weights = [1 / (rank + 2.7) ** 1.07 for rank in range(1, len(words) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    @staticmethod
    def _made_up_words(rng, count):
        seen = set(FUNCTION_WORDS) | set(TALK_WORDS) | {RARE_WORD}
        words = []
        while len(words) < count:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def draw(self, count):
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)


class ParagraphWriter:
    """Paragraphs that read like transcribed talk: sentences, capitals, a phrase now and then."""

    def __init__(self, rng, vocabulary):
        self.rng = rng
        self.vocabulary = vocabulary
        # Call-in talk mixes short exchanges with long answers: 4 to 110 words, mean ~40.
        self.lengths = [4, 6, 9, 12, 18, 25, 32, 40, 50, 60, 75, 90, 110]
        self.length_weights = list(itertools.accumulate([4, 5, 6, 7, 8, 9, 9, 9, 9, 8, 7, 5, 4]))

    def paragraphs(self, count):
        rng = self.rng
        lengths = rng.choices(self.lengths, cum_weights=self.length_weights, k=count)
        words = self.vocabulary.draw(sum(lengths))
        offset = 0
        for length in lengths:
            chunk = words[offset : offset + length]
            offset += length
            if length > 6 and rng.random() < PHRASE_SHARE:
                at = rng.randrange(length - 2)
                chunk[at : at + 2] = PHRASE
            yield self._sentences(chunk), length

    def _sentences(self, words):
        rng = self.rng
        pieces = []
        start = 0
        while start < len(words):
            end = min(len(words), start + rng.randint(6, 18))
            sentence = " ".join(words[start:end])
            pieces.append(
                sentence[:1].upper() + sentence[1:] + ("?" if rng.random() < 0.1 else ".")
            )
            start = end
        return " ".join(pieces)


def ingest_file(paragraphs, *, seed=7):
    """A plain-text transcript of ``paragraphs`` timed turns by four people, as bytes."""
    rng = random.Random(seed)
    writer = ParagraphWriter(rng, Vocabulary(rng, size=20_000))
    voices = ["Rosa Delgado", "Sam Ortiz", "Mina Nakamura", "Omar Haddad"]
    lines = []
    start_s = 0
    # Spoken pace, but never past 47 hours: an import refuses times of 48 hours or more
    # (a file of 20,000 paragraphs at the spoken pace lasts 83 hours).
    longest_step_s = max(1, 47 * 3600 // max(1, paragraphs))
    for number, (text, words) in enumerate(writer.paragraphs(paragraphs)):
        hours, rest = divmod(start_s, 3600)
        lines.append(f"[{hours:02d}:{rest // 60:02d}:{rest % 60:02d}] {voices[number % 4]}: {text}")
        start_s += min(longest_step_s, max(1, round(words * 0.38)))
    return ("\n\n".join(lines) + "\n").encode()
