//! The needs map as a picture: the canvas painted in picture mode (light theme, nothing selected
//! or hovered, hidden notes as any other, no hint to click) at its natural size, with the
//! workshop's title and the guide's question above it and the key to the links and the guide's
//! credit below. The exports turn what is painted here into SVG, PNG and PDF; the screen can
//! paint the same picture into a window, which is how the two are checked against each other.

use super::mesh::{KeptMeshTarget, LinkMeshes, paint_kept_links};
use super::paint::{HiddenNotes, Highlights, MapDetail, MapLook, paint_above_links, paint_beneath_links};
use super::scene::{Scene, SceneCache};
use super::style::{MapPalette, link_shapes};
use crate::canvas::viewport::Viewport;
use crate::guide::map::needs_map;
use crate::model::{LinkKind, MapArc, Session};
use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Galley, Painter, Pos2, Rect, Vec2, pos2, vec2};
use std::sync::Arc;

/// Space round the picture's edge.
const MARGIN: f32 = 40.0;
/// The workshop's title above the map.
const HEADING_SIZE: f32 = 30.0;
/// The guide's question under the title.
const QUESTION_SIZE: f32 = 22.0;
/// The key to the line styles and the guide's credit under the map.
const FOOTER_SIZE: f32 = 16.0;
/// The narrowest the words above and below the map are wrapped to, for a nearly empty map.
const MIN_TEXT_WIDTH: f32 = 900.0;
/// The screen the arcs' width is chosen for: pictures go on slides.
const SLIDE: Rect = Rect::from_min_max(Pos2::ZERO, pos2(1920.0, 1080.0));

/// What a painted picture holds, for its size and its description.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPicture {
    /// The picture's size, from the painter's origin.
    pub size: Vec2,
    /// How many needs are on the map.
    pub needs: usize,
    /// How many of them have no support yet (or only gaps).
    pub unmet: usize,
    /// How many sources of help are on the map.
    pub sources: usize,
    /// How many links are drawn.
    pub links: usize,
}

/// How the links of a picture reach the painter.
pub enum PictureLinks<'a> {
    /// As plain shapes, which the exports turn into paths.
    Shapes,
    /// Through a kept mesh, as the console draws them (for checking the screen's path).
    KeptMesh(&'a mut LinkMeshes),
}

/// Text in the picture's frame, wrapped to `width`.
fn frame_text(painter: &Painter, text: &str, size: f32, colour: egui::Color32, width: f32) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat { font_id: FontId::proportional(size), color: colour, ..TextFormat::default() },
    );
    job.wrap.max_width = width;
    painter.layout_job(job)
}

/// Lays out `session`'s map as a picture shows it, with the arcs as wide as suits a slide.
fn lay_out<'a>(painter: &Painter, session: &'a Session, cache: &mut SceneCache, palette: MapPalette) -> Scene<'a> {
    let width = cache.best_arc_width(painter, session, 0, palette, SLIDE);
    cache.scene(painter, session, 0, palette, width)
}

/// Paints the picture of `session`'s map with its top left corner at the painter's origin
/// (0, 0), and says how large it is and what is on it.
pub fn paint_map_picture(painter: &Painter, session: &Session, links: PictureLinks<'_>) -> MapPicture {
    let palette = MapPalette::for_theme(false);
    let mut cache = SceneCache::default();
    let scene = lay_out(painter, session, &mut cache, palette);
    let guide = needs_map();
    let content = scene.content;
    let text_width = content.width().max(MIN_TEXT_WIDTH);
    let width = text_width + 2.0 * MARGIN;

    let heading = frame_text(painter, session.display_title(), HEADING_SIZE, palette.text, text_width);
    let question = frame_text(painter, &guide.focus_question, QUESTION_SIZE, palette.text, text_width);
    let map_top = MARGIN + heading.size().y + 8.0 + question.size().y + 30.0;
    let key_top = map_top + content.height() + 30.0;
    let credit = frame_text(painter, &guide.credit, FOOTER_SIZE, palette.quiet, text_width);
    let key_height = frame_text(painter, "Key", FOOTER_SIZE, palette.text, f32::INFINITY).size().y;
    let credit_top = key_top + key_height + 16.0;
    let size = vec2(width, credit_top + credit.size().y + MARGIN);

    // The map fills the whole picture's background, so it is painted first and the frame's words
    // over it.
    let painter = painter.with_clip_rect(Rect::from_min_size(Pos2::ZERO, size));
    let left = MARGIN + (text_width - content.width()) / 2.0 - content.left();
    let look = MapLook {
        palette,
        view: Viewport { zoom: 1.0, origin: pos2(left, map_top - content.top()) },
        selection: None,
        // The room never sees running totals: the last closed vote's, and none while one is open.
        shown_vote: session.shown_vote(true).map(|vote| vote.id),
        hidden: HiddenNotes::Shown,
        leaders_within: None,
        empty_hint: false,
        detail: MapDetail::FULL,
    };
    paint_beneath_links(&painter, session, &scene, &look);
    match links {
        PictureLinks::Shapes => {
            painter.extend(super::paint::link_and_dot_shapes(session, &scene, &look, painter.clip_rect()));
        }
        PictureLinks::KeptMesh(meshes) => {
            let laid_out_for = cache.made_for();
            let arc_width = scene.frame.need.point_at(1.0).x - scene.frame.need.point_at(0.0).x;
            paint_kept_links(&painter, session, &scene, &look, meshes, (laid_out_for, arc_width), KeptMeshTarget::Egui);
        }
    }
    paint_above_links(&painter, session, &scene, &look, &Highlights::default());

    let question_top = MARGIN + heading.size().y + 8.0;
    painter.galley(pos2(MARGIN, MARGIN), heading, palette.text);
    painter.galley(pos2(MARGIN, question_top), question, palette.text);
    paint_key(&painter, palette, key_top);
    painter.galley(pos2(MARGIN, credit_top), credit, palette.quiet);

    let needs = scene.notes.iter().filter(|placed| placed.arc == MapArc::Need).count();
    MapPicture {
        size,
        needs,
        unmet: scene
            .notes
            .iter()
            .filter(|placed| placed.status.is_some_and(crate::model::answer::NeedStatus::is_unmet))
            .count(),
        sources: scene.notes.len() - needs,
        links: scene.links.len(),
    }
}

/// The key to the link styles under the map: a short line of each kind and its name.
fn paint_key(painter: &Painter, palette: MapPalette, top: f32) {
    let mut left = MARGIN;
    for kind in LinkKind::ALL {
        let words = frame_text(painter, kind.label(), FOOTER_SIZE, palette.text, f32::INFINITY);
        let middle = top + words.size().y / 2.0;
        let sample = [pos2(left, middle), pos2(left + 60.0, middle)];
        painter.extend(link_shapes(&sample, kind, palette.link(kind), 1.0));
        let words_width = words.size().x;
        painter.galley(pos2(left + 72.0, top), words, palette.text);
        left += 72.0 + words_width + 40.0;
    }
}
