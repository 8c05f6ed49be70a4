//! Starts Common Ground: reads the command line, then opens the window, or exports a workshop
//! without one.

// On Windows the program is a windowed one, so starting it from the Start menu opens no console
// window beside it; `common-ground export` still writes its files, and its messages where its
// output is sent (`common-ground export … | more`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::{Parser, Subcommand};
use common_ground::export::{ExportOptions, Format, export, undrawn_text, write_export};
use common_ground::local_time;
use common_ground::store::{DataDir, load_session, read_workshop};
use common_ground::ui::renderer::{RendererChoice, choose_renderer, renderer_choice};
use common_ground::ui::{AppConfig, Canvas, CommonGroundApp, NativeFilePicker, gpu_links, kept_tiles, window_icon};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use time::OffsetDateTime;

/// Common Ground: facilitated partnership workshops with the prompt wheel and the two-arc map.
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Arguments {
    /// A workshop file (.ron) to open.
    file: Option<PathBuf>,
    /// Where to keep untitled workshops, crash recovery and recent files
    /// (default: the system's data folder, or $`COMMON_GROUND_DATA_DIR`).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// For the benchmarks: print how long the first frame took to appear and the peak memory
    /// once both canvases have been shown, then close.
    #[arg(long, hide = true)]
    report_start_up: bool,
    /// Which renderer draws the window: glow (OpenGL), wgpu, or auto, which takes glow where wgpu
    /// would draw on the processor (no graphics card) and wgpu elsewhere (default: auto, or
    /// $`COMMON_GROUND_RENDERER`).
    #[arg(long, value_parser = parse_renderer)]
    renderer: Option<RendererChoice>,
    /// For the window benchmark (benches/window.sh): show this canvas (wheel or map), fitted to
    /// the window, once the workshop is open.
    #[arg(long, hide = true, value_parser = parse_canvas)]
    show_canvas: Option<Canvas>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Export a workshop without opening a window: a summary (md, html, pdf), its tables as a
    /// spreadsheet (xlsx) or as CSV files (csv), or pictures of the wheel and the map (svg, png).
    Export {
        /// The workshop file (.ron).
        session: PathBuf,
        /// What to make: md, html or pdf (a summary), xlsx (the tables as a spreadsheet), csv (the
        /// tables as CSV files), svg or png (pictures).
        #[arg(long, value_parser = parse_format)]
        format: Format,
        /// Where to write it: a file for md, html, pdf and xlsx (or a folder to put it in: one that
        /// exists, or any path ending with `/`); a folder for csv, svg and png, which are several
        /// files. Missing folders are made.
        #[arg(long)]
        out: PathBuf,
        /// The moment to write as when the summary was made, e.g. 2026-03-12T17:00:00Z (default:
        /// `$SOURCE_DATE_EPOCH` if set, in UTC, else now in local time), so the same workshop can
        /// give the same bytes.
        #[arg(long, value_parser = parse_moment)]
        generated_at: Option<OffsetDateTime>,
    },
}

fn parse_format(text: &str) -> Result<Format, String> {
    text.parse().map_err(|error: common_ground::export::UnknownFormat| error.to_string())
}

fn parse_renderer(text: &str) -> Result<RendererChoice, String> {
    text.parse().map_err(|error: common_ground::ui::renderer::UnknownRenderer| error.to_string())
}

