//! How one ring of one prompt shows its notes: cards sized to their words and to the ring, at
//! the largest type that fits every note's whole text.
//!
//! [`plan_ring`] is a pure function of the ring's shape, its cards' contents and a text
//! measurer, so the console, the projection and the pictures lay a ring out alike, and tests
//! check the type size and the words shown without a window. A ring of a few notes is shared
//! out between them ([`super::regions`]): each note a region of the ring, by its share of the
//! words, and in it the largest upright card, at the largest type its whole note (else its first
//! eight words and as many lines as fit) takes; of the ways of sharing the ring out, the one whose
//! most crowded note reads best. A ring of more notes, or with a group's heading, tries in turn:
//! 1. every note's whole text, at each size of [`TYPE_LADDER`] from the largest down;
//! 2. the first lines of each note (the rest cut with "…"), four lines, then three, then two;
//! 3. as many notes' first words as fit at 10 to 7 points, the most-voted then the newest first,
//!    and a count chip for the rest.

use super::geometry::{BandEdges, NOTE_GAP, WheelGeometry};
use super::regions::{Region, partitions};
use crate::model::WheelBand;
use egui::text::LayoutJob;
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
    /// How many rows `text` wraps into at font `size` within `width`, its first row starting
    /// `indent` in (after an inline chip), and the size of its block.
    fn wrapped(&self, text: &str, indent: f32, size: f32, width: f32) -> (usize, Vec2) {
        self.wrapped_within(text, indent, size, width).0
    }

    /// [`Self::wrapped`], and the narrowest width from which up to `width` the text wraps the
    /// same way (its widest row): any width between the two gives the same answer.
    fn wrapped_within(&self, text: &str, indent: f32, size: f32, width: f32) -> ((usize, Vec2), f32);
}

impl MeasureText for Painter {
    fn wrapped_within(&self, text: &str, indent: f32, size: f32, width: f32) -> ((usize, Vec2), f32) {
        let galley = self.layout_job(indented(card_job(text.to_owned(), size, Color32::BLACK, width), indent));
        // Rows break only where a glyph would pass the width (egui breaks at the last place it
        // may before that glyph), so a width no narrower than every row's right edge breaks
        // them at the same places; the first row's edge counts its indent. egui reports a
        // block no wider than the width asked for, so within a point of the widest row the
        // block's width depends on the width too: there the answer holds only for that width.
        let widest_row = galley.rows.iter().map(|row| row.rect().max.x).fold(0.0, f32::max);
        let narrowest = if width >= widest_row + 1.0 { widest_row + 1.0 } else { width };
        // The right edge, from the left of the first line's indent (the galley's own rectangle
        // starts at its leftmost glyph).
        ((galley.rows.len(), vec2(galley.rect.max.x.max(galley.size().x), galley.size().y)), narrowest)
    }
}

/// A card's words at type `size`, wrapped within `width`, with the card's line spacing
/// ([`CARD_LINE_HEIGHT`]): both the layout's measurements and the painter's words are made here.
pub fn card_job(text: String, size: f32, colour: Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple(text, FontId::proportional(size), colour, width);
    for section in &mut job.sections {
        section.format.line_height = Some(CARD_LINE_HEIGHT * size);
    }
    job
}

/// A card's line spacing, in multiples of its type size: a little tighter than the font's own
/// (about 1.17), as short blocks of a few lines read well so, and a card takes a line less.
pub const CARD_LINE_HEIGHT: f32 = 1.06;

/// `job` with its first row starting `indent` in, as a card with an inline chip lays its words.
pub fn indented(mut job: LayoutJob, indent: f32) -> LayoutJob {
    if let Some(first) = job.sections.first_mut() {
        first.leading_space = indent;
    }
    job
}

/// Text measurements kept from one plan to the next. Laying out a note's words is most of what
/// planning a ring costs, and egui keeps a laid-out text only while it is drawn every frame, so
/// without this choosing another prompt (which plans every ring again, the segments having
/// turned) measured every note afresh: about 170 ms at 2,000 notes. Each measurement is kept
/// for the range of widths that wrap the words the same way (from their widest row to the width
/// asked for), so a card a few points wider or narrower than one measured before, as the rings
/// turn when another prompt is chosen, is answered without laying the words out again.
#[derive(Debug, Default)]
pub struct MeasureCache {
    /// By a hash of the words, the type size and the indent: the widths measured, each as the
    /// range of widths it holds for, its rows and its block's size.
    measured: RefCell<HashMap<u64, Vec<KeptMeasure>>>,
    /// How many measurements are kept in all.
    kept: std::cell::Cell<usize>,
}

/// One measurement in a [`MeasureCache`]: it holds for widths from `narrowest` to `widest`.
#[derive(Clone, Copy, Debug)]
struct KeptMeasure {
    narrowest: f32,
    widest: f32,
    rows: usize,
    block: Vec2,
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
    fn wrapped_within(&self, text: &str, indent: f32, size: f32, width: f32) -> ((usize, Vec2), f32) {
        let key = egui::util::hash((text, indent.to_bits(), size.to_bits()));
        let holds = |kept: &&KeptMeasure| kept.narrowest <= width && width <= kept.widest;
        if let Some(kept) = self.cache.measured.borrow().get(&key).and_then(|kept| kept.iter().find(holds)) {
            return ((kept.rows, kept.block), kept.narrowest);
        }
        let (measured, narrowest) = self.measure.wrapped_within(text, indent, size, width);
        let mut kept = self.cache.measured.borrow_mut();
        if self.cache.kept.get() >= MeasureCache::MOST_KEPT {
            kept.clear();
            self.cache.kept.set(0);
        }
        let widths = kept.entry(key).or_default();
        let fresh = KeptMeasure { narrowest, widest: width, rows: measured.0, block: measured.1 };
        // Ranges that meet hold the same wrapping where they meet, so the same everywhere: one
        // range for both.
        let meets = |old: &&mut KeptMeasure| old.narrowest <= fresh.widest && fresh.narrowest <= old.widest;
        match widths.iter_mut().find(meets) {
            Some(old) => {
                old.narrowest = old.narrowest.min(fresh.narrowest);
                old.widest = old.widest.max(fresh.widest);
            }
            None => {
                widths.push(fresh);
                self.cache.kept.set(self.cache.kept.get() + 1);
            }
        }
        (measured, narrowest)
    }
}

