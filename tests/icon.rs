//! The app's icon: the PNG sizes the Linux package installs and the Windows `.ico` are the SVGs in
//! `assets/icon/` drawn by resvg, the same renderer as the app's pictures, so the icon has one
//! source. After changing an SVG, write them again with
//! `UPDATE_ICONS=1 cargo test --release --test icon` and look at them.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use ico::{IconDir, IconDirEntry, IconImage, ResourceType};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;
use std::path::{Path, PathBuf};

/// The sizes installed, in pixels; at 32 and less the wheel is drawn without its spokes.
const SIZES: [u32; 7] = [16, 24, 32, 48, 64, 128, 256];
/// The sizes in the Windows `.ico` (Explorer, the Start menu and the task bar pick from these).
const ICO_SIZES: [u32; 6] = [16, 24, 32, 48, 64, 256];
/// How far a channel may differ from the committed picture: resvg's anti-aliasing may round a
/// shade differently on another processor, which nobody could see.
const TOLERANCE: u8 = 2;

fn icon_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon")
}

fn png_path(size: u32) -> PathBuf {
    icon_folder().join(format!("png/common-ground-{size}.png"))
}

/// The icon drawn at `size` pixels square, as straight (not premultiplied) RGBA.
fn draw(size: u32) -> IconImage {
    let source = if size <= 32 { "common-ground-small.svg" } else { "common-ground.svg" };
    let svg = std::fs::read(icon_folder().join(source)).unwrap();
    let tree = usvg::Tree::from_data(&svg, &usvg::Options::default()).unwrap();
    let mut pixmap = Pixmap::new(size, size).unwrap();
    let scale = size as f32 / tree.size().width();
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let colour = pixel.demultiply();
            [colour.red(), colour.green(), colour.blue(), colour.alpha()]
        })
        .collect();
    IconImage::from_rgba_data(size, size, rgba)
}

fn updating() -> bool {
    std::env::var_os("UPDATE_ICONS").is_some()
}

fn assert_same_pixels(expected: &IconImage, actual: &IconImage, what: &str) {
    assert_eq!((expected.width(), expected.height()), (actual.width(), actual.height()), "{what}: size");
    let worst = expected.rgba_data().iter().zip(actual.rgba_data()).map(|(a, b)| a.abs_diff(*b)).max().unwrap_or(0);
    assert!(
        worst <= TOLERANCE,
        "{what} is not the SVG as drawn now (a channel differs by {worst}); after changing the icon, run with UPDATE_ICONS=1"
    );
}

#[test]
fn the_png_sizes_are_the_svg_drawn() {
    for size in SIZES {
        let drawn = draw(size);
        let path = png_path(size);
        if updating() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            drawn.write_png(std::fs::File::create(&path).unwrap()).unwrap();
            continue;
        }
        let file = std::fs::File::open(&path)
            .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_ICONS=1 to write it", path.display()));
        let committed = IconImage::read_png(std::io::BufReader::new(file)).unwrap();
        assert_same_pixels(&committed, &drawn, &path.display().to_string());
    }
}

#[test]
fn the_windows_icon_holds_every_size_drawn_from_the_svg() {
    let path = icon_folder().join("common-ground.ico");
    if updating() {
        let mut icon = IconDir::new(ResourceType::Icon);
        for size in ICO_SIZES {
            icon.add_entry(IconDirEntry::encode(&draw(size)).unwrap());
        }
        icon.write(std::fs::File::create(&path).unwrap()).unwrap();
    }
    let icon = IconDir::read(std::io::BufReader::new(std::fs::File::open(&path).unwrap())).unwrap();
    let sizes: Vec<u32> = icon.entries().iter().map(IconDirEntry::width).collect();
    assert_eq!(sizes, ICO_SIZES);
    for entry in icon.entries() {
        let committed = entry.decode().unwrap();
        assert_same_pixels(&committed, &draw(entry.width()), &format!("the .ico's {} px picture", entry.width()));
    }
}

#[test]
fn at_16_px_the_wheel_still_shows_its_rings_and_the_picked_out_prompt() {
    let icon = draw(16);
    let pixel = |x: u32, y: u32| {
        let at = ((y * 16 + x) * 4) as usize;
        <[u8; 4]>::try_from(&icon.rgba_data()[at..at + 4]).unwrap()
    };
    let [red, _, blue, alpha] = pixel(8, 2);
    assert!(alpha > 200 && red > 180 && blue < 120, "the prompt at the top is amber: {:?}", pixel(8, 2));
    let [red, _, blue, alpha] = pixel(8, 4);
    assert!(alpha > 200 && blue > red, "its inner band is blue: {:?}", pixel(8, 4));
    assert_eq!(pixel(8, 8)[..3], [255, 255, 255], "the hub is white");
    assert_eq!(pixel(0, 0)[3], 0, "the corners are transparent");
}
