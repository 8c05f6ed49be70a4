//! The map laid out in map units: where every note's card, every link's curve and marker, and
//! each arc's title goes, measured with the fonts the cards are drawn in.

use super::answer::{NeedStatus, need_status};
use super::geometry::{ARC_WIDTH, ArcShape, BAND_WIDTH, MapFrame, card_at, layout_cards, link_curve, place_markers};
use super::style::{MapPalette, organisation_fill, text_on, wrapped};
use crate::guide::map::{ArcStage, needs_map};
use crate::model::{Link, MapArc, Note, NoteGroup, NoteId, Placement, Session};
use crate::ui::viewport::Viewport;
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Painter, Pos2, Rect, Vec2, pos2, vec2};
use std::sync::Arc;

/// A note card's width, in map units.
pub(crate) const CARD_WIDTH: f32 = 220.0;
/// Space inside a card around its text.
pub(crate) const CARD_PADDING: f32 = 8.0;
/// The organisation-coloured stripe down a card's left edge.
pub(crate) const STRIPE_WIDTH: f32 = 7.0;
/// The height of the status strip along the foot of a need's card.
pub(crate) const STATUS_HEIGHT: f32 = 26.0;
/// A note's own words, in map units.
pub(crate) const NOTE_TEXT_SIZE: f32 = 19.0;
/// Initials, authors and tags on a card.
pub(crate) const SMALL_TEXT_SIZE: f32 = 14.0;
/// The arcs' titles.
pub(crate) const TITLE_SIZE: f32 = 28.0;
/// The width an arc's title wraps to.
pub(crate) const TITLE_WIDTH: f32 = 200.0;
/// The names of the stages written in the bands.
pub(crate) const STAGE_SIZE: f32 = 21.0;
/// The guide's examples written in the bands, quieter than the stage names.
pub(crate) const EXAMPLE_SIZE: f32 = 15.5;
/// The most lines of a note's text a card shows; the rest is in the panel and the tooltip.
pub(crate) const MAX_NOTE_ROWS: usize = 3;
/// The width of a card's text, between the stripe and the right edge.
pub(crate) const CARD_TEXT_WIDTH: f32 = CARD_WIDTH - STRIPE_WIDTH - 2.0 * CARD_PADDING;
/// The dot on the arc where a note's links leave from.
pub(crate) const DOT_RADIUS: f32 = 8.0;
/// The marker in the middle of a link.
pub(crate) const MARKER_RADIUS: f32 = 13.0;
/// The most the map is enlarged when fitting it to the screen, so a nearly empty map does not
/// fill the projector with one giant arc.
pub(crate) const MAX_FIT_ZOOM: f32 = 1.6;
/// The space left around the map when it is fitted to the screen, in screen points.
pub(crate) const FIT_MARGIN: f32 = 16.0;
/// How far (map units) from a note's dot a link may be dropped and still reach it.
const DROP_REACH: f32 = 50.0;

/// One note as placed on the canvas, in map units.
pub(crate) struct PlacedNote<'a> {
    /// The note.
    pub(crate) note: &'a Note,
    /// The arc it sits on.
    pub(crate) arc: MapArc,
    /// How far along the arc its spot is.
    pub(crate) along: f32,
    /// Its card.
    pub(crate) card: Rect,
    /// How many lines of its text the card was measured with, so it is drawn with no more.
    pub(crate) text_rows: usize,
    /// Whether the card shows a line of tags.
    pub(crate) has_tags: bool,
    /// How well it is met, for needs.
    pub(crate) status: Option<NeedStatus>,
    /// Whether its card shows: not while its group is folded.
    pub(crate) shown: bool,
    /// What its leader line runs from: its card, or its group's frame.
    pub(crate) leader_from: Rect,
}

/// A group of notes as placed on the canvas: a frame round its heading and its notes' cards.
pub(crate) struct PlacedGroup<'a> {
    /// The group.
    pub(crate) group: &'a NoteGroup,
    /// The arc its notes are on.
    pub(crate) arc: MapArc,
    /// How many notes it has.
    pub(crate) count: usize,
    /// The frame round the heading and the notes (the heading alone when folded).
    pub(crate) frame: Rect,
    /// The heading's card.
    pub(crate) heading: Rect,
}

/// One link as placed on the canvas, in map units.
pub(crate) struct PlacedLink<'a> {
    /// The link.
    pub(crate) link: &'a Link,
    /// The Bézier curve it is drawn as.
    pub(crate) curve: [Pos2; 4],
    /// Where its kind marker sits, on the curve.
    pub(crate) marker: Pos2,
}

