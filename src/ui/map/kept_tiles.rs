//! The console's map kept as tiles of pixels while nothing in it changes, for computers without a
//! graphics card (issue 22). There the processor shades every pixel egui draws, and the map
//! painted afresh each frame (background, bands, stages' words, leaders, links and cards) cost
//! several screenfuls of pixels: panning drew at a third to two thirds of egui's own demo. So
//! its unchanging layers are rasterised once, in safe Rust ([`crate::ui::raster`]), into tiles
//! of [`TILE_PX`] pixels on a grid fixed to the map (on whole pixels, so panning never
//! resamples), handed to egui as ordinary textures; a frame then draws a screenful of textured
//! squares, whatever the workshop's size, with what the pointer and the keyboard add (hover and
//! focus outlines, a link being drawn) painted live on top.
//!
//! Tiles are made ahead of a pan, a frame's [`Settings::budget`] at a time; until every tile on
//! the canvas is ready the map is painted live as before, so no frame waits for them. They are
//! dropped when anything in the picture changes (the key the caller gives: the workshop's
//! revision, the zoom, the selection, the theme, the canvas, the pixels per point), and only
//! made again once the look has held for a frame, so zooming and dragging are painted live.
//! Tiles far from the canvas are freed.

use crate::ui::raster::{Picture, rasterise};
use egui::epaint::{ClippedShape, ColorImage};
use egui::layers::ShapeIdx;
use egui::{
    Color32, Context, Id, LayerId, Painter, Pos2, Rect, Shape, TextureHandle, TextureOptions, Vec2, pos2, vec2,
};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A tile's width and height in pixels.
pub const TILE_PX: i64 = 512;
/// How many tiles beyond the canvas on each side are made ahead of a pan.
const AHEAD_TILES: i64 = 1;
/// How many tiles further out are kept before they are freed.
const KEPT_BEYOND_TILES: i64 = 1;
/// How many freed tiles' textures are kept to be filled again, rather than made anew.
const SPARE_TEXTURES: usize = 8;
/// How long a frame may spend making tiles (at least one is made when any is missing).
pub const FRAME_BUDGET: Duration = Duration::from_millis(8);

/// How the kept tiles are made, where they are (see [`install`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// How long a frame may spend rasterising tiles.
    pub budget: Duration,
}

fn settings_id() -> Id {
    Id::unique("common-ground: the map is kept as tiles")
}

/// Keeps the console's map of `ctx` as tiles: the app does so where eframe's glow renderer draws
/// the window (chosen on computers without a graphics card), and a test where it compares them.
pub fn install(ctx: &Context, settings: Settings) {
    ctx.data_mut(|data| data.insert_temp(settings_id(), settings));
}

/// The settings given to [`install`], if the map is kept as tiles.
fn settings(ctx: &Context) -> Option<Settings> {
    ctx.data(|data| data.get_temp(settings_id()))
}

