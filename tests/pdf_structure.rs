//! The PDF summary as an assistive reader or a viewer's side panel meets it, read with a PDF
//! parser (lopdf): tagged (a structure tree in reading order, marked content), its headings and
//! lists tagged as such, each canvas a figure with words read in its place, an outline of its
//! sections, and a title, author and subject.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::examples::EXAMPLES;
use common_ground::export::{ExportOptions, Format, export};
use common_ground::model::Session;
use lopdf::{Dictionary, Document, Object};
use time::macros::datetime;

fn example(file_name: &str) -> Session {
    EXAMPLES.iter().find(|example| example.file_name == file_name).expect("the example exists").session().unwrap()
}

fn pdf_of(session: &Session) -> Document {
    let options = ExportOptions { generated_at: datetime!(2026-03-12 17:00 UTC) };
    let files = export(session, Format::Pdf, &options).unwrap();
    Document::load_mem(&files[0].bytes).expect("a PDF the reader parses")
}

/// A dictionary, following a reference.
fn dictionary<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Reference(id) => document.get_dictionary(*id).ok(),
        Object::Dictionary(dictionary) => Some(dictionary),
        _ => None,
    }
}

/// A text string (PDF's UTF-16 with a byte-order mark, or its own single-byte encoding).
fn text_string(object: &Object) -> String {
    let bytes = match object {
        Object::String(bytes, _) => bytes.as_slice(),
        _ => return String::new(),
    };
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&byte| char::from(byte)).collect()
    }
}

/// Every structure element under `element`, depth first (reading order): its type and dictionary.
fn elements<'a>(document: &'a Document, element: &'a Dictionary, found: &mut Vec<(String, &'a Dictionary)>) {
    let kids = match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.iter().collect::<Vec<_>>(),
        Ok(kid) => vec![kid],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        let Some(child) = dictionary(document, kid) else { continue };
        let Ok(kind) = child.get(b"S").and_then(Object::as_name) else { continue };
        found.push((String::from_utf8_lossy(kind).into_owned(), child));
        elements(document, child, found);
    }
}

fn structure(document: &Document) -> Vec<(String, &Dictionary)> {
    let catalog = document.catalog().unwrap();
    let root = dictionary(document, catalog.get(b"StructTreeRoot").expect("a structure tree")).unwrap();
    let mut found = Vec::new();
    elements(document, root, &mut found);
    found
}

/// The outline's entries at its top level, and under each the titles of its children.
fn outline(document: &Document) -> Vec<(String, Vec<String>)> {
    let catalog = document.catalog().unwrap();
    let outlines = dictionary(document, catalog.get(b"Outlines").expect("an outline")).unwrap();
    fn titles_from<'a>(document: &'a Document, first: Option<&'a Object>) -> Vec<&'a Dictionary> {
        let mut entries = Vec::new();
        let mut next = first.and_then(|object| dictionary(document, object));
        while let Some(entry) = next {
            entries.push(entry);
            next = entry.get(b"Next").ok().and_then(|object| dictionary(document, object));
        }
        entries
    }
    titles_from(document, outlines.get(b"First").ok())
        .into_iter()
        .map(|entry| {
            let children = titles_from(document, entry.get(b"First").ok())
                .into_iter()
                .map(|child| text_string(child.get(b"Title").unwrap()))
                .collect();
            (text_string(entry.get(b"Title").unwrap()), children)
        })
        .collect()
}

fn heading_titles(structure: &[(String, &Dictionary)], kind: &str) -> Vec<String> {
    structure
        .iter()
        .filter(|(found, _)| found == kind)
        .map(|(_, element)| text_string(element.get(b"T").expect("a heading names itself")))
        .collect()
}

