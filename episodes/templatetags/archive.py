from django import template

from episodes.clock import clock as format_clock

register = template.Library()


@register.filter
def clock(milliseconds):
    """12:34 or 1:02:03 from integer milliseconds, on every page."""
    if milliseconds in (None, ""):
        return ""
    return format_clock(int(milliseconds))


@register.filter
def duration(seconds):
    """50m 24s style, from whole seconds."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m {seconds:02d}s"


SPEAKER_COLOURS = 8  # .sp-0 ... .sp-7 in site.css, each readable in light and dark


@register.filter
def speaker_colour(row):
    """The colour class number of a speaker's row: the table and the timeline share it."""
    return int(row) % SPEAKER_COLOURS
