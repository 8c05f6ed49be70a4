//! A workshop session: everything that is saved in one file.

use super::{
    Action, ActionId, Agenda, DotVote, GroupId, Link, LinkId, MAX_PROMPTS, MIN_PROMPTS, MapArc, Note, NoteGroup,
    NoteId, Organisation, OrganisationId, Participant, ParticipantId, Placement, Spot, VoteId, Voter, Wheel, WheelBand,
};
use serde::{Deserialize, Serialize};
use time::Date;

/// The facts about a workshop that a summary starts with.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct WorkshopDetails {
    /// The workshop's title.
    pub title: String,
    /// The day it takes place.
    pub date: Option<Date>,
    /// Where it takes place.
    pub venue: String,
    /// What it is for.
    pub purpose: String,
    /// Who facilitates it.
    pub facilitator: String,
}

/// One workshop session. Undo history is deliberately not part of it, so it is never saved.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Session {
    /// Title, date, venue, purpose, facilitator.
    pub details: WorkshopDetails,
    /// The partner organisations, in the order they were added.
    pub organisations: Vec<Organisation>,
    /// The people in the room.
    pub participants: Vec<Participant>,
    /// All sticky notes, on every canvas.
    pub notes: Vec<Note>,
    /// The action plan.
    pub actions: Vec<Action>,
    /// The prompts of this workshop's wheel.
    pub wheel: Wheel,
    /// Links between needs and sources of help on the map.
    pub links: Vec<Link>,
    /// Headings that gather notes within a band or along an arc.
    #[serde(default)]
    pub groups: Vec<NoteGroup>,
    /// Dot votes, open or closed, in the order they were opened.
    #[serde(default)]
    pub votes: Vec<DotVote>,
    /// The steps of the workshop and which one the room is on.
    #[serde(default)]
    pub agenda: Agenda,
    /// Whether new notes start hidden on the projection until the facilitator reveals them.
    #[serde(default)]
    pub private_writing: bool,
}

impl Session {
    /// A new workshop: empty, with the suggested agenda to start from.
    pub fn new_workshop(details: WorkshopDetails) -> Self {
        Self { details, agenda: Agenda::suggested(), ..Self::default() }
    }

    /// The group with this id.
    pub fn group(&self, id: GroupId) -> Option<&NoteGroup> {
        self.groups.iter().find(|group| group.id == id)
    }

