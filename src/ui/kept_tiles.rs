//! A canvas kept as tiles of pixels while nothing in it changes, for computers without a
//! graphics card (issue 22). There the processor shades every pixel egui draws, and a canvas
//! painted afresh each frame (the map's background, bands, leaders, links and cards; the wheel's
//! rings, labels and cards) cost several screenfuls of pixels: panning drew at a third to three
//! quarters of egui's own demo. So a canvas's unchanging layers are rasterised once, in safe
//! Rust ([`crate::ui::raster`]), into tiles of [`TILE_PX`] pixels on a grid fixed to the canvas's
//! content (on whole pixels, so panning never resamples), handed to egui as ordinary textures; a
//! frame then draws a screenful of textured squares, whatever the workshop's size, with what the
//! pointer and the keyboard add (hover and focus outlines, a link being drawn) painted live on
//! top. What the layers are is the caller's: [`KeptTiles::paint`] takes the function that paints
//! them for a view's origin, and the key that says when they change.
//!
//! Tiles are made ahead of a pan, a frame's [`Settings::budget`] at a time; until every tile on
//! the canvas is ready the rest is painted live as before, so no frame waits for them. They are
//! dropped when anything in the picture changes (the key the caller gives: the workshop's
//! revision, the zoom, the selection, the theme, the canvas, the pixels per point), and only
//! made again once the look has held for a frame, so zooming and dragging are painted live.
//! Tiles far from the canvas are freed.

use crate::ui::raster::{Picture, rasterise};
use egui::epaint::{ClippedPrimitive, ClippedShape, ColorImage};
use egui::layers::ShapeIdx;
use egui::{
    Color32, Context, Id, LayerId, Painter, Pos2, Rect, Shape, TextureHandle, TextureOptions, Vec2, pos2, vec2,
};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// A tile's width and height in pixels.
pub const TILE_PX: i64 = 512;
/// How many tiles beyond the canvas on each side are made ahead of a pan.
const AHEAD_TILES: i64 = 1;
/// How many tiles further out are kept before they are freed.
const KEPT_BEYOND_TILES: i64 = 1;
/// How many freed tiles' textures are kept to be filled again, rather than made anew.
const SPARE_TEXTURES: usize = 8;
/// How long a frame may spend preparing tiles (at least one is when any is missing).
pub const FRAME_BUDGET: Duration = Duration::from_millis(8);
/// How long a pan must have stopped for, zoomed far out, before the tiles are made again for
/// the cards now on the canvas (whose leaders are drawn).
const REFRESH_AFTER_PAN_SECONDS: f64 = 0.4;
/// How many tiles may wait for the background thread at once.
const MAX_IN_FLIGHT: usize = 2;

/// How the kept tiles are made, where they are (see [`install`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// How long a frame may spend preparing tiles (rasterising them too, when not in the
    /// background).
    pub budget: Duration,
    /// Whether tiles are rasterised by a thread of their own, the frames carrying on meanwhile
    /// (the app), or in the frame that needs them (a test that wants the tiles at once).
    pub in_background: bool,
}

fn settings_id() -> Id {
    Id::unique("common-ground: the canvases are kept as tiles")
}

/// Keeps the console's canvases of `ctx` (the map and the wheel) as tiles: the app does so where
/// eframe's glow renderer draws the window (chosen on computers without a graphics card), and a
/// test where it compares them.
pub fn install(ctx: &Context, settings: Settings) {
    ctx.data_mut(|data| data.insert_temp(settings_id(), settings));
}

/// The settings given to [`install`], if the canvases are kept as tiles.
pub fn settings(ctx: &Context) -> Option<Settings> {
    ctx.data(|data| data.get_temp(settings_id()))
}

/// A canvas's kept tiles and what they show.
pub struct KeptTiles {
    /// The canvas's name, for the textures and the thread (e.g. "needs map").
    name: &'static str,
    /// The look the tiles show and the tiles made.
    shown: Option<Shown>,
    /// The look asked for last frame: tiles are made once a look is asked for twice in a row.
    last_key: Option<String>,
    /// Textures of freed tiles, filled again for new ones.
    spare: Vec<TextureHandle>,
    /// The canvas's shapes painted for the tiles still to make, kept while they are made.
    painted: Option<Painted>,
    /// How many tiles have been rasterised, for tests and measurements.
    made_count: u64,
    /// How many looks have had tiles made (see [`Shown::generation`]).
    generation: u64,
    /// The background thread that rasterises tiles, started with the first.
    worker: Option<Worker>,
    /// The look shown before, kept while the tiles of the one after it are made, when only
    /// the leaders drawn differ (see [`KeptTiles::paint`]).
    previous: Option<Shown>,
    /// The view's origin last frame, and when it last moved (egui's time, seconds).
    last_origin: Option<Pos2>,
    moved_at: f64,
}

