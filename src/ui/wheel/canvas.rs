//! Drawing the whole wheel and handling the mouse on it: select, add, drag notes, pan, zoom.
//!
//! The canvas keeps its own pan and zoom rather than using `egui::Scene`, and draws text at
//! the zoomed size, so words stay sharp on a projector at any zoom (a scaled layer blurs them).

mod widgets;

use super::{WheelView, band_words, console_geometry, geometry_of};
use crate::canvas::marks::{group_tint, paint_heading_card};
use crate::canvas::wheel::geometry::{WheelGeometry, WheelHit};
use crate::canvas::wheel::layout::{MeasureCache, MoreChip, PlannedCard, RingPlan, RingShape, turned_plan};
use crate::canvas::wheel::paint::{
    CardLook, CardText, LabelLayout, LabelLook, TEXT_ZOOM_THRESHOLD, band_index, card_chip, lay_out_card,
    paint_card_badge, paint_group_ring, paint_label, paint_label_outline, paint_leader, paint_more, paint_note,
    paint_note_with, paint_ring_key, paint_rings, plan_wheel, plan_wheel_ring, ring_key_bottom,
};
use crate::canvas::wheel::style::Palette;
use crate::model::{BandItem, band_items, hidden_in};
use crate::model::{GroupId, Note, NoteId, Session, VoteId, WheelBand};
use crate::ui::intents::Intents;
use crate::ui::kept_tiles::{self, KeptTiles};
use crate::ui::room::CanvasMode;
use crate::ui::viewport::{Viewport, pan_and_zoom};
use crate::ui::vote::VoteOnCanvas;
use egui::{Align2, Color32, FontId, Id, Pos2, Rect, Role, Sense, Shape, Stroke, Ui, Vec2, WidgetInfo, vec2};
use std::collections::HashMap;
use time::OffsetDateTime;
use widgets::{HeadingPlace, NotePlace, finish_drag, group_heading_ui, note_context_menu, note_widget};

/// What a click landed on, remembered so that a second click can act on it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ClickTarget {
    /// A prompt's label.
    Prompt(usize),
    /// A ring of a segment.
    Ring(WheelHit),
    /// A note.
    Note(NoteId),
    /// The canvas off the wheel: a first click there deselects the note; a second click there
    /// completes a double-click on what the first was on (choosing a prompt can move its label
    /// from under the pointer).
    Nothing,
}

/// The last click on the canvas: where, when, and on what.
#[derive(Clone, Copy, Debug)]
struct RecentClick {
    target: ClickTarget,
    at: Pos2,
    time: f64,
}

/// How soon and how near a second click must come to make a double-click.
const DOUBLE_CLICK_SECONDS: f64 = 0.4;
const DOUBLE_CLICK_DISTANCE: f32 = 10.0;

/// What the canvas keeps between frames.
#[derive(Debug, Default)]
pub(super) struct CanvasState {
    /// Current pan and zoom; `None` means "fit the wheel to the canvas", which is kept up as
    /// the window changes size until the person pans or zooms.
    pub(super) viewport: Option<Viewport>,
    /// Where the wheel was fitted last frame, for zooming and fitting from the keyboard.
    last_room: Option<Rect>,
    /// How each ring of each prompt shows its notes, redone only when what it depends on changes.
    plans: Vec<[RingPlan; 2]>,
    /// What the plans were made for: the wheel's shape, the type scale and the rings' contents.
    plans_key: Option<PlanKey>,
    /// The angles each ring's plan is placed for (those of `plans_key`'s wheel, once settled).
    plan_angles: Vec<[(f32, f32); 2]>,
    /// Rings showing their last plan turned with their segment, to be planned for their new
    /// angles over the next frames (see [`CanvasState::update_plans`]).
    settling: Vec<(usize, WheelBand)>,
    /// Every ring plan made for the rings' present contents, by ring and exact angles, so
    /// choosing a prompt chosen before plans nothing again.
    kept_plans: HashMap<(usize, usize, u32, u32), RingPlan>,
    /// Which notes are in each ring of each prompt (see [`notes_by_spot`]), and the session's
    /// revision they were sorted out at: sorting every note out every frame cost a tenth of a
    /// millisecond at 10,000 notes.
    spots: Option<(u64, Vec<[Vec<usize>; 2]>)>,
    /// The notes' words as measured for the plans, so planning again (another prompt chosen,
    /// a note added) measures only what is new.
    measured: MeasureCache,
    /// Each card's words as laid out for the screen, and what they were laid out for: looking a
    /// card's words up in egui's text cache every frame (hashing every word of every note) was
    /// a good part of the wheel's frame time.
    cards: CardTexts,
    /// Label layout, redone when the questions change.
    labels: LabelLayout,
    /// The questions, and the wheel's bounds with each prompt selected in turn: the console keeps
    /// the widest of the canvas any of them needs for the wheel, so choosing a prompt never
    /// moves it.
    all_bounds: Option<(Vec<String>, Vec<Rect>)>,
    /// The note being dragged, and where the pointer grabbed it relative to its centre.
    dragging: Option<(NoteId, Vec2)>,
    /// The group whose heading is being dragged, and where the pointer grabbed it.
    dragging_group: Option<(GroupId, Vec2)>,
    /// The last click, for telling double-clicks apart.
    last_click: Option<RecentClick>,
    /// A zoom asked for from outside the canvas, applied about the middle on the next frame.
    pub(super) requested_zoom: Option<f32>,
    /// The wheel's unchanging layers kept as tiles of pixels, where the console's canvases are
    /// kept so (see [`crate::ui::kept_tiles`]); made with the first frame drawn so.
    kept_tiles: Option<KeptTiles>,
}

impl CanvasState {
    /// Lets go of the kept tiles, and the thread that makes them.
    pub(super) fn release_kept_tiles(&mut self) {
        self.kept_tiles = None;
    }

    /// Zoom about the canvas centre (from the keyboard or a menu).
    pub(super) fn zoom_by(&mut self, factor: f32) {
        if let (Some(room), None) = (self.last_room, self.viewport) {
            self.viewport = Some(fitting(world_bounds(self), room));
        }
        if let (Some(viewport), Some(room)) = (&mut self.viewport, self.last_room) {
            viewport.zoom_about(room.center(), factor);
        }
    }

