"""The search page: the form in, the results (or help, or a clear message) out.

Every query runs in transcripts.search; this module only chooses what to show
and builds the links (facets, pages, feeds) from the request's own parameters.
"""

import re
from dataclasses import dataclass, replace
from urllib.parse import quote_plus

from django.shortcuts import render
from django.template.defaultfilters import urlencode as urlencode_filter

from transcripts.filters import SORT_CHOICES, SearchForm
from transcripts.search import (
    MAX_QUERY_CHARS,
    NEWEST,
    RELEVANCE,
    SPELLING_COUNT_CAP,
    search,
    spelling_suggestions,
    suggestions,
)

TEMPLATE = "transcripts/search.html"
# Examples on the help page: (what to type, what it finds).
SYNTAX_EXAMPLES = [
    ("housing", "paragraphs with “housing”, “house” or “houses” (English stemming)"),
    ("rent control", "both words, anywhere in the paragraph"),
    ("“rent control”", "the exact phrase"),
    ("transit OR bart", "either word"),
    ("wildfire -smoke", "“wildfire” but not “smoke”"),
    ("cafe", "“café” too: accents are ignored"),
]


@dataclass
class Link:
    """A facet or page link: where it goes, what it says, how many, whether it is chosen."""

    url: str
    label: str
    count: int | None = None
    chosen: bool = False


def search_page(request):
    form = SearchForm(request.GET)
    context = {
        "form": form,
        "examples": SYNTAX_EXAMPLES,
        "max_query_chars": MAX_QUERY_CHARS,
        "sort_choices": SORT_CHOICES,
        "criteria": None,
        "notices": (),
        "results": None,
        "sort": "",
    }
    if not form.is_valid():
        context.update(_as_typed(form))
        return _render(request, context, status=400)
    criteria = form.criteria()
    context.update(_as_typed(form, criteria), criteria=criteria, notices=form.notices)
    context["sort"] = criteria.sort
    if not criteria.words and not criteria.has_filters:
        return _render(request, context)  # the help page, with examples
    results = search(criteria, page_number=request.GET.get("page"), plain=True)
    links = ResultLinks(request.GET)
    found = None
    if results.page.number == 1 and not results.message:
        found = suggestions(criteria.words)
        if not results.paragraph_count and criteria.words:
            spellings = [
                (words, count, links.changed(q=words))
                for words, count in spelling_suggestions(criteria.words)
            ]
            found = replace(found, spellings=spellings)  # the process's copy stays as it is
    context.update(
        results=results,
        suggestions=found,
        spelling_count_cap=SPELLING_COUNT_CAP,
        active_filters=links.active_filters(criteria),
        sort_links=links.sorts(criteria.sort),
        speaker_facets=links.speakers(results.speakers, criteria.speakers),
        show_facets=links.shows(results.shows, criteria.show),
        year_facets=links.years(results.years, criteria),
        previous_url=links.page(results.page.number - 1) if results.page.has_previous() else "",
        next_url=links.page(results.page.number + 1) if results.page.has_next() else "",
        earlier_url=(
            links.changed(date_to=results.searched_before.isoformat()) if results.capped else ""
        ),
        feed_query=links.query,
        # A hit's links to its episode keep the words, so the episode page marks them.
        in_words=f"?q={urlencode_filter(criteria.words)}" if criteria.words else "",
    )
    return _render(request, context)


def _render(request, context, status=None):
    # The search page is Jinja2's (forum_archive/jinja_engine.py); every other page Django's.
    return render(request, TEMPLATE, context, status=status, using="jinja2")


def _as_typed(form, criteria=None):
    """What the form's fields show: the words, and the dates as typed ("" for none)."""
    typed = {name: form[name].value() for name in ("q", "date_from", "date_to")}
    return {
        "words_typed": (criteria and criteria.words) or _or_empty(typed["q"]),
        "date_from": _or_empty(typed["date_from"]),
        "date_to": _or_empty(typed["date_to"]),
    }


