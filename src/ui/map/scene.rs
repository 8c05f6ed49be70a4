//! The map laid out in map units: where every note's card, every link's curve and marker, and
//! each arc's title goes, measured with the fonts the cards are drawn in.

use super::answer::{NeedStatus, need_statuses};
use super::geometry::{ARC_WIDTH, BAND_WIDTH, MapFrame, card_at, layout_cards, link_curve, place_markers};
use super::style::{MapPalette, organisation_fill, text_on, wrapped};
use crate::guide::map::needs_map;
use crate::model::{GroupId, Link, MapArc, Note, NoteGroup, NoteId, Placement, Session};
use crate::ui::viewport::Viewport;
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Painter, Pos2, Rect, Vec2, pos2, vec2};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// A note card's width, in map units.
const CARD_WIDTH: f32 = 220.0;
/// Space inside a card around its text.
pub(super) const CARD_PADDING: f32 = 8.0;
/// The organisation-coloured stripe down a card's left edge.
pub(super) const STRIPE_WIDTH: f32 = 7.0;
/// The height of the status strip along the foot of a need's card.
pub(super) const STATUS_HEIGHT: f32 = 26.0;
/// A note's own words, in map units.
const NOTE_TEXT_SIZE: f32 = 19.0;
/// Initials, authors and tags on a card.
pub(super) const SMALL_TEXT_SIZE: f32 = 14.0;
/// The arcs' titles.
const TITLE_SIZE: f32 = 28.0;
/// The width an arc's title wraps to.
const TITLE_WIDTH: f32 = 200.0;
/// The names of the stages written in the bands.
pub(super) const STAGE_SIZE: f32 = 21.0;
/// The guide's examples written in the bands, quieter than the stage names.
pub(super) const EXAMPLE_SIZE: f32 = 15.5;
/// The most lines of a note's text a card shows; the rest is in the panel and the tooltip.
const MAX_NOTE_ROWS: usize = 3;
/// The width of a card's text, between the stripe and the right edge.
pub(super) const CARD_TEXT_WIDTH: f32 = CARD_WIDTH - STRIPE_WIDTH - 2.0 * CARD_PADDING;
/// The dot on the arc where a note's links leave from.
pub(super) const DOT_RADIUS: f32 = 8.0;
/// The marker in the middle of a link.
pub(super) const MARKER_RADIUS: f32 = 13.0;
/// The most the map is enlarged when fitting it to the screen, so a nearly empty map does not
/// fill the projector with one giant arc.
pub(super) const MAX_FIT_ZOOM: f32 = 1.6;
/// The space left around the map when it is fitted to the screen, in screen points.
pub(super) const FIT_MARGIN: f32 = 16.0;
/// How far (map units) from a note's dot a link may be dropped and still reach it.
const DROP_REACH: f32 = 50.0;

/// One note as placed on the canvas, in map units.
pub(super) struct PlacedNote<'a> {
    /// The note.
    pub(super) note: &'a Note,
    /// The arc it sits on.
    pub(super) arc: MapArc,
    /// How far along the arc its spot is.
    pub(super) along: f32,
    /// Its card.
    pub(super) card: Rect,
    /// How many lines of its text the card was measured with, so it is drawn with no more.
    pub(super) text_rows: usize,
    /// Whether the card shows a line of tags.
    pub(super) has_tags: bool,
    /// How well it is met, for needs.
    pub(super) status: Option<NeedStatus>,
    /// Whether its card shows: not while its group is folded.
    pub(super) shown: bool,
    /// What its leader line runs from: its card, or its group's frame.
    pub(super) leader_from: Rect,
}

/// A group of notes as placed on the canvas: a frame round its heading and its notes' cards.
pub(super) struct PlacedGroup<'a> {
    /// The group.
    pub(super) group: &'a NoteGroup,
    /// The arc its notes are on.
    pub(super) arc: MapArc,
    /// How many notes it has.
    pub(super) count: usize,
    /// The frame round the heading and the notes (the heading alone when folded).
    pub(super) frame: Rect,
    /// The heading's card.
    pub(super) heading: Rect,
}

