//! Joining from phones: participants add notes over the room's own network, with no internet
//! and no accounts.
//!
//! The facilitator starts a [`JoinHost`]; it runs a small HTTP server ([`server`]) on the
//! network interface they chose, serving one self-contained page ([`page`]). The server never
//! touches the workshop: it sends each change as a [`JoinRequest`] over a channel to whoever
//! owns the session (the app's UI thread, or a headless loop in tests), which applies it as an
//! ordinary [`Edit`](crate::model::Edit), beside the facilitator's undo history rather than in it
//! (see [`History::apply_external`](crate::model::History::apply_external)). What phones need to see
//! (the room code, organisations, the question of the moment, their own notes) is published
//! back as a read-only [`RoomSnapshot`].

mod connections;
mod devices;
mod form;
mod gate;
mod host;
pub mod page;
mod routes;
mod safety;
pub mod server;

pub use devices::DeviceId;
pub use form::{FormError, FormFields};
pub use host::{HeadlessOwner, JoinHost, SessionOwner, WaitingNote};
pub use safety::{
    FALLBACK_CONNECTION_CAP, JoinLimits, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, RateLimit, connection_cap,
    new_device_token, new_room_code, normalise_room_code, open_file_limit,
};
pub use server::{JoinConfig, JoinError, JoinServer, JoinedDevice};

use crate::model::{MapArc, NoteId, OrganisationId, WheelBand};
use std::collections::HashMap;

/// The port the app offers first, so the address on the projector stays the same from one
/// workshop to the next; another is chosen if it is taken.
pub const PREFERRED_PORT: u16 = 8787;

/// What the room is working on, which the participant page asks about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomFocus {
    /// A prompt of the wheel.
    Wheel {
        /// The prompt's key.
        prompt: String,
        /// Its question.
        question: String,
    },
    /// The needs map.
    Map,
}

/// Where a participant's note goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneSpot {
    /// A band of a prompt on the wheel.
    Wheel {
        /// The prompt's key.
        prompt: String,
        /// Assumption or opportunity.
        band: WheelBand,
    },
    /// An arc of the needs map (the app picks a free place along it).
    Map(MapArc),
}

/// Where a note from a phone is now, as its writer sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneNoteStatus {
    /// On the wall for everyone to see.
    Shown,
    /// In the workshop, but hidden on the projection until the facilitator reveals it.
    Hidden,
    /// Waiting for the facilitator to approve it.
    Waiting,
}

/// A note written on a phone, as its writer sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct PhoneNote {
    /// What it says.
    pub text: String,
    /// Where it is, in words ("Assumption on “Whose welfare?”").
    pub place: String,
    /// Shown, hidden or waiting.
    pub status: PhoneNoteStatus,
}

/// What the participant page needs from the workshop, published by the session's owner.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RoomSnapshot {
    /// The workshop's title.
    pub title: String,
    /// The organisations participants can choose from, in order.
    pub organisations: Vec<(OrganisationId, String)>,
    /// The wheel's prompts (key and question), in order.
    pub prompts: Vec<(String, String)>,
    /// What the room is working on; `None` before anything is published.
    pub focus: Option<RoomFocus>,
    /// The notes written on phones that are still in the workshop or waiting for approval.
    pub phone_notes: HashMap<NoteId, PhoneNote>,
}

/// A change a participant asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum PhoneChange {
    /// Add a note.
    Add {
        /// The new note's id (chosen by the server, so it knows the note is this phone's).
        id: NoteId,
        /// What it says.
        text: String,
        /// Who wrote it, if they gave a name.
        author: Option<String>,
        /// The organisation it speaks for, if one from the list was chosen.
        organisation: Option<OrganisationId>,
        /// Where it goes.
        spot: PhoneSpot,
    },
    /// Change what one of the phone's own notes says.
    EditText {
        /// Which note.
        id: NoteId,
        /// The new text.
        text: String,
    },
    /// Withdraw one of the phone's own notes.
    Withdraw(NoteId),
}

/// How the session's owner dealt with a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeOutcome {
    /// Made in the workshop.
    Applied,
    /// Waiting for the facilitator's approval.
    Waiting,
    /// Refused; the text says why, for the participant.
    Refused(String),
}

/// A change from a phone on its way to the session's owner, with the way to answer it.
#[derive(Debug)]
pub struct JoinRequest {
    /// What the participant asked for.
    pub change: PhoneChange,
    /// Where the outcome goes; the phone is answered once the change is in the workshop.
    pub reply: tokio::sync::oneshot::Sender<ChangeOutcome>,
}
