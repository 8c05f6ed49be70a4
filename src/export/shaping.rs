//! Text shaped for the exports in every script people write: a line is cut into segments, each
//! in a font that has its characters and in one direction (the Unicode bidirectional algorithm),
//! and each segment shaped with rustybuzz (joined Arabic letters, Bengali and Gurmukhi conjuncts
//! and vowel signs), so the PDF and the pictures place every glyph themselves and no viewer
//! shapes the words again.
//!
//! Fonts are numbered: first the bundled ones in [`crate::fonts::fallback_order`], then those
//! found on the computer for characters none of them has ([`super::system_fonts`]).

use super::system_fonts;
use crate::fonts::fallback_order;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_bidi::{BidiInfo, Level};

/// A font file, and which face of it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FontFile {
    /// The file's bytes, kept for the whole run.
    pub data: &'static [u8],
    /// The face's index in the file (a collection holds several).
    pub index: u32,
}

/// The bundled fonts' files, in fallback order.
static BUNDLED: LazyLock<Vec<FontFile>> =
    LazyLock::new(|| fallback_order().map(|font| FontFile { data: font.data, index: 0 }).collect());

/// The font numbered `font`: bundled, or found on the computer.
pub(crate) fn font_file(font: usize) -> Option<FontFile> {
    match font.checked_sub(BUNDLED.len()) {
        None => BUNDLED.get(font).copied(),
        Some(found) => system_fonts::font(found),
    }
}

/// The number of the font that draws `character`: the first bundled font that has it, else one
/// on the computer that has it; none when no font anywhere has it.
pub(crate) fn font_for(character: char) -> Option<usize> {
    crate::fonts::font_index_for(character)
        .or_else(|| system_fonts::font_for(character).map(|found| BUNDLED.len() + found))
}

/// Whether font `font` has a glyph for `character`.
fn font_has(font: usize, character: char) -> bool {
    if font < BUNDLED.len() {
        return crate::fonts::font_has(font, character);
    }
    font_file(font).is_some_and(|file| {
        ttf_parser::Face::parse(file.data, file.index).is_ok_and(|face| face.glyph_index(character).is_some())
    })
}

/// The characters of `text` that no font, bundled or on this computer, can draw (each once, in
/// order): those an export would show as boxes.
pub fn undrawable_characters(text: &str) -> Vec<char> {
    let mut missing: Vec<char> = Vec::new();
    for character in text.chars() {
        // Controls, marks of direction and joiners draw nothing, and need no glyph.
        let draws_nothing = character.is_control()
            || character.is_whitespace()
            || matches!(character, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}')
            || matches!(character, '\u{fe00}'..='\u{fe0f}' | '\u{feff}');
        if !draws_nothing && font_for(character).is_none() && !missing.contains(&character) {
            missing.push(character);
        }
    }
    missing
}

/// A stretch of a line in one font and one direction.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Segment {
    /// Its bytes in the line's text.
    pub range: Range<usize>,
    /// Which font ([`font_file`]).
    pub font: usize,
    /// Whether its letters run right to left.
    pub right_to_left: bool,
}

/// The segments of one line of text, in the order they are drawn from the left. The line's own
/// direction is left to right, as the summary's and the cards'. `preferred`, when given, is the
/// font tried first for every character (monospace text).
pub(crate) fn segments(text: &str, preferred: Option<usize>) -> Vec<Segment> {
    let bidi = BidiInfo::new(text, Some(Level::ltr()));
    let mut segments = Vec::new();
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let right_to_left = levels.get(run.start).is_some_and(Level::is_rtl);
            let mut pieces = font_pieces(text, run, preferred);
            // Within a right-to-left run, the piece read first is drawn rightmost.
            if right_to_left {
                pieces.reverse();
            }
            segments.extend(pieces.into_iter().map(|(range, font)| Segment { range, font, right_to_left }));
        }
    }
    segments
}

/// `range` of `text` cut where the font changes, in reading order. Spaces, punctuation and marks
/// stay in the font of the words around them when it has them, so a run of Arabic words with
/// spaces and digits is shaped as one.
fn font_pieces(text: &str, range: Range<usize>, preferred: Option<usize>) -> Vec<(Range<usize>, usize)> {
    let mut pieces: Vec<(Range<usize>, usize)> = Vec::new();
    for (offset, character) in text[range.clone()].char_indices() {
        let at = range.start + offset;
        let current = pieces.last().map(|(_, font)| *font);
        let wanted = preferred.filter(|font| font_has(*font, character)).or_else(|| font_for(character));
        let font = match (current, wanted) {
            (Some(current), Some(wanted)) if wanted != current && !character.is_alphanumeric() => {
                if font_has(current, character) { current } else { wanted }
            }
            (_, Some(wanted)) => wanted,
            // No font has it: it stays with its neighbours (and shows as a box; the export says
            // so, see `undrawable_characters`).
            (Some(current), None) => current,
            (None, None) => preferred.unwrap_or(0),
        };
        match pieces.last_mut() {
            Some((piece, piece_font)) if *piece_font == font => piece.end = at + character.len_utf8(),
            _ => pieces.push((at..at + character.len_utf8(), font)),
        }
    }
    pieces
}

