"""The alert pages: subscribe, confirm, unsubscribe (one alert or all), manage.

None of them is cached (each carries a CSRF token or answers for one address), and a
link's action happens on POST only: mail scanners that open links must not confirm or
unsubscribe anyone. The List-Unsubscribe address takes the mail client's one-click
POST without a CSRF token (RFC 8058); its signed token is what authorises it.
"""

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from alerts import services
from alerts.forms import SubscribeForm
from alerts.models import Alert


def _limited(request, email):
    """Too many subscriptions from this client address, or to this email address?"""
    by_address = is_ratelimited(
        request,
        group="alerts.subscribe.ip",
        key="ip",
        rate=settings.ALERT_SUBSCRIBE_RATE_IP,
        increment=True,
    )
    by_email = is_ratelimited(
        request,
        group="alerts.subscribe.email",
        key=lambda group, request: email.strip().lower(),
        rate=settings.ALERT_SUBSCRIBE_RATE_EMAIL,
        increment=True,
    )
    return by_address or by_email


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """GET ?<the search's parameters>: the form; POST: send the confirmation email.

    The answer to a POST is the same page whether or not the address already follows
    this search, or anything else: nothing tells who subscribes to what.
    """
    if request.method == "GET":
        query = services.canonical_query(request.GET)
        form = SubscribeForm(initial={"query": query})
    else:
        form = SubscribeForm(request.POST)
        query = services.canonical_query(QueryDict(request.POST.get("query", "")))
    criteria = services.criteria_for(query)
    label = services.describe(criteria) if criteria else ""
    context = {"form": form, "criteria": criteria, "label": label}
    if criteria is None:  # nothing to follow, or a show or speaker that is not there
        return render(request, "alerts/subscribe.html", context, status=400)
    if request.method == "GET":
        return render(request, "alerts/subscribe.html", context)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", context, status=400)
    email = form.cleaned_data["email"]
    if _limited(request, email):
        response = render(request, "alerts/too_many.html", context, status=429)
        response["Retry-After"] = "3600"
        return response
    services.subscribe(
        email=email, criteria=criteria, query=query, frequency=form.cleaned_data["frequency"]
    )
    return render(request, "alerts/check_inbox.html", {**context, "email": email})


def _invalid_link(request):
    return render(request, "alerts/invalid_link.html", status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        if request.method == "GET":
            alert, frequency = services.alert_to_confirm(token)
            return render(request, "alerts/confirm.html", {"alert": alert})
        alert = services.confirm(token)
    except services.InvalidLink:
        return _invalid_link(request)
    context = {"alert": alert, "manage_url": services.manage_path(alert.email)}
    return render(request, "alerts/confirmed.html", context)


def _signed_link(purpose, *, ask, act):
    """The page of a signed link: GET shows ``ask(value signed in the token)`` and changes
    nothing (mail scanners open links), POST does ``act(token)``. Each gives the
    (template, context) to render; a bad or expired link gets the invalid-link page."""

    @never_cache
    @require_http_methods(["GET", "POST"])
    def view(request, token):
        try:
            value = services.unsign(purpose, token)
        except services.InvalidLink:
            return _invalid_link(request)
        template, context = ask(value) if request.method == "GET" else act(token)
        return render(request, template, context)

    return view


def _ask_unsubscribe(alert_id):
    return "alerts/unsubscribe.html", {"alert": Alert.objects.filter(pk=alert_id).first()}


def _unsubscribe(token):
    return "alerts/unsubscribed.html", {"label": services.unsubscribe(token)}


def _ask_leave_all(email):
    count = Alert.objects.filter(email=email).count()
    return "alerts/leave_all.html", {"email": email, "count": count}


def _leave_all(token):
    services.leave_all(token)
    return "alerts/unsubscribed.html", {"label": "", "everything": True}


unsubscribe = _signed_link(services.UNSUBSCRIBE, ask=_ask_unsubscribe, act=_unsubscribe)
# RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, no CSRF token.
leave_all = csrf_exempt(_signed_link(services.LEAVE_ALL, ask=_ask_leave_all, act=_leave_all))


@never_cache
def manage(request, token):
    """Every alert of the address the link was sent to, each with its way out."""
    try:
        email = services.address_from_manage_link(token)
    except services.InvalidLink:
        return _invalid_link(request)
    alerts = [
        {"alert": alert, **services.links_for(alert)}
        for alert in Alert.objects.filter(email=email).order_by("created_at")
    ]
    return render(request, "alerts/manage.html", {"email": email, "alerts": alerts})
