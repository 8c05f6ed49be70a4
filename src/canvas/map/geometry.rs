//! Where things sit on the needs map, in map units, with no drawing in it.
//!
//! The map is laid out once in its own units (about a projector's width across) and then scaled
//! and moved onto the screen by the view's zoom and origin. The need arc is at the top, bowing up, with its
//! notes above it; the help arc is at the bottom, bowing down, with its notes below it; the two
//! face each other across the space where links are drawn. Both continuums run left to right.

use crate::model::MapArc;
use egui::{Pos2, Rect, Vec2, pos2, vec2};
use std::collections::HashMap;

/// How far apart the two ends of each arc are, in map units, unless the map is widened or
/// narrowed to suit the screen (see [`MapFrame::with_width`]).
pub const ARC_WIDTH: f32 = 1650.0;
/// How far each arc's middle bows out beyond its ends.
pub const ARC_BOW: f32 = 50.0;
/// How far apart the two arcs' ends are (centre line to centre line).
pub const ARC_GAP_AT_ENDS: f32 = 215.0;
/// How thick each arc's band is drawn; the stage names are written inside it.
pub const BAND_WIDTH: f32 = 80.0;
/// Space between an arc's band and its nearest notes, and between notes.
pub const NOTE_SPACING: f32 = 12.0;
/// How many rows of notes an arc gets before notes may sit further from their spot.
const MAX_ROWS: usize = 6;
/// How far a note may slide sideways from its spot before it moves out a row instead, as a
/// fraction of its width.
const MAX_SLIDE: f32 = 0.8;

/// One arc of the map: part of a circle, from its start (along = 0) to its end (along = 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArcShape {
    /// Which arc this is.
    pub arc: MapArc,
    /// The circle's centre.
    pub centre: Pos2,
    /// The circle's radius.
    pub radius: f32,
    /// The angle (radians, y down) of the arc's start.
    pub start_angle: f32,
    /// The angle of the arc's end.
    pub end_angle: f32,
}

impl ArcShape {
    /// The arc through `start`, `end` and bowing out by `bow` at its middle; a negative `bow`
    /// bows up (towards smaller y).
    fn through(arc: MapArc, start: Pos2, end: Pos2, bow: f32) -> Self {
        let half_chord = (end.x - start.x) / 2.0;
        let radius = (half_chord * half_chord + bow * bow) / (2.0 * bow.abs());
        let middle = pos2((start.x + end.x) / 2.0, start.y + bow);
        // The centre sits on the far side of the middle from the bow.
        let centre = pos2(middle.x, middle.y - bow.signum() * radius);
        let angle_of = |point: Pos2| (point.y - centre.y).atan2(point.x - centre.x);
        Self { arc, centre, radius, start_angle: angle_of(start), end_angle: angle_of(end) }
    }

    /// Which way, up (-1) or down (+1), this arc's notes sit from it.
    pub fn outward_sign(&self) -> f32 {
        match self.arc {
            MapArc::Need => -1.0,
            MapArc::Help => 1.0,
        }
    }

    fn angle_at(&self, along: f32) -> f32 {
        self.start_angle + (self.end_angle - self.start_angle) * along.clamp(0.0, 1.0)
    }

    /// The point on the arc's centre line at `along` (0 = start, 1 = end).
    pub fn point_at(&self, along: f32) -> Pos2 {
        let angle = self.angle_at(along);
        self.centre + self.radius * vec2(angle.cos(), angle.sin())
    }

    /// Where a note's links leave the arc: the band's edge that faces the other arc, so links
    /// never cover the stage names written in the band.
    pub fn link_anchor(&self, along: f32) -> Pos2 {
        self.point_at(along) - self.outward_at(along) * (BAND_WIDTH / 2.0)
    }

    /// Where a note's leader line from its card meets the arc: the band's edge on the notes' side.
    pub fn leader_end(&self, along: f32) -> Pos2 {
        self.point_at(along) + self.outward_at(along) * (BAND_WIDTH / 2.0)
    }

    /// The unit vector pointing away from the other arc, where this arc's notes sit.
    pub fn outward_at(&self, along: f32) -> Vec2 {
        let angle = self.angle_at(along);
        let radial = vec2(angle.cos(), angle.sin());
        if radial.y * self.outward_sign() >= 0.0 { radial } else { -radial }
    }