def _or_empty(value):
    return "" if value is None else value


# What quote_plus() leaves as it is. Most of a page's pairs are slugs, dates and numbers:
# one match in C where quote_plus() costs three Python calls (~64 a page).
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def _quoted(text):
    return text if _UNQUOTED(text) else quote_plus(text)


class ResultLinks:
    """URLs that keep the current search and change one thing (a filter, the page, the sort)."""

    def __init__(self, params):
        # {name: [values]} in the order given, without the page: every link starts at page 1.
        self.params = {name: values for name, values in params.lists() if name != "page"}
        self._pairs = {}  # {(name, value): "name=value"}, each encoded once a page

    def _url(self, params):
        """``?`` and urlencode()'s query string of ``params``: a page's ~20 links repeat
        the same few pairs, which urlencode() encoded again for each (~50 calls a link)."""
        return "?" + "&".join(
            [self._pair(name, value) for name, values in params.items() for value in values]
        )

    def _pair(self, name, value):
        pair = self._pairs.get((name, value))
        if pair is None:
            pair = self._pairs[name, value] = f"{_quoted(name)}={_quoted(str(value))}"
        return pair

    def changed(self, **changes):
        """The search with each named parameter set to a value, or removed for None."""
        params = dict(self.params)
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = [value]
        return self._url(params)

    def page(self, number):
        return self._url({**self.params, "page": [number]})

    @property
    def query(self):
        """The search as a query string (for the feed links)."""
        return self._url(self.params)[1:]

    def _with_speakers(self, slugs):
        return self._url({**self.params, "speaker": slugs})

    def active_filters(self, criteria):
        """One link per filter in force, which removes it."""
        links = []
        chosen = self.params.get("speaker", [])
        for speaker in criteria.speakers:
            others = [slug for slug in chosen if slug != speaker.slug]
            links.append(Link(self._with_speakers(others), f"said by {speaker.name}"))
        if criteria.show:
            links.append(Link(self.changed(show=None), f"on {criteria.show.name}"))
        if criteria.topic:
            links.append(Link(self.changed(topic=None), f"about {criteria.topic.name}"))
        if criteria.date_from:
            links.append(
                Link(self.changed(date_from=None), f"from {criteria.date_from:%b %-d, %Y}")
            )
        if criteria.date_to:
            links.append(Link(self.changed(date_to=None), f"until {criteria.date_to:%b %-d, %Y}"))
        return links

    def sorts(self, current):
        return [
            Link(self.changed(sort=value), label, chosen=value == current)
            for value, label in ((RELEVANCE, "best match"), (NEWEST, "newest first"))
        ]

    def speakers(self, counts, chosen):
        chosen_slugs = {speaker.slug for speaker in chosen}
        links = []
        for speaker, count in counts:
            slugs = [slug for slug in self.params.get("speaker", []) if slug != speaker.slug]
            if speaker.slug not in chosen_slugs:
                slugs.append(speaker.slug)  # a link adds the speaker, or removes a chosen one
            link = Link(
                self._with_speakers(slugs), speaker.name, count, speaker.slug in chosen_slugs
            )
            links.append(link)
        return links

    def shows(self, counts, chosen):
        return [
            Link(
                self.changed(show=None if show == chosen else show.slug),
                show.name,
                count,
                show == chosen,
            )
            for show, count in counts
        ]

    def years(self, counts, criteria):
        links = []
        for year, count in counts:
            chosen = (
                criteria.date_from is not None
                and criteria.date_to is not None
                and criteria.date_from.year == criteria.date_to.year == year
            )
            if chosen:
                url = self.changed(date_from=None, date_to=None)
            else:
                url = self.changed(date_from=f"{year}-01-01", date_to=f"{year}-12-31")
            links.append(Link(url, str(year), count, chosen))
        return links
