//! The prompt wheel (Figure 6 of the guide) as an interactive canvas.
//!
//! [`wheel_ui`] draws the whole tab: the canvas (or the focus view of one prompt), and beside it
//! the panel for the selected prompt and note. Like every view it only reads the session and
//! hands back [`Intent`](super::Intent)s; what it keeps itself ([`WheelView`]) is view state that is
//! never saved: which prompt is selected, pan and zoom, the note being written.

mod canvas;
mod composer;
mod focus;
mod move_to;
mod panel;

use super::WheelCommand;
use super::groups::{GroupDialog, group_dialog_ui};
use super::intents::Intents;
use super::room::{CanvasMode, ProjectorLook};
use super::vote::VoteOnCanvas;
use crate::canvas::wheel::geometry::WheelGeometry;
use crate::model::{Edit, Note, NoteId, OrganisationId, Placement, Session, WheelBand, WheelPrompt};
use egui::{Pos2, Ui};
use time::OffsetDateTime;

/// A note being written, before it is on the wheel.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteComposer {
    /// The prompt it will go on.
    pub prompt: String,
    /// Assumption or opportunity.
    pub band: WheelBand,
    /// What it says so far.
    pub text: String,
    /// For which organisation.
    pub organisation: Option<OrganisationId>,
    /// Who said it (blank for anonymous).
    pub author: String,
    /// Where on screen it was asked for, so the box opens there.
    pub near: Option<Pos2>,
    /// Whether the text box still has to take the keyboard focus.
    pub wants_focus: bool,
}

/// What the wheel tab remembers between frames. None of it is saved with the workshop.
#[derive(Debug, Default)]
pub struct WheelView {
    /// The key of the selected prompt (the first prompt when unset or no longer on the wheel).
    pub selected_prompt: Option<String>,
    /// Whether the focus view of the selected prompt is showing instead of the whole wheel.
    pub focus_mode: bool,
    /// Whether the selected prompt's examples and reflections are showing. Hidden at first, so
    /// the room answers before it is prompted.
    pub guide_shown: bool,
    /// The note being written, if any.
    pub composer: Option<NoteComposer>,
    /// A note the keyboard is to go to, and for how many more frames to ask (see
    /// [`WheelView::focus_note`]).
    focus_pending: Option<(NoteId, u8)>,
    /// The side panel's width, which the keyboard can change.
    pub side_panel: crate::ui::accessibility::PanelWidth,
    /// The note selected for editing, if any.
    pub selected_note: Option<NoteId>,
    /// Whether the panel shows the list of prompts for renaming, reordering, adding, removing.
    pub editing_prompts: bool,
    /// A prompt waiting for "yes, remove it and its notes".
    pub confirm_removal: Option<String>,
    /// The organisation and author of the last note written, offered again for the next one.
    last_organisation: Option<OrganisationId>,
    last_author: String,
    canvas: canvas::CanvasState,
    /// Who is casting dots and which vote's totals the notes show: what the console last drew
    /// with (given to [`wheel_ui`] each frame), which the projection of this view shows too.
    voting: VoteOnCanvas,
    /// The "Group with…" box, while it is open.
    pub group_dialog: Option<GroupDialog>,
    /// The projection's own fit of the wheel: its window has another size, but shows the same
    /// selection.
    projected_canvas: canvas::CanvasState,
    /// The note whose "Move to…" list is open.
    moving: Option<NoteId>,
    /// The prompt the room sees: the selection as last chosen (click, Enter, arrows), not as
    /// moved by Tab passing over a note of another prompt.
    room_prompt: Option<String>,
    /// The selection when [`Self::settle_room_prompt`] last looked, to notice a change.
    prompt_seen: Option<String>,
    /// Where the console's canvas was drawn in the last frame of the wheel's tab, if it was: it
    /// paints the panels' colour beneath itself (see [`Self::painted_canvas`]).
    painted_canvas: Option<egui::Rect>,
}

impl WheelView {
    /// Where the console's canvas was drawn in the last frame of the wheel's tab, if it was (not
    /// in the focus view): it paints its own background, the panels' colour, over all of it, so
    /// the panel round it need not paint beneath it.
    pub fn painted_canvas(&self) -> Option<egui::Rect> {
        self.painted_canvas
    }

