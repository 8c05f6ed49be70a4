//! The map's links and dots tessellated into a mesh kept between frames: tessellating hundreds
//! of long curves is most of the cost of a frame, so the mesh is made again only when the map,
//! the zoom or the selection changes (or the map is panned far). It is kept in chunks, runs of
//! neighbouring links in drawing order, and only the chunks on screen are drawn in a frame, so a
//! software rasteriser is given what is visible rather than the canvas and a margin round it.
//! The shapes are the painter's ([`link_and_dot_shape_groups`]); only how they reach the screen
//! differs.

use super::paint::{DotDiscs, MapDetail, MapLook, link_and_dot_shape_groups, selected_note};
use super::scene::Scene;
use crate::model::{NoteId, Session};
use egui::epaint::{ClippedPrimitive, ClippedShape, Mesh, Primitive, Tessellator};
use egui::{Painter, Pos2, Rect, Shape, Vec2};
use std::ops::Range;
use std::sync::Arc;

/// Where the kept mesh goes: into egui's own mesh list, or to the graphics card from a buffer of
/// its own (the UI's wgpu renderer, which gives the shape that draws the chunks on screen).
pub enum KeptMeshTarget<'a> {
    /// Drawn by egui as a mesh shape.
    Egui,
    /// Drawn by egui as one mesh shape for each chunk: the part of a map kept as tiles (see
    /// `crate::ui::kept_tiles`) painted live until its tiles come, whose clip leaves out the
    /// chunks elsewhere.
    EguiChunks,
    /// Drawn by egui as one mesh shape, the links without feathering (the soft edge egui gives
    /// every line), so a third of the triangles: a software renderer's stand-in for the few
    /// frames of a map zoomed far out until the console's kept tiles show it in full (see
    /// `crate::ui::map::kept_tiles`). There the links are a thin mass, thousands of them, and
    /// handed to Mesa in full they took over 100 MB of its memory for a frame.
    EguiCoarse,
    /// Drawn by the graphics card from a buffer kept there.
    OnTheCard(&'a dyn Fn(KeptLinks) -> Shape),
}

/// The kept links to draw this frame on the graphics card: every chunk, uploaded once, and which
/// of them are on screen.
pub struct KeptLinks {
    /// Which kept mesh this is, for its buffers on the graphics card; never the same for two.
    pub layer: u64,
    /// Every chunk of the kept mesh, in drawing order, in screen points as made.
    pub chunks: Arc<[LinkChunk]>,
    /// The chunks on screen, in order, as runs of neighbouring indices into `chunks`.
    pub visible: Vec<Range<usize>>,
    /// How far the chunks must be moved for the view's origin now.
    pub offset: Vec2,
    /// The canvas, to draw within.
    pub rect: Rect,
}

/// A run of neighbouring links (or dots) in drawing order, tessellated together, so that a run
/// off screen is left out of a frame.
#[derive(Debug)]
pub struct LinkChunk {
    /// What the run covers on screen, for the view it was made for.
    pub bounds: Rect,
    /// Its triangles.
    pub mesh: Mesh,
}

/// A run is closed when it holds this many links or dots, so each is small enough to be culled…
const CHUNK_GROUPS: usize = 48;
/// …or when it would grow wider or taller than this share of the screen.
const CHUNK_SHARE: f32 = 0.25;

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
        detail: look.detail,
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
        coarse: matches!(target, KeptMeshTarget::EguiCoarse),
    };
    let discs = if key.on_the_card { DotDiscs::AsPolygons } else { DotDiscs::FromFontTexture };
    let build = |covers: Rect| link_and_dot_shape_groups(session, scene, look, covers, discs);
    // With a clip rectangle of its own (the same on screen) the mesh stays a draw call of its own,
    // instead of being copied into the mesh of the shapes drawn before it, and that mesh being
    // copied again as the shapes after it are added.
    let own_clip = painter.with_clip_rect(screen.shrink(0.001));
    match target {
        KeptMeshTarget::OnTheCard(callback) => {
            // Uploaded to the graphics card once; each frame draws the chunks on screen.
            let (chunks, offset) = meshes.kept(ctx, key, look.view.origin, screen, build);
            let visible = visible_runs(&chunks, offset, screen);
            if !visible.is_empty() {
                own_clip.add(callback(KeptLinks { layer: meshes.layer, chunks, visible, offset, rect: screen }));
            }
        }
        KeptMeshTarget::EguiChunks => {
            let (chunks, offset) = meshes.kept(ctx, key, look.view.origin, screen, build);
            for run in visible_runs(&chunks, offset, screen) {
                for chunk in &chunks[run] {
                    let mut mesh = chunk.mesh.clone();
                    mesh.translate(offset);
                    own_clip.add(Shape::mesh(mesh));
                }
            }
        }
        KeptMeshTarget::Egui | KeptMeshTarget::EguiCoarse => {
            let mesh = meshes.mesh(ctx, key, look.view.origin, screen, build);
            if !mesh.is_empty() {
                own_clip.add(Shape::Mesh(mesh));
            }
        }
    }
}