    /// The notes in each ring of each prompt of `session` at `revision`, sorted out again only
    /// when the revision changed.
    fn notes<'s>(&mut self, session: &'s Session, revision: u64) -> Vec<[Vec<&'s Note>; 2]> {
        if self.spots.as_ref().is_none_or(|(seen, _)| *seen != revision) {
            self.spots = Some((revision, notes_by_spot(session)));
        }
        self.notes_seen(session)
    }

    /// The notes in each ring of each prompt as last sorted out by [`Self::notes`].
    fn notes_seen<'s>(&self, session: &'s Session) -> Vec<[Vec<&'s Note>; 2]> {
        (0..session.wheel.prompts.len())
            .map(|segment| {
                [WheelBand::Assumption, WheelBand::Opportunity].map(|band| self.notes_in(session, segment, band))
            })
            .collect()
    }

    /// The notes in one ring of one prompt as this frame's canvas sorted them out (see
    /// [`Self::notes`]), for the column beside the wheel, drawn after it; before the canvas has
    /// sorted any out, found by a pass over every note.
    pub(super) fn notes_in<'s>(&self, session: &'s Session, segment: usize, band: WheelBand) -> Vec<&'s Note> {
        match &self.spots {
            Some((_, spots)) => spots
                .get(segment)
                .map(|rings| rings[band_index(band)].iter().filter_map(|&index| session.notes.get(index)).collect())
                .unwrap_or_default(),
            None => session
                .wheel
                .prompts
                .get(segment)
                .map(|prompt| session.notes_on_prompt(&prompt.key, band).collect())
                .unwrap_or_default(),
        }
    }

    /// Records a click on `target`; when it completes a double-click, returns what the *first*
    /// click was on. The first click may change the layout (choosing a prompt opens it wide), so
    /// the second one can land on something else: the double-click means what the person aimed at.
    fn double_click(&mut self, ui: &Ui, at: Pos2, target: ClickTarget) -> Option<ClickTarget> {
        let time = ui.input(|input| input.time);
        let first = self.last_click.take().filter(|first| {
            time - first.time <= DOUBLE_CLICK_SECONDS && first.at.distance(at) <= DOUBLE_CLICK_DISTANCE
        });
        match first {
            Some(first) => Some(first.target),
            None => {
                self.last_click = Some(RecentClick { target, at, time });
                None
            }
        }
    }

    /// Makes sure the ring plans are those for `key`. After an edit, a new type size or a new
    /// vote, every ring is planned again at once. When only the wheel's shape changed (another
    /// prompt chosen), each ring's plan is looked up by its new angles; a ring not planned for
    /// them before shows its last cards carried round with its centre line, those that no
    /// longer fit counted (see [`turned_plan`]), and is planned in full over the next frames,
    /// the chosen prompt's rings first, a couple of milliseconds a frame: the frame that answers
    /// the key press measures no words and is not held up planning twenty rings. The plans end
    /// as a full planning would make them.
    fn update_plans(&mut self, ui: &Ui, session: &Session, key: PlanKey, dots_on: &dyn Fn(&Note) -> Option<u32>) {
        let measure = self.measured.with(ui.painter());
        let scale = key.contents.scale();
        let ring_of = |segment: usize, band: WheelBand| RingShape { geometry: &key.geometry, segment, band, scale };
        let count = session.wheel.prompts.len();
        let angles_of = |segment: usize| key.geometry.segment_angles(segment);
        let same_contents = self.plans_key.is_some_and(|old| {
            old.contents == key.contents && old.geometry.count == key.geometry.count && self.plans.len() == count
        });
        if !same_contents {
            self.plans = plan_wheel(session, &key.geometry, &measure, scale, dots_on);
            self.plan_angles = (0..count).map(|segment| [angles_of(segment); 2]).collect();
            self.settling.clear();
            self.kept_plans.clear();
            for (segment, rings) in self.plans.iter().enumerate() {
                for (band, plan) in rings.iter().enumerate() {
                    self.kept_plans.insert(kept_key(segment, band, angles_of(segment)), plan.clone());
                }
            }
            self.plans_key = Some(key);
            return;
        }
        if self.plans_key.is_some_and(|old| old.geometry != key.geometry) {
            self.plans_key = Some(key);
            self.settling.clear();
            for segment in 0..count {
                let angles = angles_of(segment);
                for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                    let index = band_index(band);
                    let before = self.plan_angles[segment][index];
                    if before == angles {
                        continue;
                    }
                    self.plan_angles[segment][index] = angles;
                    if let Some(kept) = self.kept_plans.get(&kept_key(segment, index, angles)) {
                        self.plans[segment][index] = kept.clone();
                        continue;
                    }
                    // Turned about the middle by as much as its centre line turned.
                    let turn = f32::midpoint(angles.0, angles.1) - f32::midpoint(before.0, before.1);
                    let ring = ring_of(segment, band);
                    let old = &self.plans[segment][index];
                    self.plans[segment][index] = turned_plan(&ring, old, turn)
                        .unwrap_or_else(|| plan_wheel_ring(session, &ring, &measure, dots_on, true));
                    self.settling.push((segment, band));
                }
            }
            // The chosen prompt's rings first, then the nearest to it.
            let chosen = key.geometry.widened.unwrap_or(0);
            let apart = |segment: usize| segment.abs_diff(chosen).min(count - segment.abs_diff(chosen));
            self.settling.sort_by_key(|&(segment, band)| (apart(segment), band_index(band)));
            return;
        }
        // Settle some of the turned rings.
        let started = std::time::Instant::now();
        while let Some(&(segment, band)) = self.settling.first() {
            if started.elapsed() > SETTLING_PER_FRAME {
                break;
            }
            self.settling.remove(0);
            let plan = plan_wheel_ring(session, &ring_of(segment, band), &measure, dots_on, false);
            self.kept_plans.insert(kept_key(segment, band_index(band), angles_of(segment)), plan.clone());
            self.plans[segment][band_index(band)] = plan;
        }
        if !self.settling.is_empty() {
            // The next frame soon, like an animation's, rather than at once: a wheel still
            // settling is a finished frame, valid as it stands (every card in its ring).
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(1));
        }
    }
}

/// How long a frame may spend planning turned rings for their new angles.
const SETTLING_PER_FRAME: std::time::Duration = std::time::Duration::from_millis(2);

/// The key of a kept ring plan: the ring and its exact angles.
fn kept_key(segment: usize, band: usize, (start, end): (f32, f32)) -> (usize, usize, u32, u32) {
    (segment, band, start.to_bits(), end.to_bits())
}

/// The cards' words laid out for the screen, kept while the plans, the zoom, the colours and
/// egui's font atlas stay the same.
#[derive(Debug, Default)]
struct CardTexts {
    /// What they were laid out for: the notes and type scale, the zoom, the words' colour, the
    /// points per pixel (not the wheel's shape: a card the same size keeps its words).
    key: Option<(ContentKey, u32, Color32, u32)>,
    /// The atlas's fill when last looked at: when it falls, egui has cleared the atlas and every
    /// kept text points into the old one.
    atlas_fill: f32,
    /// By note: the card's size and look they were laid out for, and the words.
    texts: HashMap<NoteId, (Vec2, CardLook, CardText)>,
}

