//! Where things sit on the prompt wheel, in world units.
//!
//! World units are screen points at zoom 1, sized so that the whole wheel with its labels fits a
//! 1920×1080 projector at about zoom 1. Everything here is pure arithmetic (no drawing, no fonts)
//! so hit-testing and layout are unit tested; labels are measured by the painter
//! ([`super::paint::lay_out_labels`]) and placed here.

use crate::model::WheelBand;
use egui::{Pos2, Rect, Vec2, pos2, vec2};
use std::f32::consts::{FRAC_PI_2, PI, TAU};

/// The relative slack of [`WheelGeometry::rect_inside_band`]'s quick tests: far more than the
/// rounding of the exact test's angles, far less than any step a layout takes.
const SLACK: f32 = 1e-3;

/// Radius of the hub in the middle, which holds the legend.
pub const HUB_RADIUS: f32 = 44.0;
/// Where the assumption band (inside) meets the opportunity band (outside).
pub const MIDDLE_RADIUS: f32 = 285.0;
/// The rim of the wheel. Both bands are deeper than a note is wide, so notes fit even in the
/// segments at three and nine o'clock, where a band runs across the page.
pub const OUTER_RADIUS: f32 = 435.0;
/// The share of the turn the selected prompt takes (when that is more than an equal share), so
/// the question the room is on has space for its notes: on the projection, whose room reads the
/// selected prompt's notes on the wheel.
pub const SELECTED_SHARE: f32 = 0.3;
/// The selected prompt's share on the console, which shows that prompt's notes in full in a
/// column beside the wheel: opened about twice an equal share of eleven, so it still stands out,
/// and leaving the other prompts about a fifth more angle than [`SELECTED_SHARE`] does.
pub const CONSOLE_SELECTED_SHARE: f32 = 0.18;
/// Space between the rim and the prompt labels, and between labels.
pub const LABEL_GAP: f32 = 14.0;
/// How wide a prompt's label may wrap beside the widest part of the wheel; labels nearer the
/// top and bottom, where the round wheel leaves more room beside it, may wrap wider.
pub const LABEL_WRAP_WIDTH: f32 = 200.0;
/// The widest a label beside the top or bottom of the wheel wraps.
const LABEL_WIDEST_WRAP: f32 = 420.0;
/// Size of a prompt's question outside the rim.
pub const LABEL_FONT_SIZE: f32 = 25.0;
/// Line height of prompt labels, relative to their font size.
pub const LABEL_LINE_HEIGHT: f32 = 1.2;
/// Size of a sticky note on the wheel at its smallest.
pub const NOTE_SIZE: Vec2 = vec2(112.0, 42.0);
/// The sizes a note can take, largest first: a band with few notes shows them large, and they
/// shrink (never below [`NOTE_SIZE`]) as it fills.
pub const NOTE_SIZES: [Vec2; 3] = [vec2(180.0, 68.0), vec2(144.0, 54.0), NOTE_SIZE];
/// Size of the count shown in a band too narrow for a note.
pub const BADGE_SIZE: Vec2 = vec2(44.0, 30.0);
/// Space kept between notes and from the edges of their band.
pub const NOTE_GAP: f32 = 5.0;

/// What a point on the wheel is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WheelHit {
    /// Which segment (prompt), counted clockwise from twelve o'clock.
    pub segment: usize,
    /// Which band of it.
    pub band: WheelBand,
}

/// The wheel's shape for a given number of prompts, centred on the world origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WheelGeometry {
    /// How many segments (prompts) the wheel has; at least one.
    pub count: usize,
    /// The segment that is opened wider than the rest, if any.
    pub widened: Option<usize>,
    /// The share of the turn the widened segment takes (when that is more than an equal share).
    pub share: f32,
}

impl WheelGeometry {
    /// A wheel of `count` prompts, all the same width.
    pub fn new(count: usize) -> Self {
        Self { count: count.max(1), widened: None, share: SELECTED_SHARE }
    }

