//! The canvases beneath the widgets: each canvas's geometry, layout, palettes and marks, drawn once
//! into epaint shapes that the screen shows and the exports turn into pictures.
//!
//! Nothing here knows a widget, a window or a file: it depends on [`crate::model`], [`crate::guide`]
//! and egui's painting types only, so [`crate::export`] and [`crate::join`] can use it without
//! reaching up into [`crate::ui`].

pub mod colour;
pub mod headless;
pub mod map;
pub mod marks;
pub mod viewport;
pub mod wheel;
