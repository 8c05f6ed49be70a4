//! Groups of notes under a short heading, within one band of a prompt or along one arc.

use super::{GroupId, MapArc, WheelBand};
use serde::{Deserialize, Serialize};

/// A heading that gathers notes which say much the same thing. The group has no place of its
/// own: it sits where its notes sit, and all of them share one spot (see [`Spot`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteGroup {
    /// Stable id.
    pub id: GroupId,
    /// The short heading shown above the notes.
    pub heading: String,
    /// Whether the canvas shows only the heading and a count.
    pub collapsed: bool,
}

impl NoteGroup {
    /// A new, expanded group with a fresh id.
    pub fn new(heading: impl Into<String>) -> Self {
        Self { id: GroupId::new_random(), heading: heading.into(), collapsed: false }
    }

    /// The heading to show, "Untitled group" while it has none.
    pub fn display_heading(&self) -> &str {
        let heading = self.heading.trim();
        if heading.is_empty() { "Untitled group" } else { heading }
    }
}

/// Where notes can be grouped together: one band of one prompt, or one arc of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Spot<'a> {
    /// A band of a prompt on the wheel.
    Wheel {
        /// The prompt's key.
        prompt: &'a str,
        /// Assumption or opportunity.
        band: WheelBand,
    },
    /// An arc of the needs map.
    Arc(MapArc),
}
