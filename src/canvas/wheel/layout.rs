//! How one ring of one prompt shows its notes: cards sized to their words and to the ring, at
//! the largest type that fits every note's whole text.
//!
//! [`plan_ring`] is a pure function of the ring's shape, its cards' contents and a text
//! measurer, so the console, the projection and the pictures lay a ring out alike, and tests
//! check the type size and the words shown without a window. It tries, in turn:
//! 1. every note's whole text, at each size of [`TYPE_LADDER`] from the largest down;
//! 2. the first lines of each note (the rest cut with "…"), four lines, then three, then two;
//! 3. as many notes' first words as fit at 10 to 7 points, the most-voted then the newest first,
//!    and a count chip for the rest.

use super::geometry::{NOTE_GAP, WheelGeometry};
use crate::model::WheelBand;
use egui::{Color32, FontId, Painter, Pos2, Rect, Vec2, vec2};
use std::cell::RefCell;
use std::collections::HashMap;

/// The type sizes a ring's notes may take, in screen points at the fitted zoom and 100% type
/// size, largest first. The smallest is still readable on a console; below it, a count.
pub const TYPE_LADDER: [f32; 7] = [24.0, 20.0, 16.0, 14.0, 12.0, 11.0, 10.0];
/// The widths a card's words may wrap to, in multiples of the type size, widest first (about
/// 36, 26, 18, 14 and 11 characters a line): narrow segments take tall, narrow cards.
const TEXT_WIDTHS: [f32; 5] = [18.0, 13.0, 9.0, 7.0, 5.5];
/// The width a crowded ring's first words wrap to, in multiples of the type size.
const CROWDED_WIDTH: f32 = 6.0;
/// How many lines each note keeps when not every whole note fits, most first.
const CUT_ROWS: [usize; 4] = [6, 4, 3, 2];
/// The most characters of a note laid out: a card never shows more, and a note of a million
/// characters then costs no more than a long one.
pub const CARD_CHARACTERS: usize = 1_000;
/// The share of the ring's area cards may cover before placing them is not even tried: greedy
/// placement never packs a curved band tighter than this.
const FILL_LIMIT: f32 = 0.8;

/// Measures text as the painter will lay it out.
pub trait MeasureText {
    /// How many rows `text` wraps into at font `size` within `width`, and the size of its block.
    fn wrapped(&self, text: &str, size: f32, width: f32) -> (usize, Vec2);
}

impl MeasureText for Painter {
    fn wrapped(&self, text: &str, size: f32, width: f32) -> (usize, Vec2) {
        let galley = self.layout(text.to_owned(), FontId::proportional(size), Color32::BLACK, width);
        (galley.rows.len(), galley.size())
    }
}

/// Text measurements kept from one plan to the next. Laying out a note's words is most of what
/// planning a ring costs, and egui keeps a laid-out text only while it is drawn every frame, so
/// without this choosing another prompt (which plans every ring again, the segments having
/// turned) measured every note afresh: about 170 ms at 2,000 notes. Planning asks for the same
/// words at the same sizes and widths each time, so a plan made again measures almost nothing.
#[derive(Debug, Default)]
pub struct MeasureCache {
    /// Rows and block size, by a hash of the words, the type size and the width.
    measured: RefCell<HashMap<u64, (usize, Vec2)>>,
}

impl MeasureCache {
    /// The most measurements kept: a few for every note of a 10,000-note workshop's crowded
    /// rings; when full, it starts again rather than growing without end.
    const MOST_KEPT: usize = 60_000;

    /// `measure`, answered from this cache where it can be.
    pub fn with<'a, M: MeasureText>(&'a self, measure: &'a M) -> CachedMeasure<'a, M> {
        CachedMeasure { cache: self, measure }
    }
}

/// A measurer that remembers what it measured in a [`MeasureCache`].
pub struct CachedMeasure<'a, M> {
    cache: &'a MeasureCache,
    measure: &'a M,
}

