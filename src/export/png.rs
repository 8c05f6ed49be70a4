//! PNG pictures: the SVG pictures drawn into pixels with resvg, using only the bundled fonts
//! (egui's and [`crate::fonts::SCRIPTS`]), so the same workshop gives the same pixels on every computer.

use super::ExportError;
use super::text::{FALLBACK_FONT, MAIN_FONT};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use std::sync::{Arc, LazyLock};

/// The longest side of a picture, in pixels: sharp on a slide or a printed page.
const LONGEST_SIDE: f32 = 2400.0;

/// The bundled fonts as a font database, and the family name of the main one.
static FONTS: LazyLock<(Arc<fontdb::Database>, String)> = LazyLock::new(|| {
    let mut database = fontdb::Database::new();
    database.load_font_data(MAIN_FONT.to_vec());
    database.load_font_data(FALLBACK_FONT.to_vec());
    // Characters Ubuntu lacks are looked for in the other fonts: the scripts and emoji.
    for font in &crate::fonts::SCRIPTS {
        database.load_font_data(font.data.to_vec());
    }
    let family = database
        .faces()
        .next()
        .and_then(|face| face.families.first())
        .map_or_else(|| "Ubuntu".to_owned(), |(name, _)| name.clone());
    // Whatever family a picture names, it gets the bundled font, never one from the system.
    database.set_sans_serif_family(family.clone());
    database.set_serif_family(family.clone());
    (Arc::new(database), family)
});

/// Options for reading SVG with the bundled fonts only.
pub(crate) fn svg_options() -> usvg::Options<'static> {
    let (database, family) = &*FONTS;
    usvg::Options { fontdb: Arc::clone(database), font_family: family.clone(), ..usvg::Options::default() }
}

/// Reads an SVG picture made by this module's siblings.
pub(crate) fn parse_svg(svg: &str) -> Result<usvg::Tree, ExportError> {
    usvg::Tree::from_str(svg, &svg_options()).map_err(|error| ExportError::Drawing(error.to_string()))
}

/// The SVG picture drawn as a PNG image, its longest side [`LONGEST_SIDE`] pixels (a wheel with
/// its panels of notes in full is a little wider, and is drawn a little smaller).
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    let tree = parse_svg(svg)?;
    let size = tree.size();
    let scale = LONGEST_SIDE / size.width().max(size.height());
    draw(&tree, scale)?.encode_png().map_err(|error| ExportError::Drawing(error.to_string()))
}

/// The SVG picture drawn at `scale` pixels a unit, as its width, height and RGBA pixels (alpha
/// premultiplied, as drawn): what a PNG export holds, for comparing with the screen.
pub fn svg_to_rgba(svg: &str, scale: f32) -> Result<(u32, u32, Vec<u8>), ExportError> {
    let pixmap = draw(&parse_svg(svg)?, scale)?;
    Ok((pixmap.width(), pixmap.height(), pixmap.take()))
}

/// Draws a parsed picture at `scale` pixels a unit.
fn draw(tree: &usvg::Tree, scale: f32) -> Result<Pixmap, ExportError> {
    let size = tree.size();
    let width = (size.width() * scale).ceil() as u32;
    let height = (size.height() * scale).ceil() as u32;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Drawing(format!("a picture of {width} × {height} pixels is too large")))?;
    resvg::render(tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    Ok(pixmap)
}