impl CardTexts {
    /// Forgets every text unless they were made for `key` and the atlas still holds their glyphs.
    fn keep_for(&mut self, ui: &Ui, key: (ContentKey, u32, Color32, u32)) {
        #[expect(clippy::redundant_closure_for_method_calls, reason = "the method's lifetime is not general enough")]
        let fill = ui.ctx().fonts(|fonts| fonts.font_atlas_fill_ratio());
        if self.key != Some(key) || fill < self.atlas_fill {
            self.texts.clear();
            self.key = Some(key);
        }
        self.atlas_fill = fill;
    }

    /// The words of `note`'s card at `rect` with `look`, laid out once.
    fn of(
        &mut self,
        painter: &egui::Painter,
        session: &Session,
        note: &Note,
        rect: Rect,
        look: CardLook,
        palette: &Palette,
    ) -> &CardText {
        let fresh = |texts: &(Vec2, CardLook, CardText)| texts.0 == rect.size() && texts.1 == look;
        let lay_out = || {
            let chip = card_chip(session, note, look.top_row());
            (rect.size(), look, lay_out_card(painter, &note.text, chip.as_deref(), rect, look, palette))
        };
        match self.texts.entry(note.id) {
            std::collections::hash_map::Entry::Occupied(kept) => {
                let kept = kept.into_mut();
                if !fresh(kept) {
                    *kept = lay_out();
                }
                &kept.2
            }
            std::collections::hash_map::Entry::Vacant(vacant) => &vacant.insert(lay_out()).2,
        }
    }
}

/// What a wheel's ring plans depend on.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PlanKey {
    /// The wheel's shape (which prompt is open wide).
    geometry: WheelGeometry,
    /// The rest: the type scale and the rings' contents.
    contents: ContentKey,
}

/// What a wheel's ring plans, and its cards' laid-out words, depend on besides its shape.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ContentKey {
    /// World units per point of the type ladder, in hundredths: the type size factor over the
    /// fitted zoom, rounded so a window resized by a pixel does not plan again.
    scale_hundredths: u32,
    /// The session's revision (see [`crate::document::Document::revision`]): it changes with
    /// every edit, so the cards' contents need not be compared, or hashed, every frame.
    revision: u64,
    /// The closed vote whose totals the cards show as badges.
    totals: Option<VoteId>,
}

impl ContentKey {
    fn scale(self) -> f32 {
        self.scale_hundredths as f32 / 100.0
    }
}

/// The viewport that shows all of the wheel's `bounds` in `canvas`, leaving room above for the
/// progress line and below for the hint, which are drawn at a fixed size.
fn fitting(bounds: Rect, room: Rect) -> Viewport {
    Viewport::fitting(bounds, room, FIT_MARGIN, Viewport::MAX_ZOOM)
}

/// Space kept round the wheel when it is fitted to the canvas.
const FIT_MARGIN: f32 = 16.0;
/// Height of the lines above the wheel: the progress and the key to the rings.
const HEADER_HEIGHT: f32 = 72.0;

/// The part of the canvas the wheel is fitted into: below the progress and the key to the rings
/// (which wraps onto a second line in a narrow canvas or at a large type size), above the hint
/// (`footer` tall), all of which are drawn at a fixed size.
fn wheel_room(ui: &Ui, canvas: Rect, mode: CanvasMode, footer: f32) -> Rect {
    let (left_top, right) = legend_place(canvas, mode);
    let key_bottom = ring_key_bottom(ui.painter(), left_top, right, mode.text_size(1.0));
    let header = (key_bottom - canvas.top() + 8.0).max(HEADER_HEIGHT);
    Rect::from_min_max(canvas.min + vec2(0.0, header - FIT_MARGIN), canvas.max - vec2(0.0, footer - FIT_MARGIN))
}

/// Where the key to the rings starts, and how far right it may go.
fn legend_place(canvas: Rect, mode: CanvasMode) -> (Pos2, f32) {
    (canvas.left_top() + vec2(FIT_MARGIN, mode.text_size(42.0)), canvas.right() - FIT_MARGIN)
}

/// What every drawing step of one frame needs: where the canvas is, how the wheel sits in it,
/// and the layouts worked out for this shape of wheel.
struct Frame<'a> {
    /// Paints on the canvas, cut to it.
    painter: egui::Painter,
    /// The console's canvas paints the panels' colour beneath the wheel itself (the panel
    /// round it paints none there), so that the kept tiles hold it and the screen's pixels are
    /// not painted twice; the projection's window paints its own.
    background: Option<Color32>,
    /// Paints the notes' focus rings, which may reach past the canvas.
    focus_painter: egui::Painter,
    /// The look of the focus rings.
    visuals: egui::Visuals,
    /// The console or the projection.
    mode: CanvasMode,
    canvas: Rect,
    viewport: Viewport,
    palette: Palette,
    geometry: WheelGeometry,
    labels: &'a LabelLayout,
    /// How each ring of each prompt shows its notes.
    plans: &'a [[RingPlan; 2]],
    /// The notes in each band of each prompt, sorted out once per frame rather than by a pass
    /// over every note for every band.
    notes: &'a [[Vec<&'a Note>; 2]],
    /// The same as the rings' plans count them: a group takes a place for its heading and keeps
    /// its notes together after it. Made once a frame for the widgets and the painting.
    items: &'a [[Vec<BandItem<'a>>; 2]],
}

impl Frame<'_> {
    /// How a note's card looks on this canvas at its zoom, with a vote badge if it has `dots`
    /// (not yet selected: the painting says which is).
    fn card_look(&self, card: &PlannedCard, dots: Option<u32>) -> CardLook {
        CardLook { projected: self.mode.is_projected(), ..CardLook::of(card, self.viewport.zoom, dots.is_some()) }
    }

    /// The colour beneath the wheel, for a plate under the key and the progress line: the wheel
    /// may be panned under them, and its cards' words would run into theirs.
    fn plate(&self) -> Color32 {
        self.background.unwrap_or(self.visuals.panel_fill)
    }
}

impl<'a> Frame<'a> {
    /// The notes in one band of one prompt, in the order they were added.
    fn notes_on(&self, segment: usize, band: WheelBand) -> &[&'a Note] {
        self.notes.get(segment).map_or(&[], |rings| rings[band_index(band)].as_slice())
    }

