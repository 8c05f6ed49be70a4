//! The needs map's picture agrees with the screen: the exported SVG, drawn by resvg, matches the
//! same picture painted on the screen by egui (its links through the kept mesh, as the console
//! draws them), and notes wrap into the same lines in both.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;

use common::picture::svg_text_rows;
use common::picture::{AGREEING_SHARE, Raster, compare, compare_folder, drawn, on_screen, save};
use common_ground::canvas::headless::paint_shapes;
use common_ground::canvas::map::mesh::LinkMeshes;
use common_ground::canvas::map::picture::{PictureLinks, paint_map_picture};
use common_ground::examples::EXAMPLES;
use common_ground::export::map_svg;
use common_ground::model::{Link, LinkKind, MapArc, Note, Placement, Session};
use egui::epaint::ClippedShape;
use std::cell::RefCell;
use time::macros::datetime;

fn example(file_name: &str) -> Session {
    EXAMPLES.iter().find(|example| example.file_name == file_name).expect("the example exists").session().unwrap()
}

/// The map's picture painted on the screen, and its SVG drawn by resvg, at the same size.
/// Saves both into `target/compare/` under `name`; returns them with the screen's shapes.
fn screen_and_picture(session: &Session, name: &str) -> (Raster, Raster, Vec<ClippedShape>) {
    let (_, picture) = paint_shapes(|painter| paint_map_picture(painter, session, PictureLinks::Shapes));
    let owned = session.clone();
    // The screen draws the links from the kept mesh, as the console does without wgpu.
    let meshes = RefCell::new(LinkMeshes::default());
    let (screen, shapes) = on_screen(picture.size, move |painter| {
        paint_map_picture(painter, &owned, PictureLinks::KeptMesh(&mut meshes.borrow_mut()));
    });
    let svg = map_svg(session);
    let drawn_picture = drawn(&svg);
    let folder = compare_folder();
    std::fs::write(folder.join(format!("{name}.svg")), &svg).expect("the picture is saved");
    save(&screen, &folder.join(format!("{name}-screen.png")));
    save(&drawn_picture, &folder.join(format!("{name}-picture.png")));
    (screen, drawn_picture, shapes)
}

fn assert_agree(session: &Session, name: &str) {
    let (screen, picture, _) = screen_and_picture(session, name);
    common::picture::assert_agree(name, &screen, &picture);
}

#[test]
fn the_bristol_map_picture_matches_the_screen() {
    assert_agree(&example("bristol-outreach.ron"), "map-bristol");
}

#[test]
fn the_needs_map_example_map_picture_matches_the_screen() {
    assert_agree(&example("needs-map-example.ron"), "map-needs-map-example");
}

/// A word longer than any card.
const LONG_WORD: &str = "Pneumonoultramicroscopicsilicovolcanoconiosis-and-then-some-more-letters";

/// A 280-character note.
fn note_of_280() -> String {
    let words = "Partners agreed that the drop-in should stay open on Saturdays, that service users would \
                 co-run the college taster sessions, and that the regeneration money would pay for a worker \
                 who knows both the estate and the mental health teams well enough to broker it between them.";
    words.chars().take(280).collect()
}

/// A map of only long notes, spread out along both arcs: one line, two lines, 280 characters,
/// and a word longer than the card, each as a need and as a source of help, the needs linked.
fn long_notes() -> Session {
    let mut session = example("needs-map-example.ron");
    session.notes.retain(|note| note.placement.map_arc().is_none());
    session.links.clear();
    session.groups.clear();
    session.votes.clear();
    let long = note_of_280();
    let texts = ["Trust first", "Shared training for the outreach team and the college", long.as_str(), LONG_WORD];
    let at = datetime!(2026-03-12 11:00 UTC);
    for arc in [MapArc::Need, MapArc::Help] {
        for (index, text) in texts.into_iter().enumerate() {
            let along = 0.1 + 0.27 * index as f32;
            let mut note = Note::new(text, Placement::Map { arc, along }, at);
            note.organisation = session.organisations.get(index).map(|organisation| organisation.id);
            session.notes.push(note);
        }
    }
    let count = session.notes.len();
    let (first_need, first_help) = (session.notes[count - 8].id, session.notes[count - 4].id);
    session.links.push(Link::new(first_need, first_help, LinkKind::MeetsNow));
    session
}

