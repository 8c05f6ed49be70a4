//! Every change a person can make to a session, as a value.
//!
//! [`Edit::apply`] changes the session and returns the edit that undoes it. Keeping inverses
//! rather than snapshots means undo costs memory in proportion to what changed, not to the size
//! of the workshop, and an edit that arrives from elsewhere (a participant's phone, later) is
//! undone exactly like one made at the laptop.

use super::{
    Action, ActionId, Link, LinkId, MAX_PROMPTS, MIN_PROMPTS, Note, NoteId, Organisation, OrganisationId, Participant,
    ParticipantId, Placement, Session, WheelPrompt, WorkshopDetails,
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
}

impl Edit {
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
                Ok(Edit::InsertParticipant { index, participant })
            }

            Edit::InsertNote { index, note } => {
                check_organisation(session, note.organisation)?;
                check_placement(session, &note.placement)?;
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
                let slot = find_mut("note", &mut session.notes, |note| note.id == restored.id)?;
                Ok(Edit::RestoreNote(std::mem::replace(slot, restored)))
            }
            Edit::DeleteNote(id) => delete_note(session, id),

            Edit::InsertAction { index, action } => {
                check_organisation(session, action.lead)?;
                check_insert("action", index, &session.actions, |a| a.id == action.id)?;
                let id = action.id;
                session.actions.insert(index, action);
                Ok(Edit::RemoveAction(id))
            }
            Edit::UpdateAction(action) => {
                check_organisation(session, action.lead)?;
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
                Ok(Edit::InsertLink { index, link })
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
    for action in session.actions.iter_mut().filter(|action| action.lead == Some(id)) {
        undo.push(Edit::UpdateAction(action.clone()));
        action.lead = None;
    }
    Ok(Edit::Batch(undo))
}

fn delete_note(session: &mut Session, id: NoteId) -> Result<Edit, EditError> {
    let index = position("note", &session.notes, |note| note.id == id)?;
    let note = session.notes.remove(index);
    let mut undo = vec![Edit::InsertNote { index, note }];
    for action in session.actions.iter_mut().filter(|action| action.linked_notes.contains(&id)) {
        undo.push(Edit::UpdateAction(action.clone()));
        action.linked_notes.retain(|linked| *linked != id);
    }
    undo.extend(remove_links_of(session, id));
    Ok(if undo.len() == 1 { undo.remove(0) } else { Edit::Batch(undo) })
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
    undo
}

fn move_note(session: &mut Session, id: NoteId, placement: Placement) -> Result<Edit, EditError> {
    check_placement(session, &placement)?;
    let note = find_mut("note", &mut session.notes, |note| note.id == id)?;
    let before = note.clone();
    let leaves_arc = before.placement.map_arc() != placement.map_arc();
    note.placement = placement;
    let mut undo = vec![Edit::RestoreNote(before)];
    if leaves_arc {
        undo.extend(remove_links_of(session, id));
    }
    Ok(if undo.len() == 1 { undo.remove(0) } else { Edit::Batch(undo) })
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
