from django.db import DatabaseError, connections
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 when every database answers, 503 (with which one failed) when one does not."""
    databases = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
            databases[alias] = "ok"
        except DatabaseError as error:
            databases[alias] = f"unavailable: {error.__class__.__name__}"
    healthy = all(state == "ok" for state in databases.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "databases": databases},
        status=200 if healthy else 503,
    )


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon">."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Search result pages are endless combinations; the sitemap lists the real pages.
        "Disallow: /search/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
