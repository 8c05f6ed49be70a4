//! The map canvas: both arcs, the notes on them and the links between them, drawn from a borrowed
//! session, with pan, zoom, fit, dragging notes along their arcs and dragging out links.

use super::answer::{NeedStatus, need_status};
use super::geometry::{
    ARC_WIDTH, ArcShape, BAND_WIDTH, MapFrame, Viewport, card_at, card_inner_edge, curve_between, curve_polyline,
    distance_to_polyline, layout_cards, link_curve, place_markers,
};
use super::style::{MapPalette, link_shapes, organisation_fill, paint_status_icon, status_of_kind, text_on, wrapped};
use super::{MapDrag, MapNoteDraft, NeedsMapState, Selection};
use crate::guide::map::{ArcContent, needs_map};
use crate::model::{Edit, Link, LinkKind, MapArc, Note, NoteId, Placement, Session};
use crate::ui::intents::{Intent, Intents};
use crate::ui::notes_view::short;
use crate::ui::widgets::organisation_picker;
use egui::accesskit::Role;
use egui::epaint::{CornerRadius, TextShape};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align2, Color32, CursorIcon, FontId, Galley, Id, Key, Modifiers, Painter, Pos2, Rect, Sense, Shape, Stroke,
    StrokeKind, Ui, Vec2, WidgetInfo, pos2, vec2,
};
use std::sync::Arc;
use time::OffsetDateTime;

/// A note card's width, in map units.
const CARD_WIDTH: f32 = 220.0;
const CARD_PADDING: f32 = 8.0;
/// The organisation-coloured stripe down a card's left edge.
const STRIPE_WIDTH: f32 = 7.0;
const STATUS_HEIGHT: f32 = 26.0;
const NOTE_TEXT_SIZE: f32 = 19.0;
const SMALL_TEXT_SIZE: f32 = 14.0;
const TITLE_SIZE: f32 = 28.0;
const TITLE_WIDTH: f32 = 200.0;
const STAGE_SIZE: f32 = 21.0;
const EXAMPLE_SIZE: f32 = 15.5;
const MAX_NOTE_ROWS: usize = 3;
/// The width of a card's text, between the stripe and the right edge.
const CARD_TEXT_WIDTH: f32 = CARD_WIDTH - STRIPE_WIDTH - 2.0 * CARD_PADDING;
const DOT_RADIUS: f32 = 8.0;
const MARKER_RADIUS: f32 = 13.0;
/// The most the map is enlarged when fitting it to the screen, so a nearly empty map does not
/// fill the projector with one giant arc.
const MAX_FIT_ZOOM: f32 = 1.6;
/// The space left around the map when it is fitted to the screen, in screen points.
const FIT_MARGIN: f32 = 16.0;
/// How far (map units) from a note's dot a link may be dropped and still reach it.
const DROP_REACH: f32 = 50.0;
/// How far (screen points) from a link's curve a click still selects it.
const LINK_REACH: f32 = 10.0;

/// One note as placed on the canvas, in map units.
struct PlacedNote<'a> {
    note: &'a Note,
    arc: MapArc,
    along: f32,
    card: Rect,
    text_rows: usize,
    has_tags: bool,
    status: Option<NeedStatus>,
}

/// One link as placed on the canvas, in map units.
struct PlacedLink<'a> {
    link: &'a Link,
    curve: [Pos2; 4],
    marker: Pos2,
}

/// Everything on the canvas, laid out in map units.
struct Scene<'a> {
    frame: MapFrame,
    notes: Vec<PlacedNote<'a>>,
    links: Vec<PlacedLink<'a>>,
    /// Where each arc's title goes.
    titles: [(MapArc, Rect); 2],
    /// Everything that must be on screen after "Fit to screen".
    content: Rect,
}

impl<'a> Scene<'a> {
    fn note(&self, id: NoteId) -> Option<&PlacedNote<'a>> {
        self.notes.iter().find(|placed| placed.note.id == id)
    }

    /// The note on `arc` whose card is under `point` (map units), or failing that the one whose
    /// dot is nearest, within a forgiving reach: a link dropped on the band beside a dot is meant
    /// for that dot.
    fn note_at(&self, point: Pos2, arc: MapArc) -> Option<&PlacedNote<'a>> {
        let cards: Vec<Rect> = self.notes.iter().map(|placed| placed.card).collect();
        card_at(&cards, point).map(|index| &self.notes[index]).filter(|placed| placed.arc == arc).or_else(|| {
            let shape = self.frame.arc(arc);
            self.notes
                .iter()
                .filter(|placed| placed.arc == arc)
                .map(|placed| (placed, shape.link_anchor(placed.along).distance(point)))
                .filter(|(_, distance)| *distance <= DROP_REACH)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(placed, _)| placed)
        })
    }
}

fn tags_line(note: &Note) -> String {
    note.tags.join(" · ")
}

