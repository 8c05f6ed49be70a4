//! Screen and picture side by side: a canvas's picture painted on the screen (kittest's wgpu
//! renderer, egui's own text) and its exported SVG drawn by resvg at the same size, compared
//! pixel by pixel.
//!
//! The two rasterisers differ where it does not matter: egui draws glyphs from its font atlas
//! (snapped to whole pixels; hinting is turned off here, since resvg has none) and antialiases
//! shape edges by a one-pixel feather, resvg draws glyph outlines and edges with exact coverage. Those differences sit in the edge pixels of text and
//! shapes, and an edge may fall a pixel apart (each pixel is matched with the nearest in colour
//! around it in the other image); [`TOLERANCE`] and [`AGREEING_SHARE`] leave room for them and no
//! more.
#![allow(dead_code, reason = "shared test helpers: each test file uses some of them")]

use egui::epaint::ClippedShape;
use egui::{LayerId, Painter, Vec2};
use egui_kittest::Harness;
use std::path::PathBuf;

/// How far apart two pixels' channels may be and still agree: antialiasing of the same edge by
/// the two rasterisers differs by up to about a fifth of the range; a wrong colour, a shape
/// moved or a word missing differs by far more.
pub const TOLERANCE: u8 = 48;
/// The share of pixels that must agree: the examples' pictures agree with their screens at
/// 99.27% to 99.81%; a card or word moved or missing parts them by far more.
pub const AGREEING_SHARE: f64 = 0.99;

/// An image as RGBA bytes.
pub struct Raster {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// Four bytes a pixel, row by row.
    pub rgba: Vec<u8>,
}

/// A picture painted on the screen at one point a pixel, in the light theme as pictures are:
/// `paint` paints it at the top left corner of a window `size` large. Returns the rendered pixels and the shapes of the frame.
pub fn on_screen(size: Vec2, paint: impl Fn(&Painter) + 'static) -> (Raster, Vec<ClippedShape>) {
    let size = Vec2::new(size.x.ceil(), size.y.ceil());
    let mut harness =
        Harness::builder().with_size(size).with_theme(egui::Theme::Light).with_render_cursor(false).wgpu().build_ui(
            move |ui| {
                paint(&ui.ctx().layer_painter(LayerId::background()));
            },
        );
    // Glyphs are drawn without hinting, as resvg draws them: hinting bends each glyph's outline to
    // the pixel grid when it is rasterised (it moves no glyph: advances come from the shaper), so
    // with it on the comparison would measure two glyph rasterisers rather than the painting.
    harness.ctx.all_styles_mut(|style| style.visuals.text_options.font_hinting = false);
    harness.run();
    let shapes = harness.output().shapes.clone();
    let image = harness.render().expect("the screen renders");
    (Raster { width: image.width(), height: image.height(), rgba: image.into_raw() }, shapes)
}

/// An SVG picture drawn by resvg at one pixel a unit, with the fonts the exports use.
pub fn drawn(svg: &str) -> Raster {
    let (width, height, rgba) = common_ground::export::svg_to_rgba(svg, 1.0).expect("the picture draws");
    Raster { width, height, rgba }
}

/// How far two images agree.
#[derive(Debug)]
pub struct Agreement {
    /// The share of pixels whose every channel is within [`TOLERANCE`].
    pub share: f64,
    /// How many pixels differ by more.
    pub differing: usize,
    /// The largest difference of any channel.
    pub worst: u8,
}

/// The largest difference of any colour channel of two pixels.
fn channel_difference(a: &[u8], b: &[u8]) -> u8 {
    a.iter().zip(b).take(3).map(|(a, b)| a.abs_diff(*b)).max().unwrap_or(0)
}

/// How far the pixel of `one` at (`x`, `y`) is from the nearest in colour of `other`'s pixels
/// at the same place and the eight around it: the two rasterisers may put a glyph's or a
/// shape's edge a pixel apart (egui snaps glyphs to whole pixels, resvg does not), which is no
/// difference in the painting; a shape moved further, a wrong colour or a missing word is.
fn nearest_difference(one: &Raster, other: &Raster, x: u32, y: u32) -> u8 {
    fn pixel(raster: &Raster, x: u32, y: u32) -> &[u8] {
        let start = ((y * raster.width + x) * 4) as usize;
        &raster.rgba[start..start + 4]
    }
    let here = pixel(one, x, y);
    let mut nearest = u8::MAX;
    for near_y in y.saturating_sub(1)..=(y + 1).min(other.height - 1) {
        for near_x in x.saturating_sub(1)..=(x + 1).min(other.width - 1) {
            nearest = nearest.min(channel_difference(here, pixel(other, near_x, near_y)));
        }
    }
    nearest
}

