//! Drawing the laid-out map: bands with the guide's stages and examples, links styled by kind,
//! leader lines and dots, note cards with their organisation and status.

use super::canvas::{DETAIL_ZOOM, Responses};
use super::scene::{
    CARD_PADDING, CARD_TEXT_WIDTH, DOT_RADIUS, EXAMPLE_SIZE, MARKER_RADIUS, PlacedLink, PlacedNote, SMALL_TEXT_SIZE,
    STAGE_SIZE, STATUS_HEIGHT, STRIPE_WIDTH, Scene, card_text, stage_examples, stage_text_width, tags_line,
    title_galley,
};
use super::style::{MapPalette, link_shapes, organisation_fill, paint_status_icon, status_of_kind, wrapped};
use super::{MapDrag, NeedsMapState, Selection, gpu_links};
use crate::canvas::map::geometry::{ArcShape, BAND_WIDTH, card_inner_edge, curve_between, curve_polyline};
use crate::guide::map::{ArcContent, needs_map};
use crate::model::{LinkKind, MapArc, NoteId, Session};
use crate::ui::groups::{group_tint, paint_heading_card};
use crate::ui::viewport::Viewport;
use crate::ui::vote::paint_dot_badge;
use egui::epaint::{ClippedShape, CornerRadius, Mesh, Primitive, Tessellator, TextShape};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Ui, Vec2, pos2, vec2};
use std::sync::Arc;

