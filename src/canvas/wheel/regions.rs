//! Sharing one ring of one prompt out between its notes: each note a region of the ring's
//! annular sector, and in each region the largest upright rectangle that fits.
//!
//! Pure arithmetic (no fonts), so it is unit tested. The layout ([`super::layout`]) tries several
//! ways of sharing a ring out (side by side, one inside another, rows of them) and keeps the one
//! whose notes get the largest type.

use super::geometry::WheelGeometry;
use egui::{Pos2, Rect, vec2};
use std::f32::consts::TAU;

/// Part of an annular sector: the angles it spans (clockwise, in radians) and its radii.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    /// Where it starts, going clockwise.
    pub start: f32,
    /// Where it ends.
    pub end: f32,
    /// Its inner radius.
    pub inner: f32,
    /// Its outer radius.
    pub outer: f32,
}

/// The sines and cosines of a region's start and end angles.
#[derive(Clone, Copy, Debug)]
struct Rays {
    start_sin: f32,
    start_cos: f32,
    end_sin: f32,
    end_cos: f32,
}

/// The shapes of rectangle tried in a region, width over height: from tall and narrow (a region
/// at twelve o'clock) to wide and short (one at three o'clock).
const ASPECTS: [f32; 6] = [0.6, 1.0, 1.6, 2.5, 4.0, 6.5];

impl Region {
    /// Whether `rect` lies inside the region, `margin` in from every edge.
    pub fn holds(&self, rect: Rect, margin: f32) -> bool {
        self.holds_between(&self.rays(), rect, margin)
    }

    /// The sines and cosines of the region's edge angles, worked out once for the many
    /// rectangles a search tries.
    fn rays(&self) -> Rays {
        let (start_sin, start_cos) = self.start.sin_cos();
        let (end_sin, end_cos) = self.end.sin_cos();
        Rays { start_sin, start_cos, end_sin, end_cos }
    }

    /// [`Self::holds`], with the region's [`Rays`] worked out already.
    fn holds_between(&self, rays: &Rays, rect: Rect, margin: f32) -> bool {
        if self.end - self.start >= TAU / 2.0 {
            return false;
        }
        let corners = [rect.left_top(), rect.right_top(), rect.left_bottom(), rect.right_bottom()];
        // The wedge between two rays is convex when narrower than half a turn, and the disc of
        // the outer edge is convex, so checking the corners is enough for both; the inner edge
        // is a hole, so the rectangle's nearest point is checked against it. Each corner is
        // `margin` or more from each ray (its distance from the ray's line, by a cross product:
        // this runs thousands of times a ring, so no angles are worked out).
        let reach = (self.outer - margin).max(0.0);
        if !corners.iter().all(|corner| corner.to_vec2().length_sq() <= reach * reach)
            || rect.distance_to_pos(Pos2::ZERO) < self.inner + margin
        {
            return false;
        }
        let Rays { start_sin, start_cos, end_sin, end_cos } = *rays;
        corners.iter().all(|corner| {
            start_cos * corner.y - start_sin * corner.x >= margin && corner.x * end_sin - corner.y * end_cos >= margin
        })
    }

    /// The largest upright rectangle of each shape in [`ASPECTS`] that the region holds,
    /// `margin` in from its edges, largest first; none for a region too small for any.
    pub fn largest_rects(&self, margin: f32) -> Vec<Rect> {
        let mut found: Vec<Rect> = ASPECTS.iter().filter_map(|&aspect| self.largest_of_shape(aspect, margin)).collect();
        found.sort_by(|a, b| b.area().total_cmp(&a.area()));
        found
    }

    /// The largest upright rectangle `aspect` times as wide as it is tall that the region holds:
    /// tried about centres spread over the region, each grown as far as it fits.
    fn largest_of_shape(&self, aspect: f32, margin: f32) -> Option<Rect> {
        let shape = vec2(aspect, 1.0) / (1.0 + aspect * aspect).sqrt();
        // No rectangle is longer than the region's widest chord: the outer edge's diameter.
        let most = 2.0 * self.outer;
        let rays = self.rays();
        let mut best: Option<Rect> = None;
        for radial in [0.25, 0.5, 0.75] {
            let radius = self.inner + (self.outer - self.inner) * radial;
            for along in [0.25, 0.5, 0.75] {
                let angle = self.start + (self.end - self.start) * along;
                let centre = WheelGeometry::point(angle, radius);
                let rect_of = |diagonal: f32| Rect::from_center_size(centre, shape * diagonal);
                if !self.holds_between(&rays, rect_of(1.0), margin) {
                    continue;
                }
                let (mut fits, mut fails) = (1.0_f32, most);
                if self.holds_between(&rays, rect_of(fails), margin) {
                    fits = fails;
                }
                // A tenth of a unit is finer than any screen shows.
                while fails - fits > 0.1 * fits.max(1.0) / 8.0 && fails > fits {
                    let middle = f32::midpoint(fits, fails);
                    if self.holds_between(&rays, rect_of(middle), margin) { fits = middle } else { fails = middle }
                }
                let rect = rect_of(fits);
                if best.is_none_or(|best| rect.area() > best.area()) {
                    best = Some(rect);
                }
            }
        }
        best
    }

