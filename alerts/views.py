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


@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        alert_id = services.unsign(services.UNSUBSCRIBE, token)
    except services.InvalidLink:
        return _invalid_link(request)
    if request.method == "GET":
        alert = Alert.objects.filter(pk=alert_id).first()
        return render(request, "alerts/unsubscribe.html", {"alert": alert})
    label = services.unsubscribe(token)
    return render(request, "alerts/unsubscribed.html", {"label": label})


@csrf_exempt  # RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, no CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def leave_all(request, token):
    try:
        email = services.unsign(services.LEAVE_ALL, token)
    except services.InvalidLink:
        return _invalid_link(request)
    if request.method == "GET":
        count = Alert.objects.filter(email=email).count()
        return render(request, "alerts/leave_all.html", {"email": email, "count": count})
    services.leave_all(token)
    return render(request, "alerts/unsubscribed.html", {"label": "", "everything": True})


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
