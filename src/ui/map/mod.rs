//! The needs map (Figure 5 of the guide): needs on one arc, sources of help on the other, links
//! between them, and the answer to the map's question beside it.
//!
//! Like every view, it draws from a borrowed session and hands back edits; what it keeps itself
//! ([`NeedsMapState`]) is only how the map is being looked at: zoom, selection, a note being
//! written, a drag in progress.

/// The map's answer, need by need, lives in the model; the map's views read it from there.
pub(crate) use crate::model::answer;
mod canvas;
mod dialogs;
mod draft;
pub mod gpu_links;
mod look;
mod panel;
pub(crate) mod style;

use super::groups::{GroupDialog, group_dialog_ui};
use super::intents::Intents;
use super::room::{CanvasMode, ProjectorLook};
use super::vote::VoteOnCanvas;
use crate::guide::map::needs_map;
use crate::model::{GroupId, LinkId, MapArc, NoteId, OrganisationId, Session};
use crate::ui::commands::{Command, MapCommand};
use crate::ui::intents::Intent;
use crate::ui::viewport::Viewport;
use egui::{RichText, Ui};
use time::OffsetDateTime;

use crate::canvas::map::paint::MapSelection as Selection;

/// A note being written on the map, not yet added.
#[derive(Clone, Debug, PartialEq)]
struct MapNoteDraft {
    arc: MapArc,
    along: f32,
    text: String,
    organisation: Option<OrganisationId>,
    author: String,
    focus_requested: bool,
}

/// A drag on the map in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
enum MapDrag {
    /// A note sliding along its arc; `grab` is how far along the arc the pointer was from the
    /// note's spot when the drag began, so the note does not jump to the pointer.
    Move { id: NoteId, grab: f32 },
    /// A link being drawn out of a note's dot.
    Link { from: NoteId },
    /// A group sliding along its arc by its heading; `grab` as for a note, from its first note.
    Group { id: GroupId, grab: f32 },
}

/// Where the keyboard goes after an action on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FocusTarget {
    /// A note's card.
    Note(NoteId),
    /// The map itself, where N or H starts another note.
    Canvas,
}

/// How the map is being looked at; none of it is saved in the workshop.
#[derive(Debug)]
pub struct NeedsMapState {
    viewport: Viewport,
    /// How wide the arcs are drawn, in map units; chosen to suit the screen while the map
    /// follows "Fit to screen", then kept still so a panned or zoomed map does not reflow.
    arc_width: f32,
    /// Whether the map keeps fitting itself to the screen; it stops once the person pans or
    /// zooms, and starts again with "Fit to screen".
    follow_fit: bool,
    selection: Option<Selection>,
    draft: Option<MapNoteDraft>,
    drag: Option<MapDrag>,
    /// Whether the "Link to…" list is open for the selected note.
    choosing_link: bool,
    about_open: bool,
    show_answers: bool,
    /// Focus the selected note's text field on the next frame (after a double-click).
    focus_note_text: bool,
    /// The facilitator's own tag being typed for the selected need.
    tag_draft: String,
    /// The organisation and author of the last note written, offered for the next one, since
    /// people usually add several notes for one organisation in a row.
    last_organisation: Option<OrganisationId>,
    last_author: String,
    /// Where the canvas was last drawn, for zooming about its centre from the keyboard.
    last_canvas: egui::Rect,
    /// A zoom asked for from outside the canvas, applied on the next frame.
    requested_zoom: Option<f32>,
    /// The map laid out, kept until the session changes.
    scene_cache: crate::canvas::map::scene::SceneCache,
    /// The links tessellated, kept until the map, the zoom or the selection changes.
    link_meshes: crate::canvas::map::mesh::LinkMeshes,
    /// The links tessellated coarse, drawn zoomed far out while the kept tiles are made (see
    /// [`crate::canvas::map::mesh::KeptMeshTarget::EguiCoarse`]): kept apart from the full ones
    /// the tiles are painted from, so that neither is made again every frame.
    stand_in_link_meshes: crate::canvas::map::mesh::LinkMeshes,
    /// The map's unchanging layers kept as tiles of pixels, where the map is kept so.
    kept_tiles: crate::ui::kept_tiles::KeptTiles,
    /// The height of each need's answer in the panel when last shown, and the panel width they
    /// were measured at, so needs out of view can be passed over without laying them out.
    answer_heights: (f32, std::collections::HashMap<NoteId, f32>),
    /// The answers in the panel and their summary, worked out for one revision of the session.
    answers: Option<(u64, Vec<answer::AnswerAt>, String)>,
    /// Who is casting dots and which vote's totals the notes show: what the console last drew
    /// with (given to [`needs_map_ui`] each frame), which the projection of this map shows too.
    voting: VoteOnCanvas,
    /// The "Group with…" box, while it is open.
    pub group_dialog: Option<GroupDialog>,
    /// Whether this state draws the console or the projection (see [`needs_map_projection_ui`]).
    mode: CanvasMode,
    /// Whether the "Move to…" list of stages is open for the selected note.
    choosing_stage: bool,
    /// Where the keyboard is to go, and for how many more frames to ask (see
    /// [`NeedsMapState::focus_after`]).
    focus_pending: Option<(FocusTarget, u8)>,
    /// The answer panel's width, which the keyboard can change.
    pub answers_panel: crate::ui::accessibility::PanelWidth,
    /// The projection's own fit of the map: its window has another size.
    projected_viewport: Viewport,
    /// The projection's layout of the map (its window has another size and look), kept until
    /// the session changes, as the console's is.
    projected_scene_cache: crate::canvas::map::scene::SceneCache,
    /// The projection's links tessellated, kept as the console's are.
    projected_link_meshes: crate::canvas::map::mesh::LinkMeshes,
}

