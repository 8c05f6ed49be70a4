//! The wheel as a picture: the workshop's title, the progress and the key to the rings above the
//! wheel, beside it the notes its cards cut short written in full, and the guide's credit below,
//! in the light theme with nothing selected. The wheel in it
//! is painted by the same marks as the screen's ([`super::paint`]); the exports turn the shapes
//! into SVG, and the tests paint the same picture on the screen to compare.

use super::geometry::WheelGeometry;
use super::layout::RingPlan;
use super::paint::{
    CardLook, LabelLayout, LabelLook, band_index, paint_group_ring, paint_label, paint_leader, paint_more,
};
use super::paint::{paint_card_badge, paint_note, paint_ring_key, paint_rings, plan_wheel};
use super::style::Palette;
use crate::canvas::marks::{group_tint, paint_heading_card};
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
/// The widest the wheel and its panels go: room for two columns of panels beside the guide's
/// eleven prompts, so the picture stays wider than tall for a landscape page or a slide.
const MAX_CONTENT_WIDTH: f32 = 2_700.0;
/// The picture's type sizes relative to the ladder's (24 to 10 points): a picture is read up
/// close and zoomed, on a page or a slide, so its cards may take type down to 8 points and hold
/// more of their words.
const PICTURE_TYPE_SCALE: f32 = 0.8;
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
/// The most characters of one note a panel writes: a page's worth.
const PANEL_CHARACTERS: usize = 3_000;
/// A column of panels' width.
const PANEL_WIDTH: f32 = 460.0;
/// The room the heading over the panels takes.
const PANEL_HEADING_HEIGHT: f32 = 40.0;

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
    let plans = plan_wheel(session, &geometry, painter, PICTURE_TYPE_SCALE, dots_on);
    let not_whole = notes_not_whole(session, &plans);
    // Columns beside the wheel only as far as a slide's width (`MAX_CONTENT_WIDTH`) allows.
    let room = MAX_CONTENT_WIDTH - wheel_bounds.width() - PANEL_GAP;
    let most_columns = ((room / (PANEL_WIDTH + PANEL_GAP)).floor() as usize).clamp(1, 3);
    let panels = Panels::arrange(painter, session, &not_whole, wheel_bounds.height(), most_columns, &palette);
    let panels_width = if panels.columns == 0 { 0.0 } else { PANEL_GAP * 2.0 + panels.width() };
    let content_width = (wheel_bounds.width() + panels_width).max(MIN_CONTENT_WIDTH);
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
    let key_bottom =
        paint_ring_key(painter, pos2(MARGIN, progress.bottom() + 8.0), width - MARGIN, 1.0, &palette, None);

    let wheel_top = key_bottom + 24.0;
    let wheel_left = MARGIN + (content_width - wheel_bounds.width() - panels_width) / 2.0;
    let offset = vec2(wheel_left - wheel_bounds.left(), wheel_top - wheel_bounds.top());
    paint_wheel(painter, session, &geometry, &labels, &plans, offset, dots_on, &palette);
    let panels_left = wheel_left + wheel_bounds.width() + 2.0 * PANEL_GAP;
    let panels_bottom = panels.paint(painter, session, &not_whole, pos2(panels_left, wheel_top), &palette);

    let credit = painter.layout(
        prompt_wheel().credit.clone(),
        FontId::proportional(CREDIT_SIZE),
        palette.quiet_text,
        content_width,
    );
    let credit_top = (wheel_top + wheel_bounds.height()).max(panels_bottom) + 24.0;
    let height = credit_top + credit.size().y + MARGIN;
    painter.galley(pos2(MARGIN, credit_top), credit, palette.quiet_text);

    // Whole pixels, so the picture's edge is not a half-covered column of pixels.
    let size = vec2(width, height).ceil();
    painter.set(background_shape, Shape::rect_filled(Rect::from_min_size(Pos2::ZERO, size), 0.0, background()));
    size
}

/// For each prompt and ring, the notes whose words are not all on the wheel: cut short, counted
/// in a chip, or folded into a group's heading.
fn notes_not_whole<'s>(session: &'s Session, plans: &[[RingPlan; 2]]) -> Vec<[Vec<&'s Note>; 2]> {
    session
        .wheel
        .prompts
        .iter()
        .zip(plans)
        .map(|(prompt, rings)| {
            [WheelBand::Assumption, WheelBand::Opportunity].map(|band| {
                let notes: Vec<&Note> = session.notes_on_prompt(&prompt.key, band).collect();
                let items = band_items(session, &notes);
                let plan = &rings[band_index(band)];
                let mut rest = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    match (plan.card_of(index), item) {
                        (Some(card), BandItem::Note(note)) if !card.whole => rest.push(*note),
                        (Some(_), BandItem::Note(_)) => {}
                        (_, item) => rest.extend(item_notes(&notes, item)),
                    }
                }
                rest
            })
        })
        .collect()
}

