//! Starts Common Ground: reads the command line, then opens the window.

use clap::Parser;
use common_ground::store::DataDir;
use common_ground::ui::{AppConfig, CommonGroundApp, NativeFilePicker};
use std::path::PathBuf;

/// Common Ground: facilitated partnership workshops with the prompt wheel and the two-arc map.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Arguments {
    /// A workshop file (.ron) to open.
    file: Option<PathBuf>,
    /// Where to keep untitled workshops, crash recovery and recent files
    /// (default: the system's data folder, or $COMMON_GROUND_DATA_DIR).
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

fn main() -> eframe::Result<()> {
    let arguments = Arguments::parse();
    let data_dir = arguments
        .data_dir
        .map(DataDir::at)
        .or_else(DataDir::from_environment)
        .unwrap_or_else(|| DataDir::at(std::env::temp_dir().join("common-ground")));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Common Ground")
            .with_app_id("common-ground")
            .with_inner_size([1400.0, 860.0])
            // The app is usually shown on a projector: take the whole screen from the start.
            .with_maximized(true)
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let config = AppConfig { data_dir, file_to_open: arguments.file, file_picker: Box::new(NativeFilePicker) };
    eframe::run_native(
        "Common Ground",
        options,
        Box::new(|cc| Ok(Box::new(CommonGroundApp::new(&cc.egui_ctx, config)))),
    )
}