/// What one card in a ring says, for laying it out.
#[derive(Clone, Debug, PartialEq)]
pub struct CardContent<'a> {
    /// The note's words, or a group's heading.
    pub words: &'a str,
    /// The organisation's short name, shown as a chip at the start of the words (beside a
    /// badge, in a row above them).
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
    /// The height of the row holding a vote's badge (and the chip, beside it).
    pub top_row: f32,
    /// The chip's type size.
    pub chip_size: f32,
    /// Room below the last line for its letters' tails: lines are closer than the font's own
    /// spacing ([`CARD_LINE_HEIGHT`]), so the last line's letters reach below its row, and its
    /// "g" or "p" would otherwise touch the card's edge.
    pub descent: f32,
}

impl CardMetrics {
    /// The card's proportions for words at `size`.
    pub fn new(size: f32) -> Self {
        Self {
            size,
            padding: 0.12 * size,
            strip: 0.18 * size,
            top_row: 1.15 * size,
            chip_size: 0.72 * size,
            // egui centres the letters in a line narrower than the font's own spacing (about
            // 1.155 of the type size), so they reach below it by half the difference.
            descent: 0.5 * (1.155 - CARD_LINE_HEIGHT).max(0.0) * size,
        }
    }

    /// The radius of a vote's badge on a card at this size (see `paint_card_badge`): it reaches
    /// 1.4 radii down from the card's top, within the top row.
    pub fn badge_radius(&self) -> f32 {
        0.9 * self.size
    }

    /// Whether a card has a top row: a vote's badge takes one, so it covers no words (the
    /// chip then goes beside the badge); without a badge, the chip starts the first line.
    pub fn has_top_row(content: &CardContent<'_>) -> bool {
        content.dots > 0
    }

    /// Whether the card's chip starts its first line of words (no badge takes a row above).
    pub fn chip_inline(content: &CardContent<'_>) -> bool {
        content.chip.is_some() && !Self::has_top_row(content)
    }

    /// The width of an inline chip's box, for chip words `chip_width` wide in a card whose words
    /// wrap within `text_width`: never more than half that width (longer chip words are cut
    /// with "…"), so the chip stays in its card.
    pub fn chip_box_width(&self, chip_width: f32, text_width: f32) -> f32 {
        (chip_width + 0.5 * self.size).min(0.5 * text_width).max(0.0)
    }

