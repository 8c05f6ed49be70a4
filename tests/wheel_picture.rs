//! The prompt wheel's picture agrees with the screen: the exported SVG, drawn by resvg, matches
//! the same picture painted on the screen by egui, and notes wrap into the same lines in both.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;

use common::picture::{AGREEING_SHARE, compare, compare_folder, difference, drawn, on_screen, save};
use common::picture::{svg_text_rows, text_rows};
use common_ground::canvas::headless::paint_shapes;
use common_ground::canvas::wheel::picture::paint_wheel_picture;
use common_ground::examples::EXAMPLES;
use common_ground::export::wheel_svg;
use common_ground::model::{Note, Placement, Session, WheelBand};
use time::macros::datetime;

fn example(file_name: &str) -> Session {
    EXAMPLES.iter().find(|example| example.file_name == file_name).expect("the example exists").session().unwrap()
}

/// The dots a note shows in the pictures: those of the last closed vote.
fn dots_on(session: &Session) -> impl Fn(&Note) -> Option<u32> + '_ {
    let vote = session.shown_vote(true);
    move |note: &Note| vote.map(|vote| vote.dots_on(note.id)).filter(|dots| *dots > 0)
}

/// The wheel's picture painted on the screen, and its SVG drawn by resvg, at the same size.
/// Saves both into `target/compare/` under `name`; returns them with the screen's text rows.
fn screen_and_picture(
    session: &Session,
    name: &str,
) -> (common::picture::Raster, common::picture::Raster, Vec<String>) {
    let (_, size) = paint_shapes(|painter| paint_wheel_picture(painter, session, &dots_on(session)));
    let owned = session.clone();
    let (screen, shapes) = on_screen(size, move |painter| {
        paint_wheel_picture(painter, &owned, &dots_on(&owned));
    });
    let svg = wheel_svg(session);
    let picture = drawn(&svg);
    let folder = compare_folder();
    save(&screen, &folder.join(format!("{name}-screen.png")));
    save(&picture, &folder.join(format!("{name}-picture.png")));
    save(&difference(&screen, &picture), &folder.join(format!("{name}-difference.png")));
    (screen, picture, text_rows(&shapes))
}

fn assert_agree(session: &Session, name: &str) {
    let (screen, picture, _) = screen_and_picture(session, name);
    common::picture::assert_agree(name, &screen, &picture);
}

#[test]
fn the_bristol_wheel_picture_matches_the_screen() {
    assert_agree(&example("bristol-outreach.ron"), "wheel-bristol");
}

#[test]
fn the_comparison_allows_an_edge_a_pixel_apart_but_not_a_card_moved_or_missing() {
    use common::picture::{Raster, compare};
    // A white 200 × 100 image with a dark 60 × 30 card at (`left`, 40).
    let with_card = |left: Option<u32>| {
        let (width, height) = (200, 100);
        let mut rgba = vec![255; (width * height * 4) as usize];
        if let Some(left) = left {
            for y in 40..70 {
                for x in left..left + 60 {
                    let start = ((y * width + x) * 4) as usize;
                    rgba[start..start + 3].copy_from_slice(&[20, 40, 90]);
                }
            }
        }
        Raster { width, height, rgba }
    };
    let screen = with_card(Some(50));
    assert_eq!(compare(&screen, &with_card(Some(51))).differing, 0, "an edge a pixel apart agrees");
    let moved = compare(&screen, &with_card(Some(54)));
    // At each end of the card at least three of the four columns it moved differ all the way down.
    assert!(moved.differing >= 2 * 3 * 30, "a card moved four pixels differs at both its ends: {moved:?}");
    let missing = compare(&screen, &with_card(None));
    assert!(missing.share < 0.95 && missing.differing == 60 * 30, "{missing:?}");
}

#[test]
fn the_needs_map_example_wheel_picture_matches_the_screen() {
    assert_agree(&example("needs-map-example.ron"), "wheel-needs-map-example");
}

/// A word longer than any card.
const LONG_WORD: &str = "Pneumonoultramicroscopicsilicovolcanoconiosis-and-then-some-more-letters";

