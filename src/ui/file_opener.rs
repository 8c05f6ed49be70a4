//! Opening an exported file in the program the computer opens it with, or showing it in its
//! folder, through a seam tests replace so that no viewer is launched while they run.

use std::path::Path;

/// Hands a file or folder to the computer.
pub trait FileOpener {
    /// Opens `path` in the computer's program for it (a folder in the file manager).
    fn open(&mut self, path: &Path) -> Result<(), String>;
    /// Shows `path` selected in its folder, in the file manager.
    fn reveal(&mut self, path: &Path) -> Result<(), String>;
}

/// The computer's own programs, through the `opener` crate (`xdg-open` and the desktop's file
/// manager over D-Bus on Linux, `open` on macOS, the shell on Windows).
#[derive(Debug, Default)]
pub struct SystemOpener;

impl FileOpener for SystemOpener {
    fn open(&mut self, path: &Path) -> Result<(), String> {
        // Starts the program and returns at once: xdg-open is not waited for.
        opener::open(path).map_err(|error| error.to_string())
    }

    fn reveal(&mut self, path: &Path) -> Result<(), String> {
        if !path.exists() {
            return Err("it is no longer there".to_owned());
        }
        // On Linux this asks the file manager over D-Bus and waits for its answer, which can take
        // seconds when none is running (the crate then opens the folder instead), so it is done
        // on a thread of its own and the window keeps drawing.
        let path = path.to_owned();
        std::thread::Builder::new()
            .name("show in folder".to_owned())
            .spawn(move || {
                if let Err(error) = opener::reveal(&path) {
                    eprintln!("common-ground: couldn't show {} in its folder: {error}", path.display());
                }
            })
            .map(drop)
            .map_err(|error| error.to_string())
    }
}