    /// Lets go of the console wheel's kept tiles (see [`crate::ui::kept_tiles`]), while it is
    /// not shown: some 20 MB of pictures a screenful, made again in a frame or two.
    pub fn release_kept_tiles(&mut self) {
        self.canvas.release_kept_tiles();
    }

    /// The index of the selected prompt on this session's wheel.
    pub fn selected_index(&self, session: &Session) -> usize {
        self.selected_prompt.as_deref().and_then(|key| session.wheel.index_of(key)).unwrap_or(0)
    }

    /// The selected prompt.
    pub fn selected<'s>(&self, session: &'s Session) -> Option<&'s WheelPrompt> {
        session.wheel.prompts.get(self.selected_index(session))
    }

    /// Select a prompt; its examples start hidden again.
    pub fn select(&mut self, session: &Session, index: usize) {
        let Some(prompt) = session.wheel.prompts.get(index) else { return };
        if self.selected_prompt.as_deref() != Some(prompt.key.as_str()) {
            self.guide_shown = false;
        }
        self.selected_prompt = Some(prompt.key.clone());
    }

    /// Start writing a note on the selected prompt.
    pub fn start_note(&mut self, session: &Session, band: WheelBand, near: Option<Pos2>) {
        let Some(prompt) = self.selected(session) else { return };
        self.composer = Some(NoteComposer {
            prompt: prompt.key.clone(),
            band,
            text: String::new(),
            organisation: self.last_organisation.filter(|id| session.organisation(*id).is_some()),
            author: self.last_author.clone(),
            near,
            wants_focus: true,
        });
    }

    /// The id of `note`'s widget on the console: on the wheel, or in the focus view while that
    /// shows. Where the keyboard goes after an action on the note.
    pub(super) fn note_widget_id(&self, note: NoteId) -> egui::Id {
        if self.focus_mode {
            egui::Id::unique(("focus note", note, false))
        } else {
            egui::Id::unique(("wheel note", note, false))
        }
    }

    /// Puts the keyboard on `note`'s widget, so the next key acts on the note and Tab carries on
    /// from it. Asked again for a few frames: the widget may appear only next frame, and while a
    /// modal list ("Move to…") closes, egui still keeps the canvas from taking the keyboard for
    /// a frame and drops a focus given to it then.
    pub(super) fn focus_note(&mut self, ctx: &egui::Context, note: NoteId) {
        self.focus_pending = Some((note, 4));
        self.keep_focus_request(ctx);
    }

    /// Asks once more for the keyboard for the note [`Self::focus_note`] chose, while frames are
    /// left to ask in.
    fn keep_focus_request(&mut self, ctx: &egui::Context) {
        let Some((note, frames)) = self.focus_pending.take() else { return };
        let id = self.note_widget_id(note);
        ctx.memory_mut(|memory| memory.request_focus(id));
        if frames > 1 {
            self.focus_pending = Some((note, frames - 1));
            ctx.request_repaint();
        }
    }

    /// Put the written note on the wheel, if it says anything.
    fn finish_note(&mut self, session: &Session, now: OffsetDateTime, intents: &mut Intents) {
        let Some(composer) = self.composer.take() else { return };
        let text = composer.text.trim();
        if text.is_empty() || session.wheel.prompt(&composer.prompt).is_none() {
            return;
        }
        let mut note = Note::new(text, Placement::Wheel { prompt: composer.prompt, band: composer.band }, now);
        note.organisation = composer.organisation;
        let author = composer.author.trim();
        note.author = (!author.is_empty()).then(|| author.to_owned());
        note.hidden = session.private_writing;
        self.last_organisation = composer.organisation;
        self.last_author = composer.author.trim().to_owned();
        self.selected_note = Some(note.id);
        intents.edit(Edit::InsertNote { index: session.notes.len(), note });
    }

    /// What the view shows, cheaply compared to notice a change made during a frame.
    #[allow(clippy::type_complexity, reason = "a throwaway tuple compared once a frame; a struct would only name it")]
    fn signature(&self) -> (Option<String>, bool, bool, bool, Option<NoteId>, bool, Option<String>, bool) {
        (
            self.selected_prompt.clone(),
            self.focus_mode,
            self.guide_shown,
            self.composer.is_some(),
            self.selected_note,
            self.editing_prompts,
            self.confirm_removal.clone(),
            self.moving.is_some(),
        )
    }

    /// Show a note: choose its prompt, select it, and show the whole wheel.
    pub fn show_note(&mut self, session: &Session, id: NoteId) {
        let Some((prompt, _)) = session.note(id).and_then(|note| note.placement.wheel_spot()) else { return };
        if let Some(index) = session.wheel.index_of(prompt) {
            self.select(session, index);
        }
        self.selected_note = Some(id);
        self.focus_mode = false;
    }

    /// Show what `console` shows: its prompt, focus view and note (for the projector's own view,
    /// which keeps its own fit of the wheel).
    pub fn follow(&mut self, console: &WheelView) {
        self.selected_prompt.clone_from(&console.room_prompt);
        self.focus_mode = console.focus_mode;
        self.selected_note = console.selected_note;
    }

    /// The key of the prompt the room sees on the projection (`None`: the first).
    pub fn room_prompt(&self) -> Option<String> {
        self.room_prompt.clone()
    }

    /// Called once a frame, after everything is drawn: the room's prompt takes the selection when
    /// the facilitator chose (a click, Enter or Space) or the selection changed by anything but
    /// Tab; a note reached with Tab is selected on the console without moving the projection.
    pub fn settle_room_prompt(&mut self, input: &egui::InputState) {
        let tabbed = input.key_pressed(egui::Key::Tab);
        let chose =
            input.pointer.any_click() || input.key_pressed(egui::Key::Enter) || input.key_pressed(egui::Key::Space);
        let changed = self.selected_prompt != self.prompt_seen;
        if chose || (changed && !tabbed) {
            self.room_prompt.clone_from(&self.selected_prompt);
        }
        self.prompt_seen.clone_from(&self.selected_prompt);
    }

    /// Whether the wheel's single-key commands should act: not while its note box or "Move to…"
    /// list is open, since those take the keys themselves.
    pub fn takes_keys(&self) -> bool {
        self.composer.is_none() && self.moving.is_none()
    }

    /// The prompt key and band new notes from the scribe go to: the selected note's band when a
    /// note on the selected prompt is selected, else the inner ring.
    pub fn target(&self, session: &Session) -> Option<(String, WheelBand)> {
        let prompt = self.selected(session)?;
        let band = self
            .selected_note
            .and_then(|id| session.note(id))
            .and_then(|note| note.placement.wheel_spot().filter(|(key, _)| *key == prompt.key).map(|(_, band)| band))
            .unwrap_or(WheelBand::Assumption);
        Some((prompt.key.clone(), band))
    }

    /// Show the whole wheel on the next frame.
    pub fn fit_to_screen(&mut self) {
        self.canvas.viewport = None;
    }

    /// Fit the wheel to the canvas (`None`), or zoom to `zoom` about the canvas's middle on the
    /// next frame.
    pub fn zoom_to(&mut self, zoom: Option<f32>) {
        self.canvas.viewport = None;
        self.canvas.requested_zoom = zoom;
    }

    /// Run one of the wheel's commands (from a shortcut or a menu).
    pub fn run(&mut self, command: WheelCommand, session: &Session, intents: &mut Intents) {
        let count = session.wheel.prompts.len();
        let index = self.selected_index(session);
        match command {
            WheelCommand::NextPrompt => self.select(session, (index + 1) % count.max(1)),
            WheelCommand::PreviousPrompt => self.select(session, (index + count.max(1) - 1) % count.max(1)),
            WheelCommand::AddAssumption => self.start_note(session, WheelBand::Assumption, None),
            WheelCommand::AddOpportunity => self.start_note(session, WheelBand::Opportunity, None),
            WheelCommand::ToggleGuide => self.guide_shown = !self.guide_shown,
            WheelCommand::ToggleFocusView => self.focus_mode = !self.focus_mode,
            WheelCommand::MarkDiscussed => {
                if let Some(prompt) = self.selected(session) {
                    intents.edit(Edit::UpdatePrompt(WheelPrompt { discussed: !prompt.discussed, ..prompt.clone() }));
                }
            }
            WheelCommand::FitToScreen => self.fit_to_screen(),
            WheelCommand::ZoomIn => self.canvas.zoom_by(1.25),
            WheelCommand::ZoomOut => self.canvas.zoom_by(0.8),
            WheelCommand::MoveSelected => {
                self.moving = self
                    .selected_note
                    .filter(|id| session.note(*id).is_some_and(|note| note.placement.wheel_spot().is_some()));
            }
        }
    }
}

