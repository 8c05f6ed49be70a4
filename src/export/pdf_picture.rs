//! The canvases on the PDF's pages: the picture's shapes drawn from its SVG as vectors
//! (krilla-svg), and its words as real text in embedded fonts, shaped and placed as the outlined
//! pictures place them ([`super::shaping`]: every script, a Bengali or Gurmukhi vowel sign with
//! its own width), so they can be searched and copied and the file stays small (the same glyphs
//! as outlines would be drawn anew each time they are used).
//!
//! The SVG is cut at each text run into layers of shapes and runs of text, drawn in the order
//! the picture has them, so a card still covers what lies under it.

use super::ExportError;
use super::pdf_text::PageFonts;
use super::png::parse_svg;
use krilla::color::rgb;
use krilla::geom::{Point, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla_svg::{SurfaceExt as _, SvgSettings};
use resvg::usvg::{self, Node, Paint};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The marker every text run of [`super::svg::Svg`] starts with.
const TEXT_START: &str = "<text ";
/// The marker every text run ends with.
const TEXT_END: &str = "</text>";

/// A canvas's picture, ready to be drawn on a page.
pub(super) struct PdfPicture {
    /// Its width and height in the SVG's units.
    pub size: (f32, f32),
    layers: Vec<Layer>,
}

/// A part of the picture, drawn in turn.
enum Layer {
    /// Shapes, as an SVG of the picture's size holding only them.
    Shapes(Box<usvg::Tree>),
    /// One run of text.
    Text(TextRun),
}

/// A run of text as the picture has it.
struct TextRun {
    words: String,
    /// The start of its baseline, in the picture's units, before `transform`.
    start: (f32, f32),
    font_size: f32,
    /// The width it is stretched or squeezed to, as measured on the screen.
    length: Option<f32>,
    colour: (u8, u8, u8),
    opacity: f32,
    /// From the run's own units to the picture's (a turned label).
    transform: usvg::Transform,
}

impl PdfPicture {
    /// The picture `svg`, written by [`super::svg::Svg`].
    pub(super) fn of(svg: &str) -> Result<Self, ExportError> {
        // Each run gets an id, so it can be found in the parsed picture.
        let mut numbered = String::with_capacity(svg.len() + svg.len() / 20);
        for (index, piece) in svg.split(TEXT_START).enumerate() {
            if index > 0 {
                let _ = write!(numbered, "{TEXT_START}id=\"text-{index}\" ");
            }
            numbered.push_str(piece);
        }
        let tree = parse_svg(&numbered)?;
        let size = (tree.size().width(), tree.size().height());
        let mut runs = HashMap::new();
        collect_runs(tree.root(), &mut runs);

        let (head, body) = match svg.find("</desc>\n") {
            Some(end) => svg.split_at(end + "</desc>\n".len()),
            None => svg.split_at(svg.find('>').map_or(0, |end| end + 1)),
        };
        let body = body.trim_end().strip_suffix("</svg>").unwrap_or(body);
        let mut layers = Vec::new();
        let shapes = |layers: &mut Vec<Layer>, piece: &str| -> Result<(), ExportError> {
            if !piece.trim().is_empty() {
                let mut layer = String::with_capacity(head.len() + piece.len() + 8);
                let _ = writeln!(layer, "{head}{piece}</svg>");
                layers.push(Layer::Shapes(Box::new(parse_svg(&layer)?)));
            }
            Ok(())
        };
        let mut pieces = body.split(TEXT_START);
        shapes(&mut layers, pieces.next().unwrap_or_default())?;
        for (index, piece) in pieces.enumerate() {
            if let Some(run) = runs.remove(&format!("text-{}", index + 1)) {
                layers.push(Layer::Text(run));
            }
            shapes(&mut layers, piece.split_once(TEXT_END).map_or("", |(_, after)| after))?;
        }
        Ok(Self { size, layers })
    }

    /// Draws the picture with its top left corner at the surface's origin, scaled to `size`.
    pub(super) fn draw(&self, surface: &mut Surface<'_>, fonts: &PageFonts, size: Size) {
        let scale = size.width() / self.size.0.max(1.0);
        for layer in &self.layers {
            match layer {
                Layer::Shapes(tree) => {
                    surface.draw_svg(tree, size, SvgSettings::default());
                }
                Layer::Text(run) => {
                    let natural = fonts.width(&run.words, run.font_size);
                    let stretch = match run.length {
                        Some(length) if natural > 0.0 && length > 0.0 => length / natural,
                        _ => 1.0,
                    };
                    let turn = run.transform;
                    let (x, y) = run.start;
                    surface.push_transform(&Transform::from_scale(scale, scale));
                    surface.push_transform(&Transform::from_row(turn.sx, turn.ky, turn.kx, turn.sy, turn.tx, turn.ty));
                    surface.push_transform(&Transform::from_row(stretch, 0.0, 0.0, 1.0, x, y));
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill {
                        paint: rgb::Color::new(run.colour.0, run.colour.1, run.colour.2).into(),
                        opacity: NormalizedF32::new(run.opacity).unwrap_or(NormalizedF32::ONE),
                        ..Fill::default()
                    }));
                    fonts.draw(surface, Point::from_xy(0.0, 0.0), &run.words, run.font_size, false);
                    surface.pop();
                    surface.pop();
                    surface.pop();
                }
            }
        }
    }
}

/// Every text of `group` and below as a [`TextRun`], by its id.
fn collect_runs(group: &usvg::Group, runs: &mut HashMap<String, TextRun>) {
    for node in group.children() {
        match node {
            Node::Group(group) => collect_runs(group, runs),
            Node::Text(text) => {
                // A run of [`super::svg::Svg`] is one chunk in one colour.
                let Some(chunk) = text.chunks().first() else { continue };
                let Some(span) = chunk.spans().first() else { continue };
                let (colour, opacity) = match span.fill().map(|fill| (fill.paint(), fill.opacity().get())) {
                    Some((Paint::Color(colour), opacity)) => ((colour.red, colour.green, colour.blue), opacity),
                    _ => ((0, 0, 0), 0.0),
                };
                let run = TextRun {
                    words: text.chunks().iter().map(usvg::TextChunk::text).collect(),
                    start: (chunk.x().unwrap_or(0.0), chunk.y().unwrap_or(0.0)),
                    font_size: span.font_size().get(),
                    length: span.text_length(),
                    colour,
                    opacity,
                    transform: text.abs_transform(),
                };
                runs.insert(text.id().to_owned(), run);
            }
            Node::Path(_) | Node::Image(_) => {}
        }
    }
}
