"""Filling in the staff forms the way a browser sends them back."""

import datetime


def form_data(form, **changes):
    """What the browser would send back for ``form`` untouched, with ``changes``."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[field.html_name] = value.isoformat()
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif value is not None:
            data[field.html_name] = str(value)
    return {**data, **changes}
