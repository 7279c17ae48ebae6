from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AddressRateThrottle(AnonRateThrottle):
    """API_RATE requests per client address (e.g. 120/minute), then 429 with Retry-After.

    The rate is read per request, so a changed setting takes effect without a restart
    of the class (DRF's own reads its setting once, at import).
    """

    def get_rate(self):
        return settings.API_RATE