    /// The same wheel with the widened segment taking `share` of the turn rather than
    /// [`SELECTED_SHARE`] (the console's [`CONSOLE_SELECTED_SHARE`]).
    #[must_use]
    pub fn with_share(self, share: f32) -> Self {
        Self { share: share.clamp(0.0, 0.9), ..self }
    }

    /// The same wheel with `segment` opened wider, to its share of the turn (when that is more
    /// than its equal share).
    #[must_use]
    pub fn widening(self, segment: usize) -> Self {
        Self { widened: (segment < self.count).then_some(segment), ..self }
    }

    /// The angle one segment spans, in radians.
    pub fn segment_span(&self, segment: usize) -> f32 {
        let equal = TAU / self.count as f32;
        match self.widened {
            Some(widened) if self.count > 1 && equal < TAU * self.share => {
                let wide = TAU * self.share;
                if segment == widened { wide } else { (TAU - wide) / (self.count - 1) as f32 }
            }
            _ => equal,
        }
    }

    /// The angles where a segment starts and ends. Segment 0 is centred at twelve o'clock and
    /// the rest follow clockwise (screen y points down, so angles grow clockwise). A widened
    /// segment opens about the centre line it has on the plain wheel, so the point a person
    /// clicked to choose a prompt stays on that prompt: the wheel never turns under the pointer.
    pub fn segment_angles(&self, segment: usize) -> (f32, f32) {
        let anchor = self.widened.unwrap_or(0);
        let anchor_centre = -FRAC_PI_2 + anchor as f32 * TAU / self.count as f32;
        let before: f32 = (0..anchor).map(|earlier| self.segment_span(earlier)).sum();
        let first_start = anchor_centre - self.segment_span(anchor) / 2.0 - before;
        let start = first_start + (0..segment).map(|earlier| self.segment_span(earlier)).sum::<f32>();
        (start, start + self.segment_span(segment))
    }

    /// The angle through the middle of a segment.
    pub fn centre_angle(&self, segment: usize) -> f32 {
        let (start, end) = self.segment_angles(segment);
        f32::midpoint(start, end)
    }

    /// The inner and outer radius of a band.
    pub fn band_radii(band: WheelBand) -> (f32, f32) {
        match band {
            WheelBand::Assumption => (HUB_RADIUS, MIDDLE_RADIUS),
            WheelBand::Opportunity => (MIDDLE_RADIUS, OUTER_RADIUS),
        }
    }

    /// The segment and band under a world point, if it is on the wheel (not the hub, not
    /// outside the rim).
    pub fn hit(&self, point: Pos2) -> Option<WheelHit> {
        let radius = point.to_vec2().length();
        if !(HUB_RADIUS..=OUTER_RADIUS).contains(&radius) {
            return None;
        }
        let band = if radius < MIDDLE_RADIUS { WheelBand::Assumption } else { WheelBand::Opportunity };
        Some(WheelHit { segment: self.segment_at_angle(point.y.atan2(point.x)), band })
    }

    /// The segment whose span holds this angle.
    pub fn segment_at_angle(&self, angle: f32) -> usize {
        let (first_start, _) = self.segment_angles(0);
        let mut turned = (angle - first_start).rem_euclid(TAU);
        for segment in 0..self.count {
            let span = self.segment_span(segment);
            if turned < span {
                return segment;
            }
            turned -= span;
        }
        self.count - 1
    }

    /// A point at `radius` along `angle`.
    pub fn point(angle: f32, radius: f32) -> Pos2 {
        pos2(angle.cos() * radius, angle.sin() * radius)
    }

    /// The outline of one band of one segment, as a closed polygon (for filling and outlines).
    pub fn band_outline(&self, segment: usize, inner: f32, outer: f32) -> Vec<Pos2> {
        let (start, end) = self.segment_angles(segment);
        // Enough points that the curve looks round at any zoom a projector needs.
        let steps = ((end - start) * 40.0).ceil().max(4.0) as usize;
        let along = |step: usize| start + (end - start) * step as f32 / steps as f32;
        let mut points: Vec<Pos2> = (0..=steps).map(|step| Self::point(along(step), outer)).collect();
        points.extend((0..=steps).rev().map(|step| Self::point(along(step), inner.max(0.0))));
        points
    }