/// A note's text as laid out on its card: the organisation's initials in its colour (so colour
/// is never the only cue), the text, and the author, quietly.
fn card_text(
    painter: &Painter,
    session: &Session,
    note: &Note,
    palette: MapPalette,
    scale: f32,
    wrap_width: f32,
    max_rows: usize,
) -> Arc<Galley> {
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let fill = organisation_fill(organisation.map(|org| org.colour));
    let initials = organisation.map_or_else(|| "–".to_owned(), |org| org.initials());
    let format = |size: f32, color: Color32| TextFormat {
        font_id: FontId::proportional(size * scale),
        color,
        valign: egui::Align::Center,
        ..TextFormat::default()
    };
    let mut job = LayoutJob::default();
    job.append(
        &format!(" {initials} "),
        0.0,
        TextFormat { background: fill, ..format(SMALL_TEXT_SIZE, text_on(fill)) },
    );
    job.append(&note.text, 6.0 * scale, format(NOTE_TEXT_SIZE, palette.text));
    if let Some(author) = note.author.as_deref().map(str::trim).filter(|author| !author.is_empty()) {
        // A no-break space keeps the dash with the name when the line wraps.
        job.append(&format!(" —\u{a0}{author}"), 0.0, format(SMALL_TEXT_SIZE, palette.quiet));
    }
    job.wrap = TextWrapping { max_width: wrap_width, max_rows, break_anywhere: false, overflow_character: Some('…') };
    painter.layout_job(job)
}

fn build_scene<'a>(painter: &Painter, session: &'a Session, palette: MapPalette, width: f32) -> Scene<'a> {
    let frame = MapFrame::with_width(width);
    let mut notes: Vec<PlacedNote<'a>> = Vec::new();
    for arc in [MapArc::Need, MapArc::Help] {
        let shape = frame.arc(arc);
        let mut sizes = Vec::new();
        let first = notes.len();
        for note in session.notes_on_arc(arc) {
            let Placement::Map { along, .. } = note.placement else { continue };
            let text = card_text(painter, session, note, palette, 1.0, CARD_TEXT_WIDTH, MAX_NOTE_ROWS);
            let has_tags = arc == MapArc::Need && !note.tags.is_empty();
            let tags_height = if has_tags {
                wrapped(painter, &tags_line(note), SMALL_TEXT_SIZE, palette.quiet, CARD_TEXT_WIDTH, 2).size().y + 4.0
            } else {
                0.0
            };
            let status = (arc == MapArc::Need).then(|| need_status(session, note.id));
            let status_height = if status.is_some() { STATUS_HEIGHT } else { 0.0 };
            let height = 2.0 * CARD_PADDING + text.size().y + tags_height + status_height;
            sizes.push((along, vec2(CARD_WIDTH, height)));
            notes.push(PlacedNote {
                note,
                arc,
                along,
                card: Rect::NOTHING,
                text_rows: text.rows.len().max(1),
                has_tags,
                status,
            });
        }
        for (placed, card) in notes[first..].iter_mut().zip(layout_cards(shape, &sizes)) {
            placed.card = card;
        }
    }

    let spot = |arc: MapArc, id: NoteId| notes.iter().find(|placed| placed.arc == arc && placed.note.id == id);
    let mut links: Vec<PlacedLink<'a>> = session
        .links
        .iter()
        .filter_map(|link| {
            let need = spot(MapArc::Need, link.need)?;
            let help = spot(MapArc::Help, link.help)?;
            Some(PlacedLink { link, curve: link_curve(&frame, need.along, help.along), marker: Pos2::ZERO })
        })
        .collect();
    let curves: Vec<[Pos2; 4]> = links.iter().map(|placed| placed.curve).collect();
    for (placed, marker) in links.iter_mut().zip(place_markers(&curves, MARKER_RADIUS + 2.0)) {
        placed.marker = marker;
    }

    let mut content = frame.bands_rect();
    for placed in &notes {
        content = content.union(placed.card);
    }
    let titles = [MapArc::Need, MapArc::Help].map(|arc| {
        let rect = title_rect(painter, &frame, arc, palette, 1.0);
        content = content.union(rect);
        (arc, rect)
    });
    Scene { frame, notes, links, titles, content }
}

