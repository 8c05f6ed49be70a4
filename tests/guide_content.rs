//! The guide's wording in `assets/` matches the guide itself.
//!
//! The fixtures under `tests/fixtures/guide/` are the guide's text as extracted from its PDF, so
//! line breaks fall mid-sentence and bullets sit in the text; both sides are compared with runs of
//! whitespace collapsed and bullets removed, and nothing else is forgiven.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::guide::prompt_wheel;

fn normalised(text: &str) -> String {
    text.replace('•', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guide").join(name);
    let text = std::fs::read_to_string(&path).expect("guide fixture is readable");
    normalised(&text)
}

#[test]
fn every_prompt_and_example_is_in_the_guides_words() {
    let figure = fixture("figure-6.txt");
    let content = prompt_wheel();
    assert_eq!(content.prompts.len(), 11, "the guide has eleven prompts");
    for prompt in &content.prompts {
        assert!(figure.contains(&normalised(&prompt.question)), "prompt not in the guide: {}", prompt.question);
        assert!(!prompt.examples.is_empty(), "every prompt has a For example in the guide: {}", prompt.question);
        for example in &prompt.examples {
            assert!(figure.contains(&normalised(example)), "example not in the guide: {example}");
        }
    }
    for text in [&content.title, &content.caption, &content.headings.0, &content.headings.1] {
        assert!(figure.contains(&normalised(text)), "figure text not in the guide: {text}");
    }
}

#[test]
fn every_example_in_the_figure_is_used_once() {
    let content = prompt_wheel();
    let figure = fixture("figure-6.txt");
    // The figure prints 20 bullet points; each must be attached to exactly one prompt.
    let printed = figure.matches("For example").count();
    assert_eq!(printed, content.prompts.len(), "one For example per prompt");
    let examples: Vec<&String> = content.prompts.iter().flat_map(|prompt| &prompt.examples).collect();
    let bullets = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guide/figure-6.txt"),
    )
    .expect("fixture")
    .matches('•')
    .count();
    assert_eq!(examples.len(), bullets, "every bullet of the figure is an example of one prompt");
    let mut sorted = examples.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), examples.len(), "no example is attached twice");
}

#[test]
fn every_reflection_is_quoted_exactly_with_its_speaker() {
    let source = fixture("figure-6-reflections.txt");
    let content = prompt_wheel();
    assert_eq!(content.reflections.len(), 6, "four from First Step Trust, two from Promoting Good Parenting");
    for reflection in &content.reflections {
        assert!(source.contains(&normalised(&format!("‘{}’", reflection.heading))), "heading: {}", reflection.heading);
        for paragraph in &reflection.paragraphs {
            assert!(source.contains(&normalised(paragraph)), "reflection not in the guide: {paragraph}");
        }
        let attribution = reflection.attribution();
        assert!(source.contains(&normalised(&attribution)), "speaker and role not as printed: {attribution}");
        assert!(content.prompts.iter().any(|prompt| prompt.key == reflection.prompt));
    }
}
