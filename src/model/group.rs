//! Groups of notes under a short heading, within one band of a prompt or along one arc.

use super::{GroupId, MapArc, Note, Session, WheelBand};
use serde::{Deserialize, Serialize};

/// A heading that gathers notes which say much the same thing. The group has no place of its
/// own: it sits where its notes sit, and all of them share one spot (see [`Spot`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteGroup {
    /// Stable id.
    pub id: GroupId,
    /// The short heading shown above the notes.
    pub heading: String,
    /// Whether the canvas shows only the heading and a count.
    pub collapsed: bool,
}

impl NoteGroup {
    /// A new, expanded group with a fresh id.
    pub fn new(heading: impl Into<String>) -> Self {
        Self { id: GroupId::new_random(), heading: heading.into(), collapsed: false }
    }

    /// The heading to show, "Untitled group" while it has none.
    pub fn display_heading(&self) -> &str {
        let heading = self.heading.trim();
        if heading.is_empty() { "Untitled group" } else { heading }
    }
}

/// Where notes can be grouped together: one band of one prompt, or one arc of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Spot<'a> {
    /// A band of a prompt on the wheel.
    Wheel {
        /// The prompt's key.
        prompt: &'a str,
        /// Assumption or opportunity.
        band: WheelBand,
    },
    /// An arc of the needs map.
    Arc(MapArc),
}

/// The other notes that can join a group with `note`: those in the same band or on the same arc.
pub fn neighbours<'s>(session: &'s Session, note: &'s Note) -> impl Iterator<Item = &'s Note> + 's {
    let spot = note.placement.spot();
    let id = note.id;
    session.notes.iter().filter(move |other| other.id != id && spot.is_some() && other.placement.spot() == spot)
}

/// One place in a band of the wheel: a note, or a group's heading (its notes follow it unless
/// it is folded).
#[derive(Clone, Copy, Debug)]
pub enum BandItem<'a> {
    /// A note, in a group or not.
    Note(&'a Note),
    /// A group's heading, with how many notes it has.
    Heading(&'a NoteGroup, usize),
}

/// The places a band's notes take: each group's heading where its first note would be, then its
/// notes (none when folded), so a group's notes sit together.
pub fn band_items<'a>(session: &'a Session, notes: &[&'a Note]) -> Vec<BandItem<'a>> {
    let mut items = Vec::with_capacity(notes.len());
    let mut seen: Vec<GroupId> = Vec::new();
    for note in notes {
        let Some(group) = note.group.and_then(|id| session.group(id)) else {
            items.push(BandItem::Note(note));
            continue;
        };
        if seen.contains(&group.id) {
            continue;
        }
        seen.push(group.id);
        let members = notes.iter().copied().filter(|member| member.group == Some(group.id));
        items.push(BandItem::Heading(group, members.clone().count()));
        if !group.collapsed {
            items.extend(members.map(BandItem::Note));
        }
    }
    items
}

/// How many notes the places `items` stand for: a note is one, and a folded group's heading is
/// its notes (an open group's notes take places of their own).
pub fn hidden_in(items: &[BandItem<'_>]) -> usize {
    items
        .iter()
        .map(|item| match item {
            BandItem::Note(_) => 1,
            BandItem::Heading(group, count) => usize::from(group.collapsed) * count,
        })
        .sum()
}
