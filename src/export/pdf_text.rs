//! Text on the PDF's pages in every script people write: a piece of a line is cut into segments,
//! each in the bundled font that has its characters ([`crate::fonts`]) and in one direction
//! (the Unicode bidirectional algorithm), shaped with rustybuzz (joined Arabic letters, Bengali
//! and Gurmukhi conjuncts) and set left to right in visual order, so right-to-left words read
//! right to left within a left-to-right line.

use crate::fonts::{fallback_order, font_index_for};
use krilla::Data;
use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::ops::Range;
use unicode_bidi::{BidiInfo, Level};

/// The bundled fonts, each as krilla embeds it and as rustybuzz shapes with it, in
/// [`fallback_order`].
pub(super) struct PageFonts {
    fonts: Vec<(Font, rustybuzz::Face<'static>)>,
}

impl PageFonts {
    /// The bundled fonts, or none when one of them cannot be read (a broken build).
    pub(super) fn load() -> Option<Self> {
        let fonts = fallback_order()
            .map(|font| Some((Font::new(Data::from(font.data), 0)?, rustybuzz::Face::from_slice(font.data, 0)?)))
            .collect::<Option<Vec<_>>>()?;
        Some(Self { fonts })
    }

    /// Draws `text` with its baseline starting at `start`, at font `size`.
    pub(super) fn draw(&self, surface: &mut Surface<'_>, start: Point, text: &str, size: f32, outlined: bool) {
        let mut x = start.x;
        for segment in segments(text) {
            let Some((font, face)) = self.fonts.get(segment.font) else { continue };
            let words = &text[segment.range.clone()];
            let mut glyphs = shape(face, words, segment.right_to_left);
            if segment.right_to_left {
                let visual = in_visual_order(words, &mut glyphs);
                surface.draw_glyphs(Point::from_xy(x, start.y), &glyphs, font.clone(), &visual, size, outlined);
            } else {
                surface.draw_glyphs(Point::from_xy(x, start.y), &glyphs, font.clone(), words, size, outlined);
            }
            x += glyphs.iter().map(|glyph| glyph.x_advance).sum::<f32>() * size;
        }
    }

    /// How wide `text` is at font `size`, as [`Self::draw`] draws it.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        segments(text)
            .into_iter()
            .filter_map(|segment| {
                let (_, face) = self.fonts.get(segment.font)?;
                let glyphs = shape(face, &text[segment.range], segment.right_to_left);
                Some(glyphs.iter().map(|glyph| glyph.x_advance).sum::<f32>() * size)
            })
            .sum()
    }
}

/// The text right-to-left glyphs stand for, in the order they are drawn: `words` reversed
/// cluster by cluster, and each glyph's range moved to its cluster's place in it. Text is kept
/// in a PDF in the order of its glyphs; readers (pdftotext, viewers' copy) put a right-to-left
/// line back into reading order by reversing it, which then gives the letters as typed, those of
/// a ligature (lam-alef) included.
fn in_visual_order(words: &str, glyphs: &mut [KrillaGlyph]) -> String {
    let mut visual = String::with_capacity(words.len());
    let mut last: Option<(Range<usize>, Range<usize>)> = None;
    for glyph in glyphs.iter_mut() {
        let range = match &last {
            // Further glyphs of the cluster just written (a letter and its marks) share its text.
            Some((from, to)) if *from == glyph.text_range => to.clone(),
            _ => {
                let start = visual.len();
                visual.extend(words.get(glyph.text_range.clone()).unwrap_or_default().chars().rev());
                start..visual.len()
            }
        };
        last = Some((glyph.text_range.clone(), range.clone()));
        glyph.text_range = range;
    }
    visual
}

/// A stretch of a line in one font and one direction.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Segment {
    /// Its bytes in the line's text.
    pub range: Range<usize>,
    /// Which font of [`fallback_order`].
    pub font: usize,
    /// Whether its letters run right to left.
    pub right_to_left: bool,
}

/// The segments of one line of text, in the order they are drawn from the left. The line's own
/// direction is left to right, as the summary's.
pub(super) fn segments(text: &str) -> Vec<Segment> {
    let bidi = BidiInfo::new(text, Some(Level::ltr()));
    let mut segments = Vec::new();
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let right_to_left = levels.get(run.start).is_some_and(Level::is_rtl);
            let mut pieces = font_pieces(text, run);
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
fn font_pieces(text: &str, range: Range<usize>) -> Vec<(Range<usize>, usize)> {
    let mut pieces: Vec<(Range<usize>, usize)> = Vec::new();
    for (offset, character) in text[range.clone()].char_indices() {
        let at = range.start + offset;
        let current = pieces.last().map(|(_, font)| *font);
        let wanted = font_index_for(character);
        let font = match (current, wanted) {
            (Some(current), Some(wanted)) if wanted != current && !character.is_alphanumeric() => {
                if crate::fonts::font_has(current, character) {
                    current
                } else {
                    wanted
                }
            }
            (_, Some(wanted)) => wanted,
            // No bundled font has it: it stays with its neighbours (and shows as a box).
            (Some(current), None) => current,
            (None, None) => 0,
        };
        match pieces.last_mut() {
            Some((piece, piece_font)) if *piece_font == font => piece.end = at + character.len_utf8(),
            _ => pieces.push((at..at + character.len_utf8(), font)),
        }
    }
    pieces
}

/// `text` shaped in one font and direction, as krilla's glyphs (advances in ems).
fn shape(face: &rustybuzz::Face<'_>, text: &str, right_to_left: bool) -> Vec<KrillaGlyph> {
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
            KrillaGlyph {
                glyph_id: GlyphId::new(info.glyph_id),
                text_range: cluster..end_of(cluster),
                x_advance: position.x_advance as f32 / units,
                x_offset: position.x_offset as f32 / units,
                y_offset: position.y_offset as f32 / units,
                y_advance: position.y_advance as f32 / units,
                location: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(text: &str) -> Vec<(&str, usize, bool)> {
        segments(text).into_iter().map(|segment| (&text[segment.range], segment.font, segment.right_to_left)).collect()
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
    }

    #[test]
    fn arabic_letters_are_shaped_joined() {
        let fonts = PageFonts::load().expect("the bundled fonts");
        let (_, face) = &fonts.fonts[1];
        let word = "بيت";
        let glyphs = shape(face, word, true);
        let isolated: Vec<u16> =
            word.chars().map(|character| face.glyph_index(character).map_or(0, |glyph| glyph.0)).collect();
        let shaped: Vec<u16> = glyphs.iter().rev().map(|glyph| glyph.glyph_id.to_u32() as u16).collect();
        assert!(glyphs.iter().all(|glyph| glyph.glyph_id.to_u32() != 0), "no glyph is missing");
        assert_ne!(shaped, isolated, "the letters take their joined forms");
        assert!(fonts.width(word, 10.0) > 5.0);
        // Stored in drawing order, the text reads backwards, and reversed it reads as typed.
        let mut glyphs = shape(face, "إلى", true);
        let visual = in_visual_order("إلى", &mut glyphs);
        assert_eq!(visual.chars().rev().collect::<String>(), "إلى");
        assert!(glyphs.len() < 3, "lam and alef make one glyph");
        assert!(glyphs.iter().all(|glyph| visual.get(glyph.text_range.clone()).is_some()));
    }
}
