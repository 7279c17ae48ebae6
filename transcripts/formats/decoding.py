"""Bytes -> text for every transcript format, without garbling and without guessing wildly.

The order matters:

1. a byte-order mark is the file's own word, so it wins;
2. NUL bytes mean UTF-16 without a BOM (text mostly in ASCII has a NUL in every other
   byte) or else binary data;
3. strict UTF-8 is the common case, and charset-normalizer can misjudge short texts;
4. for the rest (old caption tools writing Windows-1252 or Latin-1) cp1252 wins when
   it reads the bytes about as well as charset-normalizer's best guess, or when
   charset-normalizer is unsure (no language recognised): for a few accented letters
   every Western code page looks equally plausible, and cp1252 is what those tools
   wrote. Its guess is taken when it is sure: Cyrillic in cp1251, Japanese in
   Shift-JIS.

Whatever decodes must still look like text: binary data read as a code page is full
of control characters.
"""

import codecs
import re

from charset_normalizer import from_bytes

from transcripts.errors import TranscriptFormatError

NOT_TEXT_MESSAGE = (
    "this is not a text file (it looks like binary data, such as an image or a "
    "word-processor document); a transcript must be plain text: WebVTT, SubRip, "
    "Podcasting 2.0 JSON or HTML, or text with Name: turns"
)

# Longest BOMs first: the UTF-32-LE mark starts with the UTF-16-LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How much better (less chaos, more coherence) another code page must read the bytes
# before we believe charset-normalizer over cp1252.
CP1252_MARGIN = 0.1

# CJK radicals, kana, Hangul and ideographs all lie at or above this code point.
FIRST_WIDE_CHARACTER = 0x2E80

# Text has tabs and line breaks but hardly any other control characters (C0 and C1,
# the Unicode category Cc); binary data decoded as a single-byte code page is full
# of them.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01

# Look at this many bytes to tell BOM-less UTF-16 from binary data.
SNIFF_BYTES = 4096


def decode_text(data: bytes, *, notes: list[str] | None = None) -> str:
    """Decode a transcript file's bytes; newlines become \\n and a BOM is dropped.

    Raises TranscriptFormatError when the bytes are not text in any encoding we read.
    What a person should know is added to ``notes``: bytes that are not UTF-8, read
    as a legacy code page, with where the first such byte is.
    """
    # Old DOS-era tools end files with a Ctrl-Z end-of-file marker; it is not text.
    text = _decode(data, [] if notes is None else notes).rstrip("\x1a")
    if _looks_binary(text):
        raise TranscriptFormatError(NOT_TEXT_MESSAGE)
    return normalise_newlines(text.removeprefix("\ufeff"))


def _not_utf8_note(data: bytes, error: UnicodeDecodeError, encoding: str) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    return (
        f"the file is not valid UTF-8 (the first byte that is not, 0x{data[error.start]:02X}, "
        f"is at line {line}, column {column}); it was read as {encoding}: check its "
        "accented letters, or save it as UTF-8 and import it again"
    )


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, notes: list[str]) -> str:
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_strictly(data[len(mark) :], encoding)
    if b"\x00" in data:
        encoding = _bomless_utf16_encoding(data)
        if encoding is None:
            raise TranscriptFormatError(NOT_TEXT_MESSAGE)
        return _decode_strictly(data, encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        not_utf8 = error
    encoding = _guess_single_byte_encoding(data)
    text = _decode_strictly(data, encoding)
    notes.append(_not_utf8_note(data, not_utf8, encoding))
    return text


def _decode_strictly(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise TranscriptFormatError(
            f"{NOT_TEXT_MESSAGE} (the bytes are not valid {encoding})"
        ) from None


def _bomless_utf16_encoding(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NULs sit in every other byte, else None."""
    sample = data[:SNIFF_BYTES]
    if len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Text mostly in Latin script: the high byte of nearly every character is NUL,
    # and the low byte almost never is.
    if odd_nuls >= 0.3 * half and even_nuls <= 0.05 * half:
        return "utf-16-le"
    if even_nuls >= 0.3 * half and odd_nuls <= 0.05 * half:
        return "utf-16-be"
    return None


def _guess_single_byte_encoding(data: bytes) -> str:
    """Best reading of bytes that are neither UTF-8 nor UTF-16: usually cp1252."""
    best = _best_match(data)
    cp1252 = from_bytes(data, cp_isolation=["cp1252"]).best()
    if cp1252 is not None and (best is None or _reads_about_as_well(cp1252, best)):
        return "cp1252"
    # charset-normalizer is sure when it recognised a language in its reading, or
    # when the bytes read as East Asian text where cp1252 reads badly.
    if best is not None and (
        best.coherence > 0 or (cp1252 is None and _reads_as_east_asian_text(str(best)))
    ):
        return best.encoding
    # Unsure (short texts, a few accents): what old Western caption tools wrote.
    if _decodes(data, "cp1252"):
        return "cp1252"
    if best is None:
        raise TranscriptFormatError(NOT_TEXT_MESSAGE)
    return best.encoding


def _reads_as_east_asian_text(text: str) -> bool:
    """True unless the wide characters sit inside Latin words.

    Accented Western letters followed by a Latin letter also pair up as valid
    multi-byte characters ("¿qué?" reads as Korean "쯤u鼈"), but then each wide
    character touches a Latin letter; in real Chinese, Japanese or Korean text few do.
    """
    wide = [index for index, char in enumerate(text) if ord(char) >= FIRST_WIDE_CHARACTER]
    if not wide:
        return False
    glued = sum(
        1
        for index in wide
        if any(
            0 <= neighbour < len(text) and text[neighbour].isascii() and text[neighbour].isalpha()
            for neighbour in (index - 1, index + 1)
        )
    )
    return glued <= 0.2 * len(wide)


def _reads_about_as_well(candidate, best) -> bool:
    return (
        candidate.chaos <= best.chaos + CP1252_MARGIN
        and candidate.coherence >= best.coherence - CP1252_MARGIN
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _best_match(data: bytes):
    # Without NUL bytes the text cannot be UTF-16 or UTF-32 in any script we would
    # archive; charset-normalizer sometimes offers them for very short inputs.
    matches = [
        match for match in from_bytes(data) if not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    return matches[0] if matches else None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(CONTROL_CHARACTER.findall(text))
    return controls > MAX_CONTROL_SHARE * len(text)
