"""A restricted reader (and a small writer) of PHP ``serialize()`` output.

WordPress exports carry serialized PHP values in postmeta (``_wp_attachment_metadata``), in
Polylang's translation groups (``a:3:{s:2:"uk";i:12;...}``) and in WPML fields. PHP's own
``unserialize`` can instantiate objects, so an export is never handed to anything like it: this
reader understands only scalars and arrays. Objects (``O:``), custom-serialized objects (``C:``),
enums (``E:``) and references (``r:``/``R:``) are refused, never instantiated, and depth, size and
element counts are bounded.

Written by hand: the PyPI ``phpserialize`` package has been unmaintained since 2012 and
instantiates objects on request.

String lengths in the format are BYTE lengths (UTF-8), so the reader works on bytes.
"""

from __future__ import annotations

import math

MAX_INPUT_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
MAX_ELEMENTS = 100_000

_REFUSED = {
    ord("O"): "a PHP object (O:)",
    ord("C"): "a custom-serialized PHP object (C:)",
    ord("E"): "a PHP enum (E:)",
    ord("r"): "a PHP reference (r:)",
    ord("R"): "a PHP reference (R:)",
    ord("o"): "a PHP object (o:)",
}


class PHPSerialError(ValueError):
    """The value is not serialized PHP this reader accepts (malformed, refused or too big)."""

    def __init__(self, message: str, position: int | None = None):
        self.position = position
        if position is not None:
            message = f"{message} (at byte {position})"
        super().__init__(message)


def loads(
    data: str | bytes,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    max_depth: int = MAX_DEPTH,
    max_elements: int = MAX_ELEMENTS,
):
    """Read one serialized PHP value: str, int, float, bool, None, dict or list.

    An array whose keys are exactly 0..n-1 in order becomes a list, any other a dict.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise PHPSerialError(f"serialized value of {len(raw)} bytes is over the limit of {max_bytes}")
    reader = _Reader(raw, max_depth=max_depth, max_elements=max_elements)
    value = reader.value(depth=0)
    if reader.pos != len(raw):
        raise PHPSerialError("unexpected data after the serialized value", reader.pos)
    return value


def is_serialized(data: str | bytes) -> bool:
    """True when ``data`` looks like serialized PHP (like WordPress's ``is_serialized``), cheaply."""
    text = data.strip() if isinstance(data, str) else data.decode("utf-8", "replace").strip()
    if len(text) < 2 or text == "N;":
        return text == "N;"
    return text[1] == ":" and text[0] in "sabidOCEr" and text[-1] in ";}"


class _Reader:
    def __init__(self, raw: bytes, *, max_depth: int, max_elements: int):
        self.raw = raw
        self.pos = 0
        self.max_depth = max_depth
        self.elements_left = max_elements

    def fail(self, message: str):
        raise PHPSerialError(message, self.pos)

    def expect(self, token: bytes):
        if self.raw[self.pos : self.pos + len(token)] != token:
            found = self.raw[self.pos : self.pos + len(token)].decode("utf-8", "replace")
            self.fail(
                f"expected {token.decode()!r}, found {found!r}"
                if found
                else f"expected {token.decode()!r}, found the end"
            )
        self.pos += len(token)

    def until(self, terminator: bytes) -> bytes:
        end = self.raw.find(terminator, self.pos)
        if end < 0 or end - self.pos > 40:  # no number in this format is that long
            self.fail(f"expected a number ended by {terminator.decode()!r}")
        chunk = self.raw[self.pos : end]
        self.pos = end + len(terminator)
        return chunk

    def integer(self, terminator: bytes) -> int:
        start = self.pos
        chunk = self.until(terminator)
        body = chunk[1:] if chunk[:1] in (b"-", b"+") else chunk
        if not body.isdigit():
            raise PHPSerialError(f"{chunk.decode('utf-8', 'replace')!r} is not an integer", start)
        return int(chunk)

    def count_element(self):
        self.elements_left -= 1
        if self.elements_left < 0:
            self.fail("too many elements in the serialized value")

    def value(self, depth: int):
        if self.pos >= len(self.raw):
            self.fail("unexpected end of the serialized value")
        self.count_element()
        kind = self.raw[self.pos]
        if kind in _REFUSED:
            self.fail(f"refused {_REFUSED[kind]}: only scalars and arrays are read")
        if kind == ord("N"):
            self.expect(b"N;")
            return None
        self.pos += 1
        self.expect(b":")
        if kind == ord("i"):
            return self.integer(b";")
        if kind == ord("b"):
            flag = self.until(b";")
            if flag not in (b"0", b"1"):
                self.fail("a boolean must be b:0; or b:1;")
            return flag == b"1"
        if kind == ord("d"):
            return self.float()
        if kind == ord("s"):
            return self.string()
        if kind == ord("a"):
            return self.array(depth)
        self.pos -= 2
        self.fail(f"unknown type {chr(kind)!r}")

    def float(self) -> float:
        start = self.pos
        chunk = self.until(b";").decode("ascii", "replace")
        special = {"INF": math.inf, "-INF": -math.inf, "NAN": math.nan}
        if chunk in special:
            return special[chunk]
        try:
            return float(chunk)
        except ValueError:
            raise PHPSerialError(f"{chunk!r} is not a number", start) from None

    def string(self) -> str:
        length = self.integer(b":")
        if length < 0:
            self.fail("negative string length")
        self.expect(b'"')
        end = self.pos + length
        if self.raw[end : end + 2] != b'";':
            self.fail(
                f"string of {length} bytes does not end where its length says (byte lengths, not characters)"
            )
        chunk = self.raw[self.pos : end]
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            self.fail("string is not valid UTF-8")
        self.pos = end + 2
        return text

    def array(self, depth: int):
        if depth >= self.max_depth:
            self.fail(f"arrays nested deeper than {self.max_depth}")
        count = self.integer(b":")
        if count < 0:
            self.fail("negative array size")
        # a key and its value take at least 6 bytes ("i:0;N;"), so a bigger count is a lie
        if count * 6 > len(self.raw) - self.pos:
            self.fail(f"array claims {count} elements, more than the input can hold")
        self.expect(b"{")
        items = {}
        for _ in range(count):
            if self.pos < len(self.raw) and self.raw[self.pos] not in (ord("i"), ord("s")):
                self.fail("array keys must be integers or strings")
            key = self.value(depth + 1)
            items[key] = self.value(depth + 1)
        self.expect(b"}")
        if list(items) == list(range(len(items))):
            return list(items.values())
        return items


def dumps(value) -> str:
    """Serialize str, int, float, bool, None, list, tuple and dict the way PHP's ``serialize`` does."""
    return _dump(value, depth=0)


def _dump(value, depth: int) -> str:
    if depth > MAX_DEPTH:
        raise PHPSerialError(f"values nested deeper than {MAX_DEPTH}")
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        if math.isnan(value):
            return "d:NAN;"
        if math.isinf(value):
            return "d:INF;" if value > 0 else "d:-INF;"
        return f"d:{value!r};"
    if isinstance(value, str):
        return f's:{len(value.encode("utf-8"))}:"{value}";'
    if isinstance(value, list | tuple):
        value = dict(enumerate(value))
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if not isinstance(key, int | str) or isinstance(key, bool):
                raise PHPSerialError(f"array key {key!r} is neither an integer nor a string")
            parts.append(_dump(key, depth + 1) + _dump(item, depth + 1))
        return f"a:{len(value)}:{{{''.join(parts)}}}"
    raise PHPSerialError(f"cannot serialize {type(value).__name__}")
