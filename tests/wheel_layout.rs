//! The prompt wheel's card layout (issue 18), checked as a pure function: for the examples and a
//! workshop with one or two notes in each ring, the type size each ring takes and the words each
//! note shows, at the scales the console and the projection use at 1920×1080 and 1366×768.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::canvas::headless::paint_shapes;
use common_ground::canvas::wheel::geometry::WheelGeometry;
use common_ground::canvas::wheel::layout::{CardMetrics, RingPlan};
use common_ground::canvas::wheel::paint::{card_words, plan_wheel};
use common_ground::canvas::wheel::style::Palette;
use common_ground::examples::EXAMPLES;
use common_ground::model::{Note, Session, WheelBand, band_items};
use common_ground::ui::wheel::console_geometry;
use egui::Painter;

/// The zoom the console fits the wheel at in a 1920×1080 window (its canvas beside the panel),
/// as `tests/prompt_wheel.rs` measures it from the app (the two must agree).
pub const CONSOLE_ZOOM_1920: f32 = 0.8375;
/// The same in a 1366×768 window.
pub const CONSOLE_ZOOM_1366: f32 = 0.419;
/// The zoom the projection fits the wheel at in a 1920×1080 window.
pub const PROJECTION_ZOOM_1920: f32 = 0.816;

fn example(file_name: &str) -> Session {
    EXAMPLES.iter().find(|example| example.file_name == file_name).expect("the example exists").session().unwrap()
}

/// The test workshop with one or two notes in each ring of the guide's eleven prompts.
fn one_or_two() -> Session {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wheel-one-or-two-notes.ron");
    common_ground::store::load_session(std::path::Path::new(path)).unwrap()
}

/// What one note shows on the wheel: its type size on the screen and the words on its card.
#[derive(Debug)]
struct Shown {
    text: String,
    points: f32,
    words: String,
    segment: usize,
}

/// The words a card shows, as the painter lays them out (the "…" of a cut card dropped).
fn words_on_card(painter: &Painter, note: &Note, plan: &RingPlan, rect: egui::Rect, rows: usize, dots: bool) -> String {
    let metrics = CardMetrics::new(plan.size);
    let top_row = note.organisation.is_some() || dots;
    let width = metrics.text_rect(rect, top_row).width();
    let galley = painter.layout_job(card_words(&note.text, plan.size, width, rows, &Palette::new(false)));
    // Rows are joined by a space, except after a row that ends at a hyphen, where a word
    // ("Service-user") was broken.
    let mut words = String::new();
    for row in &galley.rows {
        if !words.is_empty() && !words.ends_with('-') {
            words.push(' ');
        }
        words.extend(row.glyphs.iter().map(|glyph| glyph.chr));
        words = words.trim_end().to_owned();
    }
    words.trim_end_matches('…').to_owned()
}

/// Where the wheel is shown: the console opens the selected prompt less wide than the
/// projection does.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Screen {
    Console,
    Projection,
}

/// The wheel of `session` with its first prompt selected, as `screen` shapes it.
fn geometry(session: &Session, screen: Screen) -> WheelGeometry {
    let geometry = WheelGeometry::new(session.wheel.prompts.len()).widening(0);
    if screen == Screen::Console { console_geometry(geometry) } else { geometry }
}

/// Every note on `geometry`'s wheel of `session`, laid out at `scale` (the type size factor over
/// the fitted zoom); `None` for a note not on a card.
fn shown(session: &Session, geometry: WheelGeometry, scale: f32) -> Vec<(String, Option<Shown>)> {
    paint_shapes(|painter| {
        let plans = plan_wheel(session, &geometry, painter, scale, &|_| None);
        let mut shown = Vec::new();
        for (segment, prompt) in session.wheel.prompts.iter().enumerate() {
            for (band, plan) in [WheelBand::Assumption, WheelBand::Opportunity].into_iter().zip(&plans[segment]) {
                let notes: Vec<&Note> = session.notes_on_prompt(&prompt.key, band).collect();
                let items = band_items(session, &notes);
                for note in &notes {
                    let index = items.iter().position(
                        |item| matches!(item, common_ground::model::BandItem::Note(other) if other.id == note.id),
                    );
                    let card = index.and_then(|index| plan.card_of(index));
                    let on_card = card.map(|card| Shown {
                        text: note.text.clone(),
                        points: plan.size / scale,
                        words: words_on_card(painter, note, plan, card.rect, card.rows, false),
                        segment,
                    });
                    shown.push((note.text.clone(), on_card));
                }
            }
        }
        shown
    })
    .1
}

/// The words of `text`, with spaces and line breaks alike.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Whether the card shows the whole text, word for word.
fn whole(shown: &Shown) -> bool {
    words(&shown.words) == words(&shown.text)
}

/// The screen's type size of each shown note at `zoom` with type size `factor`, and how many
/// notes are not on a card (counted in a chip).
fn at_zoom(session: &Session, screen: Screen, zoom: f32, factor: f32) -> (Vec<Shown>, usize) {
    let notes = shown(session, geometry(session, screen), factor / zoom);
    let counted = notes.iter().filter(|(_, on_card)| on_card.is_none()).count();
    let cards = notes
        .into_iter()
        .filter_map(|(_, on_card)| on_card)
        .map(|on_card| Shown { points: on_card.points * factor, ..on_card })
        .collect();
    (cards, counted)
}

