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
        let middle = pos2(f32::midpoint(start.x, end.x), start.y + bow);
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
    pub(super) fn outer_edge_under(&self, left: f32, right: f32) -> f32 {
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
        pos2(f32::midpoint(self.need.point_at(0.0).x, self.need.point_at(1.0).x), ARC_GAP_AT_ENDS / 2.0)
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
            (Some(start), true) => (f32::midpoint(start, edge), edge - start),
            (Some(start), false) => (f32::midpoint(start, 1.0), 1.0 - start),
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
    use crate::canvas::map::card_layout::card_at;

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

    #[test]
    fn a_new_note_goes_to_the_widest_free_stretch() {
        assert_eq!(free_spot(&[]), 0.5);
        assert_eq!(free_spot(&[0.5]), 0.25, "the first of two equal halves");
        assert_eq!(free_spot(&[0.1, 0.2, 0.9]), 0.55);
        assert_eq!(free_spot(&[0.6, 0.7, 0.8, 0.9]), 0.3);
        assert!((free_spot(&[0.0, 0.1, 0.2, 0.3, 0.4]) - 0.7).abs() < 1e-6);
    }
}