/// The chunks whose bounds, moved by `offset`, meet `screen`, as runs of neighbouring indices.
fn visible_runs(chunks: &[LinkChunk], offset: Vec2, screen: Rect) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (index, chunk) in chunks.iter().enumerate() {
        if !chunk.bounds.translate(offset).intersects(screen) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.end == index => run.end = index + 1,
            _ => runs.push(index..index + 1),
        }
    }
    runs
}

/// Cuts the shape groups (one per link or dot, in drawing order) into runs of neighbours: a run
/// ends after [`CHUNK_GROUPS`] groups, or before a group that would take it past [`CHUNK_SHARE`]
/// of the screen's width or height. The order is kept, so the chunks drawn one after another
/// look as the shapes drawn at once.
fn runs_of_neighbours(groups: Vec<Vec<Shape>>, screen: Rect) -> Vec<Vec<Shape>> {
    let limit = screen.size() * CHUNK_SHARE;
    let mut runs = Vec::new();
    let mut run: Vec<Shape> = Vec::new();
    let (mut bounds, mut count) = (Rect::NOTHING, 0);
    for group in groups {
        let group_bounds = group.iter().fold(Rect::NOTHING, |rect, shape| rect.union(shape.visual_bounding_rect()));
        let joined = bounds.union(group_bounds);
        if count > 0 && (count >= CHUNK_GROUPS || joined.width() > limit.x || joined.height() > limit.y) {
            runs.push(std::mem::take(&mut run));
            (bounds, count) = (group_bounds, 0);
        } else {
            bounds = joined;
        }
        run.extend(group);
        count += 1;
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// `shapes` tessellated by `coarse` (the links, without feathering), but for the dots, which
/// egui tessellates as ever (from the discs in its font texture), in order: they are small and
/// few, and so look as they will in the kept tiles.
fn tessellate_coarse(
    ctx: &egui::Context,
    coarse: &mut Tessellator,
    shapes: Vec<ClippedShape>,
    pixels_per_point: f32,
) -> Vec<ClippedPrimitive> {
    let is_dot = |clipped: &ClippedShape| matches!(clipped.shape, Shape::Circle(_));
    let mut primitives = Vec::new();
    let mut shapes = shapes.into_iter().peekable();
    while let Some(first) = shapes.next() {
        let dots = is_dot(&first);
        let mut run = vec![first];
        while let Some(next) = shapes.next_if(|next| is_dot(next) == dots) {
            run.push(next);
        }
        primitives.extend(if dots { ctx.tessellate(run, pixels_per_point) } else { coarse.tessellate_shapes(run) });
    }
    primitives
}

/// What the kept mesh of links was made for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LinkMeshKey {
    /// The revision of the session the map was laid out for.
    scene: Option<(u64, f32)>,
    arc_width: f32,
    zoom: f32,
    /// How much of a crowded map is drawn.
    detail: MapDetail,
    /// The selected note, whose links are drawn in full and the others faded.
    selected_note: Option<NoteId>,
    dark: bool,
    pixels_per_point: f32,
    font_texture: [usize; 2],
    /// Whether the mesh is drawn by the graphics card from a buffer of its own (see
    /// the UI's wgpu renderer), which has no font texture, so dots are tessellated as polygons.
    on_the_card: bool,
    /// Whether the links are tessellated without feathering (see [`KeptMeshTarget::EguiCoarse`]).
    coarse: bool,
}

/// The map's links tessellated into chunks, kept between frames.
#[derive(Debug)]
pub struct LinkMeshes {
    /// Which kept mesh this is, for its buffers on the graphics card; never the same for two.
    pub layer: u64,
    key: Option<LinkMeshKey>,
    /// The links, in screen points for the view whose origin was `origin`.
    chunks: Arc<[LinkChunk]>,
    origin: Pos2,
    /// The part of the screen (for that origin) whose links are in the mesh: the canvas and a
    /// quarter of it again round it, so the map can be panned a way before the mesh is made
    /// again.
    covers: Rect,
    /// For egui: the chunks on screen moved to the origin last asked for, as one mesh, kept
    /// while the view stays there.
    drawn: Option<(Pos2, Vec<Range<usize>>, Arc<Mesh>)>,
}

impl Default for LinkMeshes {
    fn default() -> Self {
        static NEXT_LAYER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            layer: NEXT_LAYER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            key: None,
            chunks: Arc::new([]),
            origin: Pos2::ZERO,
            covers: Rect::NOTHING,
            drawn: None,
        }
    }
}

