//! Common Ground's performance figures: `cargo bench --bench performance`.
//!
//! Prints, for synthetic workshops of 100, 2,000 and 10,000 notes (`synthetic_session`):
//! - frame CPU time (the whole app's egui pass plus tessellation, on a headless
//!   `egui::Context` at 1920×1080), median and 95th percentile, for the prompt wheel and the
//!   needs map at normal zoom (1.0, notes at the size they are designed for) and zoomed out as
//!   far as the app allows; each also as a ratio to egui's own demo windows measured in the same
//!   run, so figures compare across machines;
//! - saving and loading the 10,000-note workshop through the real store functions, beside
//!   `serde_json` of the same session;
//! - how long the frame that starts an autosave takes, and that the save itself runs beside
//!   the frames rather than in one;
//! - start-up to the first frame and peak memory, by running the real app under Xvfb (skipped
//!   with a message when Xvfb is not installed).
//!
//! A plain `harness = false` benchmark rather than criterion: one pass prints every figure in
//! a couple of minutes on a two-core machine, with no extra dependency to build.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "a benchmark or test program, not library API; it stops at the first thing not as expected"
)]

use common_ground::model::{Session, synthetic_session};
use common_ground::store::{DataDir, load_session, save_session, write_atomically};
use common_ground::ui::{AppConfig, Canvas, CommonGroundApp, NativeFilePicker, gpu_links};
use egui::{Event, Pos2, RawInput, Rect, Ui, pos2};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The projector the app is usually shown on.
const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, pos2(1920.0, 1080.0));
/// Frames run before measuring, so fonts, caches and layouts are settled.
const WARM_UP_FRAMES: usize = 15;
/// Frames measured for each figure…
const MEASURED_FRAMES: usize = 150;
/// …unless they take longer than this in all.
const TIME_LIMIT: Duration = Duration::from_secs(15);
/// Normal zoom: one canvas unit to one screen point, notes at the size they are designed for.
const NORMAL_ZOOM: f32 = 1.0;
/// Zoomed out as far as the app allows (`Viewport::MIN_ZOOM`).
const ZOOMED_OUT: f32 = 0.15;

/// A median and a 95th percentile.
#[derive(Clone, Copy, Debug)]
struct Spread {
    median: Duration,
    p95: Duration,
    samples: usize,
}

impl Spread {
    fn of(mut samples: Vec<Duration>) -> Self {
        samples.sort();
        let at = |share: f64| samples[((samples.len() - 1) as f64 * share).round() as usize];
        Self { median: at(0.5), p95: at(0.95), samples: samples.len() }
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64())
}

/// How a canvas is looked at while its frames are measured.
#[derive(Clone, Copy, Debug, PartialEq)]
enum View {
    /// Normal zoom, the pointer moving over it.
    Normal,
    /// Normal zoom, panned sideways a little every frame (scrolling sideways pans), back and
    /// forth across a screen's width.
    Panning,
    /// Zoomed out as far as the app allows, the pointer moving over it.
    ZoomedOut,
    /// As `Normal`, but as drawn without wgpu: the map's kept mesh of links goes through egui's
    /// output every frame instead of being drawn from the graphics card.
    NormalWithoutCard,
}

impl View {
    fn zoom(self) -> f32 {
        match self {
            View::Normal | View::Panning | View::NormalWithoutCard => NORMAL_ZOOM,
            View::ZoomedOut => ZOOMED_OUT,
        }
    }
}

/// The input of one frame: the pointer wandering over the middle of the screen, as it does
/// while a facilitator works (each movement is what makes egui draw a frame); when `panning`,
/// a sideways scroll too.
fn frame_input(frame: usize, panning: bool) -> RawInput {
    let t = frame as f32 * 0.05;
    let pointer = pos2(760.0 + 420.0 * t.sin(), 560.0 + 260.0 * (1.3 * t).cos());
    let mut events = vec![Event::PointerMoved(pointer)];
    if panning {
        // Five points a frame, turning back every hundred frames: half a screen each way.
        let direction = if (frame / 100).is_multiple_of(2) { 1.0 } else { -1.0 };
        events.push(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(5.0 * direction, 0.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Trackpad,
            modifiers: egui::Modifiers::NONE,
        });
    }
    RawInput {
        screen_rect: Some(SCREEN),
        time: Some(frame as f64 / 60.0),
        predicted_dt: 1.0 / 60.0,
        events,
        ..RawInput::default()
    }
}

