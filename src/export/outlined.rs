//! Self-contained SVG pictures: each piece of text also drawn as the outlines of its glyphs, so
//! a viewer without the bundled fonts (rsvg, image tools, office suites) draws the words as the
//! app does instead of running them past the cards' edges in a font of its own.
//!
//! The glyphs are shaped and placed here ([`super::shaping`]: every script, right-to-left words
//! in their order, a Bengali or Gurmukhi vowel sign beside its consonant with its own width)
//! rather than by the viewer, whose shaping differs (usvg gives a cluster of several glyphs the
//! width of its widest, so "মা" loses room for its "া"). Each glyph is defined once and used
//! where it is needed. The text stays in the picture, invisible over its outlines, so it can
//! still be selected, searched and read aloud. The PNG pictures are drawn from this picture, and
//! the PDF's canvas pages place the same glyphs as text ([`super::pdf_picture`]).

use super::ExportError;
use super::markup::number;
use super::png::parse_svg;
use super::shaping::{font_file, segments, shape};
use resvg::usvg::{Group, Node, Paint, Transform};
use rustybuzz::ttf_parser::{self, GlyphId};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The marker every text run of [`super::svg::Svg`] starts with.
const TEXT_START: &str = "<text ";

/// `svg` (written by [`super::svg::Svg`]) with each text run's glyph outlines drawn under it and
/// the run itself made invisible. Each glyph's outline is written once, in the picture's
/// `<defs>`, and placed where it is used with `<use>`, so a picture grows by its alphabet rather
/// than by its words.
pub fn with_text_outlined(svg: &str) -> Result<String, ExportError> {
    // Each run gets an id, so its outlines can be found in the parsed picture.
    let mut numbered = String::with_capacity(svg.len());
    for (index, piece) in svg.split(TEXT_START).enumerate() {
        if index > 0 {
            let _ = write!(numbered, "{TEXT_START}id=\"text-{index}\" ");
        }
        numbered.push_str(piece);
    }
    let tree = parse_svg(&numbered)?;
    let mut glyphs = Glyphs::default();
    let mut uses = HashMap::new();
    collect_uses(tree.root(), &mut glyphs, &mut uses);
    if !glyphs.defs.is_empty() {
        glyphs.defs.push_str("</defs>\n");
    }

    let mut written = String::with_capacity(numbered.len() * 2);
    for (index, piece) in numbered.split(TEXT_START).enumerate() {
        if index == 0 {
            // The outlines are defined right after the picture's description, before any use.
            match piece.find("</desc>\n") {
                Some(end) => {
                    let end = end + "</desc>\n".len();
                    written.push_str(&piece[..end]);
                    written.push_str(&glyphs.defs);
                    written.push_str(&piece[end..]);
                }
                None => written.push_str(piece),
            }
            continue;
        }
        if let Some(placed) = uses.get(&format!("text-{index}")) {
            written.push_str(placed);
        }
        written.push_str(TEXT_START);
        written.push_str("opacity=\"0\" ");
        written.push_str(piece);
    }
    Ok(written)
}

/// The glyph outlines defined so far, by font and glyph, and their `<defs>`.
#[derive(Default)]
struct Glyphs {
    ids: HashMap<(usize, GlyphId), Option<String>>,
    defs: String,
}

impl Glyphs {
    /// The id of the glyph's definition, `glyph-FONT-GLYPH` (the font's number and the glyph's
    /// in the font, so a reader can check them against a shaper), written the first time it is
    /// asked for; none for a glyph with no outline (a space).
    fn id(&mut self, font: usize, glyph: GlyphId) -> Option<String> {
        let defs = &mut self.defs;
        self.ids
            .entry((font, glyph))
            .or_insert_with(|| {
                let file = font_file(font)?;
                let face = ttf_parser::Face::parse(file.data, file.index).ok()?;
                let mut outline = Outline(String::new());
                face.outline_glyph(glyph, &mut outline)?;
                let d = outline.0;
                if defs.is_empty() {
                    defs.push_str("<defs>\n");
                }
                let id = format!("glyph-{font}-{}", glyph.0);
                let _ = writeln!(defs, "<path id=\"{id}\" d=\"{d}\"/>");
                Some(id)
            })
            .clone()
    }
}

