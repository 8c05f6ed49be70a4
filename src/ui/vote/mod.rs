//! Dot voting from the console: the facilitator (or a scribe) opens a vote, chooses each voter in
//! turn and puts their dots on notes, then closes the vote to show the totals.
//!
//! The room never sees running totals: while a vote is open the canvases show no counts, and the
//! panel shows only how many dots each voter has used. Closing the vote puts a badge with its
//! dots on every note that got any, on both canvases, and ranks the notes in the panel.

mod badge;
mod panel;

pub use badge::{DOT_BADGE_FILL, dot_badge_disc, dots_words, paint_dot_badge};
pub use panel::vote_panel_ui;

use super::commands::VoteCommand;
use super::intents::Intents;
use crate::model::{Dot, DotVote, Edit, NoteId, Session, VoteId, VoteScope, Voter, VoterKind};

/// Which notes a vote being set up is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScopeChoice {
    /// The notes of the prompt selected on the wheel.
    SelectedPrompt,
    /// Every note on the wheel.
    Wheel,
    /// Every note on the needs map.
    Map,
}

/// The vote being set up, before it is opened.
#[derive(Clone, Debug)]
struct VoteForm {
    question: String,
    scope: ScopeChoice,
    voters: VoterKind,
    dots: u32,
}

impl Default for VoteForm {
    fn default() -> Self {
        Self {
            question: "Which of these should we act on first?".to_owned(),
            scope: ScopeChoice::Wheel,
            voters: VoterKind::Participants,
            dots: 3,
        }
    }
}

/// Who is casting dots in which vote: what the canvases need to turn a click on a note into a dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Casting {
    /// The open vote.
    pub vote: VoteId,
    /// The voter whose dots a click puts down.
    pub voter: Voter,
}

impl Casting {
    /// The edit that puts this voter's dot on `note`. Edits that cannot be made (no dots left, a
    /// note outside the vote) come back from the document as a message saying why.
    pub fn put_dot(self, note: NoteId) -> Edit {
        Edit::CastDot { vote: self.vote, dot: Dot { voter: self.voter, note } }
    }
}

/// What the voting console keeps between frames; none of it is saved.
#[derive(Debug)]
pub struct VoteConsole {
    /// Whether the panel is showing.
    pub shown: bool,
    /// The voter whose dots clicks put down, while a vote is open.
    pub voter: Option<Voter>,
    /// Whether the canvases show the last closed vote's totals.
    pub show_totals: bool,
    form: VoteForm,
}

impl Default for VoteConsole {
    fn default() -> Self {
        Self { shown: false, voter: None, show_totals: true, form: VoteForm::default() }
    }
}

/// Everyone who holds dots in a vote of this kind, in the workshop's order.
pub fn voters(session: &Session, kind: VoterKind) -> Vec<Voter> {
    match kind {
        VoterKind::Participants => session.participants.iter().map(|person| Voter::Participant(person.id)).collect(),
        VoterKind::Organisations => session.organisations.iter().map(|org| Voter::Organisation(org.id)).collect(),
    }
}

/// The vote whose totals the canvases show: the last closed one, unless a vote is open (counts
/// stay hidden while voting goes on) or the facilitator has hidden them.
pub fn shown_totals<'s>(session: &'s Session, console: &VoteConsole) -> Option<&'s DotVote> {
    if !console.show_totals || session.open_vote().is_some() {
        return None;
    }
    session.last_closed_vote()
}

/// The words for where a vote's notes are, e.g. "the notes of “Whose welfare?”".
pub fn scope_words(session: &Session, scope: &VoteScope) -> String {
    match scope {
        VoteScope::Prompt(key) => {
            let question = session.wheel.prompt(key).map_or(key.as_str(), |prompt| prompt.question.as_str());
            format!("the notes of “{question}”")
        }
        VoteScope::Wheel => "every note on the prompt wheel".to_owned(),
        VoteScope::Map => "every note on the needs map".to_owned(),
    }
}

impl VoteConsole {
    /// Who is casting now, if a vote is open and a voter of its kind is chosen.
    pub fn casting(&self, session: &Session) -> Option<Casting> {
        let vote = session.open_vote()?;
        let voter = self.voter.filter(|voter| voter.kind() == vote.voters && session.voter_exists(*voter))?;
        Some(Casting { vote: vote.id, voter })
    }

    /// What the canvases show of the vote this frame: who is casting, and whose totals show.
    pub fn on_canvas(&self, session: &Session) -> VoteOnCanvas {
        VoteOnCanvas { casting: self.casting(session), totals: shown_totals(session, self).map(|vote| vote.id) }
    }

    /// Run one of the open vote's commands; `selected` is the note selected on the canvas.
    pub fn run(&mut self, command: VoteCommand, session: &Session, selected: Option<NoteId>, intents: &mut Intents) {
        let Some(vote) = session.open_vote() else { return };
        match command {
            VoteCommand::PutDot | VoteCommand::TakeBackDot => {
                let (Some(casting), Some(note)) = (self.casting(session), selected) else { return };
                if command == VoteCommand::PutDot {
                    intents.edit(casting.put_dot(note));
                } else {
                    intents.edit(Edit::WithdrawDot { vote: vote.id, dot: Dot { voter: casting.voter, note } });
                }
            }
            VoteCommand::NextVoter | VoteCommand::PreviousVoter => {
                let all = voters(session, vote.voters);
                if all.is_empty() {
                    return;
                }
                let current = self.voter.and_then(|voter| all.iter().position(|other| *other == voter));
                let index = match (current, command) {
                    (None, _) => 0,
                    (Some(index), VoteCommand::NextVoter) => (index + 1) % all.len(),
                    (Some(index), _) => (index + all.len() - 1) % all.len(),
                };
                self.voter = Some(all[index]);
            }
        }
    }
}

/// What the canvases need of the vote each frame: who is casting (a click on a note then puts a
/// dot), and which closed vote's totals to show on the notes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VoteOnCanvas {
    /// The voter casting dots, while a vote is open and one is chosen.
    pub casting: Option<Casting>,
    /// The closed vote whose totals the notes show.
    pub totals: Option<VoteId>,
}

impl VoteOnCanvas {
    /// The dots to show on a note: its total in the shown vote, when it has any.
    pub fn dots_shown_on(&self, session: &Session, note: NoteId) -> Option<u32> {
        let dots = session.vote(self.totals?)?.dots_on(note);
        (dots > 0).then_some(dots)
    }
}