    /// The direction the arc runs at `along`, from start towards end.
    pub fn tangent_at(&self, along: f32) -> Vec2 {
        let angle = self.angle_at(along);
        let sign = (self.end_angle - self.start_angle).signum();
        sign * vec2(-angle.sin(), angle.cos())
    }

    /// How far along the arc the point of the arc nearest to `point` is, clamped to the arc.
    pub fn along_nearest(&self, point: Pos2) -> f32 {
        let offset = point - self.centre;
        let angle = offset.y.atan2(offset.x);
        let span = self.end_angle - self.start_angle;
        if span.abs() < f32::EPSILON {
            return 0.0;
        }
        ((angle - self.start_angle) / span).clamp(0.0, 1.0)
    }

    /// The distance from `point` to the arc's centre line (to its nearer end beyond the ends).
    pub fn distance_to(&self, point: Pos2) -> f32 {
        self.point_at(self.along_nearest(point)).distance(point)
    }

    /// The y of the arc's centre line above or below `x` (the circle continued past the ends).
    pub fn y_at(&self, x: f32) -> f32 {
        let dx = (x - self.centre.x).clamp(-self.radius, self.radius);
        self.centre.y + self.outward_sign() * (self.radius * self.radius - dx * dx).sqrt()
    }

    /// The y of the band's outer edge that a note spanning `left..=right` must stay clear of:
    /// the edge at the x nearest the arc's middle, where the arc bows out furthest.
    fn outer_edge_under(&self, left: f32, right: f32) -> f32 {
        let nearest_middle = self.centre.x.clamp(left, right);
        self.y_at(nearest_middle) + self.outward_sign() * BAND_WIDTH / 2.0
    }
}

/// Both arcs of the map, in map units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapFrame {
    /// "What is the need?", at the top.
    pub need: ArcShape,
    /// "Potential sources of help", at the bottom.
    pub help: ArcShape,
}

impl Default for MapFrame {
    fn default() -> Self {
        Self::with_width(ARC_WIDTH)
    }
}

impl MapFrame {
    /// Both arcs with their ends `width` apart. A wider map holds more notes side by side and so
    /// needs fewer rows of them: wide suits a wide screen, narrow a tall one.
    pub fn with_width(width: f32) -> Self {
        let need_y = 0.0;
        let help_y = ARC_GAP_AT_ENDS;
        Self {
            need: ArcShape::through(MapArc::Need, pos2(0.0, need_y), pos2(width, need_y), -ARC_BOW),
            help: ArcShape::through(MapArc::Help, pos2(0.0, help_y), pos2(width, help_y), ARC_BOW),
        }
    }

    /// The middle of the space between the arcs.
    pub fn centre(&self) -> Pos2 {
        pos2((self.need.point_at(0.0).x + self.need.point_at(1.0).x) / 2.0, ARC_GAP_AT_ENDS / 2.0)
    }

    /// One arc's shape.
    pub fn arc(&self, arc: MapArc) -> &ArcShape {
        match arc {
            MapArc::Need => &self.need,
            MapArc::Help => &self.help,
        }
    }

    /// The arc whose band is within `reach` of `point`, nearest first, and how far along it.
    pub fn arc_near(&self, point: Pos2, reach: f32) -> Option<(MapArc, f32)> {
        [&self.need, &self.help]
            .into_iter()
            .map(|shape| (shape, shape.distance_to(point)))
            .filter(|(_, distance)| *distance <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(shape, _)| (shape.arc, shape.along_nearest(point)))
    }

    /// The rectangle that holds both bands.
    pub fn bands_rect(&self) -> Rect {
        let mut rect = Rect::NOTHING;
        for shape in [&self.need, &self.help] {
            for step in 0..=20 {
                let point = shape.point_at(step as f32 / 20.0);
                rect = rect.union(Rect::from_center_size(point, Vec2::splat(BAND_WIDTH)));
            }
        }
        rect
    }
}

/// Places note cards beside `shape` so that none overlaps another or the arc's band.
///
/// `cards` gives each note's spot along the arc and its size; the result has one rectangle per
/// card, in the same order. Notes sit as close to their spot as they can: side by side in the row
/// nearest the arc, sliding a little sideways when neighbours crowd them, and fanning out into
/// further rows when a spot is taken.
pub fn layout_cards(shape: &ArcShape, cards: &[(f32, Vec2)]) -> Vec<Rect> {
    let rows = choose_rows(shape, cards);
    stack_rows(shape, cards, &rows)
}

