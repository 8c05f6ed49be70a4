//! The app: owns the open document and everything around it, runs commands, autosaves.
//!
//! Split by concern, as rerun splits its viewer's app: this file holds the app, its start and
//! the frame; [`files`] opens, saves and closes workshops; [`dispatch`] runs commands and acts
//! on intents; [`export`] writes exports and asks for paths; [`room`] runs the scribe, the
//! projector and presentation mode; [`joining`] serves the phones; [`menus`] draws the menus.

mod announce;
mod dispatch;
mod export;
mod files;
mod joining;
mod menus;
mod room;

use super::accessibility::{Announcer, ListValues, PanelWidth, mark_tab, name_window};
use super::agenda::{agenda_ui, current_step_bar_ui};
use super::commands::Command;
use super::export_job::{ExportJob, Written};
use super::file_opener::{FileOpener, SystemOpener};
use super::file_picker::FilePicker;
use super::intents::{Intent, Intents};
use super::join_panel::{JoinAction, JoinConsole, join_panel_ui};
use super::map::{NeedsMapState, needs_map_ui};
use super::notes_view::{NoteDraft, notes_ui};
use super::plan_view::plan_ui;
use super::preferences::{self, ConsoleTheme, Preferences};
use super::room::{Clock, ProjectedCanvas, RoomState, SharedFeed, shortcuts_sheet_ui};
use super::start_screen::start_screen_ui;
use super::theme;
use super::vote::{VoteConsole, vote_panel_ui};
use super::wheel::{WheelView, wheel_ui};
use super::workshop_panel::{PanelDrafts, workshop_panel_ui};
use crate::document::Document;
use crate::model::VoteScope;
use crate::store::{DataDir, RecentFiles, RecoveryJournal, UnclosedSession};
use egui::{Rect, RichText, Ui};
use export::PathPrompt;
use std::path::PathBuf;
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
    /// What an export that worked wrote, which the banner offers to open.
    written: Option<Written>,
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
    /// Opens exported files (the computer's programs; tests pass one that records instead).
    file_opener: Box<dyn FileOpener>,
    tab: WorkspaceTab,
    panel_drafts: PanelDrafts,
    note_draft: NoteDraft,
    wheel: WheelView,
    /// Whether the workshop details panel is showing beside the tabs.
    details_shown: bool,
    /// The panel on the left (the details, or the dot voting that takes its place) and the join
    /// panel on the right, so their dividers move from the keyboard as the canvases' side panels do.
    left_panel: PanelWidth,
    join_panel: PanelWidth,
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
    /// The person chose to go on viewing a workshop another copy of the app has open.
    viewing_read_only: bool,
    /// The export being made in the background, if one is.
    export_job: Option<ExportJob>,
    /// Asks for a frame from other threads (an export that has finished).
    repaint: egui::Context,
    /// What is remembered between runs (the console theme and the folder last used; the
    /// projector's look is `room.look`).
    preferences: Preferences,
    /// What screen readers are told happened (a note added, an export finished, a vote closed,
    /// the agenda moved on).
    announcer: Announcer,
    /// Letters typed in the same frame as a key that opens a box, kept for that box.
    typed_ahead: Option<TypedAhead>,
}

/// Text typed after the key of a command that opens a box, before the box could take it.
struct TypedAhead {
    text: String,
    /// The frame the box's command came in: the text is kept for a few frames only, so it never
    /// lands in a box opened later by something else.
    frame: u64,
    /// When the command came, for the same reason on a computer drawing quickly.
    since: std::time::Instant,
}

/// How long typed-ahead text waits for its box to take the keyboard: at least this many frames
/// and this long, whichever ends later (a busy computer draws few frames a second).
const TYPED_AHEAD_FRAMES: u64 = 5;
const TYPED_AHEAD_WAIT: std::time::Duration = std::time::Duration::from_millis(600);

