//! The app: owns the open document and everything around it, runs commands, autosaves.

use super::agenda::{agenda_ui, current_step_bar_ui};
use super::commands::{Command, Scope};
use super::file_picker::{FilePicker, PickOutcome, with_extension, with_ron_extension};
use super::intents::{Intent, Intents};
use super::join_panel::{JoinAction, JoinConsole, join_panel_ui};
use super::map::{NeedsMapState, needs_map_ui};
use super::notes_view::{NoteDraft, notes_ui};
use super::plan_view::plan_ui;
use super::room::{
    self, Clock, ProjectedCanvas, Projection, RoomState, ScribeOutcome, ScribeTarget, SharedFeed, projection_ui,
    projector_viewport_id, scribe_ui, shortcuts_sheet_ui,
};
use super::start_screen::start_screen_ui;
use super::theme;
use super::vote::{VoteConsole, VoteOnCanvas, shown_totals, vote_panel_ui};
use super::wheel::{WheelView, wheel_ui};
use super::workshop_panel::{PanelDrafts, workshop_panel_ui};
use crate::document::{Document, Location};
use crate::examples::EXAMPLES;
use crate::export::{ExportOptions, Format, export, write_export};
use crate::join::RoomFocus;
use crate::model::{Activity, Edit, NoteId, Placement, Session, StepId, VoteScope, WorkshopDetails};
use crate::store::{DataDir, LoadError, LoadProblem, RecentFiles, RecoveryJournal, UnclosedSession, load_session};
use egui::{RichText, Ui};
use std::path::{Path, PathBuf};
use std::time::Instant;
use time::OffsetDateTime;

/// What the app needs to start.
pub struct AppConfig {
    /// Where untitled workshops, the recovery journal and the recent list live.
    pub data_dir: DataDir,
    /// A workshop file to open straight away (from the command line).
    pub file_to_open: Option<PathBuf>,
    /// How to ask for files.
    pub file_picker: Box<dyn FilePicker>,
}

/// A message shown in the banner under the menu bar.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Notice {
    text: String,
    is_error: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathPurpose {
    Open,
    SaveAs,
    Export(Format),
}

/// The "type a path" dialog, for systems without a file chooser.
#[derive(Debug)]
struct PathPrompt {
    purpose: PathPurpose,
    text: String,
    reason: Option<String>,
    focused: bool,
}

/// Which view fills the middle of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WorkspaceTab {
    Wheel,
    Notes,
    NeedsMap,
    ActionPlan,
    Agenda,
}

/// The two canvases, for [`CommonGroundApp::show_canvas`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canvas {
    /// The prompt wheel tab.
    Wheel,
    /// The needs map tab.
    NeedsMap,
}

/// The Common Ground app.
pub struct CommonGroundApp {
    journal: RecoveryJournal,
    recent: RecentFiles,
    document: Option<Document>,
    unclosed: Vec<UnclosedSession>,
    notice: Option<Notice>,
    path_prompt: Option<PathPrompt>,
    file_picker: Box<dyn FilePicker>,
    tab: WorkspaceTab,
    panel_drafts: PanelDrafts,
    note_draft: NoteDraft,
    wheel: WheelView,
    /// Whether the workshop details panel is showing beside the tabs.
    details_shown: bool,
    needs_map: NeedsMapState,
    /// The dot voting panel and who is casting dots.
    votes: VoteConsole,
    /// Joining from phones: the panel, and the server while joining is open.
    join: JoinConsole,
    shown_title: String,
    /// The projection, the timer, the scribe and the rest of running the room.
    room: RoomState,
    /// The canvas the projection shows: the last one the console showed.
    projected_canvas: ProjectedCanvas,
    /// What the projector window draws, handed over each frame.
    projector_feed: SharedFeed,
}

impl CommonGroundApp {
    /// Start the app: look for sessions a crash left open, and open `config.file_to_open`.
    pub fn new(ctx: &egui::Context, config: AppConfig) -> Self {
        theme::apply(ctx);
        let journal = RecoveryJournal::new(config.data_dir.clone());
        let mut app = Self {
            recent: RecentFiles::load(&config.data_dir),
            unclosed: journal.unclosed(),
            journal,
            document: None,
            notice: None,
            path_prompt: None,
            file_picker: config.file_picker,
            tab: WorkspaceTab::Wheel,
            panel_drafts: PanelDrafts::default(),
            note_draft: NoteDraft::default(),
            wheel: WheelView::default(),
            details_shown: true,
            needs_map: NeedsMapState::default(),
            votes: VoteConsole::default(),
            join: JoinConsole::default(),
            shown_title: String::new(),
            room: RoomState::default(),
            projected_canvas: ProjectedCanvas::default(),
            projector_feed: SharedFeed::default(),
        };
        if let Some(path) = config.file_to_open {
            app.open_path(&path);
        }
        app
    }