/// The arc width, from a few to choose from, at which the whole map shows largest in `rect`:
/// a map of many notes on a wide screen spreads them out in fewer rows, on a tall one it stacks
/// them.
fn best_arc_width(painter: &Painter, session: &Session, palette: MapPalette, rect: Rect) -> f32 {
    const WIDTHS: [f32; 6] = [1300.0, 1500.0, 1650.0, 1850.0, 2100.0, 2400.0];
    let zoom_at = |width: f32| {
        let content = build_scene(painter, session, palette, width).content;
        Viewport::fitting(content, rect, FIT_MARGIN, MAX_FIT_ZOOM).zoom
    };
    WIDTHS
        .into_iter()
        .map(|width| (width, zoom_at(width)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(ARC_WIDTH, |best| best.0)
}

/// Where an arc's title goes: beside the arc's start, level with its band, so it takes width
/// (which a projector has) rather than height (which it does not).
fn title_rect(painter: &Painter, frame: &MapFrame, arc: MapArc, palette: MapPalette, scale: f32) -> Rect {
    let galley = title_galley(painter, arc, palette, scale);
    let start = frame.arc(arc).point_at(0.0);
    let size = galley.size() / scale;
    let right = start.x - 30.0;
    let top = match arc {
        MapArc::Need => start.y - BAND_WIDTH / 2.0,
        MapArc::Help => start.y + BAND_WIDTH / 2.0 - size.y,
    };
    Rect::from_min_size(pos2(right - size.x, top), size)
}

fn title_galley(painter: &Painter, arc: MapArc, palette: MapPalette, scale: f32) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(
        needs_map().arc(arc).title.clone(),
        TextFormat { font_id: FontId::proportional(TITLE_SIZE * scale), color: palette.text, ..TextFormat::default() },
    );
    job.wrap.max_width = TITLE_WIDTH * scale;
    job.halign = egui::Align::RIGHT;
    painter.layout_job(job)
}

/// The words a screen reader says for a note, and that tests find it by.
fn note_label(session: &Session, placed: &PlacedNote<'_>) -> String {
    let note = placed.note;
    let kind = match placed.arc {
        MapArc::Need => "Need",
        MapArc::Help => "Source of help",
    };
    let stage = needs_map().arc(placed.arc).stage_at(placed.along).map_or("", |stage| stage.label.as_str());
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let who =
        organisation.map_or_else(|| "no organisation".to_owned(), |org| format!("{} ({})", org.name, org.initials()));
    let mut label = format!(
        "{kind}: {}. {who}, by {}. {stage}, {:.0}% along.",
        note.text,
        note.author_label(),
        placed.along * 100.0
    );
    if !note.tags.is_empty() {
        label.push_str(&format!(" Tags: {}.", note.tags.join(", ")));
    }
    if let Some(status) = placed.status {
        label.push_str(&format!(" {}.", status.label()));
    }
    label
}

fn link_label(session: &Session, link: &Link) -> String {
    let text = |id| session.note(id).map_or_else(String::new, |note: &Note| short(&note.text));
    format!("Link from need “{}” to “{}”: {}", text(link.need), text(link.help), link.kind.label())
}

/// Per-frame responses of the widgets on the canvas.
struct Responses {
    background: egui::Response,
    markers: Vec<egui::Response>,
    cards: Vec<egui::Response>,
    dots: Vec<egui::Response>,
}

/// Draw the canvas into `rect` and handle what the person does on it.
pub(super) fn canvas_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut NeedsMapState,
    rect: Rect,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    let painter = ui.painter_at(rect);
    let palette = MapPalette::new(ui.visuals());
    if state.follow_fit && state.drag.is_none() {
        state.arc_width = best_arc_width(&painter, session, palette, rect);
    }
    let scene = build_scene(&painter, session, palette, state.arc_width);

    let background = ui.interact(rect, ui.scope_id().with("needs map canvas"), Sense::click_and_drag());
    background.widget_info(|| {
        WidgetInfo::labeled(
            Role::Canvas,
            true,
            "Needs map. Drag the background to move it, scroll to zoom, double-click an arc to add a note there.",
        )
    });
    navigate(ui, state, &scene, rect, &background);
    titles_for_screen_readers(ui, &scene, state.viewport, rect);

    let view = state.viewport;
    let base_id = ui.scope_id().with("needs map");
    let markers: Vec<egui::Response> = scene
        .links
        .iter()
        .map(|placed| {
            let size = Vec2::splat((2.0 * MARKER_RADIUS * view.zoom).max(24.0));
            let hit = Rect::from_center_size(view.to_screen(placed.marker), size).intersect(rect);
            let response = ui.interact(hit, base_id.with(("link", placed.link.id)), Sense::click());
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, link_label(session, placed.link)));
            response
        })
        .collect();
    let cards: Vec<egui::Response> = scene
        .notes
        .iter()
        .map(|placed| {
            let hit = view.rect_to_screen(placed.card).intersect(rect);
            let response = ui.interact(hit, base_id.with(("note", placed.note.id)), Sense::click_and_drag());
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, note_label(session, placed)));
            response.on_hover_text(&placed.note.text).on_hover_cursor(CursorIcon::Grab)
        })
        .collect();
    let dots: Vec<egui::Response> = scene
        .notes
        .iter()
        .map(|placed| {
            let centre = view.to_screen(scene.frame.arc(placed.arc).link_anchor(placed.along));
            let size = Vec2::splat((3.0 * DOT_RADIUS * view.zoom).max(22.0));
            let hit = Rect::from_center_size(centre, size).intersect(rect);
            let response = ui.interact(hit, base_id.with(("dot", placed.note.id)), Sense::drag());
            let target = match placed.arc {
                MapArc::Need => "a source of help",
                MapArc::Help => "a need",
            };
            let label = format!("Link from “{}”: drag to {target}", short(&placed.note.text));
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
            response.on_hover_cursor(CursorIcon::Grab)
        })
        .collect();
    let responses = Responses { background, markers, cards, dots };

    handle_links(ui, session, state, &scene, &responses, intents);
    handle_notes(ui, session, state, &scene, &responses, now, intents);
    handle_background(session, state, &scene, &responses.background);

    paint(&painter, ui, session, state, &scene, &responses, palette);
    if state.draft.is_some() {
        draft_ui(ui, session, state, &scene, now, intents);
    }
}

/// The arcs' titles are painted, so each gets a widget of its own that screen readers can find
/// and read, describing the continuum the arc runs along.
fn titles_for_screen_readers(ui: &Ui, scene: &Scene<'_>, view: Viewport, rect: Rect) {
    for (arc, title) in scene.titles {
        let content = needs_map().arc(arc);
        let stages: Vec<&str> = content.stages.iter().map(|stage| stage.label.as_str()).collect();
        let description = format!("{}: an arc running from {}.", content.title, stages.join(", to "));
        let hit = view.rect_to_screen(title).intersect(rect);
        let response = ui.interact(hit, ui.scope_id().with(("needs map arc title", arc)), Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &description));
    }
}

