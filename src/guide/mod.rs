//! The practice guide's content, embedded from `assets/` at build time.
//!
//! The guide is *Community renewal and mental health: a practice guide* (NIMHE / King's Fund).
//! Its wording is quoted exactly; `tests/guide_content.rs` checks it against the guide's text.

use serde::Deserialize;
use std::sync::LazyLock;

pub mod map;

/// One question of the prompt wheel, with the guide's "For example" points.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Prompt {
    /// Stable key used in session files.
    pub key: String,
    /// The question in the guide's words.
    pub question: String,
    /// The guide's "For example" points for this question.
    pub examples: Vec<String>,
}

/// A reflection on one prompt, quoted from one of the guide's case studies.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Reflection {
    /// The key of the prompt it answers.
    pub prompt: String,
    /// The question as the case study prints it.
    pub heading: String,
    /// The reflection, paragraph by paragraph.
    pub paragraphs: Vec<String>,
    /// Who said it.
    pub speaker: String,
    /// The speaker's role.
    pub role: String,
    /// The case-study project.
    pub project: String,
}

impl Reflection {
    /// Who said it, e.g. "Carole Furnivall, Joint Chief Executive Officer, First Step Trust".
    pub fn attribution(&self) -> String {
        format!("{}, {}, {}", self.speaker, self.role, self.project)
    }
}

/// Figure 6 of the guide: the prompt wheel.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PromptWheelContent {
    /// The figure's title.
    pub title: String,
    /// The figure's caption.
    pub caption: String,
    /// The two headings framing the figure: assumptions, opportunities.
    pub headings: (String, String),
    /// The credit line shown wherever the content appears.
    pub credit: String,
    /// The eleven prompts, in order.
    pub prompts: Vec<Prompt>,
    /// Reflections from the case studies, each attached to a prompt.
    pub reflections: Vec<Reflection>,
}

/// The RON source of the prompt wheel content.
pub const PROMPT_WHEEL_SOURCE: &str = include_str!("../../assets/prompt_wheel.ron");

static PROMPT_WHEEL: LazyLock<PromptWheelContent> =
    // The asset is part of the binary and a unit test parses it, so the default (empty) content
    // is never seen in a released build; it only keeps a broken asset from becoming a panic.
    LazyLock::new(|| ron::from_str(PROMPT_WHEEL_SOURCE).unwrap_or_default());

/// The prompt wheel content.
pub fn prompt_wheel() -> &'static PromptWheelContent {
    &PROMPT_WHEEL
}

/// The guide's prompt with this key, if the key is one of the guide's.
pub fn guide_prompt(key: &str) -> Option<&'static Prompt> {
    prompt_wheel().prompts.iter().find(|prompt| prompt.key == key)
}

/// The question for a prompt key, if the key is one of the guide's.
pub fn prompt_question(key: &str) -> Option<&'static str> {
    guide_prompt(key).map(|prompt| prompt.question.as_str())
}

/// The guide's "For example" points for a prompt key (none for a facilitator's own prompts).
pub fn prompt_examples(key: &str) -> &'static [String] {
    guide_prompt(key).map_or(&[], |prompt| prompt.examples.as_slice())
}

/// The case-study reflections on a prompt key, in the guide's order.
pub fn prompt_reflections(key: &str) -> impl Iterator<Item = &'static Reflection> + '_ {
    prompt_wheel().reflections.iter().filter(move |reflection| reflection.prompt == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_wheel_asset_parses_with_eleven_distinct_prompts() {
        let content: PromptWheelContent = ron::from_str(PROMPT_WHEEL_SOURCE).expect("asset parses");
        assert_eq!(content.prompts.len(), 11);
        let mut keys: Vec<_> = content.prompts.iter().map(|prompt| prompt.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 11);
        assert_eq!(prompt_question("in-control"), Some("Who’s in control?"));
        assert!(content.prompts.iter().all(|prompt| !prompt.examples.is_empty()));
        // The model makes new wheels from the same asset: the same prompts, in the same order.
        let wheel = crate::model::Wheel::from_guide();
        let from_guide: Vec<_> = wheel.prompts.iter().map(|p| (p.key.as_str(), p.question.as_str())).collect();
        let quoted: Vec<_> = content.prompts.iter().map(|p| (p.key.as_str(), p.question.as_str())).collect();
        assert_eq!(from_guide, quoted);
        for reflection in &content.reflections {
            assert!(guide_prompt(&reflection.prompt).is_some(), "reflection on unknown prompt {}", reflection.prompt);
        }
    }
}