    /// The notes of a group, in the order they were written.
    pub fn group_members(&self, id: GroupId) -> impl Iterator<Item = &Note> + '_ {
        self.notes.iter().filter(move |note| note.group == Some(id))
    }

    /// The spot a group's notes share, from its first note; `None` for an empty group.
    pub fn group_spot(&self, id: GroupId) -> Option<Spot<'_>> {
        self.group_members(id).next().and_then(|note| note.placement.spot())
    }

    /// The vote with this id.
    pub fn vote(&self, id: VoteId) -> Option<&DotVote> {
        self.votes.iter().find(|vote| vote.id == id)
    }

    /// The vote that is open, if any (there is at most one).
    pub fn open_vote(&self) -> Option<&DotVote> {
        self.votes.iter().find(|vote| vote.is_open())
    }

    /// The latest closed vote, whose totals the canvases show.
    pub fn last_closed_vote(&self) -> Option<&DotVote> {
        self.votes.iter().rev().find(|vote| !vote.is_open())
    }

    /// The vote whose totals the canvases show: the last closed one, unless a vote is open (counts
    /// stay hidden while voting goes on) or the facilitator has hidden the totals
    /// (`show_totals` false).
    pub fn shown_vote(&self, show_totals: bool) -> Option<&DotVote> {
        if !show_totals || self.open_vote().is_some() {
            return None;
        }
        self.last_closed_vote()
    }

    /// Whether a voter names someone in the workshop.
    pub fn voter_exists(&self, voter: Voter) -> bool {
        match voter {
            Voter::Participant(id) => self.participant(id).is_some(),
            Voter::Organisation(id) => self.organisation(id).is_some(),
        }
    }

    /// The name of a voter, for display.
    pub fn voter_name(&self, voter: Voter) -> String {
        match voter {
            Voter::Participant(id) => self.participant(id).map_or_else(
                || "Unknown participant".to_owned(),
                |person| match person.name.as_deref().map(str::trim) {
                    Some(name) if !name.is_empty() => name.to_owned(),
                    _ => format!("Participant {}", self.participants.iter().position(|p| p.id == id).unwrap_or(0) + 1),
                },
            ),
            Voter::Organisation(id) => self.organisation_name(Some(id)).to_owned(),
        }
    }

    /// Notes still hidden on the projection.
    pub fn hidden_notes(&self) -> impl Iterator<Item = &Note> + '_ {
        self.notes.iter().filter(|note| note.hidden)
    }
    /// The title to show, "Untitled workshop" while it has none.
    pub fn display_title(&self) -> &str {
        let title = self.details.title.trim();
        if title.is_empty() { "Untitled workshop" } else { title }
    }

    /// The organisation with this id.
    pub fn organisation(&self, id: OrganisationId) -> Option<&Organisation> {
        self.organisations.iter().find(|org| org.id == id)
    }

    /// The participant with this id.
    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|person| person.id == id)
    }

    /// The note with this id.
    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|note| note.id == id)
    }

    /// The action with this id.
    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.actions.iter().find(|action| action.id == id)
    }

    /// The link with this id.
    pub fn link(&self, id: LinkId) -> Option<&Link> {
        self.links.iter().find(|link| link.id == id)
    }

    /// The notes in one band of one prompt, in the order they were added.
    pub fn notes_on_prompt<'a>(&'a self, key: &'a str, band: WheelBand) -> impl Iterator<Item = &'a Note> + 'a {
        self.notes.iter().filter(move |note| note.placement.wheel_spot() == Some((key, band)))
    }

    /// The notes on one arc of the map.
    pub fn notes_on_arc(&self, arc: MapArc) -> impl Iterator<Item = &Note> + '_ {
        self.notes.iter().filter(move |note| note.placement.map_arc() == Some(arc))
    }

    /// The links that start or end at a note.
    pub fn links_of(&self, note: NoteId) -> impl Iterator<Item = &Link> + '_ {
        self.links.iter().filter(move |link| link.need == note || link.help == note)
    }

    /// The name of an optional organisation, for display ("No organisation" when unset,
    /// "Unknown organisation" when the id names nothing, as in a hand-edited file).
    pub fn organisation_name(&self, id: Option<OrganisationId>) -> &str {
        match id {
            None => "No organisation",
            Some(id) => self.organisation(id).map_or("Unknown organisation", |org| org.name.as_str()),
        }
    }

    /// Problems that make the session unsafe to edit: ids used twice, or a position off its
    /// arc. Returns a description of the first one found, for the error message.
    pub fn integrity_problem(&self) -> Option<String> {
        fn first_duplicate<T: Ord + Copy + std::fmt::Display>(ids: impl Iterator<Item = T>) -> Option<T> {
            let mut sorted: Vec<T> = ids.collect();
            sorted.sort_unstable();
            sorted.windows(2).find(|pair| pair[0] == pair[1]).map(|pair| pair[0])
        }
        if let Some(id) = first_duplicate(self.organisations.iter().map(|org| org.id)) {
            return Some(format!("two organisations share the id {id}"));
        }
        if let Some(id) = first_duplicate(self.participants.iter().map(|person| person.id)) {
            return Some(format!("two participants share the id {id}"));
        }
        if let Some(id) = first_duplicate(self.notes.iter().map(|note| note.id)) {
            return Some(format!("two notes share the id {id}"));
        }
        if let Some(id) = first_duplicate(self.actions.iter().map(|action| action.id)) {
            return Some(format!("two actions share the id {id}"));
        }
        if let Some(id) = first_duplicate(self.links.iter().map(|link| link.id)) {
            return Some(format!("two links share the id {id}"));
        }
        if let Some(id) = first_duplicate(self.groups.iter().map(|group| group.id)) {
            return Some(format!("two groups share the id {id}"));
        }
        if let Some(id) = first_duplicate(self.votes.iter().map(|vote| vote.id)) {
            return Some(format!("two votes share the id {id}"));
        }
        if let Some(id) = first_duplicate(self.agenda.steps.iter().map(|step| step.id)) {
            return Some(format!("two agenda steps share the id {id}"));
        }
        if let Some(problem) = self.agenda.time_box_problem() {
            return Some(problem);
        }
        if let Some(note) = self.notes.iter().find(|note| !note.placement.is_valid()) {
            return Some(format!("note {} is placed off its arc", note.id));
        }
        let prompt_count = self.wheel.prompts.len();
        if !(MIN_PROMPTS..=MAX_PROMPTS).contains(&prompt_count) {
            return Some(format!("the wheel has {prompt_count} prompts; it needs {MIN_PROMPTS} to {MAX_PROMPTS}"));
        }
        let mut keys: Vec<&str> = self.wheel.prompts.iter().map(|prompt| prompt.key.as_str()).collect();
        keys.sort_unstable();
        if let Some([pair_0, ..]) = keys.windows(2).find(|pair| pair[0] == pair[1]) {
            return Some(format!("two prompts share the key {pair_0}"));
        }
        for note in &self.notes {
            if let Placement::Wheel { prompt, .. } = &note.placement
                && self.wheel.prompt(prompt).is_none()
            {
                return Some(format!("note {} sits on a prompt ({prompt}) that is not on the wheel", note.id));
            }
        }
        // The arc of every note, found once rather than by a search of the notes for each link.
        let arcs: std::collections::HashMap<NoteId, Option<MapArc>> =
            self.notes.iter().map(|note| (note.id, note.placement.map_arc())).collect();
        let arc_of = |id| arcs.get(&id).copied().flatten();
        for link in &self.links {
            if arc_of(link.need) != Some(MapArc::Need) || arc_of(link.help) != Some(MapArc::Help) {
                return Some(format!("link {} does not join a need to a source of help", link.id));
            }
        }
        self.group_problem().or_else(|| self.vote_problem()).or_else(|| self.agenda_problem())
    }

    fn group_problem(&self) -> Option<String> {
        for note in &self.notes {
            let Some(group) = note.group else { continue };
            if self.group(group).is_none() {
                return Some(format!("note {} belongs to a group ({group}) that is not in the workshop", note.id));
            }
            if note.placement.spot().is_none() || note.placement.spot() != self.group_spot(group) {
                return Some(format!("the notes of group {group} are not all in one place"));
            }
        }
        None
    }

    fn vote_problem(&self) -> Option<String> {
        if self.votes.iter().filter(|vote| vote.is_open()).count() > 1 {
            return Some("more than one vote is open".to_owned());
        }
        for vote in &self.votes {
            for dot in &vote.dots {
                if self.note(dot.note).is_none() {
                    return Some(format!("vote {} has a dot on a note that is not in the workshop", vote.id));
                }
                if dot.voter.kind() != vote.voters || !self.voter_exists(dot.voter) {
                    return Some(format!("vote {} has a dot from someone who is not one of its voters", vote.id));
                }
            }
        }
        None
    }

    fn agenda_problem(&self) -> Option<String> {
        match self.agenda.current {
            Some(current) if self.agenda.step(current).is_none() => {
                Some(format!("the current agenda step ({current}) is not on the agenda"))
            }
            _ => None,
        }
    }

    /// Whether a link joins a note on the need arc to a note on the help arc (the same test
    /// [`Self::integrity_problem`] makes of every link).
    pub fn link_ends_fit(&self, link: &Link) -> bool {
        let arc_of = |id| self.note(id).and_then(|note| note.placement.map_arc());
        arc_of(link.need) == Some(MapArc::Need) && arc_of(link.help) == Some(MapArc::Help)
    }
}

#[cfg(test)]
mod tests {
    use super::Session;
    use crate::model::{DotVote, VoteScope, VoterKind};
    use time::macros::datetime;

    #[test]
    fn the_shown_vote_is_the_last_closed_one_unless_a_vote_is_open_or_totals_are_hidden() {
        let at = datetime!(2026-03-12 11:00 UTC);
        let vote = |closed: bool| {
            let mut vote = DotVote::new("First?", VoteScope::Wheel, VoterKind::Participants, 3, at);
            vote.closed = closed.then_some(at);
            vote
        };
        let mut session = Session::default();
        assert!(session.shown_vote(true).is_none(), "no vote yet");
        session.votes = vec![vote(true), vote(true)];
        let last = session.votes[1].id;
        assert_eq!(session.shown_vote(true).map(|vote| vote.id), Some(last));
        assert!(session.shown_vote(false).is_none(), "the facilitator hid the totals");
        session.votes.push(vote(false));
        assert!(session.shown_vote(true).is_none(), "counts stay hidden while a vote is open");
    }
}
