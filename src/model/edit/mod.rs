//! Every change a person can make to a session, as a value.
//!
//! [`Edit::apply`] changes the session and returns the edit that undoes it. Keeping inverses
//! rather than snapshots means undo costs memory in proportion to what changed, not to the size
//! of the workshop, and an edit that arrives from elsewhere (a participant's phone, later) is
//! undone exactly like one made at the laptop.

use super::{
    Action, ActionId, AgendaStep, Dot, DotVote, GroupId, Link, LinkId, Note, NoteGroup, NoteId, Organisation,
    OrganisationId, Participant, ParticipantId, Placement, Session, StepId, VoteId, WheelPrompt, WorkshopDetails,
};
use serde::{Deserialize, Serialize};

mod agenda;
mod groups;
mod links;
mod notes;
mod people;
mod plan;
mod prompts;
mod votes;
use time::OffsetDateTime;

/// One change to a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Replace the workshop details.
    SetDetails(WorkshopDetails),

    /// Put an organisation at `index` in the list (`index == len` appends).
    InsertOrganisation {
        /// Position in the list.
        index: usize,
        /// The organisation.
        organisation: Organisation,
    },
    /// Change an organisation's name, sector or colour.
    UpdateOrganisation(Organisation),
    /// Remove an organisation; notes, participants and actions that named it keep their place but
    /// no longer name an organisation.
    RemoveOrganisation(OrganisationId),

    /// Put a participant at `index` in the list.
    InsertParticipant {
        /// Position in the list.
        index: usize,
        /// The participant.
        participant: Participant,
    },
    /// Change a participant's name or organisation.
    UpdateParticipant(Participant),
    /// Remove a participant.
    RemoveParticipant(ParticipantId),

    /// Put a note at `index` in the list.
    InsertNote {
        /// Position in the list (later notes are drawn on top).
        index: usize,
        /// The note.
        note: Note,
    },
    /// Change what a note says.
    EditNoteText {
        /// Which note.
        id: NoteId,
        /// The new text.
        text: String,
        /// When the change was made.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// Change who wrote a note.
    SetNoteAuthor {
        /// Which note.
        id: NoteId,
        /// The new author, `None` for anonymous.
        author: Option<String>,
        /// When the change was made.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// Change which organisation a note speaks for.
    SetNoteOrganisation {
        /// Which note.
        id: NoteId,
        /// The organisation, or `None`.
        organisation: Option<OrganisationId>,
        /// When the change was made.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// Replace a note's tags.
    SetNoteTags {
        /// Which note.
        id: NoteId,
        /// The tags, in the order shown.
        tags: Vec<String>,
        /// When the change was made.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// Move a note to another place. A note that leaves its arc of the map loses its links.
    MoveNote {
        /// Which note.
        id: NoteId,
        /// Where it goes.
        placement: Placement,
    },
    /// Delete a note; actions that linked to it drop the link, and its map links go.
    DeleteNote(NoteId),
    /// Put a note back exactly as it was (the inverse of the note edits above).
    RestoreNote(Note),

    /// Put an action at `index` in the plan.
    InsertAction {
        /// Position in the plan.
        index: usize,
        /// The action.
        action: Action,
    },
    /// Change an action's text, lead, date or linked notes.
    UpdateAction(Action),
    /// Remove an action from the plan.
    RemoveAction(ActionId),

    /// Put a prompt on the wheel at `index` (clockwise from the top).
    InsertPrompt {
        /// Position on the wheel.
        index: usize,
        /// The prompt.
        prompt: WheelPrompt,
    },
    /// Change a prompt's question or whether it has been discussed.
    UpdatePrompt(WheelPrompt),
    /// Take a prompt off the wheel, with the notes on it.
    RemovePrompt(String),
    /// Move a prompt to another position on the wheel.
    MovePrompt {
        /// The prompt's key.
        key: String,
        /// Its new position.
        to: usize,
    },

    /// Link a need to a source of help.
    InsertLink {
        /// Position in the list of links.
        index: usize,
        /// The link.
        link: Link,
    },
    /// Change a link's kind or ends.
    UpdateLink(Link),
    /// Remove a link.
    RemoveLink(LinkId),

    /// Hide notes on the projection, or reveal them.
    SetNotesHidden {
        /// Which notes.
        ids: Vec<NoteId>,
        /// `true` to hide, `false` to reveal.
        hidden: bool,
    },
    /// Turn private writing on or off: while it is on, new notes start hidden.
    SetPrivateWriting(bool),

    /// Add a group heading at `index` in the list of groups (it has no notes yet).
    InsertGroup {
        /// Position in the list.
        index: usize,
        /// The group.
        group: NoteGroup,
    },
    /// Change a group's heading, or collapse or expand it.
    UpdateGroup(NoteGroup),
    /// Remove a group; its notes stay where they are, ungrouped.
    RemoveGroup(GroupId),
    /// Put a note into a group (which must be in the same spot, or empty), or take it out.
    /// A group left with no notes is removed.
    SetNoteGroup {
        /// Which note.
        id: NoteId,
        /// The group, or `None` to leave its group.
        group: Option<GroupId>,
    },
    /// Move all of a group's notes together: to a band of a prompt, or along or onto an arc (the
    /// first note goes to `placement` and the others keep their distance from it).
    MoveGroup {
        /// Which group.
        id: GroupId,
        /// Where its first note goes.
        placement: Placement,
    },

    /// Add a vote at `index` in the list of votes; only one vote can be open at a time.
    InsertVote {
        /// Position in the list.
        index: usize,
        /// The vote.
        vote: DotVote,
    },
    /// Remove a vote with its dots.
    RemoveVote(VoteId),
    /// Put a vote back exactly as it was (the inverse of edits that take its dots away).
    RestoreVote(DotVote),
    /// A voter puts one dot on a note, while the vote is open and they have dots left.
    CastDot {
        /// Which vote.
        vote: VoteId,
        /// Who and where.
        dot: Dot,
    },
    /// A voter takes back one dot from a note, while the vote is open.
    WithdrawDot {
        /// Which vote.
        vote: VoteId,
        /// Who and where.
        dot: Dot,
    },
    /// Close a vote (its totals then show), or reopen it with `None`.
    SetVoteClosed {
        /// Which vote.
        vote: VoteId,
        /// When it closed, or `None` to reopen.
        #[serde(with = "time::serde::rfc3339::option")]
        closed: Option<OffsetDateTime>,
    },

    /// Add an agenda step at `index`.
    InsertStep {
        /// Position on the agenda.
        index: usize,
        /// The step.
        step: AgendaStep,
    },
    /// Change a step's title, activity or time box.
    UpdateStep(AgendaStep),
    /// Take a step off the agenda.
    RemoveStep(StepId),
    /// Move a step to another position on the agenda.
    MoveStep {
        /// Which step.
        id: StepId,
        /// Its new position.
        to: usize,
    },
    /// Go to a step of the agenda, or `None` for "not started".
    SetCurrentStep(Option<StepId>),

    /// Several edits applied together, in order, as one change.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The session is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names something that is not in the session.
    #[error("the {kind} it refers to is no longer in this workshop")]
    Missing {
        /// "note", "organisation", …
        kind: &'static str,
    },
    /// The edit adds something whose id is already used.
    #[error("a {kind} with the same id is already in this workshop")]
    DuplicateId {
        /// "note", "organisation", …
        kind: &'static str,
    },
    /// The edit inserts past the end of a list.
    #[error("position {index} is past the end of the {kind} list ({len} long)")]
    IndexOutOfRange {
        /// "note", "organisation", …
        kind: &'static str,
        /// The position asked for.
        index: usize,
        /// The list's length.
        len: usize,
    },
    /// The edit would place a note off its arc, or on a prompt that is not on the wheel.
    #[error("a note can only sit on a prompt of the wheel or between the start and the end of an arc")]
    InvalidPlacement,
    /// The wheel would have too few or too many prompts.
    #[error("the wheel needs between {min} and {max} prompts")]
    PromptLimit {
        /// The fewest prompts allowed.
        min: usize,
        /// The most prompts allowed.
        max: usize,
    },
    /// A link must join a note on the need arc to a note on the help arc.
    #[error("a link joins a need to a source of help")]
    InvalidLink,
    /// The two notes are already linked.
    #[error("this need and this source of help are already linked")]
    AlreadyLinked,
    /// A group's notes must all sit in one band of one prompt, or on one arc.
    #[error("a group's notes all sit in the same band of a prompt or on the same arc")]
    GroupSpot,
    /// Another vote is still open.
    #[error("another vote is still open; close it first")]
    VoteAlreadyOpen,
    /// The vote has closed.
    #[error("this vote has closed")]
    VoteClosed,
    /// The voter has used all their dots.
    #[error("this voter has used all {limit} of their dots")]
    NoDotsLeft {
        /// Dots per voter in this vote.
        limit: u32,
    },
    /// The note is not one the vote is over.
    #[error("this note is not part of the vote")]
    NotInVote,
    /// The voter is not one of this vote's voters.
    #[error("only the vote's voters can cast dots")]
    NotAVoter,
    /// There is no such dot to take back.
    #[error("this voter has no dot on this note")]
    NoSuchDot,
}

impl Edit {
    /// Gathers notes under a new group heading, as one change: the group is added at `index` and
    /// each note joins it (they must all be in one spot).
    pub fn group_notes(index: usize, group: NoteGroup, notes: &[NoteId]) -> Edit {
        let id = group.id;
        let mut edits = vec![Edit::InsertGroup { index, group }];
        edits.extend(notes.iter().map(|note| Edit::SetNoteGroup { id: *note, group: Some(id) }));
        Edit::Batch(edits)
    }

    /// A short description for menus, e.g. "Undo rename organisation".
    pub fn describe(&self) -> &'static str {
        match self {
            Edit::SetDetails(_) => "edit workshop details",
            Edit::InsertOrganisation { .. } => "add organisation",
            Edit::UpdateOrganisation(_) => "change organisation",
            Edit::RemoveOrganisation(_) => "remove organisation",
            Edit::InsertParticipant { .. } => "add participant",
            Edit::UpdateParticipant(_) => "change participant",
            Edit::RemoveParticipant(_) => "remove participant",
            Edit::InsertNote { .. } => "add note",
            Edit::EditNoteText { .. } => "edit note",
            Edit::SetNoteAuthor { .. } => "change note author",
            Edit::SetNoteOrganisation { .. } => "change note organisation",
            Edit::SetNoteTags { .. } => "change note tags",
            Edit::MoveNote { .. } => "move note",
            Edit::DeleteNote(_) => "delete note",
            Edit::RestoreNote(_) => "restore note",
            Edit::InsertAction { .. } => "add action",
            Edit::UpdateAction(_) => "change action",
            Edit::RemoveAction(_) => "remove action",
            Edit::InsertPrompt { .. } => "add prompt",
            Edit::UpdatePrompt(_) => "change prompt",
            Edit::RemovePrompt(_) => "remove prompt",
            Edit::MovePrompt { .. } => "reorder prompts",
            Edit::InsertLink { .. } => "link need and help",
            Edit::UpdateLink(_) => "change link",
            Edit::RemoveLink(_) => "remove link",
            Edit::SetNotesHidden { hidden: true, .. } => "hide notes",
            Edit::SetNotesHidden { hidden: false, .. } => "reveal notes",
            Edit::SetPrivateWriting(_) => "private writing",
            Edit::InsertGroup { .. } => "group notes",
            Edit::UpdateGroup(_) => "change group",
            Edit::RemoveGroup(_) => "ungroup notes",
            Edit::SetNoteGroup { group: Some(_), .. } => "add note to group",
            Edit::SetNoteGroup { group: None, .. } => "take note out of group",
            Edit::MoveGroup { .. } => "move group",
            Edit::InsertVote { .. } => "open vote",
            Edit::RemoveVote(_) => "remove vote",
            Edit::RestoreVote(_) => "restore vote",
            Edit::CastDot { .. } => "cast dot",
            Edit::WithdrawDot { .. } => "take back dot",
            Edit::SetVoteClosed { closed: Some(_), .. } => "close vote",
            Edit::SetVoteClosed { closed: None, .. } => "reopen vote",
            Edit::InsertStep { .. } => "add agenda step",
            Edit::UpdateStep(_) => "change agenda step",
            Edit::RemoveStep(_) => "remove agenda step",
            Edit::MoveStep { .. } => "reorder agenda",
            Edit::SetCurrentStep(_) => "go to agenda step",
            Edit::Batch(edits) => edits.first().map_or("change", Edit::describe),
        }
    }

    /// Apply the edit to `session` and return the edit that undoes it.
    ///
    /// Either the whole edit is applied or, on error, nothing is.
    pub fn apply(self, session: &mut Session) -> Result<Edit, EditError> {
        match self {
            Edit::SetDetails(details) => Ok(Edit::SetDetails(std::mem::replace(&mut session.details, details))),
            Edit::InsertOrganisation { index, organisation } => {
                people::insert_organisation(session, index, organisation)
            }
            Edit::UpdateOrganisation(organisation) => people::update_organisation(session, organisation),
            Edit::RemoveOrganisation(id) => people::remove_organisation(session, id),
            Edit::InsertParticipant { index, participant } => people::insert_participant(session, index, participant),
            Edit::UpdateParticipant(participant) => people::update_participant(session, participant),
            Edit::RemoveParticipant(id) => people::remove_participant(session, id),
            Edit::InsertNote { index, note } => notes::insert_note(session, index, note),
            Edit::EditNoteText { id, text, at } => notes::edit_note_text(session, id, text, at),
            Edit::SetNoteAuthor { id, author, at } => notes::set_note_author(session, id, author, at),
            Edit::SetNoteOrganisation { id, organisation, at } => {
                notes::set_note_organisation(session, id, organisation, at)
            }
            Edit::SetNoteTags { id, tags, at } => notes::set_note_tags(session, id, tags, at),
            Edit::MoveNote { id, placement } => notes::move_note(session, id, placement),
            Edit::RestoreNote(restored) => notes::restore_note(session, restored),
            Edit::DeleteNote(id) => notes::delete_note(session, id),
            Edit::InsertAction { index, action } => plan::insert_action(session, index, action),
            Edit::UpdateAction(action) => plan::update_action(session, action),
            Edit::RemoveAction(id) => plan::remove_action(session, id),
            Edit::InsertPrompt { index, prompt } => prompts::insert_prompt(session, index, prompt),
            Edit::UpdatePrompt(prompt) => prompts::update_prompt(session, prompt),
            Edit::RemovePrompt(key) => prompts::remove_prompt(session, &key),
            Edit::MovePrompt { key, to } => prompts::move_prompt(session, key, to),
            Edit::InsertLink { index, link } => links::insert_link(session, index, link),
            Edit::UpdateLink(link) => links::update_link(session, link),
            Edit::RemoveLink(id) => links::remove_link(session, id),
            Edit::SetNotesHidden { ids, hidden } => notes::set_notes_hidden(session, ids, hidden),
            Edit::SetPrivateWriting(on) => {
                Ok(Edit::SetPrivateWriting(std::mem::replace(&mut session.private_writing, on)))
            }
            Edit::InsertGroup { index, group } => groups::insert_group(session, index, group),
            Edit::UpdateGroup(group) => groups::update_group(session, group),
            Edit::RemoveGroup(id) => groups::remove_group(session, id),
            Edit::SetNoteGroup { id, group } => groups::set_note_group(session, id, group),
            Edit::MoveGroup { id, placement } => groups::move_group(session, id, placement),
            Edit::InsertVote { index, vote } => votes::insert_vote(session, index, vote),
            Edit::RemoveVote(id) => votes::remove_vote(session, id),
            Edit::RestoreVote(restored) => votes::restore_vote(session, restored),
            Edit::CastDot { vote, dot } => votes::cast_dot(session, vote, dot),
            Edit::WithdrawDot { vote, dot } => votes::withdraw_dot(session, vote, dot),
            Edit::SetVoteClosed { vote, closed } => votes::set_vote_closed(session, vote, closed),
            Edit::InsertStep { index, step } => agenda::insert_step(session, index, step),
            Edit::UpdateStep(step) => agenda::update_step(session, step),
            Edit::RemoveStep(id) => agenda::remove_step(session, id),
            Edit::MoveStep { id, to } => agenda::move_step(session, id, to),
            Edit::SetCurrentStep(current) => agenda::set_current_step(session, current),
            Edit::Batch(edits) => apply_batch(session, edits),
        }
    }
}

/// Applies edits in order and returns their inverses in the same order; if one fails, undoes the
/// ones already applied so the session is as it was, and returns that error.
pub(super) fn apply_all(session: &mut Session, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(session) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // Each inverse was produced by a successful apply on exactly this state, so
                    // undoing it cannot fail; ignoring the result keeps the error we report the
                    // one that explains what went wrong.
                    let _ = inverse.apply(session);
                }
                return Err(error);
            }
        }
    }
    Ok(inverses)
}