    /// The region's extent across (x) and down (y) the screen.
    pub fn bounds(&self) -> Rect {
        let steps = 32;
        let points = (0..=steps).flat_map(|step| {
            let angle = self.start + (self.end - self.start) * step as f32 / steps as f32;
            [WheelGeometry::point(angle, self.inner), WheelGeometry::point(angle, self.outer)]
        });
        Rect::from_points(&points.collect::<Vec<Pos2>>())
    }

    /// The largest upright rectangle the region holds between `low` and `high` down the screen
    /// (across it, when `across` is false: between `low` and `high` along x), `margin` in from
    /// the region's edges: as thick as the slab where the region allows, thinner at its tips.
    pub fn widest_in_slab(&self, low: f32, high: f32, across: bool, margin: f32) -> Option<Rect> {
        let bounds = self.bounds();
        let (from, to) = if across { (bounds.min.x, bounds.max.x) } else { (bounds.min.y, bounds.max.y) };
        let rect_of = |(start, end): (f32, f32), centre: f32, half: f32| {
            if across {
                Rect::from_min_max(Pos2::new(centre - half, start), Pos2::new(centre + half, end))
            } else {
                Rect::from_min_max(Pos2::new(start, centre - half), Pos2::new(end, centre + half))
            }
        };
        let rays = self.rays();
        let samples = 10;
        let thickness = high - low;
        let mut best: Option<Rect> = None;
        for share in [1.0, 0.7, 0.45] {
            let thick = thickness * share;
            let places = if share < 1.0 { vec![low, low + (thickness - thick) / 2.0, high - thick] } else { vec![low] };
            for place in places {
                let span = (place, place + thick);
                for sample in 0..samples {
                    let centre = from + (to - from) * (sample as f32 + 0.5) / samples as f32;
                    if !self.holds_between(&rays, rect_of(span, centre, 0.5), margin) {
                        continue;
                    }
                    let (mut fits, mut fails) = (0.5_f32, (to - from) / 2.0 + 1.0);
                    while fails - fits > 0.25 {
                        let middle = f32::midpoint(fits, fails);
                        if self.holds_between(&rays, rect_of(span, centre, middle), margin) {
                            fits = middle;
                        } else {
                            fails = middle;
                        }
                    }
                    let rect = rect_of(span, centre, fits);
                    if best.is_none_or(|best| rect.area() > best.area()) {
                        best = Some(rect);
                    }
                }
            }
        }
        best
    }

    /// The region cut into slabs one above another (`across`: each as wide as fits; otherwise
    /// side by side, each as tall as fits), the slabs' thicknesses in proportion to `shares`,
    /// then once more so that each slab's area, not its thickness, goes by its share. The widest
    /// rectangle of each slab, `margin` in from the edges; `None` for a slab that holds none.
    pub fn slabs(&self, shares: &[f32], across: bool, margin: f32) -> Vec<Vec<Option<Rect>>> {
        let bounds = self.bounds();
        let (from, to) = if across { (bounds.min.y, bounds.max.y) } else { (bounds.min.x, bounds.max.x) };
        let cut = |thicknesses: &[f32]| -> Vec<Option<Rect>> {
            let total: f32 = thicknesses.iter().sum();
            let mut low = from;
            thicknesses
                .iter()
                .map(|thickness| {
                    let high = low + (to - from) * thickness / total.max(f32::EPSILON);
                    let rect = self.widest_in_slab(low + margin / 2.0, high - margin / 2.0, across, margin);
                    low = high;
                    rect
                })
                .collect()
        };
        let first = cut(shares);
        let lengths: Vec<f32> = first
            .iter()
            .map(|rect| rect.map_or(1.0, |rect| if across { rect.width() } else { rect.height() }).max(1.0))
            .collect();
        let evened: Vec<f32> = shares.iter().zip(&lengths).map(|(share, length)| share / length).collect();
        let second = cut(&evened);
        vec![first, second]
    }

    /// The region cut into side-by-side regions along its arc, each spanning `shares` of its
    /// angle (shares summing to one).
    pub fn side_by_side(&self, shares: &[f32]) -> Vec<Region> {
        let span = self.end - self.start;
        let mut start = self.start;
        shares
            .iter()
            .map(|share| {
                let end = start + span * share;
                let region = Region { start, end, ..*self };
                start = end;
                region
            })
            .collect()
    }

    /// The region cut into rings one inside another, each taking `shares` of its area.
    pub fn one_inside_another(&self, shares: &[f32]) -> Vec<Region> {
        let (inner_squared, outer_squared) = (self.inner * self.inner, self.outer * self.outer);
        let mut inner = self.inner;
        let mut taken = 0.0;
        shares
            .iter()
            .map(|share| {
                taken += share;
                let outer = (inner_squared + (outer_squared - inner_squared) * taken.min(1.0)).sqrt();
                let region = Region { inner, outer, ..*self };
                inner = outer;
                region
            })
            .collect()
    }
}

