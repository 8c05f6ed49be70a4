//! Common Ground: a desktop app for facilitated partnership workshops, built on the prompt wheel
//! and the two-arc map of the practice guide *Community renewal and mental health* (NIMHE /
//! King's Fund).
//!
//! - [`model`]: the workshop as plain data, and every change to it as an [`model::Edit`].
//! - [`store`]: workshop files, atomic saves, autosave folder, crash recovery.
//! - [`canvas`]: the canvases' geometry, layout, palettes and marks, drawn once for the screen and
//!   every picture.
//! - [`document`]: one open workshop: its session, undo history, file and autosave timing.
//! - [`export`]: summaries and pictures of a session as Markdown, HTML, CSV, SVG, PNG and PDF.
//! - [`local_time`]: the computer's offset from UTC, for the times people read.
//! - [`ui`]: the egui app.

pub mod canvas;
pub mod document;
pub mod examples;
pub mod export;
pub mod fonts;
pub mod guide;
pub mod join;
pub mod local_time;
pub mod model;
pub mod store;
pub mod ui;