impl KeptTiles {
    /// No tiles yet, for the canvas called `name`.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            shown: None,
            last_key: None,
            spare: Vec::new(),
            painted: None,
            made_count: 0,
            generation: 0,
            worker: None,
            previous: None,
            last_origin: None,
            moved_at: 0.0,
        }
    }
}

impl std::fmt::Debug for KeptTiles {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("KeptTiles")
            .field("tiles", &self.shown.as_ref().map_or(0, |shown| shown.tiles.len()))
            .field("made_count", &self.made_count)
            .finish_non_exhaustive()
    }
}

/// Tiles made for one look of the canvas.
struct Shown {
    /// Everything that, changed, changes the picture (compared with `==`).
    key: String,
    /// The view's origin when the first tile was made, in points.
    origin: Pos2,
    /// That origin in the screen's pixels, rounded: the grid's corner for that origin.
    anchor_px: [i64; 2],
    /// The canvas then (points): a picture that depends on what is on the canvas (the map's
    /// leaders, zoomed far out) shows it as it was there.
    canvas: Rect,
    /// Numbers the looks shown one after another, so tiles finished for an earlier one are
    /// left out.
    generation: u64,
    /// The tiles made, by column and row on the grid.
    tiles: HashMap<[i64; 2], TextureHandle>,
    /// The tiles the background thread is rasterising.
    in_flight: HashSet<[i64; 2]>,
    /// A tile could not be drawn (the canvas drew a shape the rasteriser cannot): painted live.
    unsupported: bool,
}

impl Shown {
    /// The grid for the view's `origin` now, and the origin the tiles show (`origin` moved by
    /// less than a pixel so that the grid lies on whole pixels).
    fn grid_for(&self, origin: Pos2, pixels_per_point: f32) -> (Grid, Pos2) {
        let shift = [
            ((origin.x - self.origin.x) * pixels_per_point).round() as i64,
            ((origin.y - self.origin.y) * pixels_per_point).round() as i64,
        ];
        let painted_origin = self.origin + vec2(shift[0] as f32, shift[1] as f32) / pixels_per_point;
        let anchor_px = [self.anchor_px[0] + shift[0], self.anchor_px[1] + shift[1]];
        (Grid { anchor_px, pixels_per_point }, painted_origin)
    }

    /// Where on `grid` the `visible` tiles not ready yet are: `None` if all are.
    fn missing(&self, grid: Grid, visible: TileRange) -> Option<Rect> {
        let missing = visible.tiles().filter(|tile| !self.tiles.contains_key(tile));
        let rect = missing.fold(Rect::NOTHING, |rect, tile| rect.union(grid.rect(TileRange::one(tile))));
        rect.is_positive().then_some(rect)
    }

    /// Draws those of the `visible` tiles on `grid` that are ready.
    fn draw(&self, painter: &Painter, grid: Grid, visible: TileRange) {
        let whole = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
        for tile in visible.tiles() {
            if let Some(texture) = self.tiles.get(&tile) {
                painter.image(texture.id(), grid.rect(TileRange::one(tile)), whole, Color32::WHITE);
            }
        }
    }

    /// What the caller paints over tiles drawn for `painted_origin`.
    fn kept(&self, painted_origin: Pos2, missing: Option<Rect>) -> Kept {
        Kept { origin: painted_origin, made_within: self.canvas.translate(painted_origin - self.origin), missing }
    }
}