/// One link as placed on the canvas, in map units.
pub(super) struct PlacedLink<'a> {
    /// The link.
    pub(super) link: &'a Link,
    /// The Bézier curve it is drawn as.
    pub(super) curve: [Pos2; 4],
    /// Where its kind marker sits, on the curve.
    pub(super) marker: Pos2,
}

/// Everything on the canvas, laid out in map units.
pub(super) struct Scene<'a> {
    /// The two arcs.
    pub(super) frame: MapFrame,
    /// Every note on the map, need arc first.
    pub(super) notes: Vec<PlacedNote<'a>>,
    /// Every group on the map.
    pub(super) groups: Vec<PlacedGroup<'a>>,
    /// Every link whose two notes are on the map.
    pub(super) links: Vec<PlacedLink<'a>>,
    /// Where each arc's title goes.
    pub(super) titles: [(MapArc, Rect); 2],
    /// Everything that must be on screen after "Fit to screen".
    pub(super) content: Rect,
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

pub(super) fn tags_line(note: &Note) -> String {
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

/// A group's heading card on the map, in map units.
const GROUP_HEADING_HEIGHT: f32 = 64.0;
/// Space inside a group's frame round its heading and notes.
const GROUP_PADDING: f32 = 8.0;

/// A note's card as measured: kept between frames, and measured again only when what the card
/// shows changes.
#[derive(Clone, Copy, Debug)]
struct MeasuredCard {
    /// A hash of everything that decides the card's size.
    fingerprint: u64,
    size: Vec2,
    text_rows: usize,
}

/// One note on the map as kept between frames: where it is in the session's notes, and what its
/// card needs.
#[derive(Clone, Copy, Debug)]
struct CachedNote {
    index: usize,
    arc: MapArc,
    along: f32,
    size: Vec2,
    text_rows: usize,
    has_tags: bool,
    status: Option<NeedStatus>,
    shown: bool,
}

/// One group on the map as kept between frames.
#[derive(Clone, Debug)]
struct CachedGroup {
    /// Where it is in the session's groups.
    index: usize,
    arc: MapArc,
    /// Its notes, in [`SceneCache::notes`].
    members: Range<usize>,
}

/// What takes one place along an arc: a note's card, or a group's frame with its notes.
#[derive(Clone, Debug)]
enum ArcEntry {
    /// A note not in a group, by its place in [`SceneCache::notes`].
    Note(usize),
    /// A group, by its place in [`SceneCache::groups`].
    Group(usize),
}

/// The map laid out for one arc width.
#[derive(Debug)]
struct Layout {
    width: f32,
    /// Each note's card and what its leader line runs from, in the order of
    /// [`SceneCache::notes`].
    cards: Vec<(Rect, Rect)>,
    /// Each group's frame and heading, in the order of [`SceneCache::groups`].
    groups: Vec<(Rect, Rect)>,
    /// Each link on the map: where it is in the session's links, its curve and its marker.
    links: Vec<(usize, [Pos2; 4], Pos2)>,
    titles: [(MapArc, Rect); 2],
    content: Rect,
}

/// The map laid out in map units, kept between frames: re-measured when the session changes
/// (and then only the cards whose words changed), laid out again only for a new revision or arc
/// width. Drawing a frame then costs only what is on screen.
#[derive(Debug, Default)]
pub(super) struct SceneCache {
    /// The session revision and pixels per point (text is measured to whole pixels) that
    /// `notes` and `layouts` were made for.
    made_for: Option<(u64, f32)>,
    /// Every card measured so far, by note.
    cards: HashMap<NoteId, MeasuredCard>,
    /// The notes on the map, need arc first; a group's notes together, in order along the arc.
    notes: Vec<CachedNote>,
    /// The groups on the map.
    groups: Vec<CachedGroup>,
    /// What stands along each arc (need, help), with its spot and size.
    entries: [Vec<(f32, Vec2, ArcEntry)>; 2],
    /// Layouts for the arc widths asked for at this revision.
    layouts: Vec<Layout>,
    /// The arc width that showed the map largest in a canvas of this size, at this revision.
    best_width: Option<(Vec2, f32)>,
}

impl SceneCache {
    /// The session revision and pixels per point the map was last laid out for.
    pub(super) fn made_for(&self) -> Option<(u64, f32)> {
        self.made_for
    }

    /// Makes sure the cards are measured for this revision of `session`.
    fn update(&mut self, painter: &Painter, session: &Session, revision: u64, palette: MapPalette) {
        let key = (revision, painter.ctx().pixels_per_point());
        if self.made_for == Some(key) {
            return;
        }
        self.made_for = Some(key);
        self.layouts.clear();
        self.best_width = None;
        let statuses = need_statuses(session);
        let group_index: HashMap<GroupId, usize> =
            session.groups.iter().enumerate().map(|(index, group)| (group.id, index)).collect();
        let mut cards = HashMap::with_capacity(self.cards.len());
        let mut notes = Vec::new();
        let mut groups = Vec::new();
        let mut entries: [Vec<(f32, Vec2, ArcEntry)>; 2] = Default::default();
        for (side, arc) in [MapArc::Need, MapArc::Help].into_iter().enumerate() {
            let on_arc: Vec<(usize, &Note, f32)> = session
                .notes
                .iter()
                .enumerate()
                .filter_map(|(index, note)| match note.placement {
                    Placement::Map { arc: on, along } if on == arc => Some((index, note, along)),
                    _ => None,
                })
                .collect();
            // Each group's notes, found in one pass rather than a pass for each group.
            let mut members_of: HashMap<usize, Vec<(usize, &Note, f32)>> = HashMap::new();
            for &(index, note, along) in &on_arc {
                if let Some(group) = note.group.and_then(|id| group_index.get(&id)) {
                    members_of.entry(*group).or_default().push((index, note, along));
                }
            }
            let mut measure = |index: usize, note: &Note, along: f32, shown: bool| {
                let has_tags = arc == MapArc::Need && !note.tags.is_empty();
                let fingerprint = card_fingerprint(session, note, has_tags);
                let measured = match self.cards.get(&note.id) {
                    Some(measured) if measured.fingerprint == fingerprint => *measured,
                    _ => measure_card(painter, session, note, arc, has_tags, fingerprint, palette),
                };
                cards.insert(note.id, measured);
                let status =
                    (arc == MapArc::Need).then(|| statuses.get(&note.id).copied().unwrap_or(NeedStatus::NoSupportYet));
                CachedNote {
                    index,
                    arc,
                    along,
                    size: measured.size,
                    text_rows: measured.text_rows,
                    has_tags,
                    status,
                    shown,
                }
            };
            for &(index, note, along) in &on_arc {
                let Some(&group) = note.group.and_then(|id| group_index.get(&id)) else {
                    let cached = measure(index, note, along, true);
                    entries[side].push((along, cached.size, ArcEntry::Note(notes.len())));
                    notes.push(cached);
                    continue;
                };
                // A group stands where its first note is met, with all its notes.
                let Some(mut members) = members_of.remove(&group) else { continue };
                members.sort_by(|a, b| a.2.total_cmp(&b.2));
                let collapsed = session.groups[group].collapsed;
                let along = members.first().map_or(0.5, |first| first.2);
                let first = notes.len();
                notes.extend(members.into_iter().map(|(index, note, along)| measure(index, note, along, !collapsed)));
                let mut height = GROUP_HEADING_HEIGHT + 2.0 * GROUP_PADDING;
                if !collapsed {
                    height += notes[first..].iter().map(|member| member.size.y + GROUP_PADDING).sum::<f32>();
                }
                entries[side].push((
                    along,
                    vec2(CARD_WIDTH + 2.0 * GROUP_PADDING, height),
                    ArcEntry::Group(groups.len()),
                ));
                groups.push(CachedGroup { index: group, arc, members: first..notes.len() });
            }
        }
        // Cards of notes no longer on the map are forgotten.
        self.cards = cards;
        self.notes = notes;
        self.groups = groups;
        self.entries = entries;
    }

    /// Where in `layouts` the layout for `width` is, made if it is not kept yet.
    fn layout(&mut self, painter: &Painter, session: &Session, width: f32, palette: MapPalette) -> usize {
        self.layouts.iter().position(|layout| layout.width == width).unwrap_or_else(|| {
            let layout = self.lay_out(painter, session, width, palette);
            self.layouts.push(layout);
            self.layouts.len() - 1
        })
    }

    /// Lays out the measured notes with the arcs `width` apart: cards and groups beside their
    /// arcs, links between them with their markers, and the titles.
    fn lay_out(&self, painter: &Painter, session: &Session, width: f32, palette: MapPalette) -> Layout {
        let frame = MapFrame::with_width(width);
        let mut cards = vec![(Rect::NOTHING, Rect::NOTHING); self.notes.len()];
        let mut group_rects = vec![(Rect::NOTHING, Rect::NOTHING); self.groups.len()];
        for (side, arc) in [MapArc::Need, MapArc::Help].into_iter().enumerate() {
            let entries = &self.entries[side];
            let sizes: Vec<(f32, Vec2)> = entries.iter().map(|(along, size, _)| (*along, *size)).collect();
            for ((_, _, entry), rect) in entries.iter().zip(layout_cards(frame.arc(arc), &sizes)) {
                match entry {
                    ArcEntry::Note(index) => cards[*index] = (rect, rect),
                    ArcEntry::Group(index) => {
                        let inner = rect.shrink(GROUP_PADDING);
                        let heading = Rect::from_min_size(inner.min, vec2(inner.width(), GROUP_HEADING_HEIGHT));
                        group_rects[*index] = (rect, heading);
                        let mut top = heading.bottom() + GROUP_PADDING;
                        for member in self.groups[*index].members.clone() {
                            let cached = &self.notes[member];
                            let card = if cached.shown {
                                let card = Rect::from_min_size(pos2(inner.left(), top), cached.size);
                                top += cached.size.y + GROUP_PADDING;
                                card
                            } else {
                                Rect::NOTHING
                            };
                            cards[member] = (card, rect);
                        }
                    }
                }
            }
        }

        let spots: HashMap<NoteId, &CachedNote> =
            self.notes.iter().filter_map(|cached| Some((session.notes.get(cached.index)?.id, cached))).collect();
        let spot = |arc: MapArc, id: NoteId| spots.get(&id).filter(|cached| cached.arc == arc);
        let mut links: Vec<(usize, [Pos2; 4], Pos2)> = session
            .links
            .iter()
            .enumerate()
            .filter_map(|(index, link)| {
                let need = spot(MapArc::Need, link.need)?;
                let help = spot(MapArc::Help, link.help)?;
                Some((index, link_curve(&frame, need.along, help.along), Pos2::ZERO))
            })
            .collect();
        let curves: Vec<[Pos2; 4]> = links.iter().map(|&(_, curve, _)| curve).collect();
        for (link, marker) in links.iter_mut().zip(place_markers(&curves, MARKER_RADIUS + 2.0)) {
            link.2 = marker;
        }

        let mut content = frame.bands_rect();
        for ((card, _), cached) in cards.iter().zip(&self.notes) {
            if cached.shown {
                content = content.union(*card);
            }
        }
        for (group_frame, _) in &group_rects {
            content = content.union(*group_frame);
        }
        let titles = [MapArc::Need, MapArc::Help].map(|arc| {
            let rect = title_rect(painter, &frame, arc, palette, 1.0);
            content = content.union(rect);
            (arc, rect)
        });
        Layout { width, cards, groups: group_rects, links, titles, content }
    }

    /// Everything on the canvas for this revision of `session`, with the arcs `width` apart.
    pub(super) fn scene<'a>(
        &mut self,
        painter: &Painter,
        session: &'a Session,
        revision: u64,
        palette: MapPalette,
        width: f32,
    ) -> Scene<'a> {
        self.update(painter, session, revision, palette);
        let position = self.layout(painter, session, width, palette);
        let layout = &self.layouts[position];
        let notes = self
            .notes
            .iter()
            .zip(&layout.cards)
            .filter_map(|(cached, &(card, leader_from))| {
                Some(PlacedNote {
                    note: session.notes.get(cached.index)?,
                    arc: cached.arc,
                    along: cached.along,
                    card,
                    text_rows: cached.text_rows,
                    has_tags: cached.has_tags,
                    status: cached.status,
                    shown: cached.shown,
                    leader_from,
                })
            })
            .collect();
        let groups = self
            .groups
            .iter()
            .zip(&layout.groups)
            .filter_map(|(cached, &(frame, heading))| {
                Some(PlacedGroup {
                    group: session.groups.get(cached.index)?,
                    arc: cached.arc,
                    count: cached.members.len(),
                    frame,
                    heading,
                })
            })
            .collect();
        let links = layout
            .links
            .iter()
            .filter_map(|&(index, curve, marker)| Some(PlacedLink { link: session.links.get(index)?, curve, marker }))
            .collect();
        Scene {
            frame: MapFrame::with_width(width),
            notes,
            groups,
            links,
            titles: layout.titles,
            content: layout.content,
        }
    }

    /// The arc width, from a few to choose from, at which the whole map shows largest in `rect`:
    /// a map of many notes on a wide screen spreads them out in fewer rows, on a tall one it
    /// stacks them. Worked out once per revision and canvas size.
    pub(super) fn best_arc_width(
        &mut self,
        painter: &Painter,
        session: &Session,
        revision: u64,
        palette: MapPalette,
        rect: Rect,
    ) -> f32 {
        const WIDTHS: [f32; 6] = [1300.0, 1500.0, 1650.0, 1850.0, 2100.0, 2400.0];
        self.update(painter, session, revision, palette);
        if let Some((size, width)) = self.best_width
            && size == rect.size()
        {
            return width;
        }
        let best = WIDTHS
            .into_iter()
            .map(|width| {
                let position = self.layout(painter, session, width, palette);
                (width, Viewport::fitting(self.layouts[position].content, rect, FIT_MARGIN, MAX_FIT_ZOOM).zoom)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(ARC_WIDTH, |best| best.0);
        // Only the chosen layout is needed from now on.
        self.layouts.retain(|layout| layout.width == best);
        self.best_width = Some((rect.size(), best));
        best
    }
}

/// A hash of everything that decides the size of a note's card: its words, author,
/// organisation's initials and tags.
fn card_fingerprint(session: &Session, note: &Note, has_tags: bool) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    note.text.hash(&mut hasher);
    note.author.hash(&mut hasher);
    note.organisation.and_then(|id| session.organisation(id)).map(|org| org.initials()).hash(&mut hasher);
    if has_tags {
        note.tags.hash(&mut hasher);
    }
    hasher.finish()
}