/// The Bristol example with long notes alone in bands of their own: one line, two lines, 280
/// characters, and a word longer than the card.
fn long_notes() -> Session {
    let mut session = example("bristol-outreach.ron");
    session.notes.retain(|note| note.placement.wheel_spot().is_none());
    let long = "Partners agreed that the drop-in should stay open on Saturdays, that service users would \
                co-run the college taster sessions, and that the regeneration money would pay for a \
                worker who knows both the estate and the mental health teams well enough to broker it.";
    let long = &long[..280.min(long.len())];
    let texts = ["Trust first", "Shared training for the outreach team and the college", long, LONG_WORD];
    let at = datetime!(2026-03-12 11:00 UTC);
    for (index, text) in texts.into_iter().enumerate() {
        let prompt = session.wheel.prompts[index * 2].key.clone();
        let band = if index % 2 == 0 { WheelBand::Assumption } else { WheelBand::Opportunity };
        let mut note = Note::new(text, Placement::Wheel { prompt, band }, at);
        note.organisation = session.organisations.first().map(|organisation| organisation.id);
        session.notes.push(note);
    }
    session
}

#[test]
fn long_notes_wrap_into_the_same_lines_on_the_screen_and_in_the_picture() {
    let session = long_notes();
    let long = session.notes.iter().find(|note| note.text.starts_with("Partners")).unwrap().text.clone();
    let (screen, picture, screen_rows) = screen_and_picture(&session, "wheel-long-notes");
    let svg_rows = svg_text_rows(&wheel_svg(&session));
    assert_eq!(svg_rows, screen_rows, "every row of text in the picture is a row on the screen, in order");
    // The notes' rows themselves: a short one on one line, the 280 characters cut with "…" on
    // the wheel, and the long word broken across the card.
    assert!(svg_rows.iter().any(|row| row == "Trust first"));
    let long_start = svg_rows.iter().position(|row| row.starts_with("Partners")).expect("the long note is drawn");
    // On the wheel its first lines, the last ending in "…" (issue 18: as many lines as the
    // ring holds, no longer two); and, in the panels under the wheel, the whole note.
    let cut = svg_rows[long_start..].iter().position(|row| row.ends_with('…')).expect("cut on the wheel");
    assert!(cut >= 1, "more than one line of it on the wheel: {:?}", &svg_rows[long_start..]);
    let all_words = svg_rows.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        all_words.contains(&long.split_whitespace().collect::<Vec<_>>().join(" ")),
        "the whole note is in the picture"
    );
    let word_rows: Vec<&String> =
        svg_rows.iter().filter(|row| LONG_WORD.starts_with(row.trim_end_matches('…'))).collect();
    assert!(!word_rows.is_empty() && word_rows.iter().all(|row| row.len() < LONG_WORD.len()), "{word_rows:?}");
    let agreement = compare(&screen, &picture);
    assert!(agreement.share >= AGREEING_SHARE, "{agreement:?}");
}

#[test]
fn every_note_s_whole_text_is_in_the_wheel_svg_of_the_examples_and_the_one_or_two_fixture() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wheel-one-or-two-notes.ron");
    let sessions = [
        ("bristol-outreach.ron", example("bristol-outreach.ron")),
        // The needs map's example has no notes on the wheel; it is checked all the same.
        ("needs-map-example.ron", example("needs-map-example.ron")),
        ("wheel-one-or-two-notes.ron", common_ground::store::load_session(std::path::Path::new(fixture)).unwrap()),
    ];
    for (name, session) in sessions {
        let svg = wheel_svg(&session);
        let rows = svg_text_rows(&svg);
        assert!(
            !rows.iter().any(|row| row.starts_with('+') && row.ends_with(" more")),
            "{name}: no \"+N more\" in the picture"
        );
        let all_words = rows.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
        for note in session.notes.iter().filter(|note| note.placement.wheel_spot().is_some() && !note.hidden) {
            let words = note.text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(all_words.contains(&words), "{name}: {words:?} is in the picture");
        }
    }
}
