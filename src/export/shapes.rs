//! epaint shapes written as SVG: the exported pictures are the canvases' own shapes, painted once
//! by [`crate::canvas`] and turned here into SVG elements, so a picture cannot drift from the
//! screen.
//!
//! Text stays text: each run of a galley's row in one font and colour becomes a `<text>` at the
//! position epaint laid its first glyph, with `textLength` pinned to the width epaint measured,
//! so it is selectable in the SVG, searchable in the PDF, and stays where the screen put it.

use super::markup::{escape, number};
use super::svg::Svg;
use egui::epaint::{
    CircleShape, ClippedShape, ColorMode, EllipseShape, Mesh, PathShape, PathStroke, RectShape, Shape, TextShape,
};
use egui::{Color32, FontFamily, Pos2, Rect, Stroke, StrokeKind};
use std::fmt::Write as _;

/// The family written for egui's monospace text: Hack, bundled with egui and loaded by the PNG
/// and PDF writers.
const MONOSPACE_FAMILY: &str = "Hack, monospace";

/// Writes every shape, in order, into `svg`. Clip rectangles are not written: a picture is
/// painted into a canvas as large as the picture, so nothing in it is clipped.
pub fn write_shapes(svg: &mut Svg, shapes: &[ClippedShape]) {
    for clipped in shapes {
        write_shape(svg, &clipped.shape);
    }
}

/// Writes one shape.
pub fn write_shape(svg: &mut Svg, shape: &Shape) {
    match shape {
        Shape::Noop | Shape::Callback(_) | Shape::Band(_) => {}
        Shape::Vec(shapes) => shapes.iter().for_each(|shape| write_shape(svg, shape)),
        Shape::Circle(circle) => write_circle(svg, circle),
        Shape::Ellipse(ellipse) => write_ellipse(svg, ellipse),
        Shape::LineSegment { points, stroke } => write_line(svg, points, *stroke),
        Shape::Path(path) => write_path(svg, path),
        Shape::Rect(rect) => write_rect(svg, rect),
        Shape::Text(text) => write_text(svg, text),
        Shape::Mesh(mesh) => write_mesh(svg, mesh),
        Shape::QuadraticBezier(curve) => write_curve(svg, 'Q', &curve.points, curve.closed, curve.fill, &curve.stroke),
        Shape::CubicBezier(curve) => write_curve(svg, 'C', &curve.points, curve.closed, curve.fill, &curve.stroke),
    }
}

/// A colour that paints something, or none for a transparent one.
fn visible(colour: Color32) -> Option<Color32> {
    (colour.a() > 0).then_some(colour)
}

/// A stroke as `(width, colour)`, or none when it paints nothing.
fn stroke_of(stroke: Stroke) -> Option<(f32, Color32)> {
    (stroke.width > 0.0 && stroke.color.a() > 0).then_some((stroke.width, stroke.color))
}

/// A path's stroke: only solid colours are drawn (the canvases use no gradients).
fn path_stroke_of(stroke: &PathStroke) -> Option<(f32, Color32)> {
    match stroke.color {
        ColorMode::Solid(colour) => stroke_of(Stroke::new(stroke.width, colour)),
        ColorMode::UV(_) => None,
    }
}

fn write_circle(svg: &mut Svg, circle: &CircleShape) {
    // epaint strokes a circle outside its radius; SVG strokes it astride, so the outline is a
    // circle of its own, half its width further out.
    match stroke_of(circle.stroke) {
        None => svg.circle(circle.center, circle.radius, visible(circle.fill), None),
        Some((width, colour)) => {
            if let Some(fill) = visible(circle.fill) {
                svg.circle(circle.center, circle.radius, Some(fill), None);
            }
            svg.circle(circle.center, circle.radius + width / 2.0, None, Some((width, colour)));
        }
    }
}