/// Pan, zoom and fit.
fn navigate(ui: &Ui, state: &mut NeedsMapState, scene: &Scene<'_>, rect: Rect, background: &egui::Response) {
    if background.dragged_by(egui::PointerButton::Primary) || background.dragged_by(egui::PointerButton::Middle) {
        state.viewport.origin += background.drag_delta();
        state.follow_fit = false;
    }
    if background.contains_pointer() || ui.rect_contains_pointer(rect) {
        let (scroll, pinch, pointer) =
            ui.input(|input| (input.smooth_scroll_delta, input.zoom_delta(), input.pointer.hover_pos()));
        if let Some(pointer) = pointer.filter(|pointer| rect.contains(*pointer)) {
            let factor = pinch * (scroll.y * 0.002).exp();
            if (factor - 1.0).abs() > 1e-4 {
                state.viewport.zoom_about(pointer, factor);
                state.follow_fit = false;
            }
        }
    }
    if state.follow_fit && state.drag.is_none() {
        state.viewport = Viewport::fitting(scene.content, rect, FIT_MARGIN, MAX_FIT_ZOOM);
    }
}

fn handle_links(
    ui: &Ui,
    session: &Session,
    state: &mut NeedsMapState,
    scene: &Scene<'_>,
    responses: &Responses,
    intents: &mut Intents,
) {
    for (placed, response) in scene.links.iter().zip(&responses.markers) {
        let link = placed.link;
        if response.clicked() || response.secondary_clicked() {
            state.selection = Some(Selection::Link(link.id));
        }
        response.context_menu(|ui| {
            ui.label(link_label(session, link));
            ui.separator();
            for kind in LinkKind::ALL {
                if ui.radio(link.kind == kind, kind.label()).clicked() && link.kind != kind {
                    intents.edit(Edit::UpdateLink(Link { kind, ..link.clone() }));
                    ui.close();
                }
            }
            ui.separator();
            if ui.button("Remove link").clicked() {
                intents.edit(Edit::RemoveLink(link.id));
                ui.close();
            }
        });
    }
    // A link is also drawn out of a note's dot and dropped on a note on the other arc.
    for (placed, response) in scene.notes.iter().zip(&responses.dots) {
        if response.drag_started() {
            state.drag = Some(MapDrag::Link { from: placed.note.id });
            state.selection = Some(Selection::Note(placed.note.id));
        }
        if response.drag_stopped() && state.drag == Some(MapDrag::Link { from: placed.note.id }) {
            state.drag = None;
            let pointer = ui.input(|input| input.pointer.interact_pos()).map(|pos| state.viewport.to_map(pos));
            let other_arc = match placed.arc {
                MapArc::Need => MapArc::Help,
                MapArc::Help => MapArc::Need,
            };
            if let Some(target) = pointer.and_then(|point| scene.note_at(point, other_arc)) {
                let (need, help) = match placed.arc {
                    MapArc::Need => (placed.note.id, target.note.id),
                    MapArc::Help => (target.note.id, placed.note.id),
                };
                state.selection = Some(Selection::Link(link_or_existing(session, need, help, intents)));
            }
        }
    }
}

/// Link `need` to `help` (as "meets this need now", the usual first answer in the room) unless
/// they are linked already; returns the link's id either way.
pub(super) fn link_or_existing(
    session: &Session,
    need: NoteId,
    help: NoteId,
    intents: &mut Intents,
) -> crate::model::LinkId {
    if let Some(existing) = session.links.iter().find(|link| link.need == need && link.help == help) {
        return existing.id;
    }
    let link = Link::new(need, help, LinkKind::MeetsNow);
    let id = link.id;
    intents.edit(Edit::InsertLink { index: session.links.len(), link });
    id
}

fn handle_notes(
    ui: &Ui,
    session: &Session,
    state: &mut NeedsMapState,
    scene: &Scene<'_>,
    responses: &Responses,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    for (placed, response) in scene.notes.iter().zip(&responses.cards) {
        let id = placed.note.id;
        let shape = scene.frame.arc(placed.arc);
        if response.clicked() || response.secondary_clicked() || response.drag_started() {
            state.selection = Some(Selection::Note(id));
            response.request_focus();
        }
        if response.gained_focus() {
            // Reaching a note with Tab selects it, so the panel and the keys act on it.
            state.selection = Some(Selection::Note(id));
        }
        if response.double_clicked() {
            state.focus_note_text = true;
            state.show_answers = true;
        }
        let pointer_along = || {
            ui.input(|input| input.pointer.interact_pos()).map(|pos| shape.along_nearest(state.viewport.to_map(pos)))
        };
        if response.drag_started()
            && let Some(along) = pointer_along()
        {
            state.drag = Some(MapDrag::Move { id, grab: along - placed.along });
        }
        if response.dragged()
            && let Some(MapDrag::Move { id: dragged, grab }) = state.drag
            && dragged == id
            && let Some(along) = pointer_along()
        {
            let along = (along - grab).clamp(0.0, 1.0);
            if (along - placed.along).abs() > 1e-4 {
                let placement = Placement::Map { arc: placed.arc, along };
                intents.edit_in(Edit::MoveNote { id, placement }, format!("map.move.{id}"));
            }
        }
        if response.drag_stopped() && matches!(state.drag, Some(MapDrag::Move { id: dragged, .. }) if dragged == id) {
            state.drag = None;
            intents.push(Intent::EndGesture);
        }
        if response.has_focus() {
            nudge_with_arrows(ui, response, placed, intents);
        }
        if response.lost_focus() {
            intents.push(Intent::EndGesture);
        }
        response.context_menu(|ui| note_menu_ui(ui, session, state, placed, now, intents));
    }
}