    /// How far an inline chip indents the first line of words: its box and a space.
    pub fn chip_indent(&self, chip_width: f32, text_width: f32) -> f32 {
        self.chip_box_width(chip_width, text_width) + 0.3 * self.size
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
    /// Its words' type size, in world units.
    pub size: f32,
    /// Whether the organisation's chip takes a row of its own above the words (as beside a
    /// vote's badge) rather than starting the first line: in a narrow card where the chip and
    /// the first word do not fit one line, this keeps the chip rather than the card.
    pub chip_above: bool,
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
    /// The smallest of its cards' type sizes, in world units (a count chip's too).
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
    let (text_width, indent) = wrap_width(measure, content, metrics, text_width);
    let (rows, block) = measure.wrapped(words, indent, metrics.size, text_width);
    let rows = rows.max(1);
    let shown = max_rows.map_or(rows, |most| most.min(rows));
    let row_height = block.y / rows as f32;
    let top_row = CardMetrics::has_top_row(content);
    let badge = if content.dots > 0 { 1.7 * metrics.badge_radius() } else { 0.0 };
    let frame = metrics.strip + 2.0 * metrics.padding;
    let top_needed = if top_row { chip_width(measure, content, metrics) + 0.6 * metrics.size + badge } else { 0.0 };
    let width = block.x.max(top_needed.min(text_width)).max(3.0 * metrics.size) + frame;
    let height = 2.0 * metrics.padding
        + metrics.descent
        + shown as f32 * row_height
        + if top_row { metrics.top_row + 0.15 * metrics.size } else { 0.0 };
    if content.heading {
        // A heading card keeps room for its heading and the count of its notes.
        return (vec2(width.max(8.0 * metrics.size).ceil(), height.max(3.6 * metrics.size).ceil()), shown, true);
    }
    (vec2(width.ceil(), height.ceil()), shown, shown == rows)
}

/// The width a card's words wrap within, asked for `text_width`, and its first line's indent:
/// never narrower than the longest word (lines may also break after a hyphen), which would
/// otherwise break in the middle (a word wider than the widest card still breaks), nor than the
/// first word after the chip and a "…", so the first line is never the chip alone (egui drops a
/// line's only word to fit the "…" of a cut card).
fn wrap_width(
    measure: &impl MeasureText,
    content: &CardContent<'_>,
    metrics: &CardMetrics,
    text_width: f32,
) -> (f32, f32) {
    let words = laid_out_words(content.words);
    let longest =
        words.split_whitespace().flat_map(|word| word.split_inclusive('-')).max_by_key(|word| word.chars().count());
    let mut text_width = longest.map_or(text_width, |word| {
        let word_width = (WORD_SPARE * measure.wrapped(word, 0.0, metrics.size, f32::INFINITY).1.x).ceil() + 1.0;
        text_width.max(word_width.min(TEXT_WIDTHS[0] * metrics.size))
    });
    let mut indent = chip_indent(measure, content, metrics, text_width);
    if let Some(word) = first_word(words) {
        let word_width = measure.wrapped(word, 0.0, metrics.size, f32::INFINITY).1.x.ceil() + metrics.size;
        if indent + word_width > text_width {
            text_width = (indent + word_width).min(TEXT_WIDTHS[0] * metrics.size);
            indent = chip_indent(measure, content, metrics, text_width);
        }
    }
    (text_width, indent)
}

/// How much wider than measured a card's line is kept for its longest word: small type drawn at
/// the screen's size (hinted, on whole pixels) can come out a few hundredths wider than measured
/// at the plan's, and a word too wide for its line is drawn out of its card (egui starts such a
/// line left of the others).
const WORD_SPARE: f32 = 1.06;

/// The first word of `words` (hyphens and all: the first line breaks only at a space).
fn first_word(words: &str) -> Option<&str> {
    words.split_whitespace().next()
}

/// The width of a card's chip words, unwrapped.
fn chip_width(measure: &impl MeasureText, content: &CardContent<'_>, metrics: &CardMetrics) -> f32 {
    content.chip.as_deref().map_or(0.0, |chip| measure.wrapped(chip, 0.0, metrics.chip_size, f32::INFINITY).1.x)
}

/// How far a card's first line of words starts in, for its inline chip (none beside a badge).
fn chip_indent(measure: &impl MeasureText, content: &CardContent<'_>, metrics: &CardMetrics, text_width: f32) -> f32 {
    if CardMetrics::chip_inline(content) {
        metrics.chip_indent(chip_width(measure, content, metrics), text_width)
    } else {
        0.0
    }
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
    let edges = BandEdges::new(geometry, segment, band);
    let (inner, outer) = (edges.inner, edges.outer);
    let (start, end) = (edges.start, edges.end);
    let centre = f32::midpoint(start, end);
    let free =
        |rect: Rect| placed.iter().all(|other| !other.expand(NOTE_GAP / 2.0).intersects(rect.expand(NOTE_GAP / 2.0)));
    let reach = edges.rect_reach(size);
    // Steps of a sixth of the card's height and five units along the arc: coarser steps
    // miss the room for a short note in a narrow ring.
    let radial_step = (size.y / 6.0).max(3.0);
    let mut radius = inner + size.y / 2.0;
    while radius <= outer {
        if !edges.radius_may_hold(radius, size, NOTE_GAP) {
            // Farther out, the card's far corner is only farther past the rim.
            break;
        }
        let angular_step = 5.0 / radius;
        let sweep = (end - start) / 2.0;
        let mut turn = 0.0;
        while turn <= sweep {
            // Turned from the centre line, the card's centre is as far in from the ray it turns
            // towards on either side: once a corner crosses that ray's line, turning further
            // never brings it back.
            let from_ray = radius * (sweep - turn).sin();
            let (towards_start, towards_end) = edges.sides_may_hold(from_ray, from_ray, reach, NOTE_GAP);
            if !towards_start && !towards_end {
                break;
            }
            for (angle, may_hold) in [(centre - turn, towards_start), (centre + turn, towards_end)] {
                if !may_hold {
                    continue;
                }
                let rect = Rect::from_center_size(WheelGeometry::point(angle, radius), size);
                if free(rect) && edges.holds(rect, NOTE_GAP) {
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
    // Measured one by one, stopping once the cards so far cover more than the ring can take:
    // in a crowded ring, most sizes fail after a few dozen of its hundreds of notes, and
    // measuring words is most of what planning costs (a newly opened ring at 2,000 notes took
    // one 20 ms frame measuring every note at every size).
    let limit = FILL_LIMIT * band_area(shape);
    let mut area = 0.0;
    let mut sized: Vec<(Vec2, usize, bool)> = Vec::with_capacity(items.len());
    for item in items {
        let card = card_size(measure, item, metrics, text_width, max_rows);
        area += (card.0.x + NOTE_GAP) * (card.0.y + NOTE_GAP);
        if area > limit {
            return None;
        }
        sized.push(card);
    }
    let rects = place(shape, sized.iter().map(|(size, ..)| *size));
    (rects.len() == items.len()).then(|| {
        rects
            .into_iter()
            .zip(sized)
            .enumerate()
            .map(|(item, (rect, (_, rows, whole)))| PlannedCard {
                item,
                rect,
                rows,
                whole,
                size: metrics.size,
                chip_above: false,
            })
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
    // The better of searching the ring and sharing it out (`max_by` keeps the last of equals:
    // sharing out, where they tie).
    let shared = [plan_searched(shape, measure, items), plan_shared(shape, measure, items)]
        .into_iter()
        .flatten()
        .max_by(|a, b| a.0.cmp(&b.0));
    let placed = plan_placed(shape, measure, items);
    match shared {
        // Sharing the ring out usually reads better; placing cards one by one, all at one size,
        // sometimes shows more of the notes (better tiers, or more notes whole), and then wins.
        Some((shared_score, shared)) => {
            let placed_score = score_of(shape, measure, items, &placed);
            let wholes = |plan: &RingPlan| plan.cards.iter().filter(|card| card.whole).count();
            if placed.more.is_some()
                || (shared_score.0, shared_score.1, wholes(&shared))
                    >= (placed_score.0, placed_score.1, wholes(&placed))
            {
                shared
            } else {
                placed
            }
        }
        None => placed,
    }
}

/// A plan for `shape` made from `old`, the plan of the same ring of the same notes before its
/// segment turned by `turn` about the wheel's middle (and perhaps opened or closed about its
/// centre line): its cards carried round, upright and the same size, those still inside the ring
/// and clear of the cards kept before them kept, and a count for the rest. Nothing is measured,
/// so it costs next to nothing: for a ring to show while its full plan waits. `None` where not
/// even the count finds room.
pub fn turned_plan(shape: &RingShape<'_>, old: &RingPlan, turn: f32) -> Option<RingPlan> {
    let edges = BandEdges::new(shape.geometry, shape.segment, shape.band);
    let rotation = egui::emath::Rot2::from_angle(turn);
    let turned = |rect: Rect| Rect::from_center_size(Pos2::ZERO + rotation * rect.center().to_vec2(), rect.size());
    let mut kept: Vec<PlannedCard> = Vec::with_capacity(old.cards.len());
    let mut counted: Vec<usize> = old.more.as_ref().map(|more| more.items.clone()).unwrap_or_default();
    for card in &old.cards {
        let rect = turned(card.rect);
        let clear = kept.iter().all(|other| !other.rect.expand(NOTE_GAP / 2.0).intersects(rect.expand(NOTE_GAP / 2.0)));
        if clear && edges.holds(rect, NOTE_GAP / 2.0) {
            kept.push(PlannedCard { rect, ..*card });
        } else {
            counted.push(card.item);
        }
    }
    if counted.is_empty() {
        return Some(RingPlan { size: old.size, cards: kept, more: None });
    }
    // The count goes beside as many of the kept cards, in order, as leave room for it.
    let chip = vec2(4.6, 1.8) * CROWDED_LADDER[0] * shape.scale;
    let rects: Vec<Rect> = kept.iter().map(|card| card.rect).collect();
    let chip_beside = |shown: usize| place_one(shape, &rects[..shown], chip);
    let (mut fits, mut fails) = (0, rects.len() + 1);
    chip_beside(0)?;
    while fails - fits > 1 {
        let middle = usize::midpoint(fits, fails);
        if chip_beside(middle).is_some() { fits = middle } else { fails = middle }
    }
    let rect = chip_beside(fits)?;
    counted.extend(kept.drain(fits..).map(|card| card.item));
    counted.sort_unstable();
    Some(RingPlan { size: old.size, cards: kept, more: Some(MoreChip { rect, items: counted }) })
}

/// A quicker plan of one ring than [`plan_ring`]'s: its cards placed one by one, all at one size,
/// without trying the ways of sharing the ring out. For a ring to show while its full plan waits.
pub fn plan_ring_quickly(shape: &RingShape<'_>, measure: &impl MeasureText, items: &[CardContent<'_>]) -> RingPlan {
    if items.is_empty() {
        return RingPlan { size: TYPE_LADDER[0] * shape.scale, ..RingPlan::default() };
    }
    plan_placed(shape, measure, items)
}

/// How well a plan of cards placed one by one reads, as [`score`] counts it.
fn score_of(shape: &RingShape<'_>, measure: &impl MeasureText, items: &[CardContent<'_>], plan: &RingPlan) -> Score {
    let fits: Vec<Fit> = plan
        .cards
        .iter()
        .map(|card| {
            let points = (card.size / shape.scale).round() as u32;
            let content = &items[card.item];
            let metrics = CardMetrics::new(card.size);
            let top_row = CardMetrics::has_top_row(content) || card.chip_above;
            let text_width = metrics.text_rect(card.rect, top_row).width();
            let indent = if card.chip_above { 0.0 } else { chip_indent(measure, content, &metrics, text_width) };
            let eight =
                card.whole || measure.wrapped(&first_words_cut(content), indent, card.size, text_width).0 <= card.rows;
            Fit { card: *card, points, tier: tier(card.whole, eight, points) }
        })
        .collect();
    score(&fits)
}

/// [`plan_ring`]'s cards placed one by one, all at one size (see the module's documentation).
fn plan_placed(shape: &RingShape<'_>, measure: &impl MeasureText, items: &[CardContent<'_>]) -> RingPlan {
    let sizes = TYPE_LADDER.map(|points| points * shape.scale);
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

/// The most items a ring is shared out between ([`plan_shared`]); a fuller ring is planned by
/// placing cards one by one.
const MOST_SHARED_ITEMS: usize = 12;
/// The type sizes a card in a shared-out ring may take, in whole points at the fitted zoom: the
/// largest of [`TYPE_LADDER`] down to the smallest a crowded ring's first words take.
const SHARED_POINTS: (u32, u32) = (8, 24);
/// The words a card cut short shows at least, where it can: enough to tell what it says.
pub const FIRST_WORDS: usize = 8;
/// How many of the most promising ways of sharing a ring out are fitted with words.
const WAYS_FITTED: usize = 6;

/// How well a card reads, best first: its note whole at 14 points or more; whole at 11 or more;
/// its first eight words at 11 or more; either smaller; or only its first lines.
fn tier(whole: bool, eight: bool, points: u32) -> u8 {
    match (whole, eight) {
        (true, _) if points >= 14 => 4,
        (true, _) if points >= 11 => 3,
        (false, true) if points >= 11 => 2,
        (true, _) | (false, true) => 1,
        _ => 0,
    }
}

/// A card fitted into a rectangle: where, its rows, and how it reads.
#[derive(Clone, Copy, Debug)]
struct Fit {
    card: PlannedCard,
    points: u32,
    tier: u8,
}

/// What a note's words take at one type size in a box.
#[derive(Clone, Copy)]
struct Measured {
    /// Rows the whole note wraps into, and its block's width.
    rows: usize,
    width: f32,
    /// Rows the box holds.
    room: usize,
    /// Whether its longest word fits a line (otherwise it would break mid-word).
    words_fit: bool,
    row_height: f32,
    /// The type size, the first line's indent and the width the words wrap within, for
    /// [`eight_fit`].
    size: f32,
    indent: f32,
    text_width: f32,
}

/// Whether the first [`FIRST_WORDS`] words of `content` fit the rows of the box `measured` is
/// for. Asked only where the whole note does not fit at a readable size.
fn eight_fit(measure: &impl MeasureText, content: &CardContent<'_>, measured: &Measured) -> bool {
    measured.words_fit
        && measured.room > 0
        && measure.wrapped(&first_words_cut(content), measured.indent, measured.size, measured.text_width).0
            <= measured.room
}

/// The first [`FIRST_WORDS`] words of `content` and the "…" a card cut short ends with: egui
/// drops the last row's last letters to fit the "…", so the eighth word shows whole only where
/// there is room for both.
fn first_words_cut(content: &CardContent<'_>) -> String {
    let first: Vec<&str> = laid_out_words(content.words).split_whitespace().take(FIRST_WORDS).collect();
    first.join(" ") + "…"
}

/// `content`'s words at `points` in a card filling `frame` (world units; `scale` per point).
fn measure_in(
    measure: &impl MeasureText,
    content: &CardContent<'_>,
    frame: Rect,
    points: u32,
    scale: f32,
    chip_above: bool,
) -> Option<Measured> {
    let metrics = CardMetrics::new(points as f32 * scale);
    let size = metrics.size;
    let text_width = frame.width() - metrics.strip - 2.0 * metrics.padding;
    if text_width < 2.5 * size {
        return None;
    }
    let top = if CardMetrics::has_top_row(content) || chip_above { metrics.top_row + 0.15 * size } else { 0.0 };
    let words = laid_out_words(content.words);
    let longest =
        words.split_whitespace().flat_map(|word| word.split_inclusive('-')).max_by_key(|word| word.chars().count());
    let indent = if chip_above { 0.0 } else { chip_indent(measure, content, &metrics, text_width) };
    // Every word fits a line, and the first fits after the chip with room for a "…" (else the
    // first line is the chip alone).
    let width_of = |word: &str| measure.wrapped(word, 0.0, size, f32::INFINITY).1.x;
    let words_fit = longest.is_none_or(|word| WORD_SPARE * width_of(word) <= text_width)
        && first_word(words).is_none_or(|word| indent + width_of(word) + size <= text_width);
    let (rows, block) = measure.wrapped(words, indent, size, text_width);
    let rows = rows.max(1);
    let row_height = block.y / rows as f32;
    let room =
        ((frame.height() - 2.0 * metrics.padding - metrics.descent - top) / row_height).floor().max(0.0) as usize;
    Some(Measured { rows, width: block.x, room, words_fit, row_height, size, indent, text_width })
}

/// The largest whole-point size from [`SHARED_POINTS`] at which `fits` holds, taking it to hold
/// at every size below one where it does.
fn largest_points(mut fits: impl FnMut(u32) -> bool) -> Option<u32> {
    let (mut low, mut high) = SHARED_POINTS;
    if !fits(low) {
        return None;
    }
    if fits(high) {
        return Some(high);
    }
    // `low` fits, `high` does not.
    while high - low > 1 {
        let middle = u32::midpoint(low, high);
        if fits(middle) { low = middle } else { high = middle }
    }
    Some(low)
}

/// The card for `content` in the rectangle `frame`: at the largest type its whole note fits at,
/// else its first eight words (and as many lines as fit), by [`tier`]; centred in the rectangle.
/// A card whose chip starts its first line that does not show even its first eight words at 11
/// points is tried with the chip on a row of its own too, and the one that reads better taken:
/// in a narrow card the chip and a long first word may not share a line, and the chip's indent
/// may cost a line more than its row. (Tried only there: every try measures the words again,
/// and trying it for better cards too changed no count of the tests'.)
fn fit_in(measure: &impl MeasureText, content: &CardContent<'_>, item: usize, frame: Rect, scale: f32) -> Option<Fit> {
    let inline = fit_in_with(measure, content, item, frame, scale, false);
    if !CardMetrics::chip_inline(content) || inline.is_some_and(|fit| fit.tier >= 2) {
        return inline;
    }
    let above = fit_in_with(measure, content, item, frame, scale, true);
    let reads = |fit: &Fit| (fit.tier, fit.points, std::cmp::Reverse(fit.card.rows));
    match (inline, above) {
        (Some(inline), Some(above)) if reads(&above) > reads(&inline) => Some(above),
        (None, above) => above,
        (inline, _) => inline,
    }
}

/// [`fit_in`], with the chip on a row above the words (`chip_above`) or starting the first line.
fn fit_in_with(
    measure: &impl MeasureText,
    content: &CardContent<'_>,
    item: usize,
    frame: Rect,
    scale: f32,
    chip_above: bool,
) -> Option<Fit> {
    // Each size measured once, though both searches below ask for it.
    let measured: RefCell<HashMap<u32, Option<Measured>>> = RefCell::default();
    let at = |points: u32| {
        let kept = measured.borrow().get(&points).copied();
        kept.unwrap_or_else(|| {
            let fresh = measure_in(measure, content, frame, points, scale, chip_above);
            measured.borrow_mut().insert(points, fresh);
            fresh
        })
    };
    let whole = largest_points(|points| at(points).is_some_and(|m| m.words_fit && m.rows <= m.room));
    // The first eight words matter only where the whole note is not readable (below 11 points).
    let eight = if whole.is_some_and(|whole| whole >= 11) {
        None
    } else {
        largest_points(|points| at(points).is_some_and(|m| eight_fit(measure, content, &m)))
    };
    // A note that fits on one line at nearly its largest size (three quarters of it, and 14
    // points or more) takes one line: a short note reads better on a line than broken in two.
    let whole = whole.map(|largest| {
        if largest < 14 || at(largest).is_some_and(|m| m.rows == 1) {
            return largest;
        }
        largest_points(|points| at(points).is_some_and(|m| m.words_fit && m.rows == 1 && m.room >= 1))
            .filter(|&one_line| one_line >= 14 && 4 * one_line >= 3 * largest)
            .unwrap_or(largest)
    });
    // Whether the card shows its first eight words: the whole note, or the size the search for
    // eight words found.
    let (points, whole, eight) = match (whole, eight) {
        (Some(whole), _) if whole >= 11 => (whole, true, true),
        (_, Some(eight)) if eight >= 11 => (eight, false, true),
        (Some(whole), _) => (whole, true, true),
        (None, Some(eight)) => (eight, false, true),
        // Not even eight words fit: the smallest type, which shows the most of them.
        (None, None) => {
            let smallest = SHARED_POINTS.0;
            (at(smallest).is_some_and(|m| m.room > 0 && m.words_fit).then_some(smallest)?, false, false)
        }
    };
    let measured = at(points)?;
    let metrics = CardMetrics::new(points as f32 * scale);
    let rows = if whole { measured.rows } else { measured.room.min(measured.rows).max(1) };
    let top_row = CardMetrics::has_top_row(content) || chip_above;
    let top = if top_row { metrics.top_row + 0.15 * metrics.size } else { 0.0 };
    let text_width = frame.width() - metrics.strip - 2.0 * metrics.padding;
    let mut width = (measured.width + 1.0).min(text_width) + metrics.strip + 2.0 * metrics.padding;
    if chip_above {
        // The top row holds the chip (cut with "…" where the card is narrower).
        let top_needed = chip_width(measure, content, &metrics) + 0.6 * metrics.size;
        width = width.max(top_needed + metrics.strip + 2.0 * metrics.padding).min(frame.width());
    }
    if content.dots > 0 {
        // The top row holds the chip and the badge.
        let top_needed = chip_width(measure, content, &metrics) + 0.6 * metrics.size + 1.7 * metrics.badge_radius();
        width = width.max(top_needed + metrics.strip + 2.0 * metrics.padding).min(frame.width());
    }
    let height =
        (rows as f32 * measured.row_height + 2.0 * metrics.padding + metrics.descent + top).min(frame.height());
    let rect = Rect::from_center_size(frame.center(), vec2(width, height));
    let shown_whole = whole && rows >= measured.rows;
    Some(Fit {
        card: PlannedCard { item, rect, rows, whole: shown_whole, size: metrics.size, chip_above },
        points,
        tier: tier(shown_whole, eight || shown_whole, points),
    })
}

/// How well a ring's cards read: the worst card's [`tier`], all the tiers, the smallest type,
/// all the type sizes, and fewest lines (a short note on one line rather than two), compared in
/// that order; larger is better.
type Score = (u8, u32, u32, u32, std::cmp::Reverse<usize>);

/// How well a way of sharing a ring out reads: its worst card's tier, then all the tiers, then
/// the smallest type, then all the type sizes; larger is better.
fn score(fits: &[Fit]) -> Score {
    let worst = fits.iter().map(|fit| fit.tier).min().unwrap_or(0);
    let tiers = fits.iter().map(|fit| u32::from(fit.tier)).sum();
    let smallest = fits.iter().map(|fit| fit.points).min().unwrap_or(0);
    (
        worst,
        tiers,
        smallest,
        fits.iter().map(|fit| fit.points).sum(),
        std::cmp::Reverse(fits.iter().map(|fit| fit.card.rows).sum()),
    )
}

/// A ring of a few notes shared out between them (see the module's documentation); `None` for a
/// ring of more, or holding a group's heading, or where some note gets no card at all.
fn plan_shared(
    shape: &RingShape<'_>,
    measure: &impl MeasureText,
    items: &[CardContent<'_>],
) -> Option<(Score, RingPlan)> {
    if items.is_empty() || items.len() > MOST_SHARED_ITEMS || items.iter().any(|item| item.heading) {
        return None;
    }
    let RingShape { geometry, segment, band, scale } = *shape;
    let (start, end) = geometry.segment_angles(segment);
    let (inner, outer) = WheelGeometry::band_radii(band);
    let ring = Region { start, end, inner, outer };
    // Each note's share: the room its words take on one line at a middling size, with its chip
    // and a card's frame.
    let reference = 12.0 * scale;
    let metrics = CardMetrics::new(reference);
    let needs: Vec<f32> = items
        .iter()
        .map(|item| {
            let words = measure.wrapped(laid_out_words(item.words), 0.0, reference, f32::INFINITY).1.x;
            words + chip_indent(measure, item, &metrics, f32::INFINITY).min(4.0 * reference) + 4.0 * reference
        })
        .collect();
    // The same for a note's first eight words (and the "…"), where those are less: what a note
    // too long to be whole at a readable size needs for the tier below (see [`tier`]).
    let eight_needs: Vec<f32> = items
        .iter()
        .zip(&needs)
        .map(|(item, &need)| {
            let words = measure.wrapped(&first_words_cut(item), 0.0, reference, f32::INFINITY).1.x;
            need.min(words + chip_indent(measure, item, &metrics, f32::INFINITY).min(4.0 * reference) + 4.0 * reference)
        })
        .collect();
    let shares_of = |(needs, power): (&[f32], f32)| {
        let powered: Vec<f32> = needs.iter().map(|need| need.max(1.0).powf(power)).collect();
        let total: f32 = powered.iter().sum();
        powered.iter().map(|need| need / total).collect::<Vec<f32>>()
    };
    let margin = NOTE_GAP / 2.0;
    // Every way of sharing the ring out, as a rectangle for each item. Measuring words is most
    // of the cost, so each way is first judged by its rectangles' room for their items' words
    // (the type size that room allows), and only the most promising are fitted with words.
    let mut ways: Vec<Vec<Rect>> = Vec::new();
    // Shares by the whole notes' words (and, for three notes or fewer, evened out a little), and
    // by their first eight words; all the ways are then judged by the whole notes' room.
    let mut share_by: Vec<(&[f32], f32)> = vec![(&needs, 1.0)];
    if items.len() <= 3 {
        share_by.push((&needs, 0.6));
    }
    if eight_needs != needs {
        share_by.push((&eight_needs, 1.0));
    }
    for by in share_by {
        let shares = shares_of(by);
        // Each item a region of the ring, its card the largest rectangle that region holds.
        if items.len() == 1 {
            // A note alone: the largest rectangle of every shape, so a short note can take a
            // wide one and a long one a tall one.
            ways.extend(ring.largest_rects(margin).into_iter().map(|rect| vec![rect]));
        } else {
            for way in partitions(ring, &shares) {
                let rects: Option<Vec<Rect>> =
                    way.iter().map(|region| region.largest_rects(margin).into_iter().next()).collect();
                ways.extend(rects);
            }
        }
        // The ring (or each of two or three parts of it) cut into slabs across or down the
        // screen, a card in each: upright cards pack a curved ring better this way.
        for groups in 1..=items.len().min(3) {
            let sizes = super::regions::even_groups(&shares, groups);
            let mut first = 0;
            let totals: Vec<f32> = sizes
                .iter()
                .map(|size| {
                    let total = shares[first..first + size].iter().sum();
                    first += size;
                    total
                })
                .collect();
            let splits = if groups == 1 {
                vec![vec![ring]]
            } else {
                vec![ring.side_by_side(&totals), ring.one_inside_another(&totals)]
            };
            for parts in splits {
                for across in [true, false] {
                    for cut in 0..2 {
                        let mut first = 0;
                        let mut rects = Vec::with_capacity(items.len());
                        for (part, size) in parts.iter().zip(&sizes) {
                            let total: f32 = shares[first..first + size].iter().sum();
                            let within: Vec<f32> = shares[first..first + size]
                                .iter()
                                .map(|share| share / total.max(f32::EPSILON))
                                .collect();
                            rects.extend(part.slabs(&within, across, margin).swap_remove(cut));
                            first += size;
                        }
                        if let Some(rects) = rects.into_iter().collect::<Option<Vec<Rect>>>() {
                            ways.push(rects);
                        }
                    }
                }
            }
        }
        if items.len() == 1 {
            break;
        }
    }
    // The type size a rectangle's room allows an item's words, roughly: its area over the
    // room the words take on one line, no narrower than six ems, no lower than a line and a bit.
    let estimate = |rects: &[Rect]| -> f32 {
        rects
            .iter()
            .zip(&needs)
            .map(|(rect, need)| {
                let by_area = (rect.area() * reference / (need * 1.3)).sqrt();
                by_area.min(rect.width() / 6.0).min(rect.height() / 1.4)
            })
            .fold(f32::INFINITY, f32::min)
    };
    ways.sort_by(|a, b| estimate(b).total_cmp(&estimate(a)));
    let mut best: Option<(Score, Vec<Fit>)> = None;
    let fitted = if items.len() == 1 { ways.len() } else { WAYS_FITTED };
    for rects in ways.iter().take(fitted) {
        let fits: Option<Vec<Fit>> = rects
            .iter()
            .zip(items)
            .enumerate()
            .map(|(item, (rect, content))| fit_in(measure, content, item, *rect, scale))
            .collect();
        if let Some(fits) = fits {
            let score = score(&fits);
            if best.as_ref().is_none_or(|(best, _)| score > *best) {
                best = Some((score, fits));
            }
        }
    }
    let (score, fits) = best?;
    Some((score, plan_of(fits)))
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
            .map(|((&rect, &item), &(_, rows, whole))| PlannedCard { item, rect, rows, whole, size, chip_above: false })
            .collect();
        planned.sort_by_key(|card| card.item);
        planned
    };
    if rects.len() == order.len() || order[rects.len()..].iter().all(|&item| items[item].heading) {
        // Every note's first lines fit at this size (perhaps not a group's heading, which says
        // nothing a count would): no count.
        return Some(RingPlan { size, cards: planned_cards(&rects), more: None });
    }
    // The most cards, in order, that leave room for the chip after them: placing is greedy, so
    // the first cards keep their places and only the chip is placed again, beside fewer. Room
    // beside some cards is room beside fewer of them, so the most is found by halving.
    let chip_beside = |shown: usize| place_one(shape, &rects[..shown], chip);
    let (mut fits, mut fails) = (0, rects.len() + 1);
    while fails - fits > 1 {
        let middle = usize::midpoint(fits, fails);
        if chip_beside(middle).is_some() { fits = middle } else { fails = middle }
    }
    if fits == 0 {
        return None;
    }
    let (shown, chip_rect) = (fits, chip_beside(fits)?);
    let mut rest: Vec<usize> = order[shown..].to_vec();
    rest.sort_unstable();
    Some(RingPlan {
        size,
        cards: planned_cards(&rects[..shown]),
        more: Some(MoreChip { rect: chip_rect, items: rest }),
    })
}

/// The most items a ring is searched for the best cards of ([`plan_searched`]).
const MOST_SEARCHED_ITEMS: usize = 2;
/// The type sizes, in whole points, a searched card may take, largest first.
const SEARCHED_POINTS: [u32; 11] = [24, 20, 18, 16, 14, 13, 12, 11, 10, 9, 8];
/// About how many places in a ring a searched card's centre is tried at: the grid's step is
/// the ring's area over this, so a ring of any size costs the same.
const SEARCHED_PLACES: f32 = 1600.0;

/// A card one item of a searched ring may take: its size and how it reads.
#[derive(Clone, Copy, Debug)]
struct CardChoice {
    size: Vec2,
    fit: Fit,
}

/// The cards `content` may take in a searched ring, best first by [`tier`] and type size: at
/// each of [`SEARCHED_POINTS`] and each width of [`TEXT_WIDTHS`], its whole note and (for a
/// note of more words than [`FIRST_WORDS`]) its first eight words; those of the same size and
/// reading alike once only.
fn card_choices(measure: &impl MeasureText, content: &CardContent<'_>, item: usize, scale: f32) -> Vec<CardChoice> {
    let mut choices: Vec<CardChoice> = Vec::new();
    let cut_words = first_words_cut(content);
    let more_than_eight = laid_out_words(content.words).split_whitespace().nth(FIRST_WORDS).is_some();
    for points in SEARCHED_POINTS {
        let metrics = CardMetrics::new(points as f32 * scale);
        for width in TEXT_WIDTHS {
            let text_width = width * metrics.size;
            let (size, rows, whole) = card_size(measure, content, &metrics, text_width, None);
            let mut add = |size: Vec2, rows: usize, whole: bool, eight: bool| {
                let card = PlannedCard {
                    item,
                    rect: Rect::from_min_size(Pos2::ZERO, size),
                    rows,
                    whole,
                    size: metrics.size,
                    chip_above: false,
                };
                let fit = Fit { card, points, tier: tier(whole, eight, points) };
                if !choices
                    .iter()
                    .any(|other| other.size == size && other.fit.tier == fit.tier && other.fit.points == points)
                {
                    choices.push(CardChoice { size, fit });
                }
            };
            add(size, rows, whole, whole);
            if more_than_eight {
                let (wrap_width, indent) = wrap_width(measure, content, &metrics, text_width);
                let eight_rows = measure.wrapped(&cut_words, indent, metrics.size, wrap_width).0.max(1);
                if eight_rows < rows {
                    let (size, rows, whole) = card_size(measure, content, &metrics, text_width, Some(eight_rows));
                    add(size, rows, whole, true);
                }
            }
        }
    }
    choices.sort_by_key(|choice| {
        std::cmp::Reverse((choice.fit.tier, choice.fit.points, std::cmp::Reverse(choice.fit.card.rows)))
    });
    choices
}

/// A ring of one or two notes planned by trying every pair of their cards ([`card_choices`]),
/// best first by [`score`], at every place on a grid over the ring: the first pair that fits,
/// each card as near the ring's middle as the other leaves it. Sharing the ring out into regions
/// first ([`plan_shared`]) gives each note a fixed part of it, and in a narrow ring slanting
/// across the screen the parts it tries can hold far smaller cards than the ring can; placing
/// cards one by one ([`plan_placed`]) keeps them all one size. `None` for a ring of more items or
/// a group's heading, or where no pair fits.
fn plan_searched(
    shape: &RingShape<'_>,
    measure: &impl MeasureText,
    items: &[CardContent<'_>],
) -> Option<(Score, RingPlan)> {
    if items.is_empty() || items.len() > MOST_SEARCHED_ITEMS || items.iter().any(|item| item.heading) {
        return None;
    }
    let edges = BandEdges::new(shape.geometry, shape.segment, shape.band);
    let ring_bounds = Rect::from_points(&shape.geometry.band_outline(shape.segment, edges.inner, edges.outer));
    let step = (band_area(shape) / SEARCHED_PLACES).sqrt().max(1.0);
    let middle =
        WheelGeometry::point(shape.geometry.centre_angle(shape.segment), f32::midpoint(edges.inner, edges.outer));
    // The grid's points in the ring, nearest its middle first.
    let mut centres: Vec<Pos2> = Vec::new();
    let mut y = ring_bounds.top();
    while y <= ring_bounds.bottom() {
        let mut x = ring_bounds.left();
        while x <= ring_bounds.right() {
            let centre = Pos2::new(x, y);
            if edges.holds(Rect::from_center_size(centre, Vec2::ZERO), 0.0) {
                centres.push(centre);
            }
            x += step;
        }
        y += step;
    }
    centres.sort_by(|a, b| a.distance_sq(middle).total_cmp(&b.distance_sq(middle)));
    let margin = NOTE_GAP / 2.0;
    let places_of = |size: Vec2| -> Vec<Pos2> {
        centres.iter().copied().filter(|&centre| edges.holds(Rect::from_center_size(centre, size), margin)).collect()
    };
    let choices: Vec<Vec<CardChoice>> =
        items.iter().enumerate().map(|(item, content)| card_choices(measure, content, item, shape.scale)).collect();
    // Each choice's places, worked out when first asked for.
    let places: Vec<Vec<std::cell::OnceCell<Vec<Pos2>>>> =
        choices.iter().map(|item| item.iter().map(|_| std::cell::OnceCell::new()).collect()).collect();
    let places_at = |item: usize, choice: usize| -> &[Pos2] {
        places[item][choice].get_or_init(|| places_of(choices[item][choice].size))
    };
    let placed = |choice: &CardChoice, centre: Pos2| {
        let mut fit = choice.fit;
        fit.card.rect = Rect::from_center_size(centre, choice.size);
        fit
    };
    if items.len() == 1 {
        for (index, choice) in choices[0].iter().enumerate() {
            if let Some(&centre) = places_at(0, index).first() {
                let fits = vec![placed(choice, centre)];
                return Some((score(&fits), plan_of(fits)));
            }
        }
        return None;
    }
    // Every pair, best first.
    let mut pairs: Vec<(Score, usize, usize)> = Vec::with_capacity(choices[0].len() * choices[1].len());
    for (first, a) in choices[0].iter().enumerate() {
        for (second, b) in choices[1].iter().enumerate() {
            pairs.push((score(&[a.fit, b.fit]), first, second));
        }
    }
    pairs.sort_by_key(|pair| std::cmp::Reverse(pair.0));
    for (pair_score, first, second) in pairs {
        let (a, b) = (&choices[0][first], &choices[1][second]);
        let first_places = places_at(0, first);
        if first_places.is_empty() {
            continue;
        }
        let second_places = places_at(1, second);
        let Some(reach) = second_places.iter().map(|&place| Rect::from_min_max(place, place)).reduce(Rect::union)
        else {
            continue;
        };
        // Two cards are clear of each other when their centres are far enough apart across or
        // down; some place of the second is, for a place of the first, exactly when the
        // second's farthest place that way is.
        let apart = (a.size + b.size) / 2.0 + vec2(NOTE_GAP, NOTE_GAP);
        let clear = |one: Pos2, other: Pos2| (one.x - other.x).abs() >= apart.x || (one.y - other.y).abs() >= apart.y;
        let Some(&one) = first_places.iter().find(|place| {
            reach.max.x >= place.x + apart.x
                || reach.min.x <= place.x - apart.x
                || reach.max.y >= place.y + apart.y
                || reach.min.y <= place.y - apart.y
        }) else {
            continue;
        };
        let Some(&other) = second_places.iter().find(|&&other| clear(one, other)) else { continue };
        let fits = vec![placed(a, one), placed(b, other)];
        return Some((pair_score, plan_of(fits)));
    }
    None
}

/// A ring's plan of `fits`, in the items' order.
fn plan_of(fits: Vec<Fit>) -> RingPlan {
    let size = fits.iter().map(|fit| fit.card.size).fold(f32::INFINITY, f32::min);
    RingPlan { size, cards: fits.into_iter().map(|fit| fit.card).collect(), more: None }
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
    fn a_chip_that_crowds_a_narrow_card_s_first_word_takes_a_row_of_its_own() {
        let words = "Regeneration money goes to buildings, not people.";
        let note = CardContent { words, chip: Some("College".to_owned()), heading: false, dots: 0, written: 0 };
        let narrow = Rect::from_min_size(Pos2::ZERO, vec2(80.0, 160.0));
        let (inline, above) = paint_shapes(|painter| {
            (fit_in_with(painter, &note, 0, narrow, 1.0, false), fit_in(painter, &note, 0, narrow, 1.0))
        })
        .1;
        // Beside the chip, "Regeneration" does not fit at a readable size; below it, it does.
        let above = above.expect("the note fits with its chip above its words");
        assert!(above.card.chip_above && above.card.whole, "{above:?}");
        assert!(inline.is_none_or(|inline| inline.points < above.points), "{inline:?} {above:?}");
        assert!(narrow.contains_rect(above.card.rect));
        // A wide card keeps its chip on the first line.
        let wide = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 160.0));
        let wide_fit = paint_shapes(|painter| fit_in(painter, &note, 0, wide, 1.0)).1.unwrap();
        assert!(!wide_fit.card.chip_above, "{wide_fit:?}");
    }

    #[test]
    fn two_notes_searched_are_inside_their_ring_apart_and_read_at_least_as_well_as_shared_out() {
        let geometry = WheelGeometry::new(11).widening(0);
        let notes = [
            content("Statutory partners hold the money, so they set the agenda for everyone else"),
            content("Service users are consulted at the end, once decisions are made."),
        ];
        let mut searched_any = 0;
        for segment in 1..11 {
            for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                let shape = RingShape { geometry: &geometry, segment, band, scale: 1.0 };
                let (searched, shared) = paint_shapes(|painter| {
                    (plan_searched(&shape, painter, &notes), plan_shared(&shape, painter, &notes))
                })
                .1;
                let Some((score, plan)) = searched else { continue };
                searched_any += 1;
                assert!(shared.is_none_or(|(shared, _)| score >= shared), "{segment} {band:?}");
                let [first, second] = [plan.cards[0].rect, plan.cards[1].rect];
                assert!(!first.expand(NOTE_GAP / 2.0 - 0.01).intersects(second.expand(NOTE_GAP / 2.0 - 0.01)));
                for rect in [first, second] {
                    assert!(
                        geometry.rect_inside_band(rect, segment, band, NOTE_GAP / 2.0 - 0.01),
                        "{segment} {band:?}"
                    );
                }
            }
        }
        assert!(searched_any >= 10, "{searched_any} rings searched");
        let shape = RingShape { geometry: &geometry, segment: 1, band: WheelBand::Assumption, scale: 1.0 };
        let three = [content("One"), content("Two"), content("Three")];
        let heading = [CardContent { heading: true, ..content("A group") }];
        let (of_three, of_heading) =
            paint_shapes(|painter| (plan_searched(&shape, painter, &three), plan_searched(&shape, painter, &heading)))
                .1;
        assert!(of_three.is_none() && of_heading.is_none(), "only rings of one or two notes are searched");
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