/// Everything on the canvas, laid out in map units.
pub(crate) struct Scene<'a> {
    /// The two arcs.
    pub(crate) frame: MapFrame,
    /// Every note on the map, need arc first.
    pub(crate) notes: Vec<PlacedNote<'a>>,
    /// Every group on the map.
    pub(crate) groups: Vec<PlacedGroup<'a>>,
    /// Every link whose two notes are on the map.
    pub(crate) links: Vec<PlacedLink<'a>>,
    /// Where each arc's title goes.
    pub(crate) titles: [(MapArc, Rect); 2],
    /// Everything that must be on screen after "Fit to screen".
    pub(crate) content: Rect,
}

impl<'a> Scene<'a> {
    /// The placed note with this id.
    pub(super) fn note(&self, id: NoteId) -> Option<&PlacedNote<'a>> {
        self.notes.iter().find(|placed| placed.note.id == id)
    }

    /// The note on `arc` whose card is under `point` (map units), or failing that the one whose
    /// dot is nearest, within a forgiving reach: a link dropped on the band beside a dot is meant
    /// for that dot.
    pub(super) fn note_at(&self, point: Pos2, arc: MapArc) -> Option<&PlacedNote<'a>> {
        let cards: Vec<Rect> = self.notes.iter().map(|placed| placed.card).collect();
        card_at(&cards, point).map(|index| &self.notes[index]).filter(|placed| placed.arc == arc).or_else(|| {
            let shape = self.frame.arc(arc);
            self.notes
                .iter()
                .filter(|placed| placed.arc == arc)
                .map(|placed| (placed, shape.link_anchor(placed.along).distance(point)))
                .filter(|(_, distance)| *distance <= DROP_REACH)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(placed, _)| placed)
        })
    }
}

/// The guide's examples written under a stage's name in its band: "e.g. …", and on the first
/// stage of the need arc the groups the guide says may be particularly vulnerable.
pub(crate) fn stage_examples(arc: MapArc, index: usize, stage: &ArcStage) -> String {
    let guide = needs_map();
    let mut examples = format!("e.g. {}", stage.examples.join(" · "));
    if arc == MapArc::Need && index == 0 {
        examples.push_str(&format!(" {} {}", guide.vulnerable_heading, guide.vulnerable_groups.join(" · ")));
    }
    examples
}

/// How wide a stage's name and examples may be written in its band, in map units.
pub(crate) fn stage_text_width(shape: &ArcShape, stage: &ArcStage) -> f32 {
    shape.point_at(stage.to).x - shape.point_at(stage.from).x - 24.0
}

/// The line of a need's tags on its card.
pub(crate) fn tags_line(note: &Note) -> String {
    note.tags.join(" · ")
}

/// A note's text as laid out on its card: the organisation's initials in its colour (so colour
/// is never the only cue), the text, and the author, quietly.
pub(super) fn card_text(
    painter: &Painter,
    session: &Session,
    note: &Note,
    palette: MapPalette,
    scale: f32,
    wrap_width: f32,
    max_rows: usize,
) -> Arc<Galley> {
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let fill = organisation_fill(organisation.map(|org| org.colour));
    let initials = organisation.map_or_else(|| "–".to_owned(), |org| org.short_label());
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
    painter.layout_job(job)
}

/// How a note's card was measured, in map units, by whoever draws it with their own fonts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct CardMeasure {
    /// The height of the card's text (initials, words, author).
    pub(crate) text_height: f32,
    /// How many lines that text takes.
    pub(crate) text_rows: usize,
    /// The height of the line of tags, when the card shows one (0 otherwise).
    pub(crate) tags_height: f32,
}

/// A note measured for its card, not yet placed: the card is its size at the origin.
/// `measure_card` measures its text, given whether the card shows a line of tags.
fn measure<'a>(
    session: &'a Session,
    note: &'a Note,
    arc: MapArc,
    measure_card: &impl Fn(&Note, bool) -> CardMeasure,
) -> PlacedNote<'a> {
    let along = match note.placement {
        Placement::Map { along, .. } => along,
        _ => 0.0,
    };
    let has_tags = arc == MapArc::Need && !note.tags.is_empty();
    let text = measure_card(note, has_tags);
    let tags_height = if has_tags { text.tags_height + 4.0 } else { 0.0 };
    let status = (arc == MapArc::Need).then(|| need_status(session, note.id));
    let status_height = if status.is_some() { STATUS_HEIGHT } else { 0.0 };
    let height = 2.0 * CARD_PADDING + text.text_height + tags_height + status_height;
    PlacedNote {
        note,
        arc,
        along,
        card: Rect::from_min_size(Pos2::ZERO, vec2(CARD_WIDTH, height)),
        text_rows: text.text_rows.max(1),
        has_tags,
        status,
        shown: true,
        leader_from: Rect::NOTHING,
    }
}

