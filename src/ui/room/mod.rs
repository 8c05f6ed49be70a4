//! Running the workshop in the room: the projection (a second window, or this one while
//! presenting), the projector's look, the timer, private writing, the scribe's quick-add box
//! and the shortcuts sheet. [`RoomState`] is view state only: none of it is saved, except the
//! edits it hands back (revealing notes, private writing, the scribe's notes).

mod clock;
mod projection;
mod projector_theme;
mod projector_window;
mod scribe;
mod shortcuts_sheet;
mod timer;

pub use clock::{Clock, ManualClock, SystemClock};
pub use projection::{ProjectedCanvas, Projection, projection_ui};
pub use projector_theme::{CanvasMode, ProjectorLook, ProjectorTheme, SCALE_RANGE};
pub use projector_window::{ProjectorFeed, SharedFeed, lock, show_projector_window};
pub use scribe::{ScribeBox, ScribeOutcome, ScribeTarget, match_organisation, scribe_ui};
pub use shortcuts_sheet::shortcuts_sheet_ui;
pub use timer::{RoomTimer, parse_minutes};

use super::commands::{Command, RoomCommand};
use super::intents::{Intent, Intents};
use crate::model::{Edit, NoteId, Session};
use egui::{RichText, Ui, ViewportCommand, ViewportId};
use std::time::Duration;

/// The projector window's viewport.
pub fn projector_viewport_id() -> ViewportId {
    ViewportId::from_hash_of("common ground projector")
}

/// The box where the timer's minutes are typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TimerEntry {
    text: String,
    focus_requested: bool,
}

/// Everything about the room the app keeps between frames.
pub struct RoomState {
    /// How the projection looks.
    pub look: ProjectorLook,
    /// Whether the main window shows the projection instead of the console.
    pub presenting: bool,
    /// Whether the projector's own window is open.
    pub projector_open: bool,
    /// Whether the projector window should fill its screen.
    projector_full_screen: bool,
    /// Which screen the projector window goes full screen on (winit's order), when chosen.
    pub monitor: Option<usize>,
    /// Whether the main window should fill its screen (while presenting).
    main_full_screen: bool,
    /// What was last asked of the windows, so each change is sent once.
    sent_projector_full_screen: bool,
    sent_main_full_screen: bool,
    /// The time box.
    pub timer: RoomTimer,
    timer_entry: Option<TimerEntry>,
    /// The scribe's quick-add box, while open.
    pub scribe: Option<ScribeBox>,
    /// Whether the shortcuts sheet is showing.
    pub shortcuts_open: bool,
    /// Where the timer gets the time.
    clock: Box<dyn Clock>,
}

impl Default for RoomState {
    fn default() -> Self {
        Self {
            look: ProjectorLook::default(),
            presenting: false,
            projector_open: false,
            projector_full_screen: false,
            monitor: None,
            main_full_screen: false,
            sent_projector_full_screen: false,
            sent_main_full_screen: false,
            timer: RoomTimer::default(),
            timer_entry: None,
            scribe: None,
            shortcuts_open: false,
            clock: Box::new(SystemClock::default()),
        }
    }
}

impl RoomState {
    /// The clock's time now.
    pub fn now(&self) -> Duration {
        self.clock.now()
    }

    /// Use another clock (tests use a [`ManualClock`]).
    pub fn set_clock(&mut self, clock: Box<dyn Clock>) {
        self.clock = clock;
    }

    /// Whether a box of the room's (the timer's minutes, the scribe) or the shortcuts sheet has
    /// the keys, so single-key commands should wait.
    pub fn takes_keys(&self) -> bool {
        self.timer_entry.is_none() && self.scribe.is_none() && !self.shortcuts_open
    }

    /// Whether the scribe box is open.
    pub fn scribe_open(&self) -> bool {
        self.scribe.is_some()
    }

    /// The timer's default time box: the current agenda step's, else what it was last set to.
    fn default_length(&self, session: &Session) -> Duration {
        session
            .agenda
            .current_step()
            .and_then(|step| step.minutes)
            .filter(|minutes| *minutes > 0)
            .map_or(self.timer.length(), |minutes| Duration::from_secs(u64::from(minutes) * 60))
    }

