"""Each HTML page with an API twin names it: <link rel="alternate" type="application/json">."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch

from forum_archive.reversing import reverse_once

# The HTML view -> its API twin, which takes the same URL arguments and query string.
TWINS = {
    "episodes:list": "api:episode-list",
    "episodes:detail": "api:episode-detail",
    "episodes:show_list": "api:show-list",
    "episodes:show_detail": "api:show-detail",
    "episodes:speaker_list": "api:speaker-list",
    "episodes:speaker_detail": "api:speaker-detail",
    "episodes:topic_list": "api:topic-list",
    "episodes:topic_detail": "api:topic-detail",
    "transcripts:search": "api:search",
}


def api_twin(request):
    """Context processor: ``api_twin_url``, the JSON twin of the page being drawn, or ""."""
    match = getattr(request, "resolver_match", None)
    twin = TWINS.get(match.view_name) if match else None
    if twin is None:
        return {"api_twin_url": ""}
    try:
        url = reverse_once(twin, kwargs=match.kwargs)
    except NoReverseMatch:
        return {"api_twin_url": ""}
    # In a fixed order, so one list asked for in two orders is one page; without the page
    # number: the API pages with its own parameters.
    query = urlencode(
        [
            (name, value)
            for name, values in sorted(request.GET.lists())
            if name != "page"
            for value in values
        ]
    )
    return {"api_twin_url": f"{url}?{query}" if query else url}