/// How long a frame took.
#[derive(Clone, Copy, Debug)]
struct FrameTime {
    /// CPU time of the thread that drew it: the figure the targets are about, which other
    /// programs on a busy machine do not inflate.
    cpu: Duration,
    /// Wall-clock time, which they do.
    wall: Duration,
}

/// Runs one frame of `draw` with layout and tessellation, and returns how long it took.
fn run_frame(ctx: &egui::Context, frame: usize, panning: bool, draw: &mut impl FnMut(&mut Ui)) -> FrameTime {
    let input = frame_input(frame, panning);
    let (wall, cpu) = (Instant::now(), cpu_time::ThreadTime::now());
    let mut output = ctx.run_ui(input, |ui| draw(ui));
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    let took = FrameTime { cpu: cpu.elapsed(), wall: wall.elapsed() };
    std::hint::black_box(primitives);
    output.textures_delta.clear();
    took
}

/// Frame times: CPU and wall clock.
#[derive(Clone, Copy, Debug)]
struct Frames {
    cpu: Spread,
    wall: Spread,
}

/// Warms up, then measures frames of `draw`.
fn measure_frames(ctx: &egui::Context, panning: bool, mut draw: impl FnMut(&mut Ui)) -> Frames {
    let mut frame = 0;
    for _ in 0..WARM_UP_FRAMES {
        run_frame(ctx, frame, false, &mut draw);
        frame += 1;
    }
    let started = Instant::now();
    let mut samples = Vec::with_capacity(MEASURED_FRAMES);
    while samples.len() < MEASURED_FRAMES && (samples.len() < 10 || started.elapsed() < TIME_LIMIT) {
        samples.push(run_frame(ctx, frame, panning, &mut draw));
        frame += 1;
    }
    Frames {
        cpu: Spread::of(samples.iter().map(|time| time.cpu).collect()),
        wall: Spread::of(samples.iter().map(|time| time.wall).collect()),
    }
}

/// egui's own demo: every demo window of `egui_demo_lib` as it opens, the yardstick.
fn yardstick() -> Frames {
    let ctx = egui::Context::default();
    let mut demo = egui_demo_lib::DemoWindows::default();
    measure_frames(&ctx, false, |ui| demo.ui(ui))
}

/// The real app, with `file` open, on a fresh headless context. `on_the_card`: drawn as the app
/// draws with its wgpu renderer, which keeps the map's mesh of links on the graphics card (the
/// renderer itself does not run here; it uploads that mesh only when it is made again).
fn app_with(folder: &Path, file: &Path, on_the_card: bool) -> (egui::Context, CommonGroundApp) {
    let ctx = egui::Context::default();
    if on_the_card {
        gpu_links::mark_available(&ctx);
    }
    let config = AppConfig {
        data_dir: DataDir::at(folder.join("data")),
        file_to_open: Some(file.to_owned()),
        // Never asked: the benchmark opens no dialogs.
        file_picker: Box::new(NativeFilePicker::default()),
    };
    let app = CommonGroundApp::new(&ctx, config);
    assert!(app.document().is_some(), "the benchmark's workshop opened");
    (ctx, app)
}

fn write_session(folder: &Path, session: &Session) -> PathBuf {
    let path = folder.join(format!("synthetic-{}.ron", session.notes.len()));
    save_session(session, &path).unwrap();
    path
}