fn write_ellipse(svg: &mut Svg, ellipse: &EllipseShape) {
    let mut d = String::new();
    let (rx, ry) = (number(ellipse.radius.x), number(ellipse.radius.y));
    let (left, right) = (ellipse.center.x - ellipse.radius.x, ellipse.center.x + ellipse.radius.x);
    let y = number(ellipse.center.y);
    let turn = number(ellipse.angle.to_degrees());
    let _ = write!(
        d,
        "M{} {y}A{rx} {ry} {turn} 1 0 {} {y}A{rx} {ry} {turn} 1 0 {} {y}Z",
        number(left),
        number(right),
        number(left)
    );
    svg.path(&d, visible(ellipse.fill), stroke_of(ellipse.stroke), "");
}

fn write_line(svg: &mut Svg, [from, to]: &[Pos2; 2], stroke: Stroke) {
    if let Some((width, colour)) = stroke_of(stroke) {
        svg.path(&super::svg::path_through(&[*from, *to], false), None, Some((width, colour)), "");
    }
}

fn write_path(svg: &mut Svg, path: &PathShape) {
    if path.points.len() < 2 {
        return;
    }
    let d = super::svg::path_through(&path.points, path.closed);
    // epaint fills only closed paths; its outlines meet in mitred corners.
    let fill = if path.closed { visible(path.fill) } else { None };
    svg.path(&d, fill, path_stroke_of(&path.stroke), "");
}

/// A Bézier curve as one SVG path: `M` to its first point, then `command` (`Q` quadratic, `C`
/// cubic) through the rest; filled only when closed, as epaint fills it.
fn write_curve(svg: &mut Svg, command: char, points: &[Pos2], closed: bool, fill: Color32, stroke: &PathStroke) {
    let Some((first, rest)) = points.split_first() else { return };
    let mut d = format!("M{} {}{command}", number(first.x), number(first.y));
    let through: Vec<String> = rest.iter().map(|point| format!("{} {}", number(point.x), number(point.y))).collect();
    d.push_str(&through.join(" "));
    if closed {
        d.push('Z');
    }
    svg.path(&d, if closed { visible(fill) } else { None }, path_stroke_of(stroke), "");
}

/// A rectangle: its fill over the whole rectangle, then its outline where epaint puts it (inside,
/// on, or outside the edge), with corners rounded as epaint rounds them.
fn write_rect(svg: &mut Svg, shape: &RectShape) {
    let radii =
        [shape.corner_radius.nw, shape.corner_radius.ne, shape.corner_radius.se, shape.corner_radius.sw].map(f32::from);
    // The screen puts a rectangle's edges on whole pixels (the tessellator's default); a picture
    // is laid out at one point a pixel, so whole units are those pixels.
    let rect = if shape.round_to_pixels.unwrap_or(true) { shape.rect.round() } else { shape.rect };
    if let Some(fill) = visible(shape.fill) {
        rounded(svg, rect, radii, Some(fill), None);
    }
    if let Some((width, colour)) = stroke_of(shape.stroke) {
        // SVG strokes straddle the outline; move the outline so the stroke lands where epaint's does.
        let outward = match shape.stroke_kind {
            StrokeKind::Inside => -width / 2.0,
            StrokeKind::Middle => 0.0,
            StrokeKind::Outside => width / 2.0,
        };
        let rect = rect.expand(outward);
        rounded(svg, rect, radii.map(|radius| (radius + outward).max(0.0)), None, Some((width, colour)));
    }
}

/// A rectangle with each corner rounded by its own radius (north-west, north-east, south-east,
/// south-west), as one `<rect>` when the corners agree.
fn rounded(svg: &mut Svg, rect: Rect, radii: [f32; 4], fill: Option<Color32>, stroke: Option<(f32, Color32)>) {
    if radii.iter().all(|radius| *radius == radii[0]) {
        svg.rect(rect, radii[0].min(rect.width() / 2.0).min(rect.height() / 2.0), fill, stroke);
    } else {
        svg.rounded_rect_painted(rect, radii, fill, stroke);
    }
}