    /// Run one of the room's commands. Changes to the workshop come back through `intents`.
    pub fn run(&mut self, command: RoomCommand, session: &Session, intents: &mut Intents) {
        let now = self.now();
        match command {
            RoomCommand::TogglePresentation => {
                self.presenting = !self.presenting;
                if !self.presenting {
                    self.main_full_screen = false;
                }
            }
            RoomCommand::LeavePresentation => {
                self.presenting = false;
                self.main_full_screen = false;
            }
            RoomCommand::ToggleProjectorWindow => {
                self.projector_open = !self.projector_open;
                self.projector_full_screen = false;
            }
            RoomCommand::ToggleFullScreen => {
                if self.projector_open {
                    self.projector_full_screen = !self.projector_full_screen;
                } else {
                    // With one screen, full screen means presenting on it.
                    self.main_full_screen = !(self.presenting && self.main_full_screen);
                    self.presenting = true;
                }
            }
            RoomCommand::RevealAll => {
                let ids: Vec<NoteId> = session.hidden_notes().map(|note| note.id).collect();
                if !ids.is_empty() {
                    intents.edit(Edit::SetNotesHidden { ids, hidden: false });
                }
            }
            RoomCommand::TogglePrivateWriting => intents.edit(Edit::SetPrivateWriting(!session.private_writing)),
            RoomCommand::SetTimer => self.timer_entry = Some(TimerEntry::default()),
            RoomCommand::PauseTimer => self.timer.toggle_pause(now),
            RoomCommand::AddMinute => self.timer.add_minute(now),
            RoomCommand::OpenScribe => match &mut self.scribe {
                Some(scribe) => scribe.focus_text(),
                None => self.scribe = Some(ScribeBox::default()),
            },
        }
    }