/// Each card's row and left edge, decided left to right along the arc.
struct Rows {
    /// The cards in order along the arc.
    order: Vec<usize>,
    /// Each card's left edge.
    lefts: Vec<f32>,
    /// Each card's row, 0 nearest the arc.
    rows: Vec<usize>,
    /// How many rows there are.
    count: usize,
}

fn choose_rows(shape: &ArcShape, cards: &[(f32, Vec2)]) -> Rows {
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by(|&a, &b| cards[a].0.total_cmp(&cards[b].0).then(a.cmp(&b)));

    // First decide each card's row and left edge, left to right.
    let mut row_ends: Vec<f32> = Vec::new();
    let mut lefts = vec![0.0; cards.len()];
    let mut rows = vec![0; cards.len()];
    for &index in &order {
        let (along, size) = cards[index];
        let wanted_left = shape.point_at(along).x - size.x / 2.0;
        let left_in = |row: usize, row_ends: &[f32]| {
            row_ends.get(row).map_or(wanted_left, |&end| wanted_left.max(end + NOTE_SPACING))
        };
        let fitting_row = (0..MAX_ROWS)
            .find(|&row| left_in(row, &row_ends) - wanted_left <= MAX_SLIDE * size.x)
            .unwrap_or_else(|| {
                (0..MAX_ROWS)
                    .min_by(|&a, &b| left_in(a, &row_ends).total_cmp(&left_in(b, &row_ends)))
                    .unwrap_or_default()
            });
        let left = left_in(fitting_row, &row_ends);
        if row_ends.len() <= fitting_row {
            row_ends.resize(fitting_row + 1, f32::NEG_INFINITY);
        }
        row_ends[fitting_row] = left + size.x;
        lefts[index] = left;
        rows[index] = fitting_row;
    }
    Rows { order, lefts, rows, count: row_ends.len() }
}

/// Places the cards in their rows, stacked out from the arc.
fn stack_rows(shape: &ArcShape, cards: &[(f32, Vec2)], rows: &Rows) -> Vec<Rect> {
    let Rows { order, lefts, rows, count } = rows;
    // Stack them out from the arc, row by row, each card just clear of the band and of
    // every card already placed that it would otherwise overlap. The cards of one row stand left
    // to right without overlapping, so those beside a card are found by a binary search in each
    // earlier row rather than by a pass over every card placed.
    let outward = shape.outward_sign();
    let mut by_row = order.clone();
    by_row.sort_by_key(|&index| rows[index]);
    let mut rects: Vec<Rect> = vec![Rect::NOTHING; cards.len()];
    // Per row, the cards placed in it: (left, right, outer edge), left to right.
    let mut placed_rows: Vec<Vec<(f32, f32, f32)>> = vec![Vec::new(); *count];
    for &index in &by_row {
        let size = cards[index].1;
        let (left, right) = (lefts[index], lefts[index] + size.x);
        let mut inner_edge = shape.outer_edge_under(left, right) + outward * NOTE_SPACING;
        for placed in &placed_rows[..=rows[index]] {
            let first = placed.partition_point(|&(_, placed_right, _)| placed_right + NOTE_SPACING <= left);
            for &(placed_left, _, placed_outer) in &placed[first..] {
                if placed_left >= right + NOTE_SPACING {
                    break;
                }
                let clear_of_placed = placed_outer + outward * NOTE_SPACING;
                inner_edge =
                    if outward < 0.0 { inner_edge.min(clear_of_placed) } else { inner_edge.max(clear_of_placed) };
            }
        }
        let top = if outward < 0.0 { inner_edge - size.y } else { inner_edge };
        let rect = Rect::from_min_size(pos2(left, top), size);
        rects[index] = rect;
        let outer = if outward < 0.0 { rect.top() } else { rect.bottom() };
        placed_rows[rows[index]].push((left, right, outer));
    }
    rects
}

/// The middle of a card's edge that faces its arc, where its leader line starts.
pub fn card_inner_edge(shape: &ArcShape, card: Rect, along: f32) -> Pos2 {
    let spot_x = shape.point_at(along).x.clamp(card.left() + 12.0, card.right() - 12.0);
    if shape.outward_sign() < 0.0 { pos2(spot_x, card.bottom()) } else { pos2(spot_x, card.top()) }
}