pub(super) fn paint(
    painter: &Painter,
    ui: &Ui,
    session: &Session,
    state: &mut NeedsMapState,
    scene: &Scene<'_>,
    responses: &Responses,
    palette: MapPalette,
) {
    let view = state.viewport;
    let screen = painter.clip_rect();
    painter.rect_filled(screen, 0.0, palette.background);
    let content = needs_map();
    for arc in [MapArc::Need, MapArc::Help] {
        paint_band(painter, &view, scene.frame.arc(arc), content.arc(arc), palette);
    }
    for placed in &scene.groups {
        // A faint wash in the group's colour behind its heading and notes.
        let frame = view.rect_to_screen(placed.frame);
        let tint = group_tint(session, placed.group.id);
        painter.rect(
            frame,
            10.0 * view.zoom,
            tint.gamma_multiply(0.25),
            Stroke::new(3.0 * view.zoom.max(0.5), tint),
            StrokeKind::Inside,
        );
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
    // Every link at its usual emphasis, and every note's dot, are one mesh kept between frames,
    // made again only when the map, the zoom or the selection changes (or the map is panned
    // far): tessellating hundreds of long curves is most of the cost of a frame. A link that is
    // selected or under the pointer is drawn again on top, emphasised.
    let key = LinkMeshKey {
        scene: state.scene_cache.made_for(),
        arc_width: state.arc_width,
        zoom: view.zoom,
        selected_note,
        dark: palette.dark,
        pixels_per_point: ui.ctx().pixels_per_point(),
        // Dots are drawn from discs in the font texture, whose coordinates change as it grows.
        font_texture: ui.ctx().fonts(|fonts| fonts.font_image_size()),
        on_the_card: gpu_links::available(ui.ctx()),
    };
    let build = |covers: Rect| -> Vec<Shape> {
        let links = scene
            .links
            .iter()
            .filter(|placed| Rect::from_points(&placed.curve.map(|point| view.to_screen(point))).intersects(covers))
            .flat_map(|placed| {
                let touches_selection = selected_note.is_none_or(|id| placed.link.need == id || placed.link.help == id);
                let emphasis = if touches_selection { LinkEmphasis::Normal } else { LinkEmphasis::Faded };
                link_shapes_of(&view, placed, emphasis, palette)
            });
        let dots = scene
            .notes
            .iter()
            .filter_map(|placed| dot_shape(&view, scene.frame.arc(placed.arc), placed, session, palette, covers));
        links.chain(dots).collect()
    };
    // With a clip rectangle of its own (the same on screen) the mesh stays a draw call of its own,
    // instead of being copied into the mesh of the shapes drawn before it, and that mesh being
    // copied again as the shapes after it are added.
    let own_clip = painter.with_clip_rect(screen.shrink(0.001));
    if key.on_the_card {
        // Uploaded to the graphics card once, and drawn from there each frame.
        let (mesh, offset) = state.link_meshes.kept(ui.ctx(), key, view.origin, screen, build);
        own_clip.add(gpu_links::kept_mesh_callback(state.link_meshes.layer, mesh, offset, screen));
    } else {
        own_clip.add(Shape::Mesh(state.link_meshes.mesh(ui.ctx(), key, view.origin, screen, build)));
    }
    for (placed, marker) in scene.links.iter().zip(&responses.markers) {
        let selected = state.selection == Some(Selection::Link(placed.link.id));
        // A Bézier curve lies within its control points, so a link whose control points are all
        // off screen on one side is not drawn.
        if (selected || marker.as_ref().is_some_and(egui::Response::hovered))
            && Rect::from_points(&placed.curve.map(|point| view.to_screen(point))).intersects(screen)
        {
            painter.extend(link_shapes_of(&view, placed, LinkEmphasis::Strong, palette));
        }
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
        if let Some(target) = scene.note_at(view.to_world(pointer), other_arc) {
            let card = view.rect_to_screen(target.card).expand(4.0);
            painter.rect_stroke(card, 10.0, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
        }
    }

    for (placed, response) in scene.notes.iter().zip(&responses.cards) {
        // A card with no widget is off screen, or folded away in its group.
        let Some(response) = response else { continue };
        let selected = state.selection == Some(Selection::Note(placed.note.id));
        if placed.note.hidden && state.mode.is_projected() {
            paint_blank_card(painter, &view, placed, selected, palette);
            continue;
        }
        paint_card(painter, &view, session, placed, selected, response, palette);
        if placed.note.hidden {
            paint_hidden_mark(painter, &view, placed, palette);
        }
        if let Some(dots) = state.voting.dots_shown_on(session, placed.note.id) {
            paint_dot_badge(painter, view.rect_to_screen(placed.card), dots, view.zoom);
        }
    }
    for (placed, response) in scene.groups.iter().zip(&responses.headings) {
        // A heading with no widget is off screen.
        let Some(response) = response else { continue };
        let heading = view.rect_to_screen(placed.heading);
        let tint = group_tint(session, placed.group.id);
        let highlighted = response.hovered() || response.has_focus() || response.dragged();
        paint_heading_card(painter, heading, placed.group, placed.count, tint, view.zoom, highlighted);
    }
    for (placed, response) in scene.notes.iter().zip(&responses.dots) {
        if response.as_ref().is_some_and(|response| response.hovered() || response.dragged()) {
            let centre = view.to_screen(scene.frame.arc(placed.arc).link_anchor(placed.along));
            painter.circle_stroke(centre, (DOT_RADIUS + 5.0) * view.zoom, Stroke::new(3.0, palette.selection));
        }
    }
    for (placed, response) in scene.links.iter().zip(&responses.markers) {
        // A marker with no widget is off screen, or too small to show.
        let Some(response) = response else { continue };
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
    for (index, stage) in content.stages.iter().enumerate() {
        let middle = stage.middle();
        let width = stage_text_width(shape, stage) * view.zoom;
        let examples = stage_examples(shape.arc, index, stage);
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

/// The shapes a link is drawn with on screen.
fn link_shapes_of(view: &Viewport, placed: &PlacedLink<'_>, emphasis: LinkEmphasis, palette: MapPalette) -> Vec<Shape> {
    let kind = placed.link.kind;
    let mut colour = palette.link(kind);
    if emphasis == LinkEmphasis::Faded {
        colour = colour.gamma_multiply(0.25);
    }
    let curve = placed.curve.map(|point| view.to_screen(point));
    // Forty straight pieces make a smooth curve; zoomed far out, a link is short on screen and
    // a piece every twelve points looks as smooth.
    let segments = if view.zoom >= DETAIL_ZOOM {
        40
    } else {
        let length = curve[0].distance(curve[1]) + curve[1].distance(curve[2]) + curve[2].distance(curve[3]);
        ((length / 12.0).ceil() as usize).clamp(4, 40)
    };
    let points = curve_polyline(&curve, segments);
    let mut shapes = Vec::new();
    if emphasis == LinkEmphasis::Strong {
        let halo = Stroke::new(12.0 * view.zoom.max(0.5), palette.selection.gamma_multiply(0.45));
        shapes.push(Shape::line(points.clone(), halo));
    }
    shapes.extend(link_shapes(&points, kind, colour, view.zoom));
    shapes
}

/// What the kept mesh of links was made for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct LinkMeshKey {
    /// The revision of the session the map was laid out for.
    scene: Option<(u64, f32)>,
    arc_width: f32,
    zoom: f32,
    /// The selected note, whose links are drawn in full and the others faded.
    selected_note: Option<NoteId>,
    dark: bool,
    pixels_per_point: f32,
    font_texture: [usize; 2],
    /// Whether the mesh is drawn by the graphics card from a buffer of its own (see
    /// [`gpu_links`]), which has no font texture, so dots are tessellated as polygons.
    on_the_card: bool,
}

/// The map's links tessellated into one mesh, kept between frames.
#[derive(Debug)]
pub(super) struct LinkMeshes {
    /// Which kept mesh this is, for its buffers on the graphics card; never the same for two.
    layer: u64,
    key: Option<LinkMeshKey>,
    /// The links, in screen points for the view whose origin was `origin`.
    mesh: Arc<Mesh>,
    origin: Pos2,
    /// The part of the screen (for that origin) whose links are in the mesh: the canvas and a
    /// quarter of it again round it, so the map can be panned a way before the mesh is made
    /// again.
    covers: Rect,
    /// The mesh moved to the origin last asked for, kept while the view stays there.
    moved: Option<(Pos2, Arc<Mesh>)>,
}

impl Default for LinkMeshes {
    fn default() -> Self {
        static NEXT_LAYER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            layer: NEXT_LAYER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            key: None,
            mesh: Arc::default(),
            origin: Pos2::ZERO,
            covers: Rect::NOTHING,
            moved: None,
        }
    }
}

impl LinkMeshes {
    /// The links' mesh for `key` as kept, and how far it must be moved for the view's origin at
    /// `origin`; made again when the key changes or it no longer covers `screen`. `build` gives
    /// the shapes of the links in a part of the screen, when the mesh has to be made.
    fn kept(
        &mut self,
        ctx: &egui::Context,
        key: LinkMeshKey,
        origin: Pos2,
        screen: Rect,
        build: impl FnOnce(Rect) -> Vec<Shape>,
    ) -> (Arc<Mesh>, Vec2) {
        let offset = origin - self.origin;
        if self.key == Some(key) && self.covers.translate(offset).contains_rect(screen) {
            return (Arc::clone(&self.mesh), offset);
        }
        let covers = screen.expand2(screen.size() / 4.0);
        let shapes: Vec<ClippedShape> =
            build(covers).into_iter().map(|shape| ClippedShape::new(Rect::EVERYTHING, shape)).collect();
        let primitives = if key.on_the_card {
            // The graphics card draws the kept mesh without egui's font texture, where the
            // prerasterised discs are, so dots are tessellated as polygons.
            let options = egui::epaint::TessellationOptions {
                prerasterized_discs: false,
                ..ctx.tessellation_options(|options| *options)
            };
            Tessellator::new(key.pixels_per_point, options, key.font_texture, Vec::new()).tessellate_shapes(shapes)
        } else {
            ctx.tessellate(shapes, key.pixels_per_point)
        };
        let mut mesh = Mesh::default();
        for primitive in primitives {
            if let Primitive::Mesh(part) = primitive.primitive {
                mesh.append(part);
            }
        }
        *self = Self { layer: self.layer, key: Some(key), mesh: Arc::new(mesh), origin, covers, moved: None };
        (Arc::clone(&self.mesh), Vec2::ZERO)
    }

    /// The links' mesh for `key`, with the view's origin at `origin`, covering `screen`, for
    /// egui to draw (see [`LinkMeshes::kept`]).
    fn mesh(
        &mut self,
        ctx: &egui::Context,
        key: LinkMeshKey,
        origin: Pos2,
        screen: Rect,
        build: impl FnOnce(Rect) -> Vec<Shape>,
    ) -> Arc<Mesh> {
        let (kept, offset) = self.kept(ctx, key, origin, screen, build);
        if offset == Vec2::ZERO {
            return kept;
        }
        if let Some((at, moved)) = &self.moved
            && *at == origin
        {
            return Arc::clone(moved);
        }
        // Panned: the same mesh, moved, rather than tessellated again.
        let mut moved = Mesh::clone(&kept);
        moved.translate(offset);
        let moved = Arc::new(moved);
        self.moved = Some((origin, Arc::clone(&moved)));
        moved
    }
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
    let start = view.to_screen(card_inner_edge(shape, placed.leader_from, placed.along));
    let band_edge = view.to_screen(shape.leader_end(placed.along));
    let anchor = view.to_screen(shape.link_anchor(placed.along));
    if !Rect::from_points(&[start, anchor]).intersects(painter.clip_rect()) {
        return;
    }
    painter.line_segment([start, band_edge], Stroke::new(width, palette.quiet));
    painter.line_segment([band_edge, anchor], Stroke::new(width, palette.quiet.gamma_multiply(0.35)));
}

/// The dot a note's links leave from, in the organisation's colour.
/// The dot a note's links leave from, in the organisation's colour, if it is within `region`.
fn dot_shape(
    view: &Viewport,
    shape: &ArcShape,
    placed: &PlacedNote<'_>,
    session: &Session,
    palette: MapPalette,
    region: Rect,
) -> Option<Shape> {
    let centre = view.to_screen(shape.link_anchor(placed.along));
    let radius = DOT_RADIUS * view.zoom;
    if !Rect::from_center_size(centre, Vec2::splat(2.0 * radius + 4.0)).intersects(region) {
        return None;
    }
    let fill =
        organisation_fill(placed.note.organisation.and_then(|id| session.organisation(id)).map(|org| org.colour));
    let stroke = Stroke::new(2.0 * view.zoom.max(0.5), palette.text);
    Some(Shape::Circle(egui::epaint::CircleShape { center: centre, radius, fill, stroke }))
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

    if zoom < DETAIL_ZOOM {
        // Too small to read: the card's paper, organisation, status colour and outline only.
        if let Some(status) = placed.status {
            let strip = Rect::from_min_max(pos2(stripe.right(), card.bottom() - STATUS_HEIGHT * zoom), card.max);
            painter.rect_filled(strip, CornerRadius { nw: 0, ne: 0, sw: 0, se: radius }, palette.status(status).0);
        }
        painter.rect_stroke(card, radius, border, StrokeKind::Inside);
        outline_card(painter, card, radius, selected, response, palette);
        return;
    }
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
    outline_card(painter, card, radius, selected, response, palette);
}

/// The selection, keyboard focus or hover outline round a card.
fn outline_card(
    painter: &Painter,
    card: Rect,
    radius: u8,
    selected: bool,
    response: &egui::Response,
    palette: MapPalette,
) {
    if selected {
        painter.rect_stroke(card.expand(3.0), radius, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
    } else if response.has_focus() {
        // The keyboard's place, told apart from the selection by weight and colour.
        painter.rect_stroke(card.expand(3.0), radius, Stroke::new(2.0, palette.text), StrokeKind::Outside);
    } else if response.hovered() {
        painter.rect_stroke(card.expand(2.0), radius, Stroke::new(2.0, palette.selection), StrokeKind::Outside);
    }
}

/// A hidden note on the projection: a card with nothing on it until the facilitator reveals it.
fn paint_blank_card(painter: &Painter, view: &Viewport, placed: &PlacedNote<'_>, selected: bool, palette: MapPalette) {
    let card = view.rect_to_screen(placed.card);
    let radius = (6.0 * view.zoom).clamp(2.0, 255.0) as u8;
    painter.rect(card, radius, palette.paper(placed.arc), Stroke::new(2.0, palette.quiet), StrokeKind::Inside);
    if selected {
        painter.rect_stroke(card.expand(3.0), radius, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
    }
}

/// The console's mark on a hidden note: a dashed outline and "Hidden" in its corner.
fn paint_hidden_mark(painter: &Painter, view: &Viewport, placed: &PlacedNote<'_>, palette: MapPalette) {
    let card = view.rect_to_screen(placed.card).expand(1.0);
    let corners = [card.left_top(), card.right_top(), card.right_bottom(), card.left_bottom(), card.left_top()];
    painter.extend(Shape::dashed_line(&corners, Stroke::new(2.5, palette.text), 7.0, 5.0));
    let tag = wrapped(painter, "Hidden", 13.0 * view.zoom.max(0.7), Color32::WHITE, f32::INFINITY, 1);
    let tag_rect = Rect::from_min_size(
        pos2(card.right() - tag.size().x - 14.0, card.top() - tag.size().y / 2.0),
        tag.size() + vec2(8.0, 0.0),
    );
    painter.rect_filled(tag_rect, 3.0, Color32::from_gray(60));
    painter.galley(tag_rect.min + vec2(4.0, 0.0), tag, Color32::WHITE);
}
