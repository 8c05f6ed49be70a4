//! How the map looks in light and dark: paper, bands, link kinds and need statuses.
//!
//! Every colour here comes with a second cue (a line style, a symbol, words), because the map is
//! read from the back of a room, on projectors that wash colours out, by people who may not see
//! every colour.

use crate::model::answer::NeedStatus;
use crate::model::{LinkKind, MapArc, Rgb};
use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, vec2};

/// The map's colours for the current theme.
#[derive(Clone, Copy, Debug)]
pub struct MapPalette {
    /// Whether the theme is dark.
    pub dark: bool,
    /// Main text.
    pub text: Color32,
    /// Quiet text: the guide's examples, leader lines.
    pub quiet: Color32,
    /// The canvas behind everything.
    pub background: Color32,
    /// The selection highlight.
    pub selection: Color32,
}

impl MapPalette {
    /// The palette of the dark or the light theme.
    pub fn for_theme(dark: bool) -> Self {
        Self {
            dark,
            text: if dark { Color32::from_gray(235) } else { Color32::from_gray(20) },
            quiet: if dark { Color32::from_gray(165) } else { Color32::from_gray(95) },
            background: if dark { Color32::from_gray(22) } else { Color32::from_gray(250) },
            selection: if dark { Color32::from_rgb(255, 210, 80) } else { Color32::from_rgb(20, 90, 200) },
        }
    }

    fn pick(self, light: (u8, u8, u8), dark: (u8, u8, u8)) -> Color32 {
        let (r, g, b) = if self.dark { dark } else { light };
        Color32::from_rgb(r, g, b)
    }

    /// The paper of a note on `arc`: warm for needs, cool for help, so the two sets differ even
    /// when a card is seen on its own.
    pub fn paper(self, arc: MapArc) -> Color32 {
        match arc {
            MapArc::Need => self.pick((255, 250, 236), (52, 47, 38)),
            MapArc::Help => self.pick((241, 247, 255), (36, 44, 56)),
        }
    }

    /// The band an arc is drawn as.
    pub fn band(self, arc: MapArc) -> Color32 {
        match arc {
            MapArc::Need => self.pick((240, 214, 160), (112, 88, 46)),
            MapArc::Help => self.pick((178, 208, 236), (46, 78, 112)),
        }
    }

    /// Quiet writing on an arc's band: the guide's examples.
    pub fn band_text_quiet(self, arc: MapArc) -> Color32 {
        match arc {
            MapArc::Need => self.pick((92, 66, 20), (236, 220, 190)),
            MapArc::Help => self.pick((28, 62, 100), (206, 226, 246)),
        }
    }

    /// The colour of a link of this kind. The kinds also differ in line style.
    pub fn link(self, kind: LinkKind) -> Color32 {
        match kind {
            LinkKind::MeetsNow => self.pick((0, 110, 72), (96, 206, 150)),
            LinkKind::CouldWithSupport => self.pick((0, 90, 178), (120, 176, 245)),
            LinkKind::Gap => self.pick((196, 62, 0), (250, 140, 90)),
        }
    }

    /// The fill and text colour of a need's status strip.
    pub fn status(self, status: NeedStatus) -> (Color32, Color32) {
        match status {
            NeedStatus::NoSupportYet => (self.pick((255, 196, 40), (214, 150, 0)), self.pick((40, 25, 0), (20, 12, 0))),
            NeedStatus::GapsOnly => {
                (self.pick((196, 60, 22), (150, 52, 20)), self.pick((255, 255, 255), (255, 232, 222)))
            }
            NeedStatus::WithSupport => {
                (self.pick((206, 226, 250), (34, 70, 120)), self.pick((0, 60, 130), (220, 234, 255)))
            }
            NeedStatus::MetNow => (self.pick((204, 238, 214), (24, 92, 60)), self.pick((0, 84, 48), (222, 255, 236))),
        }
    }
}

/// An organisation colour, or a neutral grey for a note without one.
pub fn organisation_fill(colour: Option<Rgb>) -> Color32 {
    colour.map_or(Color32::from_gray(190), crate::canvas::colour::colour32)
}

/// Black or white, whichever has the higher WCAG contrast ratio on `fill`.
pub fn text_on(fill: Color32) -> Color32 {
    crate::canvas::colour::ink_on(fill)
}

/// How a link of one kind is drawn, in map units at zoom 1: solid, dashed or dotted, so the kind
/// reads without colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LinkStyle {
    /// A solid line this wide.
    Solid {
        /// Line width.
        width: f32,
    },
    /// Dashes of `dash` with gaps of `gap`.
    Dashed {
        /// Line width.
        width: f32,
        /// Length of a dash.
        dash: f32,
        /// Length of a gap.
        gap: f32,
    },
    /// Round dots of `radius`, `spacing` apart.
    Dotted {
        /// Distance between dot centres.
        spacing: f32,
        /// Dot radius.
        radius: f32,
    },
}

/// The line style of a link of `kind`.
pub fn link_style(kind: LinkKind) -> LinkStyle {
    match kind {
        LinkKind::MeetsNow => LinkStyle::Solid { width: 4.5 },
        LinkKind::CouldWithSupport => LinkStyle::Dashed { width: 4.0, dash: 16.0, gap: 10.0 },
        LinkKind::Gap => LinkStyle::Dotted { spacing: 11.0, radius: 3.0 },
    }
}

