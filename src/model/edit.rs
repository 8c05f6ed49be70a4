//! Every change a person can make to a session, as a value.
//!
//! [`Edit::apply`] changes the session and returns the edit that undoes it. Keeping inverses
//! rather than snapshots means undo costs memory in proportion to what changed, not to the size
//! of the workshop, and an edit that arrives from elsewhere (a participant's phone, later) is
//! undone exactly like one made at the laptop.

use super::{
    Action, ActionId, AgendaStep, Dot, DotVote, GroupId, Link, LinkId, MAX_PROMPTS, MIN_PROMPTS, Note, NoteGroup,
    NoteId, Organisation, OrganisationId, Participant, ParticipantId, Placement, Session, StepId, VoteId, Voter,
    WheelPrompt, WorkshopDetails,
};
use serde::{Deserialize, Serialize};
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
                check_insert("organisation", index, &session.organisations, |org| org.id == organisation.id)?;
                let id = organisation.id;
                session.organisations.insert(index, organisation);
                Ok(Edit::RemoveOrganisation(id))
            }
            Edit::UpdateOrganisation(organisation) => {
                let slot = find_mut("organisation", &mut session.organisations, |org| org.id == organisation.id)?;
                Ok(Edit::UpdateOrganisation(std::mem::replace(slot, organisation)))
            }
            Edit::RemoveOrganisation(id) => remove_organisation(session, id),

            Edit::InsertParticipant { index, participant } => {
                check_organisation(session, participant.organisation)?;
                check_insert("participant", index, &session.participants, |p| p.id == participant.id)?;
                let id = participant.id;
                session.participants.insert(index, participant);
                Ok(Edit::RemoveParticipant(id))
            }
            Edit::UpdateParticipant(participant) => {
                check_organisation(session, participant.organisation)?;
                let slot = find_mut("participant", &mut session.participants, |p| p.id == participant.id)?;
                Ok(Edit::UpdateParticipant(std::mem::replace(slot, participant)))
            }
            Edit::RemoveParticipant(id) => {
                let index = position("participant", &session.participants, |p| p.id == id)?;
                let participant = session.participants.remove(index);
                let mut undo = vec![Edit::InsertParticipant { index, participant }];
                undo.extend(remove_dots(session, |dot| dot.voter == Voter::Participant(id)));
                Ok(single_or_batch(undo))
            }

            Edit::InsertNote { index, note } => {
                check_organisation(session, note.organisation)?;
                check_placement(session, &note.placement)?;
                check_joins_group(session, note.id, note.group, &note.placement)?;
                check_insert("note", index, &session.notes, |n| n.id == note.id)?;
                let id = note.id;
                session.notes.insert(index, note);
                Ok(Edit::DeleteNote(id))
            }
            Edit::EditNoteText { id, text, at } => change_note(session, id, |note| {
                note.text = text;
                note.edited = at;
            }),
            Edit::SetNoteAuthor { id, author, at } => change_note(session, id, |note| {
                note.author = author;
                note.edited = at;
            }),
            Edit::SetNoteOrganisation { id, organisation, at } => {
                check_organisation(session, organisation)?;
                change_note(session, id, |note| {
                    note.organisation = organisation;
                    note.edited = at;
                })
            }
            Edit::SetNoteTags { id, tags, at } => change_note(session, id, |note| {
                note.tags = tags;
                note.edited = at;
            }),
            Edit::MoveNote { id, placement } => move_note(session, id, placement),
            Edit::RestoreNote(restored) => {
                check_organisation(session, restored.organisation)?;
                check_placement(session, &restored.placement)?;
                // Only that the group exists: a restore puts back a state that was whole, and
                // while a moved group is being put back, its notes are briefly in two places.
                check_group(session, restored.group)?;
                let slot = find_mut("note", &mut session.notes, |note| note.id == restored.id)?;
                Ok(Edit::RestoreNote(std::mem::replace(slot, restored)))
            }
            Edit::DeleteNote(id) => delete_note(session, id),

            Edit::InsertAction { index, action } => {
                check_action_organisations(session, &action)?;
                check_insert("action", index, &session.actions, |a| a.id == action.id)?;
                let id = action.id;
                session.actions.insert(index, action);
                Ok(Edit::RemoveAction(id))
            }
            Edit::UpdateAction(action) => {
                check_action_organisations(session, &action)?;
                let slot = find_mut("action", &mut session.actions, |a| a.id == action.id)?;
                Ok(Edit::UpdateAction(std::mem::replace(slot, action)))
            }
            Edit::RemoveAction(id) => {
                let index = position("action", &session.actions, |a| a.id == id)?;
                let action = session.actions.remove(index);
                Ok(Edit::InsertAction { index, action })
            }

            Edit::InsertPrompt { index, prompt } => {
                if session.wheel.prompts.len() >= MAX_PROMPTS {
                    return Err(EditError::PromptLimit { min: MIN_PROMPTS, max: MAX_PROMPTS });
                }
                check_insert("prompt", index, &session.wheel.prompts, |p| p.key == prompt.key)?;
                let key = prompt.key.clone();
                session.wheel.prompts.insert(index, prompt);
                Ok(Edit::RemovePrompt(key))
            }
            Edit::UpdatePrompt(prompt) => {
                let slot = find_mut("prompt", &mut session.wheel.prompts, |p| p.key == prompt.key)?;
                Ok(Edit::UpdatePrompt(std::mem::replace(slot, prompt)))
            }
            Edit::RemovePrompt(key) => remove_prompt(session, &key),
            Edit::MovePrompt { key, to } => {
                let from = position("prompt", &session.wheel.prompts, |p| p.key == key)?;
                let len = session.wheel.prompts.len();
                if to >= len {
                    return Err(EditError::IndexOutOfRange { kind: "prompt", index: to, len });
                }
                let prompt = session.wheel.prompts.remove(from);
                session.wheel.prompts.insert(to, prompt);
                Ok(Edit::MovePrompt { key, to: from })
            }

            Edit::InsertLink { index, link } => {
                check_link(session, &link)?;
                check_insert("link", index, &session.links, |l| l.id == link.id)?;
                let id = link.id;
                session.links.insert(index, link);
                Ok(Edit::RemoveLink(id))
            }
            Edit::UpdateLink(link) => {
                check_link(session, &link)?;
                let slot = find_mut("link", &mut session.links, |l| l.id == link.id)?;
                Ok(Edit::UpdateLink(std::mem::replace(slot, link)))
            }
            Edit::RemoveLink(id) => {
                let index = position("link", &session.links, |l| l.id == id)?;
                let link = session.links.remove(index);
                let mut undo = vec![Edit::InsertLink { index, link }];
                undo.extend(unlink_actions_from_link(session, id));
                Ok(single_or_batch(undo))
            }

            Edit::SetNotesHidden { ids, hidden } => set_notes_hidden(session, ids, hidden),
            Edit::SetPrivateWriting(on) => {
                Ok(Edit::SetPrivateWriting(std::mem::replace(&mut session.private_writing, on)))
            }

            Edit::InsertGroup { index, group } => {
                check_insert("group", index, &session.groups, |g| g.id == group.id)?;
                let id = group.id;
                session.groups.insert(index, group);
                Ok(Edit::RemoveGroup(id))
            }
            Edit::UpdateGroup(group) => {
                let slot = find_mut("group", &mut session.groups, |g| g.id == group.id)?;
                Ok(Edit::UpdateGroup(std::mem::replace(slot, group)))
            }
            Edit::RemoveGroup(id) => remove_group(session, id),
            Edit::SetNoteGroup { id, group } => set_note_group(session, id, group),
            Edit::MoveGroup { id, placement } => move_group(session, id, placement),

            Edit::InsertVote { index, vote } => {
                if vote.is_open() && session.open_vote().is_some() {
                    return Err(EditError::VoteAlreadyOpen);
                }
                check_insert("vote", index, &session.votes, |v| v.id == vote.id)?;
                let id = vote.id;
                session.votes.insert(index, vote);
                Ok(Edit::RemoveVote(id))
            }
            Edit::RemoveVote(id) => {
                let index = position("vote", &session.votes, |v| v.id == id)?;
                let vote = session.votes.remove(index);
                Ok(Edit::InsertVote { index, vote })
            }
            Edit::RestoreVote(restored) => {
                let slot = find_mut("vote", &mut session.votes, |v| v.id == restored.id)?;
                Ok(Edit::RestoreVote(std::mem::replace(slot, restored)))
            }
            Edit::CastDot { vote, dot } => cast_dot(session, vote, dot),
            Edit::WithdrawDot { vote, dot } => {
                let slot = find_mut("vote", &mut session.votes, |v| v.id == vote)?;
                if !slot.is_open() {
                    return Err(EditError::VoteClosed);
                }
                // The latest matching dot goes, so that undoing a cast takes back exactly that dot.
                let index = slot.dots.iter().rposition(|cast| *cast == dot).ok_or(EditError::NoSuchDot)?;
                slot.dots.remove(index);
                Ok(Edit::CastDot { vote, dot })
            }
            Edit::SetVoteClosed { vote, closed } => {
                if closed.is_none() && session.votes.iter().any(|other| other.id != vote && other.is_open()) {
                    return Err(EditError::VoteAlreadyOpen);
                }
                let slot = find_mut("vote", &mut session.votes, |v| v.id == vote)?;
                Ok(Edit::SetVoteClosed { vote, closed: std::mem::replace(&mut slot.closed, closed) })
            }

            Edit::InsertStep { index, step } => {
                check_insert("agenda step", index, &session.agenda.steps, |s| s.id == step.id)?;
                let id = step.id;
                session.agenda.steps.insert(index, step);
                Ok(Edit::RemoveStep(id))
            }
            Edit::UpdateStep(step) => {
                let slot = find_mut("agenda step", &mut session.agenda.steps, |s| s.id == step.id)?;
                Ok(Edit::UpdateStep(std::mem::replace(slot, step)))
            }
            Edit::RemoveStep(id) => {
                let index = position("agenda step", &session.agenda.steps, |s| s.id == id)?;
                let step = session.agenda.steps.remove(index);
                let mut undo = vec![Edit::InsertStep { index, step }];
                if session.agenda.current == Some(id) {
                    session.agenda.current = None;
                    undo.push(Edit::SetCurrentStep(Some(id)));
                }
                Ok(single_or_batch(undo))
            }
            Edit::MoveStep { id, to } => {
                let from = position("agenda step", &session.agenda.steps, |s| s.id == id)?;
                let len = session.agenda.steps.len();
                if to >= len {
                    return Err(EditError::IndexOutOfRange { kind: "agenda step", index: to, len });
                }
                let step = session.agenda.steps.remove(from);
                session.agenda.steps.insert(to, step);
                Ok(Edit::MoveStep { id, to: from })
            }
            Edit::SetCurrentStep(current) => {
                if let Some(id) = current {
                    position("agenda step", &session.agenda.steps, |s| s.id == id)?;
                }
                Ok(Edit::SetCurrentStep(std::mem::replace(&mut session.agenda.current, current)))
            }

            Edit::Batch(edits) => {
                let mut inverses = apply_all(session, edits)?;
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
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

fn remove_organisation(session: &mut Session, id: OrganisationId) -> Result<Edit, EditError> {
    let index = position("organisation", &session.organisations, |org| org.id == id)?;
    let organisation = session.organisations.remove(index);
    // The inverse first puts the organisation back, then restores every reference to it.
    let mut undo = vec![Edit::InsertOrganisation { index, organisation }];
    for participant in session.participants.iter_mut().filter(|p| p.organisation == Some(id)) {
        undo.push(Edit::UpdateParticipant(participant.clone()));
        participant.organisation = None;
    }
    for note in session.notes.iter_mut().filter(|note| note.organisation == Some(id)) {
        undo.push(Edit::RestoreNote(note.clone()));
        note.organisation = None;
    }
    let names_it = |action: &Action| action.lead == Some(id) || action.supporting.contains(&id);
    for action in session.actions.iter_mut().filter(|action| names_it(action)) {
        undo.push(Edit::UpdateAction(action.clone()));
        if action.lead == Some(id) {
            action.lead = None;
        }
        action.supporting.retain(|supporter| *supporter != id);
    }
    undo.extend(remove_dots(session, |dot| dot.voter == Voter::Organisation(id)));
    Ok(Edit::Batch(undo))
}

fn delete_note(session: &mut Session, id: NoteId) -> Result<Edit, EditError> {
    let index = position("note", &session.notes, |note| note.id == id)?;
    let note = session.notes.remove(index);
    let group = note.group;
    let mut undo = vec![Edit::InsertNote { index, note }];
    // The group must be back before its note can rejoin it.
    if let Some(restore_group) = remove_group_if_empty(session, group) {
        undo.insert(0, restore_group);
    }
    for action in session.actions.iter_mut().filter(|action| action.linked_notes.contains(&id)) {
        undo.push(Edit::UpdateAction(action.clone()));
        action.linked_notes.retain(|linked| *linked != id);
    }
    undo.extend(remove_links_of(session, id));
    undo.extend(remove_dots(session, |dot| dot.note == id));
    Ok(single_or_batch(undo))
}

fn single_or_batch(mut undo: Vec<Edit>) -> Edit {
    if undo.len() == 1 { undo.remove(0) } else { Edit::Batch(undo) }
}

/// Removes a group that no note belongs to any more, returning the edit that puts it back.
fn remove_group_if_empty(session: &mut Session, id: Option<GroupId>) -> Option<Edit> {
    let id = id?;
    if session.notes.iter().any(|note| note.group == Some(id)) {
        return None;
    }
    let index = session.groups.iter().position(|group| group.id == id)?;
    let group = session.groups.remove(index);
    Some(Edit::InsertGroup { index, group })
}

/// Takes away every dot that `matches`, returning the edits that put the votes back.
fn remove_dots(session: &mut Session, matches: impl Fn(&Dot) -> bool) -> Vec<Edit> {
    let mut undo = Vec::new();
    for vote in session.votes.iter_mut().filter(|vote| vote.dots.iter().any(&matches)) {
        undo.push(Edit::RestoreVote(vote.clone()));
        vote.dots.retain(|dot| !matches(dot));
    }
    undo
}

/// Takes a removed link out of the actions that answered it, returning the edits that put it back.
fn unlink_actions_from_link(session: &mut Session, link: LinkId) -> Vec<Edit> {
    let mut undo = Vec::new();
    for action in session.actions.iter_mut().filter(|action| action.linked_links.contains(&link)) {
        undo.push(Edit::UpdateAction(action.clone()));
        action.linked_links.retain(|linked| *linked != link);
    }
    undo
}

/// Removes every link that starts or ends at `note`, returning the edits that put them back
/// (in the order they must be applied).
fn remove_links_of(session: &mut Session, note: NoteId) -> Vec<Edit> {
    let mut undo = Vec::new();
    let mut index = 0;
    let mut original_index = 0;
    while index < session.links.len() {
        if session.links[index].need == note || session.links[index].help == note {
            let link = session.links.remove(index);
            undo.push(Edit::InsertLink { index: original_index, link });
        } else {
            index += 1;
        }
        original_index += 1;
    }
    let removed: Vec<LinkId> = undo
        .iter()
        .filter_map(|edit| match edit {
            Edit::InsertLink { link, .. } => Some(link.id),
            _ => None,
        })
        .collect();
    for link in removed {
        undo.extend(unlink_actions_from_link(session, link));
    }
    undo
}

fn move_note(session: &mut Session, id: NoteId, placement: Placement) -> Result<Edit, EditError> {
    check_placement(session, &placement)?;
    let note = find_mut("note", &mut session.notes, |note| note.id == id)?;
    let before = note.clone();
    let leaves_arc = before.placement.map_arc() != placement.map_arc();
    // A note that goes to another band or arc leaves its group; along the same arc it stays.
    let leaves_spot = before.placement.spot() != placement.spot();
    note.placement = placement;
    if leaves_spot {
        note.group = None;
    }
    let old_group = before.group;
    let mut undo = vec![Edit::RestoreNote(before)];
    if leaves_spot && let Some(restore_group) = remove_group_if_empty(session, old_group) {
        undo.insert(0, restore_group);
    }
    if leaves_arc {
        undo.extend(remove_links_of(session, id));
    }
    Ok(single_or_batch(undo))
}

fn set_notes_hidden(session: &mut Session, ids: Vec<NoteId>, hidden: bool) -> Result<Edit, EditError> {
    if ids.iter().any(|id| session.note(*id).is_none()) {
        return Err(EditError::Missing { kind: "note" });
    }
    let mut changed = Vec::new();
    for note in session.notes.iter_mut().filter(|note| ids.contains(&note.id) && note.hidden != hidden) {
        note.hidden = hidden;
        changed.push(note.id);
    }
    Ok(Edit::SetNotesHidden { ids: changed, hidden: !hidden })
}

fn remove_group(session: &mut Session, id: GroupId) -> Result<Edit, EditError> {
    let index = position("group", &session.groups, |group| group.id == id)?;
    let group = session.groups.remove(index);
    let mut undo = vec![Edit::InsertGroup { index, group }];
    for note in session.notes.iter_mut().filter(|note| note.group == Some(id)) {
        undo.push(Edit::RestoreNote(note.clone()));
        note.group = None;
    }
    Ok(Edit::Batch(undo))
}

fn set_note_group(session: &mut Session, id: NoteId, group: Option<GroupId>) -> Result<Edit, EditError> {
    let placement = session.note(id).ok_or(EditError::Missing { kind: "note" })?.placement.clone();
    check_joins_group(session, id, group, &placement)?;
    let note = find_mut("note", &mut session.notes, |note| note.id == id)?;
    let before = note.clone();
    note.group = group;
    let old_group = before.group;
    let mut undo = vec![Edit::RestoreNote(before)];
    if old_group != group
        && let Some(restore_group) = remove_group_if_empty(session, old_group)
    {
        undo.insert(0, restore_group);
    }
    Ok(single_or_batch(undo))
}

/// The spacing along an arc given to a group's notes when they arrive from the wheel.
const GROUP_SPACING_ALONG: f32 = 0.04;

fn move_group(session: &mut Session, id: GroupId, placement: Placement) -> Result<Edit, EditError> {
    position("group", &session.groups, |group| group.id == id)?;
    check_placement(session, &placement)?;
    if placement.spot().is_none() {
        return Err(EditError::InvalidPlacement);
    }
    let members: Vec<(NoteId, Placement)> =
        session.group_members(id).map(|note| (note.id, note.placement.clone())).collect();
    let Some((_, first)) = members.first() else {
        return Err(EditError::Missing { kind: "note" });
    };
    let targets: Vec<Placement> = match &placement {
        Placement::Map { arc, along } => {
            let alongs: Vec<f32> = match first {
                // Along an arc, the notes keep their distances from the first one...
                Placement::Map { along: first_along, .. } => members
                    .iter()
                    .map(|(_, old)| match old {
                        Placement::Map { along: old_along, .. } => along + (old_along - first_along),
                        _ => *along,
                    })
                    .collect(),
                // ...and from the wheel they arrive spaced out after it.
                _ => (0..members.len()).map(|index| along + GROUP_SPACING_ALONG * index as f32).collect(),
            };
            // Shift the whole group back onto the arc rather than squashing it at an end.
            let low = alongs.iter().copied().fold(f32::INFINITY, f32::min);
            let high = alongs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let shift = if low < 0.0 {
                -low
            } else if high > 1.0 {
                1.0 - high
            } else {
                0.0
            };
            alongs
                .into_iter()
                .map(|value| Placement::Map { arc: *arc, along: (value + shift).clamp(0.0, 1.0) })
                .collect()
        }
        _ => vec![placement.clone(); members.len()],
    };
    let mut undo = Vec::new();
    let mut left_arc = Vec::new();
    for ((note_id, old), target) in members.iter().zip(targets) {
        if old.map_arc() != target.map_arc() {
            left_arc.push(*note_id);
        }
        let note = find_mut("note", &mut session.notes, |note| note.id == *note_id)?;
        undo.push(Edit::RestoreNote(note.clone()));
        note.placement = target;
    }
    // Links go back after every note is back on its arc.
    for note_id in left_arc {
        undo.extend(remove_links_of(session, note_id));
    }
    Ok(Edit::Batch(undo))
}

fn cast_dot(session: &mut Session, vote: VoteId, dot: Dot) -> Result<Edit, EditError> {
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

fn check_group(session: &Session, group: Option<GroupId>) -> Result<(), EditError> {
    match group {
        Some(id) if session.group(id).is_none() => Err(EditError::Missing { kind: "group" }),
        _ => Ok(()),
    }
}

/// A note can join a group only where the group's other notes are.
fn check_joins_group(
    session: &Session,
    note: NoteId,
    group: Option<GroupId>,
    placement: &Placement,
) -> Result<(), EditError> {
    let Some(group) = group else { return Ok(()) };
    check_group(session, Some(group))?;
    let spot = placement.spot().ok_or(EditError::GroupSpot)?;
    let elsewhere = session
        .notes
        .iter()
        .any(|other| other.group == Some(group) && other.id != note && other.placement.spot() != Some(spot));
    if elsewhere { Err(EditError::GroupSpot) } else { Ok(()) }
}

fn check_action_organisations(session: &Session, action: &Action) -> Result<(), EditError> {
    action.organisations().try_for_each(|id| check_organisation(session, Some(id)))
}

fn remove_prompt(session: &mut Session, key: &str) -> Result<Edit, EditError> {
    let index = position("prompt", &session.wheel.prompts, |p| p.key == key)?;
    if session.wheel.prompts.len() <= MIN_PROMPTS {
        return Err(EditError::PromptLimit { min: MIN_PROMPTS, max: MAX_PROMPTS });
    }
    let on_prompt: Vec<Edit> = session
        .notes
        .iter()
        .filter(|note| note.placement.wheel_spot().is_some_and(|(prompt, _)| prompt == key))
        .map(|note| Edit::DeleteNote(note.id))
        .collect();
    let mut note_inverses = apply_all(session, on_prompt)?;
    note_inverses.reverse();
    let prompt = session.wheel.prompts.remove(index);
    // The prompt must be back on the wheel before its notes can return to it.
    let mut undo = vec![Edit::InsertPrompt { index, prompt }];
    undo.extend(note_inverses);
    Ok(Edit::Batch(undo))
}

fn check_link(session: &Session, link: &Link) -> Result<(), EditError> {
    if !session.link_ends_fit(link) {
        return Err(EditError::InvalidLink);
    }
    let duplicate =
        session.links.iter().any(|other| other.id != link.id && other.need == link.need && other.help == link.help);
    if duplicate { Err(EditError::AlreadyLinked) } else { Ok(()) }
}

fn change_note(session: &mut Session, id: NoteId, change: impl FnOnce(&mut Note)) -> Result<Edit, EditError> {
    let note = find_mut("note", &mut session.notes, |note| note.id == id)?;
    let before = note.clone();
    change(note);
    Ok(Edit::RestoreNote(before))
}

fn check_organisation(session: &Session, id: Option<OrganisationId>) -> Result<(), EditError> {
    match id {
        Some(id) if session.organisation(id).is_none() => Err(EditError::Missing { kind: "organisation" }),
        _ => Ok(()),
    }
}

fn check_placement(session: &Session, placement: &Placement) -> Result<(), EditError> {
    let on_wheel = match placement {
        Placement::Wheel { prompt, .. } => session.wheel.prompt(prompt).is_some(),
        Placement::Unplaced | Placement::Map { .. } => true,
    };
    if placement.is_valid() && on_wheel { Ok(()) } else { Err(EditError::InvalidPlacement) }
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