impl<M: MeasureText> MeasureText for CachedMeasure<'_, M> {
    fn wrapped(&self, text: &str, size: f32, width: f32) -> (usize, Vec2) {
        let key = egui::util::hash((text, size.to_bits(), width.to_bits()));
        if let Some(&measured) = self.cache.measured.borrow().get(&key) {
            return measured;
        }
        let measured = self.measure.wrapped(text, size, width);
        let mut kept = self.cache.measured.borrow_mut();
        if kept.len() >= MeasureCache::MOST_KEPT {
            kept.clear();
        }
        kept.insert(key, measured);
        measured
    }
}

/// What one card in a ring says, for laying it out.
#[derive(Clone, Debug, PartialEq)]
pub struct CardContent<'a> {
    /// The note's words, or a group's heading.
    pub words: &'a str,
    /// The organisation's short name, shown as a chip at the card's top.
    pub chip: Option<String>,
    /// A group's heading card rather than a note (it draws its heading and count its own way).
    pub heading: bool,
    /// Dots from the vote shown, if any: a badge in the card's top right corner.
    pub dots: u32,
    /// When the note was written (seconds), so the newest show first when not all fit.
    pub written: i64,
}

/// The parts of a card at one type size, in the same units: shared by the layout and the
/// painter, so the words are drawn where they were measured to fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardMetrics {
    /// The words' type size.
    pub size: f32,
    /// Space inside the card's edges.
    pub padding: f32,
    /// The organisation's colour strip down the left edge.
    pub strip: f32,
    /// The height of the row holding the chip and the badge.
    pub top_row: f32,
    /// The chip's type size.
    pub chip_size: f32,
}

impl CardMetrics {
    /// The card's proportions for words at `size`.
    pub fn new(size: f32) -> Self {
        Self { size, padding: 0.3 * size, strip: 0.3 * size, top_row: 1.05 * size, chip_size: 0.8 * size }
    }

    /// The radius of a vote's badge on a card at this size (see `paint_dot_badge`'s scale).
    pub fn badge_radius(&self) -> f32 {
        0.9 * self.size
    }

    /// The scale to paint the vote's badge at, at `zoom`: a disc of [`Self::badge_radius`].
    pub fn badge_scale(&self, zoom: f32) -> f32 {
        self.badge_radius() / 18.0 * zoom
    }

    /// Whether a card has a top row: a chip or a badge takes one, so neither covers words.
    pub fn has_top_row(content: &CardContent<'_>) -> bool {
        content.chip.is_some() || content.dots > 0
    }

    /// Where the words go in a card at `rect`.
    pub fn text_rect(&self, rect: Rect, top_row: bool) -> Rect {
        let top = rect.top() + self.padding + if top_row { self.top_row + 0.15 * self.size } else { 0.0 };
        Rect::from_min_max(
            Pos2::new(rect.left() + self.strip + self.padding, top),
            rect.right_bottom() - vec2(self.padding, self.padding),
        )
    }

    /// Where the chip's words start in a card at `rect`.
    pub fn chip_origin(&self, rect: Rect) -> Pos2 {
        Pos2::new(rect.left() + self.strip + self.padding, rect.top() + self.padding)
    }

    /// The widest a chip's words may be in a card `width` wide, leaving the badge its corner.
    pub fn chip_room(&self, width: f32, dots: bool) -> f32 {
        let badge = if dots { 1.7 * self.badge_radius() } else { 0.0 };
        (width - self.strip - 2.0 * self.padding - badge - 0.6 * self.size).max(0.0)
    }
}

/// One card in a ring's plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlannedCard {
    /// Which of the ring's items (as given to [`plan_ring`]).
    pub item: usize,
    /// Where, in world units.
    pub rect: Rect,
    /// How many lines of words it shows.
    pub rows: usize,
    /// Whether those lines hold all of its words (otherwise the last ends with "…").
    pub whole: bool,
}

/// A count chip for the items that are not on the ring.
#[derive(Clone, Debug, PartialEq)]
pub struct MoreChip {
    /// Where, in world units.
    pub rect: Rect,
    /// The items it stands for.
    pub items: Vec<usize>,
}

