//! The prompt wheel as an SVG picture, drawn as the screen draws it (light theme): the same
//! segments, rings, labels and notes, laid out by the same geometry.

use super::marks::{dot_badge, heading_card, shown_vote};
use super::svg::{Anchor, Ink, Svg};
use super::text::{Span, baseline_offset, line_height, text_width, wrap, wrap_spans};
use crate::guide::prompt_wheel;
use crate::model::{Note, Session, WheelBand};
use crate::ui::groups::{BandItem, band_items, group_tint, hidden_in};
use crate::ui::wheel::geometry::{
    HUB_RADIUS, LABEL_FONT_SIZE, LABEL_LINE_HEIGHT, MIDDLE_RADIUS, OUTER_RADIUS, WheelGeometry,
};
use crate::ui::wheel::style::{
    INITIALS_SHARE, NO_ORGANISATION, NOTE_FONT_SHARE, NOTE_OUTLINE, NOTE_STRIP_SHARE, Palette, contrast_text,
};
use egui::{Color32, Pos2, Rect, pos2, vec2};

/// Space round the picture's edge.
pub const MARGIN: f32 = 40.0;
/// The workshop's title above the wheel.
const TITLE_SIZE: f32 = 30.0;
/// The progress line and the key to the rings.
const KEY_SIZE: f32 = 19.0;
/// The guide's credit under the wheel.
const CREDIT_SIZE: f32 = 15.0;
/// The narrowest the picture is, so the header has room beside a small wheel.
const MIN_CONTENT_WIDTH: f32 = 900.0;

/// The picture's background: the colour of the app's panels in the light theme.
pub fn background() -> Color32 {
    egui::Visuals::light().panel_fill
}

/// The colour of an organisation's notes, or grey for a note without one.
fn organisation_colour(session: &Session, note: &Note) -> (Color32, String) {
    match note.organisation.and_then(|id| session.organisation(id)) {
        Some(organisation) => {
            let colour = organisation.colour;
            (Color32::from_rgb(colour.r, colour.g, colour.b), organisation.short_label())
        }
        None => (NO_ORGANISATION, "–".to_owned()),
    }
}

/// The whole wheel with its labels, notes, key and the guide's credit, as SVG text.
pub fn wheel_svg(session: &Session) -> String {
    let palette = Palette::new(false);
    let geometry = WheelGeometry::new(session.wheel.prompts.len());
    let questions: Vec<&str> = session.wheel.prompts.iter().map(|prompt| prompt.question.as_str()).collect();
    let (label_lines, label_rects) = geometry.lay_out_labels(&questions, |text| text_width(text, LABEL_FONT_SIZE));
    let wheel_bounds = label_rects
        .iter()
        .fold(Rect::from_center_size(Pos2::ZERO, vec2(2.0 * OUTER_RADIUS, 2.0 * OUTER_RADIUS)), |all, rect| {
            all.union(*rect)
        });
    let content_width = wheel_bounds.width().max(MIN_CONTENT_WIDTH);
    let width = content_width + 2.0 * MARGIN;

    // The header: the workshop's title, the progress and the key to the rings.
    let title_lines = wrap(session.display_title(), TITLE_SIZE, content_width, None);
    let title_height = title_lines.len() as f32 * line_height(TITLE_SIZE);
    let key_top = MARGIN + title_height + 10.0;
    let wheel_top = key_top + 2.0 * line_height(KEY_SIZE) + 24.0;
    let credit = &prompt_wheel().credit;
    let credit_lines = wrap(credit, CREDIT_SIZE, content_width, None);
    let credit_top = wheel_top + wheel_bounds.height() + 24.0;
    let height = credit_top + credit_lines.len() as f32 * line_height(CREDIT_SIZE) + MARGIN;

    let mut svg = Svg::new(width, height);
    svg.rect(Rect::from_min_size(Pos2::ZERO, vec2(width, height)), 0.0, Some(background()), None);
    let title_ink = Ink { size: TITLE_SIZE, colour: palette.text };
    for (row, line) in title_lines.iter().enumerate() {
        let baseline = MARGIN + row as f32 * line_height(TITLE_SIZE) + baseline_offset(TITLE_SIZE);
        svg.text(MARGIN, baseline, Anchor::Start, line, title_ink);
    }
    draw_key(&mut svg, session, &palette, key_top);

    let left = MARGIN + (content_width - wheel_bounds.width()) / 2.0 - wheel_bounds.left();
    let top = wheel_top - wheel_bounds.top();
    svg.begin_group(&format!("translate({} {})", super::markup::number(left), super::markup::number(top)));
    draw_rings(&mut svg, &geometry, &palette);
    for (index, prompt) in session.wheel.prompts.iter().enumerate() {
        let (Some(rect), Some(lines)) = (label_rects.get(index), label_lines.get(index)) else { continue };
        draw_label(&mut svg, *rect, lines, prompt.discussed, &palette);
    }
    for (segment, prompt) in session.wheel.prompts.iter().enumerate() {
        for band in [WheelBand::Assumption, WheelBand::Opportunity] {
            let notes: Vec<&Note> = session.notes_on_prompt(&prompt.key, band).collect();
            draw_band_notes(&mut svg, session, &geometry, segment, band, &notes, &palette);
        }
    }
    svg.end_group();

    let credit_ink = Ink { size: CREDIT_SIZE, colour: palette.quiet_text };
    for (row, line) in credit_lines.iter().enumerate() {
        let baseline = credit_top + row as f32 * line_height(CREDIT_SIZE) + baseline_offset(CREDIT_SIZE);
        svg.text(MARGIN, baseline, Anchor::Start, line, credit_ink);
    }

    let notes = session.notes.iter().filter(|note| note.placement.wheel_spot().is_some()).count();
    let description = format!(
        "The prompt wheel of “{}”: {} prompts ({}), {notes} note{}. The inner ring holds assumptions, the outer \
         ring opportunities.",
        session.display_title(),
        session.wheel.prompts.len(),
        session.wheel.progress_label(),
        if notes == 1 { "" } else { "s" },
    );
    svg.finish("wheel", &format!("Prompt wheel: {}", session.display_title()), &description)
}