/// What takes one place along an arc: a note's card, or a group's frame with its notes.
enum ArcEntry {
    Note(usize),
    Group(usize, std::ops::Range<usize>),
}

/// Lays out one arc's notes and groups: each group is one frame, its heading on top and its
/// notes stacked under it in the order they run along the arc.
fn place_arc<'a>(
    session: &'a Session,
    shape: &ArcShape,
    measure_card: &impl Fn(&Note, bool) -> CardMeasure,
    notes: &mut Vec<PlacedNote<'a>>,
    groups: &mut Vec<PlacedGroup<'a>>,
) {
    let arc = shape.arc;
    let on_arc: Vec<&'a Note> = session.notes_on_arc(arc).collect();
    let mut entries: Vec<(f32, Vec2, ArcEntry)> = Vec::new();
    let mut seen = Vec::new();
    for note in &on_arc {
        let Some(group) = note.group.and_then(|id| session.group(id)) else {
            let placed = measure(session, note, arc, measure_card);
            entries.push((placed.along, placed.card.size(), ArcEntry::Note(notes.len())));
            notes.push(placed);
            continue;
        };
        if seen.contains(&group.id) {
            continue;
        }
        seen.push(group.id);
        let mut members: Vec<PlacedNote<'a>> = on_arc
            .iter()
            .filter(|member| member.group == Some(group.id))
            .map(|member| measure(session, member, arc, measure_card))
            .collect();
        members.sort_by(|a, b| a.along.total_cmp(&b.along));
        let along = members.first().map_or(0.5, |first| first.along);
        let mut height = GROUP_HEADING_HEIGHT + 2.0 * GROUP_PADDING;
        if !group.collapsed {
            height += members.iter().map(|member| member.card.height() + GROUP_PADDING).sum::<f32>();
        }
        let range = notes.len()..notes.len() + members.len();
        groups.push(PlacedGroup { group, arc, count: members.len(), frame: Rect::NOTHING, heading: Rect::NOTHING });
        notes.extend(members.into_iter().map(|member| PlacedNote { shown: !group.collapsed, ..member }));
        entries.push((along, vec2(CARD_WIDTH + 2.0 * GROUP_PADDING, height), ArcEntry::Group(groups.len() - 1, range)));
    }
    let sizes: Vec<(f32, Vec2)> = entries.iter().map(|(along, size, _)| (*along, *size)).collect();
    for ((_, _, entry), rect) in entries.into_iter().zip(layout_cards(shape, &sizes)) {
        match entry {
            ArcEntry::Note(index) => {
                notes[index].card = rect;
                notes[index].leader_from = rect;
            }
            ArcEntry::Group(index, members) => {
                let placed = &mut groups[index];
                placed.frame = rect;
                let inner = rect.shrink(GROUP_PADDING);
                placed.heading = Rect::from_min_size(inner.min, vec2(inner.width(), GROUP_HEADING_HEIGHT));
                let mut top = placed.heading.bottom() + GROUP_PADDING;
                for member in &mut notes[members] {
                    member.leader_from = rect;
                    if member.shown {
                        member.card = Rect::from_min_size(pos2(inner.left(), top), member.card.size());
                        top += member.card.height() + GROUP_PADDING;
                    } else {
                        member.card = Rect::NOTHING;
                    }
                }
            }
        }
    }
}

/// A group's heading card on the map, in map units.
pub(crate) const GROUP_HEADING_HEIGHT: f32 = 64.0;
/// Space inside a group's frame round its heading and notes.
pub(crate) const GROUP_PADDING: f32 = 8.0;

