//! Stable identifiers for the things in a session.
//!
//! Ids are random UUIDs rather than indexes so that an edit keeps naming the same note after
//! other notes are added or deleted, and so that edits made on different devices never collide.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new random id.
            pub fn new_random() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies one sticky note.
    NoteId
);
id_type!(
    /// Identifies one partner organisation.
    OrganisationId
);
id_type!(
    /// Identifies one participant.
    ParticipantId
);
id_type!(
    /// Identifies one action in the action plan.
    ActionId
);
id_type!(
    /// Identifies one link between a need and a source of help on the map.
    LinkId
);
id_type!(
    /// Identifies one group of notes under a heading.
    GroupId
);
id_type!(
    /// Identifies one dot vote.
    VoteId
);
id_type!(
    /// Identifies one step of the workshop's agenda.
    StepId
);