    /// The open workshop, if any.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// Show a canvas's tab, fitted to the window (`zoom` `None`) or at `zoom` screen points per
    /// canvas unit: the wheel about its centre, the map centred between its arcs. People do this with the tabs, the mouse wheel
    /// and the zoom keys; the benchmarks, which have no pointer, use this.
    pub fn show_canvas(&mut self, canvas: Canvas, zoom: Option<f32>) {
        match canvas {
            Canvas::Wheel => {
                self.tab = WorkspaceTab::Wheel;
                self.wheel.zoom_to(zoom);
            }
            Canvas::NeedsMap => {
                self.tab = WorkspaceTab::NeedsMap;
                self.needs_map.zoom_to(zoom);
            }
        }
    }

    /// The text of the message banner, if one is showing.
    pub fn notice_text(&self) -> Option<&str> {
        self.notice.as_ref().map(|notice| notice.text.as_str())
    }

    /// The room: projection, timer, scribe.
    pub fn room(&self) -> &RoomState {
        &self.room
    }

    /// Take the time from `clock` (tests pass a manual clock to move the timer on by hand).
    pub fn set_clock(&mut self, clock: Box<dyn Clock>) {
        self.room.set_clock(clock);
    }

    /// Sessions a crash left open that the start screen offers to recover.
    pub fn recoverable(&self) -> &[UnclosedSession] {
        &self.unclosed
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), is_error: false });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), is_error: true });
    }

    /// Close the open workshop, saving it. Returns false (and says why) if it could not be
    /// saved, in which case it stays open so nothing is lost.
    fn close_document(&mut self) -> bool {
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

    fn remember_recent(&mut self, path: &Path, title: &str) {
        self.recent.remember(path, title);
        // The recent list is a convenience; failing to store it must not interrupt the work.
        let _ = self.recent.save(self.journal.data_dir());
    }

    fn start_document(&mut self, document: Document) {
        // A workshop that already has details opens with the canvas given the room; a new one
        // opens with its details showing, to be filled in.
        self.details_shown = document.session().details.title.trim().is_empty();
        self.document = Some(document);
        self.tab = WorkspaceTab::Wheel;
        self.wheel = WheelView::default();
    }

    fn open_path(&mut self, path: &Path) {
        if self.close_document() {
            self.open_loaded(path, load_session(path));
        }
    }

    /// Open a workshop already read from `path` with [`load_session`], as opening that file
    /// does. The app's start reads the file named on the command line while the window and its
    /// renderer are being set up, and opens it with this.
    pub fn open_loaded(&mut self, path: &Path, loaded: Result<Session, LoadError>) {
        if !self.close_document() {
            return;
        }
        match loaded.map(|session| Document::opened(path, session, self.journal.clone())) {
            Ok(document) => {
                let title = document.session().display_title().to_owned();
                self.remember_recent(path, &title);
                self.tell(format!("Opened “{title}”."));
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

    fn new_workshop(&mut self, session: Session) {
        if self.close_document() {
            self.start_document(Document::new_untitled(session, self.journal.clone()));
        }
    }

    fn run(&mut self, command: Command) {
        match command {
            Command::NewWorkshop => {
                let today = OffsetDateTime::now_utc().date();
                let details = WorkshopDetails { date: Some(today), ..WorkshopDetails::default() };
                self.new_workshop(Session::new_workshop(details));
                self.notice = None;
            }
            Command::Open => match self.file_picker.pick_file_to_open() {
                PickOutcome::Picked(path) => self.open_path(&path),
                PickOutcome::Cancelled => {}
                PickOutcome::Unavailable => self.ask_for_path(
                    PathPurpose::Open,
                    Some("No file chooser is available on this computer, so type the file's path.".into()),
                ),
            },
            Command::OpenTypedPath => self.ask_for_path(PathPurpose::Open, None),
            Command::Save => self.save(),
            Command::SaveAs => self.save_as(),
            Command::CloseWorkshop => {
                if self.close_document() {
                    self.notice = None;
                }
            }
            Command::Export(format) => self.export(format),
            Command::ShowShortcuts => self.room.shortcuts_open = !self.room.shortcuts_open,
            Command::Room(command) => {
                let Some(document) = &self.document else { return };
                let mut intents = Intents::default();
                self.room.run(command, document.session(), &mut intents);
                for intent in intents.0 {
                    self.handle(intent);
                }
            }
            Command::Wheel(_) | Command::Map(_) => {
                let Some(document) = &self.document else { return };
                let mut intents = Intents::default();
                match command {
                    Command::Wheel(command) if self.tab == WorkspaceTab::Wheel => {
                        self.wheel.run(command, document.session(), &mut intents);
                    }
                    Command::Map(command) if self.tab == WorkspaceTab::NeedsMap => {
                        self.needs_map.run(command, document.session(), &mut intents);
                    }
                    _ => {}
                }
                for intent in intents.0 {
                    self.handle(intent);
                }
            }
            Command::NextStep | Command::PreviousStep => {
                let Some(document) = &self.document else { return };
                let agenda = &document.session().agenda;
                let target = if command == Command::NextStep { agenda.next_step() } else { agenda.previous_step() };
                match target {
                    Some(step) => {
                        let id = step.id;
                        self.go_to_step(Some(id));
                    }
                    None if agenda.steps.is_empty() => {
                        self.tell("This workshop has no agenda yet: the Agenda tab offers the suggested one.");
                    }
                    None if command == Command::NextStep => self.tell("That was the last step of the agenda."),
                    None => {}
                }
            }
            Command::ShowAgenda => self.tab = WorkspaceTab::Agenda,
            Command::ShowActionPlan => self.tab = WorkspaceTab::ActionPlan,
            Command::DotVoting => self.votes.shown = !self.votes.shown,
            Command::JoinFromPhones => self.join.shown = !self.join.shown,
            Command::Vote(command) => {
                let Some(document) = &self.document else { return };
                let session = document.session();
                let selected = match self.tab {
                    WorkspaceTab::Wheel => self.wheel.selected_note,
                    WorkspaceTab::NeedsMap => self.needs_map.selected_note(session),
                    _ => None,
                };
                let mut intents = Intents::default();
                self.votes.run(command, session, selected, &mut intents);
                for intent in intents.0 {
                    self.handle(intent);
                }
            }
            Command::Undo | Command::Redo => {
                let Some(document) = &mut self.document else { return };
                let result = if command == Command::Undo {
                    document.undo(Instant::now())
                } else {
                    document.redo(Instant::now())
                };
                if let Err(error) = result {
                    self.warn(format!("Couldn't {}: {error}.", command.label().to_lowercase()));
                }
            }
        }
    }

    /// Goes to a step of the agenda and brings up what the step needs.
    fn go_to_step(&mut self, id: Option<StepId>) {
        let Some(document) = &mut self.document else { return };
        if let Err(error) = document.apply_in_gesture(Edit::SetCurrentStep(id), None, Instant::now()) {
            self.warn(format!("Couldn't go to that step: {error}."));
            return;
        }
        let session = document.session();
        let Some(step) = id.and_then(|id| session.agenda.step(id)) else { return };
        match step.activity {
            Activity::Talk => {}
            Activity::Wheel => self.tab = WorkspaceTab::Wheel,
            Activity::Map => self.tab = WorkspaceTab::NeedsMap,
            Activity::Actions => self.tab = WorkspaceTab::ActionPlan,
            Activity::Vote => {
                self.votes.shown = true;
                let scope = session.open_vote().or_else(|| session.last_closed_vote()).map(|vote| &vote.scope);
                self.tab = if scope == Some(&VoteScope::Map) { WorkspaceTab::NeedsMap } else { WorkspaceTab::Wheel };
            }
        }
    }

    /// Shows a note on its canvas, selected.
    fn show_note(&mut self, id: NoteId) {
        let Some(document) = &self.document else { return };
        let session = document.session();
        let Some(note) = session.note(id) else { return };
        match &note.placement {
            Placement::Wheel { .. } => {
                self.tab = WorkspaceTab::Wheel;
                self.wheel.show_note(session, id);
            }
            Placement::Map { .. } => {
                self.tab = WorkspaceTab::NeedsMap;
                self.needs_map.show_note(id);
            }
            Placement::Unplaced => self.tab = WorkspaceTab::Notes,
        }
    }

    fn save(&mut self) {
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

    fn save_as(&mut self) {
        let Some(document) = &self.document else { return };
        let suggested = format!("{}.ron", file_stem_for(document.session().display_title()));
        match self.file_picker.pick_file_to_save(&suggested) {
            PickOutcome::Picked(path) => self.save_to(&path),
            PickOutcome::Cancelled => {}
            PickOutcome::Unavailable => self.ask_for_path(
                PathPurpose::SaveAs,
                Some("No file chooser is available on this computer, so type where to save.".into()),
            ),
        }
    }

    fn save_to(&mut self, path: &Path) {
        let Some(document) = &mut self.document else { return };
        match document.save_as(path) {
            Ok(()) => {
                let title = document.session().display_title().to_owned();
                self.remember_recent(path, &title);
                self.tell(format!("Saved to {}. From now on it saves there as you work.", path.display()));
            }
            Err(error) => self.warn(format!("{error}. The workshop is still open and still saving where it was.")),
        }
    }

    /// Asks where to put an export in `format`, then writes it there.
    fn export(&mut self, format: Format) {
        let Some(document) = &self.document else { return };
        let suggested = export_name(document.session(), format);
        match self.file_picker.pick_export_destination(format, &suggested) {
            PickOutcome::Picked(path) => self.export_to(format, &path),
            PickOutcome::Cancelled => {}
            PickOutcome::Unavailable => self.ask_for_path(
                PathPurpose::Export(format),
                Some("No file chooser is available on this computer, so type where to put the export.".into()),
            ),
        }
    }

    /// Exports the workshop in `format` to `path` and says how it went.
    fn export_to(&mut self, format: Format, path: &Path) {
        let Some(document) = &self.document else { return };
        let session = document.session();
        let options = ExportOptions { generated_at: OffsetDateTime::now_utc() };
        let stem = file_stem_for(session.display_title());
        let written = export(session, format, &options).and_then(|files| write_export(&files, format, path, &stem));
        match written {
            Ok(paths) if format.is_several_files() => {
                let names: Vec<String> = paths
                    .iter()
                    .filter_map(|path| path.file_name().map(|name| name.to_string_lossy().into_owned()))
                    .collect();
                self.tell(format!(
                    "Exported the {} to {}: {}.",
                    format.description(),
                    path.display(),
                    names.join(", ")
                ));
            }
            Ok(paths) => {
                let written =
                    paths.first().map_or_else(|| path.display().to_string(), |path| path.display().to_string());
                self.tell(format!("Exported the {} to {written}.", format.description()));
            }
            Err(error) => self.warn(format!("{error}. The workshop itself is unchanged.")),
        }
    }

    fn ask_for_path(&mut self, purpose: PathPurpose, reason: Option<String>) {
        let folder = || {
            directories::UserDirs::new()
                .and_then(|dirs| dirs.document_dir().map(Path::to_owned))
                .or_else(|| directories::UserDirs::new().map(|dirs| dirs.home_dir().to_owned()))
                .unwrap_or_default()
        };
        let text = match (&self.document, purpose) {
            (Some(document), PathPurpose::SaveAs) => folder()
                .join(format!("{}.ron", file_stem_for(document.session().display_title())))
                .display()
                .to_string(),
            (Some(document), PathPurpose::Export(format)) => {
                folder().join(export_name(document.session(), format)).display().to_string()
            }
            _ => String::new(),
        };
        self.path_prompt = Some(PathPrompt { purpose, text, reason, focused: false });
    }

    fn handle(&mut self, intent: Intent) {
        match intent {
            Intent::Command(command) => self.run(command),
            Intent::Edit { edit, gesture } => {
                let Some(document) = &mut self.document else { return };
                if let Err(error) = document.apply_in_gesture(edit, gesture, Instant::now()) {
                    self.warn(format!("That change could not be made: {error}."));
                }
            }
            Intent::EndGesture => {
                if let Some(document) = &mut self.document {
                    document.end_gesture();
                }
            }
            Intent::OpenRecent(path) => self.open_path(&path),
            Intent::OpenExample(index) => {
                let Some(example) = EXAMPLES.get(index) else { return };
                match example.session() {
                    Ok(session) => {
                        self.new_workshop(session);
                        self.tell(format!(
                            "This is a copy of the example “{}”: change it as you like, the example stays as it is.",
                            example.title
                        ));
                    }
                    Err(problem) => self.warn(format!("The example “{}” could not be read: {problem}.", example.title)),
                }
            }
            Intent::Recover(index) => {
                let Some(entry) = self.unclosed.get(index).cloned() else { return };
                if !self.close_document() {
                    return;
                }
                match Document::recover(&entry, self.journal.clone()) {
                    Ok(document) => {
                        self.unclosed.remove(index);
                        self.remember_recent(&entry.autosaved_to, &entry.title);
                        self.tell(format!("Recovered “{}” as it was last saved automatically.", entry.title));
                        self.start_document(document);
                    }
                    Err(error) => self.warn(format!("{error}. Nothing has been changed on disk.")),
                }
            }
            Intent::DismissRecovery(index) => {
                if index < self.unclosed.len() {
                    let entry = self.unclosed.remove(index);
                    self.remember_recent(&entry.autosaved_to, &entry.title);
                    let _ = self.journal.record_closed(entry.key);
                }
            }
            Intent::DismissNotice => self.notice = None,
            Intent::GoToStep(id) => self.go_to_step(id),
            Intent::ShowNote(id) => self.show_note(id),
            Intent::ShowLink(id) => {
                self.tab = WorkspaceTab::NeedsMap;
                self.needs_map.show_link(id);
            }
            Intent::ShowActionPlan => self.tab = WorkspaceTab::ActionPlan,
        }
    }

    /// Collects a finished background autosave and starts the next one when it is due. The
    /// writing happens on another thread, so no frame waits for the disk; that thread asks for a
    /// frame when it is done, so the outcome shows at once.
    fn autosave(&mut self, ctx: &egui::Context) {
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

    fn window_title(&self) -> String {
        match &self.document {
            None => "Common Ground".to_owned(),
            Some(document) => {
                let unsaved = if document.has_unsaved_changes() { "● " } else { "" };
                let title = document.session().display_title();
                match document.location() {
                    // The generated file name of an untitled workshop means nothing to people.
                    Location::Untitled(_) => format!("{unsaved}{title} — Common Ground"),
                    Location::File(_) => format!("{unsaved}{title} — {} — Common Ground", document.file_label()),
                }
            }
        }
    }

    /// Handle the window's close button: save first, and refuse to close if that fails.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|input| input.viewport().close_requested()) && !self.close_document() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }

    fn menu_bar_ui(&self, ui: &mut Ui, intents: &mut Intents) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in
                    [Command::NewWorkshop, Command::Open, Command::OpenTypedPath, Command::Save, Command::SaveAs]
                {
                    command_button(ui, command, command.label(), true, intents);
                }
                ui.menu_button("Export", |ui| {
                    for command in Command::ALL.into_iter().filter(|command| matches!(command, Command::Export(_))) {
                        command_button(ui, command, command.label(), true, intents);
                    }
                });
                command_button(ui, Command::CloseWorkshop, Command::CloseWorkshop.label(), true, intents);
            });
            ui.menu_button("Edit", |ui| {
                let history = self.document.as_ref().map(Document::history);
                let undo = history.and_then(|h| h.undo_description());
                let redo = history.and_then(|h| h.redo_description());
                let undo_label = undo.map_or_else(|| "Undo".to_owned(), |what| format!("Undo {what}"));
                let redo_label = redo.map_or_else(|| "Redo".to_owned(), |what| format!("Redo {what}"));
                command_button(ui, Command::Undo, &undo_label, undo.is_some(), intents);
                command_button(ui, Command::Redo, &redo_label, redo.is_some(), intents);
            });
            if let Some(document) = &self.document {
                self.workshop_menu_ui(ui, document.session(), intents);
            }
            // The menu of the canvas that is showing, from the same table as its keys.
            let canvas_menu = match self.tab {
                WorkspaceTab::Wheel => Some(("Wheel", Scope::Wheel)),
                WorkspaceTab::NeedsMap => Some(("Map", Scope::Map)),
                WorkspaceTab::Notes | WorkspaceTab::ActionPlan | WorkspaceTab::Agenda => None,
            };
            if let (Some((title, scope)), Some(document)) = (canvas_menu, &self.document) {
                ui.menu_button(title, |ui| {
                    for command in Command::ALL.into_iter().filter(|command| command.scope() == scope) {
                        let enabled = match command {
                            Command::Map(map_command) => self.needs_map.can_run(map_command, document.session()),
                            _ => true,
                        };
                        command_button(ui, command, command.label(), enabled, intents);
                    }
                });
            }
            if let Some(document) = &self.document {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let status = if document.rescue_notice().is_some() {
                        RichText::new("Saved to the rescue folder").color(ui.visuals().warn_fg_color)
                    } else if document.has_unsaved_changes() {
                        RichText::new("Saving…").weak()
                    } else {
                        match document.location() {
                            Location::Untitled(_) if !document.has_file_on_disk() => {
                                RichText::new("Saves itself as soon as you change something").weak()
                            }
                            Location::Untitled(_) => RichText::new("All changes saved in your workshops folder").weak(),
                            Location::File(_) => {
                                RichText::new(format!("All changes saved · {}", document.file_label())).weak()
                            }
                        }
                    };
                    ui.label(status).on_hover_text(document.location().path().display().to_string());
                });
            }
        });
    }

    /// The Workshop menu: the agenda, dot voting and the action plan.
    fn workshop_menu_ui(&self, ui: &mut Ui, session: &Session, intents: &mut Intents) {
        ui.menu_button("Workshop", |ui| {
            let agenda = &session.agenda;
            let next_label = if agenda.current.is_none() { "Start the workshop" } else { Command::NextStep.label() };
            command_button(ui, Command::NextStep, next_label, agenda.next_step().is_some(), intents);
            command_button(
                ui,
                Command::PreviousStep,
                Command::PreviousStep.label(),
                agenda.previous_step().is_some(),
                intents,
            );
            command_button(ui, Command::ShowAgenda, "Agenda…", true, intents);
            ui.separator();
            let voting_label = if self.votes.shown { "Hide dot voting" } else { "Dot voting…" };
            command_button(ui, Command::DotVoting, voting_label, true, intents);
            let casting = self.votes.casting(session).is_some();
            for command in Command::ALL.into_iter().filter(|command| command.scope() == Scope::Vote) {
                command_button(ui, command, command.label(), casting, intents);
            }
            ui.separator();
            command_button(ui, Command::ShowActionPlan, "Action plan…", true, intents);
            ui.separator();
            let join_label = match (self.join.shown, self.join.is_open()) {
                (true, _) => "Hide the joining panel",
                (false, true) => "Joining from phones (open)…",
                (false, false) => Command::JoinFromPhones.label(),
            };
            command_button(ui, Command::JoinFromPhones, join_label, true, intents);
        });
    }

    fn notice_ui(&self, ui: &mut Ui, intents: &mut Intents) {
        let Some(notice) = &self.notice else { return };
        let visuals = ui.visuals().clone();
        let colour = if notice.is_error { visuals.error_fg_color } else { visuals.text_color() };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&notice.text).color(colour));
            if ui.button("Dismiss").clicked() {
                intents.push(Intent::DismissNotice);
            }
        });
    }

    fn path_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.path_prompt else { return };
        let mut chosen = None;
        let mut cancelled = false;
        egui::Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
            ui.set_width(640.0);
            ui.heading(match prompt.purpose {
                PathPurpose::Open => "Open a workshop file".to_owned(),
                PathPurpose::SaveAs => "Save the workshop as".to_owned(),
                PathPurpose::Export(format) => format!("Export the {}", format.description()),
            });
            if let Some(reason) = &prompt.reason {
                ui.label(reason);
            }
            let label = ui.label(match prompt.purpose {
                PathPurpose::Export(format) if format.is_several_files() => "Folder path",
                _ => "File path",
            });
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .hint_text("/home/you/Documents/workshop.ron")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !prompt.focused {
                field.request_focus();
                prompt.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let action = match prompt.purpose {
                    PathPurpose::Open => "Open",
                    PathPurpose::SaveAs => "Save",
                    PathPurpose::Export(_) => "Export",
                };
                if (ui.button(action).clicked() || entered) && !prompt.text.trim().is_empty() {
                    chosen = Some(expand_home(prompt.text.trim()));
                }
                if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(egui::Key::Escape)) {
                    cancelled = true;
                }
            });
        });
        let purpose = prompt.purpose;
        if cancelled {
            self.path_prompt = None;
        } else if let Some(path) = chosen {
            self.path_prompt = None;
            match purpose {
                PathPurpose::Open => self.open_path(&path),
                PathPurpose::SaveAs => self.save_to(&with_ron_extension(path)),
                PathPurpose::Export(format) => self.export_to(format, &with_extension(path, format)),
            }
        }
    }

    /// What the participant page asks about: the needs map while it is showing (or the agenda
    /// is on a map step), otherwise the prompt selected on the wheel.
    fn room_focus(&self, session: &Session) -> Option<RoomFocus> {
        let step = session.agenda.current.and_then(|id| session.agenda.step(id)).map(|step| step.activity);
        let map =
            self.tab == WorkspaceTab::NeedsMap || (self.tab != WorkspaceTab::Wheel && step == Some(Activity::Map));
        if map {
            return Some(RoomFocus::Map);
        }
        let prompt = self.wheel.selected(session).or_else(|| session.wheel.prompts.first())?;
        Some(RoomFocus::Wheel { prompt: prompt.key.clone(), question: prompt.question.clone() })
    }

    /// Takes in what phones sent (as undoable edits of the document) and publishes what they see.
    fn serve_phones(&mut self) {
        let Some(session) = self.document.as_ref().map(Document::session) else { return };
        let focus = self.room_focus(session);
        let (Some(host), Some(document)) = (self.join.host_mut(), self.document.as_mut()) else { return };
        host.handle_requests(document);
        host.publish_if_changed(document.session(), document.revision(), focus);
    }

    fn run_join_actions(&mut self, actions: Vec<JoinAction>) {
        let (Some(host), Some(document)) = (self.join.host_mut(), self.document.as_mut()) else { return };
        let mut problems = Vec::new();
        for action in actions {
            match action {
                JoinAction::Approve(id) => problems.extend(host.approve(id, document).err()),
                JoinAction::Reject(id) => host.reject(id, document.session()),
                JoinAction::ApproveAll => {
                    let ids: Vec<_> = host.waiting().iter().map(|waiting| waiting.note.id).collect();
                    for id in ids {
                        problems.extend(host.approve(id, document).err());
                    }
                }
            }
        }
        if let Some(problem) = problems.into_iter().next() {
            self.warn(format!("A note from a phone could not be let in: {problem}"));
        }
    }

    fn workspace_ui(&mut self, ui: &mut Ui, intents: &mut Intents) -> Vec<JoinAction> {
        let mut join_actions = Vec::new();
        let Some(document) = &self.document else { return join_actions };
        let session = document.session();
        if self.votes.shown {
            let selected_prompt = self.wheel.selected(session).map(|prompt| prompt.key.clone());
            let opened = egui::Panel::left("dot voting panel")
                .resizable(true)
                .default_size(380.0)
                .min_size(300.0)
                .show(ui, |ui| {
                    vote_panel_ui(
                        ui,
                        session,
                        &mut self.votes,
                        selected_prompt.as_deref(),
                        OffsetDateTime::now_utc(),
                        intents,
                    )
                })
                .inner;
            // A vote just opened: show the canvas its notes are on.
            match opened {
                Some(VoteScope::Map) => self.tab = WorkspaceTab::NeedsMap,
                Some(_) => self.tab = WorkspaceTab::Wheel,
                None => {}
            }
        } else if self.details_shown {
            egui::Panel::left("workshop panel").resizable(true).default_size(400.0).min_size(300.0).show(ui, |ui| {
                workshop_panel_ui(ui, session, &mut self.panel_drafts, intents);
            });
        }
        if self.join.shown {
            let focus = self.room_focus(session);
            let actions = egui::Panel::right("join panel")
                .resizable(true)
                .default_size(380.0)
                .min_size(320.0)
                .show(ui, |ui| join_panel_ui(ui, &mut self.join, session, focus))
                .inner;
            join_actions = actions;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                let details_label = if self.details_shown { "Hide details" } else { "Workshop details" };
                if ui
                    .selectable_label(self.details_shown, RichText::new(details_label).size(22.0))
                    .on_hover_text("Show or hide the workshop's details, organisations and participants, to give the canvas the room.")
                    .clicked()
                {
                    self.details_shown = !self.details_shown;
                }
                ui.separator();
                for (tab, label) in [
                    (WorkspaceTab::Wheel, "Prompt wheel"),
                    (WorkspaceTab::NeedsMap, "Needs map"),
                    (WorkspaceTab::Notes, "All notes"),
                    (WorkspaceTab::ActionPlan, "Action plan"),
                    (WorkspaceTab::Agenda, "Agenda"),
                ] {
                    let text = RichText::new(label).size(22.0);
                    if ui.selectable_label(self.tab == tab, text).clicked() {
                        self.tab = tab;
                    }
                }
            });
            current_step_bar_ui(ui, session, intents);
            let voting = VoteOnCanvas {
                casting: self.votes.casting(session),
                totals: shown_totals(session, &self.votes).map(|vote| vote.id),
            };
            self.wheel.voting = voting;
            self.needs_map.voting = voting;
            ui.separator();
            match self.tab {
                WorkspaceTab::Wheel => wheel_ui(ui, session, &mut self.wheel, OffsetDateTime::now_utc(), intents),
                WorkspaceTab::Notes => notes_ui(ui, session, &mut self.note_draft, OffsetDateTime::now_utc(), intents),
                WorkspaceTab::NeedsMap => {
                    let revision = document.revision();
                    needs_map_ui(ui, session, revision, &mut self.needs_map, OffsetDateTime::now_utc(), intents);
                }
                WorkspaceTab::ActionPlan => plan_ui(ui, session, &mut self.panel_drafts.dates, intents),
                WorkspaceTab::Agenda => agenda_ui(ui, session, intents),
            }
        });
        join_actions
    }
}

