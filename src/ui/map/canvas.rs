//! The map canvas: both arcs, the notes on them and the links between them, drawn from a borrowed
//! session, with pan, zoom, fit, dragging notes along their arcs and dragging out links.

use super::draft::draft_ui;
use super::look::paint;
use super::{MapDrag, NeedsMapState, Selection};
use crate::canvas::map::geometry::{BAND_WIDTH, curve_polyline, distance_to_polyline};
use crate::canvas::map::paint::{DETAIL_ZOOM, MapDetail};
use crate::canvas::map::scene::{DOT_RADIUS, FIT_MARGIN, MARKER_RADIUS, MAX_FIT_ZOOM, PlacedNote, Scene};
use crate::canvas::map::style::MapPalette;
use crate::guide::map::needs_map;
use crate::model::{Edit, Link, LinkKind, MapArc, Note, NoteGroup, NoteId, Placement, Session};
use crate::ui::groups::{heading_label, heading_menu_ui, note_menu_items};
use crate::ui::intents::{Intent, Intents};
use crate::ui::notes_view::short;
use crate::ui::plan_view::action_from_link;
use crate::ui::viewport::{Viewport, pan_and_zoom};
use crate::ui::vote::dots_words;
use crate::ui::widgets::organisation_picker;
use egui::accesskit::Role;
use egui::{CursorIcon, Key, Modifiers, Rect, Sense, Ui, Vec2, WidgetInfo};
use time::OffsetDateTime;

/// How far (screen points) from a link's curve a click still selects it.
const LINK_REACH: f32 = 10.0;

/// The words a screen reader says for a note, and that tests find it by. On the projection a
/// hidden note says only that it is hidden.
fn note_label(session: &Session, placed: &PlacedNote<'_>, dots: Option<u32>, projected: bool) -> String {
    let note = placed.note;
    let kind = match placed.arc {
        MapArc::Need => "Need",
        MapArc::Help => "Source of help",
    };
    if note.hidden && projected {
        return format!("Hidden note: a {} not revealed yet.", kind.to_lowercase());
    }
    let kind =
        if note.hidden { format!("Hidden {} (blank on the projection)", kind.to_lowercase()) } else { kind.to_owned() };
    let stage = needs_map().arc(placed.arc).stage_at(placed.along).map_or("", |stage| stage.label.as_str());
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let who = organisation
        .map_or_else(|| "no organisation".to_owned(), |org| format!("{} ({})", org.name, org.short_label()));
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
    if let Some(group) = note.group.and_then(|id| session.group(id)) {
        label.push_str(&format!(" In the group “{}”.", group.display_heading()));
    }
    if let Some(dots) = dots {
        label.push_str(&format!(" {} in the vote.", dots_words(dots)));
    }
    label
}

fn link_label(session: &Session, link: &Link) -> String {
    let text = |id| session.note(id).map_or_else(String::new, |note: &Note| short(&note.text));
    format!("Link from need “{}” to “{}”: {}", text(link.need), text(link.help), link.kind.label())
}

/// Per-frame responses of the widgets on the canvas. Only what is on screen gets a widget (`None`
/// for the rest), so a frame costs what is in view, not what is on the map.
pub(super) struct Responses {
    /// How much of the map the widgets were made for, and is painted: worked out once a frame.
    pub(super) detail: MapDetail,
    /// The canvas itself: panning, double-clicks on an arc, clicks on a link's curve.
    pub(super) background: egui::Response,
    /// Each link's marker, in the order of the scene's links; markers are not drawn, nor
    /// clickable, where links are not drawn in full (below [`DETAIL_ZOOM`], or too many crossing
    /// the screen: see [`MapDetail`]); the link's curve still is clickable.
    pub(super) markers: Vec<Option<egui::Response>>,
    /// Each note's card, in the order of the scene's notes (none while folded in its group).
    pub(super) cards: Vec<Option<egui::Response>>,
    /// Each note's dot, where links are dragged out from (not below [`DETAIL_ZOOM`], where dots
    /// are too small to aim at).
    pub(super) dots: Vec<Option<egui::Response>>,
    /// Each group's heading, in the order of the scene's groups.
    pub(super) headings: Vec<Option<egui::Response>>,
}