/// The index of the top-most card (the last in `cards`) that contains `point`.
pub fn card_at(cards: &[Rect], point: Pos2) -> Option<usize> {
    cards.iter().rposition(|card| card.contains(point))
}

/// The four control points of the curve drawn for a link, from the need's link anchor to the
/// help's, leaving each arc square to it.
pub fn link_curve(frame: &MapFrame, need_along: f32, help_along: f32) -> [Pos2; 4] {
    let from = frame.need.link_anchor(need_along);
    let to = frame.help.link_anchor(help_along);
    curve_between(from, -frame.need.outward_at(need_along), to, -frame.help.outward_at(help_along))
}

/// A curve from `from` leaving in direction `leave` to `to` arriving from direction `arrive`
/// (both unit vectors pointing into the space between).
pub fn curve_between(from: Pos2, leave: Vec2, to: Pos2, arrive: Vec2) -> [Pos2; 4] {
    let reach = from.distance(to) * 0.4;
    [from, from + leave * reach, to + arrive * reach, to]
}

/// The point at `t` (0..=1) along a cubic Bézier curve.
pub fn curve_point(curve: &[Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let weights = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    let mut point = Vec2::ZERO;
    for (control, weight) in curve.iter().zip(weights) {
        point += control.to_vec2() * weight;
    }
    point.to_pos2()
}

/// The curve as `segments` straight pieces, for drawing dashes and for hit-testing.
pub fn curve_polyline(curve: &[Pos2; 4], segments: usize) -> Vec<Pos2> {
    let segments = segments.max(1);
    (0..=segments).map(|step| curve_point(curve, step as f32 / segments as f32)).collect()
}

/// The distance from `point` to the nearest piece of a polyline.
pub fn distance_to_polyline(points: &[Pos2], point: Pos2) -> f32 {
    let segment_distance = |a: Pos2, b: Pos2| {
        let along = b - a;
        let length_squared = along.length_sq();
        let t = if length_squared > 0.0 { ((point - a).dot(along) / length_squared).clamp(0.0, 1.0) } else { 0.0 };
        (a + along * t).distance(point)
    };
    match points {
        [] => f32::INFINITY,
        [only] => only.distance(point),
        _ => points.windows(2).map(|pair| segment_distance(pair[0], pair[1])).fold(f32::INFINITY, f32::min),
    }
}

/// Where to put each link's kind marker: on its curve, as near the middle as possible without
/// covering an earlier marker (markers are discs of `radius`).
pub fn place_markers(curves: &[[Pos2; 4]], radius: f32) -> Vec<Pos2> {
    const TRIES: [f32; 9] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];
    // Markers placed so far, filed in square cells one marker wide, so only the nine cells
    // around a spot need checking rather than every marker.
    let cell_size = (2.0 * radius).max(f32::EPSILON);
    let cell_of = |spot: Pos2| ((spot.x / cell_size).floor() as i64, (spot.y / cell_size).floor() as i64);
    let mut cells: HashMap<(i64, i64), Vec<Pos2>> = HashMap::new();
    let mut placed: Vec<Pos2> = Vec::with_capacity(curves.len());
    for curve in curves {
        let clear = |spot: Pos2| {
            let (x, y) = cell_of(spot);
            (x - 1..=x + 1).all(|cx| {
                (y - 1..=y + 1).all(|cy| {
                    cells
                        .get(&(cx, cy))
                        .is_none_or(|near| near.iter().all(|other| other.distance(spot) >= 2.0 * radius))
                })
            })
        };
        let spot = TRIES
            .iter()
            .map(|&t| curve_point(curve, t))
            .find(|&spot| clear(spot))
            .unwrap_or_else(|| curve_point(curve, 0.5));
        cells.entry(cell_of(spot)).or_default().push(spot);
        placed.push(spot);
    }
    placed
}