/// "4 of 11 discussed", then the key to the rings in the guide's words, as on the screen.
fn draw_key(svg: &mut Svg, session: &Session, palette: &Palette, top: f32) {
    let ink = Ink { size: KEY_SIZE, colour: palette.text };
    let baseline = top + baseline_offset(KEY_SIZE);
    svg.text(MARGIN, baseline, Anchor::Start, &session.wheel.progress_label(), ink);
    let (assumptions, opportunities) = &prompt_wheel().headings;
    let row_top = top + line_height(KEY_SIZE) + 8.0;
    let mut left = MARGIN;
    for (fill, words) in [
        (palette.assumption, format!("Inner ring: {assumptions}")),
        (palette.opportunity, format!("Outer ring: {opportunities}")),
    ] {
        let swatch = Rect::from_min_size(pos2(left, row_top), vec2(26.0, 22.0));
        svg.rect(swatch, 4.0, Some(fill), Some((1.5, palette.lines)));
        let text_left = swatch.right() + 10.0;
        let baseline = swatch.center().y - line_height(KEY_SIZE) / 2.0 + baseline_offset(KEY_SIZE);
        svg.text(text_left, baseline, Anchor::Start, &words, ink);
        left = text_left + text_width(&words, KEY_SIZE) + 28.0;
    }
}

/// The segments' two rings, the circles between them and the lines between segments.
fn draw_rings(svg: &mut Svg, geometry: &WheelGeometry, palette: &Palette) {
    for segment in 0..geometry.count {
        let (assumption, opportunity) = palette.segment_fills(segment, false);
        svg.polygon(&geometry.band_outline(segment, HUB_RADIUS, MIDDLE_RADIUS), assumption);
        svg.polygon(&geometry.band_outline(segment, MIDDLE_RADIUS, OUTER_RADIUS), opportunity);
    }
    for radius in [HUB_RADIUS, MIDDLE_RADIUS, OUTER_RADIUS] {
        svg.circle(Pos2::ZERO, radius, None, Some((1.5, palette.lines)));
    }
    for segment in 0..geometry.count {
        let (start, _) = geometry.segment_angles(segment);
        let inner = WheelGeometry::point(start, HUB_RADIUS);
        let outer = WheelGeometry::point(start, OUTER_RADIUS);
        svg.line(inner, outer, 1.5, palette.lines);
    }
}