/// How a canvas's unchanging layers were drawn from the kept tiles, for the caller to paint the
/// rest: what the pointer and the keyboard add, and the part whose tiles are not ready yet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kept {
    /// The view's origin the tiles show (the view's own moved by less than a pixel, so that the
    /// tiles lie on whole pixels): paint everything else for it.
    pub origin: Pos2,
    /// The canvas the tiles' look was made for, moved with the pan since: for a picture that
    /// depends on what is on the canvas (`pan_sensitive` in [`KeptTiles::paint`]; the map's
    /// leaders zoomed far out), the part of the screen it was made for.
    pub made_within: Rect,
    /// The part of the canvas whose tiles are not ready yet, to paint as the tiles would show it.
    pub missing: Option<Rect>,
}

/// The canvas's layers painted aside over the tiles still to make. A tile's column and row name
/// the same part of the content wherever the view has moved since, so the shapes serve while the canvas pans,
/// drawn for the grid as it was when they were painted.
struct Painted {
    /// The grid as it was when they were painted.
    grid: Grid,
    /// The tiles they cover.
    covers: TileRange,
    /// How full egui's font texture was: when it is emptied (egui does so when it is nearly
    /// full), the letters' places in it change and the shapes are painted again.
    font_fill: f32,
    /// Each shape with its visual bounds.
    shapes: Vec<(Rect, ClippedShape)>,
}

