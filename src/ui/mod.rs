//! The egui app: start screen, workshop panels, menus.
//!
//! Views are `*_ui` functions that draw from a borrowed session and return what the person did
//! as [`Intent`]s; the app applies them after the frame, so every change goes through the
//! document's undo history.

pub mod accessibility;
mod agenda;
mod app;
mod commands;
mod export_job;
mod file_hold;
mod file_opener;
mod file_picker;
pub(crate) mod groups;
mod icon;
mod intents;
mod join_panel;
pub mod kept_tiles;
pub(crate) mod map;
mod notes_view;
mod plan_view;
mod platform_text;
mod preferences;
pub mod raster;
pub mod renderer;
pub mod room;
mod start_screen;
mod theme;
mod viewport;
pub(crate) mod vote;
pub mod wheel;
mod widgets;
mod workshop_panel;

pub use app::{AppConfig, Canvas, CommonGroundApp};
pub use commands::{Command, MapCommand, RoomCommand, Scope, VoteCommand, WheelCommand};
pub use file_opener::{FileOpener, SystemOpener};
pub use file_picker::{FilePicker, NativeFilePicker, PickOutcome, with_ron_extension};
pub use icon::window_icon;
pub use intents::Intent;
pub use join_panel::{JoinInfo, NetworkChoice, join_card_ui, network_choices};
pub use map::NeedsMapState;
pub use map::gpu_links;
pub use preferences::{ConsoleTheme, Preferences};
pub use theme::install_cleared_to_panel_fill;
pub use vote::VoteOnCanvas;
