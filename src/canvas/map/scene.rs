//! The map laid out in map units: where every note's card, every link's curve and marker, and
//! each arc's title goes, measured with the fonts the cards are drawn in (egui's, through the
//! painter: the screen's, or the headless fonts a picture is painted with).

use super::card_layout::{card_at, card_inner_edge, layout_cards};
use super::geometry::{ARC_WIDTH, BAND_WIDTH, MapFrame, link_curve, place_markers};
use super::measure::TextMeasurer;
use super::style::MapPalette;
use super::text::{
    CARD_TEXT_WIDTH, MAX_NOTE_ROWS, SMALL_TEXT_SIZE, card_text_job, tags_line, title_galley, wrapped_job,
};
use crate::canvas::viewport::Viewport;
use crate::model::answer::{NeedStatus, need_statuses};
use crate::model::{GroupId, Link, MapArc, Note, NoteGroup, NoteId, Placement, Session};
use egui::{Painter, Pos2, Rect, Vec2, pos2, vec2};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// A note card's width, in map units.
pub const CARD_WIDTH: f32 = 220.0;
/// Space inside a card around its text.
pub const CARD_PADDING: f32 = 8.0;
/// The organisation-coloured stripe down a card's left edge.
pub const STRIPE_WIDTH: f32 = 7.0;
/// The height of the status strip along the foot of a need's card.
pub const STATUS_HEIGHT: f32 = 26.0;
/// The dot on the arc where a note's links leave from.
pub const DOT_RADIUS: f32 = 8.0;
/// The marker in the middle of a link.
pub const MARKER_RADIUS: f32 = 13.0;
/// The most the map is enlarged when fitting it to the screen, so a nearly empty map does not
/// fill the projector with one giant arc.
pub const MAX_FIT_ZOOM: f32 = 1.6;
/// The space left around the map when it is fitted to the screen, in screen points.
pub const FIT_MARGIN: f32 = 16.0;
/// How far (map units) from a note's dot a link may be dropped and still reach it.
const DROP_REACH: f32 = 50.0;

/// One note as placed on the canvas, in map units.
pub struct PlacedNote<'a> {
    /// The note.
    pub note: &'a Note,
    /// The arc it sits on.
    pub arc: MapArc,
    /// How far along the arc its spot is.
    pub along: f32,
    /// Its card.
    pub card: Rect,
    /// How many lines of its text the card was measured with, so it is drawn with no more.
    pub text_rows: usize,
    /// Whether the card shows a line of tags.
    pub has_tags: bool,
    /// How well it is met, for needs.
    pub status: Option<NeedStatus>,
    /// Whether its card shows: not while its group is folded.
    pub shown: bool,
    /// Its leader line, in map units: from its card (or its group's frame) to the arc's edge on
    /// the notes' side, then across the band to the dot its links leave from.
    pub leader: [Pos2; 3],
}

/// A group of notes as placed on the canvas: a frame round its heading and its notes' cards.
pub struct PlacedGroup<'a> {
    /// The group.
    pub group: &'a NoteGroup,
    /// The arc its notes are on.
    pub arc: MapArc,
    /// How many notes it has.
    pub count: usize,
    /// The frame round the heading and the notes (the heading alone when folded).
    pub frame: Rect,
    /// The heading's card.
    pub heading: Rect,
}

/// One link as placed on the canvas, in map units.
pub struct PlacedLink<'a> {
    /// The link.
    pub link: &'a Link,
    /// The Bézier curve it is drawn as.
    pub curve: [Pos2; 4],
    /// Where its kind marker sits, on the curve.
    pub marker: Pos2,
}

/// Everything on the canvas, laid out in map units.
pub struct Scene<'a> {
    /// The two arcs.
    pub frame: MapFrame,
    /// Every note on the map, need arc first.
    pub notes: Vec<PlacedNote<'a>>,
    /// Every group on the map.
    pub groups: Vec<PlacedGroup<'a>>,
    /// Every link whose two notes are on the map.
    pub links: Vec<PlacedLink<'a>>,
    /// Where each arc's title goes.
    pub titles: [(MapArc, Rect); 2],
    /// Everything that must be on screen after "Fit to screen".
    pub content: Rect,
}