impl CommonGroundApp {
    /// Whether `command`'s keys act now.
    fn command_available(&self, command: Command) -> bool {
        if self.room.shortcuts_open {
            // The sheet is on top of everything: its own keys close it.
            return command == Command::ShowShortcuts;
        }
        let open = self.document.is_some();
        match command.scope() {
            Scope::App => true,
            Scope::Room => open,
            Scope::Presenting => open && self.room.presenting,
            Scope::Wheel => open && self.tab == WorkspaceTab::Wheel && self.wheel.takes_keys(),
            Scope::Map => open && self.tab == WorkspaceTab::NeedsMap && self.needs_map.takes_keys(),
            Scope::Vote => self.document.as_ref().is_some_and(|document| document.session().open_vote().is_some()),
        }
    }

    /// Where the scribe's notes go: the selected prompt and ring, or an arc of the map.
    fn scribe_target(&self, session: &Session) -> ScribeTarget {
        match self.tab {
            WorkspaceTab::Wheel => self.wheel.target(session).map_or(ScribeTarget::Unplaced, |(prompt, band)| {
                let question = session.wheel.prompt(&prompt).map(|prompt| prompt.question.clone()).unwrap_or_default();
                ScribeTarget::Wheel { prompt, question, band }
            }),
            WorkspaceTab::NeedsMap => ScribeTarget::Map { arc: self.needs_map.target_arc(session) },
            WorkspaceTab::Notes | WorkspaceTab::ActionPlan | WorkspaceTab::Agenda => ScribeTarget::Unplaced,
        }
    }

