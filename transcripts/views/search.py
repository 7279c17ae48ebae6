"""The search page: the form in, the results (or help, or a clear message) out.

Every query runs in transcripts.search; this module only chooses what to show
and builds the links (facets, pages, feeds) from the request's own parameters.
"""

from dataclasses import dataclass
from urllib.parse import quote_plus

from django.shortcuts import render
from django.template.defaultfilters import urlencode as urlencode_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString

from episodes.cards import date_text
from episodes.models import episode_url
from episodes.templatetags.archive import clock
from forum_archive.reversing import addresses_of
from transcripts.filters import SearchForm
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
    context = {"form": form, "examples": SYNTAX_EXAMPLES, "max_query_chars": MAX_QUERY_CHARS}
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    criteria = form.criteria()
    context.update(criteria=criteria, notices=form.notices)
    if not criteria.words and not criteria.has_filters:
        return render(request, TEMPLATE, context)  # the help page, with examples
    results = search(criteria, page_number=request.GET.get("page"), plain=True)
    links = ResultLinks(request.GET)
    found = None
    if results.page.number == 1 and not results.message:
        found = suggestions(criteria.words)
        if not results.paragraph_count and criteria.words:
            found.spellings = [
                (words, count, links.changed(q=words))
                for words, count in spelling_suggestions(criteria.words)
            ]
    context.update(
        results=results,
        result_articles=result_articles(results.page, criteria.words),
        suggestions=found,
        spelling_count_cap=SPELLING_COUNT_CAP,
        active_filters=links.active_filters(criteria),
        sort_links=links.sorts(criteria.sort),
        speaker_facets=facet_items(links.speakers(results.speakers, criteria.speakers)),
        show_facets=facet_items(links.shows(results.shows, criteria.show)),
        year_facets=facet_items(links.years(results.years, criteria)),
        previous_url=links.page(results.page.number - 1) if results.page.has_previous() else "",
        next_url=links.page(results.page.number + 1) if results.page.has_next() else "",
        earlier_url=(
            links.changed(date_to=results.searched_before.isoformat()) if results.capped else ""
        ),
        feed_query=links.query,
    )
    return render(request, TEMPLATE, context)


# One result and one of its hits, as _search_results.html lays them out (its whitespace
# too). Each value is escaped by format_html; a snippet is the highlighter's
# escaped-then-marked SafeString, left as it is.
RESULT_HTML = (
    '\n    <article class="episode-card search-result">'
    '\n      <h3><a href="{}">{}</a></h3>'
    '\n      <p class="meta"><a href="{}">{}</a> · <time datetime="{}">{}</time> · {}</p>'
    '\n      <ol class="hits">\n        {}\n      </ol>\n      {}\n    </article>\n    '
)
HIT_HTML = (
    '\n        <li class="hit">'
    '\n          <p class="hit-meta">{} · {} · {}</p>'
    '\n          <p class="snippet">{}</p>'
    '\n          <a class="hit-link" href="{}">Read it in the transcript'
    '<span class="visually-hidden">: {} at {}</span> →</a>\n        </li>\n        '
)
MORE_HTML = '<p><a href="{}">{} more in this episode</a></p>'
SPEAKER_LINK_HTML = '<a class="speaker" href="{}">{}</a>'
SPEAKER_LABEL_HTML = '<span class="speaker">{}</span>'
FACET_HTML = '<li><a href="{}">{}</a> <span class="count">{}</span></li>'
CHOSEN_FACET_HTML = (
    '<li><a href="{}" aria-current="true">✓ {}</a> <span class="count">{}</span></li>'
)


def result_articles(page, words):
    """The page's results (ShownEpisode and ShownHit) as HTML, for ``_search_results.html``.

    Rendered by the template engine from dicts of ready strings, a page's ten results
    and their thirty hits still cost it ~9,000 Python calls (a variable lookup, an
    escape and a render call for each of ~400 values): a third of a rare word's page.
    Made here with format_html, each value is one escape.
    """
    in_words = f"?q={urlencode_filter(words)}" if words else ""
    speaker_url = addresses_of("episodes:speaker_detail")
    show_url = addresses_of("episodes:show_detail")
    articles = []
    for result in page:
        episode = result.episode
        url = episode_url(episode.air_date, episode.slug)
        hits = []
        for hit in result.hits:
            time = ("~" if hit.estimated else "") + clock(hit.start_ms)
            who = (
                format_html(SPEAKER_LINK_HTML, speaker_url(hit.speaker_slug), hit.name)
                if hit.speaker_slug
                else format_html(SPEAKER_LABEL_HTML, hit.name)
            )
            hits.append(
                format_html(
                    HIT_HTML,
                    who,
                    time,
                    episode.title,
                    hit.snippet,
                    f"{url}{in_words}#{hit.anchor}",
                    hit.name,
                    time,
                )
            )
        count = result.match_count
        more = result.more
        more_url = f"{url}{in_words}#search" if words else url
        articles.append(
            format_html(
                RESULT_HTML,
                url,
                episode.title,
                show_url(episode.show_slug),
                episode.show_name,
                episode.air_date.isoformat(),
                date_text(episode.air_date),
                f"{count} matching paragraph{'' if count == 1 else 's'}",
                SafeString("".join(hits)),
                format_html(MORE_HTML, more_url, more) if more else "",
            )
        )
    return SafeString("".join(articles))


def facet_items(links):
    """A facet's links as the list items of _search_results.html ("" for none).

    Through the template engine a link cost ~90 Python calls more than here (each
    ``{{ link.url }}`` on a dataclass first tries ``link["url"]`` and catches a TypeError).
    Made here, each value is one escape (a name or label as any other text).
    """
    return SafeString(
        "".join(
            format_html(
                CHOSEN_FACET_HTML if link.chosen else FACET_HTML, link.url, link.label, link.count
            )
            for link in links
        )
    )


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
            pair = self._pairs[name, value] = f"{quote_plus(name)}={quote_plus(str(value))}"
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
