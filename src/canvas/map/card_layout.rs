//! Where the note cards go beside their arcs: side by side near their spots, fanning out into
//! rows when spots are crowded, never overlapping each other or the band.

use super::geometry::{ArcShape, NOTE_SPACING};
use egui::{Pos2, Rect, Vec2, pos2};

/// How many rows of notes an arc gets before notes may sit further from their spot.
const MAX_ROWS: usize = 6;
/// How far a note may slide sideways from its spot before it moves out a row instead, as a
/// fraction of its width.
const MAX_SLIDE: f32 = 0.8;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::map::geometry::{BAND_WIDTH, MapFrame, curve_point, link_curve, place_markers};
    use egui::vec2;
    use proptest::prelude::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
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
}
