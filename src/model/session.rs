//! A workshop session: everything that is saved in one file.

use super::{
    Action, ActionId, Link, LinkId, MAX_PROMPTS, MIN_PROMPTS, MapArc, Note, NoteId, Organisation, OrganisationId,
    Participant, ParticipantId, Placement, Wheel, WheelBand,
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
}

impl Session {
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
        if let Some(note) = self.notes.iter().find(|note| !note.placement.is_valid()) {
            return Some(format!("note {} is placed off its arc", note.id));
        }
        let prompt_count = self.wheel.prompts.len();
        if !(MIN_PROMPTS..=MAX_PROMPTS).contains(&prompt_count) {
            return Some(format!("the wheel has {prompt_count} prompts; it needs {MIN_PROMPTS} to {MAX_PROMPTS}"));
        }
        let mut keys: Vec<&str> = self.wheel.prompts.iter().map(|prompt| prompt.key.as_str()).collect();
        keys.sort_unstable();
        if let Some(pair) = keys.windows(2).find(|pair| pair[0] == pair[1]) {
            return Some(format!("two prompts share the key {}", pair[0]));
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
        None
    }

    /// Whether a link joins a note on the need arc to a note on the help arc (the same test
    /// [`Self::integrity_problem`] makes of every link).
    pub fn link_ends_fit(&self, link: &Link) -> bool {
        let arc_of = |id| self.note(id).and_then(|note| note.placement.map_arc());
        arc_of(link.need) == Some(MapArc::Need) && arc_of(link.help) == Some(MapArc::Help)
    }
}