    /// Whether a rectangle lies wholly inside a band of a segment, `margin` in from every edge.
    pub fn rect_inside_band(&self, rect: Rect, segment: usize, band: WheelBand, margin: f32) -> bool {
        BandEdges::new(self, segment, band).holds(rect, margin)
    }
}

/// One band of one segment, its edges worked out once for the many rectangles that placing a
/// card tries ([`WheelGeometry::rect_inside_band`]).
#[derive(Clone, Copy, Debug)]
pub struct BandEdges {
    /// The segment's angles, clockwise.
    pub start: f32,
    /// Where it ends.
    pub end: f32,
    /// The band's radii.
    pub inner: f32,
    /// Its outer radius.
    pub outer: f32,
    /// Whether the wheel has three segments or more.
    many: bool,
    start_sin: f32,
    start_cos: f32,
    end_sin: f32,
    end_cos: f32,
}

impl BandEdges {
    /// The edges of `band` of `segment` of `geometry`.
    pub fn new(geometry: &WheelGeometry, segment: usize, band: WheelBand) -> Self {
        let (inner, outer) = WheelGeometry::band_radii(band);
        let (start, end) = geometry.segment_angles(segment);
        let (start_sin, start_cos) = start.sin_cos();
        let (end_sin, end_cos) = end.sin_cos();
        Self { start, end, inner, outer, many: geometry.count >= 3, start_sin, start_cos, end_sin, end_cos }
    }

    /// Whether the quick tests of [`Self::holds`] apply: a wedge narrower than half a turn.
    fn quick(&self, margin: f32) -> bool {
        self.many && self.end - self.start < PI && margin > 0.0 && self.outer - margin > 0.0
    }

    /// How far in from the start ray's line (first) and the end ray's line an upright
    /// rectangle's centre must be for its every corner to be on the wedge's side of them: its
    /// reach across each line.
    pub fn rect_reach(&self, size: Vec2) -> (f32, f32) {
        let half = size / 2.0;
        (
            half.x * self.start_sin.abs() + half.y * self.start_cos.abs(),
            half.x * self.end_sin.abs() + half.y * self.end_cos.abs(),
        )
    }

    /// Whether a rectangle of `size` centred `radius` from the middle could be inside the band
    /// at all, `margin` in from its edges: its farthest corner is at least as far as the
    /// centre and half its diagonal together. `false` only where every such rectangle fails
    /// [`Self::holds`].
    pub fn radius_may_hold(&self, radius: f32, size: Vec2, margin: f32) -> bool {
        let reach = self.outer - margin;
        // Twice the slack of the test in `holds`, so rounding never makes the two disagree.
        reach <= 0.0 || radius * radius + size.length_sq() / 4.0 <= reach * reach * (1.0 + 2.0 * SLACK)
    }

    /// Whether a rectangle whose centre is `from_start` in from the start ray's line and
    /// `from_end` in from the end ray's line, reaching `reach` across each (see
    /// [`Self::rect_reach`]), could be inside the band: `false` (for either side) only where a
    /// corner is on the far side of a ray's line, which [`Self::holds`] always refuses.
    pub fn sides_may_hold(&self, from_start: f32, from_end: f32, reach: (f32, f32), margin: f32) -> (bool, bool) {
        if !self.quick(margin) {
            return (true, true);
        }
        // A hundredth of a unit more than the reach: far more than rounding.
        (from_start > reach.0 - 0.01, from_end > reach.1 - 0.01)
    }