/// Applies a batch in order; its inverse undoes the edits in the opposite order.
fn apply_batch(session: &mut Session, edits: Vec<Edit>) -> Result<Edit, EditError> {
    let mut inverses = apply_all(session, edits)?;
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn single_or_batch(mut undo: Vec<Edit>) -> Edit {
    if undo.len() == 1 { undo.remove(0) } else { Edit::Batch(undo) }
}

fn check_insert<T>(
    kind: &'static str,
    index: usize,
    list: &[T],
    same_id: impl Fn(&T) -> bool,
) -> Result<(), EditError> {
    if index > list.len() {
        return Err(EditError::IndexOutOfRange { kind, index, len: list.len() });
    }
    if list.iter().any(same_id) {
        return Err(EditError::DuplicateId { kind });
    }
    Ok(())
}

fn position<T>(kind: &'static str, list: &[T], matches: impl Fn(&T) -> bool) -> Result<usize, EditError> {
    list.iter().position(matches).ok_or(EditError::Missing { kind })
}

fn find_mut<'a, T>(
    kind: &'static str,
    list: &'a mut [T],
    matches: impl Fn(&T) -> bool,
) -> Result<&'a mut T, EditError> {
    list.iter_mut().find(|item| matches(item)).ok_or(EditError::Missing { kind })
}
