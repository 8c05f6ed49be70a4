//! A small triangle rasteriser for egui's tessellated meshes, in safe Rust, which draws them as
//! eframe's OpenGL renderer (`egui_glow`) does: vertex colours are premultiplied sRGB bytes,
//! interpolated across the triangle; the font texture is sampled with linear filtering, clamped
//! at its edges, and multiplied with the colour in gamma space; the result is dithered as egui's
//! shader dithers it and blended with `ONE, ONE_MINUS_SRC_ALPHA` (and
//! `ONE_MINUS_DST_ALPHA, ONE` for alpha) in gamma space; each mesh is cut to its clip
//! rectangle, rounded to whole pixels; pixels are covered where their centres are inside a
//! triangle, with the top-left rule for centres on an edge. It lets the needs map keep its
//! unchanging layers as pictures (see `crate::ui::kept_tiles`) without any OpenGL call.

use egui::epaint::{ClippedPrimitive, ColorImage, Mesh, Primitive, Vertex};
use egui::{Color32, TextureId, Vec2};

/// Vertex positions are snapped to this many steps a pixel before rasterising, as graphics
/// hardware snaps them (Mesa's llvmpipe to 1/256), so edges shared by two triangles cover
/// each pixel centre exactly once.
const SUBPIXEL_STEPS: f64 = 256.0;

/// A picture being drawn: premultiplied sRGB pixels, row by row from the top left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// Width and height in pixels.
    pub size: [usize; 2],
    /// `size[0] * size[1]` pixels.
    pub pixels: Vec<Color32>,
}

impl Picture {
    /// A picture of `size` pixels, all transparent.
    pub fn transparent(size: [usize; 2]) -> Self {
        Self { size, pixels: vec![Color32::TRANSPARENT; size[0] * size[1]] }
    }

    /// The pixel at column `x`, row `y`.
    pub fn pixel(&self, x: usize, y: usize) -> Color32 {
        self.pixels[y * self.size[0] + x]
    }

    /// The picture as an egui image, to load as a texture.
    pub fn into_image(self) -> ColorImage {
        ColorImage::new(self.size, self.pixels)
    }
}

/// What a rasterised picture could not draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unsupported {
    /// Meshes with a texture other than the font texture (the map draws no images).
    pub other_textures: usize,
    /// Paint callbacks, which only a renderer can run.
    pub callbacks: usize,
}

impl Unsupported {
    /// Whether everything was drawn.
    pub fn is_none(self) -> bool {
        self == Self::default()
    }
}

/// Draws `primitives` (egui's tessellated shapes, positions in points) over `picture`, whose
/// top left pixel is the screen's pixel `top_left_px`; `font` is egui's font texture (the
/// only texture drawn); `dither` as eframe's renderer is set (on by default). Returns what it
/// could not draw.
pub fn rasterise(
    picture: &mut Picture,
    top_left_px: Vec2,
    pixels_per_point: f32,
    primitives: &[ClippedPrimitive],
    font: &ColorImage,
    dither: bool,
) -> Unsupported {
    let mut unsupported = Unsupported::default();
    let [width, height] = picture.size;
    let target = PixelRect { left: 0, top: 0, right: width as i64, bottom: height as i64 };
    let mut meshes = Vec::new();
    for ClippedPrimitive { clip_rect, primitive } in primitives {
        let mesh = match primitive {
            Primitive::Mesh(mesh) => mesh,
            Primitive::Callback(_) => {
                unsupported.callbacks += 1;
                continue;
            }
        };
        if mesh.texture_id != TextureId::default() {
            unsupported.other_textures += 1;
            continue;
        }
        // As egui_glow sets its scissor rectangle: the clip in screen pixels, rounded.
        let to_pixel = |points: f32, offset: f32| (points * pixels_per_point).round() as i64 - offset as i64;
        let clip = PixelRect {
            left: to_pixel(clip_rect.min.x, top_left_px.x),
            top: to_pixel(clip_rect.min.y, top_left_px.y),
            right: to_pixel(clip_rect.max.x, top_left_px.x),
            bottom: to_pixel(clip_rect.max.y, top_left_px.y),
        }
        .intersect(target);
        if clip.is_empty() {
            continue;
        }
        let positions = mesh.vertices.iter().map(|vertex| snapped_position(vertex, top_left_px, pixels_per_point));
        meshes.push(Prepared { mesh, positions: positions.collect(), clip });
    }
    if width == 0 || height == 0 {
        return unsupported;
    }
    // Bands of rows drawn side by side, each by a thread of its own: a tile of a large map has
    // hundreds of thousands of triangles.
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, MAX_THREADS);
    let rows_per_band = height.div_ceil(threads).max(MIN_BAND_ROWS);
    let draw_band = |(index, pixels): (usize, &mut [Color32])| {
        let mut band = Band { pixels, width, first_row: (index * rows_per_band) as i64 };
        let rows = PixelRect {
            left: 0,
            top: band.first_row,
            right: width as i64,
            bottom: band.first_row + (band.pixels.len() / width) as i64,
        };
        for prepared in &meshes {
            draw_mesh(&mut band, prepared, prepared.clip.intersect(rows), font, dither);
        }
    };
    let mut bands = picture.pixels.chunks_mut(rows_per_band * width).enumerate();
    let first = bands.next();
    std::thread::scope(|scope| {
        for band in bands {
            scope.spawn(move || draw_band(band));
        }
        if let Some(band) = first {
            draw_band(band);
        }
    });
    unsupported
}