#[test]
fn the_selected_prompt_shows_every_note_on_a_card_and_no_card_is_smaller_than_7_points() {
    for session in [one_or_two(), example("bristol-outreach.ron")] {
        let selected_notes = session.wheel.prompts.first().map_or(0, |prompt| {
            session
                .notes
                .iter()
                .filter(|note| note.placement.wheel_spot().is_some_and(|(key, _)| key == prompt.key))
                .count()
        });
        for zoom in [CONSOLE_ZOOM_1920, CONSOLE_ZOOM_1366] {
            let (cards, _) = at_zoom(&session, Screen::Console, zoom, 1.0);
            if zoom == CONSOLE_ZOOM_1920 {
                let on_cards = cards.iter().filter(|card| card.segment == 0).count();
                assert_eq!(on_cards, selected_notes, "{}", session.details.title);
            }
            for card in &cards {
                // 10 points or more for whole notes and first lines; a crowded ring's first
                // words may go down to 7 rather than show only a count.
                assert!(card.points >= 6.99, "{card:?}");
                assert!(!words(&card.words).is_empty(), "words, not grey lines: {card:?}");
                // What a card shows is the note's first words, in order (the last one perhaps cut
                // short by the "…").
                let (shown, text) = (words(&card.words), words(&card.text));
                let last = shown.len() - 1;
                assert_eq!(shown[..last], text[..last], "{card:?}");
                assert!(text[last].starts_with(shown[last]), "{card:?}");
            }
        }
    }
}

#[test]
fn a_note_alone_in_the_selected_prompt_s_outer_ring_shows_in_full_at_11_points_or_more() {
    let session = one_or_two();
    let (cards, _) = at_zoom(&session, Screen::Console, CONSOLE_ZOOM_1920, 1.0);
    let alone = cards.iter().find(|card| card.segment == 0 && card.text.starts_with("The college asks")).unwrap();
    // The outer ring is 150 units deep and curved, so upright cards of 14 points do not fit it
    // at the console's fitted zoom (0.614): the note takes the largest size that does.
    assert!(whole(alone) && alone.points >= 10.99, "{alone:?}");
}

#[test]
fn the_projection_s_type_size_scales_the_cards() {
    for session in [one_or_two(), example("bristol-outreach.ron")] {
        let (normal, _) = at_zoom(&session, Screen::Console, CONSOLE_ZOOM_1920, 1.0);
        let (large, _) = at_zoom(&session, Screen::Console, CONSOLE_ZOOM_1920, 1.5);
        let smallest = |cards: &[Shown]| cards.iter().map(|card| card.points).fold(f32::INFINITY, f32::min);
        assert!(smallest(&normal) >= 6.99 && smallest(&large) >= 10.49, "{normal:?} {large:?}");
    }
}

#[test]
fn explore() {
    for (name, session) in [("fixture", one_or_two()), ("bristol", example("bristol-outreach.ron"))] {
        {
            let plain = WheelGeometry::new(session.wheel.prompts.len()).widening(0);
            let notes = shown(&session, plain, 1.0 / 0.614);
            let cards: Vec<Shown> = notes.into_iter().filter_map(|(_, c)| c).collect();
            let min = cards.iter().map(|c| c.points).fold(f32::INFINITY, f32::min);
            eprintln!(
                "{name} MAIN 0.614: cards {} whole {} first8 {} min {min}",
                cards.len(),
                cards.iter().filter(|c| whole(c)).count(),
                cards.iter().filter(|c| words(&c.words).len() >= words(&c.text).len().min(8)).count()
            );
        }
        for (screen, zoom, factor) in [
            (Screen::Console, CONSOLE_ZOOM_1920, 1.0),
            (Screen::Console, CONSOLE_ZOOM_1366, 1.0),
            (Screen::Projection, PROJECTION_ZOOM_1920, 1.5),
        ] {
            let (cards, counted) = at_zoom(&session, screen, zoom, factor);
            let whole_cards = cards.iter().filter(|card| whole(card)).count();
            let min = cards.iter().map(|c| c.points).fold(f32::INFINITY, f32::min);
            let min_whole = cards.iter().filter(|c| whole(c)).map(|c| c.points).fold(f32::INFINITY, f32::min);
            let eight = cards.iter().filter(|c| words(&c.words).len() >= words(&c.text).len().min(8)).count();
            let sel_min = cards.iter().filter(|c| c.segment == 0).map(|c| c.points).fold(f32::INFINITY, f32::min);
            eprintln!(
                "{name} {screen:?} {zoom}x{factor}: cards {} whole {whole_cards} first8 {eight} counted {counted} min {min} minwhole {min_whole} selmin {sel_min}",
                cards.len()
            );
            for c in &cards {
                eprintln!(
                    "   seg {} {:.1}pt whole {} {:?}",
                    c.segment,
                    c.points,
                    whole(c),
                    c.words.chars().take(40).collect::<String>()
                );
            }
        }
    }
}
