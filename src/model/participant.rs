//! People taking part in the workshop.

use super::{OrganisationId, ParticipantId};
use serde::{Deserialize, Serialize};

/// Someone in the room. Both fields are optional: people may take part anonymously.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// Stable id.
    pub id: ParticipantId,
    /// Their name, if they want it recorded.
    pub name: Option<String>,
    /// The organisation they come from, if any.
    pub organisation: Option<OrganisationId>,
}

impl Participant {
    /// A new participant with a fresh id.
    pub fn new(name: Option<String>, organisation: Option<OrganisationId>) -> Self {
        Self { id: ParticipantId::new_random(), name, organisation }
    }
}