/// At most this many threads draw a picture…
const MAX_THREADS: usize = 4;
/// …each at least this many rows, so small pictures are drawn by one.
const MIN_BAND_ROWS: usize = 64;

/// Some rows of the picture, drawn by one thread.
struct Band<'a> {
    /// The rows' pixels.
    pixels: &'a mut [Color32],
    /// The picture's width.
    width: usize,
    /// Which of the picture's rows is the first here.
    first_row: i64,
}

/// A mesh to draw: its vertices' positions ready to rasterise, and its clip in the picture's
/// pixels.
struct Prepared<'a> {
    mesh: &'a Mesh,
    /// Each vertex's position, snapped (16 bytes a vertex: a tile of a large map holds some
    /// 700,000 vertices).
    positions: Vec<[f64; 2]>,
    clip: PixelRect,
}

/// A rectangle of whole pixels, right and bottom exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PixelRect {
    left: i64,
    top: i64,
    right: i64,
    bottom: i64,
}

impl PixelRect {
    fn intersect(self, other: Self) -> Self {
        Self {
            left: self.left.max(other.left),
            top: self.top.max(other.top),
            right: self.right.min(other.right),
            bottom: self.bottom.min(other.bottom),
        }
    }

    fn is_empty(self) -> bool {
        self.right <= self.left || self.bottom <= self.top
    }
}

/// One vertex ready to rasterise: position in the picture's pixels (snapped), colour as floats
/// 0 to 1, texture coordinates in texels.
#[derive(Clone, Copy)]
struct Corner {
    x: f64,
    y: f64,
    rgba: [f32; 4],
    texel: [f32; 2],
}

/// A vertex's position in the picture's pixels, snapped (see [`SUBPIXEL_STEPS`]).
fn snapped_position(vertex: &Vertex, top_left_px: Vec2, pixels_per_point: f32) -> [f64; 2] {
    let snap = |points: f32, offset: f32| {
        let pixels = f64::from(points) * f64::from(pixels_per_point) - f64::from(offset);
        (pixels * SUBPIXEL_STEPS).round() / SUBPIXEL_STEPS
    };
    [snap(vertex.pos.x, top_left_px.x), snap(vertex.pos.y, top_left_px.y)]
}

impl Corner {
    fn new(vertex: &Vertex, [x, y]: [f64; 2], font_size: [f32; 2]) -> Self {
        Self {
            x,
            y,
            rgba: vertex.color.to_array().map(|channel| f32::from(channel) / 255.0),
            texel: [vertex.uv.x * font_size[0], vertex.uv.y * font_size[1]],
        }
    }
}