/// A glyph's outline as SVG drawing commands, in the font's units (y up, as fonts have it).
struct Outline(String);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{} {}", number(x), number(y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{} {}", number(x), number(y));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{} {} {} {}", number(x1), number(y1), number(x), number(y));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ =
            write!(self.0, "C{} {} {} {} {} {}", number(x1), number(y1), number(x2), number(y2), number(x), number(y));
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// For every text in `group` and below, by the text's id: a `<use>` of each of its glyphs, shaped
/// and placed by [`super::shaping`] from the run's start on its baseline, stretched or squeezed
/// to the run's `textLength` as a viewer does it, and turned with the text.
fn collect_uses(group: &Group, glyphs: &mut Glyphs, uses: &mut HashMap<String, String>) {
    for node in group.children() {
        match node {
            Node::Group(group) => collect_uses(group, glyphs, uses),
            Node::Text(text) => {
                let mut placed = String::new();
                for chunk in text.chunks() {
                    let Some(span) = chunk.spans().first() else { continue };
                    let Some(fill) = span.fill() else { continue };
                    let Paint::Color(colour) = fill.paint() else { continue };
                    let opacity = fill.opacity().get();
                    let paint = format!(
                        " fill=\"#{:02x}{:02x}{:02x}\"{}",
                        colour.red,
                        colour.green,
                        colour.blue,
                        if opacity < 1.0 { format!(" fill-opacity=\"{}\"", number(opacity)) } else { String::new() },
                    );
                    let size = span.font_size().get();
                    let monospace =
                        span.font().families().first().is_some_and(
                            |family| matches!(family, resvg::usvg::FontFamily::Named(name) if name == "Hack"),
                        );
                    let preferred = monospace.then(|| crate::fonts::fallback_order().count() - 1);
                    let words = chunk.text();
                    let shaped: Vec<(usize, Vec<super::shaping::ShapedGlyph>)> = segments(words, preferred)
                        .into_iter()
                        .map(|segment| {
                            (segment.font, shape(segment.font, &words[segment.range], segment.right_to_left))
                        })
                        .collect();
                    let natural: f32 =
                        shaped.iter().flat_map(|(_, glyphs)| glyphs).map(|glyph| glyph.x_advance).sum::<f32>() * size;
                    let stretch = match span.text_length() {
                        Some(length) if natural > 0.0 && length > 0.0 => length / natural,
                        _ => 1.0,
                    };
                    let (x, y) = (chunk.x().unwrap_or(0.0), chunk.y().unwrap_or(0.0));
                    let mut pen = 0.0;
                    for (font, shaped) in &shaped {
                        let Some(units) = font_file(*font)
                            .and_then(|file| ttf_parser::Face::parse(file.data, file.index).ok())
                            .map(|face| f32::from(face.units_per_em().max(1)))
                        else {
                            continue;
                        };
                        let scale = size / units;
                        for glyph in shaped {
                            let left = x + (pen + glyph.x_offset) * size * stretch;
                            let baseline = y - glyph.y_offset * size;
                            pen += glyph.x_advance;
                            let Some(id) = glyphs.id(*font, GlyphId(glyph.id)) else { continue };
                            let at = text.abs_transform().pre_concat(Transform::from_row(
                                scale * stretch,
                                0.0,
                                0.0,
                                -scale,
                                left,
                                baseline,
                            ));
                            let _ = writeln!(
                                placed,
                                "<use href=\"#{id}\" transform=\"matrix({} {} {} {} {} {})\"{paint}/>",
                                fine(at.sx),
                                fine(at.ky),
                                fine(at.kx),
                                fine(at.sy),
                                number(at.tx),
                                number(at.ty),
                            );
                        }
                    }
                }
                uses.insert(text.id().to_owned(), placed);
            }
            Node::Path(_) | Node::Image(_) => {}
        }
    }
}

/// A scale factor with the digits it needs: a glyph's is its font size over the font's units.
fn fine(value: f32) -> String {
    let text = format!("{value:.6}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed.is_empty() || trimmed == "-0" { "0".to_owned() } else { trimmed.to_owned() }
}
