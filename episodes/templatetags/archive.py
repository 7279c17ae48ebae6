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


# The talk timeline: one 8-unit lane per speaker with 4 units between.
@register.filter
def timeline_y(row):
    return int(row) * 12


@register.filter
def timeline_height(rows):
    return max(int(rows) * 12 - 4, 8)


@register.filter
def timeline_px(rows):
    return timeline_height(rows) * 2