impl CommonGroundApp {
    /// Start the app: look for sessions a crash left open, and open `config.file_to_open`.
    pub fn new(ctx: &egui::Context, config: AppConfig) -> Self {
        theme::apply(ctx);
        ctx.add_plugin(ListValues);
        // The script and emoji fonts behind egui's own, so no one's words show as boxes.
        ctx.set_fonts(crate::fonts::font_definitions());
        let journal = RecoveryJournal::new(config.data_dir.clone());
        // Housekeeping at start: one recovery offer per workshop, and no half-written files left
        // by saves a crash interrupted (tidying is best effort: it never stops the app starting).
        let _ = journal.tidy();
        for folder in [config.data_dir.root().to_owned(), config.data_dir.workshops_dir()] {
            crate::store::remove_leftovers_in_folder(&folder);
        }
        let mut app = Self {
            recent: RecentFiles::load(&config.data_dir),
            unclosed: journal.unclosed(),
            journal,
            document: None,
            notice: None,
            path_prompt: None,
            file_picker: config.file_picker,
            file_opener: Box::new(SystemOpener),
            tab: WorkspaceTab::Wheel,
            panel_drafts: PanelDrafts::default(),
            note_draft: NoteDraft::default(),
            wheel: WheelView::default(),
            details_shown: true,
            left_panel: PanelWidth::default(),
            join_panel: PanelWidth::default(),
            needs_map: NeedsMapState::default(),
            votes: VoteConsole::default(),
            join: JoinConsole::default(),
            shown_title: String::new(),
            room: RoomState::default(),
            projected_canvas: ProjectedCanvas::default(),
            projector_feed: SharedFeed::default(),
            viewing_read_only: false,
            export_job: None,
            repaint: ctx.clone(),
            preferences: Preferences::default(),
            announcer: Announcer::default(),
            typed_ahead: None,
        };
        if let Some(path) = config.file_to_open {
            app.open_path(&path);
        }
        app
    }

    /// Takes up what an earlier run remembered: the console theme, the projector's look and the
    /// folder the file chooser starts in.
    pub fn restore_preferences(&mut self, ctx: &egui::Context, preferences: Preferences) {
        ctx.set_theme(preferences.console_theme.to_egui());
        self.room.look = preferences.projector_look();
        self.file_picker.start_in(preferences.last_folder.as_deref());
        self.preferences = preferences;
    }

    /// Takes up the preferences eframe kept in `storage`, if any.
    pub fn restore_from_storage(&mut self, ctx: &egui::Context, storage: Option<&dyn eframe::Storage>) {
        if let Some(preferences) = storage.and_then(|storage| eframe::get_value(storage, preferences::STORAGE_KEY)) {
            self.restore_preferences(ctx, preferences);
        }
    }

    /// What would be remembered if the app closed now.
    pub fn preferences(&self) -> Preferences {
        let mut preferences = self.preferences.clone();
        preferences.remember_projector_look(self.room.look);
        preferences
    }

    /// Remembers the folder of a file or folder the person chose, and starts the next dialog
    /// there.
    fn remember_folder_of(&mut self, picked: &std::path::Path) {
        if let Some(folder) = super::file_picker::folder_of(picked) {
            self.file_picker.start_in(Some(&folder));
            self.preferences.last_folder = Some(folder);
        }
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

    /// What screen readers were last told happened (empty until something was announced).
    pub fn latest_announcement(&self) -> &str {
        self.announcer.latest()
    }

    /// The main window's name for screen readers: "Common Ground — " and the workshop's title.
    fn accessible_window_name(&self) -> String {
        match &self.document {
            None => "Common Ground".to_owned(),
            Some(document) => format!(
                "Common Ground — {}",
                crate::ui::platform_text::window_title_text(document.session().display_title())
            ),
        }
    }

    /// The room: projection, timer, scribe.
    pub fn room(&self) -> &RoomState {
        &self.room
    }

    /// Take the time from `clock` (tests pass a manual clock to move the timer on by hand).
    pub fn set_clock(&mut self, clock: Box<dyn Clock>) {
        self.room.set_clock(clock);
    }

    /// Open exported files with `opener` (tests pass one that records what it was asked).
    pub fn set_file_opener(&mut self, opener: Box<dyn FileOpener>) {
        self.file_opener = opener;
    }

    /// Sessions a crash left open that the start screen offers to recover.
    pub fn recoverable(&self) -> &[UnclosedSession] {
        &self.unclosed
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), is_error: false, written: None });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), is_error: true, written: None });
    }
}