fn parse_canvas(text: &str) -> Result<Canvas, String> {
    match text {
        "wheel" => Ok(Canvas::Wheel),
        "map" => Ok(Canvas::NeedsMap),
        _ => Err(format!("“{text}” is not a canvas: say wheel or map")),
    }
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
    let started = Instant::now();
    // Before any thread starts: on Linux the time zone can only be looked up then.
    let local_offset = local_time::remember_local_offset();
    let arguments = Arguments::parse();
    match arguments.command {
        Some(Command::Export { session, format, out, generated_at }) => {
            let generated_at = generated_at
                .or_else(source_date_epoch)
                .unwrap_or_else(|| OffsetDateTime::now_utc().to_offset(local_offset));
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
        None => {
            let choice = match renderer_choice(arguments.renderer) {
                Ok(choice) => choice,
                Err(error) => {
                    eprintln!("common-ground: ${}: {error}", common_ground::ui::renderer::RENDERER_VARIABLE);
                    return ExitCode::FAILURE;
                }
            };
            let start_up = StartUp { started, report: arguments.report_start_up, show_canvas: arguments.show_canvas };
            run_app(arguments.file, arguments.data_dir, choice, start_up)
        }
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
    if let Some(sentence) = undrawn_text(&session, format) {
        eprintln!("common-ground: {sentence}");
    }
    let stem = session_path.file_stem().map_or_else(|| "summary".into(), |stem| stem.to_string_lossy().into_owned());
    write_export(&files, format, out, &stem).map_err(|error| format!("{error}. Nothing else was changed."))
}

/// When the system asks the app to stop (SIGTERM at shutdown or from `kill`, SIGHUP when the
/// person logs out or the terminal closes, SIGINT from Ctrl-C, SIGQUIT; on Windows SIGINT,
/// SIGTERM and SIGBREAK, i.e. Ctrl-C and Ctrl-Break in a console), the window is closed as its
/// close button closes it: the open workshop is saved first, and the recovery journal marked
/// closed. Without this the system's default ends the process at once, losing the last two
/// seconds of edits.
fn close_on_termination_signals(ctx: &egui::Context) {
    let close = {
        let ctx = ctx.clone();
        // Runs on a thread of its own; the frame it wakes saves and closes on the UI thread.
        move || {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            ctx.request_repaint();
        }
    };
    if let Err(error) = watch_termination_signals(close) {
        // The app still works; only the save on a signal is missing, as before this existed.
        eprintln!("common-ground: cannot save when the system asks the app to stop: {error}");
    }
}

/// Calls `close` on a thread of its own each time a termination signal arrives.
#[cfg(unix)]
fn watch_termination_signals(close: impl Fn() + Send + 'static) -> std::io::Result<()> {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new().name("signals".to_owned()).spawn(move || {
        for _ in signals.forever() {
            close();
        }
    })?;
    Ok(())
}

/// Calls `close` on a thread of its own each time a termination signal arrives. Windows has no
/// signal iterator, so the handlers set a flag that the thread looks at five times a second.
#[cfg(windows)]
fn watch_termination_signals(close: impl Fn() + Send + 'static) -> std::io::Result<()> {
    use signal_hook::consts::signal::{SIGBREAK, SIGINT, SIGTERM};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let asked = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM, SIGBREAK] {
        signal_hook::flag::register(signal, Arc::clone(&asked))?;
    }
    std::thread::Builder::new().name("signals".to_owned()).spawn(move || {
        loop {
            if asked.swap(false, Ordering::SeqCst) {
                close();
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    })?;
    Ok(())
}

/// Elsewhere the system's own handling stays.
#[cfg(not(any(unix, windows)))]
fn watch_termination_signals(_close: impl Fn() + Send + 'static) -> std::io::Result<()> {
    Ok(())
}

/// When the process started, whether to report the start-up (`--report-start-up`), and which
/// canvas to show first (`--show-canvas`).
struct StartUp {
    started: Instant,
    report: bool,
    show_canvas: Option<Canvas>,
}

/// What the app says where there is no screen to open its window on (a server, or a session
/// over SSH): one plain line, and the way to get a summary without a window.
const NO_SCREEN: &str = "common-ground: there is no screen here to open the window on; \
     `common-ground export` makes summaries and pictures without one (see `common-ground export --help`).";

/// Whether a window system can be reached: on Linux and the BSDs, through `$WAYLAND_DISPLAY` or
/// `$DISPLAY`; Windows and macOS always have one.
fn has_screen() -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        return true;
    }
    ["WAYLAND_DISPLAY", "DISPLAY"].iter().any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
}

