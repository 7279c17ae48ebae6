from django import template

register = template.Library()


@register.filter
def clock(milliseconds):
    """12:34 or 1:02:03 from integer milliseconds: the one place times are formatted."""
    if milliseconds in (None, ""):
        return ""
    seconds = int(milliseconds) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


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