impl LinkMeshes {
    /// The links' chunks for `key` as kept, and how far they must be moved for the view's origin
    /// at `origin`; made again when the key changes or they no longer cover `screen`. `build`
    /// gives the shapes of the links and dots in a part of the screen, a group for each, when
    /// the mesh has to be made.
    fn kept(
        &mut self,
        ctx: &egui::Context,
        key: LinkMeshKey,
        origin: Pos2,
        screen: Rect,
        build: impl FnOnce(Rect) -> Vec<Vec<Shape>>,
    ) -> (Arc<[LinkChunk]>, Vec2) {
        let offset = origin - self.origin;
        if self.key == Some(key) && self.covers.translate(offset).contains_rect(screen) {
            return (Arc::clone(&self.chunks), offset);
        }
        let covers = screen.expand2(screen.size() / 4.0);
        let mut tessellator = (key.on_the_card || key.coarse).then(|| {
            // The graphics card draws the kept mesh without egui's font texture, where the
            // prerasterised discs are, so dots are tessellated as polygons; coarse links are
            // drawn without feathering (the dots are not tessellated here then: see
            // `tessellate_coarse`).
            let options = egui::epaint::TessellationOptions {
                prerasterized_discs: false,
                feathering: !key.coarse,
                ..ctx.tessellation_options(|options| *options)
            };
            Tessellator::new(key.pixels_per_point, options, key.font_texture, Vec::new())
        });
        let chunks: Vec<LinkChunk> = runs_of_neighbours(build(covers), screen)
            .into_iter()
            .filter_map(|run| {
                let shapes: Vec<ClippedShape> =
                    run.into_iter().map(|shape| ClippedShape::new(Rect::EVERYTHING, shape)).collect();
                let primitives = match &mut tessellator {
                    Some(tessellator) if key.coarse => {
                        tessellate_coarse(ctx, tessellator, shapes, key.pixels_per_point)
                    }
                    Some(tessellator) => tessellator.tessellate_shapes(shapes),
                    None => ctx.tessellate(shapes, key.pixels_per_point),
                };
                let mut mesh = Mesh::default();
                for primitive in primitives {
                    if let Primitive::Mesh(part) = primitive.primitive {
                        mesh.append(part);
                    }
                }
                // Kept for many frames: without the room the tessellator left to grow into.
                mesh.vertices.shrink_to_fit();
                mesh.indices.shrink_to_fit();
                (!mesh.is_empty()).then(|| LinkChunk { bounds: mesh.calc_bounds(), mesh })
            })
            .collect();
        *self = Self { layer: self.layer, key: Some(key), chunks: chunks.into(), origin, covers, drawn: None };
        (Arc::clone(&self.chunks), Vec2::ZERO)
    }

    /// The links' chunks on screen for `key`, with the view's origin at `origin`, as one mesh
    /// for egui to draw (see [`LinkMeshes::kept`]).
    fn mesh(
        &mut self,
        ctx: &egui::Context,
        key: LinkMeshKey,
        origin: Pos2,
        screen: Rect,
        build: impl FnOnce(Rect) -> Vec<Vec<Shape>>,
    ) -> Arc<Mesh> {
        let (chunks, offset) = self.kept(ctx, key, origin, screen, build);
        let visible = visible_runs(&chunks, offset, screen);
        if let Some((at, runs, mesh)) = &self.drawn
            && *at == origin
            && *runs == visible
        {
            return Arc::clone(mesh);
        }
        // The old copy goes before the new one is made, and the new one is made at its final
        // size: grown a chunk at a time it doubled its buffers as it went, and at 10,000 notes,
        // zoomed out, that held two copies and a half-empty buffer of some 17 MB each at once.
        self.drawn = None;
        let on_screen = || visible.iter().flat_map(|run| &chunks[run.clone()]);
        let mut mesh = Mesh::default();
        mesh.vertices.reserve_exact(on_screen().map(|chunk| chunk.mesh.vertices.len()).sum());
        mesh.indices.reserve_exact(on_screen().map(|chunk| chunk.mesh.indices.len()).sum());
        for chunk in on_screen() {
            mesh.append_ref(&chunk.mesh);
        }
        if offset != Vec2::ZERO {
            // Panned: the same triangles, moved, rather than tessellated again.
            mesh.translate(offset);
        }
        let mesh = Arc::new(mesh);
        self.drawn = Some((origin, visible, Arc::clone(&mesh)));
        mesh
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, Stroke, pos2, vec2};

    fn line(from: Pos2, to: Pos2) -> Shape {
        Shape::line_segment([from, to], Stroke::new(2.0, Color32::WHITE))
    }

    fn chunk_at(bounds: Rect) -> LinkChunk {
        LinkChunk { bounds, mesh: Mesh::default() }
    }

