//! Self-contained SVG pictures: each piece of text also drawn as the outlines of its glyphs, so
//! a viewer without the bundled fonts (rsvg, image tools, office suites) draws the words as the
//! app does instead of running them past the cards' edges in a font of its own.
//!
//! The outlines are the glyphs resvg shapes with the bundled fonts (every script, right-to-left
//! words in their order), the same as the PNG pictures. The text stays in the picture, invisible
//! (`opacity="0"`) over its outlines, so it can still be selected, searched and read aloud.

use super::ExportError;
use super::markup::number;
use super::png::parse_svg;
use resvg::tiny_skia::{PathSegment, Transform};
use resvg::usvg::{Group, Node, Paint};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The marker every text run of [`super::svg::Svg`] starts with.
const TEXT_START: &str = "<text ";

/// `svg` (written by [`super::svg::Svg`]) with each text run's glyph outlines drawn under it and
/// the run itself made invisible.
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
    let mut outlines = HashMap::new();
    collect_outlines(tree.root(), &mut outlines);

    let mut written = String::with_capacity(numbered.len() * 3);
    for (index, piece) in numbered.split(TEXT_START).enumerate() {
        if index > 0 {
            if let Some(paths) = outlines.get(&format!("text-{index}")) {
                written.push_str(paths);
            }
            written.push_str(TEXT_START);
            written.push_str("opacity=\"0\" ");
        }
        written.push_str(piece);
    }
    Ok(written)
}

/// The outlines of every text in `group` and below, as SVG paths, by the text's id.
fn collect_outlines(group: &Group, outlines: &mut HashMap<String, String>) {
    for node in group.children() {
        match node {
            Node::Group(group) => collect_outlines(group, outlines),
            Node::Text(text) => {
                let mut paths = String::new();
                write_group(text.flattened(), text.abs_transform(), &mut paths);
                outlines.insert(text.id().to_owned(), paths);
            }
            Node::Path(_) | Node::Image(_) => {}
        }
    }
}

/// The filled paths of a text's glyphs, moved by `transform` (the text's own, such as a turn)
/// into the picture's coordinates: usvg keeps the glyphs in the text's coordinates.
fn write_group(group: &Group, transform: Transform, out: &mut String) {
    for node in group.children() {
        match node {
            Node::Group(group) => write_group(group, transform.pre_concat(group.transform()), out),
            Node::Path(path) => {
                let Some(fill) = path.fill() else { continue };
                let Paint::Color(colour) = fill.paint() else { continue };
                let Some(data) = path.data().clone().transform(transform) else { continue };
                let opacity = fill.opacity().get();
                let _ = writeln!(
                    out,
                    "<path d=\"{}\" fill=\"#{:02x}{:02x}{:02x}\"{}/>",
                    path_data(&data),
                    colour.red,
                    colour.green,
                    colour.blue,
                    if opacity < 1.0 { format!(" fill-opacity=\"{}\"", number(opacity)) } else { String::new() },
                );
            }
            Node::Text(_) | Node::Image(_) => {}
        }
    }
}

/// A path as SVG drawing commands.
fn path_data(path: &resvg::tiny_skia::Path) -> String {
    let point = |p: resvg::tiny_skia::Point| format!("{} {}", number(p.x), number(p.y));
    let mut d = String::new();
    for segment in path.segments() {
        match segment {
            PathSegment::MoveTo(p) => d.push_str(&format!("M{}", point(p))),
            PathSegment::LineTo(p) => d.push_str(&format!("L{}", point(p))),
            PathSegment::QuadTo(a, b) => d.push_str(&format!("Q{} {}", point(a), point(b))),
            PathSegment::CubicTo(a, b, c) => d.push_str(&format!("C{} {} {}", point(a), point(b), point(c))),
            PathSegment::Close => d.push('Z'),
        }
    }
    d
}