/// Draw the canvas into `rect` and handle what the person does on it.
pub(super) fn canvas_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    state: &mut NeedsMapState,
    rect: Rect,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    let painter = ui.painter_at(rect);
    let palette = MapPalette::new(ui.visuals());
    if state.follow_fit && state.drag.is_none() {
        state.arc_width = state.scene_cache.best_arc_width(&painter, session, revision, palette, rect);
    }
    let scene = state.scene_cache.scene(&painter, session, revision, palette, state.arc_width);

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
    let detailed = view.zoom >= DETAIL_ZOOM;
    let detail = MapDetail::for_screen(&scene, &view, rect);
    let markers_shown = detail.links_in_full;
    // What is being dragged keeps its widget wherever it is, so the drag can finish.
    let dragged = state.drag.and_then(|drag| match drag {
        MapDrag::Move { id, .. } => Some(id),
        MapDrag::Link { from } => Some(from),
        MapDrag::Group { .. } => None,
    });
    let dragged_group = match state.drag {
        Some(MapDrag::Group { id, .. }) => Some(id),
        _ => None,
    };
    let base_id = ui.scope_id().with("needs map");
    let markers: Vec<Option<egui::Response>> = scene
        .links
        .iter()
        .map(|placed| {
            let size = Vec2::splat((2.0 * MARKER_RADIUS * view.zoom).max(24.0));
            let hit = Rect::from_center_size(view.to_screen(placed.marker), size);
            (markers_shown && hit.intersects(rect)).then(|| {
                let response = ui.interact(hit.intersect(rect), base_id.with(("link", placed.link.id)), Sense::click());
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, link_label(session, placed.link)));
                response
            })
        })
        .collect();
    let cards: Vec<Option<egui::Response>> = scene
        .notes
        .iter()
        .map(|placed| {
            let card = view.rect_to_screen(placed.card);
            // Folded away in its group: nothing to click, nothing for a screen reader to find.
            let wanted = placed.shown && (card.intersects(rect) || dragged == Some(placed.note.id));
            wanted.then(|| {
                let response =
                    ui.interact(card.intersect(rect), base_id.with(("note", placed.note.id)), Sense::click_and_drag());
                let dots = state.voting.dots_shown_on(session, placed.note.id);
                response
                    .widget_info(|| WidgetInfo::labeled(Role::Button, true, note_label(session, placed, dots, false)));
                response.on_hover_text(&placed.note.text).on_hover_cursor(CursorIcon::Grab)
            })
        })
        .collect();
    let headings: Vec<Option<egui::Response>> = scene
        .groups
        .iter()
        .map(|placed| {
            let heading = view.rect_to_screen(placed.heading);
            (heading.intersects(rect) || dragged_group == Some(placed.group.id)).then(|| {
                let response = ui.interact(
                    heading.intersect(rect),
                    base_id.with(("group", placed.group.id)),
                    Sense::click_and_drag(),
                );
                let label = heading_label(placed.group, placed.count);
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                response.on_hover_cursor(CursorIcon::Grab)
            })
        })
        .collect();
    let dots: Vec<Option<egui::Response>> = scene
        .notes
        .iter()
        .map(|placed| {
            let centre = view.to_screen(scene.frame.arc(placed.arc).link_anchor(placed.along));
            let size = Vec2::splat((3.0 * DOT_RADIUS * view.zoom).max(22.0));
            let hit = Rect::from_center_size(centre, size);
            ((detailed && hit.intersects(rect)) || dragged == Some(placed.note.id)).then(|| {
                let response = ui.interact(hit.intersect(rect), base_id.with(("dot", placed.note.id)), Sense::drag());
                let target = match placed.arc {
                    MapArc::Need => "a source of help",
                    MapArc::Help => "a need",
                };
                response.widget_info(|| {
                    let label = format!("Link from “{}”: drag to {target}", short(&placed.note.text));
                    WidgetInfo::labeled(Role::Button, true, &label)
                });
                response.on_hover_cursor(CursorIcon::Grab)
            })
        })
        .collect();
    let responses = Responses { detail, background, markers, cards, dots, headings };

    handle_links(ui, session, state, &scene, &responses, intents);
    handle_groups(ui, session, state, &scene, &responses, intents);
    handle_notes(ui, session, state, &scene, &responses, now, intents);
    handle_background(session, state, &scene, &responses.background);

    paint(&painter, ui, session, state, &scene, &responses, palette);
    paint_focus(&painter, ui, &responses, rect);
    if state.draft.is_some() {
        draft_ui(ui, session, state, &scene, now, intents);
    }
}

