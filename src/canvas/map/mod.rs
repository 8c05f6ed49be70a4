//! The needs map (the guide's Figure 5): geometry, layout, palette and marks.

pub mod card_layout;
pub mod geometry;
pub mod measure;
pub mod mesh;
pub mod paint;
pub mod picture;
pub mod scene;
pub mod style;
pub mod text;

use crate::model::{MapArc, Placement, Session};

/// A free spot for a new note on `arc`, away from the notes already there: where a note goes
/// when nobody pointed at a spot (the console's "Add a need", the scribe, a phone).
pub fn free_spot_on(session: &Session, arc: MapArc) -> f32 {
    let taken: Vec<f32> = session
        .notes_on_arc(arc)
        .filter_map(|note| match note.placement {
            Placement::Map { along, .. } => Some(along),
            _ => None,
        })
        .collect();
    geometry::free_spot(&taken)
}