    /// The scribe's quick-add box along the foot of the console.
    fn scribe_panel_ui(&mut self, ui: &mut Ui, intents: &mut Intents) {
        let (Some(document), Some(_)) = (&self.document, &self.room.scribe) else { return };
        let session = document.session();
        let target = self.scribe_target(session);
        let mut outcome = ScribeOutcome::Open;
        egui::Panel::bottom("scribe box").show(ui, |ui| {
            if let Some(scribe) = &mut self.room.scribe {
                outcome = scribe_ui(ui, session, scribe, &target, OffsetDateTime::now_utc(), intents);
            }
        });
        match outcome {
            ScribeOutcome::Open => {}
            ScribeOutcome::Closed => self.room.scribe = None,
            ScribeOutcome::Added(id) => match self.tab {
                WorkspaceTab::Wheel => self.wheel.selected_note = Some(id),
                WorkspaceTab::NeedsMap => self.needs_map.select_note(id),
                WorkspaceTab::Notes | WorkspaceTab::ActionPlan | WorkspaceTab::Agenda => {}
            },
        }
    }

    /// The projector's own window, following the console; keys pressed there work as here.
    fn projector_window(&mut self, ctx: &egui::Context, intents: &mut Intents) {
        let Some(document) = &self.document else { return };
        if !self.room.projector_open {
            return;
        }
        let available: Vec<Command> =
            Command::ALL.into_iter().filter(|command| self.command_available(*command)).collect();
        let closed = {
            let mut feed = room::lock(&self.projector_feed);
            // Copying the session is the one costly part of the feed, so only after a change.
            if feed.session_revision != Some(document.revision()) {
                feed.session.clone_from(document.session());
                feed.session_revision = Some(document.revision());
            }
            feed.canvas = self.projected_canvas;
            feed.wheel.follow(&self.wheel);
            feed.map.follow(&self.needs_map);
            feed.look = self.room.look;
            feed.timer = self.room.timer;
            feed.now = self.room.now();
            feed.available = available;
            feed.join = self.join.card().cloned();
            for command in std::mem::take(&mut feed.commands) {
                intents.push(Intent::Command(command));
            }
            std::mem::take(&mut feed.closed)
        };
        if closed {
            self.room.projector_closed();
            return;
        }
        let title = format!("{} — projector — Common Ground", document.session().display_title());
        room::show_projector_window(ctx, &self.projector_feed, title);
        // The projector draws in its own turn: each change here is drawn there too.
        ctx.request_repaint_of(projector_viewport_id());
    }