fn draw_mesh(band: &mut Band<'_>, prepared: &Prepared<'_>, clip: PixelRect, font: &ColorImage, dither: bool) {
    if clip.is_empty() {
        return;
    }
    let (mesh, positions) = (prepared.mesh, &prepared.positions);
    let font_size = [font.size[0] as f32, font.size[1] as f32];
    for triangle in mesh.indices.chunks_exact(3) {
        let [Some(a), Some(b), Some(c)] = [0, 1, 2].map(|corner| positions.get(triangle[corner] as usize)) else {
            continue;
        };
        // Most of a tile's triangles lie outside it (or this band of it): passed over first.
        if a[0].max(b[0]).max(c[0]) < clip.left as f64
            || a[0].min(b[0]).min(c[0]) > clip.right as f64
            || a[1].max(b[1]).max(c[1]) < clip.top as f64
            || a[1].min(b[1]).min(c[1]) > clip.bottom as f64
        {
            continue;
        }
        let vertex = |index: u32| &mesh.vertices[index as usize];
        let [va, vb, vc] = [vertex(triangle[0]), vertex(triangle[1]), vertex(triangle[2])];
        let flat = va.color == vb.color && va.color == vc.color && va.uv == vb.uv && va.uv == vc.uv;
        let corners = [Corner::new(va, *a, font_size), Corner::new(vb, *b, font_size), Corner::new(vc, *c, font_size)];
        draw_triangle(band, corners, flat, clip, font, dither);
    }
}

/// The edge function of the edge from `from` to `to`: `a * x + b * y + c`, positive on the
/// inside of a triangle wound as [`draw_triangle`] winds it.
#[derive(Clone, Copy)]
struct Edge {
    a: f64,
    b: f64,
    c: f64,
    /// Whether a pixel centre exactly on the edge is inside: on a left edge (the inside is to its
    /// right), or a top edge (horizontal, the inside below), as graphics hardware decides.
    takes_ties: bool,
}

impl Edge {
    fn new(from: &Corner, to: &Corner) -> Self {
        let a = from.y - to.y;
        let b = to.x - from.x;
        let c = from.x * to.y - from.y * to.x;
        Self { a, b, c, takes_ties: a > 0.0 || (a == 0.0 && b > 0.0) }
    }

    fn at(self, x: f64, y: f64) -> f64 {
        self.a * x + self.b * y + self.c
    }

    fn inside(self, value: f64) -> bool {
        value > 0.0 || (value == 0.0 && self.takes_ties)
    }
}

fn draw_triangle(
    band: &mut Band<'_>,
    mut corners: [Corner; 3],
    flat: bool,
    clip: PixelRect,
    font: &ColorImage,
    dither: bool,
) {
    let [p0, p1, p2] = &corners;
    let doubled_area = (p1.x - p0.x) * (p2.y - p0.y) - (p1.y - p0.y) * (p2.x - p0.x);
    if doubled_area == 0.0 || !doubled_area.is_finite() {
        return;
    }
    if doubled_area < 0.0 {
        corners.swap(1, 2);
    }
    let doubled_area = doubled_area.abs();
    let [p0, p1, p2] = &corners;
    // Each edge is named after the corner opposite it, whose weight it gives.
    let edges = [Edge::new(p1, p2), Edge::new(p2, p0), Edge::new(p0, p1)];
    let min_x = p0.x.min(p1.x).min(p2.x);
    let max_x = p0.x.max(p1.x).max(p2.x);
    let min_y = p0.y.min(p1.y).min(p2.y);
    let max_y = p0.y.max(p1.y).max(p2.y);
    // Pixel centres are at +0.5.
    let top = ((min_y - 0.5).ceil() as i64).max(clip.top);
    let bottom = ((max_y - 0.5).floor() as i64 + 1).min(clip.bottom);
    let left = ((min_x - 0.5).ceil() as i64).max(clip.left);
    let right = ((max_x - 0.5).floor() as i64 + 1).min(clip.right);
    if top >= bottom || left >= right {
        return;
    }
    let shade = Shade::new(&corners, flat, font);
    let width = band.width;
    for row in top..bottom {
        let y = row as f64 + 0.5;
        let Some((mut start, mut end)) = span(&edges, y, left, right) else { continue };
        // Each edge's function grows steadily along the row, so the covered pixels are one run:
        // only its ends need the exact test.
        let inside = |column: i64| {
            let x = column as f64 + 0.5;
            edges.iter().all(|edge| edge.inside(edge.at(x, y)))
        };
        while start < end && !inside(start) {
            start += 1;
        }
        while end > start && !inside(end - 1) {
            end -= 1;
        }
        if start == end {
            continue;
        }
        let row_start = (row - band.first_row) as usize * width;
        let run = &mut band.pixels[row_start + start as usize..row_start + end as usize];
        match &shade {
            Shade::Flat(fill) => fill.over(run),
            Shade::Varying => {
                for (column, pixel) in (start..end).zip(run.iter_mut()) {
                    let x = column as f64 + 0.5;
                    let weights = edges.map(|edge| (edge.at(x, y) / doubled_area) as f32);
                    let source = shade_varying(&corners, weights, font);
                    let source = if dither { dithered(source, column, row) } else { source };
                    *pixel = blend(source, *pixel);
                }
            }
        }
    }
}

