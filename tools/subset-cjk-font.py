#!/usr/bin/env python3
"""Makes assets/fonts/NotoSansCJK-Common.otf: the bundled fallback for Chinese, Japanese and
Korean, a subset of Noto Sans CJK SC Regular holding the characters people commonly write.

Run once, by hand, when the character list changes; the result is committed. It needs
fonttools (`pip install fonttools`) and Debian's fonts-noto-cjk (NotoSansCJK-Regular.ttc,
version 2.004); other computers' copies of the same font give the same glyphs.

The characters, as standard lists name them (read here from Python's own codecs, so the list
is exact and needs no download):
- Chinese, simplified: GB 2312's level 1, the 3,755 most used hanzi;
- Japanese: JIS X 0208's level 1, the 2,965 most used kanji, and every hiragana and katakana;
- Korean: KS X 1001's 2,350 hangul syllables, the ones in common use, and the hangul letters;
- CJK punctuation and symbols (U+3000–303F) and full-width forms (U+FF00–FFEF).
The hanzi and kanji lists overlap: 5,009 ideographs in all; with the hangul, kana, punctuation
and full-width forms, 7,951 characters and 2.4 MB. Traditional Chinese beyond these (Big5's
commonly used 5,401 would add 2,165 ideographs and 1.3 MB) and rarer characters are found in the
computer's own fonts when an export is made (src/export/system_fonts.rs).

The SC (simplified Chinese) face is used for all: one face keeps the binary small, at the
cost of some kanji and traditional hanzi being drawn in the mainland forms.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = 2  # Noto Sans CJK SC
OUT = Path(__file__).resolve().parent.parent / "assets/fonts/NotoSansCJK-Common.otf"


def decoded(encoding, leads, trails):
    """Every single character the two-byte codes `leads` × `trails` stand for in `encoding`."""
    found = []
    for lead in leads:
        for trail in trails:
            try:
                character = bytes([lead, trail]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(character) == 1:
                found.append(character)
    return found


def characters():
    """The characters to keep, as code points."""
    wanted = set()
    wanted.update(decoded("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)))  # GB 2312 level 1
    wanted.update(decoded("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF)))  # JIS X 0208 level 1
    wanted.update(decoded("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)))  # KS X 1001 hangul
    points = {ord(c) for c in wanted}
    points.update(range(0x3000, 0x3040))  # CJK punctuation and symbols
    points.update(range(0x3040, 0x3100))  # hiragana, katakana
    points.update(range(0x3130, 0x3190))  # hangul compatibility letters
    points.update(range(0xFF00, 0xFFF0))  # full-width and half-width forms
    return sorted(points)


def main():
    font = TTCollection(str(SOURCE)).fonts[FACE]
    if font["name"].getDebugName(4) != "Noto Sans CJK SC":
        sys.exit(f"{SOURCE} face {FACE} is not Noto Sans CJK SC")
    options = subset.Options()
    # Horizontal writing only; no hinting (the app draws at many sizes, anti-aliased).
    options.layout_features = ["ccmp", "locl", "kern", "liga"]
    options.hinting = False
    options.desubroutinize = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters())
    subsetter.subset(font)
    font.save(str(OUT))
    print(f"{OUT}: {len(characters())} characters, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