    #[test]
    fn runs_keep_the_drawing_order_and_stay_small() {
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 800.0));
        // A hundred short links along a row three screens wide, then one as wide as the screen.
        let mut groups: Vec<Vec<Shape>> =
            (0..100).map(|i| vec![line(pos2(i as f32 * 48.0, 10.0), pos2(i as f32 * 48.0 + 20.0, 40.0))]).collect();
        groups.push(vec![line(pos2(0.0, 500.0), pos2(1600.0, 520.0))]);
        let expected: Vec<Rect> = groups.iter().flatten().map(Shape::visual_bounding_rect).collect();
        let runs = runs_of_neighbours(groups, screen);
        let drawn: Vec<Rect> = runs.iter().flatten().map(Shape::visual_bounding_rect).collect();
        assert_eq!(drawn, expected, "every shape, in the order given");
        assert!(runs.len() > 1, "cut into runs");
        for run in &runs {
            let bounds = run.iter().fold(Rect::NOTHING, |rect, shape| rect.union(shape.visual_bounding_rect()));
            assert!(
                run.len() == 1 || bounds.width() <= screen.width() * CHUNK_SHARE,
                "a run of several is at most a quarter of the screen wide: {bounds:?}"
            );
            assert!(run.len() <= CHUNK_GROUPS);
        }
    }

    #[test]
    fn coarse_links_lose_their_feathering_and_dots_keep_egui_s_own_tessellation() {
        let ctx = egui::Context::default();
        // Fonts (and their discs) come with the first frame.
        let _ = ctx.run_ui(egui::RawInput::default(), |_| {});
        let clipped = |shapes: Vec<Shape>| -> Vec<ClippedShape> {
            shapes.into_iter().map(|shape| ClippedShape::new(Rect::EVERYTHING, shape)).collect()
        };
        let triangles = |primitives: &[ClippedPrimitive]| -> usize {
            primitives
                .iter()
                .map(|primitive| match &primitive.primitive {
                    Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                    Primitive::Callback(_) => 0,
                })
                .sum()
        };
        let link = Shape::line(
            (0..=10).map(|step| pos2(step as f32 * 30.0, (step as f32 * 0.7).sin() * 20.0)).collect(),
            Stroke::new(1.5, Color32::WHITE),
        );
        let dot = Shape::circle_filled(pos2(50.0, 50.0), 2.0, Color32::RED);
        let options = egui::epaint::TessellationOptions {
            prerasterized_discs: false,
            feathering: false,
            ..ctx.tessellation_options(|options| *options)
        };
        #[allow(
            clippy::redundant_closure_for_method_calls,
            reason = "the method path does not satisfy the borrow's lifetime"
        )]
        let font_texture = ctx.fonts(|fonts| fonts.font_image_size());
        let mut coarse = Tessellator::new(1.0, options, font_texture, Vec::new());

        let full = ctx.tessellate(clipped(vec![link.clone()]), 1.0);
        let thin = tessellate_coarse(&ctx, &mut coarse, clipped(vec![link.clone()]), 1.0);
        assert!(triangles(&thin) > 0);
        assert!(
            triangles(&thin) * 3 <= triangles(&full),
            "a coarse link has a third of the triangles: {} against {}",
            triangles(&thin),
            triangles(&full)
        );

        let dot_alone = ctx.tessellate(clipped(vec![dot.clone()]), 1.0);
        let both = tessellate_coarse(&ctx, &mut coarse, clipped(vec![link, dot]), 1.0);
        assert_eq!(both.len(), 2, "the link, then the dot");
        let (Primitive::Mesh(drawn), Primitive::Mesh(own)) = (&both[1].primitive, &dot_alone[0].primitive) else {
            panic!("meshes");
        };
        assert_eq!(drawn.vertices, own.vertices, "the dot as egui draws it, from its font texture");
        assert_eq!(triangles(&both[1..]), 2, "one square");
    }

    #[test]
    fn only_the_chunks_on_screen_are_drawn_as_runs_of_neighbours() {
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 600.0));
        let chunks: Vec<LinkChunk> = [0.0, 400.0, 900.0, 1400.0, 1900.0, -700.0]
            .into_iter()
            .map(|left| chunk_at(Rect::from_min_size(pos2(left, 100.0), vec2(200.0, 200.0))))
            .collect();
        assert_eq!(visible_runs(&chunks, Vec2::ZERO, screen), vec![0..3]);
        // Panned 1,000 points to the left: the chunks that were off to the right come on screen.
        assert_eq!(visible_runs(&chunks, vec2(-1000.0, 0.0), screen), vec![2..5]);
        // Panned right: the first and the last (which was off to the left) are on screen, apart.
        assert_eq!(visible_runs(&chunks, vec2(700.0, 0.0), screen), vec![0..1, 5..6]);
        assert!(visible_runs(&chunks, vec2(0.0, 2000.0), screen).is_empty());
    }
}