/// The columns of row centre `y` that may be inside all three edges, from the edges' crossings
/// of the row, one pixel wider on each side so the exact test decides at the ends.
fn span(edges: &[Edge; 3], y: f64, left: i64, right: i64) -> Option<(i64, i64)> {
    let (mut from, mut to) = (left as f64, right as f64);
    for edge in edges {
        let rest = edge.b * y + edge.c;
        if edge.a == 0.0 {
            if !edge.inside(rest) {
                return None;
            }
        } else {
            // a * x + rest >= 0, with x = column + 0.5.
            let crossing = -rest / edge.a - 0.5;
            if edge.a > 0.0 {
                from = from.max(crossing.floor() - 1.0);
            } else {
                to = to.min(crossing.ceil() + 2.0);
            }
        }
    }
    let (from, to) = ((from as i64).max(left), (to as i64).min(right));
    (from < to).then_some((from, to))
}

/// What colours a triangle's pixels: constant, or interpolated and sampled.
enum Shade {
    /// The same colour at every pixel: the vertices' colour times its one texel.
    Flat(FlatFill),
    /// Interpolated.
    Varying,
}

impl Shade {
    fn new(corners: &[Corner; 3], flat: bool, font: &ColorImage) -> Self {
        if flat {
            let corner = &corners[0];
            let texel = sample(font, corner.texel);
            Self::Flat(FlatFill::new([0, 1, 2, 3].map(|channel| corner.rgba[channel] * texel[channel])))
        } else {
            Self::Varying
        }
    }
}

/// One colour laid over a run of pixels, worked out once for the triangle.
enum FlatFill {
    /// Opaque: the pixels become it.
    Opaque(Color32),
    /// Partly transparent: blended over each pixel.
    Blended([f32; 4]),
}

impl FlatFill {
    fn new(source: [f32; 4]) -> Self {
        let source = source.map(|channel| channel.clamp(0.0, 1.0));
        if source[3] >= 1.0 { Self::Opaque(blend(source, Color32::TRANSPARENT)) } else { Self::Blended(source) }
    }

    fn over(&self, run: &mut [Color32]) {
        match self {
            Self::Opaque(colour) => run.fill(*colour),
            Self::Blended(source) => {
                for pixel in run {
                    *pixel = blend(*source, *pixel);
                }
            }
        }
    }
}

/// The fragment's colour for the corners' `weights` (summing to one): the colours
/// interpolated, times the texture at the interpolated place.
fn shade_varying(corners: &[Corner; 3], weights: [f32; 3], font: &ColorImage) -> [f32; 4] {
    let mix = |value: &dyn Fn(&Corner) -> f32| {
        weights[0] * value(&corners[0]) + weights[1] * value(&corners[1]) + weights[2] * value(&corners[2])
    };
    let texel = sample(font, [mix(&|corner| corner.texel[0]), mix(&|corner| corner.texel[1])]);
    [0, 1, 2, 3].map(|channel| mix(&|corner| corner.rgba[channel]) * texel[channel])
}

