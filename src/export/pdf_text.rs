//! Text on the PDF's pages in every script people write: a piece of a line is cut into segments,
//! each in a font that has its characters and in one direction, and shaped with rustybuzz
//! ([`super::shaping`]), then set left to right in visual order, so right-to-left words read
//! right to left within a left-to-right line.

use super::shaping::{ShapedGlyph, font_file, segments, shape_with};
use krilla::Data;
use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::cell::RefCell;
use std::ops::Range;

/// The fonts a PDF is written with, each as krilla embeds it and as rustybuzz shapes with it,
/// read the first time a segment needs it (see [`super::shaping::font_file`]).
pub(super) struct PageFonts {
    fonts: RefCell<Vec<Option<(Font, rustybuzz::Face<'static>)>>>,
}

impl PageFonts {
    /// The fonts, or none when the main bundled font cannot be read (a broken build).
    pub(super) fn load() -> Option<Self> {
        let fonts = Self { fonts: RefCell::new(Vec::new()) };
        fonts.font(0)?;
        Some(fonts)
    }

    /// Font `number`, read and kept the first time it is asked for.
    fn font(&self, number: usize) -> Option<(Font, rustybuzz::Face<'static>)> {
        let mut fonts = self.fonts.borrow_mut();
        if fonts.len() <= number {
            fonts.resize(number + 1, None);
        }
        if fonts[number].is_none() {
            let file = font_file(number)?;
            let font = Font::new(Data::from(file.data), file.index)?;
            fonts[number] = Some((font, rustybuzz::Face::from_slice(file.data, file.index)?));
        }
        fonts[number].clone()
    }

    /// Draws `text` with its baseline starting at `start`, at font `size`.
    pub(super) fn draw(&self, surface: &mut Surface<'_>, start: Point, text: &str, size: f32, outlined: bool) {
        let mut x = start.x;
        for segment in segments(text, None) {
            let Some((font, face)) = self.font(segment.font) else { continue };
            let words = &text[segment.range.clone()];
            let mut glyphs = krilla_glyphs(shape_with(&face, words, segment.right_to_left));
            if segment.right_to_left {
                let visual = in_visual_order(words, &mut glyphs);
                surface.draw_glyphs(Point::from_xy(x, start.y), &glyphs, font, &visual, size, outlined);
            } else {
                surface.draw_glyphs(Point::from_xy(x, start.y), &glyphs, font, words, size, outlined);
            }
            x += glyphs.iter().map(|glyph| glyph.x_advance).sum::<f32>() * size;
        }
    }

    /// How wide `text` is at font `size`, as [`Self::draw`] draws it.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        segments(text, None)
            .into_iter()
            .filter_map(|segment| {
                let (_, face) = self.font(segment.font)?;
                let glyphs = shape_with(&face, &text[segment.range], segment.right_to_left);
                Some(glyphs.iter().map(|glyph| glyph.x_advance).sum::<f32>() * size)
            })
            .sum()
    }
}

/// Shaped glyphs as krilla draws them.
fn krilla_glyphs(glyphs: Vec<ShapedGlyph>) -> Vec<KrillaGlyph> {
    glyphs
        .into_iter()
        .map(|glyph| KrillaGlyph {
            glyph_id: GlyphId::new(u32::from(glyph.id)),
            text_range: glyph.text_range,
            x_advance: glyph.x_advance,
            x_offset: glyph.x_offset,
            y_offset: glyph.y_offset,
            y_advance: glyph.y_advance,
            location: None,
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_are_shaped_joined() {
        let fonts = PageFonts::load().expect("the bundled fonts");
        let (_, face) = fonts.font(1).expect("the Arabic font");
        let word = "بيت";
        let glyphs = krilla_glyphs(shape_with(&face, word, true));
        let isolated: Vec<u16> =
            word.chars().map(|character| face.glyph_index(character).map_or(0, |glyph| glyph.0)).collect();
        let shaped: Vec<u16> = glyphs.iter().rev().map(|glyph| glyph.glyph_id.to_u32() as u16).collect();
        assert!(glyphs.iter().all(|glyph| glyph.glyph_id.to_u32() != 0), "no glyph is missing");
        assert_ne!(shaped, isolated, "the letters take their joined forms");
        assert!(fonts.width(word, 10.0) > 5.0);
        // Stored in drawing order, the text reads backwards, and reversed it reads as typed.
        let mut glyphs = krilla_glyphs(shape_with(&face, "إلى", true));
        let visual = in_visual_order("إلى", &mut glyphs);
        assert_eq!(visual.chars().rev().collect::<String>(), "إلى");
        assert!(glyphs.len() < 3, "lam and alef make one glyph");
        assert!(glyphs.iter().all(|glyph| visual.get(glyph.text_range.clone()).is_some()));
    }
}