/// Measures a note's card with the fonts it is drawn in.
fn measure_card(
    painter: &Painter,
    session: &Session,
    note: &Note,
    arc: MapArc,
    has_tags: bool,
    fingerprint: u64,
    palette: MapPalette,
) -> MeasuredCard {
    let text = card_text(painter, session, note, palette, 1.0, CARD_TEXT_WIDTH, MAX_NOTE_ROWS);
    let tags_height = if has_tags {
        wrapped(painter, &tags_line(note), SMALL_TEXT_SIZE, palette.quiet, CARD_TEXT_WIDTH, 2).size().y + 4.0
    } else {
        0.0
    };
    let status_height = if arc == MapArc::Need { STATUS_HEIGHT } else { 0.0 };
    let height = 2.0 * CARD_PADDING + text.size().y + tags_height + status_height;
    MeasuredCard { fingerprint, size: vec2(CARD_WIDTH, height), text_rows: text.rows.len().max(1) }
}

/// Where an arc's title goes: beside the arc's start, level with its band, so it takes width
/// (which a projector has) rather than height (which it does not).
fn title_rect(painter: &Painter, frame: &MapFrame, arc: MapArc, palette: MapPalette, scale: f32) -> Rect {
    let galley = title_galley(painter, arc, palette, scale);
    let start = frame.arc(arc).point_at(0.0);
    let size = galley.size() / scale;
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
