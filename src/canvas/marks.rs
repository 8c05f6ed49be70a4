//! Marks both canvases put on their notes, painted once for the screen and the pictures: a
//! group's tint and heading card, a closed vote's dot badge, a discussed prompt's tick.

use crate::model::{GroupId, NoteGroup, Session, count_words};
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, vec2};

/// The colours groups are told apart by, in the order groups are made; strong enough to read on
/// both themes' canvases behind dark text.
/// Yellow comes last: the dark theme marks the selection in yellow.
const GROUP_TINTS: [Color32; 6] = [
    Color32::from_rgb(140, 200, 255),
    Color32::from_rgb(170, 225, 150),
    Color32::from_rgb(240, 170, 210),
    Color32::from_rgb(200, 180, 255),
    Color32::from_rgb(255, 170, 140),
    Color32::from_rgb(255, 203, 92),
];

/// A group's colour.
pub fn group_tint(session: &Session, id: GroupId) -> Color32 {
    let index = session.groups.iter().position(|group| group.id == id).unwrap_or(0);
    GROUP_TINTS[index % GROUP_TINTS.len()]
}

/// The ink of a heading card's words.
pub const HEADING_INK: Color32 = Color32::from_gray(15);
/// The outline of a heading card.
pub const HEADING_OUTLINE: Color32 = Color32::from_gray(40);
/// The outline of the cards peeping out behind a folded group's heading.
pub const PILE_OUTLINE: Color32 = Color32::from_gray(90);

/// How a group's heading card is laid out in its rectangle, at `scale` times its normal size:
/// shared by the canvases and the exported pictures, so both draw it alike.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadingCard {
    /// The corners' radius.
    pub radius: f32,
    /// The cards peeping out behind a folded group, back to front.
    pub behind: Vec<Rect>,
    /// The heading's size.
    pub heading_size: f32,
    /// How many lines the heading may take.
    pub heading_rows: usize,
    /// The size of the count under it.
    pub count_size: f32,
    /// The space inside the card's edge.
    pub margin: f32,
}

impl HeadingCard {
    /// The layout of a heading card for `group` in `rect`.
    pub fn new(rect: Rect, group: &NoteGroup, scale: f32) -> Self {
        let behind = if group.collapsed {
            // Two cards' edges peeping out behind, so a folded group looks like a pile.
            [2.0, 1.0].iter().map(|step| rect.translate(vec2(4.0, 4.0) * *step * scale.max(0.5))).collect()
        } else {
            Vec::new()
        };
        let count_size = (rect.height() * 0.2).clamp(6.0, 18.0 * scale.max(0.5));
        let heading_size = (rect.height() * 0.28).clamp(7.0, 26.0 * scale.max(0.5));
        let margin = 6.0 * scale;
        // Two lines of heading when the card is tall enough to keep the count clear of them.
        let room = rect.height() - 1.6 * margin - 1.3 * count_size;
        let heading_rows = if room >= 2.5 * heading_size { 2 } else { 1 };
        Self { radius: (6.0 * scale).clamp(1.0, 12.0), behind, heading_size, heading_rows, count_size, margin }
    }
}

/// Paints a group's heading card: the heading in bold on the group's colour, the number of
/// notes, and (folded) a stack edge so it reads as several notes in one.
pub fn paint_heading_card(
    painter: &Painter,
    rect: Rect,
    group: &NoteGroup,
    count: usize,
    tint: Color32,
    scale: f32,
    highlighted: bool,
) {
    let card = HeadingCard::new(rect, group, scale);
    let radius = CornerRadius::same(card.radius as u8);
    for behind in &card.behind {
        painter.rect(*behind, radius, tint.gamma_multiply(0.7), Stroke::new(1.0, PILE_OUTLINE), StrokeKind::Inside);
    }
    painter.rect(rect, radius, tint, Stroke::new(2.0, HEADING_OUTLINE), StrokeKind::Inside);
    if highlighted {
        painter.rect_stroke(rect.expand(2.0), radius, Stroke::new(3.0, Color32::from_gray(20)), StrokeKind::Outside);
    }
    let mut job = egui::text::LayoutJob::simple(
        group.display_heading().to_owned(),
        FontId::proportional(card.heading_size),
        HEADING_INK,
        (rect.width() - 2.0 * card.margin).max(10.0),
    );
    job.wrap.max_rows = card.heading_rows;
    job.wrap.overflow_character = Some('…');
    let galley = painter.layout_job(job);
    painter.galley(rect.min + vec2(card.margin, card.margin * 0.6), galley, HEADING_INK);
    painter.text(
        rect.left_bottom() + vec2(card.margin, -card.margin * 0.5),
        Align2::LEFT_BOTTOM,
        count_words(group, count),
        FontId::proportional(card.count_size),
        HEADING_INK,
    );
}

/// The colour of the disc a note's dots are counted in.
pub const DOT_BADGE_FILL: Color32 = Color32::from_rgb(200, 30, 90);

/// Where a note's dot count goes on its card, and how big, at `scale` times its normal size:
/// a disc over the card's top right corner.
pub fn dot_badge_disc(card: Rect, scale: f32) -> (Pos2, f32) {
    let radius = (18.0 * scale).max(13.0);
    (card.right_top() + vec2(-radius * 0.6, radius * 0.4), radius)
}

/// Paints a note's dot count over the top right corner of its card, `scale` times its normal
/// size. The disc is the same strong colour on both canvases and in both themes, with a white
/// ring, so the room can pick out the winners from the back.
pub fn paint_dot_badge(painter: &Painter, card: Rect, dots: u32, scale: f32) {
    let (centre, radius) = dot_badge_disc(card, scale);
    painter.circle(centre, radius, DOT_BADGE_FILL, Stroke::new((2.0 * scale).max(1.0), Color32::WHITE));
    painter.text(centre, Align2::CENTER_CENTER, dots.to_string(), FontId::proportional(radius * 1.15), Color32::WHITE);
}

/// A tick in a circle, drawn rather than typed because the built-in fonts have no tick.
pub fn paint_tick(painter: &Painter, centre: Pos2, size: f32, colour: Color32) {
    painter.circle_filled(centre, size / 2.0, colour);
    let stroke = Stroke::new((size / 8.0).max(1.5), Color32::WHITE);
    let points = [centre + vec2(-0.25, 0.0) * size, centre + vec2(-0.06, 0.2) * size, centre + vec2(0.27, -0.2) * size];
    painter.add(Shape::line(points.to_vec(), stroke));
}