    /// The items (notes and group headings) of one band of one prompt, as its plan counts them.
    fn items_on(&self, segment: usize, band: WheelBand) -> &[BandItem<'a>] {
        self.items.get(segment).map_or(&[], |rings| rings[band_index(band)].as_slice())
    }
}

/// Every note on the wheel, by prompt (in the wheel's order) and ring, as indices into the
/// session's notes.
fn notes_by_spot(session: &Session) -> Vec<[Vec<usize>; 2]> {
    let prompts: HashMap<&str, usize> =
        session.wheel.prompts.iter().enumerate().map(|(index, prompt)| (prompt.key.as_str(), index)).collect();
    let mut spots = vec![[Vec::new(), Vec::new()]; prompts.len()];
    for (index, note) in session.notes.iter().enumerate() {
        if let Some((key, band)) = note.placement.wheel_spot()
            && let Some(&segment) = prompts.get(key)
        {
            spots[segment][band_index(band)].push(index);
        }
    }
    spots
}

/// The wheel's colours for how the canvas is shown: the projector's high-contrast look, or the
/// console's theme.
fn palette_for(ui: &Ui, mode: CanvasMode) -> Palette {
    match mode.projected() {
        Some(look) => Palette::projected(look.dark(), look.accent(), look.text(), look.quiet()),
        None => Palette::new(ui.visuals().dark_mode),
    }
}

/// Lays out the prompt labels in world units, when the questions or the wheel's shape changed.
fn layout_labels(ui: &Ui, session: &Session, geometry: &WheelGeometry, state: &mut CanvasState) {
    let questions = session.wheel.prompts.iter().map(|prompt| &prompt.question);
    if !state.labels.is_for(*geometry, questions) {
        let questions: Vec<String> = session.wheel.prompts.iter().map(|prompt| prompt.question.clone()).collect();
        state.labels = LabelLayout::new(ui.painter(), *geometry, &questions);
    }
}

/// Everything the wheel shows, in world units: the wheel and its labels. Kept symmetric about
/// the centre and rounded up, so choosing another prompt (which moves labels a little) does not
/// make the whole wheel jump to a new zoom; on the console, which knows the bounds with every
/// prompt selected (see [`width_needed`]), the largest of them, so it never moves at all.
fn world_bounds(state: &CanvasState) -> Rect {
    let own = symmetric_bounds(state.labels.bounds());
    let all = state.all_bounds.as_ref().filter(|(questions, _)| state.labels.questions == *questions);
    all.map_or(own, |(_, bounds)| bounds.iter().fold(own, |widest, bounds| widest.union(*bounds)))
}

/// `all`, made symmetric about the wheel's centre and rounded up (see [`world_bounds`]).
fn symmetric_bounds(all: Rect) -> Rect {
    let round_up = |extent: f32| (extent / 10.0).ceil() * 10.0;
    let half_width = round_up(all.min.x.abs().max(all.max.x.abs()));
    let half_height = round_up(all.min.y.abs().max(all.max.y.abs()));
    Rect::from_center_size(Pos2::ZERO, vec2(2.0 * half_width, 2.0 * half_height))
}

/// The console's hint under the wheel, wrapped to `width`.
fn layout_hint(ui: &Ui, colour: Color32, width: f32) -> std::sync::Arc<egui::Galley> {
    ui.painter().layout(
        "Click a prompt to choose it · double-click a ring to add a note · drag notes to move them · \
         drag the background to pan · mouse wheel or pinch to zoom"
            .to_owned(),
        FontId::proportional(15.0),
        colour,
        width,
    )
}

/// How wide the console's wheel, with its labels, is when fitted to the height of `canvas`,
/// whichever prompt is selected: any width past this is left empty by the round wheel, and can
/// show the selected prompt's notes.
pub(super) fn width_needed(ui: &Ui, session: &Session, view: &mut WheelView, canvas: Rect) -> f32 {
    let questions: Vec<&String> = session.wheel.prompts.iter().map(|prompt| &prompt.question).collect();
    if !view.canvas.all_bounds.as_ref().is_some_and(|(asked, _)| asked.iter().eq(questions.iter().copied())) {
        // Once per change of questions: the labels laid out with each prompt selected in turn.
        let questions: Vec<String> = questions.into_iter().cloned().collect();
        let plain = console_geometry(WheelGeometry::new(questions.len()));
        let bounds = (0..questions.len())
            .map(|selected| {
                symmetric_bounds(LabelLayout::new(ui.painter(), plain.widening(selected), &questions).bounds())
            })
            .collect();
        view.canvas.all_bounds = Some((questions, bounds));
    }
    let all_bounds = view.canvas.all_bounds.as_ref().map_or(&[][..], |(_, bounds)| bounds.as_slice());
    // The wheel's part of the canvas is wider than the hint, which then takes one line.
    let hint = layout_hint(ui, Color32::PLACEHOLDER, f32::INFINITY);
    let room = wheel_room(ui, canvas, CanvasMode::Console, hint.size().y + 20.0);
    all_bounds
        .iter()
        .map(|bounds| {
            let height_fit = (room.height() - 2.0 * FIT_MARGIN) / bounds.height().max(1.0);
            bounds.width() * height_fit.min(Viewport::MAX_ZOOM) + 2.0 * FIT_MARGIN
        })
        .fold(0.0, f32::max)
}

