//! The practice guide's content, embedded from `assets/` at build time.

use serde::Deserialize;
use std::sync::LazyLock;

/// One question of the prompt wheel.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Prompt {
    /// Stable key used in session files.
    pub key: String,
    /// The question in the guide's words.
    pub question: String,
}

/// Figure 6 of the guide: the prompt wheel.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PromptWheelContent {
    /// The figure's title.
    pub title: String,
    /// The two headings framing the figure: assumptions, opportunities.
    pub headings: (String, String),
    /// The credit line shown wherever the content appears.
    pub credit: String,
    /// The eleven prompts, in order.
    pub prompts: Vec<Prompt>,
}

/// The RON source of the prompt wheel content.
pub const PROMPT_WHEEL_SOURCE: &str = include_str!("../assets/prompt_wheel.ron");

static PROMPT_WHEEL: LazyLock<PromptWheelContent> =
    // The asset is part of the binary and a unit test parses it, so the default (empty) content
    // is never seen in a released build; it only keeps a broken asset from becoming a panic.
    LazyLock::new(|| ron::from_str(PROMPT_WHEEL_SOURCE).unwrap_or_default());

/// The prompt wheel content.
pub fn prompt_wheel() -> &'static PromptWheelContent {
    &PROMPT_WHEEL
}

/// The question for a prompt key, if the key is one of the guide's.
pub fn prompt_question(key: &str) -> Option<&'static str> {
    prompt_wheel().prompts.iter().find(|prompt| prompt.key == key).map(|prompt| prompt.question.as_str())
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
    }
}