impl Default for NeedsMapState {
    fn default() -> Self {
        Self {
            viewport: Viewport::default(),
            arc_width: crate::canvas::map::geometry::ARC_WIDTH,
            follow_fit: true,
            selection: None,
            draft: None,
            drag: None,
            choosing_link: false,
            about_open: false,
            show_answers: true,
            focus_note_text: false,
            tag_draft: String::new(),
            last_organisation: None,
            last_author: String::new(),
            last_canvas: egui::Rect::ZERO,
            requested_zoom: None,
            scene_cache: crate::canvas::map::scene::SceneCache::default(),
            link_meshes: crate::canvas::map::mesh::LinkMeshes::default(),
            stand_in_link_meshes: crate::canvas::map::mesh::LinkMeshes::default(),
            kept_tiles: crate::ui::kept_tiles::KeptTiles::new("needs map"),
            answer_heights: (0.0, std::collections::HashMap::new()),
            answers: None,
            voting: VoteOnCanvas::default(),
            group_dialog: None,
            mode: CanvasMode::Console,
            choosing_stage: false,
            focus_pending: None,
            answers_panel: crate::ui::accessibility::PanelWidth::default(),
            projected_viewport: Viewport::default(),
            projected_scene_cache: crate::canvas::map::scene::SceneCache::default(),
            projected_link_meshes: crate::canvas::map::mesh::LinkMeshes::default(),
        }
    }
}

impl NeedsMapState {
    fn start_draft(&mut self, session: &Session, arc: MapArc, along: Option<f32>) {
        let along = along.unwrap_or_else(|| crate::canvas::map::free_spot_on(session, arc));
        let organisation = self.last_organisation.filter(|id| session.organisation(*id).is_some());
        self.draft = Some(MapNoteDraft {
            arc,
            along,
            text: String::new(),
            organisation,
            author: self.last_author.clone(),
            focus_requested: false,
        });
        self.selection = None;
    }

    /// Sends the keyboard to `target` once the frame's lists have closed. Asked for a few frames:
    /// while a modal list ("Link to…", "Move to…") closes, egui keeps the canvas from taking the
    /// keyboard for a frame and drops a focus given to it then; a new card appears a frame late.
    fn focus_after(&mut self, target: FocusTarget) {
        self.focus_pending = Some((target, 4));
    }

    /// Asks once more for the keyboard for what [`Self::focus_after`] chose. `ui` is the map's
    /// own, whose ids the canvas's widgets are made from.
    fn keep_focus_request(&mut self, ui: &Ui) {
        let Some((target, frames)) = self.focus_pending.take() else { return };
        let id = match target {
            FocusTarget::Note(note) => ui.scope_id().with("needs map").with(("note", note)),
            FocusTarget::Canvas => ui.scope_id().with("needs map canvas"),
        };
        ui.memory_mut(|memory| memory.request_focus(id));
        if frames > 1 {
            self.focus_pending = Some((target, frames - 1));
            ui.ctx().request_repaint();
        }
    }