/// Draws the canvas and handles the pointer on it; projected, it only draws, fitted to its window.
/// `revision` is the session's, so the rings are planned again only after it changes.
pub(super) fn canvas_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    view: &mut WheelView,
    now: OffsetDateTime,
    mode: CanvasMode,
    intents: &mut Intents,
) {
    let geometry = geometry_of(session, view, mode);
    layout_labels(ui, session, &geometry, &mut view.canvas);
    let canvas = ui.available_rect_before_wrap();
    let projected = mode.is_projected();
    let background = ui.allocate_rect(canvas, if projected { Sense::hover() } else { Sense::click_and_drag() });
    if !projected {
        background.widget_info(|| {
            WidgetInfo::labeled(
                Role::Canvas,
                true,
                "Prompt wheel. Tab reaches the prompts and notes; drag the background to move it, scroll to zoom.",
            )
        });
    }
    let palette = palette_for(ui, mode);
    // Wrapped to the canvas, so a narrow window shows the whole hint rather than cutting it off.
    let hint = layout_hint(ui, palette.quiet_text, canvas.width() - 2.0 * FIT_MARGIN);
    // The projection has no hint (the room does not use the mouse) and always fits the wheel.
    let room = wheel_room(ui, canvas, mode, if projected { 2.0 * FIT_MARGIN } else { hint.size().y + 20.0 });
    let mut viewport = view.canvas.viewport.unwrap_or_else(|| fitting(world_bounds(&view.canvas), room));
    if let Some(zoom) = view.canvas.requested_zoom.take() {
        viewport.zoom_about(room.center(), zoom / viewport.zoom);
        view.canvas.viewport = Some(viewport);
    }
    if !projected && pan_and_zoom(ui, &background, canvas, &mut viewport) {
        view.canvas.viewport = Some(viewport);
    }
    view.canvas.last_room = Some(room);

    // Type sizes are chosen in points on the screen at the fitted zoom (zooming in makes them
    // larger, as it should), times the projection's type size.
    let fit_zoom = fitting(world_bounds(&view.canvas), room).zoom;
    let scale = mode.text_size(1.0) / fit_zoom.max(0.05);
    let dots_on = |note: &Note| view.voting.dots_shown_on(session, note.id);
    let contents =
        ContentKey { scale_hundredths: (scale * 100.0).round() as u32, revision, totals: view.voting.totals };
    let key = PlanKey { geometry, contents };
    view.canvas.update_plans(ui, session, key, &dots_on);
    // Where the window is drawn by glow (no graphics card), the console's wheel is kept as tiles
    // of pixels while it stays the same (see `crate::ui::kept_tiles`). They lie on whole pixels,
    // so the frame is drawn for the view's origin moved onto their grid (by under a pixel).
    let tiled = !projected && kept_tiles::settings(ui.ctx()).is_some();
    if tiled {
        let kept = view.canvas.kept_tiles.get_or_insert_with(|| KeptTiles::new("prompt wheel"));
        viewport.origin = kept.snapped_origin(ui.ctx(), viewport.origin);
    }
    // Borrowed out of the view for the frame, so drawing can read them while clicks change the view.
    let labels = std::mem::take(&mut view.canvas.labels);
    let notes = view.canvas.notes(session, revision);
    let plans = std::mem::take(&mut view.canvas.plans);
    let items: Vec<[Vec<BandItem<'_>>; 2]> =
        notes.iter().map(|rings| rings.each_ref().map(|notes| band_items(session, notes))).collect();
    if !projected {
        view.painted_canvas = Some(canvas);
    }
    let frame = Frame {
        painter: ui.painter_at(canvas),
        background: (!projected).then_some(ui.visuals().panel_fill),
        focus_painter: ui.painter().clone(),
        visuals: ui.visuals().clone(),
        mode,
        canvas,
        viewport,
        palette,
        geometry,
        labels: &labels,
        plans: &plans,
        notes: &notes,
        items: &items,
    };

    // Background clicks: choose the prompt under the pointer; a double-click starts a note there.
    if background.clicked()
        && let Some(pointer) = background.interact_pointer_pos()
    {
        let target = geometry.hit(viewport.to_world(pointer)).map_or(ClickTarget::Nothing, ClickTarget::Ring);
        click_on(ui, session, view, pointer, target);
    }

    // The widgets first, then the painting, so that what they are on can be painted over the
    // kept tiles. A click that changes what is chosen shows on the next frame, which the wheel
    // asks for (see `wheel_ui`).
    let prompt = view.selected_index(session);
    let mut highlights = Highlights::default();
    prompt_labels_ui(ui, &frame, session, view, prompt, &mut highlights);
    notes_ui(ui, &frame, session, view, now, intents, &mut highlights);
    let chosen = Chosen { prompt, note: view.selected_note, voting: view.voting };
    if let Some(key) = view.canvas.plans_key {
        let pixels = ui.ctx().pixels_per_point().to_bits();
        view.canvas.cards.keep_for(ui, (key.contents, viewport.zoom.to_bits(), palette.note_text, pixels));
    }
    // While a note or a group is dragged, or the rings settle into new plans after another
    // prompt is chosen, the picture changes from frame to frame: no tiles are made.
    let settled =
        view.canvas.dragging.is_none() && view.canvas.dragging_group.is_none() && view.canvas.settling.is_empty();
    let plans_key = view.canvas.plans_key;
    let CanvasState { kept_tiles, cards, .. } = &mut view.canvas;
    let kept = kept_tiles.as_mut().filter(|_| tiled).and_then(|tiles| {
        let key = || {
            format!(
                "{plans_key:?} {chosen:?} {} {palette:?} {:?} {}",
                viewport.zoom,
                canvas,
                ui.ctx().pixels_per_point()
            )
        };
        tiles.paint(&frame.painter, key, viewport.origin, settled, false, |aside, origin, _| {
            let viewport = Viewport { origin, ..viewport };
            paint_layers(aside, &frame, viewport, session, chosen, cards, &Highlights::default());
        })
    });
    match kept {
        Some(kept) => {
            if let Some(missing) = kept.missing {
                // Tiles not ready yet: that part painted as they will show it.
                let part = frame.painter.with_clip_rect(missing);
                let viewport = Viewport { origin: kept.origin, ..viewport };
                paint_layers(&part, &frame, viewport, session, chosen, cards, &Highlights::default());
            }
            paint_highlights(&frame, session, chosen, &highlights);
        }
        None => paint_layers(&frame.painter, &frame, viewport, session, chosen, cards, &highlights),
    }
    // Fixed to the canvas, whatever the pan: painted live over the wheel.
    draw_legend(&frame);
    progress_badge(&frame, session);
    let Frame { painter, palette, .. } = frame;
    view.canvas.labels = labels;
    view.canvas.plans = plans;
    if !projected {
        painter.galley(canvas.left_bottom() + vec2(FIT_MARGIN, -12.0 - hint.size().y), hint, palette.quiet_text);
    }
    if background.has_focus() {
        crate::ui::accessibility::paint_focus_ring(ui.painter(), canvas.shrink(6.0), ui.visuals());
    }
}

/// Acts on a click: a single click chooses what it is on; a second click soon after, in the same
/// place, acts on what the first was on (a ring: write a note there; a prompt: its focus view).
fn click_on(ui: &Ui, session: &Session, view: &mut WheelView, pointer: Pos2, target: ClickTarget) {
    match view.canvas.double_click(ui, pointer, target) {
        Some(ClickTarget::Ring(hit)) => {
            view.select(session, hit.segment);
            view.start_note(session, hit.band, Some(pointer));
        }
        Some(ClickTarget::Prompt(index)) => {
            view.select(session, index);
            view.focus_mode = true;
        }
        Some(ClickTarget::Note(id)) => view.selected_note = Some(id),
        Some(ClickTarget::Nothing) => view.selected_note = None,
        None => match target {
            ClickTarget::Ring(hit) => {
                view.select(session, hit.segment);
                view.selected_note = None;
            }
            ClickTarget::Prompt(index) => view.select(session, index),
            ClickTarget::Note(id) => view.selected_note = Some(id),
            ClickTarget::Nothing => view.selected_note = None,
        },
    }
}

/// The key to the rings, in the guide's words, on one line above the wheel at a fixed size so
/// the back of the room can read it at any zoom.
fn draw_legend(frame: &Frame<'_>) {
    let Frame { painter, canvas, palette, mode, .. } = frame;
    let (left_top, right) = legend_place(*canvas, *mode);
    paint_ring_key(painter, left_top, right, mode.text_size(1.0), palette, Some(frame.plate()));
}

/// The prompt questions around the rim, each a button the keyboard can reach (Tab, Enter). They
/// are painted with the rest of the wheel (see [`paint_layers`]); which are under the pointer or
/// the keyboard goes into `highlights`.
fn prompt_labels_ui(
    ui: &mut Ui,
    frame: &Frame<'_>,
    session: &Session,
    view: &mut WheelView,
    selected: usize,
    highlights: &mut Highlights,
) {
    let Frame { canvas, viewport, labels, .. } = frame;
    let (canvas, viewport) = (*canvas, *viewport);
    let count = session.wheel.prompts.len();
    for (index, prompt) in session.wheel.prompts.iter().enumerate() {
        let Some(world_rect) = labels.rects.get(index) else { continue };
        let rect = viewport.rect_to_screen(*world_rect);
        let notes =
            frame.notes_on(index, WheelBand::Assumption).len() + frame.notes_on(index, WheelBand::Opportunity).len();
        let description = format!(
            "Prompt {} of {count}: {}{}, {notes} note{}",
            index + 1,
            prompt.question,
            if prompt.discussed { " (discussed)" } else { "" },
            if notes == 1 { "" } else { "s" },
        );
        let (sense, role) = interaction(frame.mode, Sense::click());
        let response = ui.interact(
            rect.intersect(canvas),
            Id::unique(("wheel prompt", &prompt.key, frame.mode.is_projected())),
            sense,
        );
        response.widget_info(|| WidgetInfo::selected(role, true, index == selected, &description));
        if response.clicked() {
            let pointer = response.interact_pointer_pos().unwrap_or(rect.center());
            click_on(ui, session, view, pointer, ClickTarget::Prompt(index));
        }
        if response.hovered() || response.has_focus() {
            highlights.labels.push(index);
        }
    }
}

/// "4 of 11 discussed" in the corner of the canvas, always at the same size.
fn progress_badge(frame: &Frame<'_>, session: &Session) {
    let Frame { painter, canvas, palette, mode, .. } = frame;
    let text = session.wheel.progress_label();
    let at = canvas.left_top() + vec2(16.0, 12.0);
    let galley = painter.layout_no_wrap(text, FontId::proportional(mode.text_size(22.0)), palette.text);
    let scale = mode.text_size(1.0);
    painter.rect_filled(Rect::from_min_size(at, galley.size()).expand2(vec2(8.0, 4.0) * scale), 6, frame.plate());
    painter.galley(at, galley, palette.text);
}

/// How a widget on the canvas senses and what it is to a screen reader: on the console it is a
/// button; on the projection, which nobody works on, it only says what it shows.
fn interaction(mode: CanvasMode, console_sense: Sense) -> (Sense, Role) {
    if mode.is_projected() { (Sense::hover(), Role::Label) } else { (console_sense, Role::Button) }
}

/// What the pointer, the keyboard and a drag are on in one frame: painted with the rest of the
/// wheel when it is painted live, or over its kept tiles (see [`crate::ui::kept_tiles`]), which
/// leave them out.
#[derive(Debug, Default)]
struct Highlights {
    /// The prompts whose labels are under the pointer or have the keyboard: outlined.
    labels: Vec<usize>,
    /// The group headings under the pointer or with the keyboard, where they are: outlined.
    headings: Vec<(GroupId, Rect, usize)>,
    /// The note with the keyboard and its widget's place: a focus ring round it.
    focused_note: Option<(NoteId, Rect)>,
    /// The note being dragged, left out of its ring (it is drawn under the pointer).
    dragged_note: Option<NoteId>,
    /// The group whose heading is being dragged, left out of its ring.
    dragged_group: Option<GroupId>,
    /// The ring a dragged note or group would land in: outlined.
    drop_target: Option<WheelHit>,
}

/// What the wheel's painted layers show of the view besides the frame: the prompt chosen, the
/// note selected, the vote's dots.
#[derive(Clone, Copy, Debug)]
struct Chosen {
    /// The selected prompt, as the frame's rings and labels show it.
    prompt: usize,
    /// The selected note, outlined.
    note: Option<NoteId>,
    /// Which vote's dots the notes show.
    voting: VoteOnCanvas,
}

/// The notes in their bands as widgets: select, drag one to move it to another band or prompt,
/// right-click for its menu. They are painted with the rest of the wheel (see [`paint_layers`]);
/// what is dragged and focused goes into `highlights`, and the card or heading being dragged is
/// drawn under the pointer here.
fn notes_ui(
    ui: &mut Ui,
    frame: &Frame<'_>,
    session: &Session,
    view: &mut WheelView,
    now: OffsetDateTime,
    intents: &mut Intents,
    highlights: &mut Highlights,
) {
    let Frame { canvas, viewport, palette, geometry, plans, .. } = frame;
    let (canvas, viewport) = (*canvas, *viewport);
    let mut dragged_card: Option<(Rect, &Note, CardLook)> = None;
    for (segment, prompt) in session.wheel.prompts.iter().enumerate() {
        for band in [WheelBand::Assumption, WheelBand::Opportunity] {
            let items = frame.items_on(segment, band);
            let Some(plan) = plans.get(segment).map(|rings| &rings[band_index(band)]) else { continue };
            // Only the items on cards: a ring of hundreds of notes shows a few and counts the rest.
            for card in &plan.cards {
                let Some(item) = items.get(card.item) else { continue };
                let rect = viewport.rect_to_screen(card.rect);
                let note = match item {
                    BandItem::Note(note) => *note,
                    BandItem::Heading(group, count) => {
                        let heading = HeadingPlace { rect, group, count: *count };
                        if let Some(target) = group_heading_ui(ui, frame, session, view, heading, intents, highlights) {
                            highlights.drop_target = Some(target);
                        }
                        continue;
                    }
                };
                let dots = view.voting.dots_shown_on(session, note.id);
                let look = frame.card_look(card, dots);
                let place = NotePlace { rect, canvas, question: prompt.question.as_str(), band };
                let response = note_widget(ui, frame.mode, place, session, note, dots);
                if response.has_focus() {
                    highlights.focused_note = Some((note.id, response.rect));
                }
                if response.gained_focus() {
                    // Reaching a note with Tab selects it, so "Move to…" and the panel act on it.
                    view.select(session, segment);
                    view.selected_note = Some(note.id);
                }
                if response.clicked() {
                    let pointer = response.interact_pointer_pos().unwrap_or(rect.center());
                    view.select(session, segment);
                    if let Some(casting) = view.voting.casting {
                        // While a voter is chosen, a click on a note is one of their dots.
                        intents.edit(casting.put_dot(note.id));
                        view.selected_note = Some(note.id);
                    } else {
                        click_on(ui, session, view, pointer, ClickTarget::Note(note.id));
                    }
                }
                if response.drag_started() {
                    let grab = response.interact_pointer_pos().map_or(Vec2::ZERO, |pointer| pointer - rect.center());
                    view.canvas.dragging = Some((note.id, grab));
                    view.selected_note = Some(note.id);
                }
                if !frame.mode.is_projected() {
                    note_context_menu(&response, session, note, view, now, intents);
                }
                let being_dragged = view.canvas.dragging.is_some_and(|(id, _)| id == note.id);
                if being_dragged {
                    highlights.dragged_note = Some(note.id);
                    if let Some(pointer) = ui.ctx().pointer_latest_pos() {
                        let grab = view.canvas.dragging.map_or(Vec2::ZERO, |(_, grab)| grab);
                        dragged_card = Some((Rect::from_center_size(pointer - grab, rect.size()), note, look));
                        highlights.drop_target = geometry.hit(viewport.to_world(pointer));
                    }
                    if response.drag_stopped() {
                        finish_drag(session, note, highlights.drop_target, intents);
                        view.canvas.dragging = None;
                        if let Some(target) = highlights.drop_target {
                            view.select(session, target.segment);
                        }
                    }
                }
            }
            if let Some(more) = &plan.more {
                let hidden = hidden_behind(more, items);
                let rect = viewport.rect_to_screen(more.rect);
                let (sense, role) = interaction(frame.mode, Sense::click());
                let response = ui.interact(
                    rect,
                    Id::unique(("wheel more", &prompt.key, band_index(band), frame.mode.is_projected())),
                    sense,
                );
                let words = band_words(band).0;
                response.widget_info(|| {
                    WidgetInfo::labeled(
                        role,
                        true,
                        format!(
                            "{hidden} more {words} note{} on {}: open the focus view",
                            if hidden == 1 { "" } else { "s" },
                            prompt.question
                        ),
                    )
                });
                if response.clicked() {
                    view.select(session, segment);
                    view.focus_mode = true;
                }
            }
        }
    }
    if let Some((rect, note, mut look)) = dragged_card {
        // On a layer above the canvas, so the note being moved floats over everything.
        let layer =
            frame.painter.clone().with_layer_id(egui::LayerId::new(egui::Order::Tooltip, Id::unique("wheel drag")));
        look.selected = true;
        paint_note(&layer, rect, session, note, look, palette);
    }
    if !ui.input(|input| input.pointer.any_down()) {
        // The drag ended somewhere the note's own widget did not see (e.g. it was culled).
        view.canvas.dragging = None;
        view.canvas.dragging_group = None;
    }
}

/// Paints the wheel's layers for `viewport` on `painter`, what falls within its clip rectangle:
/// the rings, the prompts' labels, the cards, group headings and counts of the notes not on
/// cards, with `highlights` (none for the kept tiles, which [`paint_highlights`] paints over).
fn paint_layers(
    painter: &egui::Painter,
    frame: &Frame<'_>,
    viewport: Viewport,
    session: &Session,
    chosen: Chosen,
    cards: &mut CardTexts,
    highlights: &Highlights,
) {
    let Frame { palette, geometry, plans, labels, .. } = frame;
    let within = painter.clip_rect();
    if let Some(fill) = frame.background {
        painter.rect_filled(within, 0.0, fill);
    }
    paint_rings(painter, geometry, palette, Some(chosen.prompt), viewport.zoom, |world| viewport.to_screen(world));
    for (index, prompt) in session.wheel.prompts.iter().enumerate() {
        let (Some(world_rect), Some(lines)) = (labels.rects.get(index), labels.lines.get(index)) else {
            continue;
        };
        let rect = viewport.rect_to_screen(*world_rect);
        if !rect.intersects(within) {
            continue;
        }
        let look = LabelLook {
            selected: index == chosen.prompt,
            highlighted: highlights.labels.contains(&index),
            discussed: prompt.discussed,
            on_right: labels.on_right.get(index).copied().unwrap_or(true),
        };
        if let Some(Some(ends)) = labels.leaders.get(index) {
            paint_leader(painter, ends.map(|end| viewport.to_screen(end)), palette);
        }
        paint_label(painter, rect, lines, look, viewport.zoom, palette);
    }
    for segment in 0..session.wheel.prompts.len() {
        for band in [WheelBand::Assumption, WheelBand::Opportunity] {
            let notes = frame.notes_on(segment, band);
            let Some(plan) = plans.get(segment).map(|rings| &rings[band_index(band)]) else { continue };
            let items = frame.items_on(segment, band);
            for card in &plan.cards {
                let Some(item) = items.get(card.item) else { continue };
                let rect = viewport.rect_to_screen(card.rect);
                let note = match item {
                    BandItem::Note(note) => *note,
                    BandItem::Heading(group, count) => {
                        if highlights.dragged_group != Some(group.id) && rect.intersects(within) {
                            let highlighted = highlights.headings.iter().any(|(id, ..)| *id == group.id);
                            let tint = group_tint(session, group.id);
                            paint_heading_card(painter, rect, group, *count, tint, viewport.zoom, highlighted);
                        }
                        continue;
                    }
                };
                if let Some((_, ring)) = highlights.focused_note.filter(|(id, _)| *id == note.id) {
                    crate::ui::accessibility::paint_focus_ring(&frame.focus_painter, ring, &frame.visuals);
                }
                if highlights.dragged_note == Some(note.id) || !rect.intersects(within) {
                    continue;
                }
                let dots = chosen.voting.dots_shown_on(session, note.id);
                let look = CardLook { selected: chosen.note == Some(note.id), ..frame.card_look(card, dots) };
                let text = cards.of(painter, session, note, rect, look, palette);
                paint_note_with(painter, rect, session, note, look, palette, Some(text));
                if let Some(group) = note.group {
                    paint_group_ring(painter, rect, group_tint(session, group), viewport.zoom);
                }
                if let Some(dots) = dots {
                    paint_card_badge(painter, rect, dots, card.size * viewport.zoom);
                }
            }
            if let Some(more) = &plan.more {
                let rect = viewport.rect_to_screen(more.rect);
                if rect.intersects(within) {
                    let hidden = hidden_behind(more, items);
                    let label = if !plan.cards.is_empty() {
                        format!("+{hidden} more")
                    } else if more.rect.width() >= 4.0 * plan.size {
                        format!("{hidden} note{}", if hidden == 1 { "" } else { "s" })
                    } else {
                        // A chip squeezed into a narrow ring's point says only how many.
                        hidden.to_string()
                    };
                    paint_more(painter, rect, label, plan.size * viewport.zoom, frame.mode.is_projected(), palette);
                }
            }
            // Empty bands of the selected prompt say what to do.
            if notes.is_empty()
                && !frame.mode.is_projected()
                && segment == chosen.prompt
                && viewport.zoom > TEXT_ZOOM_THRESHOLD
            {
                let (inner, outer) = WheelGeometry::band_radii(band);
                let at = viewport
                    .to_screen(WheelGeometry::point(geometry.centre_angle(segment), f32::midpoint(inner, outer)));
                let hint = format!("Double-click to add\nan {}", band_words(band).0);
                painter.text(
                    at,
                    Align2::CENTER_CENTER,
                    hint,
                    FontId::proportional(18.0 * viewport.zoom),
                    palette.quiet_text,
                );
            }
        }
    }
    paint_drop_target(painter, frame, viewport, highlights);
}

/// The outline of the ring a dragged note or group would land in.
fn paint_drop_target(painter: &egui::Painter, frame: &Frame<'_>, viewport: Viewport, highlights: &Highlights) {
    if let Some(target) = highlights.drop_target {
        let (inner, outer) = WheelGeometry::band_radii(target.band);
        let outline: Vec<Pos2> = frame
            .geometry
            .band_outline(target.segment, inner, outer)
            .into_iter()
            .map(|world| viewport.to_screen(world))
            .collect();
        painter.add(Shape::closed_line(outline, Stroke::new(5.0, frame.palette.selected_outline)));
    }
}

/// Paints `highlights` over the wheel's layers drawn from the kept tiles, which leave them out:
/// the outlines of labels and headings under the pointer or the keyboard, a note's focus ring.
fn paint_highlights(frame: &Frame<'_>, session: &Session, chosen: Chosen, highlights: &Highlights) {
    let Frame { painter, viewport, palette, labels, .. } = frame;
    for &index in &highlights.labels {
        if let Some(world_rect) = labels.rects.get(index)
            && index != chosen.prompt
        {
            paint_label_outline(painter, viewport.rect_to_screen(*world_rect), palette);
        }
    }
    for &(id, rect, count) in &highlights.headings {
        if let Some(group) = session.group(id)
            && highlights.dragged_group != Some(id)
        {
            paint_heading_card(painter, rect, group, count, group_tint(session, id), viewport.zoom, true);
        }
    }
    if let Some((_, ring)) = highlights.focused_note {
        crate::ui::accessibility::paint_focus_ring(&frame.focus_painter, ring, &frame.visuals);
    }
    paint_drop_target(painter, frame, *viewport, highlights);
}

/// How many notes a ring's "more" chip stands for: a group's heading counts its notes.
fn hidden_behind(more: &MoreChip, items: &[BandItem<'_>]) -> usize {
    let counted: Vec<BandItem<'_>> = more.items.iter().filter_map(|&item| items.get(item).copied()).collect();
    hidden_in(&counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::wheel::geometry::BandEdges;
    use crate::ui::wheel::console_geometry;

    /// Whether a turned plan's cards (and count) are still inside their ring and clear of each other.
    fn plan_fits(plan: &RingPlan, edges: &BandEdges) -> bool {
        let rects: Vec<Rect> =
            plan.cards.iter().map(|card| card.rect).chain(plan.more.as_ref().map(|more| more.rect)).collect();
        rects.iter().enumerate().all(|(index, rect)| {
            edges.holds(*rect, 1.0) && rects[index + 1..].iter().all(|other| !other.intersects(*rect))
        })
    }

    #[test]
    fn choosing_prompts_settles_to_the_plans_a_full_planning_makes() {
        let session = crate::examples::EXAMPLES[0].session().expect("the Bristol example opens");
        let count = session.wheel.prompts.len();
        let contents = ContentKey { scale_hundredths: 119, revision: 1, totals: None };
        let key_for = |selected: usize| PlanKey {
            geometry: console_geometry(WheelGeometry::new(count).widening(selected)),
            contents,
        };
        let ctx = egui::Context::default();
        let mut state = CanvasState::default();
        let frame = |state: &mut CanvasState, key: PlanKey| {
            let _ = ctx.run_ui(egui::RawInput::default(), |ui| state.update_plans(ui, &session, key, &|_| None));
        };
        frame(&mut state, key_for(0));
        assert!(state.settling.is_empty(), "the first frame plans every ring");
        let mut settled_over = 0;
        for selected in [1, 2, 7, 1] {
            let key = key_for(selected);
            frame(&mut state, key);
            // Until settled, every ring shows cards inside it and clear of each other.
            let mut frames = 0;
            loop {
                for (segment, rings) in state.plans.iter().enumerate() {
                    for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                        let edges = BandEdges::new(&key.geometry, segment, band);
                        let plan = &rings[band_index(band)];
                        assert!(plan_fits(plan, &edges), "prompt {segment} {band:?}");
                        // Every note (and heading) on a card or counted.
                        let notes: Vec<&Note> =
                            session.notes_on_prompt(&session.wheel.prompts[segment].key, band).collect();
                        let counted = plan.more.as_ref().map_or(0, |more| more.items.len());
                        assert_eq!(plan.cards.len() + counted, band_items(&session, &notes).len());
                    }
                }
                if state.settling.is_empty() {
                    break;
                }
                frame(&mut state, key);
                frames += 1;
                assert!(frames < 100, "the wheel settles");
            }
            settled_over = settled_over.max(frames);
            let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
                let planned = plan_wheel(&session, &key.geometry, ui.painter(), contents.scale(), &|_| None);
                assert_eq!(state.plans, planned, "prompt {selected}: the plans a full planning makes");
            });
        }
        assert!(settled_over > 0, "the turned rings were planned again over later frames");
    }
}
