//! Opening, starting, saving and closing workshops, autosave, and the window title.

use super::export::PathPurpose;
use super::{CommonGroundApp, WorkspaceTab};
use crate::document::{Document, Location};
use crate::model::Session;
use crate::store::{LoadError, LoadProblem, SaveError, Workshop, read_workshop};
use crate::ui::file_hold::{HoldChoice, file_hold_ui};
use crate::ui::file_picker::PickOutcome;
use crate::ui::map::NeedsMapState;
use crate::ui::notes_view::NoteDraft;
use crate::ui::platform_text::window_title_text;
use crate::ui::vote::VoteConsole;
use crate::ui::wheel::WheelView;
use crate::ui::workshop_panel::PanelDrafts;
use std::path::Path;
use std::time::Instant;

impl CommonGroundApp {
    /// Close the open workshop, saving it. Returns false (and says why) if it could not be
    /// saved, in which case it stays open so nothing is lost.
    pub(super) fn close_document(&mut self) -> bool {
        let Some(document) = &mut self.document else { return true };
        match document.close() {
            Ok(()) => {
                if document.rescue_notice().is_none() && document.has_file_on_disk() {
                    let path = document.location().path().to_owned();
                    let title = document.session().display_title().to_owned();
                    self.remember_recent(&path, &title);
                }
                self.document = None;
                self.panel_drafts = PanelDrafts::default();
                self.note_draft = NoteDraft::default();
                self.wheel = WheelView::default();
                self.needs_map = NeedsMapState::default();
                self.votes = VoteConsole::default();
                self.room.scribe = None;
                self.room.presenting = false;
                // Closing the workshop ends joining: nothing listens for a workshop not open.
                self.join.stop();
                true
            }
            Err(error) => {
                self.warn(format!(
                    "{error}. The workshop stays open so nothing is lost; try Save as… to save it elsewhere."
                ));
                false
            }
        }
    }

    /// Put `path` at the top of the recent list and store the list.
    pub(super) fn remember_recent(&mut self, path: &Path, title: &str) {
        self.recent.remember(path, title);
        // The recent list is a convenience; failing to store it must not interrupt the work.
        let _ = self.recent.save(self.journal.data_dir());
    }

    /// Make `document` the open workshop, showing the wheel.
    pub(super) fn start_document(&mut self, document: Document) {
        // A workshop that already has details opens with the canvas given the room; a new one
        // opens with its details showing, to be filled in.
        self.details_shown = document.session().details.title.trim().is_empty();
        self.viewing_read_only = false;
        self.document = Some(document);
        self.tab = WorkspaceTab::Wheel;
        self.wheel = WheelView::default();
    }

    /// Close the open workshop and open the file at `path`.
    pub(super) fn open_path(&mut self, path: &Path) {
        if self.close_document() {
            self.open_read(path, read_workshop(path));
        }
    }

    /// Open a workshop already read from `path` with [`load_session`], as opening that file
    /// does. The app's start reads the file named on the command line while the window and its
    /// renderer are being set up, and opens it with this.
    pub fn open_loaded(&mut self, path: &Path, loaded: Result<Session, LoadError>) {
        let stamp = crate::store::FileStamp::of(path);
        self.open_read(path, loaded.map(|session| Workshop { session, unknown_fields: Vec::new(), stamp }));
    }

    /// Open a workshop already read from `path` with [`read_workshop`], as opening that file
    /// does: the app's start reads the file named on the command line with this while the window
    /// and its renderer are being set up.
    pub fn open_read(&mut self, path: &Path, read: Result<Workshop, LoadError>) {
        if !self.close_document() {
            return;
        }
        match read.map(|workshop| Document::opened_workshop(path, workshop, self.journal.clone())) {
            Ok(mut document) => {
                let title = document.session().display_title().to_owned();
                self.remember_recent(path, &title);
                match document.take_opening_notice() {
                    Some(notice) => self.warn(notice),
                    None => self.tell(format!("Opened “{title}”.")),
                }
                self.start_document(document);
            }
            Err(error) => {
                if matches!(error.problem, LoadProblem::NotFound) {
                    self.recent.forget(path);
                    let _ = self.recent.save(self.journal.data_dir());
                }
                self.warn(format!("{error}. The file has not been changed."));
            }
        }
    }

    /// Close the open workshop and start an untitled one from `session`.
    pub(super) fn new_workshop(&mut self, session: Session) {
        if self.close_document() {
            self.start_document(Document::new_untitled(session, self.journal.clone()));
        }
    }

    /// Save to the workshop's file, or ask where when it has none yet.
    pub(super) fn save(&mut self) {
        let Some(document) = &mut self.document else { return };
        if matches!(document.location(), Location::Untitled(_)) {
            self.save_as();
            return;
        }
        match document.save() {
            Ok(()) => {
                let name = document.file_label();
                self.tell(format!("Saved to {name}."));
            }
            Err(error) => {
                let message = save_failure(&error, document);
                self.warn(message);
            }
        }
    }