/// How one ring shows its items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingPlan {
    /// The words' type size, in world units.
    pub size: f32,
    /// The cards shown, in the items' order.
    pub cards: Vec<PlannedCard>,
    /// The count of the rest, when not all fit.
    pub more: Option<MoreChip>,
}

impl RingPlan {
    /// The card of item `item`, if it is shown.
    pub fn card_of(&self, item: usize) -> Option<&PlannedCard> {
        self.cards.iter().find(|card| card.item == item)
    }

    /// Whether every item is on the ring with all its words.
    pub fn all_whole(&self) -> bool {
        self.more.is_none() && self.cards.iter().all(|card| card.whole)
    }
}

/// Which ring of which wheel is laid out, and at what scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RingShape<'g> {
    /// The wheel.
    pub geometry: &'g WheelGeometry,
    /// The prompt's segment.
    pub segment: usize,
    /// The ring.
    pub band: WheelBand,
    /// World units per point of [`TYPE_LADDER`]: the type size factor over the fitted zoom.
    pub scale: f32,
}

/// A note's words as laid out: at most [`CARD_CHARACTERS`] of them.
pub fn laid_out_words(words: &str) -> &str {
    words.char_indices().nth(CARD_CHARACTERS).map_or(words, |(end, _)| &words[..end])
}

/// A card's size and rows for `content` at `metrics`, its words wrapped within `text_width` and
/// kept to `max_rows` lines (all when `None`).
fn card_size(
    measure: &impl MeasureText,
    content: &CardContent<'_>,
    metrics: &CardMetrics,
    text_width: f32,
    max_rows: Option<usize>,
) -> (Vec2, usize, bool) {
    let words = laid_out_words(content.words);
    // Never narrower than the longest word (lines may also break after a hyphen), which would
    // otherwise break in the middle; a word wider than the widest card still breaks.
    let longest =
        words.split_whitespace().flat_map(|word| word.split_inclusive('-')).max_by_key(|word| word.chars().count());
    let text_width = longest.map_or(text_width, |word| {
        let word_width = measure.wrapped(word, metrics.size, f32::INFINITY).1.x.ceil() + 1.0;
        text_width.max(word_width.min(TEXT_WIDTHS[0] * metrics.size))
    });
    let (rows, block) = measure.wrapped(words, metrics.size, text_width);
    let rows = rows.max(1);
    let shown = max_rows.map_or(rows, |most| most.min(rows));
    let row_height = block.y / rows as f32;
    let top_row = CardMetrics::has_top_row(content);
    let chip_width =
        content.chip.as_deref().map_or(0.0, |chip| measure.wrapped(chip, metrics.chip_size, f32::INFINITY).1.x);
    let badge = if content.dots > 0 { 1.7 * metrics.badge_radius() } else { 0.0 };
    let frame = metrics.strip + 2.0 * metrics.padding;
    let top_needed = chip_width + if content.chip.is_some() { 0.6 * metrics.size } else { 0.0 } + badge;
    let width = block.x.max(top_needed.min(text_width)).max(3.0 * metrics.size) + frame;
    let height = 2.0 * metrics.padding
        + shown as f32 * row_height
        + if top_row { metrics.top_row + 0.15 * metrics.size } else { 0.0 };
    if content.heading {
        // A heading card keeps room for its heading and the count of its notes.
        return (vec2(width.max(8.0 * metrics.size).ceil(), height.max(3.6 * metrics.size).ceil()), shown, true);
    }
    (vec2(width.ceil(), height.ceil()), shown, shown == rows)
}

/// Places cards of `sizes`, in order, in the ring: each at the free place nearest the ring's
/// inner edge and the segment's centre line. Stops at the first that does not fit, returning
/// the places of those before it.
/// Each card's place depends only on those before it, so the places of the first cards are the
/// same whatever follows (the crowded plan relies on this); sizes are asked for one at a time, so
/// cards after the first that does not fit are never measured.
fn place(shape: &RingShape<'_>, sizes: impl IntoIterator<Item = Vec2>) -> Vec<Rect> {
    let mut placed: Vec<Rect> = Vec::new();
    for size in sizes {
        match place_one(shape, &placed, size) {
            Some(rect) => placed.push(rect),
            None => break,
        }
    }
    placed
}

