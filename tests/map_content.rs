//! The needs map's wording in `assets/needs_map.ron` matches Figure 5 of the guide.
//!
//! `tests/fixtures/guide/figure-5.txt` is the guide's text as extracted from its PDF, so line
//! breaks fall mid-sentence and bullets sit in the text; both sides are compared with runs of
//! whitespace collapsed and bullets removed, and nothing else is forgiven.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::guide::map::needs_map;

fn normalised(text: &str) -> String {
    text.replace('•', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn figure() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guide/figure-5.txt");
    normalised(&std::fs::read_to_string(path).expect("guide fixture is readable"))
}

fn assert_quoted(figure: &str, text: &str) {
    assert!(!text.trim().is_empty(), "a quoted text is empty");
    assert!(figure.contains(&normalised(text)), "not in the guide's words: {text}");
}

#[test]
fn title_caption_question_and_caveat_are_the_guides_words() {
    let figure = figure();
    let content = needs_map();
    for text in [&content.title, &content.caption, &content.caveat, &content.continuum] {
        assert_quoted(&figure, text);
    }
    // The guide asks the question inside single quotes: ‘What elements … arc?’.
    assert_quoted(&figure, &format!("‘{}’", content.focus_question));
    assert!(content.caveat.contains("neither a diagnostic nor an assessment tool"));
}

#[test]
fn arcs_stages_and_examples_are_the_guides_words_in_the_guides_order() {
    let figure = figure();
    let content = needs_map();
    for arc in [&content.need_arc, &content.help_arc] {
        assert_quoted(&figure, &arc.title);
        let mut previous_position = 0;
        for stage in &arc.stages {
            // Each stage is printed as its label, then "eg", then its bullet points.
            let printed = normalised(&format!("{} eg {}", stage.label, stage.examples.join(" ")));
            let position = figure.find(&printed).unwrap_or_else(|| panic!("stage not as printed: {printed}"));
            assert!(position > previous_position, "stage out of the guide's order: {}", stage.label);
            previous_position = position;
        }
    }
    let needs = figure.find(&normalised(&content.need_arc.title)).unwrap();
    let help = figure.find(&normalised(&content.help_arc.title)).unwrap();
    assert!(needs < help, "the guide prints the need arc first");
}

#[test]
fn vulnerable_groups_are_the_four_the_guide_lists() {
    let figure = figure();
    let content = needs_map();
    let printed = normalised(&format!(
        "{} {}",
        content.vulnerable_heading,
        content.vulnerable_groups.iter().map(|group| format!("– {group}")).collect::<Vec<_>>().join(" ")
    ));
    assert!(figure.contains(&printed), "groups not as printed: {printed}");
    assert_eq!(content.vulnerable_groups.len(), 4);
}

#[test]
fn credit_names_the_guide_and_its_publishers() {
    let credit = &needs_map().credit;
    for part in ["Figure 5", "Community renewal and mental health", "NIMHE", "King’s Fund"] {
        assert!(credit.contains(part), "the credit names {part}: {credit}");
    }
}