    /// Whether `rect` lies wholly inside the band, `margin` in from every edge.
    pub fn holds(&self, rect: Rect, margin: f32) -> bool {
        let Self { inner, outer, .. } = *self;
        let corners = [rect.left_top(), rect.right_top(), rect.left_bottom(), rect.right_bottom()];
        // Placing a card tries thousands of rectangles, so most are settled by products alone,
        // with a small slack either way, and only those within a hair of an edge go on to the
        // exact test below (the answer is the same: only the work differs).
        let reach = outer - margin;
        if reach > 0.0 {
            let reach_sq = reach * reach;
            let lengths = corners.map(|corner| corner.to_vec2().length_sq());
            if lengths.iter().any(|&length| length > reach_sq * (1.0 + SLACK)) {
                return false;
            }
            if self.quick(margin) && lengths.iter().all(|&length| length < reach_sq * (1.0 - SLACK)) {
                // Each corner's distance from the start ray's line and from the end ray's line
                // (cross products): r·sin of its angle from each ray. Nonpositive: outside the
                // wedge (narrower than half a turn) or on its edge. At least the margin: at least
                // the margin along the arc too (sin x ≤ x), so inside.
                let Self { start_sin, start_cos, end_sin, end_cos, .. } = *self;
                let from_rays = corners.map(|corner| {
                    (start_cos * corner.y - start_sin * corner.x, corner.x * end_sin - corner.y * end_cos)
                });
                if from_rays.iter().any(|&(from_start, from_end)| from_start <= 0.0 || from_end <= 0.0) {
                    return false;
                }
                let clear = margin * (1.0 + SLACK);
                let hub = inner + margin;
                let hub_distance = rect.distance_sq_to_pos(Pos2::ZERO);
                if from_rays.iter().all(|&(from_start, from_end)| from_start >= clear && from_end >= clear) {
                    if hub_distance > hub * hub * (1.0 + SLACK) {
                        return true;
                    }
                    if hub_distance < hub * hub * (1.0 - SLACK) {
                        return false;
                    }
                }
            }
        }
        self.holds_exactly(rect, margin)
    }

    /// [`Self::holds`] by angles, for rectangles near an edge.
    fn holds_exactly(&self, rect: Rect, margin: f32) -> bool {
        let Self { start, end, inner, outer, .. } = *self;
        let corners = [rect.left_top(), rect.right_top(), rect.left_bottom(), rect.right_bottom()];
        // The wedge between two rays is convex when it is narrower than half a turn (always, with
        // three or more segments), so the rectangle is inside it when its corners are; likewise
        // for the disc of the rim. The hub is a hole, so test the rectangle's nearest point.
        let in_wedge = |point: Pos2| {
            let angle = point.y.atan2(point.x);
            let turned = (angle - start).rem_euclid(TAU);
            let angular_margin = margin / point.to_vec2().length().max(1.0);
            turned >= angular_margin && turned <= (end - start) - angular_margin
        };
        corners.iter().all(|&corner| corner.to_vec2().length() <= outer - margin && in_wedge(corner))
            && rect.distance_to_pos(Pos2::ZERO) >= inner + margin
            && (self.many || corners.iter().all(|&corner| in_wedge(corner)))
    }
}

impl WheelGeometry {
    /// Places for notes in one band of one segment, best first (nearest the middle of the
    /// segment, inner rows first), none overlapping. Notes are upright rectangles of
    /// [`NOTE_SIZE`], so text never has to be read at an angle. A band too narrow for even one
    /// note gets a single small [`BADGE_SIZE`] place for a count of its notes instead.
    pub fn note_slots(&self, segment: usize, band: WheelBand) -> Vec<Rect> {
        self.note_slots_of_size(segment, band, NOTE_SIZE)
    }

