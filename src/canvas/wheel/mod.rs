//! The prompt wheel (the guide's Figure 6): geometry, layout, palette and marks.

pub mod geometry;
pub mod layout;
pub mod paint;
pub mod picture;
pub mod regions;
pub mod style;
