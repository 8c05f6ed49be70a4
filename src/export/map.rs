//! The needs map as an SVG picture: the canvas's own picture ([`paint_map_picture`]), painted
//! without a window and written out shape by shape.

use super::shapes::write_shapes;
use super::svg::Svg;
use crate::canvas::headless::paint_shapes;
use crate::canvas::map::picture::{PictureLinks, paint_map_picture};
use crate::model::Session;

/// `count` and its noun, in the plural unless it is one.
fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// The whole map with its title, the guide's question, the key to the links and the guide's
/// credit, as SVG text.
pub fn map_svg(session: &Session) -> String {
    let (shapes, picture) = paint_shapes(|painter| paint_map_picture(painter, session, PictureLinks::Shapes));
    let mut svg = Svg::new(picture.size.x, picture.size.y);
    write_shapes(&mut svg, &shapes);
    let description = format!(
        "The needs map of “{}”: {} ({} with no support yet), {} of help and {}.",
        session.display_title(),
        counted(picture.needs, "need"),
        picture.unmet,
        counted(picture.sources, "source"),
        counted(picture.links, "link"),
    );
    svg.finish("map", &format!("Needs map: {}", session.display_title()), &description)
}
