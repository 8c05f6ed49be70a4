//! The session's side of joining: applies what phones ask for as ordinary edits, keeps the
//! approval queue, and publishes what phones may see.

use super::devices::DeviceId;
use super::server::{JoinConfig, JoinError, JoinServer, JoinedDevice};
use super::{ChangeOutcome, JoinRequest, PhoneChange, PhoneNote, PhoneNoteStatus, PhoneSpot, RoomFocus, RoomSnapshot};
use crate::document::Document;
use crate::model::{Edit, EditError, History, Note, NoteId, Placement, Session, place_in_words};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;
use time::OffsetDateTime;

/// Whatever holds the workshop and applies edits to it: the app's [`Document`] (autosaved) or
/// a [`HeadlessOwner`].
pub trait SessionOwner {
    /// The workshop as it is now.
    fn session(&self) -> &Session;
    /// Apply one edit a participant made: in the workshop, but outside the facilitator's undo
    /// steps (see [`History::apply_external`]).
    fn apply_from_phone(&mut self, edit: Edit) -> Result<(), EditError>;
}

impl SessionOwner for Document {
    fn session(&self) -> &Session {
        Document::session(self)
    }

    fn apply_from_phone(&mut self, edit: Edit) -> Result<(), EditError> {
        Document::apply_from_phone(self, edit, Instant::now())
    }
}

/// A session with its undo history and no window or file: for tests, benchmarks and tools.
#[derive(Debug, Default)]
pub struct HeadlessOwner {
    /// The workshop.
    pub session: Session,
    /// Its undo history.
    pub history: History,
}

impl SessionOwner for HeadlessOwner {
    fn session(&self) -> &Session {
        &self.session
    }

    fn apply_from_phone(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply_external(&mut self.session, edit)
    }
}

/// A note from a phone waiting for the facilitator's approval.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitingNote {
    /// The note as it will go in.
    pub note: Note,
    /// Where it will go, in words.
    pub place: String,
}

/// Joining, as the facilitator's side sees it: the running server, the approval queue and the
/// notes that came from phones. Dropping it stops the server.
pub struct JoinHost {
    // Declared before `server` so it is dropped first: requests still waiting for an answer
    // then fail at once and the server can stop without waiting for them.
    requests: Receiver<JoinRequest>,
    server: JoinServer,
    /// Whether notes wait for approval before going into the workshop.
    pub approval_required: bool,
    waiting: Vec<WaitingNote>,
    from_phones: HashSet<NoteId>,
    focus: Option<RoomFocus>,
    /// The document revision last published through [`JoinHost::publish_if_changed`].
    published_revision: Option<u64>,
}

impl JoinHost {
    /// Start the server. `wake` is called whenever a request is waiting to be handled (the app
    /// asks for a repaint, so the request is handled at the next frame).
    pub fn start(config: JoinConfig, wake: Arc<dyn Fn() + Send + Sync>) -> Result<Self, JoinError> {
        let (server, requests) = JoinServer::start(config, wake)?;
        Ok(Self {
            requests,
            server,
            approval_required: false,
            waiting: Vec::new(),
            from_phones: HashSet::new(),
            focus: None,
            published_revision: None,
        })
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.server.address()
    }

    /// The address to type into a phone, e.g. `http://192.168.1.20:8787`.
    pub fn short_address(&self) -> String {
        format!("http://{}", self.server.address())
    }

    /// The address with the room code filled in, for the QR code.
    pub fn join_link(&self) -> String {
        format!("{}/?code={}", self.short_address(), self.server.room_code())
    }

    /// The room code participants type.
    pub fn room_code(&self) -> &str {
        self.server.room_code()
    }

    /// The phones that have joined.
    pub fn people(&self) -> Vec<JoinedDevice> {
        self.server.people()
    }

    /// Notes waiting for approval, oldest first.
    pub fn waiting(&self) -> &[WaitingNote] {
        &self.waiting
    }