/// The place for a card of `size` in the ring beside the cards already `placed`, if any.
fn place_one(shape: &RingShape<'_>, placed: &[Rect], size: Vec2) -> Option<Rect> {
    let RingShape { geometry, segment, band, .. } = *shape;
    let (inner, outer) = WheelGeometry::band_radii(band);
    let (start, end) = geometry.segment_angles(segment);
    let centre = geometry.centre_angle(segment);
    let free =
        |rect: Rect| placed.iter().all(|other| !other.expand(NOTE_GAP / 2.0).intersects(rect.expand(NOTE_GAP / 2.0)));
    // Steps of a sixth of the card's height and five units along the arc: coarser steps
    // miss the room for a short note in a narrow ring.
    let radial_step = (size.y / 6.0).max(3.0);
    let mut radius = inner + size.y / 2.0;
    while radius <= outer {
        let angular_step = 5.0 / radius;
        let sweep = (end - start) / 2.0;
        let mut turn = 0.0;
        while turn <= sweep {
            for angle in [centre - turn, centre + turn] {
                let rect = Rect::from_center_size(WheelGeometry::point(angle, radius), size);
                if free(rect) && geometry.rect_inside_band(rect, segment, band, NOTE_GAP) {
                    return Some(rect);
                }
            }
            turn += angular_step;
        }
        radius += radial_step;
    }
    None
}

/// The area of a ring, to skip sizes whose cards could never fit.
fn band_area(shape: &RingShape<'_>) -> f32 {
    let (inner, outer) = WheelGeometry::band_radii(shape.band);
    shape.geometry.segment_span(shape.segment) / 2.0 * (outer * outer - inner * inner)
}

/// Tries one type size, width and line limit: the cards if every item fits.
fn try_all(
    shape: &RingShape<'_>,
    measure: &impl MeasureText,
    items: &[CardContent<'_>],
    metrics: &CardMetrics,
    text_width: f32,
    max_rows: Option<usize>,
) -> Option<Vec<PlannedCard>> {
    // No card is smaller than three ems by one line: skip sizes where even such cards could not
    // fit, before measuring any words (a ring of hundreds of notes is planned in no time).
    let smallest = (3.0 * metrics.size + NOTE_GAP) * (metrics.size * 1.2 + 2.0 * metrics.padding + NOTE_GAP);
    if items.len() as f32 * smallest > FILL_LIMIT * band_area(shape) {
        return None;
    }
    let sized: Vec<(Vec2, usize, bool)> =
        items.iter().map(|item| card_size(measure, item, metrics, text_width, max_rows)).collect();
    let area: f32 = sized.iter().map(|(size, ..)| (size.x + NOTE_GAP) * (size.y + NOTE_GAP)).sum();
    if area > FILL_LIMIT * band_area(shape) {
        return None;
    }
    let rects = place(shape, sized.iter().map(|(size, ..)| *size));
    (rects.len() == items.len()).then(|| {
        rects
            .into_iter()
            .zip(sized)
            .enumerate()
            .map(|(item, (rect, (_, rows, whole)))| PlannedCard { item, rect, rows, whole })
            .collect()
    })
}

/// Lays out one ring's `items` (notes and group headings, in their order); see the module's
/// documentation for what it tries.
pub fn plan_ring(shape: &RingShape<'_>, measure: &impl MeasureText, items: &[CardContent<'_>]) -> RingPlan {
    let sizes = TYPE_LADDER.map(|points| points * shape.scale);
    if items.is_empty() {
        return RingPlan { size: sizes[0], ..RingPlan::default() };
    }
    let limits = std::iter::once(None).chain(CUT_ROWS.map(Some));
    for max_rows in limits {
        for &size in &sizes {
            let metrics = CardMetrics::new(size);
            for width in TEXT_WIDTHS {
                if let Some(cards) = try_all(shape, measure, items, &metrics, width * size, max_rows) {
                    return RingPlan { size, cards, more: None };
                }
            }
        }
    }
    crowded(shape, measure, items)
}