/// The texture at `texel` (in texels, 0 at the top left edge) with linear filtering, clamped
/// to the edge: four texels weighted, as 0 to 1.
fn sample(image: &ColorImage, texel: [f32; 2]) -> [f32; 4] {
    let [width, height] = image.size;
    if width == 0 || height == 0 {
        return [0.0; 4];
    }
    // Texel centres are at +0.5: the four around the point, and how far it is past the first.
    let across = texel[0] - 0.5;
    let down = texel[1] - 0.5;
    let (first_column, first_row) = (across.floor(), down.floor());
    let (right_share, lower_share) = (across - first_column, down - first_row);
    let column = |at: f32| (at.max(0.0) as usize).min(width - 1);
    let row = |at: f32| (at.max(0.0) as usize).min(height - 1);
    let (left, right) = (column(first_column), column(first_column + 1.0));
    let (upper, lower) = (row(first_row), row(first_row + 1.0));
    let at = |column: usize, row: usize| image.pixels[row * width + column].to_array();
    let corners = [at(left, upper), at(right, upper), at(left, lower), at(right, lower)];
    [0, 1, 2, 3].map(|channel| {
        let [upper_left, upper_right, lower_left, lower_right] = corners.map(|corner| f32::from(corner[channel]));
        let top = upper_left * (1.0 - right_share) + upper_right * right_share;
        let bottom = lower_left * (1.0 - right_share) + lower_right * right_share;
        (top * (1.0 - lower_share) + bottom * lower_share) / 255.0
    })
}

/// egui's dithering (`interleaved_gradient_noise` in `egui_glow`'s fragment shader): less than
/// half a step of eight bits added to the colour, by the pixel's place.
fn dithered(mut rgba: [f32; 4], column: i64, row: i64) -> [f32; 4] {
    let (x, y) = (column as f32 + 0.5, row as f32 + 0.5);
    let fraction = |value: f32| value - value.floor();
    let noise = fraction(52.982_918 * fraction(0.067_110_56 * x + 0.005_837_15 * y));
    let offset = (noise - 0.5) * 0.95 / 255.0;
    for channel in &mut rgba[..3] {
        *channel += offset;
    }
    rgba
}

/// `source` (premultiplied, 0 to 1) over `target`: colour `ONE, ONE_MINUS_SRC_ALPHA`, alpha
/// `ONE_MINUS_DST_ALPHA, ONE`, each clamped and rounded to eight bits as a framebuffer stores it.
fn blend(source: [f32; 4], target: Color32) -> Color32 {
    let source = source.map(|channel| channel.clamp(0.0, 1.0));
    let target = target.to_array().map(|channel| f32::from(channel) / 255.0);
    let keep = 1.0 - source[3];
    let byte = |value: f32| (value.clamp(0.0, 1.0) * 255.0).round() as u8;
    Color32::from_rgba_premultiplied(
        byte(source[0] + target[0] * keep),
        byte(source[1] + target[1] * keep),
        byte(source[2] + target[2] * keep),
        byte(source[3] * (1.0 - target[3]) + target[3]),
    )
}

#[cfg(test)]
mod tests {
    use super::{Picture, rasterise};
    use egui::epaint::{ClippedPrimitive, ColorImage, Mesh, Primitive, Vertex, WHITE_UV};
    use egui::{Color32, Pos2, Rect, TextureId, Vec2, pos2, vec2};

    /// A font texture of one white texel (egui's white texel is its top left).
    fn white_font() -> ColorImage {
        ColorImage::filled([1, 1], Color32::WHITE)
    }

    fn triangle(points: [Pos2; 3], colour: Color32) -> Mesh {
        let mut mesh = Mesh::default();
        for pos in points {
            mesh.vertices.push(Vertex { pos, uv: WHITE_UV, color: colour });
        }
        mesh.indices = vec![0, 1, 2];
        mesh
    }