/// The narrowest column beside the wheel worth showing the selected prompt's notes in: about 24
/// characters a line at its type size. At 1920×1080 the fitted wheel leaves about 260 points.
const BESIDE_LEAST_WIDTH: f32 = 250.0;
/// How much of the width the fitted wheel needs it keeps when the column takes the least width
/// it is shown at: the wheel may be up to a tenth narrower to make room for the column.
const BESIDE_TRADE: f32 = 0.9;
/// The widest that column grows; past it the wheel's part of the canvas is wider than it needs.
const BESIDE_MOST_WIDTH: f32 = 620.0;

/// Draw the wheel tab: the canvas or focus view, and the side panel; `voting` is who casts dots
/// and which vote's totals the notes show. `revision` changes whenever the session does (see
/// [`Document::revision`](crate::document::Document::revision)), so the wheel's layout is kept
/// until then.
pub fn wheel_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    view: &mut WheelView,
    voting: VoteOnCanvas,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    view.voting = voting;
    view.painted_canvas = None;
    if session.wheel.prompts.is_empty() {
        return;
    }
    let before = view.signature();
    // A note or prompt that an undo took away is no longer selected.
    if view.selected_note.is_some_and(|id| session.note(id).is_none()) {
        view.selected_note = None;
    }
    if let Some(composer) = &view.composer
        && session.wheel.prompt(&composer.prompt).is_none()
    {
        view.composer = None;
    }
    let side_panel = egui::Panel::right("wheel side panel")
        .frame(crate::ui::theme::nested_panel_frame(ui.style()))
        .resizable(true)
        .default_size(460.0)
        .min_size(320.0);
    let side_panel = view.side_panel.apply(side_panel, egui::Rangef::new(320.0, f32::INFINITY));
    let shown = side_panel.show(ui, |ui| {
        panel::side_panel_ui(ui, session, view, now, intents);
    });
    view.side_panel.shown(&shown.response);
    egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
        if view.focus_mode {
            view.release_kept_tiles();
            focus::focus_ui(ui, session, view, CanvasMode::Console, intents);
            return;
        }
        // A wide canvas has room beside the fitted wheel: the selected prompt's notes go there in
        // full, large, as the projection shows them beside its wheel.
        let rect = ui.available_rect_before_wrap();
        let needed = canvas::width_needed(ui, session, view, rect);
        let spare = rect.width() - needed;
        // The column is worth a slightly smaller wheel (at most a tenth narrower), so that whether
        // it shows does not turn on a few points (a message bar above the canvas, a wider panel).
        if rect.width() - BESIDE_LEAST_WIDTH < BESIDE_TRADE * needed {
            canvas::canvas_ui(ui, session, revision, view, now, CanvasMode::Console, intents);
            return;
        }
        let column = spare.clamp(BESIDE_LEAST_WIDTH, BESIDE_MOST_WIDTH);
        let (wheel_rect, notes_rect) = rect.split_left_right_at_x(rect.right() - column);
        ui.scope_builder(egui::UiBuilder::new().max_rect(wheel_rect), |ui| {
            canvas::canvas_ui(ui, session, revision, view, now, CanvasMode::Console, intents);
        });
        ui.scope_builder(egui::UiBuilder::new().max_rect(notes_rect), |ui| {
            focus::beside_wheel_ui(ui, session, view, intents);
        });
    });
    composer::composer_ui(ui.ctx(), session, view, now, intents);
    group_dialog_ui(ui.ctx(), session, &mut view.group_dialog, intents);
    move_to::move_chooser_ui(ui.ctx(), session, view, intents);
    if view.moving.is_none() {
        view.keep_focus_request(ui.ctx());
    }
    if view.signature() != before {
        // The frame was drawn from the old view state (a click lands after the wheel is
        // painted), so draw again at once rather than at the next mouse move.
        ui.ctx().request_repaint();
    }
}