/// The rings, labels and notes of the wheel as `plans` lays them out, its centre at `offset`,
/// at zoom 1.
#[allow(clippy::too_many_arguments, reason = "the parts of one picture, each used once")]
fn paint_wheel(
    painter: &Painter,
    session: &Session,
    geometry: &WheelGeometry,
    labels: &LabelLayout,
    plans: &[[RingPlan; 2]],
    offset: Vec2,
    dots_on: &dyn Fn(&Note) -> Option<u32>,
    palette: &Palette,
) {
    paint_rings(painter, geometry, palette, None, 1.0, |world| world + offset);
    for (index, prompt) in session.wheel.prompts.iter().enumerate() {
        let (Some(rect), Some(lines)) = (labels.rects.get(index), labels.lines.get(index)) else { continue };
        let on_right = labels.on_right.get(index).copied().unwrap_or(true);
        let look = LabelLook { selected: false, highlighted: false, discussed: prompt.discussed, on_right };
        if let Some(Some(ends)) = labels.leaders.get(index) {
            paint_leader(painter, ends.map(|end| end + offset), palette);
        }
        paint_label(painter, rect.translate(offset), lines, look, 1.0, palette);
    }
    for (prompt, rings) in session.wheel.prompts.iter().zip(plans) {
        for (band, plan) in [WheelBand::Assumption, WheelBand::Opportunity].into_iter().zip(rings) {
            let notes: Vec<&Note> = session.notes_on_prompt(&prompt.key, band).collect();
            let items = band_items(session, &notes);
            for (index, item) in items.iter().enumerate() {
                let Some(card) = plan.card_of(index) else { continue };
                let rect = card.rect.translate(offset);
                match item {
                    BandItem::Heading(group, count) => {
                        paint_heading_card(painter, rect, group, *count, group_tint(session, group.id), 1.0, false);
                    }
                    BandItem::Note(note) => {
                        let dots = dots_on(note);
                        let look = CardLook::of(card, 1.0, dots.is_some());
                        paint_note(painter, rect, session, note, look, palette);
                        if let Some(group) = note.group {
                            paint_group_ring(painter, rect, group_tint(session, group), 1.0);
                        }
                        if let Some(dots) = dots {
                            paint_card_badge(painter, rect, dots, card.size);
                        }
                    }
                }
            }
            if let Some(more) = &plan.more {
                // The picture says where the rest are, rather than only how many.
                let counted: Vec<BandItem<'_>> =
                    more.items.iter().filter_map(|&item| items.get(item).copied()).collect();
                let label = format!("{} beside", hidden_in(&counted));
                let galley = painter.layout_no_wrap(label.clone(), FontId::proportional(plan.size), Color32::WHITE);
                let rect = Rect::from_center_size(more.rect.center(), galley.size() + vec2(plan.size, 0.4 * plan.size));
                paint_more(painter, rect.translate(offset), label, plan.size, false, palette);
            }
        }
    }
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

/// Beside the wheel, a panel for each prompt with notes whose words are not all on it: the
/// prompt's question as on its label, then those notes in full under their ring, in as few
/// columns as keep the panels no taller than the wheel (as many as fit a slide's width).
struct Panels {
    /// Each panel's prompt and height.
    heights: Vec<(usize, f32)>,
    /// How many columns they take (none when every note is whole on the wheel).
    columns: usize,
}

impl Panels {
    /// Measures the panels and chooses their columns.
    fn arrange(
        painter: &Painter,
        session: &Session,
        not_whole: &[[Vec<&Note>; 2]],
        wheel_height: f32,
        most_columns: usize,
        palette: &Palette,
    ) -> Self {
        let heights: Vec<(usize, f32)> = not_whole
            .iter()
            .enumerate()
            .filter(|(_, rings)| rings.iter().any(|notes| !notes.is_empty()))
            .map(|(index, rings)| (index, panel(painter, session, index, rings, Pos2::ZERO, palette, false)))
            .collect();
        if heights.is_empty() {
            return Self { heights, columns: 0 };
        }
        let columns = (1..=most_columns)
            .find(|&columns| Self::column_tops(&heights, columns).1 <= wheel_height)
            .unwrap_or(most_columns);
        Self { heights, columns }
    }

    /// Which column each panel goes in and where in it (from 0), filling the shortest column
    /// first; and the tallest column's height.
    fn column_tops(heights: &[(usize, f32)], columns: usize) -> (Vec<(usize, f32)>, f32) {
        let mut bottoms = vec![PANEL_HEADING_HEIGHT; columns];
        let places = heights
            .iter()
            .map(|(_, height)| {
                let column = (0..columns).min_by(|&a, &b| bottoms[a].total_cmp(&bottoms[b])).unwrap_or(0);
                let top = bottoms[column];
                bottoms[column] += height + PANEL_GAP;
                (column, top)
            })
            .collect();
        (places, bottoms.iter().copied().fold(0.0, f32::max) - PANEL_GAP)
    }

    /// The width the columns take.
    fn width(&self) -> f32 {
        self.columns as f32 * PANEL_WIDTH + self.columns.saturating_sub(1) as f32 * PANEL_GAP
    }

    /// Paints the heading and the panels from `left_top`; returns their bottom.
    fn paint(
        &self,
        painter: &Painter,
        session: &Session,
        not_whole: &[[Vec<&Note>; 2]],
        left_top: Pos2,
        palette: &Palette,
    ) -> f32 {
        if self.columns == 0 {
            return left_top.y;
        }
        painter.text(
            left_top,
            Align2::LEFT_TOP,
            "In full: notes the wheel cuts short",
            FontId::proportional(PANEL_HEADING_SIZE),
            palette.text,
        );
        let (places, height) = Self::column_tops(&self.heights, self.columns);
        for (&(index, _), (column, top)) in self.heights.iter().zip(places) {
            let at = left_top + vec2(column as f32 * (PANEL_WIDTH + PANEL_GAP), top);
            panel(painter, session, index, &not_whole[index], at, palette, true);
        }
        left_top.y + height
    }
}

/// One prompt's panel at `left_top`, [`PANEL_WIDTH`] wide; painted only when `draw`. Returns its
/// height.
fn panel(
    painter: &Painter,
    session: &Session,
    index: usize,
    rings: &[Vec<&Note>; 2],
    left_top: Pos2,
    palette: &Palette,
    draw: bool,
) -> f32 {
    let Some(prompt) = session.wheel.prompts.get(index) else { return 0.0 };
    let inner_left = left_top.x + PANEL_PADDING;
    let inner_width = PANEL_WIDTH - 2.0 * PANEL_PADDING;
    let frame = draw.then(|| painter.add(Shape::Noop));
    let mut y = left_top.y + PANEL_PADDING;
    let question =
        painter.layout(prompt.question.clone(), FontId::proportional(PANEL_QUESTION_SIZE), palette.text, inner_width);
    let question_height = question.size().y;
    if draw {
        painter.galley(pos2(inner_left, y), question, palette.text);
    }
    y += question_height + 6.0;
    let (assumptions, opportunities) = &prompt_wheel().headings;
    let rings_look = [(assumptions, palette.assumption), (opportunities, palette.opportunity)];
    for (notes, (ring, fill)) in rings.iter().zip(rings_look) {
        if notes.is_empty() {
            continue;
        }
        let words_left = inner_left + 22.0;
        let ring_words =
            painter.layout(ring.clone(), FontId::proportional(PANEL_NOTE_SIZE), palette.quiet_text, inner_width - 22.0);
        let ring_height = ring_words.size().y;
        if draw {
            let swatch = Rect::from_min_size(pos2(inner_left, y + 2.0), vec2(14.0, 14.0));
            painter.rect(swatch, CornerRadius::same(3), fill, Stroke::new(1.0, palette.lines), StrokeKind::Inside);
            painter.galley(pos2(words_left, y), ring_words, palette.quiet_text);
        }
        y += ring_height + 4.0;
        for note in notes {
            let organisation = note.organisation.and_then(|id| session.organisation(id));
            // Every word of a note as long as a page; beyond that, the summaries hold the rest.
            let text = match note.text.char_indices().nth(PANEL_CHARACTERS) {
                Some((end, _)) => format!("{} … (continued in the summary)", &note.text[..end]),
                None => note.text.clone(),
            };
            let words = match organisation {
                Some(organisation) => format!("{text} ({})", organisation.short_label()),
                None => text,
            };
            let galley =
                painter.layout(words, FontId::proportional(PANEL_NOTE_SIZE), palette.note_text, inner_width - 22.0);
            let height = galley.size().y;
            if draw {
                painter.circle_filled(pos2(inner_left + 8.0, y + PANEL_NOTE_SIZE * 0.6), 3.0, palette.text);
                painter.galley(pos2(words_left, y), galley, palette.note_text);
            }
            y += height + 6.0;
        }
    }
    let rect = Rect::from_min_max(left_top, pos2(left_top.x + PANEL_WIDTH, y + PANEL_PADDING - 6.0));
    if let Some(frame) = frame {
        painter.set(frame, Shape::rect_filled(rect, CornerRadius::same(8), palette.note_fill));
        painter.rect_stroke(rect, CornerRadius::same(8), Stroke::new(1.5, palette.lines), StrokeKind::Inside);
    }
    rect.height()
}