#[test]
fn the_pdf_is_tagged_with_headings_lists_facts_and_figures_in_reading_order() {
    for (name, figures) in [("bristol-outreach.ron", 2), ("needs-map-example.ron", 1)] {
        let session = example(name);
        let document = pdf_of(&session);
        let catalog = document.catalog().unwrap();
        let mark_info = dictionary(&document, catalog.get(b"MarkInfo").expect("MarkInfo")).unwrap();
        assert_eq!(mark_info.get(b"Marked").unwrap(), &Object::Boolean(true), "{name}: marked as tagged");
        assert_eq!(text_string(catalog.get(b"Lang").unwrap()), "en", "{name}: the language is set");

        let structure = structure(&document);
        let kinds: Vec<&str> = structure.iter().map(|(kind, _)| kind.as_str()).collect();
        assert_eq!(heading_titles(&structure, "H1").len(), 1, "{name}: one title");
        assert!(heading_titles(&structure, "H1")[0].contains(session.display_title()), "{name}");
        let sections = heading_titles(&structure, "H2");
        for section in ["Who took part", "Action plan"] {
            assert!(sections.iter().any(|title| title == section), "{name}: a section “{section}”: {sections:?}");
        }
        // Reading order: the title first, and "Who took part" before "Action plan", as in the text.
        assert_eq!(kinds[..2], ["Document", "H1"], "{name}: {kinds:?}");
        let place = |title: &str| sections.iter().position(|found| found == title).unwrap();
        assert!(place("Who took part") < place("Action plan"), "{name}: {sections:?}");
        for kind in ["P", "L", "LI", "LBody", "Table", "TR", "TH", "TD"] {
            assert!(kinds.contains(&kind), "{name}: some {kind} in the structure: {kinds:?}");
        }

        let alts: Vec<String> = structure
            .iter()
            .filter(|(kind, _)| kind == "Figure")
            .map(|(_, figure)| text_string(figure.get(b"Alt").expect("a figure has words read in its place")))
            .collect();
        assert_eq!(alts.len(), figures, "{name}: each canvas is a figure: {alts:?}");
        if figures == 2 {
            let wheel = &alts[0];
            assert!(wheel.starts_with("The prompt wheel of"), "{wheel}");
            for prompt in &session.wheel.prompts {
                assert!(wheel.contains(prompt.question.split_whitespace().next().unwrap()), "{wheel}");
            }
            assert!(wheel.contains(" notes"), "note counts: {wheel}");
        }
        let map = alts.last().unwrap();
        assert!(map.starts_with("The needs map of"), "{map}");
        let need = session
            .notes
            .iter()
            .find(|note| note.placement.map_arc() == Some(common_ground::model::MapArc::Need))
            .expect("the example has needs");
        assert!(map.contains(&need.text), "the needs by name: {map}");
    }
}

#[test]
fn the_outline_lists_the_sections_as_the_headings_name_them() {
    for example in EXAMPLES {
        let session = example.session().unwrap();
        let document = pdf_of(&session);
        let structure = structure(&document);
        let outline = outline(&document);
        let top: Vec<String> = outline.iter().map(|(title, _)| title.clone()).collect();
        assert_eq!(top, heading_titles(&structure, "H2"), "{}: one entry per section, in order", example.file_name);
        let nested: Vec<String> = outline.iter().flat_map(|(_, children)| children.clone()).collect();
        assert_eq!(nested, heading_titles(&structure, "H3"), "{}: the subsections inside them", example.file_name);
        assert!(top.len() >= 4, "{}: {top:?}", example.file_name);
    }
}

#[test]
fn the_pdf_names_its_title_author_and_subject() {
    let session = example("bristol-outreach.ron");
    assert!(!session.details.facilitator.is_empty(), "the example names its facilitator");
    let document = pdf_of(&session);
    let info_reference = document.trailer.get(b"Info").expect("a document information dictionary");
    let info = dictionary(&document, info_reference).unwrap();
    let field = |key: &[u8]| text_string(info.get(key).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(key))));
    assert_eq!(field(b"Title"), format!("{} — workshop summary", session.display_title()));
    assert_eq!(field(b"Author"), session.details.facilitator);
    assert!(field(b"Subject").contains(session.display_title()), "{}", field(b"Subject"));

    let mut anonymous = session.clone();
    anonymous.details.facilitator = "  ".to_owned();
    let document = pdf_of(&anonymous);
    let info = dictionary(&document, document.trailer.get(b"Info").unwrap()).unwrap();
    assert!(info.get(b"Author").is_err(), "no author rather than a blank one");
}