struct FrameFigure {
    notes: usize,
    canvas: Canvas,
    view: View,
    /// The first frame, fitted to the window, as the tab opens: it lays out everything.
    opening: FrameTime,
    frames: Frames,
    /// On the wheel at normal zoom: choosing the next prompt (→), the CPU time of the frame of
    /// the key press and the one after it together (the choice lands after the wheel is drawn,
    /// so the next frame lays the wheel out again).
    prompt_change: Option<Spread>,
}

impl FrameFigure {
    fn label(notes: usize, canvas: Canvas, view: View) -> String {
        let canvas = match canvas {
            Canvas::Wheel => "prompt wheel",
            Canvas::NeedsMap => "needs map",
        };
        let view = match view {
            View::Normal => "normal zoom",
            View::Panning => "panning",
            View::ZoomedOut => "zoomed out",
            View::NormalWithoutCard => "normal, no GPU",
        };
        format!("{notes:>6} notes, {canvas:<12} {view:<11}")
    }
}

/// Measures every canvas, size and zoom whose label has all the `filter` words in it.
fn canvas_frames(folder: &Path, sessions: &[(usize, PathBuf)], filter: &[String]) -> Vec<FrameFigure> {
    let mut figures = Vec::new();
    for (notes, path) in sessions {
        for canvas in [Canvas::Wheel, Canvas::NeedsMap] {
            for view in [View::Normal, View::Panning, View::ZoomedOut, View::NormalWithoutCard] {
                if canvas == Canvas::Wheel && view == View::NormalWithoutCard {
                    // The wheel keeps no mesh on the card; this row would repeat "normal zoom".
                    continue;
                }
                let label = FrameFigure::label(*notes, canvas, view);
                if !filter.iter().all(|word| label.contains(word.as_str())) {
                    continue;
                }
                let (ctx, mut app) = app_with(folder, path, view != View::NormalWithoutCard);
                // One frame fitted to the window first, as the tab opens, then the zoom.
                app.show_canvas(canvas, None);
                let opening = run_frame(&ctx, 0, false, &mut |ui: &mut Ui| app.frame_ui(ui));
                app.show_canvas(canvas, Some(view.zoom()));
                let frames = measure_frames(&ctx, view == View::Panning, |ui| app.frame_ui(ui));
                let prompt_change = (canvas == Canvas::Wheel && view == View::Normal)
                    .then(|| prompt_changes(&ctx, &mut |ui: &mut Ui| app.frame_ui(ui)));
                figures.push(FrameFigure { notes: *notes, canvas, view, opening, frames, prompt_change });
                eprintln!("  measured {}", label.trim());
            }
        }
    }
    figures
}

/// The input of `frame` with → pressed, which chooses the next prompt on the wheel.
fn next_prompt_input(frame: usize) -> RawInput {
    let mut input = frame_input(frame, false);
    input.events.push(Event::Key {
        key: egui::Key::ArrowRight,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::default(),
    });
    input
}

/// Chooses the next prompt with → ten times, timing each choice: the frame of the key press and
/// the frame after it, together (CPU time).
fn prompt_changes(ctx: &egui::Context, draw: &mut impl FnMut(&mut Ui)) -> Spread {
    let mut samples = Vec::new();
    for change in 0..10 {
        let frame = 1_000 + 10 * change;
        let cpu = cpu_time::ThreadTime::now();
        ctx.run_ui(next_prompt_input(frame), |ui| draw(ui)).textures_delta.clear();
        run_frame(ctx, frame + 1, false, draw);
        samples.push(cpu.elapsed());
        for settle in 2..10 {
            run_frame(ctx, frame + settle, false, draw);
        }
    }
    Spread::of(samples)
}

