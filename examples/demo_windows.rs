//! The window benchmark's yardstick (benches/window.sh): egui's own demo windows
//! (`egui_demo_lib`) in an eframe window, maximised, drawn by the renderer Common Ground would
//! choose here (`--renderer glow|wgpu|auto`, as the app takes it), so the app's frame rate can be
//! given as a ratio to what egui itself gets on the same machine in the same run. Like the app,
//! it closes its window when asked to stop (SIGTERM), so Mesa's frame counters write their files.

use common_ground::ui::renderer::{RendererChoice, choose_renderer};

/// egui's demo windows, as the app they are in.
struct DemoWindows(egui_demo_lib::DemoWindows);

impl eframe::App for DemoWindows {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui(ui);
    }
}

fn main() -> eframe::Result {
    let arguments: Vec<String> = std::env::args().collect();
    let choice = arguments
        .iter()
        .position(|argument| argument == "--renderer")
        .and_then(|position| arguments.get(position + 1))
        .map_or(Ok(RendererChoice::Auto), |name| name.parse::<RendererChoice>())
        .unwrap_or_else(|error| {
            eprintln!("demo_windows: {error}");
            std::process::exit(2)
        });
    let chosen = choose_renderer(choice);
    println!("renderer {chosen}");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title("egui demo windows").with_maximized(true),
        renderer: chosen.renderer,
        ..Default::default()
    };
    eframe::run_native(
        "egui demo windows",
        options,
        Box::new(|cc| {
            close_on_sigterm(&cc.egui_ctx);
            Ok(Box::new(DemoWindows(egui_demo_lib::DemoWindows::default())))
        }),
    )
}

/// Closes the window, as its close button does, when SIGTERM arrives.
#[cfg(unix)]
fn close_on_sigterm(ctx: &egui::Context) {
    let ctx = ctx.clone();
    // Without it the benchmark reads no frame counts for the yardstick and says so.
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGTERM]) else { return };
    std::thread::spawn(move || {
        for _ in signals.forever() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            ctx.request_repaint();
        }
    });
}

/// Elsewhere the benchmark does not run; the system's own handling stays.
#[cfg(not(unix))]
fn close_on_sigterm(_ctx: &egui::Context) {}
