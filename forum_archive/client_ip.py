"""The visitor's address, as the outermost of our trusted proxies saw it.

Behind a load balancer every request comes from the balancer's address, so
locking out by REMOTE_ADDR would lock out everyone at once. Each proxy appends
the address it received the request from to X-Forwarded-For; the entries a
client wrote itself come first and cannot be trusted, so with N proxies the
client is the N-th entry from the right.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote_addr
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer hops than configured: it did not come through all our proxies, so
        # whatever the header says was written by the client itself.
        return remote_addr
    return forwarded[-proxies]