impl KeptTiles {
    /// Draws a canvas's unchanging layers from the kept tiles, where canvases are kept as tiles
    /// (see [`install`]) and its look has held for a frame, and says what the caller paints over
    /// them (see [`Kept`]: the part of the canvas whose tiles are not ready yet, and what the
    /// pointer and the keyboard add); otherwise draws nothing and returns `None`, for the caller
    /// to paint the canvas itself. `painter` paints on the canvas, cut to it. `key` writes out
    /// everything that changes the picture (called only where tiles are kept); `settled` is
    /// false while the picture moves under the pointer (a note or a group dragged) or settles
    /// over several frames, when no tiles are made. `pan_sensitive` says the picture depends on
    /// what is on the canvas (the map zoomed far out, or crowded, draws the leaders of the cards
    /// on it only).
    /// `paint` paints the unchanging layers on a painter for a view origin, with what depends on
    /// the canvas as it is within the given rectangle; it paints what falls within the
    /// painter's clip rectangle, which reaches beyond the canvas.
    pub fn paint(
        &mut self,
        painter: &Painter,
        key: impl FnOnce() -> String,
        origin: Pos2,
        settled: bool,
        pan_sensitive: bool,
        mut paint: impl FnMut(&Painter, Pos2, Rect),
    ) -> Option<Kept> {
        let ctx = painter.ctx();
        let settings = settings(ctx)?;
        if !settled {
            return None;
        }
        // Written out only where tiles are kept: it is a frame's work otherwise wasted.
        let key = key();
        let canvas = painter.clip_rect();
        if self.shown.as_ref().is_none_or(|shown| shown.key != key) {
            self.drop_tiles();
            if self.last_key.as_ref() != Some(&key) {
                // A new look: painted live until it holds for a frame (zooming asks for a new
                // look every frame).
                self.last_key = Some(key);
                ctx.request_repaint();
                return None;
            }
            self.begin(ctx, key, origin, canvas);
        }
        let now = ctx.input(|input| input.time);
        if self.last_origin != Some(origin) {
            self.last_origin = Some(origin);
            self.moved_at = now;
        }
        if pan_sensitive && self.shown.as_ref().is_some_and(|shown| shown.origin != origin) {
            // Zoomed far out the leaders drawn depend on which cards are on the canvas: once a pan
            // has stopped, the tiles are made again for the canvas as it is now, the old ones
            // shown until the new ones are ready.
            let still_for = now - self.moved_at;
            if still_for >= REFRESH_AFTER_PAN_SECONDS {
                if let Some(old) = self.shown.take() {
                    let key = old.key.clone();
                    self.retire(old);
                    self.begin(ctx, key, origin, canvas);
                }
            } else {
                ctx.request_repaint_after(Duration::from_secs_f64(REFRESH_AFTER_PAN_SECONDS - still_for));
            }
        }
        let shown = self.shown.as_mut()?;
        if shown.unsupported {
            return None;
        }
        let pixels_per_point = ctx.pixels_per_point();
        let (grid, painted_origin) = shown.grid_for(origin, pixels_per_point);
        let made_within = shown.canvas.translate(painted_origin - shown.origin);
        let visible = grid.covering(canvas, 0);
        let wanted = grid.covering(canvas, AHEAD_TILES);
        let kept = grid.covering(canvas, AHEAD_TILES + KEPT_BEYOND_TILES);

        let far: Vec<[i64; 2]> = shown.tiles.keys().filter(|tile| !kept.contains(**tile)).copied().collect();
        for tile in far {
            if let Some(texture) = shown.tiles.remove(&tile) {
                self.spare.push(texture);
            }
        }
        self.spare.truncate(SPARE_TEXTURES);

        // Tiles the background thread has finished.
        if let Some(worker) = &self.worker {
            while let Ok(done) = worker.done.try_recv() {
                if done.generation != shown.generation {
                    continue;
                }
                shown.in_flight.remove(&done.tile);
                let Some(picture) = done.picture else {
                    shown.unsupported = true;
                    return None;
                };
                shown.tiles.insert(done.tile, texture_of(ctx, self.name, &mut self.spare, picture));
                self.made_count += 1;
            }
        }

        let mut missing: Vec<[i64; 2]> =
            wanted.tiles().filter(|tile| !shown.tiles.contains_key(tile) && !shown.in_flight.contains(tile)).collect();
        if missing.is_empty() {
            if shown.in_flight.is_empty() {
                self.painted = None;
            }
        } else {
            // Those on the canvas first, then the nearest.
            let middle = visible.middle();
            missing.sort_by_key(|&tile| {
                (!visible.contains(tile), (tile[0] - middle[0]).abs() + (tile[1] - middle[1]).abs())
            });
            let font_fill = font_atlas_fill(ctx);
            if self
                .painted
                .as_ref()
                .is_none_or(|painted| !painted.covers.contains(missing[0]) || font_fill < painted.font_fill)
            {
                let shapes =
                    painted_aside(painter, grid.rect(wanted), |aside| paint(aside, painted_origin, made_within));
                let shapes = shapes.into_iter().map(|shape| (shape.shape.visual_bounding_rect(), shape)).collect();
                let font_fill = font_atlas_fill(ctx);
                self.painted = Some(Painted { grid, covers: wanted, font_fill, shapes });
            }
            if settings.in_background && self.worker.is_none() {
                self.worker = Worker::start(self.name);
            }
            let worker = self.worker.as_ref().filter(|_| settings.in_background);
            let started = Instant::now();
            // Copied once a frame, and only when tiles are made.
            let font = Arc::new(font_image(ctx));
            let mut made = 0;
            for tile in &missing {
                let busy = worker.is_some_and(|_| shown.in_flight.len() >= MAX_IN_FLIGHT);
                if busy || (made > 0 && started.elapsed() >= settings.budget) {
                    break;
                }
                let Some(painted) = self.painted.as_ref().filter(|painted| painted.covers.contains(*tile)) else {
                    break;
                };
                let job = Job {
                    generation: shown.generation,
                    tile: *tile,
                    top_left_px: painted.grid.corner_px(*tile),
                    pixels_per_point,
                    primitives: ctx.tessellate(painted.shapes_over(*tile), pixels_per_point),
                    font: Arc::clone(&font),
                };
                made += 1;
                if let Some(worker) = worker {
                    shown.in_flight.insert(*tile);
                    worker.send(job, ctx);
                    continue;
                }
                let Some(picture) = job.rasterise() else {
                    shown.unsupported = true;
                    return None;
                };
                shown.tiles.insert(*tile, texture_of(ctx, self.name, &mut self.spare, picture));
                self.made_count += 1;
            }
            // With tiles on the way, the thread asks for the next frame when one is done.
            if made < missing.len() && shown.in_flight.is_empty() {
                ctx.request_repaint();
            }
        }
        let missing = shown.missing(grid, visible).map(|rect| rect.intersect(canvas));
        let kept = shown.kept(painted_origin, missing);
        if missing.is_none() {
            shown.draw(painter, grid, visible);
            if let Some(previous) = self.previous.take() {
                self.retire(previous);
            }
            return Some(kept);
        }
        // Until the canvas's tiles are ready: the last look's, if only the leaders differ (see
        // above) and they are all there, or the ready ones with the rest painted by the caller.
        if let Some(previous) = self.previous.as_ref().filter(|previous| previous.key == key_of(self.shown.as_ref())) {
            let (grid, painted_origin) = previous.grid_for(origin, pixels_per_point);
            let visible = grid.covering(canvas, 0);
            if previous.missing(grid, visible).is_none() {
                previous.draw(painter, grid, visible);
                return Some(previous.kept(painted_origin, None));
            }
        }
        if let Some(shown) = &self.shown {
            shown.draw(painter, grid, visible);
        }
        Some(kept)
    }