/// One glyph of a shaped segment, in ems of the font size.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ShapedGlyph {
    /// The glyph in its font.
    pub id: u16,
    /// The text it stands for: its cluster, in the segment's bytes.
    pub text_range: Range<usize>,
    /// How far the pen moves after it.
    pub x_advance: f32,
    /// How far it is moved from the pen, right and up.
    pub x_offset: f32,
    /// How far it is moved up from the baseline.
    pub y_offset: f32,
    /// How far the pen moves up after it.
    pub y_advance: f32,
}

/// `text` shaped in font `font` and one direction, glyphs in the order they are drawn from the
/// left; none when the font cannot be read.
pub(crate) fn shape(font: usize, text: &str, right_to_left: bool) -> Vec<ShapedGlyph> {
    let Some(file) = font_file(font) else { return Vec::new() };
    let Some(face) = rustybuzz::Face::from_slice(file.data, file.index) else { return Vec::new() };
    shape_with(&face, text, right_to_left)
}

/// `text` shaped with `face` (see [`shape`]).
pub(crate) fn shape_with(face: &rustybuzz::Face<'_>, text: &str, right_to_left: bool) -> Vec<ShapedGlyph> {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if right_to_left {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let output = rustybuzz::shape(face, &[], buffer);
    let units = face.units_per_em().max(1) as f32;
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    // Each glyph stands for its cluster's text: from its cluster to the next cluster up (glyphs
    // of a right-to-left run come in visual order, clusters descending).
    let mut clusters: Vec<usize> = infos.iter().map(|info| info.cluster as usize).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let end_of = |cluster: usize| clusters.iter().copied().find(|&next| next > cluster).unwrap_or(text.len());
    infos
        .iter()
        .zip(positions)
        .map(|(info, position)| {
            let cluster = info.cluster as usize;
            ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                text_range: cluster..end_of(cluster),
                x_advance: position.x_advance as f32 / units,
                x_offset: position.x_offset as f32 / units,
                y_offset: position.y_offset as f32 / units,
                y_advance: position.y_advance as f32 / units,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(text: &str) -> Vec<(&str, usize, bool)> {
        segments(text, None)
            .into_iter()
            .map(|segment| (&text[segment.range], segment.font, segment.right_to_left))
            .collect()
    }

    #[test]
    fn arabic_words_within_english_run_right_to_left_in_their_font() {
        assert_eq!(
            drawn("Note: مرحبا بكم — Amal"),
            [("Note: ", 0, false), ("مرحبا بكم", 1, true), (" — Amal", 0, false)]
        );
    }

    #[test]
    fn scripts_and_emoji_each_get_their_font() {
        assert_eq!(drawn("স্বাগতম ਜੀ 😀"), [("স্বাগতম ", 2, false), ("ਜੀ ", 3, false), ("😀", 4, false)]);
        // The spaces between are Ubuntu's (the CJK subset has none of its own).
        assert_eq!(
            drawn("谢谢 ありがとう 감사합니다"),
            [("谢谢", 5, false), (" ", 0, false), ("ありがとう", 5, false), (" ", 0, false), ("감사합니다", 5, false)]
        );
    }

    #[test]
    fn bengali_and_gurmukhi_vowel_signs_get_glyphs_of_their_own() {
        // া (Bengali aa) and ਾ (Gurmukhi aa) follow their consonant with a width of their own.
        for (word, sign) in [("মা", 'া'), ("ਮਾ", 'ਾ')] {
            let segments = segments(word, None);
            assert_eq!(segments.len(), 1);
            let glyphs = shape(segments[0].font, word, false);
            let face = ttf_parser::Face::parse(font_file(segments[0].font).unwrap().data, 0).unwrap();
            let sign_glyph = face.glyph_index(sign).unwrap().0;
            assert!(glyphs.iter().any(|glyph| glyph.id == sign_glyph), "{word}: {glyphs:?}");
            assert!(glyphs.iter().all(|glyph| glyph.x_advance > 0.2), "{word}: each takes its room: {glyphs:?}");
        }
    }

    #[test]
    fn a_character_no_font_has_is_named() {
        // U+0378 is not assigned: no font anywhere has it.
        assert_eq!(undrawable_characters("ok \u{378} 谢谢 \u{378}"), ['\u{378}']);
        assert!(undrawable_characters("Zażółć 谢谢 ありがとう 감사합니다 مرحبا 😀").is_empty());
    }
}