/// The prompt wheel as the tab opens (fitted to the window, the first prompt selected), then
/// choosing the next prompt with → ten times, once round the wheel: the CPU time of the frame of
/// the key press and the one after it together (the choice lands after the wheel is drawn, so the
/// next frame lays the rings out again), and the slowest of the eight frames after those, so work
/// put off to later frames shows too. On the synthetic workshops and the Bristol example; runs
/// when every `filter` word is in "N notes, wheel select-next" (e.g. `-- wheel select-next`).
fn select_next_figures(folder: &Path, sessions: &[(usize, PathBuf)], filter: &[String]) {
    let bristol = common_ground::examples::EXAMPLES
        .iter()
        .find(|example| example.file_name == "bristol-outreach.ron")
        .expect("the Bristol example")
        .session()
        .expect("the Bristol example opens");
    let bristol_path = folder.join("bristol-outreach.ron");
    save_session(&bristol, &bristol_path).unwrap();
    let mut workshops: Vec<(String, &Path)> =
        sessions.iter().map(|(notes, path)| (format!("{notes:>6} notes"), path.as_path())).collect();
    workshops.push((format!("{:>6} notes (Bristol example)", bristol.notes.len()), &bristol_path));
    let mut rows = Vec::new();
    for (name, path) in workshops {
        let label = format!("{name}, wheel select-next");
        if !filter.iter().all(|word| label.contains(word.as_str())) {
            continue;
        }
        let (ctx, mut app) = app_with(folder, path, true);
        app.show_canvas(Canvas::Wheel, None);
        let opening = run_frame(&ctx, 0, false, &mut |ui: &mut Ui| app.frame_ui(ui)).cpu;
        let mut draw = |ui: &mut Ui| app.frame_ui(ui);
        for frame in 1..WARM_UP_FRAMES {
            run_frame(&ctx, frame, false, &mut draw);
        }
        let mut changes = Vec::new();
        let mut key_frames = Vec::new();
        let mut after = Vec::new();
        for change in 0..10 {
            let frame = 1_000 + 10 * change;
            let cpu = cpu_time::ThreadTime::now();
            ctx.run_ui(next_prompt_input(frame), |ui| draw(ui)).textures_delta.clear();
            let key_frame = cpu.elapsed();
            run_frame(&ctx, frame + 1, false, &mut draw);
            changes.push(cpu.elapsed());
            key_frames.push(key_frame);
            let settle = (2..10).map(|settle| run_frame(&ctx, frame + settle, false, &mut draw).cpu).max();
            after.push(settle.unwrap_or_default());
        }
        eprintln!("  measured {}", label.trim());
        let after = after.into_iter().max().unwrap_or_default();
        rows.push((label, opening, Spread::of(changes), Spread::of(key_frames).median, after));
    }
    if rows.is_empty() {
        return;
    }
    println!(
        "\nPrompt wheel fitted to the window (as the tab opens), choosing the next prompt with →, ten times (CPU time)"
    );
    for (label, opening, changes, key_frame, after) in rows {
        println!(
            "  {:<48} tab opens in {:>9}   next prompt (that frame and the next) median {:>9}  slowest {:>9}   (the key's frame alone: median {:>9})   slowest frame after {:>9}",
            label.trim_start(),
            ms(opening),
            ms(changes.median),
            ms(changes.p95),
            ms(key_frame),
            ms(after)
        );
    }
}

/// The median of running `work` `times` times.
fn median_of(times: usize, mut work: impl FnMut()) -> Duration {
    let samples: Vec<Duration> = (0..times)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    Spread::of(samples).median
}

