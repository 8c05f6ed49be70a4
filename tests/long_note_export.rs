//! A note of a million characters exports in every format, whole where the format keeps whole
//! notes (issue 16, point 11). How long it takes is measured by `cargo bench --bench long_note`;
//! this only checks that every format completes and what it holds.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::examples::EXAMPLES;
use common_ground::export::{ExportOptions, Format, export};
use common_ground::model::Session;
use time::macros::datetime;

/// The example workshop with its first note replaced by `text`.
fn with_long_note(text: &str) -> Session {
    let mut session = EXAMPLES[0].session().unwrap();
    session.notes[0].text = text.to_owned();
    session
}

/// A million characters of ordinary sentences, with a marker at the very end.
fn million_characters() -> String {
    let sentence = "Service users could co-run the college taster sessions rather than just attend them. ";
    let mut text = sentence.repeat(1_000_000 / sentence.len() + 1);
    text.push_str("THE-END-OF-THE-LONG-NOTE");
    text
}

#[test]
fn a_million_character_note_exports_in_every_format() {
    let text = million_characters();
    assert!(text.len() >= 1_000_000);
    let session = with_long_note(&text);
    let options = ExportOptions { generated_at: datetime!(2026-03-12 17:00 UTC) };
    for format in Format::ALL {
        let files = export(&session, format, &options).unwrap_or_else(|error| panic!("{format:?}: {error}"));
        assert!(!files.is_empty(), "{format:?}");
        let all = |name: &str| files.iter().find(|file| file.name.ends_with(name)).unwrap_or_else(|| panic!("{name}"));
        match format {
            // The summaries and the tables keep every word of every note.
            Format::Markdown | Format::Html => {
                let body = String::from_utf8(files[0].bytes.clone()).unwrap();
                assert!(body.contains("THE-END-OF-THE-LONG-NOTE"), "{format:?} holds the whole note");
                assert!(body.len() > 1_000_000, "{format:?}");
            }
            Format::Csv => {
                let notes = String::from_utf8(all("notes.csv").bytes.clone()).unwrap();
                assert!(notes.contains("THE-END-OF-THE-LONG-NOTE"));
            }
            // A spreadsheet cell holds at most 32,767 characters: the note's start, and a mark
            // that says where the whole of it is.
            Format::Xlsx => {
                let text = workbook_cell_text(&files[0].bytes, "Notes", "Text");
                assert!(text.starts_with("Service users could co-run"), "{}", &text[..80]);
                assert!(text.ends_with(common_ground::export::workbook::CUT_MARK));
                assert!(text.encode_utf16().count() <= common_ground::export::workbook::CELL_LIMIT);
            }
            Format::Pdf => {
                let pdf = lopdf::Document::load_mem(&files[0].bytes).expect("a PDF reader reads it");
                // About fourteen thousand lines of the note, on many pages.
                assert!(pdf.get_pages().len() > 100, "{} pages", pdf.get_pages().len());
            }
            // The pictures show a note's first lines on its card, cut with an ellipsis.
            Format::Svg => {
                let wheel = String::from_utf8(all("wheel.svg").bytes.clone()).unwrap();
                assert!(wheel.contains("Service users") && wheel.contains('…'));
                assert!(wheel.len() < 1_000_000, "the card holds the first lines, not the whole note");
            }
            Format::Png => {
                for file in &files {
                    assert!(file.bytes.starts_with(b"\x89PNG"), "{}", file.name);
                }
            }
        }
    }
}

#[test]
fn a_note_of_one_unbroken_word_is_broken_across_lines_in_the_pdf() {
    // A pasted link or a run of characters without a space: the PDF breaks it between
    // characters. It used to be measured again for every line it was cut into (quadratic: over
    // 100 s for a million characters); `cargo bench --bench long_note` times it.
    let session = with_long_note(&"x".repeat(1_000_000));
    let options = ExportOptions { generated_at: datetime!(2026-03-12 17:00 UTC) };
    let files = export(&session, Format::Pdf, &options).unwrap();
    let pdf = lopdf::Document::load_mem(&files[0].bytes).expect("a PDF reader reads it");
    assert!(pdf.get_pages().len() > 100, "{} pages", pdf.get_pages().len());
}

/// The text in the first row under `column` of the workbook's sheet `sheet`, read back with
/// calamine, a spreadsheet reader.
fn workbook_cell_text(bytes: &[u8], sheet: &str, column: &str) -> String {
    use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
    let mut workbook: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("calamine opens it");
    let range = workbook.worksheet_range(sheet).expect("the sheet is there");
    let headings = range.headers().expect("a header row");
    let at = headings.iter().position(|heading| heading == column).expect("the column is there");
    match range.rows().nth(1).and_then(|row| row.get(at)) {
        Some(Data::String(text)) => text.clone(),
        other => panic!("{sheet} {column}: {other:?}"),
    }
}
