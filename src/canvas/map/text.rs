//! The words on the map, laid out with egui's fonts: a note's card text, the arcs' titles, the
//! stages written in the bands. The layout measures with these and the painting draws them, on
//! screen and in pictures alike, so a note wraps into the same lines everywhere.

use super::geometry::ArcShape;
use super::scene::{CARD_PADDING, CARD_WIDTH, STRIPE_WIDTH};
use super::style::{MapPalette, organisation_fill, text_on};
use crate::guide::map::{ArcStage, needs_map};
use crate::model::{MapArc, Note, Session};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Painter};
use std::sync::Arc;

/// A note's own words, in map units.
pub const NOTE_TEXT_SIZE: f32 = 19.0;
/// Initials, authors and tags on a card.
pub const SMALL_TEXT_SIZE: f32 = 14.0;
/// The arcs' titles.
pub const TITLE_SIZE: f32 = 28.0;
/// The width an arc's title wraps to.
pub const TITLE_WIDTH: f32 = 200.0;
/// The names of the stages written in the bands.
pub const STAGE_SIZE: f32 = 21.0;
/// The guide's examples written in the bands, quieter than the stage names.
pub const EXAMPLE_SIZE: f32 = 15.5;
/// The most lines of a note's text a card shows; the rest is in the panel and the tooltip.
pub const MAX_NOTE_ROWS: usize = 3;
/// The width of a card's text, between the stripe and the right edge.
pub const CARD_TEXT_WIDTH: f32 = CARD_WIDTH - STRIPE_WIDTH - 2.0 * CARD_PADDING;

/// The guide's examples written under a stage's name in its band: "e.g. …", and on the first
/// stage of the need arc the groups the guide says may be particularly vulnerable.
pub fn stage_examples(arc: MapArc, index: usize, stage: &ArcStage) -> String {
    let guide = needs_map();
    let mut examples = format!("e.g. {}", stage.examples.join(" · "));
    if arc == MapArc::Need && index == 0 {
        examples.push_str(&format!(" {} {}", guide.vulnerable_heading, guide.vulnerable_groups.join(" · ")));
    }
    examples
}

/// How wide a stage's name and examples may be written in its band, in map units.
pub fn stage_text_width(shape: &ArcShape, stage: &ArcStage) -> f32 {
    shape.point_at(stage.to).x - shape.point_at(stage.from).x - 24.0
}

/// The line of a need's tags on its card.
pub fn tags_line(note: &Note) -> String {
    note.tags.join(" · ")
}

/// A note's text as laid out on its card: the organisation's initials in its colour (so colour
/// is never the only cue), the text, and the author, quietly.
pub fn card_text(
    painter: &Painter,
    session: &Session,
    note: &Note,
    palette: MapPalette,
    scale: f32,
    wrap_width: f32,
    max_rows: usize,
) -> Arc<Galley> {
    painter.layout_job(card_text_job(session, note, palette, scale, wrap_width, max_rows))
}

/// What [`card_text`] lays out, for measuring it without a painter (see [`super::measure`]).
pub fn card_text_job(
    session: &Session,
    note: &Note,
    palette: MapPalette,
    scale: f32,
    wrap_width: f32,
    max_rows: usize,
) -> LayoutJob {
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let fill = organisation_fill(organisation.map(|org| org.colour));
    let initials = organisation.map_or_else(|| "–".to_owned(), crate::model::Organisation::short_label);
    let format = |size: f32, color: Color32| TextFormat {
        font_id: FontId::proportional(size * scale),
        color,
        valign: egui::Align::Center,
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    job.append(
        &format!(" {initials} "),
        0.0,
        TextFormat { background: fill, ..format(SMALL_TEXT_SIZE, text_on(fill)) },
    );
    job.append(&note.text, 6.0 * scale, format(NOTE_TEXT_SIZE, palette.text));
    if let Some(author) = note.author.as_deref().map(str::trim).filter(|author| !author.is_empty()) {
        // A no-break space keeps the dash with the name when the line wraps.
        job.append(&format!(" —\u{a0}{author}"), 0.0, format(SMALL_TEXT_SIZE, palette.quiet));
    }
    job.wrap = TextWrapping { max_width: wrap_width, max_rows, break_anywhere: false, overflow_character: Some('…') };
    job
}

/// An arc's title, right-aligned and wrapped to [`TITLE_WIDTH`], at `scale` times its size.
pub fn title_galley(painter: &Painter, arc: MapArc, palette: MapPalette, scale: f32) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(
        needs_map().arc(arc).title.clone(),
        TextFormat { font_id: FontId::proportional(TITLE_SIZE * scale), color: palette.text, ..TextFormat::default() },
    );
    job.wrap.max_width = TITLE_WIDTH * scale;
    job.halign = egui::Align::RIGHT;
    painter.layout_job(job)
}

/// Text laid out to `wrap_width`, cut with "…" after `max_rows` rows.
pub fn wrapped(
    painter: &Painter,
    text: &str,
    size: f32,
    colour: Color32,
    wrap_width: f32,
    max_rows: usize,
) -> Arc<Galley> {
    painter.layout_job(wrapped_job(text, size, colour, wrap_width, max_rows))
}

/// What [`wrapped`] lays out, for measuring it without a painter (see [`super::measure`]).
pub fn wrapped_job(text: &str, size: f32, colour: Color32, wrap_width: f32, max_rows: usize) -> LayoutJob {
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat { font_id: FontId::proportional(size), color: colour, ..TextFormat::default() },
    );
    job.wrap = TextWrapping { max_width: wrap_width, max_rows, break_anywhere: false, overflow_character: Some('…') };
    job
}
