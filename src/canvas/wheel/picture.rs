//! The wheel as a picture: the workshop's title, the progress and the key to the rings above the
//! wheel, and the guide's credit below, in the light theme with nothing selected. The wheel in it
//! is painted by the same marks as the screen's ([`super::paint`]); the exports turn the shapes
//! into SVG, and the tests paint the same picture on the screen to compare.

use super::geometry::WheelGeometry;
use super::layout::CardMetrics;
use super::paint::{CardLook, LabelLayout, LabelLook, band_index, paint_group_ring, paint_label, paint_more};
use super::paint::{paint_note, paint_ring_key, paint_rings, plan_wheel};
use super::style::Palette;
use crate::canvas::marks::{group_tint, paint_dot_badge, paint_heading_card};
use crate::guide::prompt_wheel;
use crate::model::{BandItem, band_items, hidden_in};
use crate::model::{Note, Session, WheelBand};
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};

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
/// The heading over the panels of notes in full.
const PANEL_HEADING_SIZE: f32 = 22.0;
/// A prompt's question at the top of its panel.
const PANEL_QUESTION_SIZE: f32 = 19.0;
/// A note's words in a panel.
const PANEL_NOTE_SIZE: f32 = 15.0;
/// Space inside a panel's edge.
const PANEL_PADDING: f32 = 12.0;
/// Space between panels.
const PANEL_GAP: f32 = 20.0;

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
    let not_whole = paint_wheel(painter, session, &geometry, &labels, offset, dots_on, &palette);
    let panels_top = wheel_top + wheel_bounds.height() + 24.0;
    let panels_bottom = paint_panels(painter, session, &not_whole, panels_top, content_width, &palette);

    let credit = painter.layout(
        prompt_wheel().credit.clone(),
        FontId::proportional(CREDIT_SIZE),
        palette.quiet_text,
        content_width,
    );
    let credit_top = if panels_bottom > panels_top { panels_bottom + 24.0 } else { panels_top };
    let height = credit_top + credit.size().y + MARGIN;
    painter.galley(pos2(MARGIN, credit_top), credit, palette.quiet_text);

    // Whole pixels, so the picture's edge is not a half-covered column of pixels.
    let size = vec2(width, height).ceil();
    painter.set(background_shape, Shape::rect_filled(Rect::from_min_size(Pos2::ZERO, size), 0.0, background()));
    size
}

/// The rings, labels and notes of the wheel, its centre at `offset`, at zoom 1. Returns, for
/// each prompt and ring, the notes whose words are not all on the wheel, for the panels below it.
fn paint_wheel<'s>(
    painter: &Painter,
    session: &'s Session,
    geometry: &WheelGeometry,
    labels: &LabelLayout,
    offset: Vec2,
    dots_on: &dyn Fn(&Note) -> Option<u32>,
    palette: &Palette,
) -> Vec<[Vec<&'s Note>; 2]> {
    paint_rings(painter, geometry, palette, None, 1.0, |world| world + offset);
    for (index, prompt) in session.wheel.prompts.iter().enumerate() {
        let (Some(rect), Some(lines)) = (labels.rects.get(index), labels.lines.get(index)) else { continue };
        let look = LabelLook { selected: false, highlighted: false, discussed: prompt.discussed };
        paint_label(painter, rect.translate(offset), lines, look, 1.0, palette);
    }
    let plans = plan_wheel(session, geometry, painter, 1.0, dots_on);
    let mut not_whole = Vec::with_capacity(plans.len());
    for (prompt, rings) in session.wheel.prompts.iter().zip(&plans) {
        let mut prompt_rest: [Vec<&Note>; 2] = [Vec::new(), Vec::new()];
        for (band, plan) in [WheelBand::Assumption, WheelBand::Opportunity].into_iter().zip(rings) {
            let notes: Vec<&Note> = session.notes_on_prompt(&prompt.key, band).collect();
            let items = band_items(session, &notes);
            let rest = &mut prompt_rest[band_index(band)];
            for (index, item) in items.iter().enumerate() {
                let Some(card) = plan.card_of(index) else {
                    rest.extend(item_notes(&notes, item));
                    continue;
                };
                let rect = card.rect.translate(offset);
                match item {
                    BandItem::Heading(group, count) => {
                        paint_heading_card(painter, rect, group, *count, group_tint(session, group.id), 1.0, false);
                        rest.extend(item_notes(&notes, item));
                    }
                    BandItem::Note(note) => {
                        let dots = dots_on(note);
                        let look = CardLook::of(card, plan.size, 1.0, dots.is_some());
                        paint_note(painter, rect, session, note, look, palette);
                        if let Some(group) = note.group {
                            paint_group_ring(painter, rect, group_tint(session, group), 1.0);
                        }
                        if let Some(dots) = dots {
                            paint_dot_badge(painter, rect, dots, CardMetrics::new(plan.size).badge_scale(1.0));
                        }
                        if !card.whole {
                            rest.push(note);
                        }
                    }
                }
            }
            if let Some(more) = &plan.more {
                // The picture says where the rest are, rather than only how many.
                let label = format!(
                    "{} more below",
                    hidden_in(&more.items.iter().map(|&item| items[item]).collect::<Vec<_>>())
                );
                let galley = painter.layout_no_wrap(label.clone(), FontId::proportional(plan.size), Color32::WHITE);
                let rect = Rect::from_center_size(more.rect.center(), galley.size() + vec2(plan.size, 0.4 * plan.size));
                paint_more(painter, rect.translate(offset), label, plan.size, false, palette);
            }
        }
        not_whole.push(prompt_rest);
    }
    not_whole
}

