//! Links on the needs map (Figure 5 of the guide): which source of help meets which need.

use super::NoteId;
use serde::{Deserialize, Serialize};

/// How a source of help relates to a need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    /// The source of help meets this need now.
    MeetsNow,
    /// The source could meet the need with support.
    CouldWithSupport,
    /// A gap: nobody offers this yet.
    Gap,
}

impl LinkKind {
    /// Every kind, strongest first.
    pub const ALL: [LinkKind; 3] = [LinkKind::MeetsNow, LinkKind::CouldWithSupport, LinkKind::Gap];

    /// The words shown for the kind.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::MeetsNow => "Meets this need now",
            LinkKind::CouldWithSupport => "Could meet it with support",
            LinkKind::Gap => "Gap — nobody offers this yet",
        }
    }
}

/// A link from a need to a source of help.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Stable id.
    pub id: super::LinkId,
    /// The note on the need arc.
    pub need: NoteId,
    /// The note on the help arc.
    pub help: NoteId,
    /// How the help relates to the need.
    pub kind: LinkKind,
}

impl Link {
    /// A new link with a fresh id.
    pub fn new(need: NoteId, help: NoteId, kind: LinkKind) -> Self {
        Self { id: super::LinkId::new_random(), need, help, kind }
    }
}