/// A prompt's question outside the rim, with a tick when it has been discussed.
fn draw_label(svg: &mut Svg, rect: Rect, lines: &[String], discussed: bool, palette: &Palette) {
    if discussed {
        draw_tick(svg, rect.left_top() + vec2(-4.0, 2.0), 22.0, palette.discussed);
    }
    let line_step = LABEL_FONT_SIZE * LABEL_LINE_HEIGHT;
    let ink = Ink { size: LABEL_FONT_SIZE, colour: palette.text };
    for (row, line) in lines.iter().enumerate() {
        let middle = rect.top() + 4.0 + line_step / 2.0 + row as f32 * line_step;
        let baseline = middle - line_height(LABEL_FONT_SIZE) / 2.0 + baseline_offset(LABEL_FONT_SIZE);
        svg.text(rect.center().x, baseline, Anchor::Middle, line, ink);
    }
}

/// A tick in a circle, drawn as on the screen.
fn draw_tick(svg: &mut Svg, centre: Pos2, size: f32, colour: Color32) {
    svg.circle(centre, size / 2.0, Some(colour), None);
    let points = [centre + vec2(-0.25, 0.0) * size, centre + vec2(-0.06, 0.2) * size, centre + vec2(0.27, -0.2) * size];
    svg.polyline(&points, (size / 8.0).max(1.5), Color32::WHITE, false);
}

/// The notes of one ring of one prompt, as large as they fit, each group's heading before its
/// notes, with "+N more" when they do not all fit.
fn draw_band_notes(
    svg: &mut Svg,
    session: &Session,
    geometry: &WheelGeometry,
    segment: usize,
    band: WheelBand,
    notes: &[&Note],
    palette: &Palette,
) {
    if notes.is_empty() {
        return;
    }
    let items = band_items(session, notes);
    let sized = geometry.sized_slots(segment, band);
    let ring = WheelGeometry::ring_layout(&sized, items.len());
    let vote = shown_vote(session);
    for (item, slot) in items.iter().take(ring.shown).zip(ring.slots) {
        match item {
            BandItem::Heading(group, count) => heading_card(svg, *slot, group, *count, group_tint(session, group.id)),
            BandItem::Note(note) => {
                draw_note(svg, session, note, *slot, palette);
                if let Some(group) = note.group {
                    // The group's colour round each of its notes ties them to their heading.
                    svg.rect(slot.expand(2.5), 6.0, None, Some((3.0, group_tint(session, group))));
                }
                if let Some(dots) = vote.map(|vote| vote.dots_on(note.id)).filter(|dots| *dots > 0) {
                    dot_badge(svg, *slot, dots);
                }
            }
        }
    }
    if let Some(slot) = ring.more {
        let label = WheelGeometry::more_label(ring.shown, hidden_in(&items[ring.shown..]), slot);
        svg.rect(slot, 6.0, Some(palette.lines), None);
        let size = 16.0;
        let baseline = slot.center().y - line_height(size) / 2.0 + baseline_offset(size);
        svg.text(slot.center().x, baseline, Anchor::Middle, &label, Ink { size, colour: Color32::WHITE });
    }
}

/// One note: the organisation's colour down the left with its initials, then the words.
fn draw_note(svg: &mut Svg, session: &Session, note: &Note, rect: Rect, palette: &Palette) {
    let (colour, initials) = organisation_colour(session, note);
    svg.rect(rect, 5.0, Some(palette.note_fill), Some((1.0, NOTE_OUTLINE)));
    let strip = Rect::from_min_max(rect.min, pos2(rect.min.x + rect.height() * NOTE_STRIP_SHARE, rect.max.y));
    svg.rect(strip, 5.0, Some(colour), None);

    let initials_ink = Ink { size: rect.height() * INITIALS_SHARE, colour: contrast_text(colour) };
    let letters: Vec<String> = initials.chars().map(String::from).collect();
    let step = line_height(initials_ink.size);
    let first_top = strip.center().y - step * letters.len() as f32 / 2.0;
    for (row, letter) in letters.iter().enumerate() {
        let baseline = first_top + row as f32 * step + baseline_offset(initials_ink.size);
        svg.text(strip.center().x, baseline, Anchor::Middle, letter, initials_ink);
    }

    let text_rect = Rect::from_min_max(pos2(strip.max.x + 4.0, rect.min.y + 3.0), rect.max - vec2(3.0, 3.0));
    let ink = Ink { size: rect.height() * NOTE_FONT_SHARE, colour: palette.note_text };
    let lines = wrap_spans(&[Span { text: &note.text, size: ink.size }], text_rect.width(), 0.0, Some(2));
    svg.lines(&lines, &[ink], text_rect.left(), text_rect.top(), Anchor::Start, 0.0);
}
