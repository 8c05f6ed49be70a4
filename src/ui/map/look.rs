//! How the console and the projection paint the map: the canvas's painter
//! ([`crate::canvas::map::paint`]), told what is selected and what the pointer and keyboard are
//! on, with the links drawn from the kept mesh (on the graphics card where there is one).

use super::canvas::Responses;
use super::{MapDrag, NeedsMapState, gpu_links};
use crate::canvas::map::mesh::{KeptMeshTarget, paint_kept_links};
use crate::canvas::map::paint::{HiddenNotes, Highlights, MapLook, paint_above_links, paint_beneath_links};
use crate::canvas::map::scene::Scene;
use crate::canvas::map::style::MapPalette;
use crate::model::{NoteId, Session};
use egui::Ui;

/// Paints the map as the console or the projection shows it: the canvas's painter, given what
/// is selected and what the pointer is over, with the links from the kept mesh.
pub(super) fn paint(
    painter: &egui::Painter,
    ui: &Ui,
    session: &Session,
    state: &mut NeedsMapState,
    scene: &Scene<'_>,
    responses: &Responses,
    palette: MapPalette,
) {
    let look = MapLook {
        palette,
        view: state.viewport,
        selection: state.selection,
        shown_vote: state.voting.totals,
        hidden: if state.mode.is_projected() { HiddenNotes::Blank } else { HiddenNotes::Marked },
        empty_hint: true,
    };
    let each = |responses: &[Option<egui::Response>], test: &dyn Fn(&egui::Response) -> bool| {
        responses.iter().map(move |response| response.as_ref().is_some_and(test)).collect::<Vec<bool>>()
    };
    let hovered_markers = each(&responses.markers, &egui::Response::hovered);
    let focused_cards = each(&responses.cards, &egui::Response::has_focus);
    let hovered_cards = each(&responses.cards, &egui::Response::hovered);
    let hovered_dots = each(&responses.dots, &|response| response.hovered() || response.dragged());
    let highlighted_headings =
        each(&responses.headings, &|response| response.hovered() || response.has_focus() || response.dragged());
    let notes_where = |flags: &[bool]| -> Vec<NoteId> {
        scene.notes.iter().zip(flags).filter(|(_, flag)| **flag).map(|(placed, _)| placed.note.id).collect()
    };
    let highlights = Highlights {
        hovered_links: scene
            .links
            .iter()
            .zip(&hovered_markers)
            .filter(|(_, hovered)| **hovered)
            .map(|(placed, _)| placed.link.id)
            .collect(),
        focused_note: notes_where(&focused_cards).first().copied(),
        hovered_note: notes_where(&hovered_cards).first().copied(),
        hovered_dots: notes_where(&hovered_dots),
        highlighted_group: scene
            .groups
            .iter()
            .zip(&highlighted_headings)
            .find(|(_, highlighted)| **highlighted)
            .map(|(placed, _)| placed.group.id),
        link_drag: match state.drag {
            Some(MapDrag::Link { from }) => ui.input(|input| input.pointer.latest_pos()).map(|pointer| (from, pointer)),
            _ => None,
        },
    };
    paint_beneath_links(painter, session, scene, &look);
    let on_the_card =
        |layer, mesh, offset, rect| egui::Shape::Callback(gpu_links::kept_mesh_callback(layer, mesh, offset, rect));
    let target =
        if gpu_links::available(ui.ctx()) { KeptMeshTarget::OnTheCard(&on_the_card) } else { KeptMeshTarget::Egui };
    let laid_out_for = state.scene_cache.made_for();
    paint_kept_links(painter, session, scene, &look, &mut state.link_meshes, laid_out_for, state.arc_width, target);
    paint_above_links(painter, session, scene, &look, &highlights);
}