impl<'a> Scene<'a> {
    /// The placed note with this id.
    pub fn note(&self, id: NoteId) -> Option<&PlacedNote<'a>> {
        self.notes.iter().find(|placed| placed.note.id == id)
    }

    /// The note on `arc` whose card is under `point` (map units), or failing that the one whose
    /// dot is nearest, within a forgiving reach: a link dropped on the band beside a dot is meant
    /// for that dot.
    pub fn note_at(&self, point: Pos2, arc: MapArc) -> Option<&PlacedNote<'a>> {
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

/// A group's heading card on the map, in map units.
pub const GROUP_HEADING_HEIGHT: f32 = 64.0;
/// Space inside a group's frame round its heading and notes.
pub const GROUP_PADDING: f32 = 8.0;

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
    /// Each note's leader line (see [`PlacedNote::leader`]), in the same order: worked out once
    /// for the layout, since every frame looks at every note's to see whether it is on screen.
    leaders: Vec<[Pos2; 3]>,
    /// Each group's frame and heading, in the order of [`SceneCache::groups`].
    groups: Vec<(Rect, Rect)>,
    /// Each link on the map: where it is in the session's links, its curve and its marker.
    links: Vec<(usize, [Pos2; 4], Pos2)>,
    titles: [(MapArc, Rect); 2],
    content: Rect,
}

/// Measures text for the layout with egui's fonts, through `painter`: the screen's, or the
/// headless fonts a picture is painted with, so both lay the map out alike. Cards are measured
/// by a [`TextMeasurer`], which keeps no galley (egui's layout would keep one for every card
/// measured until the end of the next frame).
struct Measure<'p> {
    painter: &'p Painter,
    session: &'p Session,
    palette: MapPalette,
    /// Made when the first card is measured, and dropped (its lock given back) once the cards
    /// are measured.
    measurer: RefCell<Option<TextMeasurer>>,
}

impl<'p> Measure<'p> {
    fn new(painter: &'p Painter, session: &'p Session, palette: MapPalette) -> Self {
        Self { painter, session, palette, measurer: RefCell::new(None) }
    }

    /// A note's card, measured: its size and how many lines of words it shows.
    fn card(&self, note: &Note, arc: MapArc, has_tags: bool, fingerprint: u64) -> MeasuredCard {
        let palette = self.palette;
        let mut measurer = self.measurer.borrow_mut();
        let measurer = measurer.get_or_insert_with(|| TextMeasurer::new(self.painter.ctx()));
        let text = measurer.lay_out(card_text_job(self.session, note, palette, 1.0, CARD_TEXT_WIDTH, MAX_NOTE_ROWS));
        let tags_height = if has_tags {
            let tags = wrapped_job(&tags_line(note), SMALL_TEXT_SIZE, palette.quiet, CARD_TEXT_WIDTH, 2);
            measurer.lay_out(tags).size().y + 4.0
        } else {
            0.0
        };
        let status_height = if arc == MapArc::Need { STATUS_HEIGHT } else { 0.0 };
        let height = 2.0 * CARD_PADDING + text.size().y + tags_height + status_height;
        MeasuredCard { fingerprint, size: vec2(CARD_WIDTH, height), text_rows: text.rows.len().max(1) }
    }

    /// Gives the measurer back once the cards are measured, so other maps can measure theirs.
    fn cards_measured(&self) {
        self.measurer.borrow_mut().take();
    }

    /// An arc's title, measured.
    fn title(&self, arc: MapArc) -> Vec2 {
        title_galley(self.painter, arc, self.palette, 1.0).size()
    }
}

/// The map laid out in map units, kept between frames: re-measured when the session changes
/// (and then only the cards whose words changed), laid out again only for a new revision or arc
/// width. Drawing a frame then costs only what is on screen.
#[derive(Debug, Default)]
pub struct SceneCache {
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
    pub fn made_for(&self) -> Option<(u64, f32)> {
        self.made_for
    }

    /// Makes sure the cards are measured for `key` (this revision of `session`, and the pixels
    /// per point it is measured at).
    fn update(&mut self, session: &Session, key: (u64, f32), measure: &Measure<'_>) {
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
                    _ => measure.card(note, arc, has_tags, fingerprint),
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
        measure.cards_measured();
        // Cards of notes no longer on the map are forgotten.
        self.cards = cards;
        self.notes = notes;
        self.groups = groups;
        self.entries = entries;
    }

