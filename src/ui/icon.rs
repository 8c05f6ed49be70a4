//! The app's icon in the window's title bar and task bar: the same picture the packages install
//! (`assets/icon/`), so the running window and the menu entry that started it look alike.

use resvg::tiny_skia::Pixmap;

/// The icon at 256 px, as the Linux package installs it; `tests/icon.rs` checks it is the SVG
/// drawn by resvg.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/png/common-ground-256.png");

/// The icon for the window, or `None` if the embedded picture could not be read (the system's
/// default icon then shows, which is no reason to stop the app).
pub fn window_icon() -> Option<egui::IconData> {
    let pixmap = Pixmap::decode_png(ICON_PNG).ok()?;
    // tiny-skia keeps colours premultiplied by alpha; a window icon wants them straight.
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let colour = pixel.demultiply();
            [colour.red(), colour.green(), colour.blue(), colour.alpha()]
        })
        .collect();
    Some(egui::IconData { rgba, width: pixmap.width(), height: pixmap.height() })
}

#[cfg(test)]
mod tests {
    use super::window_icon;

    #[test]
    fn the_window_icon_is_the_wheel_at_256_px() {
        let icon = window_icon().expect("the embedded icon is a PNG");
        assert_eq!((icon.width, icon.height), (256, 256));
        let pixel = |x: usize, y: usize| {
            let at = (y * 256 + x) * 4;
            [icon.rgba[at], icon.rgba[at + 1], icon.rgba[at + 2], icon.rgba[at + 3]]
        };
        assert_eq!(pixel(0, 0)[3], 0, "the corners are transparent");
        assert_eq!(pixel(128, 128), [255, 255, 255, 255], "the hub is white");
        let [red, green, blue, alpha] = pixel(128, 24);
        assert!(
            alpha == 255 && red > 200 && blue < 100,
            "the picked-out prompt's outer band is amber: {red} {green} {blue}"
        );
    }
}