fn file_figures(folder: &Path, session: &Session) {
    const RUNS: usize = 7;
    let ron_path = folder.join("save-load.ron");
    let json_path = folder.join("save-load.json");
    let save = median_of(RUNS, || save_session(session, &ron_path).unwrap());
    let load = median_of(RUNS, || {
        std::hint::black_box(load_session(&ron_path).unwrap());
    });
    let json_save = median_of(RUNS, || {
        write_atomically(&json_path, &serde_json::to_vec(session).unwrap()).unwrap();
    });
    let json_load = median_of(RUNS, || {
        let bytes = std::fs::read(&json_path).unwrap();
        std::hint::black_box(serde_json::from_slice::<Session>(&bytes).unwrap());
    });
    let text = common_ground::store::session_to_ron(session);
    let serialise = median_of(RUNS, || {
        std::hint::black_box(common_ground::store::session_to_ron(session));
    });
    let parse = median_of(RUNS, || {
        std::hint::black_box(common_ground::store::parse_session(text.as_bytes()).unwrap());
    });
    let snapshot = median_of(RUNS, || {
        std::hint::black_box(session.clone());
    });
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |meta| meta.len()) as f64 / 1e6;
    println!("\nFiles: the {}-note workshop, median of {RUNS} runs", session.notes.len());
    println!(
        "  save (RON, atomic: fsync, .bak)  {:>10}   serde_json through the same atomic write {:>10}  ({})",
        ms(save),
        ms(json_save),
        ratio(save, json_save)
    );
    println!(
        "  load (RON, checked)              {:>10}   serde_json read and parse               {:>10}  ({})",
        ms(load),
        ms(json_load),
        ratio(load, json_load)
    );
    println!(
        "  of which turning the session into RON text {}, and RON text into a checked session {}",
        ms(serialise),
        ms(parse)
    );
    println!("  file size: RON {:.1} MB, JSON {:.1} MB", size(&ron_path), size(&json_path));
    println!("  copy of the session an autosave takes on the UI thread: {}", ms(snapshot));
}

/// Edits the 10,000-note workshop in the real app and keeps drawing frames until the autosave
/// has finished, to show that no frame waits for it.
fn autosave_figures(folder: &Path, path: &Path) {
    let (ctx, mut app) = app_with(folder, path, true);
    app.show_canvas(Canvas::Wheel, Some(NORMAL_ZOOM));
    let mut frame = 0;
    let mut draw = |ui: &mut Ui| app.frame_ui(ui);
    for _ in 0..WARM_UP_FRAMES {
        run_frame(&ctx, frame, false, &mut draw);
        frame += 1;
    }
    // "D" marks the selected prompt discussed: an edit, as a facilitator makes one.
    let press = |key| Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::default(),
    };
    let mut input = frame_input(frame, false);
    input.events.push(press(egui::Key::D));
    ctx.run_ui(input, |ui| app.frame_ui(ui)).textures_delta.clear();
    frame += 1;
    assert!(app.document().unwrap().has_unsaved_changes(), "the key press made an edit");

    let mut quiet = Vec::new();
    let mut saving = Vec::new();
    let mut save_started = None;
    let mut save_took = None;
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let was_saving = app.document().unwrap().is_saving();
        // Wall-clock time: a frame waiting for the disk would wait without using the CPU.
        let took = run_frame(&ctx, frame, false, &mut |ui: &mut Ui| app.frame_ui(ui)).wall;
        frame += 1;
        // Sixty frames a second, as while the pointer moves.
        std::thread::sleep(Duration::from_micros(16_667).saturating_sub(took));
        let document = app.document().unwrap();
        match (was_saving, document.is_saving()) {
            (false, true) => {
                save_started = Some((Instant::now(), took));
                saving.push(took);
            }
            (true, true) => saving.push(took),
            (true, false) => {
                save_took = save_started.map(|(at, _)| at.elapsed());
                break;
            }
            (false, false) => quiet.push(took),
        }
    }
    let document = app.document().unwrap();
    println!("\nAutosave of the 10,000-note workshop while drawing the wheel at 60 frames a second (wall-clock times)");
    match (save_started, save_took) {
        (Some((_, first)), Some(took)) if !document.has_unsaved_changes() => {
            let longest = saving.iter().max().copied().unwrap_or_default();
            let quiet = Spread::of(quiet);
            println!("  frames before it: median {}, p95 {}", ms(quiet.median), ms(quiet.p95));
            println!("  the frame that started it (copies the session): {}", ms(first));
            println!(
                "  {} frames drawn while it wrote in the background (longest {}); the save took about {}",
                saving.len(),
                ms(longest),
                ms(took)
            );
        }
        _ => println!("  FAILED: the autosave did not run in the background and finish within 10 s"),
    }
}