/// Draw the wheel for the projection: the same selection and focus view as the console, fitted to
/// the projection's window, read-only, hidden notes blank. `revision` is the session's (see
/// [`wheel_ui`]).
pub fn wheel_projection_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    view: &mut WheelView,
    look: ProjectorLook,
    voting: VoteOnCanvas,
) {
    if session.wheel.prompts.is_empty() {
        return;
    }
    // The room sees a closed vote's totals, but nobody casts dots on the projection.
    view.voting = VoteOnCanvas { casting: None, ..voting };
    // Nothing on the projection makes changes; anything a widget there asked for is dropped.
    let mut ignored = Intents::default();
    let mode = CanvasMode::Projected(look);
    if view.focus_mode {
        focus::focus_ui(ui, session, view, mode, &mut ignored);
    } else {
        // A projector is wider than the wheel is: the selected prompt's notes, large enough to
        // read from the back of the room, fill the side the round wheel leaves empty.
        let rect = ui.available_rect_before_wrap();
        // The wheel with its labels beside it is about half as wide again as it is tall; this
        // gives it nearly all the width that fits at the window's height, and the notes the rest.
        let wheel_width = (rect.height() * 1.3).min(rect.width() * 0.66);
        let (wheel_rect, notes_rect) = if rect.width() > rect.height() * 1.45 {
            rect.split_left_right_at_x(rect.left() + wheel_width)
        } else {
            (rect, egui::Rect::NOTHING)
        };
        ui.scope_builder(egui::UiBuilder::new().max_rect(wheel_rect), |ui| {
            // The canvas keeps its fit and layouts in `view.canvas`; the projection's are swapped
            // in for the frame so the console's pan and zoom are left as they were.
            std::mem::swap(&mut view.canvas, &mut view.projected_canvas);
            canvas::canvas_ui(ui, session, revision, view, OffsetDateTime::UNIX_EPOCH, mode, &mut ignored);
            std::mem::swap(&mut view.canvas, &mut view.projected_canvas);
        });
        if notes_rect.is_positive() {
            ui.scope_builder(egui::UiBuilder::new().max_rect(notes_rect), |ui| {
                focus::focus_ui(ui, session, view, mode, &mut ignored);
            });
        }
    }
}