/// The runs of text in a frame's shapes, in painting order, as the screen laid them out: each
/// row of a galley split where its section (font and colour) changes, as the SVG writes them,
/// spaces at either end left out and empty runs skipped.
fn text_runs(shapes: &[ClippedShape]) -> Vec<String> {
    fn runs_of(shape: &egui::Shape, runs: &mut Vec<String>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|shape| runs_of(shape, runs)),
            egui::Shape::Text(text) => {
                let job = &text.galley.job;
                // Glyphs come one per character of the job's text, without the line breaks; an
                // elided row ends with its overflow character, which stays in the last section.
                let mut characters = job.text.char_indices().filter(|(_, c)| *c != '\n').peekable();
                let mut section = 0;
                for placed in &text.galley.rows {
                    let mut current: Option<(usize, String)> = None;
                    for glyph in &placed.row.glyphs {
                        if let Some(&(byte, character)) = characters.peek()
                            && character == glyph.chr
                        {
                            characters.next();
                            let at = egui::epaint::text::ByteIndex(byte);
                            section = job.sections.iter().position(|s| s.byte_range.contains(&at)).unwrap_or(section);
                        }
                        match &mut current {
                            Some((run_section, words)) if *run_section == section => words.push(glyph.chr),
                            _ => {
                                runs.extend(current.take().map(|(_, words)| words));
                                current = Some((section, glyph.chr.to_string()));
                            }
                        }
                    }
                    runs.extend(current.map(|(_, words)| words));
                }
            }
            _ => {}
        }
    }
    let mut runs = Vec::new();
    for clipped in shapes {
        runs_of(&clipped.shape, &mut runs);
    }
    runs.into_iter().map(|run| run.trim().to_owned()).filter(|run| !run.is_empty()).collect()
}

#[test]
fn long_notes_wrap_into_the_same_lines_on_the_screen_and_in_the_picture() {
    let session = long_notes();
    let (screen, picture, shapes) = screen_and_picture(&session, "map-long-notes");
    let screen_runs = text_runs(&shapes);
    let svg_runs = svg_text_rows(&map_svg(&session));
    assert_eq!(svg_runs, screen_runs, "every run of text in the picture is one on the screen, in order");

    // Each note's rows, as the cards show them: the short one on one line, the longer one on
    // two, the 280 characters cut after three lines with "…", the long word broken across the
    // card, and all of it alike on both arcs.
    for arc_runs in [&svg_runs[..svg_runs.len() / 2], &svg_runs[svg_runs.len() / 2..]] {
        assert!(arc_runs.iter().any(|run| run == "Trust first"), "{arc_runs:?}");
    }
    assert_eq!(svg_runs.iter().filter(|run| *run == "Trust first").count(), 2, "one short note on each arc");
    let long_rows: Vec<&String> =
        svg_runs.iter().filter(|run| run.len() > 10 && note_of_280().starts_with(run.as_str())).collect();
    assert_eq!(long_rows.len(), 2, "the 280 characters start one row on each arc: {svg_runs:?}");
    let cut = svg_runs.iter().filter(|run| run.ends_with('…')).count();
    assert!(cut >= 2, "the 280 characters are cut short on both cards: {svg_runs:?}");
    let word_rows: Vec<&String> =
        svg_runs.iter().filter(|run| run.len() > 3 && LONG_WORD.contains(run.trim_end_matches('…'))).collect();
    assert!(word_rows.len() >= 4, "the long word is broken over rows on both cards: {word_rows:?}");
    assert!(word_rows.iter().all(|row| row.len() < LONG_WORD.len()), "{word_rows:?}");

    let agreement = compare(&screen, &picture);
    println!("map-long-notes: {agreement:?}");
    assert!(agreement.share >= AGREEING_SHARE, "{agreement:?}");
}