impl eframe::App for CommonGroundApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        theme::clear_colour(visuals)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, preferences::STORAGE_KEY, &self.preferences());
    }

    /// egui's own memory (panel sizes, scroll places, text being typed) is not kept: only the
    /// preferences and the window's size and place are, never anything of the workshop.
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The close button already saved; this catches other ways out (the OS ending the app).
        if let Some(document) = &mut self.document {
            let _ = document.close();
        }
    }
}

impl CommonGroundApp {
    /// Gives the letters typed right after a key that opens a box (A, N, T, S…) to that box once
    /// its field has the keyboard: on a busy computer they arrive in the key's own frame, before
    /// the box exists, and were lost ("Volunteer drivers" saved as "eer drivers").
    ///
    /// Until the box has the keyboard, what is typed is kept for it rather than taken as the
    /// one-key commands its letters are (the "o" of "Volunteer" would open another note box).
    fn hand_typed_ahead_to_box(&mut self, ctx: &egui::Context) {
        let Some(typed) = &mut self.typed_ahead else { return };
        if ctx.text_edit_focused() {
            let text = std::mem::take(&mut typed.text);
            self.typed_ahead = None;
            if !text.is_empty() {
                // First in the frame, so anything typed since lands after it.
                ctx.input_mut(|input| input.events.insert(0, egui::Event::Text(text)));
            }
        } else if ctx.cumulative_frame_nr() > typed.frame + TYPED_AHEAD_FRAMES
            && typed.since.elapsed() > TYPED_AHEAD_WAIT
        {
            self.typed_ahead = None;
        } else {
            ctx.input_mut(|input| {
                input.events.retain(|event| match event {
                    egui::Event::Text(text) => {
                        typed.text.push_str(text);
                        false
                    }
                    _ => true,
                });
            });
        }
    }

    /// Draw one frame of the whole app into `ui` and act on what the person did: what eframe
    /// calls every frame. Public so the benchmarks can run the real UI on a headless
    /// [`egui::Context`].
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        self.preferences.console_theme = ConsoleTheme::from_egui(ctx.options(|options| options.theme_preference));

        self.hand_typed_ahead_to_box(&ctx);
        let mut intents = Intents::default();
        if self.path_prompt.is_none()
            && let Some(pressed) = {
                // A text box, an open drop-down, or a canvas's own note box or list has the plain keys.
                let typing = ctx.text_edit_focused()
                    || self.typed_ahead.is_some()
                    || ctx.any_popup_open()
                    || !self.wheel.takes_keys()
                    || (self.tab == WorkspaceTab::NeedsMap && !self.needs_map.takes_keys());
                ctx.input_mut(|input| {
                    Command::from_shortcuts_keeping_typed(input, typing, |command| self.command_available(command))
                })
            }
        {
            if pressed.command.opens_text_box() {
                self.typed_ahead = Some(TypedAhead {
                    text: pressed.typed_after,
                    frame: ctx.cumulative_frame_nr(),
                    since: std::time::Instant::now(),
                });
            }
            intents.push(Intent::Command(pressed.command));
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
        self.file_hold_dialog(&ctx);

        if !intents.0.is_empty() {
            // What was drawn this frame is from before these changes; show the result at once.
            ctx.request_repaint();
        }
        self.apply(intents);
        self.autosave(&ctx);
        let exporting = self.is_exporting();
        self.poll_export(&ctx);
        if exporting && !self.is_exporting() {
            // The export's own words ("Exported … to …" or why not), said as well as shown.
            let said = self.notice_text().unwrap_or("The export finished.").to_owned();
            self.announcer.announce(said);
        }
        self.announcer.show(&ctx);
        name_window(&ctx, &self.accessible_window_name());
        // The room's prompt follows what was chosen this frame, not where Tab passed.
        ctx.input(|input| self.wheel.settle_room_prompt(input));

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
        let top_frame = theme::window_panel_frame(ui.ctx(), egui::Frame::side_top_panel(ui.style()));
        if self.document.is_some() || self.notice.is_some() {
            egui::Panel::top("menu bar").frame(top_frame).show(ui, |ui| {
                if self.document.is_some() {
                    self.menu_bar_ui(ui, intents);
                }
                self.notice_ui(ui, intents);
            });
        }
        if let Some(document) = &self.document {
            let session = document.session();
            egui::Panel::top("room bar").frame(top_frame).show(ui, |ui| self.room.room_bar_ui(ui, session, intents));
            self.scribe_panel_ui(ui, intents);
            let join_actions = self.workspace_ui(ui, intents);
            self.run_join_actions(join_actions);
        } else {
            let workshops_dir = self.journal.data_dir().workshops_dir();
            let frame = theme::window_panel_frame(ui.ctx(), egui::Frame::central_panel(ui.style()));
            egui::CentralPanel::default().frame(frame).show(ui, |ui| {
                start_screen_ui(ui, &self.unclosed, &self.recent, &workshops_dir, intents);
            });
        }
    }

