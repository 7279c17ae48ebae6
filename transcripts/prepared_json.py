"""A prepared transcript as plain JSON and back, so the preview and the confirm reuse one parse.

Generic on purpose: every dataclass the pipeline returns is written field by field
and read back by its type hints, so a field added to ``Cue``, ``Paragraph`` or the
attribution's results needs no change here. Reading is forgiving the other way
too: a field the stored data lacks takes its default, one it has that the class
no longer knows is dropped. Data that cannot be read (a field without a default
went missing) raises ``StalePreparedData``: parse the bytes again.

JSON, never pickle: nothing a user sent can run code when it is read back.
"""

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import cache

from transcripts.pipeline import PreparedTranscript

FORMAT_VERSION = 1


class StalePreparedData(ValueError):
    """The stored form no longer fits the classes: prepare the transcript again."""


def prepared_to_json(prepared: PreparedTranscript) -> dict:
    return {"version": FORMAT_VERSION, "prepared": _encode(prepared)}


def prepared_from_json(data) -> PreparedTranscript:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise StalePreparedData("no prepared transcript of this format is stored")
    try:
        return _decode(PreparedTranscript, data["prepared"])
    except (KeyError, TypeError, ValueError) as error:
        raise StalePreparedData(str(error)) from error


def _encode(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, date):  # datetime too: isoformat keeps which it was
        return value.isoformat()
    return value


@cache
def _hints(cls):
    return typing.get_type_hints(cls)


def _decode(kind, value):
    if value is None:
        return None
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in arguments if option is not type(None)]
        for option in options[:-1]:
            try:
                return _decode(option, value)
            except (KeyError, TypeError, ValueError):
                continue
        return _decode(options[-1], value)
    if origin in (list, tuple):
        item = arguments[0] if arguments else typing.Any
        items = [_decode(item, v) for v in value]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        item = arguments[1] if len(arguments) == 2 else typing.Any
        return {key: _decode(item, v) for key, v in value.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise TypeError(f"{kind.__name__} stored as {type(value).__name__}")
        hints = _hints(kind)
        known = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{name: _decode(hints[name], v) for name, v in value.items() if name in known})
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return value