/// The map laid out in map units with the fonts of the screen.
pub(super) fn build_scene<'a>(painter: &Painter, session: &'a Session, palette: MapPalette, width: f32) -> Scene<'a> {
    arrange(
        session,
        width,
        |note, has_tags| {
            let text = card_text(painter, session, note, palette, 1.0, CARD_TEXT_WIDTH, MAX_NOTE_ROWS);
            let tags_height = if has_tags {
                wrapped(painter, &tags_line(note), SMALL_TEXT_SIZE, palette.quiet, CARD_TEXT_WIDTH, 2).size().y
            } else {
                0.0
            };
            CardMeasure { text_height: text.size().y, text_rows: text.rows.len(), tags_height }
        },
        |arc| title_galley(painter, arc, palette, 1.0).size(),
    )
}

/// Lays the map out in map units with the arcs `width` apart: every note's card (sized by
/// `measure_card`, given whether the card shows a line of tags), every group's frame, every
/// link's curve and marker, and each arc's title (of `title_size`). Pure layout, so the screen
/// and the exported pictures place everything alike, each measuring text with its own fonts.
pub(crate) fn arrange<'a>(
    session: &'a Session,
    width: f32,
    measure_card: impl Fn(&Note, bool) -> CardMeasure,
    title_size: impl Fn(MapArc) -> Vec2,
) -> Scene<'a> {
    let frame = MapFrame::with_width(width);
    let mut notes: Vec<PlacedNote<'a>> = Vec::new();
    let mut groups: Vec<PlacedGroup<'a>> = Vec::new();
    for arc in [MapArc::Need, MapArc::Help] {
        place_arc(session, frame.arc(arc), &measure_card, &mut notes, &mut groups);
    }

    let spot = |arc: MapArc, id: NoteId| notes.iter().find(|placed| placed.arc == arc && placed.note.id == id);
    let mut links: Vec<PlacedLink<'a>> = session
        .links
        .iter()
        .filter_map(|link| {
            let need = spot(MapArc::Need, link.need)?;
            let help = spot(MapArc::Help, link.help)?;
            Some(PlacedLink { link, curve: link_curve(&frame, need.along, help.along), marker: Pos2::ZERO })
        })
        .collect();
    let curves: Vec<[Pos2; 4]> = links.iter().map(|placed| placed.curve).collect();
    for (placed, marker) in links.iter_mut().zip(place_markers(&curves, MARKER_RADIUS + 2.0)) {
        placed.marker = marker;
    }

    let mut content = frame.bands_rect();
    for placed in notes.iter().filter(|placed| placed.shown) {
        content = content.union(placed.card);
    }
    for placed in &groups {
        content = content.union(placed.frame);
    }
    let titles = [MapArc::Need, MapArc::Help].map(|arc| {
        let rect = title_rect(&frame, arc, title_size(arc));
        content = content.union(rect);
        (arc, rect)
    });
    Scene { frame, notes, groups, links, titles, content }
}

/// The arc width, from a few to choose from, at which the whole map shows largest in `rect`:
/// a map of many notes on a wide screen spreads them out in fewer rows, on a tall one it stacks
/// them. `content_at` gives what the map covers at a width.
pub(crate) fn best_arc_width(rect: Rect, content_at: impl Fn(f32) -> Rect) -> f32 {
    const WIDTHS: [f32; 6] = [1300.0, 1500.0, 1650.0, 1850.0, 2100.0, 2400.0];
    let zoom_at = |width: f32| Viewport::fitting(content_at(width), rect, FIT_MARGIN, MAX_FIT_ZOOM).zoom;
    WIDTHS
        .into_iter()
        .map(|width| (width, zoom_at(width)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(ARC_WIDTH, |best| best.0)
}

/// Where an arc's title of `size` goes: beside the arc's start, level with its band, so it takes
/// width (which a projector has) rather than height (which it does not).
fn title_rect(frame: &MapFrame, arc: MapArc, size: Vec2) -> Rect {
    let start = frame.arc(arc).point_at(0.0);
    let right = start.x - 30.0;
    let top = match arc {
        MapArc::Need => start.y - BAND_WIDTH / 2.0,
        MapArc::Help => start.y + BAND_WIDTH / 2.0 - size.y,
    };
    Rect::from_min_size(pos2(right - size.x, top), size)
}

pub(super) fn title_galley(painter: &Painter, arc: MapArc, palette: MapPalette, scale: f32) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(
        needs_map().arc(arc).title.clone(),
        TextFormat { font_id: FontId::proportional(TITLE_SIZE * scale), color: palette.text, ..TextFormat::default() },
    );
    job.wrap.max_width = TITLE_WIDTH * scale;
    job.halign = egui::Align::RIGHT;
    painter.layout_job(job)
}
