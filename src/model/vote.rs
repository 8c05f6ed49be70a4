//! Dot voting: each voter has a number of dots to put on the notes they think matter most.

use super::{Note, NoteId, OrganisationId, ParticipantId, VoteId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Which notes a vote is over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteScope {
    /// The notes of one prompt (both bands), by the prompt's key.
    Prompt(String),
    /// Every note on the wheel.
    Wheel,
    /// Every note on the needs map.
    Map,
}

impl VoteScope {
    /// Whether a note can receive dots in this vote.
    pub fn covers(&self, note: &Note) -> bool {
        match self {
            VoteScope::Prompt(key) => note.placement.wheel_spot().is_some_and(|(prompt, _)| prompt == key),
            VoteScope::Wheel => note.placement.wheel_spot().is_some(),
            VoteScope::Map => note.placement.map_arc().is_some(),
        }
    }
}

/// Who holds the dots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoterKind {
    /// Every participant has their own dots.
    Participants,
    /// Each organisation has one set of dots, agreed among its people.
    Organisations,
}

impl VoterKind {
    /// The words shown for the kind, e.g. "per participant".
    pub fn label(self) -> &'static str {
        match self {
            VoterKind::Participants => "per participant",
            VoterKind::Organisations => "per organisation",
        }
    }
}

/// One voter: a participant or an organisation, depending on the vote's [`VoterKind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Voter {
    /// A participant.
    Participant(ParticipantId),
    /// An organisation.
    Organisation(OrganisationId),
}

impl Voter {
    /// The kind of voter this is.
    pub fn kind(self) -> VoterKind {
        match self {
            Voter::Participant(_) => VoterKind::Participants,
            Voter::Organisation(_) => VoterKind::Organisations,
        }
    }
}

/// One dot: a voter put it on a note. A voter may put several dots on the same note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dot {
    /// Who cast it.
    pub voter: Voter,
    /// The note it is on.
    pub note: NoteId,
}

/// A dot vote over some of the notes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DotVote {
    /// Stable id.
    pub id: VoteId,
    /// What the room is asked, e.g. "Which opportunities should we act on first?".
    pub question: String,
    /// Which notes can receive dots.
    pub scope: VoteScope,
    /// Whether participants or organisations vote.
    pub voters: VoterKind,
    /// How many dots each voter has.
    pub dots_per_voter: u32,
    /// When the vote was opened.
    #[serde(with = "time::serde::rfc3339")]
    pub opened: OffsetDateTime,
    /// When it was closed; `None` while voting goes on.
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed: Option<OffsetDateTime>,
    /// Every dot cast, in the order cast, saved per voter.
    pub dots: Vec<Dot>,
}

/// A note's result in a vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    /// The note.
    pub note: NoteId,
    /// Dots on it.
    pub dots: u32,
    /// 1 for the most dots; notes with equal dots share a rank ("1, 2, 2, 4").
    pub rank: u32,
}

impl DotVote {
    /// A new open vote with no dots yet.
    pub fn new(
        question: impl Into<String>,
        scope: VoteScope,
        voters: VoterKind,
        dots_per_voter: u32,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            id: VoteId::new_random(),
            question: question.into(),
            scope,
            voters,
            dots_per_voter,
            opened: now,
            closed: None,
            dots: Vec::new(),
        }
    }

    /// Whether dots can still be cast.
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    /// How many dots a voter has used.
    pub fn dots_used_by(&self, voter: Voter) -> u32 {
        count(self.dots.iter().filter(|dot| dot.voter == voter))
    }

    /// How many dots a voter has left.
    pub fn dots_left(&self, voter: Voter) -> u32 {
        self.dots_per_voter.saturating_sub(self.dots_used_by(voter))
    }

    /// How many dots a voter put on one note.
    pub fn dots_by_on(&self, voter: Voter, note: NoteId) -> u32 {
        count(self.dots.iter().filter(|dot| dot.voter == voter && dot.note == note))
    }

    /// Dots on one note from everybody.
    pub fn dots_on(&self, note: NoteId) -> u32 {
        count(self.dots.iter().filter(|dot| dot.note == note))
    }

    /// The result over the given notes (those the vote covers, in the session's order): most
    /// dots first; equal counts keep the notes' order and share a rank.
    pub fn tallies<'a>(&self, notes: impl IntoIterator<Item = &'a Note>) -> Vec<Tally> {
        let mut tallies: Vec<Tally> = notes
            .into_iter()
            .filter(|note| self.scope.covers(note))
            .map(|note| Tally { note: note.id, dots: self.dots_on(note.id), rank: 0 })
            .collect();
        // A stable sort keeps ties in the order the notes were written.
        tallies.sort_by_key(|tally| std::cmp::Reverse(tally.dots));
        let mut rank = 1;
        for index in 0..tallies.len() {
            if index > 0 && tallies[index].dots < tallies[index - 1].dots {
                rank = index as u32 + 1;
            }
            tallies[index].rank = rank;
        }
        tallies
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}