    fn clipped(mesh: Mesh, clip_rect: Rect) -> ClippedPrimitive {
        ClippedPrimitive { clip_rect, primitive: Primitive::Mesh(mesh) }
    }

    fn everywhere() -> Rect {
        Rect::from_min_max(pos2(-1000.0, -1000.0), pos2(1000.0, 1000.0))
    }

    fn draw(size: [usize; 2], primitives: &[ClippedPrimitive], font: &ColorImage) -> Picture {
        let mut picture = Picture::transparent(size);
        let unsupported = rasterise(&mut picture, Vec2::ZERO, 1.0, primitives, font, false);
        assert!(unsupported.is_none());
        picture
    }

    #[test]
    fn a_triangle_covers_the_pixels_whose_centres_are_inside_it() {
        // The lower left half of a 4 by 4 square: pixel (x, y) has its centre inside when
        // x + 0.5 < y + 0.5, and on the diagonal (x == y) exactly one of the two halves takes it.
        let red = Color32::from_rgb(255, 0, 0);
        let lower = triangle([pos2(0.0, 0.0), pos2(0.0, 4.0), pos2(4.0, 4.0)], red);
        let blue = Color32::from_rgb(0, 0, 255);
        let upper = triangle([pos2(0.0, 0.0), pos2(4.0, 4.0), pos2(4.0, 0.0)], blue);
        let picture = draw([5, 5], &[clipped(lower, everywhere()), clipped(upper, everywhere())], &white_font());
        for y in 0..4 {
            for x in 0..4 {
                let pixel = picture.pixel(x, y);
                match x.cmp(&y) {
                    std::cmp::Ordering::Less => assert_eq!(pixel, red, "({x}, {y})"),
                    std::cmp::Ordering::Greater => assert_eq!(pixel, blue, "({x}, {y})"),
                    // Exactly one of them, never both blended, never neither.
                    std::cmp::Ordering::Equal => assert!(pixel == red || pixel == blue, "({x}, {y}): {pixel:?}"),
                }
            }
        }
        for index in 0..5 {
            assert_eq!(picture.pixel(4, index), Color32::TRANSPARENT, "outside the square at (4, {index})");
            assert_eq!(picture.pixel(index, 4), Color32::TRANSPARENT, "outside the square at ({index}, 4)");
        }
    }

    #[test]
    fn a_square_on_pixel_edges_covers_exactly_its_pixels() {
        let green = Color32::from_rgb(0, 200, 0);
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(Rect::from_min_max(pos2(1.0, 2.0), pos2(3.0, 5.0)), green);
        let picture = draw([6, 6], &[clipped(mesh, everywhere())], &white_font());
        let covered: Vec<(usize, usize)> =
            (0..6).flat_map(|y| (0..6).map(move |x| (x, y))).filter(|&(x, y)| picture.pixel(x, y) == green).collect();
        assert_eq!(covered, vec![(1, 2), (2, 2), (1, 3), (2, 3), (1, 4), (2, 4)]);
    }

    #[test]
    fn colours_blend_premultiplied_over_what_is_there() {
        let mut under = Mesh::default();
        under.add_colored_rect(Rect::from_min_max(pos2(0.0, 0.0), pos2(2.0, 1.0)), Color32::from_rgb(0, 0, 200));
        // Half-transparent white, premultiplied: (128, 128, 128, 128).
        let mut over = Mesh::default();
        over.add_colored_rect(Rect::from_min_max(pos2(1.0, 0.0), pos2(3.0, 1.0)), Color32::from_white_alpha(128));
        let picture = draw([3, 1], &[clipped(under, everywhere()), clipped(over, everywhere())], &white_font());
        assert_eq!(picture.pixel(0, 0), Color32::from_rgb(0, 0, 200));
        // 128 + 200 * (1 - 128/255) = 227.6; alpha 128/255 + 1 * (1 - 128/255)... stays opaque.
        assert_eq!(picture.pixel(1, 0).to_array(), [128, 128, 228, 255]);
        // Over nothing the colour is the source's and so is the alpha.
        assert_eq!(picture.pixel(2, 0).to_array(), [128, 128, 128, 128]);
    }

