//! The real app, asked to stop by the system (SIGTERM at shutdown or from `kill`, SIGHUP at
//! logout, SIGINT from Ctrl-C), closes as its close button does: it saves, marks the workshop
//! closed and exits normally, instead of being ended at once by the signal. Runs the binary in a
//! virtual X screen (Xvfb); skipped with a message where there is none.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::model::{Session, WorkshopDetails};
use common_ground::store::{lock_path, save_session};
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

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

fn start_virtual_screen() -> Option<VirtualScreen> {
    let xvfb = ["/usr/bin/Xvfb", "/usr/local/bin/Xvfb"].into_iter().map(PathBuf::from).find(|path| path.is_file())?;
    // Numbers apart from the benchmark's (90…139), so both can run at once.
    let number = (150..200).find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())?;
    let display = format!(":{number}");
    let process = Command::new(xvfb)
        .args([display.as_str(), "-screen", "0", "1600x900x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let screen = VirtualScreen { process, display };
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let waited = Instant::now();
    while !socket.exists() {
        if waited.elapsed() > Duration::from_secs(10) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(screen)
}

/// Waits up to `limit` for `condition`.
fn wait_for(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Starts the app on a workshop, waits until it has the workshop open (its lock file is there),
/// sends `signal` with `kill`, and returns how the process ended.
fn stopped_by(screen: &VirtualScreen, signal: &str) -> (ExitStatus, PathBuf, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("signalled.ron");
    let session =
        Session { details: WorkshopDetails { title: "Signalled".into(), ..Default::default() }, ..Session::default() };
    save_session(&session, &path).unwrap();
    let mut app = Command::new(env!("CARGO_BIN_EXE_common-ground"))
        .arg("--data-dir")
        .arg(folder.path().join("data"))
        .arg(&path)
        .env("DISPLAY", &screen.display)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let opened = wait_for(Duration::from_mins(1), || lock_path(&path).exists());
    if !opened {
        let _ = app.kill();
        panic!("the app did not open the workshop within 60 s");
    }
    // A moment for the first frames, so the signal meets a running window.
    std::thread::sleep(Duration::from_millis(500));
    let sent = Command::new("kill").arg(format!("-{signal}")).arg(app.id().to_string()).status().unwrap();
    assert!(sent.success());
    let mut status = None;
    let ended = wait_for(Duration::from_secs(30), || {
        status = app.try_wait().unwrap();
        status.is_some()
    });
    if !ended {
        let _ = app.kill();
        panic!("the app did not close within 30 s of SIG{signal}");
    }
    (status.unwrap(), path, folder)
}

#[test]
fn termination_signals_close_the_app_as_its_close_button_does() {
    let Some(screen) = start_virtual_screen() else {
        eprintln!("skipped: no Xvfb to run the app in");
        return;
    };
    for signal in ["TERM", "HUP", "INT"] {
        let (status, path, folder) = stopped_by(&screen, signal);
        assert!(
            status.success(),
            "SIG{signal}: the app closed normally, not ended by the signal ({status:?}, {:?})",
            status.signal()
        );
        assert!(!lock_path(&path).exists(), "SIG{signal}: the workshop was closed, releasing its claim");
        let journal = std::fs::read_to_string(folder.path().join("data").join("open-sessions.ron")).unwrap_or_default();
        assert!(!journal.contains("signalled.ron"), "SIG{signal}: nothing left to recover: {journal}");
    }
}
