//! Wrapping the PDF's body text, measured by epaint with the fonts and shaping egui draws the
//! screen with (bundled with egui, so the result never depends on the fonts of the computer).
//! The canvases' pictures need none of this: they are painted by the canvases themselves (see
//! [`crate::canvas::headless`]); this is for the summary's paragraphs, which have no screen twin.

use egui::epaint::text::{Fonts, TextOptions, ViewportKey};
use egui::{Color32, FontId};
use std::sync::{LazyLock, Mutex, PoisonError};

/// The font the screen is drawn in: Ubuntu Light, bundled with egui.
pub static MAIN_FONT: &[u8] = crate::fonts::MAIN.data;
/// The fallback for characters the main font lacks, as on the screen: Hack, bundled with egui.
pub static FALLBACK_FONT: &[u8] = crate::fonts::MONOSPACE.data;
/// How the pictures name the font. The family is Ubuntu Light's own; the generic family after it
/// keeps text readable in a viewer that has no Ubuntu.
pub const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', sans-serif";
/// The character that ends text cut short.
pub const ELLIPSIS: char = '…';

/// The bundled fonts, parsed once.
struct Faces {
    faces: Vec<ttf_parser::Face<'static>>,
}

static FACES: LazyLock<Faces> = LazyLock::new(|| Faces {
    // Both fonts are part of the binary; if one could not be parsed, measuring falls back to an
    // estimate rather than failing an export.
    faces: [MAIN_FONT, FALLBACK_FONT].into_iter().filter_map(|data| ttf_parser::Face::parse(data, 0).ok()).collect(),
});

/// epaint's fonts as the app has them (egui's and the script fonts), for measuring without a window: the
/// same shaping, kerning and fallback fonts as the screen.
static FONTS: LazyLock<Mutex<Fonts>> =
    LazyLock::new(|| Mutex::new(Fonts::new(TextOptions::default(), crate::fonts::font_definitions())));

/// How wide `text` is at font `size` on one line, in the same units as the size, as epaint lays
/// it out on the screen.
pub fn text_width(text: &str, size: f32) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let mut fonts = FONTS.lock().unwrap_or_else(PoisonError::into_inner);
    fonts
        .with_pixels_per_point(1.0)
        .layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::BLACK)
        .size()
        .x
}

/// How far one character advances the pen at font `size`, for breaking a word between
/// characters (epaint's advance of that glyph in the font that has it).
fn char_advance(character: char, size: f32) -> f32 {
    let mut fonts = FONTS.lock().unwrap_or_else(PoisonError::into_inner);
    fonts.with_pixels_per_point(1.0).glyph_width(&FontId::proportional(size), character)
}

/// Lets epaint drop the layouts it keeps of strings measured before: each paragraph starts a
/// new "pass", so the kept layouts never grow beyond one paragraph's words.
fn forget_earlier_layouts() {
    let mut fonts = FONTS.lock().unwrap_or_else(PoisonError::into_inner);
    fonts.begin_pass(TextOptions::default(), ViewportKey::default());
}

/// The height of one line of text at font `size`, as egui spaces rows.
pub fn line_height(size: f32) -> f32 {
    match FACES.faces.first() {
        Some(face) => {
            let units = f32::from(face.ascender()) - f32::from(face.descender()) + f32::from(face.line_gap());
            units * size / f32::from(face.units_per_em().max(1))
        }
        None => size * 1.2,
    }
}

/// How far below the top of a line its baseline sits, at font `size`.
pub fn baseline_offset(size: f32) -> f32 {
    match FACES.faces.first() {
        Some(face) => {
            let gap = f32::from(face.line_gap()) / 2.0;
            (f32::from(face.ascender()) + gap) * size / f32::from(face.units_per_em().max(1))
        }
        None => size * 0.95,
    }
}

/// One piece of a line of mixed text: its words and which span of the input they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// The words (with the space before them, when they follow other words on the line).
    pub text: String,
    /// Which input span they belong to.
    pub span: usize,
}

/// A line of wrapped mixed text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    /// The pieces, left to right.
    pub pieces: Vec<Piece>,
    /// The line's width.
    pub width: f32,
}

impl Line {
    fn push(&mut self, text: &str, span: usize, size: f32) {
        self.width += text_width(text, size);
        match self.pieces.last_mut() {
            Some(last) if last.span == span => last.text.push_str(text),
            _ => self.pieces.push(Piece { text: text.to_owned(), span }),
        }
    }
}

/// A run of text in one size, for [`wrap_spans`].
#[derive(Clone, Copy, Debug)]
pub struct Span<'a> {
    /// The words. Line breaks in it start new lines.
    pub text: &'a str,
    /// The font size.
    pub size: f32,
}

