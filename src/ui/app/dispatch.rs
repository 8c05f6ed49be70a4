//! Command dispatch: running a command, acting on an intent, and which keys act now.

use super::announce::Happening;
use super::export::PathPurpose;
use super::{CommonGroundApp, WorkspaceTab};
use crate::document::Document;
use crate::examples::EXAMPLES;
use crate::model::{Activity, Edit, NoteId, Placement, Session, StepId, VoteScope, WorkshopDetails};
use crate::ui::accessibility::PanelWidth;
use crate::ui::commands::{Command, Scope};
use crate::ui::file_picker::PickOutcome;
use crate::ui::intents::{Intent, Intents};
use std::time::Instant;

impl CommonGroundApp {
    /// Act on what the views and commands asked for this frame, in order.
    pub(super) fn apply(&mut self, intents: Intents) {
        for intent in intents.0 {
            self.handle(intent);
        }
    }

    /// Run a command that one of the views (the room, a canvas, the vote) carries out, and
    /// return what it asked for.
    fn run_in_view(&mut self, command: Command) -> Intents {
        let mut intents = Intents::default();
        let Some(document) = &self.document else { return intents };
        let session = document.session();
        match command {
            Command::Room(command) => self.room.run(command, session, &mut intents),
            // A canvas's keys act only on the canvas showing.
            Command::Wheel(command) if self.tab == WorkspaceTab::Wheel => {
                self.wheel.run(command, session, &mut intents);
            }
            Command::Map(command) if self.tab == WorkspaceTab::NeedsMap => {
                self.needs_map.run(command, session, &mut intents);
            }
            Command::Vote(command) => {
                let selected = match self.tab {
                    WorkspaceTab::Wheel => self.wheel.selected_note,
                    WorkspaceTab::NeedsMap => self.needs_map.selected_note(session),
                    _ => None,
                };
                self.votes.run(command, session, selected, &mut intents);
            }
            _ => {}
        }
        intents
    }

    /// Carry out `command`, from a key, a menu or a button.
    fn run(&mut self, command: Command) {
        match command {
            Command::NewWorkshop => {
                // The date on the room's clock: after midnight UTC in a summer evening is still today.
                let today = crate::local_time::now_local().date();
                let details = WorkshopDetails { date: Some(today), ..WorkshopDetails::default() };
                self.new_workshop(Session::new_workshop(details));
                self.notice = None;
            }
            Command::Open => match self.file_picker.pick_file_to_open() {
                PickOutcome::Picked(path) => {
                    self.remember_folder_of(&path);
                    self.open_path(&path);
                }
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
            Command::Room(_) | Command::Wheel(_) | Command::Map(_) | Command::Vote(_) => {
                let intents = self.run_in_view(command);
                self.apply(intents);
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
            Command::ShowWheel => self.tab = WorkspaceTab::Wheel,
            Command::ShowMap => self.tab = WorkspaceTab::NeedsMap,
            Command::ShowNotes => self.tab = WorkspaceTab::Notes,
            Command::ShowActionPlan => self.tab = WorkspaceTab::ActionPlan,
            Command::DotVoting => self.votes.shown = !self.votes.shown,
            Command::JoinFromPhones => self.join.shown = !self.join.shown,
            Command::WidenSidePanel | Command::NarrowSidePanel => {
                let by = if command == Command::WidenSidePanel { PanelWidth::STEP } else { -PanelWidth::STEP };
                // The panel holding the keyboard, if one does; otherwise the canvas's side panel.
                let keyboard_at = self
                    .repaint
                    .memory(egui::Memory::focused)
                    .and_then(|id| self.repaint.read_response(id))
                    .map(|response| response.rect.center());
                match keyboard_at {
                    Some(at) if self.left_panel.holds(at) => self.left_panel.step(by),
                    Some(at) if self.join_panel.holds(at) => self.join_panel.step(by),
                    _ => match self.tab {
                        WorkspaceTab::Wheel => self.wheel.side_panel.step(by),
                        WorkspaceTab::NeedsMap => self.needs_map.answers_panel.step(by),
                        WorkspaceTab::Notes | WorkspaceTab::ActionPlan | WorkspaceTab::Agenda => {}
                    },
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
        if let Some(said) = Happening::StepChanged(id).words(session) {
            self.announcer.announce(said);
        }
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

    /// Act on one thing a view or command asked for.
    fn handle(&mut self, intent: Intent) {
        match intent {
            Intent::Command(command) => self.run(command),
            Intent::Edit { edit, gesture } => {
                let Some(document) = &mut self.document else { return };
                // A view chosen as read-only stays one: its changes could only go to the rescue
                // folder, which is not what a person who chose to view expects.
                if self.viewing_read_only && document.file_hold() == Some(crate::document::FileHold::OpenElsewhere) {
                    self.warn(
                        "This window only views the workshop (it is open in another copy of Common Ground). \
                         To change it, choose Save as… in the File menu and work on a copy.",
                    );
                    return;
                }
                let happening = Happening::of(&edit);
                match document.apply_in_gesture(edit, gesture, Instant::now()) {
                    Ok(()) => {
                        if let Some(said) = happening.and_then(|happening| happening.words(document.session())) {
                            self.announcer.announce(said);
                        }
                    }
                    Err(error) => self.warn(format!("That change could not be made: {error}.")),
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
            Intent::OpenExported(path) => {
                if let Err(error) = self.file_opener.open(&path) {
                    self.warn(format!("Couldn't open “{}”: {error}. The export itself is there.", path.display()));
                }
            }
            Intent::ShowExportedInFolder(path) => {
                if let Err(error) = self.file_opener.reveal(&path) {
                    self.warn(format!("Couldn't show “{}” in its folder: {error}.", path.display()));
                }
            }
            Intent::GoToStep(id) => self.go_to_step(id),
            Intent::ShowNote(id) => self.show_note(id),
            Intent::ShowLink(id) => {
                self.tab = WorkspaceTab::NeedsMap;
                self.needs_map.show_link(id);
            }
            Intent::ShowActionPlan => self.tab = WorkspaceTab::ActionPlan,
        }
    }

    /// Whether `command`'s keys act now.
    pub(super) fn command_available(&self, command: Command) -> bool {
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
}