/// The most cards a crowded ring is tried with.
const MOST_CROWDED_CARDS: usize = 40;
/// The type sizes, in points, a ring too crowded for its notes' first lines at the ladder's
/// smallest may still take for its first words: a few words at 8 points tell the facilitator
/// more than a bare count, which comes only when not even these fit.
const CROWDED_LADDER: [f32; 4] = [10.0, 9.0, 8.0, 7.0];

/// A ring too crowded for every note: the most-voted then the newest notes, two lines each (one
/// when two do not fit), as many as fit beside a count chip for the rest, at the size of
/// [`CROWDED_LADDER`] that shows the most of them.
fn crowded(shape: &RingShape<'_>, measure: &impl MeasureText, items: &[CardContent<'_>]) -> RingPlan {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[b].dots.cmp(&items[a].dots).then(items[b].written.cmp(&items[a].written)));
    let mut best: Option<RingPlan> = None;
    // Only the first notes in that order can be on cards: no ring holds more than this many of
    // the smallest cards, so the rest are never measured.
    let most = order.len().min(MOST_CROWDED_CARDS);
    for points in CROWDED_LADDER {
        let size = points * shape.scale;
        for rows in [2, 1] {
            let Some(plan) = crowded_at(shape, measure, items, &order, most, size, rows) else { continue };
            if best.as_ref().is_none_or(|best| plan.cards.len() > best.cards.len()) {
                best = Some(plan);
            }
            break;
        }
    }
    best.unwrap_or_else(|| {
        // Not even a card and the chip fit: the chip alone, as near the middle as it goes.
        // The chip alone: "3 notes", or only "3" where even that is too wide.
        let size = CROWDED_LADDER[0] * shape.scale;
        let (chip, number) = (vec2(4.6 * size, 1.8 * size), vec2(2.2 * size, 1.8 * size));
        let placed = place_one(shape, &[], chip).or_else(|| place_one(shape, &[], number));
        let rect = placed.unwrap_or_else(|| {
            let (inner, outer) = WheelGeometry::band_radii(shape.band);
            let middle = WheelGeometry::point(shape.geometry.centre_angle(shape.segment), f32::midpoint(inner, outer));
            Rect::from_center_size(middle, number)
        });
        RingPlan { size, cards: Vec::new(), more: Some(MoreChip { rect, items: (0..items.len()).collect() }) }
    })
}

