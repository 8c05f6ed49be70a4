//! Which vote's dots the exports show.

use crate::model::Session;

/// The vote whose dots the pictures and summaries show: the last closed one, as on the canvases,
/// and none while a vote is open, since the room never sees running totals.
pub fn shown_vote(session: &Session) -> Option<&crate::model::DotVote> {
    if session.open_vote().is_some() { None } else { session.last_closed_vote() }
}