/// A mesh, one path per colour: the outline of its triangles of that colour when they form
/// simple loops (as a canvas's filled bands do), else the triangles themselves, filled together
/// so no seams show between them. Textured meshes (images) are not drawn: the canvases paint none.
fn write_mesh(svg: &mut Svg, mesh: &Mesh) {
    if mesh.texture_id != egui::TextureId::default() {
        return;
    }
    let mut by_colour: Vec<(Color32, Vec<[u32; 3]>)> = Vec::new();
    for triangle in mesh.indices.chunks_exact(3) {
        let [a, b, c] = [triangle[0], triangle[1], triangle[2]];
        if [a, b, c].iter().any(|index| *index as usize >= mesh.vertices.len()) {
            continue;
        }
        let colour = mesh.vertices[a as usize].color;
        if colour.a() == 0 {
            continue;
        }
        match by_colour.iter_mut().find(|(existing, _)| *existing == colour) {
            Some((_, triangles)) => triangles.push([a, b, c]),
            None => by_colour.push((colour, vec![[a, b, c]])),
        }
    }
    let position = |index: u32| mesh.vertices[index as usize].pos;
    for (colour, triangles) in by_colour {
        let d = match outline_loops(&triangles) {
            Some(loops) => loops
                .iter()
                .map(|indices| {
                    let points: Vec<Pos2> = indices.iter().map(|index| position(*index)).collect();
                    super::svg::path_through(&points, true)
                })
                .collect::<String>(),
            None => triangles
                .iter()
                .map(|corners| super::svg::path_through(&corners.map(position), true))
                .collect::<String>(),
        };
        svg.path(&d, Some(colour), None, " fill-rule=\"evenodd\"");
    }
}

/// The outline of triangles that share their vertices: the edges only one triangle has, chained
/// into closed loops of vertex indices. `None` when they do not chain into simple loops.
fn outline_loops(triangles: &[[u32; 3]]) -> Option<Vec<Vec<u32>>> {
    use std::collections::BTreeMap;
    let mut edges: BTreeMap<(u32, u32), (u32, u32, usize)> = BTreeMap::new();
    for [a, b, c] in triangles {
        for (from, to) in [(*a, *b), (*b, *c), (*c, *a)] {
            edges.entry((from.min(to), from.max(to))).or_insert((from, to, 0)).2 += 1;
        }
    }
    // Each outline vertex must have exactly one edge out, followed in the triangles' direction.
    let mut next: BTreeMap<u32, u32> = BTreeMap::new();
    for (from, to, count) in edges.into_values() {
        if count == 1 && next.insert(from, to).is_some() {
            return None;
        }
    }
    let mut loops = Vec::new();
    while let Some((&start, _)) = next.iter().next() {
        let mut indices = vec![start];
        let mut at = next.remove(&start)?;
        while at != start {
            indices.push(at);
            at = next.remove(&at)?;
        }
        loops.push(indices);
    }
    Some(loops)
}