/// Left and right arrows slide the focused note along its arc (Shift for small steps), for
/// people who do not use a mouse. A run of presses is one undo step.
fn nudge_with_arrows(ui: &Ui, response: &egui::Response, placed: &PlacedNote<'_>, intents: &mut Intents) {
    let filter = egui::EventFilter { horizontal_arrows: true, ..Default::default() };
    ui.memory_mut(|memory| memory.set_focus_lock_filter(response.id, filter));
    let (left, right, fine) = ui.input_mut(|input| {
        let fine = input.modifiers.shift;
        let left = input.consume_key(Modifiers::NONE, Key::ArrowLeft);
        let right = input.consume_key(Modifiers::NONE, Key::ArrowRight);
        (left, right, fine)
    });
    let step = if fine { 0.005 } else { 0.02 };
    let delta = match (left, right) {
        (true, false) => -step,
        (false, true) => step,
        _ => return,
    };
    let along = (placed.along + delta).clamp(0.0, 1.0);
    let id = placed.note.id;
    intents.edit_in(
        Edit::MoveNote { id, placement: Placement::Map { arc: placed.arc, along } },
        format!("map.nudge.{id}"),
    );
}

fn note_menu_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut NeedsMapState,
    placed: &PlacedNote<'_>,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    let note = placed.note;
    ui.label(short(&note.text));
    ui.separator();
    if ui.button("Edit text").clicked() {
        state.selection = Some(Selection::Note(note.id));
        state.focus_note_text = true;
        state.show_answers = true;
        ui.close();
    }
    if ui.button("Link to…").clicked() {
        state.selection = Some(Selection::Note(note.id));
        state.choosing_link = true;
        ui.close();
    }
    ui.menu_button("Organisation", |ui| {
        if let Some(organisation) = organisation_picker(
            ui,
            session,
            ("map note menu organisation", note.id),
            "Organisation of this note",
            note.organisation,
        ) {
            intents.edit(Edit::SetNoteOrganisation { id: note.id, organisation, at: now });
            ui.close();
        }
    });
    ui.separator();
    if ui.button("Delete note").clicked() {
        intents.edit(Edit::DeleteNote(note.id));
        ui.close();
    }
}

fn handle_background(session: &Session, state: &mut NeedsMapState, scene: &Scene<'_>, background: &egui::Response) {
    let Some(pointer) = background.interact_pointer_pos() else { return };
    let point = state.viewport.to_map(pointer);
    if background.double_clicked() {
        let reach = BAND_WIDTH / 2.0 + 40.0 / state.viewport.zoom;
        if let Some((arc, along)) = scene.frame.arc_near(point, reach) {
            state.start_draft(session, arc, Some(along));
        }
    } else if background.clicked() {
        let screen_reach = LINK_REACH / state.viewport.zoom;
        let nearest = scene
            .links
            .iter()
            .map(|placed| (placed, distance_to_polyline(&curve_polyline(&placed.curve, 32), point)))
            .filter(|(_, distance)| *distance <= screen_reach)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        state.selection = nearest.map(|(placed, _)| Selection::Link(placed.link.id));
        state.draft = None;
    }
}

// ---------------------------------------------------------------------------------------------
// Painting