    /// `origin` moved by under a pixel onto the grid of the tiles kept, as [`KeptTiles::paint`]
    /// draws them (see [`Kept::origin`]), so that a caller can draw the whole frame for it;
    /// `origin` itself when none are kept.
    pub fn snapped_origin(&self, ctx: &Context, origin: Pos2) -> Pos2 {
        self.shown.as_ref().map_or(origin, |shown| shown.grid_for(origin, ctx.pixels_per_point()).1)
    }

    /// Starts keeping tiles for a look of the canvas, for the view's `origin` and the `canvas`.
    fn begin(&mut self, ctx: &Context, key: String, origin: Pos2, canvas: Rect) {
        let pixels_per_point = ctx.pixels_per_point();
        let anchor_px = [(origin.x * pixels_per_point).round() as i64, (origin.y * pixels_per_point).round() as i64];
        self.generation += 1;
        if let Some(worker) = &self.worker {
            // Tiles still waiting for an earlier look are passed over.
            worker.current.store(self.generation, Ordering::Relaxed);
        }
        self.painted = None;
        self.shown = Some(Shown {
            key,
            origin,
            anchor_px,
            canvas,
            generation: self.generation,
            tiles: HashMap::new(),
            in_flight: HashSet::new(),
            unsupported: false,
        });
    }

    /// Keeps `old` to show until the tiles of the look that follows it are ready; the one kept
    /// before it is freed.
    fn retire(&mut self, old: Shown) {
        if let Some(previous) = self.previous.replace(old) {
            self.spare.extend(previous.tiles.into_values());
            self.spare.truncate(SPARE_TEXTURES);
        }
    }

    /// Whether the map painted live now stands in for tiles to come: the map is kept as tiles
    /// here (see [`install`]) and they can draw it.
    pub(super) fn stand_in(&self, ctx: &Context) -> bool {
        settings(ctx).is_some() && !self.shown.as_ref().is_some_and(|shown| shown.unsupported)
    }

    /// How many tiles have been rasterised so far.
    pub fn made_count(&self) -> u64 {
        self.made_count
    }

    /// How many tiles are kept now.
    pub fn kept_count(&self) -> usize {
        self.shown.as_ref().map_or(0, |shown| shown.tiles.len())
    }

    fn drop_tiles(&mut self) {
        for shown in [self.shown.take(), self.previous.take()].into_iter().flatten() {
            self.spare.extend(shown.tiles.into_values());
        }
        self.spare.truncate(SPARE_TEXTURES);
        self.painted = None;
    }
}

/// How full egui's font texture is.
#[allow(clippy::redundant_closure_for_method_calls, reason = "the method path does not satisfy the borrow's lifetime")]
fn font_atlas_fill(ctx: &Context) -> f32 {
    ctx.fonts(|fonts| fonts.font_atlas_fill_ratio())
}

/// egui's font texture as it is now (with any letters the shapes just added): a copy, as egui
/// lends no view of it.
#[allow(clippy::redundant_closure_for_method_calls, reason = "the method path does not satisfy the borrow's lifetime")]
fn font_image(ctx: &Context) -> ColorImage {
    ctx.fonts(|fonts| fonts.image())
}

/// The key of the look `shown`, if any.
fn key_of(shown: Option<&Shown>) -> &str {
    shown.map_or("", |shown| shown.key.as_str())
}

/// The tile grid for a frame: where its corner is on the screen.
#[derive(Clone, Copy, Debug)]
struct Grid {
    /// The screen pixel of the corner of tile (0, 0).
    anchor_px: [i64; 2],
    pixels_per_point: f32,
}

/// Columns and rows of tiles, the ends exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TileRange {
    columns: [i64; 2],
    rows: [i64; 2],
}

impl TileRange {
    fn one(tile: [i64; 2]) -> Self {
        Self { columns: [tile[0], tile[0] + 1], rows: [tile[1], tile[1] + 1] }
    }