    /// The selection, if what it names is still in the session (an undo may have removed it).
    fn live_selection(&self, session: &Session) -> Option<Selection> {
        self.selection.filter(|selection| match selection {
            Selection::Note(id) => session.note(*id).is_some_and(|note| note.placement.map_arc().is_some()),
            Selection::Link(id) => session.link(*id).is_some(),
        })
    }

    /// The note selected on the map, if any.
    pub fn selected_note(&self, session: &Session) -> Option<NoteId> {
        match self.live_selection(session) {
            Some(Selection::Note(id)) => Some(id),
            _ => None,
        }
    }

    /// Select a note, with the panel showing it.
    pub fn show_note(&mut self, id: NoteId) {
        self.selection = Some(Selection::Note(id));
        self.show_answers = true;
    }

    /// Select a link, with the panel showing it.
    pub fn show_link(&mut self, id: LinkId) {
        self.selection = Some(Selection::Link(id));
        self.show_answers = true;
    }

    /// Run one of the map's commands (from its toolbar, a menu or a key).
    pub fn run(&mut self, command: MapCommand, session: &Session, intents: &mut Intents) {
        match command {
            MapCommand::AddNeed => self.start_draft(session, MapArc::Need, None),
            MapCommand::AddHelp => self.start_draft(session, MapArc::Help, None),
            MapCommand::LinkSelected => {
                self.choosing_link = matches!(self.live_selection(session), Some(Selection::Note(_)));
            }
            MapCommand::MoveSelected => {
                self.choosing_stage = matches!(self.live_selection(session), Some(Selection::Note(_)));
            }
            MapCommand::DeleteSelected => {
                // What had the keyboard may be gone: a deleted note's place goes to the map
                // itself, a deleted link's to the need it joined.
                match self.live_selection(session) {
                    Some(Selection::Note(id)) => {
                        intents.edit(crate::model::Edit::DeleteNote(id));
                        self.focus_after(FocusTarget::Canvas);
                    }
                    Some(Selection::Link(id)) => {
                        intents.edit(crate::model::Edit::RemoveLink(id));
                        if let Some(link) = session.link(id) {
                            self.focus_after(FocusTarget::Note(link.need));
                        }
                    }
                    None => {}
                }
            }
            MapCommand::FitToScreen => self.follow_fit = true,
            MapCommand::ZoomIn | MapCommand::ZoomOut => {
                let factor = if command == MapCommand::ZoomIn { 1.25 } else { 0.8 };
                self.viewport.zoom_about(self.last_canvas.center(), factor);
                self.follow_fit = false;
            }
            MapCommand::ClearSelection => {
                self.selection = None;
                self.draft = None;
            }
        }
    }

    /// Where the map's canvas was drawn: it paints its own background over all of it.
    pub fn painted_canvas(&self) -> egui::Rect {
        self.last_canvas
    }

    /// Fit the map to the screen (`None`), or show it at `zoom` centred on the middle between
    /// the arcs, on the next frame.
    pub fn zoom_to(&mut self, zoom: Option<f32>) {
        self.follow_fit = true;
        self.requested_zoom = zoom;
    }

    /// Whether the map's single-key commands should act: not while one of its own boxes (a new
    /// note, the link list, "About") is open, since those take the keys themselves.
    pub fn takes_keys(&self) -> bool {
        !(self.choosing_link || self.choosing_stage || self.about_open || self.draft.is_some())
    }

    /// The arc the scribe's notes go to: the selected note's arc, else the need arc.
    pub fn target_arc(&self, session: &Session) -> MapArc {
        match self.live_selection(session) {
            Some(Selection::Note(id)) => session.note(id).and_then(|note| note.placement.map_arc()),
            _ => None,
        }
        .unwrap_or(MapArc::Need)
    }

    /// Show what `console` has selected (for the projector's own view, which keeps its own fit).
    pub fn follow(&mut self, console: &NeedsMapState) {
        self.selection = console.selection;
    }

    /// Select a note (one the scribe just added, say), so the panel and the keys act on it.
    pub fn select_note(&mut self, id: NoteId) {
        self.selection = Some(Selection::Note(id));
    }

    /// Whether `command` can run now, for greying out its button.
    pub fn can_run(&self, command: MapCommand, session: &Session) -> bool {
        match command {
            MapCommand::LinkSelected | MapCommand::MoveSelected => {
                matches!(self.live_selection(session), Some(Selection::Note(_)))
            }
            MapCommand::DeleteSelected | MapCommand::ClearSelection => self.live_selection(session).is_some(),
            _ => true,
        }
    }
}

