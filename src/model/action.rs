//! The action plan: what the partners agree to do next.

use super::{ActionId, LinkId, NoteId, OrganisationId};
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
    /// The organisations supporting the lead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporting: Vec<OrganisationId>,
    /// Links on the needs map the action answers (a gap to close, support to put together).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked_links: Vec<LinkId>,
    /// Whether the partners have agreed it.
    #[serde(default)]
    pub agreed: bool,
}

impl Action {
    /// Every organisation named on the action: the lead first, then the supporters.
    pub fn organisations(&self) -> impl Iterator<Item = OrganisationId> + '_ {
        self.lead.into_iter().chain(self.supporting.iter().copied())
    }

    /// A new action with a fresh id and nothing else decided yet.
    pub fn new(what: impl Into<String>) -> Self {
        Self {
            id: ActionId::new_random(),
            what: what.into(),
            lead: None,
            by_when: None,
            linked_notes: Vec::new(),
            supporting: Vec::new(),
            linked_links: Vec::new(),
            agreed: false,
        }
    }
}