    fn contains(self, [column, row]: [i64; 2]) -> bool {
        (self.columns[0]..self.columns[1]).contains(&column) && (self.rows[0]..self.rows[1]).contains(&row)
    }

    fn tiles(self) -> impl Iterator<Item = [i64; 2]> {
        (self.rows[0]..self.rows[1])
            .flat_map(move |row| (self.columns[0]..self.columns[1]).map(move |column| [column, row]))
    }

    fn middle(self) -> [i64; 2] {
        [i64::midpoint(self.columns[0], self.columns[1]), i64::midpoint(self.rows[0], self.rows[1])]
    }
}

impl Grid {
    /// The tiles that cover `rect` (points) widened by `beyond` tiles on each side.
    fn covering(self, rect: Rect, beyond: i64) -> TileRange {
        let index =
            |points: f32, anchor: i64| (f64::from(points * self.pixels_per_point) - anchor as f64) / TILE_PX as f64;
        let columns = [
            index(rect.min.x, self.anchor_px[0]).floor() as i64 - beyond,
            index(rect.max.x, self.anchor_px[0]).ceil() as i64 + beyond,
        ];
        let rows = [
            index(rect.min.y, self.anchor_px[1]).floor() as i64 - beyond,
            index(rect.max.y, self.anchor_px[1]).ceil() as i64 + beyond,
        ];
        TileRange { columns, rows }
    }

    /// The screen pixel of a tile's top left corner.
    fn corner_px(self, [column, row]: [i64; 2]) -> [i64; 2] {
        [self.anchor_px[0] + column * TILE_PX, self.anchor_px[1] + row * TILE_PX]
    }

    /// What `range` covers on the screen, in points.
    fn rect(self, range: TileRange) -> Rect {
        let min = self.corner_px([range.columns[0], range.rows[0]]);
        let max = self.corner_px([range.columns[1], range.rows[1]]);
        let point = |pixels: i64| pixels as f32 / self.pixels_per_point;
        Rect::from_min_max(pos2(point(min[0]), point(min[1])), pos2(point(max[0]), point(max[1])))
    }
}

impl Painted {
    /// The painted shapes over `tile`, cut to it.
    fn shapes_over(&self, tile: [i64; 2]) -> Vec<ClippedShape> {
        let rect = self.grid.rect(TileRange::one(tile));
        // A pixel's worth wider: shapes' edges are feathered half a pixel beyond their bounds.
        let reach = rect.expand(1.0 / self.grid.pixels_per_point);
        self.shapes
            .iter()
            .filter(|(bounds, clipped)| bounds.intersects(reach) && clipped.clip_rect.intersects(rect))
            .map(|(_, clipped)| ClippedShape::new(clipped.clip_rect.intersect(rect), clipped.shape.clone()))
            .collect()
    }
}

/// A tile to rasterise: its shapes tessellated, where it goes, and the font texture they use.
struct Job {
    /// Which look of the canvas it is for (see [`Shown::generation`]).
    generation: u64,
    tile: [i64; 2],
    /// The screen pixel of its top left corner, for the grid the shapes were painted for.
    top_left_px: [i64; 2],
    pixels_per_point: f32,
    primitives: Vec<ClippedPrimitive>,
    font: Arc<ColorImage>,
}

impl Job {
    /// The tile's pixels; `None` if the canvas drew something the rasteriser cannot draw.
    fn rasterise(&self) -> Option<Picture> {
        let mut picture = Picture::transparent([TILE_PX as usize, TILE_PX as usize]);
        let top_left = Vec2::new(self.top_left_px[0] as f32, self.top_left_px[1] as f32);
        let unsupported = rasterise(&mut picture, top_left, self.pixels_per_point, &self.primitives, &self.font, true);
        unsupported.is_none().then_some(picture)
    }
}

/// A tile rasterised by the background thread.
struct Done {
    generation: u64,
    tile: [i64; 2],
    picture: Option<Picture>,
}

