"""Which addresses are pages a visitor reads: the one list the middlewares that treat
public pages alike (the page cache, the rendering budget, the speaker cap) look at."""

# The staff's screens: never cached, budgeted or cut short (the statement timeout).
STAFF_PREFIX = "/admin/"
# The JSON API answers its own refusals, in JSON.
API_PREFIX = "/api/"
# Not pages: the staff's screens, the load balancer's probe, and files.
NOT_PAGES = (STAFF_PREFIX, "/healthz", "/static/", "/media/")


def is_public_page(path):
    return not path.startswith(NOT_PAGES)
