//! How long exporting takes for one very long note (issue 16, point 11): every format, for a
//! note of a million characters of sentences, of a million characters in short lines, and of one
//! unbroken "word" (a pasted link or a run of characters without spaces) of 100,000 and 1,000,000
//! characters, which shows how the time grows with its length. The target: a note of a million
//! characters exports in every format in under 2 s in release.
//!
//! `cargo bench --bench long_note`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "a benchmark or test program, not library API; it stops at the first thing not as expected"
)]

use common_ground::examples::EXAMPLES;
use common_ground::export::{ExportOptions, Format, export};
use std::time::{Duration, Instant};
use time::macros::datetime;

/// The shortest of three runs, so a moment when the machine was busy does not count.
fn time_export(text: &str, format: Format) -> Duration {
    let mut session = EXAMPLES[0].session().unwrap();
    session.notes[0].text = text.to_owned();
    let options = ExportOptions { generated_at: datetime!(2026-03-12 17:00 UTC) };
    (0..3)
        .map(|_| {
            let started = Instant::now();
            let files = export(&session, format, &options).unwrap();
            std::hint::black_box(files);
            started.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let sentence = "Service users could co-run the college taster sessions rather than just attend them. ";
    let sentences = sentence.repeat(1_000_000 / sentence.len() + 1);
    let lines = "a line of text\n".repeat(1_000_000 / 15 + 1);
    let cases: [(&str, String); 4] = [
        ("1,000,000 characters of sentences", sentences),
        ("1,000,000 characters in short lines", lines),
        ("one unbroken word of 100,000 characters", "x".repeat(100_000)),
        ("one unbroken word of 1,000,000 characters", "x".repeat(1_000_000)),
    ];
    println!("{:<42} {}", "note", Format::ALL.map(|format| format!("{:>8}", format.extension())).join(""));
    for (label, text) in &cases {
        let times = Format::ALL.map(|format| format!("{:>7.2}s", time_export(text, format).as_secs_f64()));
        println!("{label:<42} {}", times.join(""));
    }
}