/// The key to the link line styles, drawn with the same strokes as the map.
fn legend_ui(ui: &mut Ui) {
    for kind in crate::model::LinkKind::ALL {
        style::link_sample_ui(ui, kind, 52.0);
        ui.label(kind.label());
        ui.add_space(10.0);
    }
}

/// Draw the needs map for `session`: the focus question, the toolbar, the answer panel and the
/// canvas, with `voting`'s dots. `revision` changes whenever the session does (see
/// [`Document::revision`](crate::document::Document::revision)), so the map's layout is kept
/// until then. Changes come back through `intents`.
pub fn needs_map_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    state: &mut NeedsMapState,
    voting: VoteOnCanvas,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    state.voting = voting;
    let content = needs_map();
    ui.label(RichText::new(&content.focus_question).size(24.0).strong());
    ui.horizontal_wrapped(|ui| {
        for command in Command::ALL {
            let Command::Map(map_command) = command else { continue };
            if map_command == MapCommand::ClearSelection {
                continue;
            }
            let button = egui::Button::new(command.label()).shortcut_text(command.shortcut_text(ui.ctx()));
            let response = ui
                .add_enabled(state.can_run(map_command, session), button)
                .on_hover_text(command.explanation())
                .on_disabled_hover_text(command.explanation());
            if response.clicked() {
                intents.push(Intent::Command(command));
            }
        }
        let answers_label = if state.show_answers { "Hide answers" } else { "Show answers" };
        if ui.selectable_label(state.show_answers, answers_label).clicked() {
            state.show_answers = !state.show_answers;
        }
    });

    if state.show_answers {
        let range = egui::Rangef::new(260.0, 520.0);
        let answers = egui::Panel::right("needs map answers")
            .frame(crate::ui::theme::nested_panel_frame(ui.style()))
            .resizable(true)
            .default_size(350.0)
            .size_range(range);
        let answers = state.answers_panel.apply(answers, range);
        let shown = answers.show(ui, |ui| {
            panel::side_panel_ui(ui, session, revision, state, now, intents);
        });
        state.answers_panel.shown(&shown.response);
    }
    egui::Panel::bottom("needs map key").frame(crate::ui::theme::nested_panel_frame(ui.style())).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            legend_ui(ui);
            ui.add_space(16.0);
            // The guide's caveat, always in view: its first sentence; the rest is in "About".
            let first_sentence = content.caveat.split_inclusive(". ").next().unwrap_or(&content.caveat);
            ui.label(RichText::new(first_sentence.trim_end()).weak());
            if ui.button("About this map").clicked() {
                state.about_open = true;
            }
        });
    });

    let canvas_rect = ui.available_rect_before_wrap();
    state.last_canvas = canvas_rect;
    canvas::canvas_ui(ui, session, revision, state, canvas_rect, now, intents);
    dialogs::link_chooser_ui(ui.ctx(), session, state, intents);
    dialogs::stage_chooser_ui(ui.ctx(), session, state, intents);
    dialogs::about_ui(ui.ctx(), state);
    group_dialog_ui(ui.ctx(), session, &mut state.group_dialog, intents);
    if !state.choosing_link && !state.choosing_stage {
        state.keep_focus_request(ui);
    }
}

/// Draw the map for the projection: the whole map fitted to `ui`, read-only, with the console's
/// selection, hidden notes as blank cards. `revision` is the session's (see [`needs_map_ui`]), so
/// the projection's layout is kept between frames too.
pub fn needs_map_projection_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    state: &mut NeedsMapState,
    look: ProjectorLook,
    voting: VoteOnCanvas,
) {
    state.voting = voting;
    let rect = ui.available_rect_before_wrap();
    let mut shown = NeedsMapState {
        viewport: state.projected_viewport,
        scene_cache: std::mem::take(&mut state.projected_scene_cache),
        link_meshes: std::mem::take(&mut state.projected_link_meshes),
        selection: state.live_selection(session),
        mode: CanvasMode::Projected(look),
        // The room sees a closed vote's totals, but nobody casts dots on the projection.
        voting: VoteOnCanvas { casting: None, ..state.voting },
        ..NeedsMapState::default()
    };
    canvas::projected_canvas_ui(ui, session, revision, &mut shown, rect);
    state.projected_viewport = shown.viewport;
    state.projected_scene_cache = shown.scene_cache;
    state.projected_link_meshes = shown.link_meshes;
}