fn run_app(file: Option<PathBuf>, data_dir: Option<PathBuf>, renderer: RendererChoice, start_up: StartUp) -> ExitCode {
    if !has_screen() {
        eprintln!("{NO_SCREEN}");
        return ExitCode::FAILURE;
    }
    // The workshop is read on a thread of its own while the renderer is chosen and the window
    // and its renderer are set up, which takes about as long, so the first frame comes sooner.
    let preload = file.map(|path| {
        let reading = path.clone();
        (path, std::thread::spawn(move || read_workshop(&reading)))
    });
    let data_dir = data_dir
        .map(DataDir::at)
        .or_else(DataDir::from_environment)
        .unwrap_or_else(|| DataDir::at(std::env::temp_dir().join("common-ground")));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Common Ground")
        // The installed menu entry's name (common-ground.desktop): Wayland desktops find the
        // window's icon and group its windows by it, X11 ones by the window class it sets.
        .with_app_id("common-ground")
        .with_inner_size([1400.0, 860.0])
        // The app is usually shown on a projector: take the whole screen from the start.
        .with_maximized(true)
        .with_min_inner_size([900.0, 600.0]);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    // Asked before the workshop is read, so that the probe and the reading overlap.
    let chosen = choose_renderer(renderer);
    let options = eframe::NativeOptions {
        viewport,
        renderer: chosen.renderer,
        // The window's size and place and the preferences (app.ron) go in the data folder, beside
        // the recovery journal, so `--data-dir` keeps a run's settings apart too.
        persistence_path: Some(data_dir.root().to_owned()),
        ..Default::default()
    };
    let config = AppConfig { data_dir, file_to_open: None, file_picker: Box::new(NativeFilePicker::default()) };
    let StartUp { started, report, show_canvas } = start_up;
    if report {
        println!("renderer {chosen}");
    }
    let result = eframe::run_native(
        "Common Ground",
        options,
        Box::new(move |cc| {
            let renderer_ready = started.elapsed();
            if let Some(render_state) = &cc.wgpu_render_state {
                gpu_links::install(&cc.egui_ctx, render_state);
            }
            if cc.gl.is_some() {
                // glow is chosen where there is no graphics card: the canvases are kept as tiles.
                kept_tiles::install(
                    &cc.egui_ctx,
                    kept_tiles::Settings { budget: kept_tiles::FRAME_BUDGET, in_background: true },
                );
                // And each frame begins from the panels' colour, which the panels then leave alone.
                common_ground::ui::install_cleared_to_panel_fill(&cc.egui_ctx);
            }
            close_on_termination_signals(&cc.egui_ctx);
            let mut app = CommonGroundApp::new(&cc.egui_ctx, config);
            app.restore_from_storage(&cc.egui_ctx, cc.storage);
            if let Some((path, reading)) = preload {
                // A reading thread that died is replaced by reading the file here.
                let read = reading.join().unwrap_or_else(|_| read_workshop(&path));
                app.open_read(&path, read);
            }
            if let Some(canvas) = show_canvas {
                app.show_canvas(canvas, None);
            }
            let stages = [renderer_ready, started.elapsed()];
            Ok(if report { Box::new(StartUpReport { app, started, stages, frames: 0 }) } else { Box::new(app) })
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The display named in $DISPLAY or $WAYLAND_DISPLAY could not be reached.
        Err(eframe::Error::WinitEventLoop(_)) => {
            eprintln!("{NO_SCREEN}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("common-ground: the window could not be opened: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The app, timed (`--report-start-up`): once the first frame is on screen it prints the time
/// since the process started, shows the needs map too, then prints the peak memory and closes.
struct StartUpReport {
    app: CommonGroundApp,
    started: Instant,
    /// When the window and its renderer were ready, and when the app had opened the workshop.
    stages: [std::time::Duration; 2],
    frames: u32,
}

impl eframe::App for StartUpReport {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frames += 1;
        match self.frames {
            // eframe paints a frame after `ui` returns, so the first frame is on screen when the
            // second one begins.
            2 => {
                let ms = |duration: std::time::Duration| duration.as_secs_f64() * 1000.0;
                println!(
                    "first frame after {:.1} ms (window and renderer ready after {:.1} ms, workshop open after {:.1} ms)",
                    ms(self.started.elapsed()),
                    ms(self.stages[0]),
                    ms(self.stages[1])
                );
                self.app.show_canvas(Canvas::NeedsMap, None);
            }
            4 => {
                let peak = peak_memory_kb().map_or_else(|| "unknown".to_owned(), |kb| kb.to_string());
                println!("peak memory {peak} kB");
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            _ => {}
        }
        self.app.ui(ui, frame);
        ui.ctx().request_repaint();
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }
}

/// The process's peak resident memory (`VmHWM`), where the system says (Linux).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