    /// Whether a note in the workshop came from a phone.
    pub fn came_from_phone(&self, id: NoteId) -> bool {
        self.from_phones.contains(&id)
    }

    /// Handle every change phones have sent, answer them, and publish the result. Returns how
    /// many were handled.
    pub fn handle_requests(&mut self, owner: &mut dyn SessionOwner) -> usize {
        let mut answers = Vec::new();
        while let Ok(request) = self.requests.try_recv() {
            let outcome = self.handle(request.change, owner);
            answers.push((request.reply, outcome));
        }
        if answers.is_empty() {
            return 0;
        }
        self.publish(owner.session(), self.focus.clone());
        let handled = answers.len();
        for (reply, outcome) in answers {
            // The phone may have given up waiting; the change stands either way.
            let _ = reply.send(outcome);
        }
        handled
    }

    fn handle(&mut self, change: PhoneChange, owner: &mut dyn SessionOwner) -> ChangeOutcome {
        let now = OffsetDateTime::now_utc();
        match change {
            PhoneChange::Add { id, text, author, organisation, spot } => {
                let session = owner.session();
                let placement = match spot {
                    PhoneSpot::Wheel { prompt, band } => {
                        if session.wheel.prompt(&prompt).is_none() {
                            return ChangeOutcome::Refused("That question is no longer on the wheel.".to_owned());
                        }
                        Placement::Wheel { prompt, band }
                    }
                    PhoneSpot::Map(arc) => {
                        Placement::Map { arc, along: crate::canvas::map::free_spot_on(session, arc) }
                    }
                };
                let mut note = Note::new(text, placement, now);
                note.id = id;
                note.author = author;
                note.organisation = organisation.filter(|org| session.organisation(*org).is_some());
                note.hidden = session.private_writing;
                if self.approval_required {
                    let place = place_in_words(session, &note.placement);
                    self.waiting.push(WaitingNote { note, place });
                    return ChangeOutcome::Waiting;
                }
                self.insert(note, owner)
            }
            PhoneChange::EditText { id, text } => {
                if let Some(waiting) = self.waiting.iter_mut().find(|waiting| waiting.note.id == id) {
                    waiting.note.text = text;
                    waiting.note.edited = now;
                    return ChangeOutcome::Waiting;
                }
                if !self.from_phones.contains(&id) || owner.session().note(id).is_none() {
                    return ChangeOutcome::Refused("That note is no longer in the workshop.".to_owned());
                }
                match owner.apply_from_phone(Edit::EditNoteText { id, text, at: now }) {
                    Ok(()) => ChangeOutcome::Applied,
                    Err(error) => ChangeOutcome::Refused(format!("The note could not be changed: {error}.")),
                }
            }
            PhoneChange::Withdraw(id) => {
                if let Some(index) = self.waiting.iter().position(|waiting| waiting.note.id == id) {
                    self.waiting.remove(index);
                    return ChangeOutcome::Applied;
                }
                if !self.from_phones.contains(&id) || owner.session().note(id).is_none() {
                    return ChangeOutcome::Refused("That note is no longer in the workshop.".to_owned());
                }
                match owner.apply_from_phone(Edit::DeleteNote(id)) {
                    Ok(()) => ChangeOutcome::Applied,
                    Err(error) => ChangeOutcome::Refused(format!("The note could not be withdrawn: {error}.")),
                }
            }
        }
    }

    fn insert(&mut self, note: Note, owner: &mut dyn SessionOwner) -> ChangeOutcome {
        let id = note.id;
        let index = owner.session().notes.len();
        match owner.apply_from_phone(Edit::InsertNote { index, note }) {
            Ok(()) => {
                self.from_phones.insert(id);
                ChangeOutcome::Applied
            }
            Err(error) => ChangeOutcome::Refused(format!("The note could not be added: {error}.")),
        }
    }