/// A running Xvfb, ended when dropped.
struct VirtualScreen {
    process: Child,
    display: String,
}

impl Drop for VirtualScreen {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn find_program(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .chain([PathBuf::from("/usr/bin")])
        .map(|folder| folder.join(name))
        .find(|path| path.is_file())
}

fn start_virtual_screen() -> Result<VirtualScreen, String> {
    let xvfb = find_program("Xvfb").ok_or("Xvfb is not installed (.ci/install-system-packages installs it)")?;
    let number =
        (90..140).find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists()).ok_or("no free X display number")?;
    let display = format!(":{number}");
    let process = Command::new(xvfb)
        .args([display.as_str(), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("Xvfb did not start: {error}"))?;
    let screen = VirtualScreen { process, display };
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let waited = Instant::now();
    while !socket.exists() {
        if waited.elapsed() > Duration::from_secs(10) {
            return Err("Xvfb did not open its display within 10 s".to_owned());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(screen)
}

/// One start of the real app under Xvfb.
struct Start {
    /// From starting the process to its first frame being on screen, seen from outside.
    first_frame: Duration,
    /// From the process's own start to the window and renderer being ready, then to the app
    /// having opened the workshop, as the app reports them.
    stages: [Duration; 2],
    /// Peak memory once both canvases were shown, in kB.
    peak_kb: u64,
}

/// The milliseconds after `after` in `line`, e.g. `after ` in "ready after 12.5 ms".
fn milliseconds_after(line: &str, after: &str) -> Option<Duration> {
    let rest = &line[line.find(after)? + after.len()..];
    let number: f64 = rest.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_secs_f64(number / 1000.0))
}

fn start_once(screen: &VirtualScreen, data: &Path, file: Option<&Path>) -> Result<Start, String> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_common-ground"));
    command
        .arg("--report-start-up")
        .arg("--data-dir")
        .arg(data)
        .args(file)
        .env("DISPLAY", &screen.display)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let started = Instant::now();
    let mut child = command.spawn().map_err(|error| format!("the app did not start: {error}"))?;
    let stdout = child.stdout.take().ok_or("no output from the app")?;
    let mut first_frame = None;
    let mut stages = None;
    let mut peak = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|error| error.to_string())?;
        if line.starts_with("first frame") {
            first_frame = Some(started.elapsed());
            stages = milliseconds_after(&line, "renderer ready after ").zip(milliseconds_after(&line, "open after "));
        } else if let Some(kb) = line.strip_prefix("peak memory ").and_then(|rest| rest.strip_suffix(" kB")) {
            peak = kb.parse().ok();
        }
    }
    let status = child.wait().map_err(|error| error.to_string())?;
    match (first_frame, stages, peak) {
        (Some(first_frame), Some((renderer, open)), Some(peak_kb)) if status.success() => {
            Ok(Start { first_frame, stages: [renderer, open], peak_kb })
        }
        _ => Err(format!("the app did not report its start-up ({status})")),
    }
}

fn start_up_figures(folder: &Path, big_file: &Path) {
    println!("\nStart-up of the real app under Xvfb (1920×1080, software rendering), median of 5 starts");
    let screen = match start_virtual_screen() {
        Ok(screen) => screen,
        Err(reason) => {
            println!("  skipped: {reason}");
            return;
        }
    };
    for (label, file) in [("no workshop (start screen)", None), ("the 10,000-note workshop", Some(big_file))] {
        let mut starts = Vec::new();
        for run in 0..5 {
            let data = folder.join(format!("start-up-data-{run}"));
            match start_once(&screen, &data, file) {
                Ok(start) => starts.push(start),
                Err(reason) => {
                    println!("  {label}: FAILED: {reason}");
                    break;
                }
            }
        }
        if starts.len() == 5 {
            let median = |value: &dyn Fn(&Start) -> Duration| Spread::of(starts.iter().map(value).collect()).median;
            let mut peaks: Vec<u64> = starts.iter().map(|start| start.peak_kb).collect();
            peaks.sort_unstable();
            println!(
                "  {label:<28} first frame {:>10}   (window and renderer ready {:>9}, workshop open {:>9})   peak memory {:.0} MB",
                ms(median(&|start| start.first_frame)),
                ms(median(&|start| start.stages[0])),
                ms(median(&|start| start.stages[1])),
                peaks[2] as f64 / 1024.0
            );
        }
    }
}