/// The map's kept tiles and what they show.
#[derive(Default)]
pub struct KeptTiles {
    /// The look the tiles show and the tiles made.
    shown: Option<Shown>,
    /// The look asked for last frame: tiles are made once a look is asked for twice in a row.
    last_key: Option<String>,
    /// Textures of freed tiles, filled again for new ones.
    spare: Vec<TextureHandle>,
    /// The map's shapes painted for the tiles still to make, kept while they are made.
    painted: Option<Painted>,
    /// How many tiles have been rasterised, for tests and measurements.
    made_count: u64,
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

/// Tiles made for one look of the map.
struct Shown {
    /// Everything that, changed, changes the picture (compared with `==`).
    key: String,
    /// The view's origin when the first tile was made, in points.
    origin: Pos2,
    /// That origin in the screen's pixels, rounded: the grid's corner for that origin.
    anchor_px: [i64; 2],
    /// The tiles made, by column and row on the grid.
    tiles: HashMap<[i64; 2], TextureHandle>,
    /// A tile could not be drawn (the map drew a shape the rasteriser cannot): painted live.
    unsupported: bool,
}

/// The map painted aside over the tiles still to make, for one place of the grid.
struct Painted {
    /// The grid's corner it was painted for (pixels).
    anchor_px: [i64; 2],
    /// The part of the screen it covers (points).
    region: Rect,
    /// How full egui's font texture was: when it is emptied (egui does so when it is nearly
    /// full), the letters' places in it change and the shapes are painted again.
    font_fill: f32,
    /// Each shape with its visual bounds.
    shapes: Vec<(Rect, ClippedShape)>,
}

impl KeptTiles {
    /// Draws the map's unchanging layers from the kept tiles, where the map is kept as tiles
    /// (see [`install`]) and every tile on the canvas is ready, and returns the view's origin they
    /// were drawn for (the given `origin` moved to whole pixels), for the caller to paint what is
    /// added on top; otherwise draws nothing and returns `None`, for the caller to paint the map
    /// itself. `key` writes out everything that changes the picture; `settled` is false while
    /// the map moves under the pointer (a note or a group dragged), when no tiles are made.
    /// `paint` paints the unchanging layers on a painter for a view origin.
    pub(super) fn paint(
        &mut self,
        painter: &Painter,
        key: String,
        origin: Pos2,
        settled: bool,
        mut paint: impl FnMut(&Painter, Pos2),
    ) -> Option<Pos2> {
        let ctx = painter.ctx();
        let settings = settings(ctx)?;
        if !settled {
            return None;
        }
        if self.shown.as_ref().is_none_or(|shown| shown.key != key) {
            self.drop_tiles();
            if self.last_key.as_ref() != Some(&key) {
                // A new look: painted live until it holds for a frame (zooming asks for a new
                // look every frame).
                self.last_key = Some(key);
                ctx.request_repaint();
                return None;
            }
            let pixels_per_point = ctx.pixels_per_point();
            let anchor_px =
                [(origin.x * pixels_per_point).round() as i64, (origin.y * pixels_per_point).round() as i64];
            self.shown = Some(Shown { key, origin, anchor_px, tiles: HashMap::new(), unsupported: false });
        }
        let shown = self.shown.as_mut()?;
        if shown.unsupported {
            return None;
        }
        let pixels_per_point = ctx.pixels_per_point();
        // The grid moves with the view by whole pixels.
        let shift = [
            ((origin.x - shown.origin.x) * pixels_per_point).round() as i64,
            ((origin.y - shown.origin.y) * pixels_per_point).round() as i64,
        ];
        let painted_origin = shown.origin + vec2(shift[0] as f32, shift[1] as f32) / pixels_per_point;
        let anchor_px = [shown.anchor_px[0] + shift[0], shown.anchor_px[1] + shift[1]];
        let grid = Grid { anchor_px, pixels_per_point };
        let canvas = painter.clip_rect();
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

        let mut missing: Vec<[i64; 2]> = wanted.tiles().filter(|tile| !shown.tiles.contains_key(tile)).collect();
        if missing.is_empty() {
            self.painted = None;
        } else {
            // Those on the canvas first, then the nearest.
            let middle = visible.middle();
            missing.sort_by_key(|&tile| {
                (!visible.contains(tile), (tile[0] - middle[0]).abs() + (tile[1] - middle[1]).abs())
            });
            let region = grid.rect(wanted);
            let font_fill = font_atlas_fill(ctx);
            if self.painted.as_ref().is_none_or(|painted| {
                painted.anchor_px != anchor_px || painted.region != region || font_fill < painted.font_fill
            }) {
                let shapes = painted_aside(painter, region, |aside| paint(aside, painted_origin));
                let shapes = shapes.into_iter().map(|shape| (shape.shape.visual_bounding_rect(), shape)).collect();
                let font_fill = font_atlas_fill(ctx);
                self.painted = Some(Painted { anchor_px, region, font_fill, shapes });
            }
            let started = Instant::now();
            // Copied once a frame, and only when tiles are made.
            let font = font_image(ctx);
            let mut made = 0;
            for tile in &missing {
                if made > 0 && started.elapsed() >= settings.budget {
                    break;
                }
                let Some(painted) = &self.painted else { break };
                let Some(picture) = rasterise_tile(ctx, painted, grid, *tile, &font) else {
                    shown.unsupported = true;
                    self.painted = None;
                    return None;
                };
                let image = picture.into_image();
                let texture = match self.spare.pop() {
                    Some(mut texture) => {
                        texture.set(image, TextureOptions::NEAREST);
                        texture
                    }
                    None => ctx.load_texture("needs map tile", image, TextureOptions::NEAREST),
                };
                shown.tiles.insert(*tile, texture);
                self.made_count += 1;
                made += 1;
            }
            if made == missing.len() {
                self.painted = None;
            } else {
                ctx.request_repaint();
            }
        }
        if !visible.tiles().all(|tile| shown.tiles.contains_key(&tile)) {
            return None;
        }
        let whole = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
        for tile in visible.tiles() {
            if let Some(texture) = shown.tiles.get(&tile) {
                painter.image(texture.id(), grid.rect(TileRange::one(tile)), whole, Color32::WHITE);
            }
        }
        Some(painted_origin)
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
        if let Some(shown) = self.shown.take() {
            self.spare.extend(shown.tiles.into_values());
            self.spare.truncate(SPARE_TEXTURES);
        }
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

/// The tile's pixels: the painted shapes over it, tessellated and rasterised. `None` if the map
/// drew something the rasteriser cannot draw.
fn rasterise_tile(ctx: &Context, painted: &Painted, grid: Grid, tile: [i64; 2], font: &ColorImage) -> Option<Picture> {
    let rect = grid.rect(TileRange::one(tile));
    // A pixel's worth wider: shapes' edges are feathered half a pixel beyond their bounds.
    let reach = rect.expand(1.0 / grid.pixels_per_point);
    let shapes: Vec<ClippedShape> = painted
        .shapes
        .iter()
        .filter(|(bounds, clipped)| bounds.intersects(reach) && clipped.clip_rect.intersects(rect))
        .map(|(_, clipped)| ClippedShape::new(clipped.clip_rect.intersect(rect), clipped.shape.clone()))
        .collect();
    let primitives = ctx.tessellate(shapes, grid.pixels_per_point);
    let corner = grid.corner_px(tile);
    let mut picture = Picture::transparent([TILE_PX as usize, TILE_PX as usize]);
    let top_left = Vec2::new(corner[0] as f32, corner[1] as f32);
    let unsupported = rasterise(&mut picture, top_left, grid.pixels_per_point, &primitives, font, true);
    unsupported.is_none().then_some(picture)
}

/// What `paint` paints on a painter over `region`, taken back out of egui's lists so that egui
/// does not draw it itself.
fn painted_aside(painter: &Painter, region: Rect, paint: impl FnOnce(&Painter)) -> Vec<ClippedShape> {
    let layer = LayerId::new(painter.layer_id().order, painter.layer_id().id.with("kept map tiles"));
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