    /// The projection in the main window, for one screen.
    fn presentation_ui(&mut self, ui: &mut Ui) {
        let Some(document) = &self.document else { return };
        let look = self.room.look;
        egui::CentralPanel::default().frame(egui::Frame::NONE.fill(look.background())).show(ui, |ui| {
            projection_ui(
                ui,
                Projection {
                    session: document.session(),
                    revision: document.revision(),
                    canvas: self.projected_canvas,
                    wheel: &mut self.wheel,
                    map: &mut self.needs_map,
                    look,
                    timer: &self.room.timer,
                    now: self.room.now(),
                    join: self.join.card(),
                },
            );
        });
        self.room.presenting_overlay_ui(ui.ctx(), document.session());
    }
}

impl eframe::App for CommonGroundApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self) {
        // The close button already saved; this catches other ways out (the OS ending the app).
        if let Some(document) = &mut self.document {
            let _ = document.close();
        }
    }
}

impl CommonGroundApp {
    /// Draw one frame of the whole app into `ui` and act on what the person did: what eframe
    /// calls every frame. Public so the benchmarks can run the real UI on a headless
    /// [`egui::Context`].
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);

        let mut intents = Intents::default();
        if self.path_prompt.is_none()
            && let Some(command) = {
                // A text box, an open drop-down, or a canvas's own note box or list has the plain keys.
                let typing = ctx.text_edit_focused()
                    || ctx.any_popup_open()
                    || !self.wheel.takes_keys()
                    || (self.tab == WorkspaceTab::NeedsMap && !self.needs_map.takes_keys());
                ctx.input_mut(|input| Command::from_shortcuts(input, typing, |command| self.command_available(command)))
            }
        {
            intents.push(Intent::Command(command));
        }
        match self.tab {
            WorkspaceTab::Wheel => self.projected_canvas = ProjectedCanvas::Wheel,
            WorkspaceTab::NeedsMap => self.projected_canvas = ProjectedCanvas::Map,
            WorkspaceTab::Notes | WorkspaceTab::ActionPlan | WorkspaceTab::Agenda => {}
        }

        self.serve_phones();
        if self.document.is_some() && self.room.presenting {
            self.presentation_ui(ui);
        } else {
            self.console_ui(ui, &mut intents);
        }
        self.projector_window(&ctx, &mut intents);
        shortcuts_sheet_ui(&ctx, &mut self.room.shortcuts_open);
        self.room.update_windows(&ctx);
        self.path_prompt_ui(&ctx);

        if !intents.0.is_empty() {
            // What was drawn this frame is from before these changes; show the result at once.
            ctx.request_repaint();
        }
        for intent in intents.0 {
            self.handle(intent);
        }
        self.autosave(&ctx);

        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}

