//! The wheel as a picture: the workshop's title, the progress and the key to the rings above the
//! wheel, and the guide's credit below, in the light theme with nothing selected. The wheel in it
//! is painted by the same marks as the screen's ([`super::paint`]); the exports turn the shapes
//! into SVG, and the tests paint the same picture on the screen to compare.

use super::geometry::WheelGeometry;
use super::paint::{CardLook, LabelLayout, LabelLook, paint_group_ring, paint_label, paint_more};
use super::paint::{paint_note, paint_ring_key, paint_rings};
use super::style::Palette;
use crate::canvas::marks::{group_tint, paint_dot_badge, paint_heading_card};
use crate::guide::prompt_wheel;
use crate::model::{BandItem, band_items, hidden_in};
use crate::model::{Note, Session, WheelBand};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Vec2, pos2, vec2};

/// Space round the picture's edge.
pub const MARGIN: f32 = 40.0;
/// The workshop's title above the wheel.
const TITLE_SIZE: f32 = 30.0;
/// The progress line above the key.
const PROGRESS_SIZE: f32 = 19.0;
/// The guide's credit under the wheel.
const CREDIT_SIZE: f32 = 15.0;
/// The narrowest the picture is, so the header has room beside a small wheel.
const MIN_CONTENT_WIDTH: f32 = 900.0;

/// The picture's background: the colour of the app's panels in the light theme.
pub fn background() -> Color32 {
    egui::Visuals::light().panel_fill
}

/// Paints the whole wheel picture with its top left corner at the origin, and returns its size.
/// `dots_on` gives the dots a note shows from a closed vote, if any.
pub fn paint_wheel_picture(painter: &Painter, session: &Session, dots_on: &dyn Fn(&Note) -> Option<u32>) -> Vec2 {
    let palette = Palette::new(false);
    let geometry = WheelGeometry::new(session.wheel.prompts.len());
    let questions: Vec<String> = session.wheel.prompts.iter().map(|prompt| prompt.question.clone()).collect();
    let labels = LabelLayout::new(painter, geometry, &questions);
    let wheel_bounds = labels.bounds();
    let content_width = wheel_bounds.width().max(MIN_CONTENT_WIDTH);
    let width = content_width + 2.0 * MARGIN;
    // The background goes under everything, once the picture's height is known.
    let background_shape = painter.add(Shape::Noop);

    let title = painter.layout(
        session.display_title().to_owned(),
        FontId::proportional(TITLE_SIZE),
        palette.text,
        content_width,
    );
    let title_height = title.size().y;
    painter.galley(pos2(MARGIN, MARGIN), title, palette.text);
    let progress_top = MARGIN + title_height + 10.0;
    let progress = painter.text(
        pos2(MARGIN, progress_top),
        Align2::LEFT_TOP,
        session.wheel.progress_label(),
        FontId::proportional(PROGRESS_SIZE),
        palette.text,
    );
    let key_bottom = paint_ring_key(painter, pos2(MARGIN, progress.bottom() + 8.0), width - MARGIN, 1.0, &palette);

    let wheel_top = key_bottom + 24.0;
    let offset = vec2(
        MARGIN + (content_width - wheel_bounds.width()) / 2.0 - wheel_bounds.left(),
        wheel_top - wheel_bounds.top(),
    );
    paint_wheel(painter, session, &geometry, &labels, offset, dots_on, &palette);

    let credit = painter.layout(
        prompt_wheel().credit.clone(),
        FontId::proportional(CREDIT_SIZE),
        palette.quiet_text,
        content_width,
    );
    let credit_top = wheel_top + wheel_bounds.height() + 24.0;
    let height = credit_top + credit.size().y + MARGIN;
    painter.galley(pos2(MARGIN, credit_top), credit, palette.quiet_text);

    // Whole pixels, so the picture's edge is not a half-covered column of pixels.
    let size = vec2(width, height).ceil();
    painter.set(background_shape, Shape::rect_filled(Rect::from_min_size(Pos2::ZERO, size), 0.0, background()));
    size
}

/// The rings, labels and notes of the wheel, its centre at `offset`, at zoom 1.
fn paint_wheel(
    painter: &Painter,
    session: &Session,
    geometry: &WheelGeometry,
    labels: &LabelLayout,
    offset: Vec2,
    dots_on: &dyn Fn(&Note) -> Option<u32>,
    palette: &Palette,
) {
    paint_rings(painter, geometry, palette, None, 1.0, |world| world + offset);
    for (index, prompt) in session.wheel.prompts.iter().enumerate() {
        let (Some(rect), Some(lines)) = (labels.rects.get(index), labels.lines.get(index)) else { continue };
        let look = LabelLook { selected: false, highlighted: false, discussed: prompt.discussed };
        paint_label(painter, rect.translate(offset), lines, look, 1.0, palette);
    }
    let look = CardLook { zoom: 1.0, selected: false, projected: false };
    for (segment, prompt) in session.wheel.prompts.iter().enumerate() {
        for band in [WheelBand::Assumption, WheelBand::Opportunity] {
            let notes: Vec<&Note> = session.notes_on_prompt(&prompt.key, band).collect();
            if notes.is_empty() {
                continue;
            }
            let items = band_items(session, &notes);
            let sized = geometry.sized_slots(segment, band);
            let ring = WheelGeometry::ring_layout(&sized, items.len());
            for (item, slot) in items.iter().take(ring.shown).zip(ring.slots) {
                let rect = slot.translate(offset);
                match item {
                    BandItem::Heading(group, count) => {
                        paint_heading_card(painter, rect, group, *count, group_tint(session, group.id), 1.0, false);
                    }
                    BandItem::Note(note) => {
                        paint_note(painter, rect, session, note, look, palette);
                        if let Some(group) = note.group {
                            paint_group_ring(painter, rect, group_tint(session, group), 1.0);
                        }
                        if let Some(dots) = dots_on(note) {
                            paint_dot_badge(painter, rect, dots, 1.0);
                        }
                    }
                }
            }
            if let Some(slot) = ring.more {
                let label = WheelGeometry::more_label(ring.shown, hidden_in(&items[ring.shown..]), slot);
                paint_more(painter, slot.translate(offset), label, 1.0, false, palette);
            }
        }
    }
}
