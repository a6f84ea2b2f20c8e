"""The restricted PHP serialize() reader: what WordPress exports carry is read, nothing else is."""

import math

import pytest

from vistka.wordpress.phpserial import PHPSerialError, dumps, is_serialized, loads


def test_polylang_translation_group_reads_as_a_language_to_post_id_dict():
    assert loads('a:3:{s:2:"uk";i:12;s:2:"ru";i:13;s:2:"en";i:14;}') == {"uk": 12, "ru": 13, "en": 14}


def test_string_lengths_are_utf8_bytes_not_characters():
    # "Яблунівка" is 9 characters and 18 bytes; PHP writes the bytes
    assert loads('s:18:"Яблунівка";') == "Яблунівка"
    with pytest.raises(PHPSerialError, match="byte lengths"):
        loads('s:9:"Яблунівка";')


def test_bytes_input_reads_like_text():
    assert loads('s:8:"міст";'.encode()) == "міст"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("N;", None),
        ("b:1;", True),
        ("b:0;", False),
        ("i:-42;", -42),
        ("d:2.5;", 2.5),
        ("d:-0.125;", -0.125),
        ("d:1.0E+25;", 1e25),
        ("d:INF;", math.inf),
        ('s:0:"";', ""),
        ('s:5:"a";b"";', 'a";b"'),  # quotes inside a string are counted, never searched for
        ("a:0:{}", []),
        ('a:2:{i:0;s:1:"x";i:1;s:1:"y";}', ["x", "y"]),
        ('a:2:{i:1;s:1:"x";i:0;s:1:"y";}', {1: "x", 0: "y"}),  # keys out of order stay a dict
        ('a:2:{i:0;s:1:"x";i:5;s:1:"y";}', {0: "x", 5: "y"}),
    ],
)
def test_scalars_and_arrays(text, expected):
    assert loads(text) == expected


def test_attachment_metadata_nested_arrays():
    text = (
        'a:4:{s:5:"width";i:1600;s:6:"height";i:1067;s:4:"file";s:16:"2024/03/mist.jpg";'
        's:5:"sizes";a:1:{s:9:"thumbnail";a:3:{s:4:"file";s:16:"mist-150x150.jpg";s:5:"width";i:150;'
        's:6:"height";i:150;}}}'
    )
    value = loads(text)
    assert value["file"] == "2024/03/mist.jpg"
    assert value["sizes"]["thumbnail"] == {"file": "mist-150x150.jpg", "width": 150, "height": 150}


def test_nan_reads_as_nan():
    assert math.isnan(loads("d:NAN;"))


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -7,
        3.25,
        "",
        "Вісті Яблунівки ' \" ; } {",
        ["uk", "ru", "en"],
        {"uk": 12, "ru": 13, "en": 14},
        {"sizes": {"medium": {"file": "міст-300x200.jpg", "width": 300}}, "keywords": []},
        {3: "three", "x": [1, [2, [3]]]},
    ],
)
def test_round_trip(value):
    assert loads(dumps(value)) == value


def test_dumps_matches_php_output():
    assert dumps({"uk": 12, "en": 14}) == 'a:2:{s:2:"uk";i:12;s:2:"en";i:14;}'
    assert dumps(["міст"]) == 'a:1:{i:0;s:8:"міст";}'
    assert dumps(False) == "b:0;"


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ('O:8:"stdClass":1:{s:1:"a";i:1;}', "object"),
        ('a:1:{s:1:"x";O:8:"stdClass":0:{}}', "object"),
        ('C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}', "custom-serialized"),
        ('a:2:{i:0;s:1:"a";i:1;r:2;}', "reference"),
        ('a:2:{i:0;s:1:"a";i:1;R:2;}', "reference"),
        ('E:11:"Suit:Hearts";', "enum"),
    ],
)
def test_objects_references_and_enums_are_refused(text, refused):
    with pytest.raises(PHPSerialError, match=f"refused .*{refused}"):
        loads(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "end"),
        ("i:12", "number ended by"),
        ("i:1x;", "not an integer"),
        ("d:abc;", "not a number"),
        ("b:2;", "boolean"),
        ('s:10:"short";', "does not end where its length says"),
        ('s:-1:"";', "negative"),
        ('a:1:{i:0;s:1:"x";', "expected '}'"),
        ("a:1:{a:0:{}i:0;}", "keys must be integers or strings"),
        ("a:99999999:{}", "more than the input can hold"),
        ("i:1;i:2;", "after the serialized value"),
        ("x:1;", "unknown type"),
        (b's:2:"\xff\xfe";', "not valid UTF-8"),
    ],
)
def test_malformed_input_gives_a_clear_error(text, problem):
    with pytest.raises(PHPSerialError, match=problem):
        loads(text)


def test_error_says_where():
    with pytest.raises(PHPSerialError) as error:
        loads('a:1:{s:1:"x";O:8:"stdClass":0:{}}')
    assert error.value.position == 13


def test_depth_limit():
    deep = "a:1:{i:0;" * 40 + "N;" + "}" * 40
    with pytest.raises(PHPSerialError, match="nested deeper"):
        loads(deep)
    assert loads(deep, max_depth=64) is not None


def test_size_and_element_limits():
    with pytest.raises(PHPSerialError, match="over the limit"):
        loads('s:2000:"' + "x" * 2000 + '";', max_bytes=1000)
    many = dumps(list(range(200)))
    with pytest.raises(PHPSerialError, match="too many elements"):
        loads(many, max_elements=100)
    assert len(loads(many)) == 200


def test_is_serialized():
    assert is_serialized('a:1:{s:1:"a";i:1;}')
    assert is_serialized("N;")
    assert is_serialized('s:3:"abc";')
    assert not is_serialized("Просто текст")
    assert not is_serialized("12")
