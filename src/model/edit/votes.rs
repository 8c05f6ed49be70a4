//! Edits of dot votes: opening, closing, and casting and withdrawing dots.

use super::{Edit, EditError, check_insert, find_mut, position};
use crate::model::{Dot, DotVote, Session, VoteId};
use time::OffsetDateTime;

pub(super) fn insert_vote(session: &mut Session, index: usize, vote: DotVote) -> Result<Edit, EditError> {
    if vote.is_open() && session.open_vote().is_some() {
        return Err(EditError::VoteAlreadyOpen);
    }
    check_insert("vote", index, &session.votes, |v| v.id == vote.id)?;
    let id = vote.id;
    session.votes.insert(index, vote);
    Ok(Edit::RemoveVote(id))
}

pub(super) fn remove_vote(session: &mut Session, id: VoteId) -> Result<Edit, EditError> {
    let index = position("vote", &session.votes, |v| v.id == id)?;
    let vote = session.votes.remove(index);
    Ok(Edit::InsertVote { index, vote })
}

pub(super) fn restore_vote(session: &mut Session, restored: DotVote) -> Result<Edit, EditError> {
    let slot = find_mut("vote", &mut session.votes, |v| v.id == restored.id)?;
    Ok(Edit::RestoreVote(std::mem::replace(slot, restored)))
}

pub(super) fn withdraw_dot(session: &mut Session, vote: VoteId, dot: Dot) -> Result<Edit, EditError> {
    let slot = find_mut("vote", &mut session.votes, |v| v.id == vote)?;
    if !slot.is_open() {
        return Err(EditError::VoteClosed);
    }
    // The latest matching dot goes, so that undoing a cast takes back exactly that dot.
    let index = slot.dots.iter().rposition(|cast| *cast == dot).ok_or(EditError::NoSuchDot)?;
    slot.dots.remove(index);
    Ok(Edit::CastDot { vote, dot })
}

pub(super) fn set_vote_closed(
    session: &mut Session,
    vote: VoteId,
    closed: Option<OffsetDateTime>,
) -> Result<Edit, EditError> {
    if closed.is_none() && session.votes.iter().any(|other| other.id != vote && other.is_open()) {
        return Err(EditError::VoteAlreadyOpen);
    }
    let slot = find_mut("vote", &mut session.votes, |v| v.id == vote)?;
    Ok(Edit::SetVoteClosed { vote, closed: std::mem::replace(&mut slot.closed, closed) })
}

/// Takes away every dot that `matches`, returning the edits that put the votes back.
pub(super) fn remove_dots(session: &mut Session, matches: impl Fn(&Dot) -> bool) -> Vec<Edit> {
    let mut undo = Vec::new();
    for vote in session.votes.iter_mut().filter(|vote| vote.dots.iter().any(&matches)) {
        undo.push(Edit::RestoreVote(vote.clone()));
        vote.dots.retain(|dot| !matches(dot));
    }
    undo
}

pub(super) fn cast_dot(session: &mut Session, vote: VoteId, dot: Dot) -> Result<Edit, EditError> {
    let note = session.note(dot.note).ok_or(EditError::Missing { kind: "note" })?;
    let ballot = session.vote(vote).ok_or(EditError::Missing { kind: "vote" })?;
    if !ballot.is_open() {
        return Err(EditError::VoteClosed);
    }
    if dot.voter.kind() != ballot.voters || !session.voter_exists(dot.voter) {
        return Err(EditError::NotAVoter);
    }
    if !ballot.scope.covers(note) {
        return Err(EditError::NotInVote);
    }
    if ballot.dots_left(dot.voter) == 0 {
        return Err(EditError::NoDotsLeft { limit: ballot.dots_per_voter });
    }
    let slot = find_mut("vote", &mut session.votes, |v| v.id == vote)?;
    slot.dots.push(dot);
    Ok(Edit::WithdrawDot { vote, dot })
}