    /// Ask where to save the workshop, then save it there.
    pub(super) fn save_as(&mut self) {
        let Some(document) = &self.document else { return };
        let suggested = format!("{}.ron", file_stem_for(document.session().display_title()));
        match self.file_picker.pick_file_to_save(&suggested) {
            PickOutcome::Picked(path) => {
                self.remember_folder_of(&path);
                self.save_to(&path);
            }
            PickOutcome::Cancelled => {}
            PickOutcome::Unavailable => self.ask_for_path(
                PathPurpose::SaveAs,
                Some("No file chooser is available on this computer, so type where to save.".into()),
            ),
        }
    }

    /// Save the workshop to `path`, which it then keeps saving to.
    pub(super) fn save_to(&mut self, path: &Path) {
        let Some(document) = &mut self.document else { return };
        match document.save_as(path) {
            Ok(()) => {
                let title = document.session().display_title().to_owned();
                self.viewing_read_only = false;
                self.remember_recent(path, &title);
                self.tell(format!("Saved to {}. From now on it saves there as you work.", path.display()));
            }
            Err(error) => self.warn(format!("{error}. The workshop is still open and still saving where it was.")),
        }
    }

    /// Collects a finished background autosave and starts the next one when it is due. The
    /// writing happens on another thread, so no frame waits for the disk; that thread asks for a
    /// frame when it is done, so the outcome shows at once.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        let Some(document) = &mut self.document else { return };
        let finished = document.poll_background_save();
        let repaint = ctx.clone();
        document.start_background_autosave_if_due(now, move || repaint.request_repaint());
        match finished {
            Some(Ok(())) => {
                let path = document.location().path().to_owned();
                let title = document.session().display_title().to_owned();
                if self.recent.files.first().is_none_or(|top| top.path != path || top.title != title) {
                    self.remember_recent(&path, &title);
                }
            }
            Some(Err(error)) => {
                let message = save_failure(&error, document);
                self.warn(message);
            }
            None => {}
        }
        if let Some(deadline) = self.document.as_ref().and_then(Document::autosave_deadline) {
            ctx.request_repaint_after(deadline.saturating_duration_since(now));
        }
    }

    /// The window's title: the workshop, its file, and whether changes are still being saved.
    pub(super) fn window_title(&self) -> String {
        match &self.document {
            None => "Common Ground".to_owned(),
            Some(document) => {
                let unsaved = if document.has_unsaved_changes() { "● " } else { "" };
                // The title comes from a file or a phone; the window system takes no control
                // characters (a NUL in a title panicked winit's X11 backend).
                let title = window_title_text(document.session().display_title());
                match document.location() {
                    // The generated file name of an untitled workshop means nothing to people.
                    Location::Untitled(_) => format!("{unsaved}{title} — Common Ground"),
                    Location::File(_) => format!("{unsaved}{title} — {} — Common Ground", document.file_label()),
                }
            }
        }
    }

    /// While the workshop's file is held (changed outside, or open in another copy of the app),
    /// asks what to do about it, unless the person chose to go on viewing it read-only.
    pub(super) fn file_hold_dialog(&mut self, ctx: &egui::Context) {
        let Some(document) = &self.document else { return };
        let Some(hold) = document.file_hold() else { return };
        if self.viewing_read_only && hold == crate::document::FileHold::OpenElsewhere {
            return;
        }
        let name = document.file_label();
        let Some(choice) = file_hold_ui(ctx, hold, &name) else { return };
        let Some(document) = &mut self.document else { return };
        match choice {
            HoldChoice::ViewReadOnly => self.viewing_read_only = true,
            HoldChoice::ReloadTheirs => match document.reload_from_disk() {
                Ok(()) => self.tell(format!("Reloaded “{name}” as the other program left it.")),
                Err(error) => self.warn(format!("{error}. Your changes here are kept in the rescue folder.")),
            },
            HoldChoice::KeepMineAsCopy => match document.keep_mine_as_copy() {
                Ok(copy) => {
                    let title = document.session().display_title().to_owned();
                    self.remember_recent(&copy, &title);
                    self.tell(format!(
                        "Saved your workshop as {}; “{name}” is left as it is. From now on it saves to the copy.",
                        copy.display()
                    ));
                }
                Err(error) => self.warn(format!("{error}. Your changes here are kept in the rescue folder.")),
            },
            HoldChoice::Overwrite => match document.overwrite_file() {
                Ok(()) => self.tell(format!("Saved over “{name}”.")),
                Err(error) => {
                    let message = save_failure(&error, document);
                    self.warn(message);
                }
            },
        }
    }

    /// Handle the window's close button: save first, and refuse to close if that fails.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|input| input.viewport().close_requested()) && !self.close_document() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }
}

fn save_failure(error: &SaveError, document: &Document) -> String {
    match document.rescue_notice() {
        Some(rescue) => rescue.to_owned(),
        None => format!("{error}. Your changes are still open here; try Save as… to save them elsewhere."),
    }
}

/// A file name made from a workshop title: letters, digits, spaces and dashes only.
pub(super) fn file_stem_for(title: &str) -> String {
    let cleaned: String =
        title.chars().map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { ' ' }).collect();
    let stem = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if stem.is_empty() { "workshop".to_owned() } else { stem }
}
