//! What is announced to screen readers when a change is made: a note added, a vote closed, the
//! agenda moved to another step. Worked out from the edit before it is applied and put into
//! words from the session after, so the words say what the session now holds.

use crate::model::{Edit, NoteId, Session, StepId, VoteId, place_in_words, vote_scope_words};

/// A change worth announcing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Happening {
    /// A note was added.
    NoteAdded(NoteId),
    /// A vote was closed (its totals show).
    VoteClosed(VoteId),
    /// The agenda went to a step, or back to not started.
    StepChanged(Option<StepId>),
}

impl Happening {
    /// What `edit` will do that is worth announcing, if anything.
    pub(super) fn of(edit: &Edit) -> Option<Self> {
        match edit {
            Edit::InsertNote { note, .. } => Some(Self::NoteAdded(note.id)),
            Edit::SetVoteClosed { vote, closed: Some(_) } => Some(Self::VoteClosed(*vote)),
            Edit::SetCurrentStep(step) => Some(Self::StepChanged(*step)),
            _ => None,
        }
    }

    /// The words a screen reader says, read from `session` once the edit is applied.
    pub(super) fn words(self, session: &Session) -> Option<String> {
        match self {
            Self::NoteAdded(id) => {
                let note = session.note(id)?;
                let place = place_in_words(session, &note.placement);
                // A note written in private stays unsaid, as it stays blank on the projection:
                // the console's tree is read out while the room watches too.
                Some(if note.hidden {
                    format!("Note added, hidden until revealed. {place}.")
                } else {
                    format!("Note added. {place}: {}", note.text)
                })
            }
            Self::VoteClosed(id) => {
                let vote = session.vote(id)?;
                Some(format!("Vote closed on {}. The totals show.", vote_scope_words(session, &vote.scope)))
            }
            Self::StepChanged(None) => Some("The agenda is back to not started.".to_owned()),
            Self::StepChanged(Some(id)) => {
                let agenda = &session.agenda;
                let index = agenda.steps.iter().position(|step| step.id == id)?;
                let step = &agenda.steps[index];
                Some(format!("Agenda step {} of {}: {}.", index + 1, agenda.steps.len(), step.title))
            }
        }
    }
}
