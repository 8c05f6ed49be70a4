//! The workshop as plain data, and the operations on it.
//!
//! Nothing in here draws, opens a dialog or touches a file: the UI borrows a [`Session`] to draw
//! it, and every change a person makes arrives as an [`Edit`] value that [`History`] applies and
//! can undo. That keeps the same edits usable from the keyboard, the mouse, a test, or (later) a
//! participant's phone.

mod action;
mod agenda;
pub mod answer;
mod colour;
mod edit;
mod group;
mod history;
mod ids;
mod link;
mod note;
mod organisation;
mod participant;
mod reveal;
mod session;
mod synthetic;
mod vote;
mod wheel;
mod words;

pub use action::Action;
pub use agenda::{Activity, Agenda, AgendaStep};
pub use colour::Rgb;
pub use edit::{Edit, EditError};
pub use group::{BandItem, NoteGroup, Spot, band_items, hidden_in, neighbours};
pub use history::{DEFAULT_HISTORY_CAPACITY, GestureKey, History};
pub use ids::{ActionId, GroupId, LinkId, NoteId, OrganisationId, ParticipantId, StepId, VoteId};
pub use link::{Link, LinkKind};
pub use note::{MapArc, Note, Placement, WheelBand};
pub use organisation::{Organisation, Sector};
pub use participant::Participant;
pub use session::{Session, WorkshopDetails};
pub use synthetic::synthetic_session;
pub use vote::{Dot, DotVote, Tally, VoteScope, Voter, VoterKind};
pub use wheel::{MAX_PROMPTS, MIN_PROMPTS, Wheel, WheelPrompt};
pub use words::{count_words, dots_words, place_in_words, placement_label, vote_scope_words};
