//! Starts Common Ground: reads the command line, then opens the window, or exports a workshop
//! without one.

use clap::{Parser, Subcommand};
use common_ground::export::{ExportOptions, Format, export, write_export};
use common_ground::store::{DataDir, load_session};
use common_ground::ui::{AppConfig, CommonGroundApp, NativeFilePicker};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use time::OffsetDateTime;

/// Common Ground: facilitated partnership workshops with the prompt wheel and the two-arc map.
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Arguments {
    /// A workshop file (.ron) to open.
    file: Option<PathBuf>,
    /// Where to keep untitled workshops, crash recovery and recent files
    /// (default: the system's data folder, or $COMMON_GROUND_DATA_DIR).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Export a workshop without opening a window: a summary (md, html, pdf), spreadsheet tables
    /// (csv), or pictures of the wheel and the map (svg, png).
    Export {
        /// The workshop file (.ron).
        session: PathBuf,
        /// What to make: md, html or pdf (a summary), csv (tables), svg or png (pictures).
        #[arg(long, value_parser = parse_format)]
        format: Format,
        /// Where to write it: a file for md, html and pdf (or a folder to put it in); a folder for
        /// csv, svg and png, which are several files.
        #[arg(long)]
        out: PathBuf,
        /// The moment to write as when the summary was made, e.g. 2026-03-12T17:00:00Z (default:
        /// $SOURCE_DATE_EPOCH if set, else now), so the same workshop can give the same bytes.
        #[arg(long, value_parser = parse_moment)]
        generated_at: Option<OffsetDateTime>,
    },
}

fn parse_format(text: &str) -> Result<Format, String> {
    text.parse().map_err(|error: common_ground::export::UnknownFormat| error.to_string())
}

fn parse_moment(text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|error| format!("“{text}” is not a moment like 2026-03-12T17:00:00Z ({error})"))
}

/// `$SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention), if set.
fn source_date_epoch() -> Option<OffsetDateTime> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    OffsetDateTime::from_unix_timestamp(seconds).ok()
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    match arguments.command {
        Some(Command::Export { session, format, out, generated_at }) => {
            let generated_at = generated_at.or_else(source_date_epoch).unwrap_or_else(OffsetDateTime::now_utc);
            match export_headless(&session, format, &out, generated_at) {
                Ok(written) => {
                    for path in written {
                        println!("{}", path.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("common-ground export: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        None => run_app(arguments.file, arguments.data_dir),
    }
}

/// Loads the workshop through the store (so a damaged or hostile file is refused as the app
/// refuses it), exports it and writes the files; the error is a message naming the file and the
/// problem.
fn export_headless(
    session_path: &Path,
    format: Format,
    out: &Path,
    generated_at: OffsetDateTime,
) -> Result<Vec<PathBuf>, String> {
    let session = load_session(session_path).map_err(|error| format!("{error}. Nothing was exported."))?;
    let files = export(&session, format, &ExportOptions { generated_at })
        .map_err(|error| format!("Couldn't export “{}”: {error}.", session_path.display()))?;
    let stem = session_path.file_stem().map_or_else(|| "summary".into(), |stem| stem.to_string_lossy().into_owned());
    write_export(&files, format, out, &stem).map_err(|error| format!("{error}. Nothing else was changed."))
}

fn run_app(file: Option<PathBuf>, data_dir: Option<PathBuf>) -> ExitCode {
    let data_dir = data_dir
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
    let config = AppConfig { data_dir, file_to_open: file, file_picker: Box::new(NativeFilePicker) };
    let result = eframe::run_native(
        "Common Ground",
        options,
        Box::new(|cc| Ok(Box::new(CommonGroundApp::new(&cc.egui_ctx, config)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("common-ground: the window could not be opened: {error}");
            ExitCode::FAILURE
        }
    }
}
