//! The menu bar, the Workshop menu and the notice banner.

use super::{CommonGroundApp, WorkspaceTab};
use crate::document::{Document, Location};
use crate::model::Session;
use crate::ui::commands::{Command, Scope};
use crate::ui::export_job::Written;
use crate::ui::file_hold::hold_status;
use crate::ui::intents::{Intent, Intents};
use egui::{RichText, Ui};

impl CommonGroundApp {
    /// The menu bar: File, Edit, Workshop and the showing canvas's menu, and the saving status.
    pub(super) fn menu_bar_ui(&self, ui: &mut Ui, intents: &mut Intents) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in
                    [Command::NewWorkshop, Command::Open, Command::OpenTypedPath, Command::Save, Command::SaveAs]
                {
                    command_button(ui, command, command.label(), true, intents);
                }
                ui.menu_button("Export", |ui| {
                    // Opened from the keyboard, the list takes the keyboard, so its first item is one
                    // Tab away rather than after the whole console.
                    let focus_here = ui.ctx().memory(egui::Memory::focused).and_then(|id| ui.ctx().read_response(id));
                    let focus_here = focus_here.is_some_and(|response| response.layer_id == ui.layer_id());
                    let exports = Command::ALL.into_iter().filter(|command| matches!(command, Command::Export(_)));
                    for (index, command) in exports.enumerate() {
                        let response = command_button(ui, command, command.label(), true, intents);
                        if index == 0 && !focus_here {
                            response.request_focus();
                        }
                    }
                });
                command_button(ui, Command::CloseWorkshop, Command::CloseWorkshop.label(), true, intents);
            });
            ui.menu_button("Edit", |ui| {
                let history = self.document.as_ref().map(Document::history);
                let undo = history.and_then(crate::model::History::undo_description);
                let redo = history.and_then(crate::model::History::redo_description);
                let undo_label = undo.map_or_else(|| "Undo".to_owned(), |what| format!("Undo {what}"));
                let redo_label = redo.map_or_else(|| "Redo".to_owned(), |what| format!("Redo {what}"));
                command_button(ui, Command::Undo, &undo_label, undo.is_some(), intents);
                command_button(ui, Command::Redo, &redo_label, redo.is_some(), intents);
            });
            console_look_menu_ui(ui, self.document.is_some(), intents);
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
                    let status = if let Some(job) = &self.export_job {
                        RichText::new(job.progress_label())
                    } else if let Some(hold) = document.file_hold() {
                        hold_status(hold).color(ui.visuals().warn_fg_color)
                    } else if document.rescue_notice().is_some() {
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

    /// The message banner, with a button to dismiss it.
    pub(super) fn notice_ui(&self, ui: &mut Ui, intents: &mut Intents) {
        let Some(notice) = &self.notice else { return };
        let visuals = ui.visuals().clone();
        let colour = if notice.is_error { visuals.error_fg_color } else { visuals.text_color() };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&notice.text).color(colour));
            match &notice.written {
                Some(Written::File(file)) => {
                    if ui.button("Open").on_hover_text("Open it in the computer's program for it").clicked() {
                        intents.push(Intent::OpenExported(file.clone()));
                    }
                    if ui.button("Show in folder").on_hover_text("Show it in its folder").clicked() {
                        intents.push(Intent::ShowExportedInFolder(file.clone()));
                    }
                }
                Some(Written::Folder(folder)) => {
                    let open = ui.button("Open the folder").on_hover_text("Show the files in the file manager");
                    if open.clicked() {
                        intents.push(Intent::OpenExported(folder.clone()));
                    }
                }
                None => {}
            }
            if ui.button("Dismiss").clicked() {
                intents.push(Intent::DismissNotice);
            }
        });
    }
}

/// The View menu: widening or narrowing the panel beside the canvas (the keyboard's way to move
/// its divider), and the console's light or dark look (the projector's is in the room bar). The
/// look is this window's alone, not the workshop's, so it changes egui's setting directly rather
/// than through an edit; it is remembered between runs.
fn console_look_menu_ui(ui: &mut Ui, open: bool, intents: &mut Intents) {
    ui.menu_button("View", |ui| {
        // The tabs and the divider beside the canvas, with their keys, for those who cannot
        // reach them with the mouse.
        for command in [Command::ShowWheel, Command::ShowMap, Command::ShowNotes] {
            command_button(ui, command, command.label(), open, intents);
        }
        ui.separator();
        for command in [Command::WidenSidePanel, Command::NarrowSidePanel] {
            command_button(ui, command, command.label(), open, intents);
        }
        ui.separator();
        let mut preference = ui.ctx().options(|options| options.theme_preference);
        let before = preference;
        ui.label(RichText::new("This window's look").weak());
        ui.radio_value(&mut preference, egui::ThemePreference::System, "As the computer is set");
        ui.radio_value(&mut preference, egui::ThemePreference::Light, "Light");
        ui.radio_value(&mut preference, egui::ThemePreference::Dark, "Dark");
        if preference != before {
            ui.ctx().set_theme(preference);
            ui.close();
        }
    });
}

/// A menu entry for `command`, with its shortcut; a click asks for the command and closes the menu.
fn command_button(ui: &mut Ui, command: Command, label: &str, enabled: bool, intents: &mut Intents) -> egui::Response {
    let shortcut = command.shortcut_text(ui.ctx());
    let button =
        if shortcut.is_empty() { egui::Button::new(label) } else { egui::Button::new(label).shortcut_text(shortcut) };
    let response = ui.add_enabled(enabled, button).on_hover_text(command.explanation());
    if response.clicked() {
        intents.push(Intent::Command(command));
        ui.close();
    }
    response
}