fn main() {
    // `cargo bench --bench performance -- WORDS…` measures only the frame figures whose label
    // has every word (e.g. `-- 2000 map`), for profiling; `cargo bench` itself passes `--bench`.
    // `-- --write-sessions DIR` only writes the synthetic workshops into DIR, to open in the app.
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if let Some(position) = arguments.iter().position(|arg| arg == "--write-sessions") {
        let folder = PathBuf::from(arguments.get(position + 1).expect("--write-sessions DIR"));
        std::fs::create_dir_all(&folder).unwrap();
        for notes in [100, 2_000, 10_000] {
            println!("{}", write_session(&folder, &synthetic_session(notes)).display());
        }
        return;
    }
    let filter: Vec<String> = arguments.iter().filter(|arg| !arg.starts_with("--")).cloned().collect();
    let folder = tempfile::tempdir().unwrap();
    let sizes = [100, 2_000, 10_000];
    let sessions: Vec<(usize, Session)> = sizes.iter().map(|&notes| (notes, synthetic_session(notes))).collect();
    let files: Vec<(usize, PathBuf)> =
        sessions.iter().map(|(notes, session)| (*notes, write_session(folder.path(), session))).collect();

    eprintln!("measuring egui's demo windows (the yardstick)…");
    let demo = yardstick();
    eprintln!("measuring the canvases…");
    let figures = canvas_frames(folder.path(), &files, &filter);

    println!(
        "\nCommon Ground performance, release build, {} logical cores, load average {}",
        num_cores(),
        load_average()
    );
    println!("Frame time: the whole app at 1920×1080 (egui pass + tessellation), pointer moving.");
    println!("CPU time of the drawing thread (the figure), then wall-clock time (which a busy machine inflates).");
    let row = |label: &str, frames: &Frames, opening: Option<FrameTime>| {
        let opening = opening.map_or_else(String::new, |opening| format!("   tab opens in {}", ms(opening.cpu)));
        println!(
            "  {label:<44} median {:>9}  p95 {:>9}   ({} / {} of the demo)   wall median {:>9}  p95 {:>9}   {} frames{opening}",
            ms(frames.cpu.median),
            ms(frames.cpu.p95),
            ratio(frames.cpu.median, demo.cpu.median),
            ratio(frames.cpu.p95, demo.cpu.p95),
            ms(frames.wall.median),
            ms(frames.wall.p95),
            frames.cpu.samples
        );
    };
    row("egui demo windows (the yardstick)", &demo, None);
    for figure in &figures {
        let label = FrameFigure::label(figure.notes, figure.canvas, figure.view);
        row(label.trim_start(), &figure.frames, (figure.view == View::Normal).then_some(figure.opening));
    }
    for figure in &figures {
        if let Some(changes) = figure.prompt_change {
            println!(
                "  {:>6} notes, prompt wheel: choosing the next prompt (→, that frame and the next)  median {:>9}  slowest of {} {:>9}",
                figure.notes,
                ms(changes.median),
                changes.samples,
                ms(changes.p95)
            );
        }
    }

    select_next_figures(folder.path(), &files, &filter);

    if !filter.is_empty() && !filter.iter().any(|word| word == "files") {
        return;
    }
    let (_, biggest) = sessions.last().unwrap();
    file_figures(folder.path(), biggest);
    if !filter.is_empty() {
        return;
    }
    autosave_figures(folder.path(), &files.last().unwrap().1);
    start_up_figures(folder.path(), &files.last().unwrap().1);
}

/// The system's load over the last minute, to judge how busy the machine was.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

fn num_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
