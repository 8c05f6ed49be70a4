//! The badge a closed vote puts on a note: its dots, in a disc at the note's top right corner.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, vec2};

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
