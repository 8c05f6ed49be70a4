//! A small SVG writer: shapes and pre-measured text, with every piece of text escaped.
//!
//! Text is laid out here (with [`super::text`]) rather than by the viewer, and each run carries
//! its measured width as `textLength`, so a picture keeps its layout even in a viewer that lacks
//! the bundled font.

use super::markup::{escape, number};
use super::text::FONT_FAMILY;
use egui::{Color32, Pos2, Rect};
use std::fmt::Write as _;

/// An SVG document being written.
pub struct Svg {
    body: String,
    size: (f32, f32),
}

/// `fill="…"` (and `fill-opacity` for a see-through colour) or `fill="none"`.
fn paint_attributes(name: &str, colour: Option<Color32>) -> String {
    match colour {
        None => format!(" {name}=\"none\""),
        Some(colour) => {
            let [r, g, b, a] = colour.to_srgba_unmultiplied();
            let mut text = format!(" {name}=\"#{r:02x}{g:02x}{b:02x}\"");
            if a < 255 {
                let _ = write!(text, " {name}-opacity=\"{}\"", number(f32::from(a) / 255.0));
            }
            text
        }
    }
}

fn stroke_attributes(stroke: Option<(f32, Color32)>) -> String {
    match stroke {
        None => String::new(),
        Some((width, colour)) => {
            format!("{} stroke-width=\"{}\"", paint_attributes("stroke", Some(colour)), number(width))
        }
    }
}

impl Svg {
    /// An empty picture `width` × `height` units.
    pub fn new(width: f32, height: f32) -> Self {
        Self { body: String::new(), size: (width, height) }
    }

    /// A rectangle with rounded corners of `radius`.
    pub fn rect(&mut self, rect: Rect, radius: f32, fill: Option<Color32>, stroke: Option<(f32, Color32)>) {
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{}{}/>",
            number(rect.left()),
            number(rect.top()),
            number(rect.width().max(0.0)),
            number(rect.height().max(0.0)),
            if radius > 0.0 { format!(" rx=\"{}\"", number(radius)) } else { String::new() },
            paint_attributes("fill", fill),
            stroke_attributes(stroke),
        );
    }

    /// Like [`Self::rounded_rect`], with any fill and outline.
    pub fn rounded_rect_painted(
        &mut self,
        rect: Rect,
        [nw, ne, se, sw]: [f32; 4],
        fill: Option<Color32>,
        stroke: Option<(f32, Color32)>,
    ) {
        let (left, top, right, bottom) = (rect.left(), rect.top(), rect.right(), rect.bottom());
        let n = number;
        let d = format!(
            "M{} {}H{}A{r1} {r1} 0 0 1 {} {}V{}A{r2} {r2} 0 0 1 {} {}H{}A{r3} {r3} 0 0 1 {} {}V{}A{r4} {r4} 0 0 1 {} {}Z",
            n(left + nw),
            n(top),
            n(right - ne),
            n(right),
            n(top + ne),
            n(bottom - se),
            n(right - se),
            n(bottom),
            n(left + sw),
            n(left),
            n(bottom - sw),
            n(top + nw),
            n(left + nw),
            n(top),
            r1 = n(ne),
            r2 = n(se),
            r3 = n(sw),
            r4 = n(nw),
        );
        self.path(&d, fill, stroke, "");
    }

    /// A circle.
    pub fn circle(&mut self, centre: Pos2, radius: f32, fill: Option<Color32>, stroke: Option<(f32, Color32)>) {
        let _ = writeln!(
            self.body,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}/>",
            number(centre.x),
            number(centre.y),
            number(radius),
            paint_attributes("fill", fill),
            stroke_attributes(stroke),
        );
    }

    /// A path with drawing commands `d`, and any further attributes as written.
    pub fn path(&mut self, d: &str, fill: Option<Color32>, stroke: Option<(f32, Color32)>, extra: &str) {
        let _ = writeln!(
            self.body,
            "<path d=\"{d}\"{}{}{extra}/>",
            paint_attributes("fill", fill),
            stroke_attributes(stroke)
        );
    }

    /// Text already laid out (by epaint): `escaped_text` in `family` at `size`, its baseline
    /// starting at `start` and stretched or squeezed to exactly `width`, so it lands where the
    /// layout put it whatever font the viewer has. `transform`, when given, turns it.
    #[allow(clippy::too_many_arguments, reason = "the attributes of one SVG text run, each used once")]
    pub fn text_run(
        &mut self,
        start: Pos2,
        width: f32,
        size: f32,
        colour: Color32,
        family: &str,
        escaped_text: &str,
        transform: Option<&str>,
    ) {
        if escaped_text.is_empty() {
            return;
        }
        // Runs of spaces inside the words are kept, as the layout kept them.
        let space = if escaped_text.contains("  ") { " xml:space=\"preserve\"" } else { "" };
        let family = if family == FONT_FAMILY { String::new() } else { format!(" font-family=\"{family}\"") };
        let transform = transform.map_or_else(String::new, |transform| format!(" transform=\"{transform}\""));
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{family}{}{transform}{space} textLength=\"{}\" \
             lengthAdjust=\"spacingAndGlyphs\">{escaped_text}</text>",
            number(start.x),
            number(start.y),
            number(size),
            paint_attributes("fill", Some(colour)),
            number(width),
        );
    }

    /// The finished document, described for screen readers by `title` and `description`; `id`
    /// names the picture, so two pictures in one web page keep their descriptions apart.
    pub fn finish(self, id: &str, title: &str, description: &str) -> String {
        let (width, height) = self.size;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-family=\"{FONT_FAMILY}\" font-weight=\"300\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
             <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n{}</svg>\n",
            escape(title),
            escape(description),
            self.body,
            w = number(width),
            h = number(height),
        )
    }
}

/// SVG path commands through `points`.
pub fn path_through(points: &[Pos2], closed: bool) -> String {
    let mut d = String::new();
    for (index, point) in points.iter().enumerate() {
        let _ = write!(d, "{}{} {}", if index == 0 { "M" } else { "L" }, number(point.x), number(point.y));
    }
    if closed {
        d.push('Z');
    }
    d
}
