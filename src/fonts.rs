//! The fonts the app writes with: egui's own (Ubuntu Light for words, Hack for code) and, behind
//! them, fonts for the scripts people in these partnerships write that Ubuntu lacks (Arabic and
//! Urdu, Bengali, Gurmukhi for Punjabi), for emoji, and for the Chinese, Japanese and Korean
//! characters in common use. All are part of the binary, so the screen, the PDF and the pictures
//! cover the same characters on every computer. Polish, Welsh and Somali are written in Latin
//! letters Ubuntu has. The exports also look on the computer for characters none of these has
//! (`export::system_fonts`).
//!
//! The screen (epaint) finds each character's font in this order but lays text out left to
//! right; the PDF and the pictures also put right-to-left words in their order (see
//! [`crate::export`]).

use egui::epaint::text::{FontData, FontDefinitions};
use egui::{FontFamily, FontTweak};
use std::sync::{Arc, LazyLock};

/// A font file that is part of the binary.
#[derive(Clone, Copy, Debug)]
pub struct BundledFont {
    /// Its name in egui's font definitions.
    pub name: &'static str,
    /// The font file.
    pub data: &'static [u8],
}

/// The font the screen and the exports write words in: Ubuntu Light, bundled with egui.
pub static MAIN: BundledFont = BundledFont { name: "Ubuntu-Light", data: epaint_default_fonts::UBUNTU_LIGHT };

/// egui's monospace font, Hack, also the last resort for symbols the others lack.
pub static MONOSPACE: BundledFont = BundledFont { name: "Hack", data: epaint_default_fonts::HACK_REGULAR };

/// The fonts for what Ubuntu lacks, in the order they are tried (licence: SIL OFL 1.1, in
/// assets/fonts/OFL.txt). Statics, not constants: a constant's bytes are copied into the binary
/// at each place it is used.
pub static SCRIPTS: [BundledFont; 5] = [
    // Arabic, and Urdu in the same Naskh style (Nastaliq would add another 570 KB).
    BundledFont { name: "Noto Sans Arabic", data: include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf") },
    BundledFont { name: "Noto Sans Bengali", data: include_bytes!("../assets/fonts/NotoSansBengali-Regular.ttf") },
    // Punjabi as written in India (Shahmukhi, in Pakistan, is Arabic script).
    BundledFont { name: "Noto Sans Gurmukhi", data: include_bytes!("../assets/fonts/NotoSansGurmukhi-Regular.ttf") },
    // Black-and-white emoji, the same font egui offers for them.
    BundledFont { name: "Noto Emoji", data: include_bytes!("../assets/fonts/NotoEmoji-Regular.ttf") },
    // Chinese, Japanese and Korean: the 5,009 hanzi and kanji, 2,350 hangul syllables, kana and
    // punctuation in common use, in one face (simplified Chinese forms), 2.4 MB; made by
    // tools/subset-cjk-font.py, which lists them.
    BundledFont { name: "Noto Sans CJK", data: include_bytes!("../assets/fonts/NotoSansCJK-Common.otf") },
];

/// Every bundled font in the order a character's font is looked for: Ubuntu, the script fonts,
/// then Hack.
pub fn fallback_order() -> impl Iterator<Item = BundledFont> {
    std::iter::once(MAIN).chain(SCRIPTS.iter().copied()).chain(std::iter::once(MONOSPACE))
}

/// The fonts of [`fallback_order`], parsed once, for finding which one has a character.
static FACES: LazyLock<Vec<Option<ttf_parser::Face<'static>>>> =
    LazyLock::new(|| fallback_order().map(|font| ttf_parser::Face::parse(font.data, 0).ok()).collect());

/// Which font of [`fallback_order`] draws `character`: the first that has a glyph for it, or
/// none when no bundled font has one.
pub fn font_index_for(character: char) -> Option<usize> {
    FACES.iter().position(|face| face.as_ref().is_some_and(|face| face.glyph_index(character).is_some()))
}

/// Whether font `index` of [`fallback_order`] has a glyph for `character`.
pub fn font_has(index: usize, character: char) -> bool {
    FACES.get(index).and_then(Option::as_ref).is_some_and(|face| face.glyph_index(character).is_some())
}

/// egui's fonts with the script fonts behind its own in both families, for the screen and for
/// laying out text for the exports.
pub fn font_definitions() -> FontDefinitions {
    static DEFINITIONS: LazyLock<FontDefinitions> = LazyLock::new(|| {
        let mut definitions = FontDefinitions::default();
        for font in &SCRIPTS {
            // Emoji a little smaller, as egui draws them beside text.
            let tweak = if font.name == "Noto Emoji" {
                FontTweak { scale: 0.81, ..FontTweak::default() }
            } else {
                FontTweak::default()
            };
            definitions.font_data.insert(font.name.to_owned(), Arc::new(FontData::from_static(font.data).tweak(tweak)));
            for family in [FontFamily::Proportional, FontFamily::Monospace] {
                definitions.families.entry(family).or_default().push(font.name.to_owned());
            }
        }
        definitions
    });
    DEFINITIONS.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_people_write_has_a_font() {
        // Polish, Welsh, Somali, Arabic, Urdu, Bengali, Gurmukhi, an emoji.
        for (sample, font) in [
            ("Zażółć gęślą jaźń", Some(0)),
            ("Ŵyr ŷd", Some(0)),
            ("Waan ku faraxsanahay", Some(0)),
            ("مرحبا", Some(1)),
            ("خوش آمدید ے ڈ ں", Some(1)),
            ("স্বাগতম", Some(2)),
            ("ਜੀ ਆਇਆਂ ਨੂੰ", Some(3)),
            ("😀👍", Some(4)),
            ("我们需要用自己的语言得到帮助", Some(5)),
            ("自分の言葉で助けが必要です", Some(5)),
            ("우리 언어로 도움이 필요합니다", Some(5)),
        ] {
            for character in sample.chars().filter(|character| !character.is_whitespace()) {
                assert_eq!(font_index_for(character), font, "{sample}: {character:?} (U+{:04X})", u32::from(character));
            }
        }
    }
}
