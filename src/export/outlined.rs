//! Self-contained SVG pictures: each piece of text also drawn as the outlines of its glyphs, so
//! a viewer without the bundled fonts (rsvg, image tools, office suites) draws the words as the
//! app does instead of running them past the cards' edges in a font of its own.
//!
//! The outlines are the glyphs resvg lays out with the bundled fonts (every script, right-to-left
//! words in their order), the same as the PNG pictures, each glyph defined once and used where
//! it is needed. The text stays in the picture, invisible
//! (`opacity="0"`) over its outlines, so it can still be selected, searched and read aloud.

use super::ExportError;
use super::markup::number;
use super::png::parse_svg;
use resvg::usvg::{Group, Node, Paint, fontdb};
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
    collect_uses(tree.root(), tree.fontdb(), &mut glyphs, &mut uses);
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
    ids: HashMap<(fontdb::ID, GlyphId), Option<usize>>,
    defs: String,
}

impl Glyphs {
    /// The id of the glyph's definition, written the first time it is asked for; none for a
    /// glyph with no outline (a space).
    fn id(&mut self, database: &fontdb::Database, font: fontdb::ID, glyph: GlyphId) -> Option<usize> {
        let next = self.ids.len();
        let defs = &mut self.defs;
        *self.ids.entry((font, glyph)).or_insert_with(|| {
            let d = database.with_face_data(font, |data, index| {
                let face = ttf_parser::Face::parse(data, index).ok()?;
                let mut outline = Outline(String::new());
                face.outline_glyph(glyph, &mut outline)?;
                Some(outline.0)
            })??;
            if defs.is_empty() {
                defs.push_str("<defs>\n");
            }
            let _ = writeln!(defs, "<path id=\"glyph-{next}\" d=\"{d}\"/>");
            Some(next)
        })
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

/// For every text in `group` and below, by the text's id: a `<use>` of each of its glyphs, where
/// resvg lays them out (every script shaped, right-to-left words in their order), turned with
/// the text.
fn collect_uses(group: &Group, database: &fontdb::Database, glyphs: &mut Glyphs, uses: &mut HashMap<String, String>) {
    for node in group.children() {
        match node {
            Node::Group(group) => collect_uses(group, database, glyphs, uses),
            Node::Text(text) => {
                let mut placed = String::new();
                for span in text.layouted() {
                    let Some(fill) = &span.fill else { continue };
                    let Paint::Color(colour) = fill.paint() else { continue };
                    let opacity = fill.opacity().get();
                    let paint = format!(
                        " fill=\"#{:02x}{:02x}{:02x}\"{}",
                        colour.red,
                        colour.green,
                        colour.blue,
                        if opacity < 1.0 { format!(" fill-opacity=\"{}\"", number(opacity)) } else { String::new() },
                    );
                    for glyph in &span.positioned_glyphs {
                        let Some(id) = glyphs.id(database, glyph.font, glyph.id) else { continue };
                        let at = text.abs_transform().pre_concat(glyph.outline_transform());
                        let _ = writeln!(
                            placed,
                            "<use href=\"#glyph-{id}\" transform=\"matrix({} {} {} {} {} {})\"{paint}/>",
                            fine(at.sx),
                            fine(at.ky),
                            fine(at.kx),
                            fine(at.sy),
                            number(at.tx),
                            number(at.ty),
                        );
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