    /// The workspace: the side panels, the tabs and the view of the tab showing.
    fn workspace_ui(&mut self, ui: &mut Ui, intents: &mut Intents) -> Vec<JoinAction> {
        let mut join_actions = Vec::new();
        let Some(document) = &self.document else { return join_actions };
        let session = document.session();
        if self.votes.shown {
            let selected_prompt = self.wheel.selected(session).map(|prompt| prompt.key.clone());
            let panel = egui::Panel::left("dot voting panel").resizable(true).default_size(380.0).min_size(300.0);
            let shown = self.left_panel.apply(panel, egui::Rangef::new(300.0, f32::INFINITY)).show(ui, |ui| {
                vote_panel_ui(
                    ui,
                    session,
                    &mut self.votes,
                    selected_prompt.as_deref(),
                    OffsetDateTime::now_utc(),
                    intents,
                )
            });
            self.left_panel.shown(&shown.response);
            let opened = shown.inner;
            // A vote just opened: show the canvas its notes are on.
            match opened {
                Some(VoteScope::Map) => self.tab = WorkspaceTab::NeedsMap,
                Some(_) => self.tab = WorkspaceTab::Wheel,
                None => {}
            }
        } else if self.details_shown {
            let panel = egui::Panel::left("workshop panel").resizable(true).default_size(400.0).min_size(300.0);
            let shown = self.left_panel.apply(panel, egui::Rangef::new(300.0, f32::INFINITY)).show(ui, |ui| {
                workshop_panel_ui(ui, session, &mut self.panel_drafts, intents);
            });
            self.left_panel.shown(&shown.response);
        } else {
            self.left_panel.hidden();
        }
        if self.join.shown {
            let focus = self.room_focus(session);
            let panel = egui::Panel::right("join panel").resizable(true).default_size(380.0).min_size(320.0);
            let shown = self
                .join_panel
                .apply(panel, egui::Rangef::new(320.0, f32::INFINITY))
                .show(ui, |ui| join_panel_ui(ui, &mut self.join, session, focus));
            self.join_panel.shown(&shown.response);
            join_actions = shown.inner;
        } else {
            self.join_panel.hidden();
        }
        // The map and the wheel paint their own background over their whole canvas, so the
        // panel's fill is painted round the canvas, not beneath it: on a software renderer (no
        // graphics card) that was a million pixels a frame shaded twice.
        let panel_frame = egui::Frame::central_panel(ui.style());
        let panel_fill = panel_frame.fill;
        egui::CentralPanel::default().frame(panel_frame.fill(egui::Color32::TRANSPARENT)).show(ui, |ui| {
            let fill_at = ui.painter().add(egui::Shape::Noop);
            // What is beneath is still the panel's fill, and egui reads it from here: scroll
            // areas fade their cut edges into it (with no fill named, they did not fade at all).
            let beneath = egui::UiStackInfo::default().with_frame(egui::Frame::NONE.fill(panel_fill));
            let step_bar = ui.scope_builder(egui::UiBuilder::new().ui_stack_info(beneath), |ui| {
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
                    let response = ui.selectable_label(self.tab == tab, text);
                    // Heard as tabs ("Needs map, tab, 2 of 5"), which is what they are.
                    mark_tab(&response, self.tab == tab);
                    if response.clicked() {
                        self.tab = tab;
                    }
                }
            });
            let step_bar = current_step_bar_ui(ui, session, intents);
            let voting = self.votes.on_canvas(session);
            ui.separator();
            match self.tab {
                WorkspaceTab::Wheel => {
                    let revision = document.revision();
                    wheel_ui(ui, session, revision, &mut self.wheel, voting, OffsetDateTime::now_utc(), intents);
                }
                WorkspaceTab::Notes => notes_ui(ui, session, &mut self.note_draft, OffsetDateTime::now_utc(), intents),
                WorkspaceTab::NeedsMap => {
                    let revision = document.revision();
                    needs_map_ui(ui, session, revision, &mut self.needs_map, voting, OffsetDateTime::now_utc(), intents);
                }
                WorkspaceTab::ActionPlan => plan_ui(ui, session, &mut self.panel_drafts.dates, intents),
                WorkspaceTab::Agenda => agenda_ui(ui, session, intents),
            }
            if self.tab != WorkspaceTab::Wheel {
                // Its kept tiles are not drawn while another tab is shown.
                self.wheel.release_kept_tiles();
            }
            step_bar
            }).inner;
            if theme::cleared_to_panel_fill(ui.ctx()) {
                // The window is already the panels' colour.
                return;
            }
            let panel = ui.clip_rect();
            // A pixel under the canvas's edges, so no seam shows between the fill and the map.
            let canvas = match self.tab {
                WorkspaceTab::NeedsMap => Some(self.needs_map.painted_canvas().shrink(1.0)),
                WorkspaceTab::Wheel => self.wheel.painted_canvas().map(|canvas| canvas.shrink(1.0)),
                _ => None,
            };
            // Nor beneath the bar of the agenda's step, which paints its own.
            let fills = [canvas.unwrap_or(Rect::NOTHING), step_bar]
                .into_iter()
                .fold(vec![panel], |parts, hole| parts.into_iter().flat_map(|part| around(part, hole)).collect());
            ui.painter().set(fill_at, egui::Shape::Vec(fills.into_iter().map(|part| egui::Shape::rect_filled(part, 0.0, panel_fill)).collect()));
        });
        join_actions
    }
}