    /// Ask the windows for full screen or not, when that changed; keep the timer ticking.
    pub fn update_windows(&mut self, ctx: &egui::Context) {
        if !self.projector_open {
            self.projector_full_screen = false;
            self.sent_projector_full_screen = false;
        } else if self.projector_full_screen != self.sent_projector_full_screen {
            let id = projector_viewport_id();
            match (self.projector_full_screen, self.monitor) {
                (true, Some(monitor)) => ctx.send_viewport_cmd_to(id, ViewportCommand::SetMonitor(monitor)),
                (full, _) => ctx.send_viewport_cmd_to(id, ViewportCommand::Fullscreen(full)),
            }
            self.sent_projector_full_screen = self.projector_full_screen;
        }
        if self.main_full_screen != self.sent_main_full_screen {
            ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::Fullscreen(self.main_full_screen));
            self.sent_main_full_screen = self.main_full_screen;
        }
        if let Some(after) = self.timer.next_change(self.now()) {
            ctx.request_repaint_after(after);
        }
    }

    /// The projector window closed itself (its close button, or the window manager).
    pub fn projector_closed(&mut self) {
        self.projector_open = false;
    }

    /// The console's strip of room controls: projector, presenting, look, timer, private
    /// writing, revealing, the scribe and the shortcuts sheet. Each button runs a command from
    /// the command table and shows its key.
    pub fn room_bar_ui(&mut self, ui: &mut Ui, session: &Session, intents: &mut Intents) {
        let now = self.now();
        ui.horizontal_wrapped(|ui| {
            let projector_label = if self.projector_open { "Close projector window" } else { "Projector window" };
            command_toggle(
                ui,
                Command::Room(RoomCommand::ToggleProjectorWindow),
                projector_label,
                self.projector_open,
                intents,
            );
            command_toggle(
                ui,
                Command::Room(RoomCommand::TogglePresentation),
                "Present here",
                self.presenting,
                intents,
            );
            if self.projector_open {
                let full = if self.projector_full_screen { "Leave full screen" } else { "Full screen" };
                command_toggle(
                    ui,
                    Command::Room(RoomCommand::ToggleFullScreen),
                    full,
                    self.projector_full_screen,
                    intents,
                );
                self.monitor_picker_ui(ui);
            }
            ui.separator();
            self.look_ui(ui);
            ui.separator();
            self.timer_ui(ui, session, now);
            ui.separator();
            command_toggle(
                ui,
                Command::Room(RoomCommand::TogglePrivateWriting),
                "Private writing",
                session.private_writing,
                intents,
            );
            let hidden = session.hidden_notes().count();
            let reveal = Command::Room(RoomCommand::RevealAll);
            let words = if hidden > 0 { format!("Reveal all ({hidden} hidden)") } else { "Reveal all".to_owned() };
            let button = egui::Button::new(words).shortcut_text(reveal.shortcut_text(ui.ctx()));
            if ui.add_enabled(hidden > 0, button).on_hover_text(reveal.explanation()).clicked() {
                intents.push(Intent::Command(reveal));
            }
            ui.separator();
            command_toggle(ui, Command::Room(RoomCommand::OpenScribe), "Scribe", self.scribe.is_some(), intents);
            command_toggle(ui, Command::ShowShortcuts, "Shortcuts", self.shortcuts_open, intents);
        });
    }

    fn monitor_picker_ui(&mut self, ui: &mut Ui) {
        let shown =
            self.monitor.map_or_else(|| "where the window is".to_owned(), |index| format!("screen {}", index + 1));
        let response = egui::ComboBox::from_id_salt("projector monitor")
            .selected_text(format!("Full screen on {shown}"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.monitor, None, "Where the window is");
                for index in 0..4 {
                    ui.selectable_value(&mut self.monitor, Some(index), format!("Screen {}", index + 1));
                }
            });
        let _ = response.response.accessible_name("Screen the projector window fills").on_hover_text(
            "Which screen the projector window fills when full screen. Screens are numbered as the computer \
             lists them; a number with no screen is ignored. Or drag the window to the projector and press F11.",
        );
    }

    fn look_ui(&mut self, ui: &mut Ui) {
        let response =
            egui::ComboBox::from_id_salt("projector theme").selected_text(self.look.theme.label()).show_ui(ui, |ui| {
                for theme in ProjectorTheme::ALL {
                    ui.selectable_value(&mut self.look.theme, theme, theme.label());
                }
            });
        let _ = response.response.accessible_name("Projector theme");
        // A drop-down rather than a slider: the room bar stays on one line on a laptop's screen.
        let label = ui.label("Type size");
        let shown = (self.look.scale * 100.0).round() as u32;
        let mut percent = shown;
        let sizes = egui::ComboBox::from_id_salt("projector type size").selected_text(format!("{percent}%")).show_ui(
            ui,
            |ui| {
                for choice in (100..=200).step_by(25) {
                    ui.selectable_value(&mut percent, choice, format!("{choice}%"));
                }
            },
        );
        let _ = sizes.response.labelled_by(label.id);
        if percent != shown {
            self.look.scale = percent as f32 / 100.0;
        }
    }

    /// The box for the timer's minutes, while it is open; returns whether it was drawn.
    fn timer_entry_ui(&mut self, ui: &mut Ui, session: &Session, now: Duration) -> bool {
        let default_length = self.default_length(session);
        let default_minutes = default_length.as_secs_f64() / 60.0;
        if let Some(entry) = &mut self.timer_entry {
            let label = ui.label("Minutes");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut entry.text)
                        .hint_text(format!("{default_minutes} (Enter)"))
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
            if !entry.focus_requested {
                field.request_focus();
                entry.focus_requested = true;
            }
            let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            let start = ui.button("Start").clicked() || entered;
            let cancel = ui.button("Cancel").clicked()
                || (field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Escape)));
            if start {
                let typed = entry.text.trim();
                let length = if typed.is_empty() { Some(default_length) } else { parse_minutes(typed) };
                if let Some(length) = length {
                    self.timer.start(length, now);
                    self.timer_entry = None;
                } else {
                    entry.text.clear();
                    entry.focus_requested = false;
                }
            } else if cancel {
                self.timer_entry = None;
            }
            return true;
        }
        false
    }

    /// While presenting, the timer's minutes box floats over the projection's corner for the
    /// moment it is open (there is no console to put it in).
    pub fn presenting_overlay_ui(&mut self, ctx: &egui::Context, session: &Session) {
        if self.timer_entry.is_none() {
            return;
        }
        let now = self.now();
        egui::Area::new(egui::Id::unique("presenting timer entry"))
            .anchor(egui::Align2::LEFT_BOTTOM, egui::vec2(16.0, -16.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("Timer").strong());
                        self.timer_entry_ui(ui, session, now);
                    });
                });
            });
    }

    fn timer_ui(&mut self, ui: &mut Ui, session: &Session, now: Duration) {
        let shown = self.timer.display(now);
        let status = match &shown {
            None => "Timer off".to_owned(),
            Some(_) if self.timer.is_up(now) => "Time is up".to_owned(),
            Some(time) if self.timer.is_paused() => format!("Timer {time} (paused)"),
            Some(time) => format!("Timer {time}"),
        };
        ui.label(RichText::new(status).strong());
        if self.timer_entry_ui(ui, session, now) {
            return;
        }
        let set = Command::Room(RoomCommand::SetTimer);
        if ui
            .add(egui::Button::new("Set timer…").shortcut_text(set.shortcut_text(ui.ctx())))
            .on_hover_text(set.explanation())
            .clicked()
        {
            self.timer_entry = Some(TimerEntry::default());
        }
        if self.timer.is_set() {
            let pause = Command::Room(RoomCommand::PauseTimer);
            let words = if self.timer.is_paused() { "Resume" } else { "Pause" };
            if ui
                .add(egui::Button::new(words).shortcut_text(pause.shortcut_text(ui.ctx())))
                .on_hover_text(pause.explanation())
                .clicked()
            {
                self.timer.toggle_pause(now);
            }
            let more = Command::Room(RoomCommand::AddMinute);
            if ui
                .add(egui::Button::new("+1 min").shortcut_text(more.shortcut_text(ui.ctx())))
                .on_hover_text(more.explanation())
                .clicked()
            {
                self.timer.add_minute(now);
            }
            if ui.button("Clear timer").on_hover_text("Take the timer off the projection.").clicked() {
                self.timer.stop();
            }
        }
    }
}

/// A button for a command that is on or off, with its key beside it.
fn command_toggle(ui: &mut Ui, command: Command, words: &str, on: bool, intents: &mut Intents) {
    let button = egui::Button::selectable(on, words).shortcut_text(command.shortcut_text(ui.ctx()));
    if ui.add(button).on_hover_text(command.explanation()).clicked() {
        intents.push(Intent::Command(command));
    }
}