    /// Like [`Self::note_slots`], for notes of `size`.
    pub fn note_slots_of_size(&self, segment: usize, band: WheelBand, size: Vec2) -> Vec<Rect> {
        let (inner, outer) = Self::band_radii(band);
        let (start, end) = self.segment_angles(segment);
        let centre = self.centre_angle(segment);
        let mut candidates = Vec::new();
        let radial_step = size.y / 8.0;
        let mut radius = inner + size.y / 2.0;
        while radius <= outer {
            let angular_step = 3.0 / radius;
            let mut angle = start;
            while angle <= end {
                let rect = Rect::from_center_size(Self::point(angle, radius), size);
                if self.rect_inside_band(rect, segment, band, NOTE_GAP) {
                    candidates.push((radius, (angle - centre).abs(), rect));
                }
                angle += angular_step;
            }
            radius += radial_step;
        }
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut slots: Vec<Rect> = Vec::new();
        for (_, _, rect) in candidates {
            if slots.iter().all(|placed| !placed.expand(NOTE_GAP / 2.0).intersects(rect.expand(NOTE_GAP / 2.0))) {
                slots.push(rect);
            }
        }
        if slots.is_empty() {
            let middle = Self::point(centre, f32::midpoint(inner, outer));
            slots.push(Rect::from_center_size(middle, BADGE_SIZE));
        }
        slots
    }

    /// The slots of every size in [`NOTE_SIZES`] for one band of one segment.
    pub fn sized_slots(&self, segment: usize, band: WheelBand) -> [Vec<Rect>; 3] {
        NOTE_SIZES.map(|size| self.note_slots_of_size(segment, band, size))
    }

    /// Of the slots of each size, the largest size that holds `notes` notes, or the smallest
    /// size when none does (the band then shows as many as fit and a count of the rest).
    pub fn choose_slots(sized: &[Vec<Rect>; 3], notes: usize) -> &[Rect] {
        sized.iter().find(|slots| Self::room_in(slots) >= notes).unwrap_or(&sized[2])
    }

    /// How many notes a list of slots holds (none when it is only a count badge).
    pub fn room_in(slots: &[Rect]) -> usize {
        if slots.first().is_some_and(|slot| Self::slot_holds_a_note(*slot)) { slots.len() } else { 0 }
    }

    /// Whether a slot from [`Self::note_slots`] can hold a note (rather than only a count).
    pub fn slot_holds_a_note(slot: Rect) -> bool {
        slot.width() >= NOTE_SIZE.x - 0.5
    }

