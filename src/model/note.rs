//! Sticky notes and where they sit.

use super::{GroupId, NoteId, OrganisationId, Spot};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The two bands of a prompt-wheel segment (Figure 6 of the guide).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WheelBand {
    /// Inner band: what people assume about the prompt's question.
    Assumption,
    /// Outer band: the opportunities people see.
    Opportunity,
}

/// The two arcs of the needs map (Figure 5 of the guide).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MapArc {
    /// "What is the need?", from stress/distress to diagnosed mental illness.
    Need,
    /// "Potential sources of help", from community through voluntary to statutory services.
    Help,
}

/// Where a note sits. Each canvas has its own variant so that both fit in one file format.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub enum Placement {
    /// Written down but not yet put on a canvas.
    #[default]
    Unplaced,
    /// On the prompt wheel: which prompt (its stable key in the guide's content) and which band.
    Wheel {
        /// The prompt's key, e.g. `"whose-welfare"`.
        prompt: String,
        /// Assumption or opportunity.
        band: WheelBand,
    },
    /// On the needs map: which arc and how far along it, 0.0 at its start to 1.0 at its end.
    Map {
        /// Need or help.
        arc: MapArc,
        /// Fraction of the arc's length, 0.0..=1.0.
        along: f32,
    },
}

impl Placement {
    /// The arc a note sits on, if it is on the map.
    pub fn map_arc(&self) -> Option<MapArc> {
        match self {
            Placement::Map { arc, .. } => Some(*arc),
            _ => None,
        }
    }

    /// The prompt key and band, if the note is on the wheel.
    pub fn wheel_spot(&self) -> Option<(&str, WheelBand)> {
        match self {
            Placement::Wheel { prompt, band } => Some((prompt.as_str(), *band)),
            _ => None,
        }
    }

    /// The spot a note shares with the others of its group: its prompt and band, or its arc.
    pub fn spot(&self) -> Option<Spot<'_>> {
        match self {
            Placement::Unplaced => None,
            Placement::Wheel { prompt, band } => Some(Spot::Wheel { prompt, band: *band }),
            Placement::Map { arc, .. } => Some(Spot::Arc(*arc)),
        }
    }

    /// Whether the placement's numbers are usable (a position along an arc must be a finite
    /// fraction); files and remote edits are checked with this.
    pub fn is_valid(&self) -> bool {
        match self {
            Placement::Map { along, .. } => along.is_finite() && (0.0..=1.0).contains(along),
            Placement::Unplaced | Placement::Wheel { .. } => true,
        }
    }
}

/// A sticky note: one response from the room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Stable id.
    pub id: NoteId,
    /// What the note says.
    pub text: String,
    /// Who wrote it; `None` for anonymous.
    pub author: Option<String>,
    /// The organisation it speaks for, if any.
    pub organisation: Option<OrganisationId>,
    /// When it was written.
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// When its text, author or organisation last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub edited: OffsetDateTime,
    /// Where it sits.
    pub placement: Placement,
    /// Short tags, used on needs for the groups that may be particularly vulnerable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The group it belongs to; a group's notes all share one spot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    /// Written in private: the projection shows a blank card until the facilitator reveals it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

impl Note {
    /// A new note with a fresh id, written at `now`.
    pub fn new(text: impl Into<String>, placement: Placement, now: OffsetDateTime) -> Self {
        Self {
            id: NoteId::new_random(),
            text: text.into(),
            author: None,
            organisation: None,
            created: now,
            edited: now,
            placement,
            tags: Vec::new(),
            group: None,
            hidden: false,
        }
    }

    /// The author to show, "Anonymous" when there is none.
    pub fn author_label(&self) -> &str {
        match self.author.as_deref() {
            Some(name) if !name.trim().is_empty() => name,
            _ => "Anonymous",
        }
    }
}