/// A galley as text: one `<text>` per section (font and colour) of each row.
///
/// The words are written in the order they were typed, not the glyphs' order: epaint shapes a
/// right-to-left word (Arabic, Urdu) into glyphs from left to right, and the SVG viewer puts
/// typed text into visual order itself, so glyph order would reverse it twice. A row's typed text
/// is found by its glyphs' characters (a ligature's glyph stands for its first; the others
/// go with it), and each section's text spans its glyphs from the leftmost to the rightmost.
fn write_text(svg: &mut Svg, text: &TextShape) {
    let galley = &text.galley;
    let job = &galley.job;
    let section_of = |byte: usize| {
        job.sections.iter().position(|section| section.byte_range.contains(&egui::epaint::text::ByteIndex(byte)))
    };
    // The screen puts a galley on a whole pixel; a picture is laid out at one point a pixel.
    let galley_pos = text.pos.round();
    let last_row = galley.rows.len().saturating_sub(1);
    let mut cursor = 0;
    let mut section = 0;
    for (row_index, placed) in galley.rows.iter().enumerate() {
        write_row_backgrounds(svg, text, galley_pos, placed);
        let glyphs = &placed.row.glyphs;
        // An elided galley ends with its overflow character, which stands for no typed character
        // and belongs to the last section.
        let overflow = galley.elided
            && row_index == last_row
            && glyphs.last().map(|glyph| glyph.chr) == job.wrap.overflow_character;
        let typed = &glyphs[..glyphs.len() - usize::from(overflow)];
        let takes_the_rest = row_index == last_row && !galley.elided;
        let (characters, next) = row_characters(&job.text, cursor, typed, takes_the_rest);
        cursor = next;

        let mut used = vec![false; characters.len()];
        let mut runs: Vec<Run> = Vec::new();
        for glyph in glyphs {
            let matched = characters
                .iter()
                .zip(used.iter_mut())
                .find(|((_, character), used)| !**used && *character == glyph.chr)
                .map(|((byte, _), used)| {
                    *used = true;
                    *byte
                });
            // A glyph of no typed character (the overflow "…") keeps the section before it.
            section = matched.and_then(section_of).unwrap_or(section);
            let origin = galley_pos + placed.pos.to_vec2() + glyph.pos.to_vec2();
            let index = runs.iter().position(|run| run.section == Some(section)).unwrap_or_else(|| {
                runs.push(Run { section: Some(section), ..Run::default() });
                runs.len() - 1
            });
            runs[index].ink(glyph.chr, origin, glyph.advance_width);
        }
        // Each section's words, as typed.
        for (byte, character) in &characters {
            let section = section_of(*byte);
            if let Some(run) = runs.iter_mut().find(|run| run.section.is_some() && run.section == section) {
                run.text.push(*character);
            }
        }
        if overflow && let (Some(run), Some(character)) = (runs.last_mut(), job.wrap.overflow_character) {
            run.text.push(character);
        }
        runs.sort_by_key(|run| run.section);
        for run in &runs {
            run.write(svg, text);
        }
    }
}

/// The typed characters of a row whose glyphs are `glyphs`, from byte `start` of `text`, with
/// their byte offsets, and where the next row starts.
///
/// Where the glyphs are the characters one for one (Latin, Cyrillic, emoji…), the row is those
/// characters. Where shaping made them differ (epaint gives a right-to-left word its glyphs in
/// visual order, followed by glyphs of no width for its letters again; a Bengali vowel sign's
/// glyph goes before its consonant; a ligature is one glyph), the row is as many words as its
/// glyphs make (rows are broken between words), with the spaces after them. The last row of a
/// galley that is not cut short takes all the rest of its line.
fn row_characters(
    text: &str,
    start: usize,
    glyphs: &[egui::epaint::text::Glyph],
    takes_the_rest: bool,
) -> (Vec<(usize, char)>, usize) {
    let mut start = start.min(text.len());
    // The line break between two rows has no glyph.
    while text[start..].starts_with('\n') {
        start += 1;
    }
    let line = text[start..].split('\n').next().unwrap_or_default();
    let located = |(offset, character): (usize, char)| (start + offset, character);
    let one_for_one = line.chars().count() >= glyphs.len()
        && line.chars().zip(glyphs).all(|(character, glyph)| character == glyph.chr);
    let characters: Vec<(usize, char)> = if takes_the_rest {
        line.char_indices().map(located).collect()
    } else if one_for_one {
        line.char_indices().take(glyphs.len()).map(located).collect()
    } else {
        let mut words = 0;
        let mut in_word = false;
        for glyph in glyphs.iter().filter(|glyph| glyph.advance_width > 0.0) {
            let starts_word = !glyph.chr.is_whitespace() && !in_word;
            words += usize::from(starts_word);
            in_word = !glyph.chr.is_whitespace();
        }
        let mut taken = Vec::new();
        let mut seen = 0;
        let mut in_word = false;
        for (offset, character) in line.char_indices() {
            if !character.is_whitespace() && !in_word {
                if seen == words {
                    break;
                }
                seen += 1;
            }
            in_word = !character.is_whitespace();
            taken.push(located((offset, character)));
        }
        taken
    };
    let end = characters.last().map_or(start, |(byte, character)| byte + character.len_utf8());
    (characters, end)
}