    /// How one ring of a prompt shows `items` notes (and group headings), given its slots of
    /// every size (from [`Self::sized_slots`]): the slots of the largest size that holds them all,
    /// how many are drawn, and, when they do not all fit, the last slot, which shows a count of
    /// the rest instead (see [`Self::more_label`]).
    pub fn ring_layout(sized: &[Vec<Rect>; 3], items: usize) -> RingLayout<'_> {
        let slots = Self::choose_slots(sized, items);
        let room = Self::room_in(slots);
        let overflow = items > room;
        let shown = if overflow { room.saturating_sub(1) } else { items };
        RingLayout { slots, shown, more: slots.last().copied().filter(|_| overflow) }
    }

    /// What the slot for the notes that do not fit says: "+3 more" after notes that do, "3 notes"
    /// when none fit, or just "3" in a slot too small for a note.
    pub fn more_label(shown: usize, hidden: usize, slot: Rect) -> String {
        if shown > 0 {
            format!("+{hidden} more")
        } else if Self::slot_holds_a_note(slot) {
            format!("{hidden} notes")
        } else {
            hidden.to_string()
        }
    }

    /// Which side of the wheel a segment's label goes: the right for a segment whose middle is
    /// right of the vertical axis (or at the very top), the left for the rest.
    pub fn label_on_right(&self, segment: usize) -> bool {
        let angle = self.centre_angle(segment);
        let across = angle.cos();
        across > 1e-3 || (across.abs() <= 1e-3 && angle.sin() < 0.0)
    }

    /// How wide a prompt's label may wrap: [`LABEL_WRAP_WIDTH`] beside the widest part of the
    /// wheel, wider towards the top and bottom, where the round wheel leaves room beside it.
    pub fn label_wrap_width(&self, segment: usize) -> f32 {
        let rim = OUTER_RADIUS + LABEL_GAP;
        let level = self.centre_angle(segment).sin().abs() * rim;
        // The label reaches towards the middle from its segment's level, so only part of the
        // room the rim leaves at that level is sure to be free.
        let room_beside_rim = rim - (rim * rim - level * level).max(0.0).sqrt();
        (LABEL_WRAP_WIDTH + 0.45 * room_beside_rim).min(LABEL_WIDEST_WRAP)
    }

    /// Rectangles for the prompt labels, given each label's measured size. Labels go beside the
    /// wheel, never above or below it, so the wheel takes the canvas's whole height: each in a
    /// column on its segment's side ([`Self::label_on_right`]), level with its segment where it
    /// can be, moved up or down only as far as keeps it clear of its neighbours and within the
    /// wheel's height, and as close to the rim as the rim's curve allows at that level.
    pub fn place_labels(&self, sizes: &[Vec2]) -> Vec<Rect> {
        let rim = OUTER_RADIUS + LABEL_GAP;
        let mut rects = vec![Rect::NOTHING; sizes.len()];
        for right in [true, false] {
            let mut side: Vec<(usize, f32)> = (0..sizes.len().min(self.count))
                .filter(|&segment| self.label_on_right(segment) == right)
                .map(|segment| (segment, self.centre_angle(segment).sin() * rim - sizes[segment].y / 2.0))
                .collect();
            side.sort_by(|a, b| a.1.total_cmp(&b.1));
            let wanted: Vec<f32> = side.iter().map(|&(_, top)| top).collect();
            let heights: Vec<f32> = side.iter().map(|&(segment, _)| sizes[segment].y).collect();
            let tops = spread(&wanted, &heights, (-OUTER_RADIUS, OUTER_RADIUS), LABEL_GAP);
            for (&(segment, _), top) in side.iter().zip(tops) {
                let size = sizes[segment];
                let bottom = top + size.y;
                // The rim reaches furthest out at the label's row nearest the wheel's middle.
                let nearest = if top <= 0.0 && bottom >= 0.0 { 0.0 } else { top.abs().min(bottom.abs()) };
                let clear = (rim * rim - nearest * nearest).max(0.0).sqrt();
                let left = if right { clear } else { -clear - size.x };
                rects[segment] = Rect::from_min_size(pos2(left, top), size);
            }
        }
        rects
    }

    /// Where a label's leader line runs, if it needs one: from its segment's rim to the label's
    /// nearest point, when the label sits further from its segment than a label's gap.
    pub fn label_leader(&self, segment: usize, rect: Rect) -> Option<[Pos2; 2]> {
        let at_rim = Self::point(self.centre_angle(segment), OUTER_RADIUS);
        let nearest = rect.clamp(at_rim);
        (nearest.distance(at_rim) > 2.0 * LABEL_GAP).then_some([at_rim, nearest])
    }
}

/// Tops for boxes of `heights`, in order down a column, each as near its `wanted` top as
/// keeps them in order `gap` apart and within `limits` (or, when they cannot all fit there,
/// centred on the limits' middle).
fn spread(wanted: &[f32], heights: &[f32], limits: (f32, f32), gap: f32) -> Vec<f32> {
    let total: f32 = heights.iter().sum::<f32>() + gap * heights.len().saturating_sub(1) as f32;
    let (mut low, mut high) = limits;
    if total > high - low {
        let middle = f32::midpoint(low, high);
        (low, high) = (middle - total / 2.0, middle + total / 2.0);
    }
    let mut tops = wanted.to_vec();
    // Down the column, nothing above its limit or the box before it; then up it, nothing below
    // its limit or the box after it. The stack fits between the limits, so the second pass
    // never pushes the first box over the top.
    let mut floor = low;
    for (top, height) in tops.iter_mut().zip(heights) {
        *top = top.max(floor);
        floor = *top + height + gap;
    }
    let mut ceiling = high;
    for (top, height) in tops.iter_mut().zip(heights).rev() {
        *top = top.min(ceiling - height);
        ceiling = *top - gap;
    }
    tops
}