/// Breaks text of mixed sizes into lines no wider than `max_width`, the first line starting
/// `first_indent` in. Words stay whole unless one alone is wider than a line, which is then
/// broken between characters. With `max_rows`, text beyond that many lines is cut and the last
/// line ends with "…".
pub fn wrap_spans(spans: &[Span<'_>], max_width: f32, first_indent: f32, max_rows: Option<usize>) -> Vec<Line> {
    forget_earlier_layouts();
    let mut lines: Vec<Line> = Vec::new();
    let mut line = Line { pieces: Vec::new(), width: first_indent };
    let mut line_is_empty = true;
    for (index, span) in spans.iter().enumerate() {
        for (paragraph_index, paragraph) in span.text.split('\n').enumerate() {
            if paragraph_index > 0 {
                lines.push(std::mem::take(&mut line));
                line_is_empty = true;
            }
            // A span that starts with a space (" — Kate") keeps it between itself and the words
            // before. Only ASCII spaces break lines: a no-break space holds its neighbours together.
            let spaced_start = paragraph.starts_with(|c: char| c.is_ascii_whitespace());
            let words = paragraph.split(|c: char| c.is_ascii_whitespace()).filter(|word| !word.is_empty());
            for (word_index, word) in words.enumerate() {
                let space = !line_is_empty && (word_index > 0 || spaced_start);
                let candidate = if space { format!(" {word}") } else { word.to_owned() };
                let fits = line.width + text_width(&candidate, span.size) <= max_width;
                if fits {
                    line.push(&candidate, index, span.size);
                    line_is_empty = false;
                    continue;
                }
                if !line_is_empty {
                    lines.push(std::mem::take(&mut line));
                }
                // The word starts a fresh line; break it if even that is too narrow.
                // The word is measured once and each cut piece taken off, so a word of a million
                // characters is broken in linear time rather than re-measured for every line.
                let mut rest = word;
                let mut rest_width = text_width(rest, span.size);
                while rest_width > max_width - line.width && rest.chars().nth(1).is_some() {
                    let cut = longest_prefix_within(rest, span.size, max_width - line.width);
                    let piece_width = text_width(&rest[..cut], span.size);
                    line.push(&rest[..cut], index, span.size);
                    lines.push(std::mem::take(&mut line));
                    rest = &rest[cut..];
                    rest_width -= piece_width;
                }
                line.push(rest, index, span.size);
                line_is_empty = false;
            }
        }
    }
    if !line_is_empty || lines.is_empty() {
        lines.push(line);
    }
    if let Some(max_rows) = max_rows
        && lines.len() > max_rows
    {
        lines.truncate(max_rows.max(1));
        if let Some(last) = lines.last_mut() {
            end_with_ellipsis(last, spans, max_width);
        }
    }
    lines
}

/// The byte length of the longest start of `text` (at least one character) that fits `width`.
fn longest_prefix_within(text: &str, size: f32, width: f32) -> usize {
    let mut used = 0.0;
    let mut end = 0;
    for (offset, character) in text.char_indices() {
        used += char_advance(character, size);
        if used > width && end > 0 {
            break;
        }
        end = offset + character.len_utf8();
    }
    end
}

/// Cuts the end of `line` until "…" fits after it within `max_width`, then adds the "…".
fn end_with_ellipsis(line: &mut Line, spans: &[Span<'_>], max_width: f32) {
    let size_of = |span: usize| spans.get(span).map_or(12.0, |span| span.size);
    while let Some(last) = line.pieces.last_mut() {
        let size = size_of(last.span);
        let ellipsis = text_width(&ELLIPSIS.to_string(), size);
        if line.width + ellipsis <= max_width || last.text.is_empty() {
            last.text = format!("{}{ELLIPSIS}", last.text.trim_end());
            line.width += ellipsis;
            return;
        }
        let removed = last.text.pop().map_or(0.0, |character| char_advance(character, size));
        line.width -= removed;
        if last.text.is_empty() {
            line.pieces.pop();
        }
    }
    line.pieces.push(Piece { text: ELLIPSIS.to_string(), span: spans.len().saturating_sub(1) });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's words as plain text.
    fn text_of(line: &Line) -> String {
        line.pieces.iter().map(|piece| piece.text.as_str()).collect()
    }

    /// Plain text of one size wrapped to `max_width`, as lines of text (what the PDF's body does
    /// with a paragraph of one size).
    fn wrap(text: &str, size: f32, max_width: f32, max_rows: Option<usize>) -> Vec<String> {
        wrap_spans(&[Span { text, size }], max_width, 0.0, max_rows).iter().map(text_of).collect()
    }

    #[test]
    fn the_bundled_font_measures_text() {
        assert!(text_width("Whose welfare comes first?", 20.0) > 150.0);
        assert!(text_width("iiii", 20.0) < text_width("WWWW", 20.0));
        assert_eq!(text_width("", 20.0), 0.0);
        let line = line_height(20.0);
        assert!(line > 20.0 && line < 30.0, "{line}");
    }

    #[test]
    fn wrapping_keeps_every_word_in_order_within_the_width() {
        let text = "Service users could co-run the college taster sessions rather than just attend them.";
        let lines = wrap(text, 19.0, 200.0, None);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|line| text_width(line, 19.0) <= 200.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn line_breaks_start_new_lines_and_long_words_are_broken() {
        assert_eq!(wrap("one\ntwo", 19.0, 500.0, None), ["one", "two"]);
        let long = "https://example.org/a-very-long-address-that-never-ends";
        let lines = wrap(long, 19.0, 120.0, None);
        assert!(lines.len() > 2 && lines.iter().all(|line| text_width(line, 19.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.concat(), long);
    }

    #[test]
    fn text_beyond_the_last_row_is_cut_with_an_ellipsis() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let lines = wrap(text, 19.0, 100.0, Some(2));
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with(ELLIPSIS), "{lines:?}");
        assert!(text_width(&lines[1], 19.0) <= 100.0);
    }

    #[test]
    fn mixed_spans_keep_their_spaces_and_sizes() {
        let spans = [Span { text: "Drop-in café", size: 19.0 }, Span { text: " — Kate", size: 14.0 }];
        let lines = wrap_spans(&spans, 400.0, 30.0, None);
        assert_eq!(lines.len(), 1);
        assert_eq!(text_of(&lines[0]), "Drop-in café — Kate");
        assert_eq!(lines[0].pieces.iter().map(|piece| piece.span).collect::<Vec<_>>(), [0, 1]);
        assert!(lines[0].width > 30.0 + text_width("Drop-in café", 19.0));
    }
}
