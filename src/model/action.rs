//! The action plan: what the partners agree to do next.

use super::{ActionId, NoteId, OrganisationId};
use serde::{Deserialize, Serialize};
use time::Date;

/// One action in the workshop's action plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Stable id.
    pub id: ActionId,
    /// What will be done.
    pub what: String,
    /// The organisation leading it.
    pub lead: Option<OrganisationId>,
    /// When it should be done by.
    pub by_when: Option<Date>,
    /// Notes the action arose from.
    pub linked_notes: Vec<NoteId>,
}

impl Action {
    /// A new action with a fresh id and nothing else decided yet.
    pub fn new(what: impl Into<String>) -> Self {
        Self { id: ActionId::new_random(), what: what.into(), lead: None, by_when: None, linked_notes: Vec::new() }
    }
}