/// How one ring of one prompt shows its notes; see [`WheelGeometry::ring_layout`].
#[derive(Clone, Debug, PartialEq)]
pub struct RingLayout<'a> {
    /// Where the notes go, in order.
    pub slots: &'a [Rect],
    /// How many notes are drawn (the first ones, in the slots' order).
    pub shown: usize,
    /// For a ring with more than there is room for: the slot that shows the count of the rest.
    pub more: Option<Rect>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A point in the middle of a band of a segment.
    fn middle_of(geometry: &WheelGeometry, segment: usize, band: WheelBand) -> Pos2 {
        let (inner, outer) = WheelGeometry::band_radii(band);
        WheelGeometry::point(geometry.centre_angle(segment), f32::midpoint(inner, outer))
    }

    #[test]
    fn every_band_of_every_segment_hits_itself_for_3_to_16_prompts() {
        for count in 3..=16 {
            for geometry in variants(count) {
                for segment in 0..count {
                    for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                        let point = middle_of(&geometry, segment, band);
                        assert_eq!(geometry.hit(point), Some(WheelHit { segment, band }), "{count} prompts");
                        // Just inside each edge of the segment still counts as this segment.
                        let (start, end) = geometry.segment_angles(segment);
                        let radius = point.to_vec2().length();
                        for angle in [start + 0.01, end - 0.01] {
                            let near_edge = WheelGeometry::point(angle, radius);
                            assert_eq!(geometry.hit(near_edge).map(|hit| hit.segment), Some(segment));
                        }
                    }
                }
            }
        }
    }

    /// The plain wheel of `count` prompts, and the wheel with each end and the middle widened.
    fn variants(count: usize) -> Vec<WheelGeometry> {
        let plain = WheelGeometry::new(count);
        vec![plain, plain.widening(0), plain.widening(count / 2), plain.widening(count - 1)]
    }

    #[test]
    fn the_widened_segment_takes_its_share_and_the_spans_fill_the_turn() {
        for count in 3..=16 {
            for geometry in variants(count) {
                let total: f32 = (0..count).map(|segment| geometry.segment_span(segment)).sum();
                assert!((total - TAU).abs() < 1e-3, "{count}: spans add up to a turn");
                if let Some(widened) = geometry.widened {
                    let span = geometry.segment_span(widened);
                    assert!(span >= TAU * SELECTED_SHARE - 1e-4 || span >= TAU / count as f32 - 1e-4);
                }
            }
        }
    }

    #[test]
    fn choosing_a_prompt_opens_it_about_its_own_centre_line_so_the_click_stays_on_it() {
        for count in 3..=16 {
            let plain = WheelGeometry::new(count);
            for segment in 0..count {
                let widened = plain.widening(segment);
                let turned = (widened.centre_angle(segment) - plain.centre_angle(segment)).rem_euclid(TAU);
                assert!(turned.min(TAU - turned) < 1e-4, "{count} prompts, segment {segment} turned by {turned}");
                // Every point of the prompt on the plain wheel is still on it once it is opened.
                let (start, end) = plain.segment_angles(segment);
                for angle in [start + 0.01, f32::midpoint(start, end), end - 0.01] {
                    let point = WheelGeometry::point(angle, 200.0);
                    assert_eq!(widened.hit(point).map(|hit| hit.segment), Some(segment), "{count}: {segment}");
                }
            }
        }
    }

    #[test]
    fn the_hub_and_outside_the_rim_hit_nothing() {
        let geometry = WheelGeometry::new(11);
        assert_eq!(geometry.hit(Pos2::ZERO), None);
        assert_eq!(geometry.hit(pos2(HUB_RADIUS - 1.0, 0.0)), None);
        assert_eq!(geometry.hit(pos2(0.0, OUTER_RADIUS + 1.0)), None);
    }

    #[test]
    fn segment_zero_is_at_twelve_o_clock_and_segments_run_clockwise() {
        let geometry = WheelGeometry::new(4);
        let above = pos2(0.0, -150.0);
        let right = pos2(150.0, 0.0);
        let below = pos2(0.0, 150.0);
        let left = pos2(-150.0, 0.0);
        let segments: Vec<_> =
            [above, right, below, left].iter().map(|&p| geometry.hit(p).map(|hit| hit.segment)).collect();
        assert_eq!(segments, vec![Some(0), Some(1), Some(2), Some(3)]);
        assert_eq!(geometry.hit(above).map(|hit| hit.band), Some(WheelBand::Assumption));
        assert_eq!(geometry.hit(pos2(0.0, -300.0)).map(|hit| hit.band), Some(WheelBand::Opportunity));
    }

    #[test]
    fn hit_testing_survives_zoom_through_the_viewport() {
        // The canvas maps screen to world by undoing pan and zoom; the same screen point must
        // land in the same band whatever the zoom.
        let geometry = WheelGeometry::new(7).widening(3);
        for zoom in [0.25_f32, 0.5, 1.0, 2.0, 4.0] {
            let screen_centre = pos2(800.0, 450.0);
            for segment in 0..7 {
                for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                    let world = middle_of(&geometry, segment, band);
                    let screen = screen_centre + world.to_vec2() * zoom;
                    let back = Pos2::ZERO + (screen - screen_centre) / zoom;
                    assert_eq!(geometry.hit(back), Some(WheelHit { segment, band }), "zoom {zoom}");
                }
            }
        }
    }

    #[test]
    fn note_slots_stay_inside_their_band_and_never_overlap() {
        for count in 3..=16 {
            for geometry in variants(count) {
                for segment in [0, count / 2, count - 1] {
                    for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                        let slots = geometry.note_slots(segment, band);
                        assert!(!slots.is_empty(), "{count} prompts: somewhere to show the notes");
                        if geometry.widened == Some(segment) {
                            // The selected prompt always has room for notes in both bands.
                            assert!(WheelGeometry::slot_holds_a_note(slots[0]), "{count}: room for a note");
                        }
                        if !WheelGeometry::slot_holds_a_note(slots[0]) {
                            // A count badge: it sits in its own band, and is the only place.
                            assert_eq!(geometry.hit(slots[0].center()), Some(WheelHit { segment, band }));
                            assert_eq!(slots.len(), 1);
                            continue;
                        }
                        for (index, slot) in slots.iter().enumerate() {
                            assert!(geometry.rect_inside_band(*slot, segment, band, NOTE_GAP - 0.01));
                            for other in &slots[index + 1..] {
                                assert!(!slot.intersects(*other), "{count} prompts: slots overlap");
                            }
                        }
                    }
                }
            }
        }
        // With the guide's eleven prompts, the selected one has room for several notes a band.
        let eleven = WheelGeometry::new(11).widening(0);
        assert!(eleven.note_slots(0, WheelBand::Assumption).len() >= 4);
        assert!(eleven.note_slots(0, WheelBand::Opportunity).len() >= 6);
    }

    #[test]
    fn labels_never_overlap_each_other_or_the_wheel_for_3_to_16_prompts() {
        // Sizes like the guide's longest questions: four lines at the top and bottom.
        for count in 3..=16 {
            for geometry in variants(count) {
                let sizes: Vec<Vec2> = (0..count)
                    .map(|segment| {
                        let width = geometry.label_wrap_width(segment);
                        vec2(width, LABEL_FONT_SIZE * LABEL_LINE_HEIGHT * if width < 300.0 { 4.0 } else { 2.0 })
                    })
                    .collect();
                let rects = geometry.place_labels(&sizes);
                for (index, rect) in rects.iter().enumerate() {
                    assert!(rect.distance_to_pos(Pos2::ZERO) >= OUTER_RADIUS, "{count}: label {index} over the wheel");
                    for other in &rects[index + 1..] {
                        assert!(!rect.intersects(*other), "{count} prompts: labels overlap");
                    }
                }
            }
        }
    }
}