/// The crowded plan at one type size and line count: as many cards (in `order`) as fit with
/// the chip after them, if at least one does.
fn crowded_at(
    shape: &RingShape<'_>,
    measure: &impl MeasureText,
    items: &[CardContent<'_>],
    order: &[usize],
    most: usize,
    size: f32,
    rows: usize,
) -> Option<RingPlan> {
    let metrics = CardMetrics::new(size);
    let candidates = &order[..most];
    let chip = vec2(4.6 * size, 1.8 * size);
    // Measured as they are placed: in a ring of hundreds, only the cards that fit and the first
    // that does not.
    let mut sized: Vec<(Vec2, usize, bool)> = Vec::with_capacity(candidates.len());
    let rects = place(
        shape,
        candidates.iter().map(|&item| {
            let card = card_size(measure, &items[item], &metrics, CROWDED_WIDTH * size, Some(rows));
            sized.push(card);
            card.0
        }),
    );
    let planned_cards = |cards: &[Rect]| {
        let mut planned: Vec<PlannedCard> = cards
            .iter()
            .zip(order)
            .zip(&sized)
            .map(|((&rect, &item), &(_, rows, whole))| PlannedCard { item, rect, rows, whole })
            .collect();
        planned.sort_by_key(|card| card.item);
        planned
    };
    if rects.len() == order.len() {
        // Every note's first lines fit at this size: no count.
        return Some(RingPlan { size, cards: planned_cards(&rects), more: None });
    }
    // The most cards, in order, that leave room for the chip after them: placing is greedy, so
    // the first cards keep their places and only the chip is placed again, beside fewer.
    let (shown, chip_rect) =
        (1..=rects.len()).rev().find_map(|shown| place_one(shape, &rects[..shown], chip).map(|rect| (shown, rect)))?;
    let mut rest: Vec<usize> = order[shown..].to_vec();
    rest.sort_unstable();
    Some(RingPlan {
        size,
        cards: planned_cards(&rects[..shown]),
        more: Some(MoreChip { rect: chip_rect, items: rest }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::headless::paint_shapes;

    fn content(words: &str) -> CardContent<'_> {
        CardContent { words, chip: Some("Rehab".to_owned()), heading: false, dots: 0, written: 0 }
    }

    fn plan(geometry: &WheelGeometry, segment: usize, band: WheelBand, items: &[CardContent<'_>]) -> RingPlan {
        let shape = RingShape { geometry, segment, band, scale: 1.0 };
        paint_shapes(|painter| plan_ring(&shape, painter, items)).1
    }

    #[test]
    fn a_note_alone_shows_all_its_words_at_a_readable_size() {
        let geometry = WheelGeometry::new(11).widening(0);
        let long = [content("Risk-averse culture: nobody wants to be blamed when things go wrong")];
        let plan_of_selected = plan(&geometry, 0, WheelBand::Assumption, &long);
        assert!(plan_of_selected.all_whole() && plan_of_selected.size >= 20.0, "{plan_of_selected:?}");
        for segment in [3, 8] {
            for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                let short = [content("Trust takes time.")];
                let plan = plan(&geometry, segment, band, &short);
                assert!(plan.all_whole() && plan.size >= 14.0, "{segment}: {plan:?}");
                assert!(geometry.rect_inside_band(plan.cards[0].rect, segment, band, 1.0));
            }
        }
    }

    #[test]
    fn a_crowded_ring_shrinks_then_cuts_then_counts_and_cards_never_overlap() {
        let geometry = WheelGeometry::new(11).widening(0);
        let words = "Shared training for the outreach team and the college, run by people who use the services";
        let mut previous = f32::INFINITY;
        for count in [1, 3, 6, 12, 40] {
            let items: Vec<CardContent<'_>> = (0..count).map(|_| content(words)).collect();
            let plan = plan(&geometry, 1, WheelBand::Opportunity, &items);
            assert!(plan.size <= previous, "more notes never get larger type");
            previous = plan.size;
            for (index, card) in plan.cards.iter().enumerate() {
                assert!(geometry.rect_inside_band(card.rect, 1, WheelBand::Opportunity, 1.0));
                for other in &plan.cards[index + 1..] {
                    assert!(!card.rect.intersects(other.rect));
                }
            }
            let counted = plan.more.as_ref().map_or(0, |more| more.items.len());
            assert_eq!(plan.cards.len() + counted, count, "every note is a card or counted");
        }
        let items: Vec<CardContent<'_>> = (0..40).map(|_| content(words)).collect();
        assert!(plan(&geometry, 1, WheelBand::Opportunity, &items).more.is_some(), "40 long notes cannot all fit");
    }

    #[test]
    fn when_not_all_fit_the_most_voted_then_newest_show() {
        let geometry = WheelGeometry::new(11).widening(0);
        let words = "A long note that takes a good deal of room on its card, as long notes do in a workshop";
        let items: Vec<CardContent<'_>> = (0..60)
            .map(|index| CardContent {
                words,
                chip: None,
                heading: false,
                dots: u32::from(index == 3) * 5,
                written: index,
            })
            .collect();
        let plan = plan(&geometry, 0, WheelBand::Assumption, &items);
        let more = plan.more.clone().expect("60 long notes do not fit");
        assert!(plan.card_of(3).is_some(), "the most-voted note shows");
        assert!(plan.card_of(59).is_some(), "the newest note shows");
        assert!(more.items.contains(&0), "the oldest, unvoted note is counted");
    }
}