/// The question of a prompt as it reads in headings, saying when it has been discussed.
fn prompt_title(prompt: &WheelPrompt) -> String {
    if prompt.discussed { format!("{} (discussed)", prompt.question) } else { prompt.question.clone() }
}

/// The words for a band, singular ("assumption") and as the guide's heading.
fn band_words(band: WheelBand) -> (&'static str, &'static str) {
    match band {
        WheelBand::Assumption => ("assumption", "Exploring assumptions"),
        WheelBand::Opportunity => ("opportunity", "Making the most of opportunities"),
    }
}

/// The wheel's geometry for this session, with the selected prompt opened wide: on the
/// projection to [`SELECTED_SHARE`](crate::canvas::wheel::geometry::SELECTED_SHARE), so the
/// room reads its notes on the wheel; on the console less (see [`console_geometry`]).
fn geometry_of(session: &Session, view: &WheelView, mode: CanvasMode) -> WheelGeometry {
    let plain = WheelGeometry::new(session.wheel.prompts.len()).widening(view.selected_index(session));
    if mode.is_projected() { plain } else { console_geometry(plain) }
}

/// The console's shape of a wheel: the selected prompt opened to
/// [`CONSOLE_SELECTED_SHARE`](crate::canvas::wheel::geometry::CONSOLE_SELECTED_SHARE) only,
/// since the console shows that prompt's notes in full beside the wheel (or in the focus view),
/// and the other prompts' cards take the angle it leaves.
pub fn console_geometry(geometry: WheelGeometry) -> WheelGeometry {
    geometry.with_share(crate::canvas::wheel::geometry::CONSOLE_SELECTED_SHARE)
}
