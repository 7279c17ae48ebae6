"""Times as people and players read them: the one clock formatter.

Times are integer milliseconds everywhere in the data; this turns them into
``12:34`` or ``1:02:03`` (the ``clock`` template filter shows it on every page),
and with options into the stamps that downloads and messages write.
"""


def clock(milliseconds: int, *, hour_digits: int = 0, millis: bool = False, separator=".") -> str:
    """``12:34``, or ``1:02:03`` from an hour on.

    ``hour_digits``: 1 always shows the hours (``0:12:34``), 2 pads them (``00:12:34``,
    as WebVTT and SubRip write). ``millis`` adds ``.450`` (``,450`` with ``separator=","``).
    """
    sign = "-" if milliseconds < 0 else ""
    seconds, rest_ms = divmod(abs(int(milliseconds)), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours or hour_digits:
        text = f"{hours:0{max(hour_digits, 1)}d}:{minutes:02d}:{seconds:02d}"
    else:
        text = f"{minutes}:{seconds:02d}"
    if millis:
        text += f"{separator}{rest_ms:03d}"
    return sign + text
