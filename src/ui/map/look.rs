//! How the console and the projection paint the map: the canvas's painter
//! ([`crate::canvas::map::paint`]), told what is selected and what the pointer and keyboard are
//! on, with the links drawn from the kept mesh (on the graphics card where there is one).

use super::canvas::Responses;
use super::{MapDrag, NeedsMapState, gpu_links};
use crate::canvas::map::mesh::{KeptMeshTarget, paint_kept_links};
use crate::canvas::map::paint::{
    HiddenNotes, Highlights, MapLook, link_and_dot_shapes, paint_above_links, paint_beneath_links, paint_highlights,
};
use crate::canvas::map::scene::Scene;
use crate::canvas::map::style::MapPalette;
use crate::canvas::viewport::Viewport;
use crate::model::Session;
use egui::{Response, Ui};

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
        leaders_within: None,
        detail: responses.detail,
    };
    let mut highlights = Highlights {
        link_drag: match state.drag {
            Some(MapDrag::Link { from }) => ui.input(|input| input.pointer.latest_pos()).map(|pointer| (from, pointer)),
            _ => None,
        },
        ..Highlights::default()
    };
    for (index, response) in with_widgets(&responses.markers) {
        if response.hovered() {
            highlights.hovered_links.push(scene.links[index].link.id);
        }
    }
    for (index, response) in with_widgets(&responses.cards) {
        let id = scene.notes[index].note.id;
        if response.has_focus() {
            highlights.focused_note.get_or_insert(id);
        }
        if response.hovered() {
            highlights.hovered_note.get_or_insert(id);
        }
    }
    for (index, response) in with_widgets(&responses.dots) {
        if response.hovered() || response.dragged() {
            highlights.hovered_dots.push(scene.notes[index].note.id);
        }
    }
    for (index, response) in with_widgets(&responses.headings) {
        if response.hovered() || response.has_focus() || response.dragged() {
            highlights.highlighted_group.get_or_insert(scene.groups[index].group.id);
        }
    }
    // Where the links are thin lines (zoomed far out, or crowded) and the map is kept as tiles,
    // what is painted live stands in for the tiles until they come (a zoom, a new look, a note
    // dragged): its links are drawn coarse.
    let coarse = !state.mode.is_projected() && !look.detail.links_in_full && state.kept_tiles.stand_in(ui.ctx());
    if !state.mode.is_projected() {
        // Everything but the highlights, kept as tiles while it stays the same (where the map is
        // kept so: drawn by glow, on a computer without a graphics card).
        let key = || {
            format!(
                "{:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {}",
                state.scene_cache.made_for(),
                state.arc_width,
                look.view.zoom,
                look.detail,
                look.selection,
                look.shown_vote,
                look.hidden,
                look.palette,
                painter.clip_rect(),
                ui.ctx().pixels_per_point(),
            )
        };
        // A note or a group moving under the pointer changes the map every frame.
        let settled = !matches!(state.drag, Some(MapDrag::Move { .. } | MapDrag::Group { .. }));
        // Where only the leaders of the cards on the canvas are drawn (zoomed far out, or
        // crowded), the picture depends on what is on the canvas.
        let pan_sensitive = !look.detail.every_leader;
        let kept =
            state.kept_tiles.paint(painter, key, look.view.origin, settled, pan_sensitive, |aside, origin, within| {
                let look = MapLook { view: Viewport { origin, ..look.view }, leaders_within: Some(within), ..look };
                paint_beneath_links(aside, session, scene, &look);
                // The links as shapes, which each tile tessellates for itself: a kept mesh here was
                // a copy of every link's triangles over the tiles' whole area, held while they are
                // made (zooming into the 10,000-note map peaked some 25 MB higher with it).
                aside.extend(link_and_dot_shapes(session, scene, &look, aside.clip_rect()));
                paint_above_links(aside, session, scene, &look, &Highlights::default());
            });
        if let Some(kept) = kept {
            let look = MapLook {
                view: Viewport { origin: kept.origin, ..look.view },
                leaders_within: Some(kept.made_within),
                ..look
            };
            if let Some(missing) = kept.missing {
                // Tiles not ready yet: that part painted as they will show it.
                let part = painter.with_clip_rect(missing);
                let laid_out_for = (state.scene_cache.made_for(), state.arc_width);
                paint_beneath_links(&part, session, scene, &look);
                let (meshes, target) = if coarse {
                    (&mut state.stand_in_link_meshes, KeptMeshTarget::EguiCoarse)
                } else {
                    (&mut state.link_meshes, KeptMeshTarget::EguiChunks)
                };
                paint_kept_links(&part, session, scene, &look, meshes, laid_out_for, target);
                paint_above_links(&part, session, scene, &look, &Highlights::default());
            }
            paint_highlights(painter, session, scene, &look, &highlights);
            return;
        }
    }
    paint_beneath_links(painter, session, scene, &look);
    let on_the_card = |links| egui::Shape::Callback(gpu_links::kept_mesh_callback(links));
    let (meshes, target) = if gpu_links::available(ui.ctx()) {
        (&mut state.link_meshes, KeptMeshTarget::OnTheCard(&on_the_card))
    } else if coarse {
        (&mut state.stand_in_link_meshes, KeptMeshTarget::EguiCoarse)
    } else {
        (&mut state.link_meshes, KeptMeshTarget::Egui)
    };
    let laid_out_for = (state.scene_cache.made_for(), state.arc_width);
    paint_kept_links(painter, session, scene, &look, meshes, laid_out_for, target);
    paint_above_links(painter, session, scene, &look, &highlights);
}

/// Each response there is, with its place in the scene's list: only what is on screen has a
/// widget (see [`Responses`]).
fn with_widgets(responses: &[Option<Response>]) -> impl Iterator<Item = (usize, &Response)> {
    responses.iter().enumerate().filter_map(|(index, response)| Some((index, response.as_ref()?)))
}