/// `region` less `hole`: up to four rectangles (above, below, left and right of the hole) that,
/// with the hole, tile the region without overlapping it.
fn around(region: Rect, hole: Rect) -> Vec<Rect> {
    let hole = hole.intersect(region);
    if !hole.is_positive() {
        return vec![region];
    }
    let parts = [
        Rect::from_min_max(region.min, egui::pos2(region.max.x, hole.min.y)),
        Rect::from_min_max(egui::pos2(region.min.x, hole.max.y), region.max),
        Rect::from_min_max(egui::pos2(region.min.x, hole.min.y), egui::pos2(hole.min.x, hole.max.y)),
        Rect::from_min_max(egui::pos2(hole.max.x, hole.min.y), egui::pos2(region.max.x, hole.max.y)),
    ];
    parts.into_iter().filter(Rect::is_positive).collect()
}

#[cfg(test)]
mod tests {
    use super::around;
    use egui::{Rect, pos2};

    fn area(rects: &[Rect]) -> f32 {
        rects.iter().map(Rect::area).sum()
    }

    #[test]
    fn the_parts_round_a_hole_tile_the_region_without_covering_the_hole() {
        let region = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 80.0));
        let hole = Rect::from_min_max(pos2(10.0, 20.0), pos2(70.0, 60.0));
        let parts = around(region, hole);
        assert_eq!(parts.len(), 4);
        assert!((area(&parts) + hole.area() - region.area()).abs() < 1e-3);
        assert!(parts.iter().all(|part| !part.intersects(hole.shrink(0.01)) && region.contains_rect(*part)));
        // A hole reaching an edge leaves fewer parts; one outside the region leaves it whole.
        let to_the_edge = Rect::from_min_max(pos2(10.0, 20.0), pos2(100.0, 80.0));
        assert_eq!(around(region, to_the_edge).len(), 2);
        assert_eq!(around(region, Rect::from_min_max(pos2(200.0, 0.0), pos2(300.0, 10.0))), vec![region]);
        assert_eq!(around(region, Rect::NOTHING), vec![region]);
    }
}