impl CommonGroundApp {
    /// The facilitator's console: menus, the room's controls, the scribe and the workspace.
    fn console_ui(&mut self, ui: &mut Ui, intents: &mut Intents) {
        if self.document.is_some() || self.notice.is_some() {
            egui::Panel::top("menu bar").show(ui, |ui| {
                if self.document.is_some() {
                    self.menu_bar_ui(ui, intents);
                }
                self.notice_ui(ui, intents);
            });
        }
        if let Some(document) = &self.document {
            let session = document.session();
            egui::Panel::top("room bar").show(ui, |ui| self.room.room_bar_ui(ui, session, intents));
            self.scribe_panel_ui(ui, intents);
            let join_actions = self.workspace_ui(ui, intents);
            self.run_join_actions(join_actions);
        } else {
            let workshops_dir = self.journal.data_dir().workshops_dir();
            egui::CentralPanel::default().show(ui, |ui| {
                start_screen_ui(ui, &self.unclosed, &self.recent, &workshops_dir, intents);
            });
        }
    }
}

fn command_button(ui: &mut Ui, command: Command, label: &str, enabled: bool, intents: &mut Intents) {
    let shortcut = command.shortcut_text(ui.ctx());
    let button =
        if shortcut.is_empty() { egui::Button::new(label) } else { egui::Button::new(label).shortcut_text(shortcut) };
    if ui.add_enabled(enabled, button).on_hover_text(command.explanation()).clicked() {
        intents.push(Intent::Command(command));
        ui.close();
    }
}

fn save_failure(error: &crate::store::SaveError, document: &Document) -> String {
    match document.rescue_notice() {
        Some(rescue) => rescue.to_owned(),
        None => format!("{error}. Your changes are still open here; try Save as… to save them elsewhere."),
    }
}

/// The name an export is offered under: a file named after the workshop, or a folder for the
/// formats that are several files.
fn export_name(session: &Session, format: Format) -> String {
    let stem = file_stem_for(session.display_title());
    if format.is_several_files() {
        format!("{stem} {}", format.extension())
    } else {
        format!("{stem}.{}", format.extension())
    }
}

/// A file name made from a workshop title: letters, digits, spaces and dashes only.
fn file_stem_for(title: &str) -> String {
    let cleaned: String =
        title.chars().map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { ' ' }).collect();
    let stem = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if stem.is_empty() { "workshop".to_owned() } else { stem }
}

/// `~/x` → the home folder joined with `x`.
fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), directories::UserDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(text),
    }
}