/// The middle of the widest stretch of an arc that no note sits on, given the notes' spots;
/// where a new note goes when the person has not pointed at a spot.
pub fn free_spot(taken: &[f32]) -> f32 {
    let mut edges: Vec<f32> = taken.iter().map(|along| along.clamp(0.0, 1.0)).collect();
    edges.sort_by(f32::total_cmp);
    // The stretches before the first note and after the last run to the arc's ends.
    let mut best = (0.5, f32::NEG_INFINITY);
    let mut previous = None::<f32>;
    for &edge in edges.iter().chain(std::iter::once(&f32::INFINITY)) {
        let (spot, width) = match (previous, edge.is_finite()) {
            (None, true) => (edge / 2.0, edge),
            (Some(start), true) => ((start + edge) / 2.0, edge - start),
            (Some(start), false) => ((start + 1.0) / 2.0, 1.0 - start),
            (None, false) => (0.5, 1.0),
        };
        if width > best.1 {
            best = (spot, width);
        }
        previous = Some(edge);
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn arcs_run_left_to_right_and_bow_away_from_each_other() {
        let frame = MapFrame::default();
        for shape in [&frame.need, &frame.help] {
            let (start, end) = (shape.point_at(0.0), shape.point_at(1.0));
            assert!(close(start.x, 0.0) && close(end.x, ARC_WIDTH), "{:?} spans the width", shape.arc);
            let middle = shape.point_at(0.5);
            assert!(close(middle.x, ARC_WIDTH / 2.0));
            assert!(close((middle.y - start.y).abs(), ARC_BOW), "{:?} bows by {ARC_BOW}", shape.arc);
        }
        assert!(frame.need.point_at(0.5).y < frame.need.point_at(0.0).y, "the need arc bows up");
        assert!(frame.help.point_at(0.5).y > frame.help.point_at(0.0).y, "the help arc bows down");
        assert!(frame.need.outward_at(0.3).y < 0.0 && frame.help.outward_at(0.3).y > 0.0);
        assert!(frame.need.tangent_at(0.5).x > 0.99 && frame.help.tangent_at(0.5).x > 0.99);
        assert!(frame.centre().distance(pos2(ARC_WIDTH / 2.0, ARC_GAP_AT_ENDS / 2.0)) < 1e-3);

        let wide = MapFrame::with_width(2.0 * ARC_WIDTH);
        assert!(close(wide.help.point_at(1.0).x, 2.0 * ARC_WIDTH), "a wider frame's arcs reach further");
        assert!(close((wide.need.point_at(0.5).y - wide.need.point_at(0.0).y).abs(), ARC_BOW), "and bow as much");
    }

    #[test]
    fn point_and_fraction_round_trip_on_both_arcs() {
        let frame = MapFrame::default();
        for shape in [&frame.need, &frame.help] {
            for step in 0..=10 {
                let along = step as f32 / 10.0;
                let point = shape.point_at(along);
                assert!(close(shape.along_nearest(point), along), "{:?} at {along}", shape.arc);
                assert!(shape.distance_to(point) < 1e-2);
                assert!(close(shape.y_at(point.x), point.y), "y_at agrees with point_at");
                // A point out beside the arc projects back to the same spot.
                let beside = point + shape.outward_at(along) * 120.0;
                assert!(close(shape.along_nearest(beside), along));
                assert!((shape.distance_to(beside) - 120.0).abs() < 0.01);
            }
            assert_eq!(shape.along_nearest(pos2(-500.0, 0.0)), 0.0, "left of the arc clamps to its start");
            assert_eq!(shape.along_nearest(pos2(ARC_WIDTH + 500.0, 0.0)), 1.0, "right clamps to its end");
        }
    }

    #[test]
    fn hit_testing_finds_the_nearer_arc_only_within_reach() {
        let frame = MapFrame::default();
        let on_need = frame.need.point_at(0.25) + vec2(0.0, 10.0);
        let (arc, along) = frame.arc_near(on_need, 30.0).expect("near the need arc");
        assert_eq!(arc, MapArc::Need);
        assert!((along - 0.25).abs() < 0.01);
        assert_eq!(frame.arc_near(frame.help.point_at(0.8), 30.0).map(|(arc, _)| arc), Some(MapArc::Help));
        let between = pos2(ARC_WIDTH / 2.0, ARC_GAP_AT_ENDS / 2.0);
        assert_eq!(frame.arc_near(between, 30.0), None, "the middle of the map is on no arc");

        let cards = [
            Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 50.0)),
            Rect::from_min_size(pos2(50.0, 0.0), vec2(100.0, 50.0)),
        ];
        assert_eq!(card_at(&cards, pos2(75.0, 25.0)), Some(1), "the card drawn on top wins");
        assert_eq!(card_at(&cards, pos2(25.0, 25.0)), Some(0));
        assert_eq!(card_at(&cards, pos2(25.0, 80.0)), None);
    }

    #[test]
    fn curves_join_the_two_spots_and_can_be_hit() {
        let frame = MapFrame::default();
        let curve = link_curve(&frame, 0.2, 0.7);
        assert_eq!(curve[0], frame.need.link_anchor(0.2));
        assert_eq!(curve[3], frame.help.link_anchor(0.7));
        assert!(curve[0].y > frame.need.point_at(0.2).y, "links leave the need band from its lower edge");
        assert!(curve[3].y < frame.help.point_at(0.7).y, "and reach the help band at its upper edge");
        assert!(frame.need.leader_end(0.2).y < frame.need.point_at(0.2).y, "leaders meet the band on the notes' side");
        let line = curve_polyline(&curve, 24);
        assert_eq!(line.len(), 25);
        assert!(distance_to_polyline(&line, curve_point(&curve, 0.37)) < 2.0);
        assert!(distance_to_polyline(&line, pos2(ARC_WIDTH + 300.0, 0.0)) > 200.0);
        assert_eq!(distance_to_polyline(&[], pos2(0.0, 0.0)), f32::INFINITY);
    }

    #[test]
    fn markers_of_links_that_share_a_middle_move_apart() {
        let frame = MapFrame::default();
        // Crossing links whose middles coincide.
        let curves = [link_curve(&frame, 0.3, 0.7), link_curve(&frame, 0.7, 0.3), link_curve(&frame, 0.5, 0.5)];
        let markers = place_markers(&curves, 14.0);
        for (i, a) in markers.iter().enumerate() {
            for b in &markers[i + 1..] {
                assert!(a.distance(*b) >= 28.0, "markers overlap: {a:?} {b:?}");
            }
        }
        for (marker, curve) in markers.iter().zip(&curves) {
            assert!(
                distance_to_polyline(&curve_polyline(curve, 64), *marker) < 1.0,
                "each marker sits on its own curve"
            );
        }
    }

    fn assert_no_overlaps(shape: &ArcShape, rects: &[Rect]) {
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!a.shrink(0.01).intersects(*b), "notes overlap: {a:?} and {b:?}");
            }
            // Clear of the band everywhere under the card.
            for step in 0..=10 {
                let x = a.left() + a.width() * step as f32 / 10.0;
                let band_edge = shape.y_at(x) + shape.outward_sign() * BAND_WIDTH / 2.0;
                let clear = if shape.outward_sign() < 0.0 { a.bottom() <= band_edge } else { a.top() >= band_edge };
                assert!(clear, "{:?} note {a:?} covers the band at x {x}", shape.arc);
            }
        }
    }

    #[test]
    fn notes_at_one_spot_fan_out_without_hiding_each_other() {
        let frame = MapFrame::default();
        for shape in [&frame.need, &frame.help] {
            let cards = vec![(0.5, vec2(240.0, 90.0)); 15];
            let rects = layout_cards(shape, &cards);
            assert_eq!(rects.len(), 15);
            assert_no_overlaps(shape, &rects);
            let spot = shape.point_at(0.5).x;
            let nearest = rects.iter().map(|rect| (rect.center().x - spot).abs()).fold(f32::INFINITY, f32::min);
            assert!(nearest < 1.0, "one note stays right at the spot");
            // Every note is on the arc's own side.
            for rect in &rects {
                assert!((rect.center().y - shape.point_at(0.5).y) * shape.outward_sign() > 0.0);
            }
        }
    }

    #[test]
    fn spread_out_notes_sit_on_their_spots_in_one_row() {
        let frame = MapFrame::default();
        let cards: Vec<(f32, Vec2)> = (0..5).map(|i| (0.1 + 0.2 * i as f32, vec2(200.0, 80.0))).collect();
        let rects = layout_cards(&frame.need, &cards);
        assert_no_overlaps(&frame.need, &rects);
        for ((along, _), rect) in cards.iter().zip(&rects) {
            assert!((rect.center().x - frame.need.point_at(*along).x).abs() < 0.5, "note at {along} is on its spot");
            let band_edge = frame.need.y_at(rect.center().x) - BAND_WIDTH / 2.0;
            assert!(band_edge - rect.bottom() < 80.0, "note at {along} is in the row next to the arc");
        }
        // The leader line starts on the card edge that faces the arc.
        let edge = card_inner_edge(&frame.need, rects[0], cards[0].0);
        assert!(close(edge.y, rects[0].bottom()));
    }

    proptest! {
        #[test]
        fn no_layout_of_notes_overlaps(
            notes in proptest::collection::vec((0.0f32..=1.0, 120.0f32..320.0, 40.0f32..160.0), 0..40),
            help in any::<bool>(),
        ) {
            let frame = MapFrame::default();
            let shape = if help { &frame.help } else { &frame.need };
            let cards: Vec<(f32, Vec2)> = notes.iter().map(|&(along, w, h)| (along, vec2(w, h))).collect();
            let rects = layout_cards(shape, &cards);
            prop_assert_eq!(rects.len(), cards.len());
            for (rect, (_, size)) in rects.iter().zip(&cards) {
                prop_assert!((rect.size() - *size).length() < 1e-3, "cards keep their size");
            }
            assert_no_overlaps(shape, &rects);
        }
    }

    /// The stacking step of [`layout_cards`] done the plain way, against every card placed so
    /// far, to check that the binary search in each row finds the same places.
    fn stacked_plainly(shape: &ArcShape, cards: &[(f32, Vec2)], rows: &Rows) -> Vec<Rect> {
        let outward = shape.outward_sign();
        let mut by_row = rows.order.clone();
        by_row.sort_by_key(|&index| rows.rows[index]);
        let mut rects = vec![Rect::NOTHING; cards.len()];
        for &index in &by_row {
            let (left, right) = (rows.lefts[index], rows.lefts[index] + cards[index].1.x);
            let mut inner_edge = shape.outer_edge_under(left, right) + outward * NOTE_SPACING;
            for placed in rects.iter().filter(|rect| rect.is_positive()) {
                if placed.left() < right + NOTE_SPACING && left < placed.right() + NOTE_SPACING {
                    let clear = if outward < 0.0 { placed.top() } else { placed.bottom() } + outward * NOTE_SPACING;
                    inner_edge = if outward < 0.0 { inner_edge.min(clear) } else { inner_edge.max(clear) };
                }
            }
            let top = if outward < 0.0 { inner_edge - cards[index].1.y } else { inner_edge };
            rects[index] = Rect::from_min_size(pos2(left, top), cards[index].1);
        }
        rects
    }

    #[test]
    fn thousands_of_notes_lay_out_without_overlaps_and_markers_keep_apart() {
        // The layout finds a card's neighbours by binary search in each row; at this size every
        // row holds hundreds of cards, so a wrong search would show as overlaps.
        let frame = MapFrame::default();
        let mut seed = 12_345_u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) as f32 / (1 << 24) as f32
        };
        for shape in [&frame.need, &frame.help] {
            let cards: Vec<(f32, Vec2)> = (0..1_500).map(|_| (next(), vec2(220.0, 60.0 + 60.0 * next()))).collect();
            let rects = layout_cards(shape, &cards);
            assert_no_overlaps(shape, &rects);
            assert_eq!(rects, stacked_plainly(shape, &cards, &choose_rows(shape, &cards)));
        }
        let curves: Vec<[Pos2; 4]> = (0..1_500).map(|_| link_curve(&frame, next(), next())).collect();
        let markers = place_markers(&curves, 14.0);
        for (index, (curve, marker)) in curves.iter().zip(&markers).enumerate() {
            let clear = markers[..index].iter().all(|earlier| earlier.distance(*marker) >= 28.0);
            // Where every try is covered, a marker falls back to its curve's middle.
            assert!(clear || *marker == curve_point(curve, 0.5), "marker {index} covers an earlier one");
        }
    }

    #[test]
    fn a_new_note_goes_to_the_widest_free_stretch() {
        assert_eq!(free_spot(&[]), 0.5);
        assert_eq!(free_spot(&[0.5]), 0.25, "the first of two equal halves");
        assert_eq!(free_spot(&[0.1, 0.2, 0.9]), 0.55);
        assert_eq!(free_spot(&[0.6, 0.7, 0.8, 0.9]), 0.3);
        assert!((free_spot(&[0.0, 0.1, 0.2, 0.3, 0.4]) - 0.7).abs() < 1e-6);
    }
}
