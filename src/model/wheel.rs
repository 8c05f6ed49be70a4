//! The prompts of the wheel (Figure 6 of the guide) as a workshop uses them.
//!
//! A new workshop starts with the guide's eleven prompts. A facilitator may rename, reorder, add
//! or remove prompts for their own workshop, so the list lives in the session, not in the guide.

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The fewest prompts a wheel can have; fewer would not read as a wheel.
pub const MIN_PROMPTS: usize = 3;
/// The most prompts a wheel can have while every question stays readable on a projector.
pub const MAX_PROMPTS: usize = 16;

/// One question on the wheel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WheelPrompt {
    /// Stable key that notes use to say which prompt they sit on. The guide's prompts keep the
    /// guide's keys (so its examples stay attached); a facilitator's own prompts get `custom-…`.
    pub key: String,
    /// The question as shown on the wheel.
    pub question: String,
    /// Whether the room has discussed it.
    #[serde(default)]
    pub discussed: bool,
}

impl WheelPrompt {
    /// A facilitator's own prompt with a fresh key.
    pub fn new_custom(question: impl Into<String>) -> Self {
        Self { key: format!("custom-{}", uuid::Uuid::new_v4().simple()), question: question.into(), discussed: false }
    }
}

/// The prompts of one workshop's wheel, in order clockwise from the top.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wheel {
    /// The prompts, clockwise from twelve o'clock.
    pub prompts: Vec<WheelPrompt>,
}

impl Default for Wheel {
    /// The guide's eleven prompts, none discussed yet.
    fn default() -> Self {
        Self::from_guide()
    }
}

/// Figure 6 of the guide as a new wheel needs it: each prompt's key and question, read from the
/// same asset the guide's module quotes from (so the two cannot disagree), without the model
/// reaching up into the guide.
const GUIDE_WHEEL_SOURCE: &str = include_str!("../../assets/prompt_wheel.ron");

/// The part of the guide's figure a wheel is made from; the examples, reflections and captions
/// in the same file are the guide module's.
#[derive(Deserialize)]
struct GuideFigure {
    prompts: Vec<GuideQuestion>,
}

/// One of the figure's prompts: its key and its question.
#[derive(Deserialize)]
struct GuideQuestion {
    key: String,
    question: String,
}

static GUIDE_PROMPTS: LazyLock<Vec<WheelPrompt>> = LazyLock::new(|| {
    // The asset is part of the binary and the guide's tests parse it, so an empty wheel here is
    // never seen in a released build; it only keeps a broken asset from becoming a panic.
    let figure: GuideFigure = ron::from_str(GUIDE_WHEEL_SOURCE).unwrap_or(GuideFigure { prompts: Vec::new() });
    figure
        .prompts
        .into_iter()
        .map(|prompt| WheelPrompt { key: prompt.key, question: prompt.question, discussed: false })
        .collect()
});

impl Wheel {
    /// The guide's prompts in the guide's order and wording.
    pub fn from_guide() -> Self {
        Self { prompts: GUIDE_PROMPTS.clone() }
    }

    /// The prompt with this key.
    pub fn prompt(&self, key: &str) -> Option<&WheelPrompt> {
        self.prompts.iter().find(|prompt| prompt.key == key)
    }

    /// Where the prompt with this key is in the order.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.prompts.iter().position(|prompt| prompt.key == key)
    }

    /// How many prompts are marked as discussed.
    pub fn discussed_count(&self) -> usize {
        self.prompts.iter().filter(|prompt| prompt.discussed).count()
    }

    /// Progress in words, e.g. "4 of 11 discussed".
    pub fn progress_label(&self) -> String {
        format!("{} of {} discussed", self.discussed_count(), self.prompts.len())
    }
}