/// The notes an item stands for on the wheel: a note itself, or a folded group's notes (an
/// open group's notes are items of their own).
fn item_notes<'s>(notes: &[&'s Note], item: &BandItem<'_>) -> Vec<&'s Note> {
    match item {
        BandItem::Note(note) => notes.iter().copied().filter(|other| other.id == note.id).collect(),
        BandItem::Heading(group, _) if group.collapsed => {
            notes.iter().copied().filter(|note| note.group == Some(group.id)).collect()
        }
        BandItem::Heading(..) => Vec::new(),
    }
}

/// Below the wheel, a panel for each prompt with notes whose words are not all on it: the
/// prompt's question as on its label, then those notes in full under their ring, in two
/// columns. Returns the bottom of the panels (`top` when there are none).
fn paint_panels(
    painter: &Painter,
    session: &Session,
    not_whole: &[[Vec<&Note>; 2]],
    top: f32,
    content_width: f32,
    palette: &Palette,
) -> f32 {
    if not_whole.iter().all(|rings| rings.iter().all(Vec::is_empty)) {
        return top;
    }
    let heading = painter.text(
        pos2(MARGIN, top),
        Align2::LEFT_TOP,
        "Notes in full that the wheel shows cut short or counts",
        FontId::proportional(PANEL_HEADING_SIZE),
        palette.text,
    );
    let column_width = (content_width - PANEL_GAP) / 2.0;
    let mut bottoms = [heading.bottom() + PANEL_GAP / 2.0; 2];
    let (assumptions, opportunities) = &prompt_wheel().headings;
    for (prompt, rings) in session.wheel.prompts.iter().zip(not_whole) {
        if rings.iter().all(Vec::is_empty) {
            continue;
        }
        let column = usize::from(bottoms[1] < bottoms[0]);
        let left = MARGIN + column as f32 * (column_width + PANEL_GAP);
        let inner_left = left + PANEL_PADDING;
        let inner_width = column_width - 2.0 * PANEL_PADDING;
        let panel_top = bottoms[column];
        let frame = painter.add(Shape::Noop);
        let mut y = panel_top + PANEL_PADDING;
        let question = painter.layout(
            prompt.question.clone(),
            FontId::proportional(PANEL_QUESTION_SIZE),
            palette.text,
            inner_width,
        );
        y += question.size().y + 6.0;
        painter.galley(pos2(inner_left, panel_top + PANEL_PADDING), question, palette.text);
        for ((notes, ring), fill) in
            rings.iter().zip([assumptions, opportunities]).zip([palette.assumption, palette.opportunity])
        {
            if notes.is_empty() {
                continue;
            }
            let ring_words =
                painter.layout(ring.clone(), FontId::proportional(PANEL_NOTE_SIZE), palette.quiet_text, inner_width);
            let swatch = Rect::from_min_size(pos2(inner_left, y + 2.0), vec2(14.0, 14.0));
            painter.rect(swatch, CornerRadius::same(3), fill, Stroke::new(1.0, palette.lines), StrokeKind::Inside);
            let words_left = inner_left + 22.0;
            let ring_height = ring_words.size().y;
            painter.galley(pos2(words_left, y), ring_words, palette.quiet_text);
            y += ring_height + 4.0;
            for note in notes {
                let organisation = note.organisation.and_then(|id| session.organisation(id));
                let words = match organisation {
                    Some(organisation) => format!("{} ({})", note.text, organisation.short_label()),
                    None => note.text.clone(),
                };
                let galley =
                    painter.layout(words, FontId::proportional(PANEL_NOTE_SIZE), palette.note_text, inner_width - 22.0);
                let height = galley.size().y;
                painter.circle_filled(pos2(inner_left + 8.0, y + PANEL_NOTE_SIZE * 0.6), 3.0, palette.text);
                painter.galley(pos2(words_left, y), galley, palette.note_text);
                y += height + 6.0;
            }
        }
        let rect = Rect::from_min_max(pos2(left, panel_top), pos2(left + column_width, y + PANEL_PADDING - 6.0));
        painter.set(frame, Shape::rect_filled(rect, CornerRadius::same(8), palette.note_fill));
        painter.rect_stroke(rect, CornerRadius::same(8), Stroke::new(1.5, palette.lines), StrokeKind::Inside);
        bottoms[column] = rect.bottom() + PANEL_GAP;
    }
    bottoms[0].max(bottoms[1]) - PANEL_GAP
}
