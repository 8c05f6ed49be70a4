//! The map's links and dots tessellated into one mesh kept between frames: tessellating hundreds
//! of long curves is most of the cost of a frame, so the mesh is made again only when the map,
//! the zoom or the selection changes (or the map is panned far). The shapes are the painter's
//! ([`link_and_dot_shapes`]); only how they reach the screen differs.

use super::paint::{MapLook, link_and_dot_shapes, selected_note};
use super::scene::Scene;
use crate::model::{NoteId, Session};
use egui::epaint::{ClippedShape, Mesh, Primitive, Tessellator};
use egui::{Painter, Pos2, Rect, Shape, Vec2};
use std::sync::Arc;

/// Where the kept mesh goes: into egui's own mesh list, or to the graphics card from a buffer of
/// its own (the UI's wgpu renderer, which gives the shape that draws it: a paint callback for
/// this mesh's `layer`, moved by an offset, clipped to a rectangle).
pub enum KeptMeshTarget<'a> {
    /// Drawn by egui as a mesh shape.
    Egui,
    /// Drawn by the graphics card from a buffer kept there.
    OnTheCard(&'a dyn Fn(u64, Arc<Mesh>, Vec2, Rect) -> Shape),
}

/// What a scene was laid out for: the session's revision and the pixels per point (see
/// [`super::scene::SceneCache::made_for`]), and the arcs' width.
pub type LaidOutFor = (Option<(u64, f32)>, f32);

/// Paints every link at its usual emphasis and every note's dot from the kept `meshes`, made
/// again when needed; `laid_out_for` is what the scene was laid out for, so a new layout makes a
/// new mesh.
pub fn paint_kept_links(
    painter: &Painter,
    session: &Session,
    scene: &Scene<'_>,
    look: &MapLook,
    meshes: &mut LinkMeshes,
    (laid_out_for, arc_width): LaidOutFor,
    target: KeptMeshTarget<'_>,
) {
    let ctx = painter.ctx();
    let screen = painter.clip_rect();
    let key = LinkMeshKey {
        scene: laid_out_for,
        arc_width,
        zoom: look.view.zoom,
        selected_note: selected_note(look),
        dark: look.palette.dark,
        pixels_per_point: ctx.pixels_per_point(),
        // Dots are drawn from discs in the font texture, whose coordinates change as it grows.
        #[allow(
            clippy::redundant_closure_for_method_calls,
            reason = "the method path does not satisfy the borrow's lifetime"
        )]
        font_texture: ctx.fonts(|fonts| fonts.font_image_size()),
        on_the_card: matches!(target, KeptMeshTarget::OnTheCard(_)),
    };
    let build = |covers: Rect| link_and_dot_shapes(session, scene, look, covers);
    // With a clip rectangle of its own (the same on screen) the mesh stays a draw call of its own,
    // instead of being copied into the mesh of the shapes drawn before it, and that mesh being
    // copied again as the shapes after it are added.
    let own_clip = painter.with_clip_rect(screen.shrink(0.001));
    match target {
        KeptMeshTarget::OnTheCard(callback) => {
            // Uploaded to the graphics card once, and drawn from there each frame.
            let (mesh, offset) = meshes.kept(ctx, key, look.view.origin, screen, build);
            own_clip.add(callback(meshes.layer, mesh, offset, screen));
        }
        KeptMeshTarget::Egui => {
            own_clip.add(Shape::Mesh(meshes.mesh(ctx, key, look.view.origin, screen, build)));
        }
    }
}

/// What the kept mesh of links was made for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LinkMeshKey {
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
    /// the UI's wgpu renderer), which has no font texture, so dots are tessellated as polygons.
    on_the_card: bool,
}

/// The map's links tessellated into one mesh, kept between frames.
#[derive(Debug)]
pub struct LinkMeshes {
    /// Which kept mesh this is, for its buffers on the graphics card; never the same for two.
    pub layer: u64,
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