fn paint(
    painter: &Painter,
    ui: &Ui,
    session: &Session,
    state: &NeedsMapState,
    scene: &Scene<'_>,
    responses: &Responses,
    palette: MapPalette,
) {
    let view = state.viewport;
    painter.rect_filled(painter.clip_rect(), 0.0, palette.background);
    let content = needs_map();
    for arc in [MapArc::Need, MapArc::Help] {
        paint_band(painter, &view, scene.frame.arc(arc), content.arc(arc), palette);
    }
    for placed in &scene.notes {
        paint_leader(painter, &view, scene.frame.arc(placed.arc), placed, palette);
    }
    for arc in [MapArc::Need, MapArc::Help] {
        paint_stages(painter, &view, scene.frame.arc(arc), content.arc(arc), palette);
    }
    if scene.notes.is_empty() {
        let hint = "Double-click an arc to put a note there, or use “Add a need” (N) and “Add a source of help” (H).";
        let mut job = LayoutJob::simple(
            hint.to_owned(),
            FontId::proportional(24.0 * view.zoom),
            palette.quiet,
            1000.0 * view.zoom,
        );
        job.halign = egui::Align::Center;
        let galley = painter.layout_job(job);
        // A centred galley's rows are centred on its own x = 0.
        let middle = view.to_screen(scene.frame.centre());
        painter.galley(middle - vec2(0.0, galley.size().y / 2.0), galley, palette.quiet);
    }
    for (arc, rect) in scene.titles {
        let galley = title_galley(painter, arc, palette, view.zoom);
        // A right-aligned galley's rows end at its own x = 0, so it is placed by its right edge.
        let anchor = view.to_screen(pos2(rect.right(), rect.top()));
        painter.galley(anchor, galley, palette.text);
    }

    let selected_note = match state.selection {
        Some(Selection::Note(id)) => Some(id),
        _ => None,
    };
    for (placed, marker) in scene.links.iter().zip(&responses.markers) {
        let touches_selection = selected_note.is_none_or(|id| placed.link.need == id || placed.link.help == id);
        let selected = state.selection == Some(Selection::Link(placed.link.id));
        let emphasis = if selected || marker.hovered() {
            LinkEmphasis::Strong
        } else if touches_selection {
            LinkEmphasis::Normal
        } else {
            LinkEmphasis::Faded
        };
        paint_link(painter, &view, placed, emphasis, palette);
    }

    if let Some(MapDrag::Link { from }) = state.drag
        && let Some(placed) = scene.note(from)
        && let Some(pointer) = ui.input(|input| input.pointer.latest_pos())
    {
        let shape = scene.frame.arc(placed.arc);
        let start = view.to_screen(shape.link_anchor(placed.along));
        let curve = curve_between(start, -shape.outward_at(placed.along), pointer, shape.outward_at(placed.along));
        let points = curve_polyline(&curve, 32);
        painter.add(Shape::line(points, Stroke::new(4.0, palette.selection)));
        let other_arc = match placed.arc {
            MapArc::Need => MapArc::Help,
            MapArc::Help => MapArc::Need,
        };
        if let Some(target) = scene.note_at(view.to_map(pointer), other_arc) {
            let card = view.rect_to_screen(target.card).expand(4.0);
            painter.rect_stroke(card, 10.0, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
        }
    }

    for placed in &scene.notes {
        paint_dot(painter, &view, scene.frame.arc(placed.arc), placed, session, palette);
    }
    for (placed, response) in scene.notes.iter().zip(&responses.cards) {
        let selected = state.selection == Some(Selection::Note(placed.note.id));
        paint_card(painter, &view, session, placed, selected, response, palette);
    }
    for (placed, response) in scene.notes.iter().zip(&responses.dots) {
        if response.hovered() || response.dragged() {
            let centre = view.to_screen(scene.frame.arc(placed.arc).link_anchor(placed.along));
            painter.circle_stroke(centre, (DOT_RADIUS + 5.0) * view.zoom, Stroke::new(3.0, palette.selection));
        }
    }
    for (placed, response) in scene.links.iter().zip(&responses.markers) {
        let selected = state.selection == Some(Selection::Link(placed.link.id));
        paint_marker(painter, &view, placed, selected || response.hovered(), palette);
    }
}

fn paint_band(painter: &Painter, view: &Viewport, shape: &ArcShape, content: &ArcContent, palette: MapPalette) {
    let points: Vec<Pos2> = (0..=64).map(|step| view.to_screen(shape.point_at(step as f32 / 64.0))).collect();
    painter.add(Shape::line(points, Stroke::new(BAND_WIDTH * view.zoom, palette.band(shape.arc))));
    for stage in content.stages.iter().filter(|stage| stage.from > 0.0) {
        // A notch in the band where one stage of the continuum gives way to the next.
        let centre = shape.point_at(stage.from);
        let across = shape.outward_at(stage.from) * (BAND_WIDTH / 2.0 + 1.0);
        let ends = [view.to_screen(centre - across), view.to_screen(centre + across)];
        painter.line_segment(ends, Stroke::new(3.0 * view.zoom, palette.background));
    }
}

/// Each stage's name and the guide's examples for it, written inside the band along the arc.
fn paint_stages(painter: &Painter, view: &Viewport, shape: &ArcShape, content: &ArcContent, palette: MapPalette) {
    let guide = needs_map();
    for (index, stage) in content.stages.iter().enumerate() {
        let middle = stage.middle();
        let width = (shape.point_at(stage.to).x - shape.point_at(stage.from).x - 24.0) * view.zoom;
        let mut examples = format!("e.g. {}", stage.examples.join(" · "));
        if shape.arc == MapArc::Need && index == 0 {
            examples.push_str(&format!(" {} {}", guide.vulnerable_heading, guide.vulnerable_groups.join(" · ")));
        }
        let format = |size: f32, color: Color32| TextFormat {
            font_id: FontId::proportional(size * view.zoom),
            color,
            ..TextFormat::default()
        };
        let mut job = LayoutJob::default();
        job.append(&stage.label, 0.0, format(STAGE_SIZE, palette.text));
        job.append(&format!("\n{examples}"), 0.0, format(EXAMPLE_SIZE, palette.band_text_quiet(shape.arc)));
        job.wrap = TextWrapping { max_width: width, max_rows: 5, ..TextWrapping::default() };
        job.halign = egui::Align::Center;
        let galley = painter.layout_job(job);
        let angle = shape.tangent_at(middle).angle();
        let centre = view.to_screen(shape.point_at(middle));
        // A centred galley's rows are centred on its own x = 0.
        let pos = centre - vec2(0.0, galley.size().y / 2.0);
        painter.add(TextShape::new(pos, galley, palette.text).with_angle_and_anchor(angle, Align2::CENTER_CENTER));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkEmphasis {
    Faded,
    Normal,
    Strong,
}

fn paint_link(
    painter: &Painter,
    view: &Viewport,
    placed: &PlacedLink<'_>,
    emphasis: LinkEmphasis,
    palette: MapPalette,
) {
    let kind = placed.link.kind;
    let mut colour = palette.link(kind);
    if emphasis == LinkEmphasis::Faded {
        colour = colour.gamma_multiply(0.25);
    }
    let curve = placed.curve.map(|point| view.to_screen(point));
    let points = curve_polyline(&curve, 40);
    if emphasis == LinkEmphasis::Strong {
        let halo = Stroke::new(12.0 * view.zoom.max(0.5), palette.selection.gamma_multiply(0.45));
        painter.add(Shape::line(points.clone(), halo));
    }
    painter.extend(link_shapes(&points, kind, colour, view.zoom));
}

/// The marker in a link's middle: a drawn tick or plus in a disc, or the word "gap", so the kind
/// reads without colour and the link has something to click.
fn paint_marker(painter: &Painter, view: &Viewport, placed: &PlacedLink<'_>, strong: bool, palette: MapPalette) {
    let kind = placed.link.kind;
    let colour = palette.link(kind);
    let centre = view.to_screen(placed.marker);
    let radius = MARKER_RADIUS * view.zoom;
    let stroke = Stroke::new(if strong { 4.0 } else { 2.0 } * view.zoom.max(0.5), colour);
    if kind == LinkKind::Gap {
        let galley = wrapped(painter, "gap", 15.0 * view.zoom, colour, f32::INFINITY, 1);
        let chip = Rect::from_center_size(centre, vec2(galley.size().x + 12.0 * view.zoom, 2.0 * radius));
        painter.rect(chip, radius, palette.background, stroke, StrokeKind::Inside);
        painter.galley(centre - galley.size() / 2.0, galley, colour);
    } else {
        painter.circle(centre, radius, palette.background, stroke);
        let icon = Rect::from_center_size(centre, Vec2::splat(radius * 1.1));
        paint_status_icon(painter, icon, status_of_kind(kind), colour);
    }
}

/// The line from a card to its spot on the arc, carried faintly across the band to the dot its
/// links leave from, under the band's writing.
fn paint_leader(painter: &Painter, view: &Viewport, shape: &ArcShape, placed: &PlacedNote<'_>, palette: MapPalette) {
    let width = 2.0 * view.zoom.max(0.5);
    let start = view.to_screen(card_inner_edge(shape, placed.card, placed.along));
    let band_edge = view.to_screen(shape.leader_end(placed.along));
    let anchor = view.to_screen(shape.link_anchor(placed.along));
    painter.line_segment([start, band_edge], Stroke::new(width, palette.quiet));
    painter.line_segment([band_edge, anchor], Stroke::new(width, palette.quiet.gamma_multiply(0.35)));
}

/// The dot a note's links leave from, in the organisation's colour.
fn paint_dot(
    painter: &Painter,
    view: &Viewport,
    shape: &ArcShape,
    placed: &PlacedNote<'_>,
    session: &Session,
    palette: MapPalette,
) {
    let fill =
        organisation_fill(placed.note.organisation.and_then(|id| session.organisation(id)).map(|org| org.colour));
    let centre = view.to_screen(shape.link_anchor(placed.along));
    painter.circle(centre, DOT_RADIUS * view.zoom, fill, Stroke::new(2.0 * view.zoom.max(0.5), palette.text));
}

fn paint_card(
    painter: &Painter,
    view: &Viewport,
    session: &Session,
    placed: &PlacedNote<'_>,
    selected: bool,
    response: &egui::Response,
    palette: MapPalette,
) {
    let zoom = view.zoom;
    let card = view.rect_to_screen(placed.card);
    let radius = (6.0 * zoom).clamp(2.0, 255.0) as u8;
    let note = placed.note;
    let border = match placed.status {
        Some(status) if status.is_unmet() => Stroke::new(3.0 * zoom.max(0.5), palette.status(status).0),
        _ => Stroke::new(1.0, palette.quiet.gamma_multiply(0.6)),
    };
    painter.rect_filled(card, radius, palette.paper(placed.arc));
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let stripe = Rect::from_min_size(card.min, vec2(STRIPE_WIDTH * zoom, card.height()));
    painter.rect_filled(
        stripe,
        CornerRadius { nw: radius, sw: radius, ne: 0, se: 0 },
        organisation_fill(organisation.map(|org| org.colour)),
    );

    let inner_left = card.left() + (STRIPE_WIDTH + CARD_PADDING) * zoom;
    // A little extra width, so rounding at this zoom never wraps into more rows than were
    // measured when the card was sized.
    let text_width = CARD_TEXT_WIDTH * zoom * 1.03;
    let text = card_text(painter, session, note, palette, zoom, text_width, placed.text_rows);
    let mut cursor = pos2(inner_left, card.top() + CARD_PADDING * zoom);
    let text_height = text.size().y;
    painter.galley(cursor, text, palette.text);
    cursor.y += text_height;
    if placed.has_tags {
        cursor.y += 4.0 * zoom;
        let tags = wrapped(painter, &tags_line(note), SMALL_TEXT_SIZE * zoom, palette.quiet, text_width, 2);
        painter.galley(cursor, tags, palette.quiet);
    }

    if let Some(status) = placed.status {
        let (fill, ink) = palette.status(status);
        let strip = Rect::from_min_max(pos2(stripe.right(), card.bottom() - STATUS_HEIGHT * zoom), card.max);
        painter.rect_filled(strip, CornerRadius { nw: 0, ne: 0, sw: 0, se: radius }, fill);
        let icon_size = STATUS_HEIGHT * 0.55 * zoom;
        let icon = Rect::from_center_size(
            pos2(strip.left() + CARD_PADDING * zoom + icon_size / 2.0, strip.center().y),
            Vec2::splat(icon_size),
        );
        paint_status_icon(painter, icon, status, ink);
        let words = wrapped(painter, status.label(), (SMALL_TEXT_SIZE + 1.0) * zoom, ink, strip.width(), 1);
        painter.galley(pos2(icon.right() + 6.0 * zoom, strip.center().y - words.size().y / 2.0), words, ink);
    }
    painter.rect_stroke(card, radius, border, StrokeKind::Inside);

    if selected {
        painter.rect_stroke(card.expand(3.0), radius, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
    } else if response.has_focus() {
        // The keyboard's place, told apart from the selection by weight and colour.
        painter.rect_stroke(card.expand(3.0), radius, Stroke::new(2.0, palette.text), StrokeKind::Outside);
    } else if response.hovered() {
        painter.rect_stroke(card.expand(2.0), radius, Stroke::new(2.0, palette.selection), StrokeKind::Outside);
    }
}

// ---------------------------------------------------------------------------------------------
// Writing a new note

fn draft_ui(
    ui: &Ui,
    session: &Session,
    state: &mut NeedsMapState,
    scene: &Scene<'_>,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    let Some(draft) = &mut state.draft else { return };
    let shape = scene.frame.arc(draft.arc);
    let spot = state.viewport.to_screen(shape.point_at(draft.along));
    let outward = shape.outward_at(draft.along);
    let pivot = if outward.y < 0.0 { Align2::CENTER_BOTTOM } else { Align2::CENTER_TOP };
    ui.painter().circle(
        spot,
        DOT_RADIUS * state.viewport.zoom.max(0.6),
        Color32::TRANSPARENT,
        Stroke::new(3.0, MapPalette::new(ui.visuals()).selection),
    );

    let (title, hint) = match draft.arc {
        MapArc::Need => ("New need", "What is the need?"),
        MapArc::Help => ("New source of help", "Who or what could help?"),
    };
    let stage = needs_map().arc(draft.arc).stage_at(draft.along).map_or("", |stage| stage.label.as_str());
    let mut outcome = DraftOutcome::Open;
    egui::Area::new(Id::unique("needs map draft"))
        .order(egui::Order::Foreground)
        .fixed_pos(spot + outward * 24.0)
        .pivot(pivot)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(420.0);
                let label = ui.label(egui::RichText::new(title).strong().size(22.0));
                ui.label(egui::RichText::new(format!("at {stage}")).weak());
                let field = ui
                    .add(egui::TextEdit::singleline(&mut draft.text).hint_text(hint).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if !draft.focus_requested {
                    field.request_focus();
                    draft.focus_requested = true;
                }
                if field.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)) {
                    outcome = DraftOutcome::Add;
                }
                ui.horizontal(|ui| {
                    ui.label("Organisation");
                    if let Some(choice) = organisation_picker(
                        ui,
                        session,
                        "needs map draft organisation",
                        "Organisation of the new note",
                        draft.organisation,
                    ) {
                        draft.organisation = choice;
                    }
                });
                ui.horizontal(|ui| {
                    let author = ui.label("Author");
                    ui.add(egui::TextEdit::singleline(&mut draft.author).hint_text("Anonymous").desired_width(220.0))
                        .labelled_by(author.id);
                });
                ui.horizontal(|ui| {
                    if ui.button("Add").on_hover_text("Or press Enter in the text").clicked() {
                        outcome = DraftOutcome::Add;
                    }
                    if ui.button("Cancel").on_hover_text("Or press Escape").clicked() {
                        outcome = DraftOutcome::Cancel;
                    }
                });
            });
        });
    if ui.input(|input| input.key_pressed(Key::Escape)) && !ui.ctx().any_popup_open() {
        outcome = DraftOutcome::Cancel;
    }
    match outcome {
        DraftOutcome::Open => {}
        DraftOutcome::Cancel => state.draft = None,
        DraftOutcome::Add => add_draft(session, state, now, intents),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DraftOutcome {
    Open,
    Add,
    Cancel,
}

fn add_draft(session: &Session, state: &mut NeedsMapState, now: OffsetDateTime, intents: &mut Intents) {
    let Some(draft) = state.draft.take() else { return };
    let text = draft.text.trim();
    if text.is_empty() {
        // Nothing to add yet: keep the box open and the cursor in it.
        state.draft = Some(MapNoteDraft { focus_requested: false, ..draft });
        return;
    }
    let mut note = Note::new(text, Placement::Map { arc: draft.arc, along: draft.along }, now);
    let author = draft.author.trim();
    note.author = (!author.is_empty()).then(|| author.to_owned());
    note.organisation = draft.organisation;
    state.selection = Some(Selection::Note(note.id));
    state.last_organisation = draft.organisation;
    state.last_author = author.to_owned();
    intents.edit(Edit::InsertNote { index: session.notes.len(), note });
}