/// How many of `shares`, in order, go in each of `groups` consecutive groups, so that the
/// groups' totals are as even as the order allows; no group empty.
pub fn even_groups(shares: &[f32], groups: usize) -> Vec<usize> {
    let groups = groups.clamp(1, shares.len().max(1));
    let total: f32 = shares.iter().sum();
    let mut sizes = Vec::with_capacity(groups);
    let (mut taken, mut start) = (0.0, 0);
    for group in 1..groups {
        let target = total * group as f32 / groups as f32;
        let mut end = start + 1;
        taken += shares[start];
        // Take the next share too while that brings the total nearer the target, leaving at
        // least one for each group still to come.
        while end < shares.len() - (groups - group) && (taken + shares[end] - target).abs() < (taken - target).abs() {
            taken += shares[end];
            end += 1;
        }
        sizes.push(end - start);
        start = end;
    }
    sizes.push(shares.len() - start);
    sizes
}

/// The ways of sharing `ring` out between items with text shares `shares` (summing to one): side
/// by side, one inside another, and in rows (inner to outer) or columns of side-by-side items.
pub fn partitions(ring: Region, shares: &[f32]) -> Vec<Vec<Region>> {
    let count = shares.len();
    if count <= 1 {
        return vec![vec![ring]];
    }
    let mut ways = vec![ring.side_by_side(shares), ring.one_inside_another(shares)];
    for groups in 2..=count.min(3) {
        if groups == count {
            continue;
        }
        let sizes = even_groups(shares, groups);
        let mut group_shares = Vec::with_capacity(groups);
        let mut start = 0;
        for size in &sizes {
            let total: f32 = shares[start..start + size].iter().sum();
            group_shares.push((start, *size, total));
            start += size;
        }
        let totals: Vec<f32> = group_shares.iter().map(|&(_, _, total)| total).collect();
        let within = |start: usize, size: usize, total: f32| -> Vec<f32> {
            shares[start..start + size].iter().map(|share| share / total.max(f32::EPSILON)).collect()
        };
        // Rows: rings one inside another, the items of each side by side.
        let rows: Vec<Region> = ring
            .one_inside_another(&totals)
            .into_iter()
            .zip(&group_shares)
            .flat_map(|(row, &(start, size, total))| row.side_by_side(&within(start, size, total)))
            .collect();
        // Columns: side by side, the items of each one inside another.
        let columns: Vec<Region> = ring
            .side_by_side(&totals)
            .into_iter()
            .zip(&group_shares)
            .flat_map(|(column, &(start, size, total))| column.one_inside_another(&within(start, size, total)))
            .collect();
        ways.push(rows);
        ways.push(columns);
    }
    ways
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f32::consts::FRAC_PI_2;

    fn ring(start: f32, end: f32) -> Region {
        Region { start, end, inner: 285.0, outer: 435.0 }
    }

    #[test]
    fn the_largest_rectangle_fits_and_takes_its_shape_from_where_the_region_is() {
        // A narrow sector at twelve o'clock wants a wide, short card less than one at three.
        let top = ring(-FRAC_PI_2 - 0.3, -FRAC_PI_2 + 0.3);
        let side = ring(-0.3, 0.3);
        for region in [top, side] {
            let rects = region.largest_rects(2.0);
            assert!(!rects.is_empty());
            for rect in &rects {
                assert!(region.holds(*rect, 2.0));
            }
        }
        let best_top = top.largest_rects(2.0)[0];
        let best_side = side.largest_rects(2.0)[0];
        assert!(best_top.width() > best_top.height(), "across the top the ring runs sideways: {best_top:?}");
        assert!(best_side.height() > best_side.width(), "down the side it runs up and down: {best_side:?}");
        // Most of a sector's room is used: more than a third of its area.
        let area = |region: Region| 0.6 / 2.0 * (region.outer.powi(2) - region.inner.powi(2));
        assert!(best_top.area() > area(top) / 3.0, "{best_top:?}");
    }

    #[test]
    fn partitions_cover_the_ring_without_overlapping() {
        let whole = ring(0.2, 1.4);
        let shares = [0.5, 0.2, 0.3];
        for way in partitions(whole, &shares) {
            assert_eq!(way.len(), 3);
            let area: f32 = way
                .iter()
                .map(|region| (region.end - region.start) / 2.0 * (region.outer.powi(2) - region.inner.powi(2)))
                .sum();
            let whole_area = (whole.end - whole.start) / 2.0 * (whole.outer.powi(2) - whole.inner.powi(2));
            assert!((area - whole_area).abs() < whole_area * 1e-3, "{way:?}");
        }
        assert_eq!(even_groups(&[0.1, 0.1, 0.6, 0.2], 2), vec![2, 2]);
        assert_eq!(even_groups(&[0.7, 0.1, 0.1, 0.1], 2), vec![1, 3]);
        assert_eq!(even_groups(&[0.25; 4], 3).iter().sum::<usize>(), 4);
    }
}