    /// Where in `layouts` the layout for `width` is, made if it is not kept yet.
    fn layout(&mut self, session: &Session, width: f32, measure: &Measure<'_>) -> usize {
        self.layouts.iter().position(|layout| layout.width == width).unwrap_or_else(|| {
            let layout = self.lay_out(session, width, measure);
            self.layouts.push(layout);
            self.layouts.len() - 1
        })
    }

    /// Lays out the measured notes with the arcs `width` apart: cards and groups beside their
    /// arcs, links between them with their markers, and the titles.
    fn lay_out(&self, session: &Session, width: f32, measure: &Measure<'_>) -> Layout {
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

        let leaders = cards
            .iter()
            .zip(&self.notes)
            .map(|(&(_, from), cached)| {
                let shape = frame.arc(cached.arc);
                let along = cached.along;
                [card_inner_edge(shape, from, along), shape.leader_end(along), shape.link_anchor(along)]
            })
            .collect();
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
            let rect = title_rect(&frame, arc, measure.title(arc));
            content = content.union(rect);
            (arc, rect)
        });
        Layout { width, cards, leaders, groups: group_rects, links, titles, content }
    }

    /// Everything on the canvas for this revision of `session`, with the arcs `width` apart,
    /// measured with the screen's fonts.
    pub fn scene<'a>(
        &mut self,
        painter: &Painter,
        session: &'a Session,
        revision: u64,
        palette: MapPalette,
        width: f32,
    ) -> Scene<'a> {
        let measure = Measure::new(painter, session, palette);
        self.update(session, (revision, painter.ctx().pixels_per_point()), &measure);
        let position = self.layout(session, width, &measure);
        let layout = &self.layouts[position];
        let notes = self
            .notes
            .iter()
            .zip(layout.cards.iter().zip(&layout.leaders))
            .filter_map(|(cached, (&(card, _), &leader))| {
                Some(PlacedNote {
                    note: session.notes.get(cached.index)?,
                    arc: cached.arc,
                    along: cached.along,
                    card,
                    text_rows: cached.text_rows,
                    has_tags: cached.has_tags,
                    status: cached.status,
                    shown: cached.shown,
                    leader,
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

    /// The arc width at which the whole map shows largest in `rect` (see [`best_arc_width`]),
    /// measured with the screen's fonts and worked out once per revision and canvas size.
    pub fn best_arc_width(
        &mut self,
        painter: &Painter,
        session: &Session,
        revision: u64,
        palette: MapPalette,
        rect: Rect,
    ) -> f32 {
        let measure = Measure::new(painter, session, palette);
        self.update(session, (revision, painter.ctx().pixels_per_point()), &measure);
        if let Some((size, width)) = self.best_width
            && size == rect.size()
        {
            return width;
        }
        let best = best_arc_width(rect, |width| {
            let position = self.layout(session, width, &measure);
            self.layouts[position].content
        });
        // Only the chosen layout is needed from now on.
        self.layouts.retain(|layout| layout.width == best);
        self.best_width = Some((rect.size(), best));
        best
    }
}

/// The arc width, from a few to choose from, at which the whole map shows largest in `rect`:
/// a map of many notes on a wide screen spreads them out in fewer rows, on a tall one it stacks
/// them. `content_at` gives what the map covers at a width.
pub fn best_arc_width(rect: Rect, mut content_at: impl FnMut(f32) -> Rect) -> f32 {
    const WIDTHS: [f32; 6] = [1300.0, 1500.0, 1650.0, 1850.0, 2100.0, 2400.0];
    WIDTHS
        .into_iter()
        .map(|width| (width, Viewport::fitting(content_at(width), rect, FIT_MARGIN, MAX_FIT_ZOOM).zoom))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(ARC_WIDTH, |best| best.0)
}

/// A hash of everything that decides the size of a note's card: its words, author,
/// organisation's short label and tags.
fn card_fingerprint(session: &Session, note: &Note, has_tags: bool) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    note.text.hash(&mut hasher);
    note.author.hash(&mut hasher);
    note.organisation
        .and_then(|id| session.organisation(id))
        .map(crate::model::Organisation::short_label)
        .hash(&mut hasher);
    if has_tags {
        note.tags.hash(&mut hasher);
    }
    hasher.finish()
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