    /// Let a waiting note into the workshop. Like any note from a phone it is the participant's,
    /// not an undo step: the facilitator removes it by deleting it.
    pub fn approve(&mut self, id: NoteId, owner: &mut dyn SessionOwner) -> Result<(), String> {
        let Some(index) = self.waiting.iter().position(|waiting| waiting.note.id == id) else {
            return Err("That note is no longer waiting.".to_owned());
        };
        let mut note = self.waiting.remove(index).note;
        // Private writing may have been turned on or off while it waited.
        note.hidden = owner.session().private_writing;
        if let Placement::Wheel { prompt, .. } = &note.placement
            && owner.session().wheel.prompt(prompt).is_none()
        {
            return Err("Its question has been taken off the wheel.".to_owned());
        }
        let outcome = self.insert(note, owner);
        self.publish(owner.session(), self.focus.clone());
        match outcome {
            ChangeOutcome::Refused(reason) => Err(reason),
            _ => Ok(()),
        }
    }

    /// Turn a waiting note away; it never enters the workshop.
    pub fn reject(&mut self, id: NoteId, session: &Session) {
        self.waiting.retain(|waiting| waiting.note.id != id);
        self.publish(session, self.focus.clone());
    }

    /// Turn every waiting note away.
    pub fn reject_all(&mut self, session: &Session) {
        self.waiting.clear();
        self.publish(session, self.focus.clone());
    }

    /// Stop or let again new phones join; phones already in carry on.
    pub fn set_paused(&mut self, paused: bool) {
        self.server.set_paused(paused);
    }

    /// Whether joining is paused.
    pub fn is_paused(&self) -> bool {
        self.server.is_paused()
    }

    /// Sign a phone out and take back everything it sent: its waiting notes go at once, and the
    /// returned edit (if it has notes in the workshop) deletes those as one step, for the
    /// facilitator to apply as an ordinary undoable change.
    pub fn remove_device(&mut self, device: DeviceId, session: &Session) -> Option<Edit> {
        let notes: HashSet<NoteId> = self.server.sign_out(device).into_iter().collect();
        self.waiting.retain(|waiting| !notes.contains(&waiting.note.id));
        self.publish(session, self.focus.clone());
        let deletions: Vec<Edit> = session
            .notes
            .iter()
            .filter(|note| notes.contains(&note.id))
            .map(|note| Edit::DeleteNote(note.id))
            .collect();
        (!deletions.is_empty()).then_some(Edit::Batch(deletions))
    }

    /// Publish, as [`JoinHost::publish`] does, but only when the session (by its document
    /// `revision`) or the room's focus changed since the last time: the app calls this every frame.
    /// Changes to the approval queue publish themselves when they happen.
    pub fn publish_if_changed(&mut self, session: &Session, revision: u64, focus: Option<RoomFocus>) {
        if self.published_revision == Some(revision) && self.focus == focus {
            return;
        }
        self.published_revision = Some(revision);
        self.publish(session, focus);
    }

    /// Publish what phones may see of the workshop, and what the room is working on.
    pub fn publish(&mut self, session: &Session, focus: Option<RoomFocus>) {
        self.focus = focus.clone();
        let mut phone_notes = std::collections::HashMap::new();
        for note in session.notes.iter().filter(|note| self.from_phones.contains(&note.id)) {
            let status = if note.hidden { PhoneNoteStatus::Hidden } else { PhoneNoteStatus::Shown };
            let place = place_in_words(session, &note.placement);
            phone_notes.insert(note.id, PhoneNote { text: note.text.clone(), place, status });
        }
        for waiting in &self.waiting {
            let note = PhoneNote {
                text: waiting.note.text.clone(),
                place: waiting.place.clone(),
                status: PhoneNoteStatus::Waiting,
            };
            phone_notes.insert(waiting.note.id, note);
        }
        let snapshot = RoomSnapshot {
            title: session.display_title().to_owned(),
            organisations: session.organisations.iter().map(|org| (org.id, org.name.clone())).collect(),
            prompts: session.wheel.prompts.iter().map(|prompt| (prompt.key.clone(), prompt.question.clone())).collect(),
            focus,
            phone_notes,
        };
        self.server.publish(snapshot);
    }
}