/// The backgrounds of a row's sections (a badge of initials behind a word), which epaint puts in
/// the row's mesh before its glyphs, as filled shapes under the row's text.
fn write_row_backgrounds(svg: &mut Svg, text: &TextShape, galley_pos: Pos2, placed: &egui::epaint::text::PlacedRow) {
    let visuals = &placed.row.visuals;
    if visuals.glyph_index_start == 0 {
        return;
    }
    // Where epaint puts the row's vertices: turned with the galley about its corner.
    let turn = egui::emath::Rot2::from_angle(text.angle);
    let row_pos = galley_pos + turn * placed.pos.to_vec2();
    let backgrounds = Mesh {
        indices: visuals.mesh.indices[..visuals.glyph_index_start].to_vec(),
        vertices: visuals
            .mesh
            .vertices
            .iter()
            .map(|vertex| egui::epaint::Vertex { pos: row_pos + turn * vertex.pos.to_vec2(), ..*vertex })
            .collect(),
        ..Mesh::default()
    };
    write_mesh(svg, &backgrounds);
}

/// One section of a row, gathered to be written as one `<text>`.
#[derive(Default)]
struct Run {
    section: Option<usize>,
    /// Its typed characters, in order.
    text: String,
    /// The leftmost glyph's origin on the baseline and the right end of the rightmost, leaving
    /// out spaces at either end, which the written text leaves out too.
    ink_start: Option<Pos2>,
    ink_end: f32,
}

impl Run {
    /// Takes a glyph's place into the run's extent (spaces take none).
    fn ink(&mut self, character: char, origin: Pos2, advance: f32) {
        if character.is_whitespace() {
            return;
        }
        match &mut self.ink_start {
            None => {
                self.ink_start = Some(origin);
                self.ink_end = origin.x + advance;
            }
            Some(start) => {
                start.x = start.x.min(origin.x);
                self.ink_end = self.ink_end.max(origin.x + advance);
            }
        }
    }