    #[test]
    fn a_mesh_is_cut_to_its_clip_rectangle_in_whole_pixels() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(Rect::from_min_max(pos2(0.0, 0.0), pos2(8.0, 8.0)), Color32::WHITE);
        // 2.4 rounds to 2 and 5.6 to 6, as egui_glow rounds its scissor rectangle.
        let clip = Rect::from_min_max(pos2(2.4, 1.0), pos2(5.6, 3.0));
        let picture = draw([8, 8], &[clipped(mesh, clip)], &white_font());
        for y in 0..8 {
            for x in 0..8 {
                let inside = (2..6).contains(&x) && (1..3).contains(&y);
                let expected = if inside { Color32::WHITE } else { Color32::TRANSPARENT };
                assert_eq!(picture.pixel(x, y), expected, "({x}, {y})");
            }
        }
    }

    #[test]
    fn colours_are_interpolated_and_the_texture_is_filtered_and_multiplied() {
        // A 2 by 1 texture, black-transparent then white, drawn across 4 pixels: linear filtering
        // between the two texel centres, clamped beyond them.
        let font = ColorImage::new([2, 1], vec![Color32::from_rgba_premultiplied(0, 0, 0, 0), Color32::WHITE]);
        let mut mesh = Mesh::default();
        mesh.add_rect_with_uv(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 1.0)),
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::from_rgb(255, 0, 0),
        );
        let picture = draw([4, 1], &[clipped(mesh, everywhere())], &font);
        // Texel coordinates at the pixel centres: 0.25, 0.75, 1.25, 1.75 → weights of the white
        // texel 0, 0.25, 0.75, 1 (clamped at both ends).
        let reds: Vec<u8> = (0..4).map(|x| picture.pixel(x, 0).r()).collect();
        assert_eq!(reds, vec![0, 64, 191, 255]);
        assert!((0..4).all(|x| picture.pixel(x, 0).g() == 0), "red times white has no green");

        // Colours interpolate between the corners.
        let mut gradient = Mesh::default();
        for (pos, colour) in [
            (pos2(0.0, 0.0), Color32::BLACK),
            (pos2(10.0, 0.0), Color32::from_rgb(0, 200, 0)),
            (pos2(10.0, 1.0), Color32::from_rgb(0, 200, 0)),
            (pos2(0.0, 1.0), Color32::BLACK),
        ] {
            gradient.vertices.push(Vertex { pos, uv: WHITE_UV, color: colour });
        }
        gradient.indices = vec![0, 1, 2, 0, 2, 3];
        let picture = draw([10, 1], &[clipped(gradient, everywhere())], &white_font());
        let greens: Vec<u8> = (0..10).map(|x| picture.pixel(x, 0).g()).collect();
        // 200 × (x + 0.5) / 10 at each pixel centre.
        assert_eq!(greens, vec![10, 30, 50, 70, 90, 110, 130, 150, 170, 190]);
    }

    #[test]
    fn the_picture_is_drawn_from_its_place_on_the_screen_and_other_textures_are_reported() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(Rect::from_min_max(pos2(10.0, 20.0), pos2(11.0, 21.0)), Color32::WHITE);
        let mut image = Mesh::with_texture(TextureId::User(7));
        image.add_colored_rect(Rect::from_min_max(pos2(10.0, 20.0), pos2(12.0, 22.0)), Color32::RED);
        let mut picture = Picture::transparent([2, 2]);
        // At two pixels a point, the point (10, 20) is the pixel (20, 40): the picture's top left.
        let primitives = [clipped(mesh, everywhere()), clipped(image, everywhere())];
        let unsupported = rasterise(&mut picture, vec2(20.0, 40.0), 2.0, &primitives, &white_font(), false);
        assert_eq!(unsupported.other_textures, 1);
        assert!((0..2).all(|y| (0..2).all(|x| picture.pixel(x, y) == Color32::WHITE)));
    }
}