/// A ring around whichever of the map's widgets has the keyboard (a link, a note, a group's
/// heading, a note's link dot, or the map itself): the map paints them all itself, so egui would
/// show no focus at all.
fn paint_focus(painter: &egui::Painter, ui: &Ui, responses: &Responses, rect: Rect) {
    if responses.background.has_focus() {
        crate::ui::accessibility::paint_focus_ring(painter, rect.shrink(6.0), ui.visuals());
    }
    let widgets = [&responses.markers, &responses.cards, &responses.headings, &responses.dots];
    for response in widgets.into_iter().flatten().flatten().filter(|response| response.has_focus()) {
        crate::ui::accessibility::paint_focus_ring(painter, response.rect, ui.visuals());
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
    if pan_and_zoom(ui, background, rect, &mut state.viewport) {
        state.follow_fit = false;
    }
    if state.follow_fit && state.drag.is_none() {
        state.viewport = Viewport::fitting_on(scene.content, scene.frame.centre(), rect, FIT_MARGIN, MAX_FIT_ZOOM);
    }
    if let Some(zoom) = state.requested_zoom.take() {
        // Centred on the middle between the arcs, where the links run and the first notes stand
        // (the middle of a large map's fitted view can be empty space between its notes).
        let zoom = zoom.clamp(Viewport::MIN_ZOOM, Viewport::MAX_ZOOM);
        state.viewport = Viewport { zoom, origin: rect.center() - scene.frame.centre().to_vec2() * zoom };
        state.follow_fit = false;
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
        let Some(response) = response else { continue };
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
            if ui.button("Create an action from this link").clicked() {
                intents.edit(action_from_link(session, link));
                ui.close();
            }
            if ui.button("Remove link").clicked() {
                intents.edit(Edit::RemoveLink(link.id));
                ui.close();
            }
        });
    }
    // A link is also drawn out of a note's dot and dropped on a note on the other arc.
    for (placed, response) in scene.notes.iter().zip(&responses.dots) {
        let Some(response) = response else { continue };
        if response.drag_started() {
            state.drag = Some(MapDrag::Link { from: placed.note.id });
            state.selection = Some(Selection::Note(placed.note.id));
        }
        if response.drag_stopped() && state.drag == Some(MapDrag::Link { from: placed.note.id }) {
            state.drag = None;
            let pointer = ui.input(|input| input.pointer.interact_pos()).map(|pos| state.viewport.to_world(pos));
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
        let Some(response) = response else { continue };
        let id = placed.note.id;
        let shape = scene.frame.arc(placed.arc);
        if response.clicked()
            && let Some(casting) = state.voting.casting
        {
            // While a voter is chosen, a click on a note is one of their dots.
            intents.edit(casting.put_dot(id));
        }
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
            ui.input(|input| input.pointer.interact_pos()).map(|pos| shape.along_nearest(state.viewport.to_world(pos)))
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
    note_menu_items(ui, session, note, &mut state.group_dialog, intents);
    ui.separator();
    if ui.button("Delete note").clicked() {
        intents.edit(Edit::DeleteNote(note.id));
        ui.close();
    }
}

/// A group's heading: click to fold or unfold it, drag it to slide the whole group along its
/// arc (its notes keep their distances), right-click to rename or ungroup.
fn handle_groups(
    ui: &Ui,
    session: &Session,
    state: &mut NeedsMapState,
    scene: &Scene<'_>,
    responses: &Responses,
    intents: &mut Intents,
) {
    for (placed, response) in scene.groups.iter().zip(&responses.headings) {
        let Some(response) = response else { continue };
        let group = placed.group;
        let id = group.id;
        if response.clicked() {
            intents.edit(Edit::UpdateGroup(NoteGroup { collapsed: !group.collapsed, ..group.clone() }));
        }
        response.context_menu(|ui| heading_menu_ui(ui, group, intents));
        let shape = scene.frame.arc(placed.arc);
        let pointer_along = || {
            ui.input(|input| input.pointer.interact_pos()).map(|pos| shape.along_nearest(state.viewport.to_world(pos)))
        };
        let first_along = session.group_members(id).next().and_then(|note| match note.placement {
            Placement::Map { along, .. } => Some(along),
            _ => None,
        });
        if response.drag_started()
            && let (Some(along), Some(first)) = (pointer_along(), first_along)
        {
            state.drag = Some(MapDrag::Group { id, grab: along - first });
        }
        if response.dragged()
            && let Some(MapDrag::Group { id: dragged, grab }) = state.drag
            && dragged == id
            && let (Some(along), Some(first)) = (pointer_along(), first_along)
        {
            let along = (along - grab).clamp(0.0, 1.0);
            if (along - first).abs() > 1e-4 {
                let placement = Placement::Map { arc: placed.arc, along };
                intents.edit_in(Edit::MoveGroup { id, placement }, format!("map.group.{id}"));
            }
        }
        if response.drag_stopped() && matches!(state.drag, Some(MapDrag::Group { id: dragged, .. }) if dragged == id) {
            state.drag = None;
            intents.push(Intent::EndGesture);
        }
    }
}

fn handle_background(session: &Session, state: &mut NeedsMapState, scene: &Scene<'_>, background: &egui::Response) {
    let Some(pointer) = background.interact_pointer_pos() else { return };
    let point = state.viewport.to_world(pointer);
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

/// Draw the map for the projection into `rect`: fitted, read-only; notes and links are described
/// for screen readers but are not buttons, since nobody works on the projection.
pub(super) fn projected_canvas_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    state: &mut NeedsMapState,
    rect: Rect,
) {
    let Some(look) = state.mode.projected() else { return };
    let painter = ui.painter_at(rect);
    let palette = MapPalette::projected(look);
    state.arc_width = state.scene_cache.best_arc_width(&painter, session, revision, palette, rect);
    let scene = state.scene_cache.scene(&painter, session, revision, palette, state.arc_width);
    state.viewport = Viewport::fitting_on(scene.content, scene.frame.centre(), rect, FIT_MARGIN, MAX_FIT_ZOOM);
    let view = state.viewport;
    let background = ui.interact(rect, ui.scope_id().with("projected map"), Sense::hover());
    titles_for_screen_readers(ui, &scene, view, rect);
    let base_id = ui.scope_id().with("projected map");
    let detail = MapDetail::for_screen(&scene, &view, rect);
    let markers_shown = detail.links_in_full;
    let described = |id: egui::Id, hit: Rect, label: String| {
        let response = ui.interact(hit.intersect(rect), id, Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &label));
        response
    };
    let markers = scene
        .links
        .iter()
        .map(|placed| {
            let hit =
                Rect::from_center_size(view.to_screen(placed.marker), Vec2::splat(2.0 * MARKER_RADIUS * view.zoom));
            let hidden_end = [placed.link.need, placed.link.help]
                .into_iter()
                .any(|id| session.note(id).is_none_or(|note| note.hidden));
            let label = if hidden_end { "Link to a hidden note".to_owned() } else { link_label(session, placed.link) };
            // Markers are drawn only where the links are drawn in full, as on the console.
            markers_shown.then(|| described(base_id.with(("link", placed.link.id)), hit, label))
        })
        .collect();
    let cards = scene
        .notes
        .iter()
        .map(|placed| {
            // A note folded away in its group has nothing to show or say.
            placed.shown.then(|| {
                let dots = state.voting.dots_shown_on(session, placed.note.id);
                let label = note_label(session, placed, dots, true);
                described(base_id.with(("note", placed.note.id)), view.rect_to_screen(placed.card), label)
            })
        })
        .collect();
    let headings = scene
        .groups
        .iter()
        .map(|placed| {
            let hit = view.rect_to_screen(placed.heading);
            Some(described(base_id.with(("group", placed.group.id)), hit, heading_label(placed.group, placed.count)))
        })
        .collect();
    // The dots are only drawn here: nothing can be dragged out of them, so they have no widgets.
    let dots = scene.notes.iter().map(|_| None).collect();
    let responses = Responses { detail, background, markers, cards, dots, headings };
    paint(&painter, ui, session, state, &scene, &responses, palette);
}