    fn write(&self, svg: &mut Svg, shape: &TextShape) {
        let (Some(section), Some(start)) = (self.section, self.ink_start) else { return };
        let Some(format) = shape.galley.job.sections.get(section).map(|section| &section.format) else { return };
        let mut colour = if format.color == Color32::PLACEHOLDER { shape.fallback_color } else { format.color };
        if let Some(override_colour) = shape.override_text_color {
            colour = override_colour;
        }
        if shape.opacity_factor < 1.0 {
            colour = colour.gamma_multiply(shape.opacity_factor);
        }
        if colour.a() == 0 {
            return;
        }
        let family = match &format.font_id.family {
            FontFamily::Monospace => MONOSPACE_FAMILY,
            FontFamily::Proportional | FontFamily::Name(_) => super::text::FONT_FAMILY,
        };
        let words = self.text.trim();
        let turn = (shape.angle != 0.0).then(|| {
            format!("rotate({} {} {})", number(shape.angle.to_degrees()), number(shape.pos.x), number(shape.pos.y))
        });
        svg.text_run(
            start,
            self.ink_end - start.x,
            format.font_id.size,
            colour,
            family,
            &escape(words),
            turn.as_deref(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::headless::paint_shapes;
    use egui::{Align2, CornerRadius, FontId, pos2, vec2};

    fn svg_of(paint: impl FnOnce(&egui::Painter)) -> String {
        let (shapes, ()) = paint_shapes(paint);
        let mut svg = Svg::new(100.0, 100.0);
        write_shapes(&mut svg, &shapes);
        svg.finish("test", "test", "test")
    }

    #[test]
    fn a_strip_of_triangles_is_written_as_its_outline() {
        // A strip of four quads, as a filled band of the wheel is painted.
        let mut triangles = Vec::new();
        for step in 0..4 {
            let base = 2 * step;
            triangles.push([base, base + 1, base + 2]);
            triangles.push([base + 1, base + 3, base + 2]);
        }
        let loops = outline_loops(&triangles).expect("the strip has one outline");
        assert_eq!(loops.len(), 1);
        assert_eq!(loops[0].len(), 10, "every vertex of the strip is on its outline once: {loops:?}");
        // Two triangles wound against each other do not chain; they are written as triangles.
        assert_eq!(outline_loops(&[[0, 1, 2], [1, 2, 3]]), None);
    }

    #[test]
    fn text_is_written_as_escaped_text_where_epaint_laid_it() {
        let svg = svg_of(|painter| {
            painter.text(
                pos2(10.0, 20.0),
                Align2::LEFT_TOP,
                "Trust & <respect>",
                FontId::proportional(20.0),
                Color32::BLACK,
            );
        });
        assert!(svg.contains(">Trust &amp; &lt;respect&gt;</text>"), "{svg}");
        assert!(svg.contains("<text x=\"10\" "), "the first glyph's left edge: {svg}");
        assert!(svg.contains("font-size=\"20\""), "{svg}");
    }

    #[test]
    fn right_to_left_words_are_written_as_typed_with_the_words_after_them() {
        let arabic = "نحتاج إلى مساعدة بلغتنا";
        let svg = svg_of(|painter| {
            let mut job = egui::text::LayoutJob::default();
            let format = |size: f32, colour: Color32| egui::TextFormat {
                font_id: FontId::proportional(size),
                color: colour,
                ..egui::TextFormat::default()
            };
            job.append(arabic, 0.0, format(20.0, Color32::BLACK));
            job.append(" — Amal", 0.0, format(12.0, Color32::GRAY));
            // Two rows: the Arabic, then the name.
            job.wrap.max_width = 200.0;
            let galley = painter.layout_job(job);
            assert_eq!(galley.rows.len(), 2, "the name goes onto a row of its own");
            painter.galley(pos2(10.0, 20.0), galley, Color32::BLACK);
        });
        assert!(svg.contains(&format!(">{arabic}</text>")), "{svg}");
        assert!(svg.contains(">— Amal</text>"), "{svg}");
    }

    #[test]
    fn shaped_scripts_keep_each_row_s_own_words() {
        for (words, width) in [("আমাদের নিজের ভাষায় সাহায্য দরকার", 150.0), ("ਸਾਨੂੰ ਆਪਣੀ ਭਾਸ਼ਾ ਵਿੱਚ ਮਦਦ ਚਾਹੀਦੀ ਹੈ", 150.0)]
        {
            let mut rows = 0;
            let svg = svg_of(|painter| {
                let galley = painter.layout(words.to_owned(), FontId::proportional(20.0), Color32::BLACK, width);
                rows = galley.rows.len();
                painter.galley(pos2(10.0, 20.0), galley, Color32::BLACK);
            });
            assert!(rows >= 2, "{words}: wrapped");
            let written: Vec<&str> = svg
                .split("</text>")
                .filter(|run| run.contains("<text "))
                .filter_map(|run| run.rsplit_once('>').map(|(_, words)| words))
                .collect();
            assert_eq!(written.len(), rows, "one run a row: {written:?}");
            assert_eq!(written.join(" "), words, "each word once, in order");
        }
    }

    #[test]
    fn a_rectangle_s_outline_lands_where_epaint_draws_it() {
        let svg = svg_of(|painter| {
            let rect = Rect::from_min_size(pos2(10.0, 10.0), vec2(40.0, 20.0));
            painter.rect(
                rect,
                CornerRadius::same(4),
                Color32::WHITE,
                Stroke::new(2.0, Color32::RED),
                StrokeKind::Inside,
            );
        });
        assert!(
            svg.contains("<rect x=\"10\" y=\"10\" width=\"40\" height=\"20\" rx=\"4\" fill=\"#ffffff\"/>"),
            "{svg}"
        );
        assert!(
            svg.contains(
                "<rect x=\"11\" y=\"11\" width=\"38\" height=\"18\" rx=\"3\" fill=\"none\" stroke=\"#ff0000\""
            ),
            "{svg}"
        );
    }
}