/// The shapes of a link of `kind` along `points`: solid, dashed or dotted, so the kind reads
/// without colour. `scale` is the map's zoom, kept from going so thin the style is lost.
pub fn link_shapes(points: &[Pos2], kind: LinkKind, colour: Color32, scale: f32) -> Vec<Shape> {
    let scale = scale.max(0.5);
    match link_style(kind) {
        LinkStyle::Solid { width } => vec![Shape::line(points.to_vec(), Stroke::new(width * scale, colour))],
        LinkStyle::Dashed { width, dash, gap } => {
            Shape::dashed_line(points, Stroke::new(width * scale, colour), dash * scale, gap * scale)
        }
        LinkStyle::Dotted { spacing, radius } => Shape::dotted_line(points, colour, spacing * scale, radius * scale),
    }
}

/// A link of `kind` far zoomed out, where thousands of them can share a few hundred pixels: one
/// solid line as wide as the style's line (or dots) at the smallest scale [`link_shapes`] keeps,
/// in the kind's colour. Dashes and dots there cost a software rasteriser several times the
/// triangles of the line and could not be told apart anyway; the kind reads again on zooming in.
pub fn overview_link_shape(points: Vec<Pos2>, kind: LinkKind, colour: Color32) -> Shape {
    let width = match link_style(kind) {
        LinkStyle::Solid { width } | LinkStyle::Dashed { width, .. } => width,
        LinkStyle::Dotted { radius, .. } => 2.0 * radius,
    };
    Shape::line(points, Stroke::new(width * 0.5, colour))
}

/// A status's drawn symbol in a unit square (x right, y down, 0 to 1): lines through the
/// listed points, and a dot, so it can be drawn on screen or written into a picture alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatusIcon {
    /// Each stroke's points.
    pub strokes: &'static [&'static [(f32, f32)]],
    /// The centre of a dot, for the exclamation mark.
    pub dot: Option<(f32, f32)>,
}

impl StatusIcon {
    /// The width of the icon's lines when it is `height` tall.
    pub fn stroke_width(height: f32) -> f32 {
        (height * 0.16).max(1.5)
    }
}

/// The symbol for a need's status: a tick when met now, a plus when it could be met with
/// support, a cross for gaps only, an exclamation mark when nothing is linked.
pub fn status_icon(status: NeedStatus) -> StatusIcon {
    match status {
        NeedStatus::MetNow => StatusIcon { strokes: &[&[(0.12, 0.55), (0.4, 0.82), (0.9, 0.18)]], dot: None },
        NeedStatus::WithSupport => {
            StatusIcon { strokes: &[&[(0.5, 0.1), (0.5, 0.9)], &[(0.1, 0.5), (0.9, 0.5)]], dot: None }
        }
        NeedStatus::GapsOnly => {
            StatusIcon { strokes: &[&[(0.18, 0.18), (0.82, 0.82)], &[(0.82, 0.18), (0.18, 0.82)]], dot: None }
        }
        NeedStatus::NoSupportYet => StatusIcon { strokes: &[&[(0.5, 0.08), (0.5, 0.62)]], dot: Some((0.5, 0.86)) },
    }
}

/// A small drawn symbol for a need's status in `rect` (see [`status_icon`]). Drawn rather than
/// typed, because the app's fonts have no tick or warning sign.
pub fn paint_status_icon(painter: &Painter, rect: Rect, status: NeedStatus, colour: Color32) {
    let icon = status_icon(status);
    let stroke = Stroke::new(StatusIcon::stroke_width(rect.height()), colour);
    let at = |(x, y): (f32, f32)| rect.lerp_inside(vec2(x, y));
    for points in icon.strokes {
        match points {
            [from, to] => {
                painter.line_segment([at(*from), at(*to)], stroke);
            }
            _ => {
                painter.add(Shape::line(points.iter().copied().map(at).collect(), stroke));
            }
        }
    }
    if let Some(dot) = icon.dot {
        painter.circle_filled(at(dot), stroke.width * 0.7, colour);
    }
}

/// The need status a link of `kind` gives on its own, for drawing the link's marker with the
/// same symbol as the status it brings.
pub fn status_of_kind(kind: LinkKind) -> NeedStatus {
    match kind {
        LinkKind::MeetsNow => NeedStatus::MetNow,
        LinkKind::CouldWithSupport => NeedStatus::WithSupport,
        LinkKind::Gap => NeedStatus::GapsOnly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rgb;

    #[test]
    fn text_on_organisation_colours_is_readable() {
        // Black on the light and middling palette colours, white on the dark blue: whichever
        // has the higher WCAG contrast (white on vermillion was 3.87:1, black is 5.43:1).
        let on = |colour: Rgb| text_on(Color32::from_rgb(colour.r, colour.g, colour.b));
        assert_eq!(on(Rgb::new(0xF0, 0xE4, 0x42)), Color32::BLACK, "yellow");
        assert_eq!(on(Rgb::new(0xE6, 0x9F, 0x00)), Color32::BLACK, "orange");
        assert_eq!(on(Rgb::new(0x00, 0x72, 0xB2)), Color32::WHITE, "blue");
        assert_eq!(on(Rgb::new(0xD5, 0x5E, 0x00)), Color32::BLACK, "vermillion");
    }
}