/// The thread that rasterises tiles in the background, so that no frame waits for one (a tile
/// in the middle of a 10,000-note map holds some 470,000 triangles).
struct Worker {
    jobs: mpsc::Sender<(Job, Context)>,
    done: mpsc::Receiver<Done>,
    /// The look being made now: jobs for an earlier one are passed over.
    current: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the thread for the canvas called `name`; `None` if the system would not start one
    /// (the canvas is painted live).
    fn start(name: &str) -> Option<Self> {
        let (jobs, waiting) = mpsc::channel::<(Job, Context)>();
        let (finished, done) = mpsc::channel();
        let current = Arc::new(AtomicU64::new(0));
        let latest = Arc::clone(&current);
        std::thread::Builder::new()
            .name(format!("{name} tiles"))
            .spawn(move || {
                // Ends when the canvas's tiles are dropped, with the sending end.
                for (job, ctx) in waiting {
                    if job.generation != latest.load(Ordering::Relaxed) {
                        continue;
                    }
                    let picture = job.rasterise();
                    let done = Done { generation: job.generation, tile: job.tile, picture };
                    if finished.send(done).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            })
            .ok()?;
        Some(Self { jobs, done, current })
    }

    fn send(&self, job: Job, ctx: &Context) {
        self.current.store(job.generation, Ordering::Relaxed);
        // A thread that has stopped leaves its tiles in flight: the canvas stays painted live.
        let _ = self.jobs.send((job, ctx.clone()));
    }
}

/// A texture holding `picture`: a spare one filled again, or a new one.
fn texture_of(ctx: &Context, name: &str, spare: &mut Vec<TextureHandle>, picture: Picture) -> TextureHandle {
    let image = picture.into_image();
    match spare.pop() {
        Some(mut texture) => {
            texture.set(image, TextureOptions::NEAREST);
            texture
        }
        None => ctx.load_texture(format!("{name} tile"), image, TextureOptions::NEAREST),
    }
}

/// What `paint` paints on a painter over `region`, taken back out of egui's lists so that egui
/// does not draw it itself.
fn painted_aside(painter: &Painter, region: Rect, paint: impl FnOnce(&Painter)) -> Vec<ClippedShape> {
    let layer = LayerId::new(painter.layer_id().order, painter.layer_id().id.with("kept tiles"));
    let aside = Painter::new(painter.ctx().clone(), layer, region);
    paint(&aside);
    painter.ctx().graphics_mut(|graphics| {
        let list = graphics.entry(layer);
        let mut shapes = Vec::with_capacity(list.next_idx().0);
        for index in 0..list.next_idx().0 {
            list.mutate_shape(ShapeIdx(index), |clipped| {
                let clip_rect = clipped.clip_rect;
                shapes.push(std::mem::replace(clipped, ClippedShape::new(clip_rect, Shape::Noop)));
            });
        }
        *list = egui::layers::PaintList::default();
        shapes
    })
}

#[cfg(test)]
mod tests {
    use super::{Grid, TILE_PX, TileRange};
    use egui::{Rect, pos2};

    #[test]
    fn the_grid_covers_the_canvas_with_whole_pixel_tiles_that_move_with_the_view() {
        let grid = Grid { anchor_px: [-100, 37], pixels_per_point: 1.5 };
        let canvas = Rect::from_min_max(pos2(10.3, 20.7), pos2(810.0, 620.0));
        let visible = grid.covering(canvas, 0);
        let covered = grid.rect(visible);
        assert!(covered.contains_rect(canvas), "{covered:?} does not cover {canvas:?}");
        // No column or row more than needed.
        assert!(covered.width() * 1.5 - (canvas.width() * 1.5) < 2.0 * TILE_PX as f32);
        for tile in visible.tiles() {
            let rect = grid.rect(TileRange::one(tile));
            for value in [rect.min.x, rect.min.y, rect.max.x, rect.max.y] {
                let pixels = value * 1.5;
                assert!((pixels - pixels.round()).abs() < 1e-3, "{value} is not on a pixel");
            }
            assert!((rect.width() * 1.5 - TILE_PX as f32).abs() < 1e-3);
        }
        let ahead = grid.covering(canvas, 1);
        assert_eq!(ahead.columns, [visible.columns[0] - 1, visible.columns[1] + 1]);
        // Panned by 7 pixels, the same tile lands 7 pixels further on.
        let moved = Grid { anchor_px: [-93, 37], ..grid };
        let tile = [0, 0];
        let shift = moved.rect(TileRange::one(tile)).min.x - grid.rect(TileRange::one(tile)).min.x;
        assert!((shift * 1.5 - 7.0).abs() < 1e-3);
    }
}