/// How far apart the two images are at (`x`, `y`), each pixel matched with the nearest in colour
/// of the other's around it, the worse way round.
fn difference_at(screen: &Raster, picture: &Raster, x: u32, y: u32) -> u8 {
    nearest_difference(screen, picture, x, y).max(nearest_difference(picture, screen, x, y))
}

/// Compares two images of the same size, pixel by pixel, allowing an edge to fall one pixel
/// apart ([`nearest_difference`]).
pub fn compare(screen: &Raster, picture: &Raster) -> Agreement {
    assert_eq!((screen.width, screen.height), (picture.width, picture.height), "the two are the same size");
    let mut differing = 0;
    let mut worst = 0;
    for y in 0..screen.height {
        for x in 0..screen.width {
            let difference = difference_at(screen, picture, x, y);
            worst = worst.max(difference);
            if difference > TOLERANCE {
                differing += 1;
            }
        }
    }
    let total = (screen.width * screen.height) as usize;
    Agreement { share: 1.0 - differing as f64 / total.max(1) as f64, differing, worst }
}

/// The pixels that differ by more than [`TOLERANCE`] (as [`compare`] counts them) in red over a
/// faint copy of the screen, to see where two images part.
pub fn difference(screen: &Raster, picture: &Raster) -> Raster {
    let mut rgba = Vec::with_capacity(screen.rgba.len());
    for y in 0..screen.height {
        for x in 0..screen.width {
            if difference_at(screen, picture, x, y) > TOLERANCE {
                rgba.extend_from_slice(&[255, 0, 0, 255]);
            } else {
                let start = ((y * screen.width + x) * 4) as usize;
                let a = &screen.rgba[start..start + 4];
                rgba.extend_from_slice(&[a[0] / 4 + 190, a[1] / 4 + 190, a[2] / 4 + 190, 255]);
            }
        }
    }
    Raster { width: screen.width, height: screen.height, rgba }
}

/// Where comparison images go: `target/compare/`.
pub fn compare_folder() -> PathBuf {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/compare");
    std::fs::create_dir_all(&folder).expect("the folder can be made");
    folder
}

/// Saves an image as a PNG file.
pub fn save(raster: &Raster, path: &std::path::Path) {
    let file = std::fs::File::create(path).expect("the file can be made");
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), raster.width, raster.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("a PNG header");
    writer.write_image_data(&raster.rgba).expect("the PNG is written");
}

/// The rows of text in a frame's shapes, in painting order, as the screen laid them out (spaces
/// at either end left out, empty rows skipped).
pub fn text_rows(shapes: &[ClippedShape]) -> Vec<String> {
    fn rows_of(shape: &egui::Shape, rows: &mut Vec<String>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|shape| rows_of(shape, rows)),
            egui::Shape::Text(text) => {
                for row in &text.galley.rows {
                    let words: String = row.glyphs.iter().map(|glyph| glyph.chr).collect();
                    if !words.trim().is_empty() {
                        rows.push(words.trim().to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    let mut rows = Vec::new();
    for clipped in shapes {
        rows_of(&clipped.shape, &mut rows);
    }
    rows
}

/// The text of every `<text>` element of an SVG picture, in order, unescaped.
pub fn svg_text_rows(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|element| {
            let start = element.find('>')? + 1;
            let end = element.find("</text>")?;
            Some(
                element[start..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

/// Fails unless at least [`AGREEING_SHARE`] of the pixels of the screen and the picture named
/// `name` agree within [`TOLERANCE`], saying how many differ (the images are in
/// [`compare_folder`]).
pub fn assert_agree(name: &str, screen: &Raster, picture: &Raster) {
    let agreement = compare(screen, picture);
    println!("{name}: {agreement:?} over {} × {} pixels", screen.width, screen.height);
    assert!(
        agreement.share >= AGREEING_SHARE,
        "{name}: only {:.2}% of pixels within {TOLERANCE} of the screen ({} differ, worst {}); see target/compare/",
        agreement.share * 100.0,
        agreement.differing,
        agreement.worst,
    );
}
