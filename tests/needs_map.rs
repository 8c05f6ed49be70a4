//! The needs map (Figure 5), driven through the real app's accessibility tree by role and label,
//! with the mouse where a person would use it (dragging notes and links) and the keyboard where
//! a person without a mouse would; each step is checked against the saved session.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;
use common::harness::NoFilePicker;

use common_ground::examples::EXAMPLES;
use common_ground::model::{LinkKind, MapArc, Note, Placement, Session};
use common_ground::store::{DataDir, load_session, save_session};
use common_ground::ui::{AppConfig, CommonGroundApp, gpu_links, kept_tiles};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::{Path, PathBuf};

fn harness_with(data_dir: &Path, file_to_open: Option<PathBuf>, size: Vec2) -> Harness<'static, CommonGroundApp> {
    let config = AppConfig { data_dir: DataDir::at(data_dir), file_to_open, file_picker: Box::new(NoFilePicker) };
    let mut harness =
        Harness::builder().with_size(size).build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    harness.run();
    harness
}

/// The app with a new, empty workshop open on the needs map.
fn new_workshop_on_map(data_dir: &Path) -> Harness<'static, CommonGroundApp> {
    let mut harness = harness_with(data_dir, None, vec2(1600.0, 1000.0));
    harness.get_by_role_and_label(Role::Button, "New workshop").click();
    harness.run();
    open_map_tab(&mut harness);
    harness
}

fn open_map_tab(harness: &mut Harness<'_, CommonGroundApp>) {
    harness.get_by_label("Needs map").click();
    harness.run();
}

fn session<'h>(harness: &'h Harness<'_, CommonGroundApp>) -> &'h Session {
    harness.state().document().expect("a workshop is open").session()
}

fn undo_steps(harness: &Harness<'_, CommonGroundApp>) -> usize {
    harness.state().document().expect("a workshop is open").history().undo_len()
}

fn note_with_text<'s>(session: &'s Session, text: &str) -> &'s Note {
    session.notes.iter().find(|note| note.text == text).unwrap_or_else(|| panic!("no note says {text:?}"))
}

fn along(note: &Note) -> f32 {
    match note.placement {
        Placement::Map { along, .. } => along,
        ref other => panic!("note is not on the map: {other:?}"),
    }
}

/// Writes a note with the toolbar button and the box that opens: type, then Enter.
fn add_note(harness: &mut Harness<'_, CommonGroundApp>, button: &str, field: &str, text: &str) {
    harness.get_by_role_and_label(Role::Button, button).click();
    harness.run();
    let input = harness.get_by_role_and_label(Role::TextInput, field);
    assert!(input.is_focused(), "the new note's text box has the cursor");
    input.type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

/// Presses the mouse at `from`, moves to `to` in steps, and lets go, a frame per step.
fn drag(harness: &mut Harness<'_, CommonGroundApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=6 {
        harness.hover_at(from.lerp(to, step as f32 / 6.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

fn note_widget_rect(harness: &Harness<'_, CommonGroundApp>, label_start: &str) -> egui::Rect {
    harness.get_by_label_contains(label_start).rect()
}

/// The whole accessible label of the widget whose label contains `part`.
fn full_label(harness: &Harness<'_, CommonGroundApp>, part: &str) -> String {
    harness.get_by_label_contains(part).accesskit_node().label().unwrap_or_default()
}

#[test]
fn add_drag_link_change_kind_and_undo_on_the_map() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = new_workshop_on_map(data.path());
    harness.get_by_label("No needs on the map yet.");

    add_note(&mut harness, "Add a need N", "New need", "Isolation after discharge");
    add_note(&mut harness, "Add a source of help H", "New source of help", "Peer support cafe");
    let need = note_with_text(session(&harness), "Isolation after discharge").clone();
    let help = note_with_text(session(&harness), "Peer support cafe").clone();
    assert_eq!(need.placement.map_arc(), Some(MapArc::Need));
    assert_eq!(help.placement.map_arc(), Some(MapArc::Help));
    assert_eq!(along(&need), 0.5, "an empty arc takes a new note in its middle");

    // The answer panel lists the need as unmet, and the note says so on the map too.
    harness.get_by_label("The need on the map has no support yet.");
    harness.get_by_label("Isolation after discharge");
    assert!(full_label(&harness, "Need: Isolation after discharge.").contains("No support yet"));

    // Drag the need to the right along its arc: one undo step, saved as a fraction.
    let steps_before = undo_steps(&harness);
    let card = note_widget_rect(&harness, "Need: Isolation after discharge.");
    drag(&mut harness, card.center(), card.center() + vec2(220.0, 0.0));
    let moved = along(note_with_text(session(&harness), "Isolation after discharge"));
    assert!(moved > 0.6 && moved <= 1.0, "the need slid right along its arc: {moved}");
    assert_eq!(undo_steps(&harness), steps_before + 1, "the whole drag is one undo step");

    // Drag from the need's dot to the source of help: a link, "meets this need now" at first.
    let dot = note_widget_rect(&harness, "Link from “Isolation after discharge”").center();
    let target = note_widget_rect(&harness, "Source of help: Peer support cafe").center();
    drag(&mut harness, dot, target);
    let links = &session(&harness).links;
    assert_eq!(links.len(), 1, "dropping on the source of help links them");
    assert_eq!((links[0].need, links[0].help, links[0].kind), (need.id, help.id, LinkKind::MeetsNow));
    harness.get_by_label("The need on the map has some support.");

    // The new link is selected; choose its kind in the panel.
    harness.get_by_role_and_label(Role::RadioButton, LinkKind::CouldWithSupport.label()).click();
    harness.run();
    assert_eq!(session(&harness).links[0].kind, LinkKind::CouldWithSupport);
    assert!(full_label(&harness, "Need: Isolation after discharge.").contains("with support"));

    // Undo takes back the kind, then the link; the need is unmet again and listed so.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(session(&harness).links[0].kind, LinkKind::MeetsNow);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(session(&harness).links.is_empty());
    harness.get_by_label("The need on the map has no support yet.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(along(note_with_text(session(&harness), "Isolation after discharge")), 0.5, "undo puts the need back");
}

#[test]
fn keyboard_only_link_tag_nudge_and_delete() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = new_workshop_on_map(data.path());
    add_note(&mut harness, "Add a need N", "New need", "Sleeping rough and anxious");
    add_note(&mut harness, "Add a source of help H", "New source of help", "Night shelter");
    add_note(&mut harness, "Add a source of help H", "New source of help", "Housing support officers");

    // Focus the need (as Tab would), then link it from the list that L opens.
    harness.get_by_label_contains("Need: Sleeping rough and anxious.").focus();
    harness.run();
    harness.key_press(Key::L);
    harness.run();
    harness.get_by_label("Link “Sleeping rough and anxious” to…");
    harness.get_by_role_and_label(Role::Button, "Night shelter (No organisation)").click();
    harness.run();
    let session_now = session(&harness);
    assert_eq!(session_now.links.len(), 1);
    assert_eq!(session_now.links[0].help, note_with_text(session_now, "Night shelter").id);

    // Relink it to the other source of help from the selected link's panel.
    harness.get_by_label("The source of help this link joins").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Housing support officers").click();
    harness.run();
    let session_now = session(&harness);
    assert_eq!(session_now.links[0].help, note_with_text(session_now, "Housing support officers").id);

    // The arrow keys slide the focused need along its arc; a run of presses is one undo step.
    harness.get_by_label_contains("Need: Sleeping rough and anxious.").focus();
    harness.run();
    let before = along(note_with_text(session(&harness), "Sleeping rough and anxious"));
    let steps_before = undo_steps(&harness);
    for _ in 0..3 {
        harness.key_press(Key::ArrowLeft);
        harness.run();
    }
    let after = along(note_with_text(session(&harness), "Sleeping rough and anxious"));
    assert!((before - after - 0.06).abs() < 1e-4, "three steps left: {before} → {after}");
    assert_eq!(undo_steps(&harness), steps_before + 1);

    // Tag the need with one of the guide's groups and one of the facilitator's own.
    harness.get_by_role_and_label(Role::CheckBox, "homeless people").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Own tag").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Own tag").type_text("winter");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Add tag").click();
    harness.run();
    assert_eq!(note_with_text(session(&harness), "Sleeping rough and anxious").tags, ["homeless people", "winter"]);
    assert!(full_label(&harness, "Need: Sleeping rough and anxious.").contains("homeless people, winter"));

    // Delete removes the need with its link; undo brings both back.
    harness.get_by_label_contains("Need: Sleeping rough and anxious.").focus();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert!(session(&harness).notes.iter().all(|note| note.text != "Sleeping rough and anxious"));
    assert!(session(&harness).links.is_empty(), "the need's link goes with it");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(session(&harness).links.len(), 1, "undo restores the need and its link");
}

#[test]
fn escape_cancels_a_new_note_and_double_click_on_an_arc_starts_one_there() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = new_workshop_on_map(data.path());
    harness.get_by_role_and_label(Role::Button, "Add a need N").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "New need").type_text("Not this one");
    harness.run();
    // A box holding words asks for a second Escape before discarding them (issue 19).
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_role_and_label(Role::TextInput, "New need").is_some(), "one Escape keeps the words");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_role_and_label(Role::TextInput, "New need").is_none(), "Escape closes the box");
    assert!(session(&harness).notes.is_empty(), "and adds nothing");

    // Double-click on the help arc's band, left of its middle: the box opens for that spot.
    let spot = help_band_start(&harness);
    harness.hover_at(spot);
    harness.run();
    // Both clicks in one frame: the harness's frames are a quarter of a second apart, longer
    // than a double-click may take.
    let button = egui::PointerButton::Primary;
    for pressed in [true, false, true, false] {
        let click = egui::Event::PointerButton { pos: spot, button, pressed, modifiers: Modifiers::NONE };
        harness.input_mut().events.push(click);
    }
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "New source of help").type_text("Allotment group");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let note = note_with_text(session(&harness), "Allotment group");
    assert_eq!(note.placement.map_arc(), Some(MapArc::Help));
    assert!(along(note) < 0.45, "the note sits where the arc was double-clicked: {}", along(note));
}

/// A point on the help arc's band just after its start. The band is painted, not a widget, but
/// the arc's title is, and it sits level with the band's start, just to its left.
fn help_band_start(harness: &Harness<'_, CommonGroundApp>) -> Pos2 {
    let title = harness.get_by_label_contains("Potential sources of help: an arc").rect();
    pos2(title.right() + 40.0, title.center().y)
}

#[test]
fn zoom_with_keys_pinch_and_wheel_pan_by_dragging_and_fit_to_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = new_workshop_on_map(data.path());
    add_note(&mut harness, "Add a need N", "New need", "Isolation after discharge");
    let card = |harness: &Harness<'_, CommonGroundApp>| note_widget_rect(harness, "Need: Isolation after discharge.");
    let fitted = card(&harness);
    let close = |a: f32, b: f32| (a - b).abs() < 0.5;

    // The same keys as the wheel's: Ctrl+= and Ctrl+- zoom, Ctrl+0 fits.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run();
    assert!(close(card(&harness).width(), fitted.width() * 1.25), "Ctrl+= zooms in");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert!(close(card(&harness).width(), fitted.width()), "Ctrl+- zooms back out");

    let canvas = harness.get_by_role(Role::Canvas).rect();
    harness.hover_at(canvas.center());
    harness.run();
    harness.event(egui::Event::Zoom(1.5));
    harness.run();
    assert!(close(card(&harness).width(), fitted.width() * 1.5), "a pinch zooms about the pointer");
    let before_wheel = card(&harness).width();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    assert!(card(&harness).width() > before_wheel * 1.1, "the mouse wheel zooms too");

    // Drag the background from a corner the map leaves empty: the map moves with the pointer.
    let before_pan = card(&harness);
    let corner = canvas.left_top() + vec2(8.0, 8.0);
    drag(&mut harness, corner, corner + vec2(100.0, 50.0));
    let moved = card(&harness).center() - before_pan.center();
    assert!((moved - vec2(100.0, 50.0)).length() < 1.0, "the map moved with the drag: {moved:?}");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    let refitted = card(&harness);
    assert!((refitted.center() - fitted.center()).length() < 0.5 && close(refitted.width(), fitted.width()));
}

#[test]
fn example_workshop_has_a_full_map_and_opens() {
    let example = EXAMPLES.iter().find(|example| example.file_name == "needs-map-example.ron").expect("registered");
    let session = example.session().expect("the example parses");
    let on = |arc| session.notes_on_arc(arc).count();
    assert_eq!((on(MapArc::Need), on(MapArc::Help), session.links.len()), (15, 15, 20));
    assert!(session.integrity_problem().is_none());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("workshops").join(example.file_name);
    assert_eq!(load_session(&path).unwrap(), session, "the embedded copy is the file in workshops/");
}

/// Opens `session` from a file with a fixed name (the name shows in the menu bar), on the map.
fn map_snapshot_harness(
    session: &Session,
    theme: egui::Theme,
) -> (Harness<'static, CommonGroundApp>, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("needs-map.ron");
    save_session(session, &path).unwrap();
    let mut harness = harness_with(&folder.path().join("data"), Some(path), vec2(1280.0, 800.0));
    show_opened_map(&mut harness, theme);
    (harness, folder)
}

/// Dismisses the notice of the workshop just opened, and shows its map in `theme` with no
/// pointer over it.
fn show_opened_map(harness: &mut Harness<'_, CommonGroundApp>, theme: egui::Theme) {
    harness.ctx.set_theme(theme);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Dismiss").click();
    harness.run();
    open_map_tab(harness);
    harness.remove_cursor();
    harness.run();
}

/// A folder holding the example map's file, and the app's settings to open it from there.
fn example_map_config() -> (tempfile::TempDir, AppConfig) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("needs-map.ron");
    save_session(&example_map(), &path).unwrap();
    let config = AppConfig {
        data_dir: DataDir::at(folder.path().join("data")),
        file_to_open: Some(path),
        file_picker: Box::new(NoFilePicker),
    };
    (folder, config)
}

fn example_map() -> Session {
    let example = EXAMPLES.iter().find(|example| example.file_name == "needs-map-example.ron").unwrap();
    example.session().unwrap()
}

fn empty_map() -> Session {
    Session { details: example_map().details, ..Session::default() }
}

#[test]
fn snapshot_empty_map_light() {
    map_snapshot_harness(&empty_map(), egui::Theme::Light).0.snapshot("needs_map_empty_light");
}

#[test]
fn snapshot_empty_map_dark() {
    map_snapshot_harness(&empty_map(), egui::Theme::Dark).0.snapshot("needs_map_empty_dark");
}

#[test]
fn snapshot_full_map_light() {
    map_snapshot_harness(&example_map(), egui::Theme::Light).0.snapshot("needs_map_full_light");
}

#[test]
fn snapshot_full_map_dark() {
    map_snapshot_harness(&example_map(), egui::Theme::Dark).0.snapshot("needs_map_full_dark");
}

/// The example map as the app draws it with a wgpu renderer: `on_the_card` keeps the mesh of
/// links and dots on the graphics card (as `main` sets up), otherwise egui draws it as a shape.
fn map_rendered(on_the_card: bool) -> (u32, u32, Vec<u8>) {
    let (_folder, config) = example_map_config();
    // Tiles made on their own thread each ask for a frame when done (the wheel's too, shown first,
    // before the map's tab is opened): on a busy machine they can arrive over more frames than
    // kittest's default four, each a frame asked for at once. There are a dozen or so at most.
    let builder = Harness::builder().with_size(vec2(1280.0, 800.0)).with_max_steps(64);
    let mut harness = builder.wgpu().build_eframe(move |cc| {
        if on_the_card {
            let render_state = cc.wgpu_render_state.as_ref().expect("a wgpu renderer");
            gpu_links::install(&cc.egui_ctx, render_state);
        }
        CommonGroundApp::new(&cc.egui_ctx, config)
    });
    show_opened_map(&mut harness, egui::Theme::Light);
    let image = harness.render().unwrap();
    (image.width(), image.height(), image.into_raw())
}

#[test]
fn links_drawn_from_the_graphics_card_look_as_egui_draws_them() {
    let (width, height, on_the_card) = map_rendered(true);
    let (_, _, by_egui) = map_rendered(false);
    let differing = on_the_card
        .chunks_exact(4)
        .zip(by_egui.chunks_exact(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(a, b)| a.abs_diff(*b) > 48))
        .count();
    let pixels = (width * height) as usize;
    // Only the edges of the dots differ: the card draws them as polygons, egui from discs kept in
    // its font texture. Links missing, misplaced or miscoloured would differ over tens of
    // thousands of pixels.
    assert!(differing * 1000 < pixels, "{differing} of {pixels} pixels differ between the card's links and egui's");
}

/// The example map as kittest's wgpu renderer draws it, painted live or (`kept`) from the kept
/// tiles the app uses where glow draws the window, after panning it by dragging its background
/// by `pan`; and how many textures egui holds (each kept tile is one).
fn map_drawn_live_or_kept(kept: bool, pan: Vec2) -> (Vec<u8>, usize) {
    // Every tile made in the frame it is needed, so the picture is complete at once.
    let settings = kept.then_some(kept_tiles::Settings { budget: std::time::Duration::MAX, in_background: false });
    let (mut harness, _folder) = example_map_harness(settings);
    if pan != Vec2::ZERO {
        let canvas = harness.get_by_role(Role::Canvas).rect();
        let corner = canvas.left_top() + vec2(8.0, 8.0);
        drag(&mut harness, corner, corner + pan);
        harness.remove_cursor();
        harness.run();
    }
    harness.run();
    let textures = harness.ctx.tex_manager().read().num_allocated();
    (harness.render().unwrap().into_raw(), textures)
}

/// The app with the example map open, drawn by kittest's wgpu renderer, its map kept as tiles
/// with `settings` if given.
fn example_map_harness(
    settings: Option<kept_tiles::Settings>,
) -> (Harness<'static, CommonGroundApp>, tempfile::TempDir) {
    let (folder, config) = example_map_config();
    // Tiles made on their own thread each ask for a frame when done (the wheel's too, shown first,
    // before the map's tab is opened): on a busy machine they can arrive over more frames than
    // kittest's default four, each a frame asked for at once. There are a dozen or so at most.
    let builder = Harness::builder().with_size(vec2(1280.0, 800.0)).with_max_steps(64);
    let mut harness = builder.wgpu().build_eframe(move |cc| {
        if let Some(settings) = settings {
            kept_tiles::install(&cc.egui_ctx, settings);
        }
        CommonGroundApp::new(&cc.egui_ctx, config)
    });
    show_opened_map(&mut harness, egui::Theme::Light);
    (harness, folder)
}

/// How many pixels differ by more than `tolerance` in any channel.
fn pixels_differing(a: &[u8], b: &[u8], tolerance: u8) -> usize {
    assert_eq!(a.len(), b.len());
    a.chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(a, b)| a.abs_diff(*b) > tolerance))
        .count()
}

#[test]
fn the_map_kept_as_tiles_looks_as_the_map_painted_live() {
    for pan in [Vec2::ZERO, vec2(-300.0, 60.0)] {
        let (live, live_textures) = map_drawn_live_or_kept(false, pan);
        let (kept, kept_textures) = map_drawn_live_or_kept(true, pan);
        // The canvas (some 1000 by 700 pixels) takes several 512-pixel tiles, and the ones
        // around it are made ahead: if the map were painted live there would be none.
        assert!(
            kept_textures >= live_textures + 4,
            "panned by {pan:?}: {kept_textures} textures kept as tiles against {live_textures} painted live"
        );
        let pixels = live.len() / 4;
        // Small differences of rounding and of the edges' coverage are allowed (egui's wgpu
        // renderer against the tiles' rasteriser); a tile missing, misplaced or resampled, or
        // a layer left out, would differ over thousands of pixels.
        let differing = pixels_differing(&live, &kept, 16);
        assert!(differing * 10_000 < pixels, "panned by {pan:?}: {differing} of {pixels} pixels differ");
        let roughly = pixels_differing(&live, &kept, 4);
        assert!(roughly * 1000 < pixels, "panned by {pan:?}: {roughly} of {pixels} pixels differ by more than 4");
    }
}

#[test]
fn tiles_made_in_the_background_arrive_and_look_as_tiles_made_at_once() {
    let (at_once, _) = map_drawn_live_or_kept(true, Vec2::ZERO);
    let settings = kept_tiles::Settings { budget: kept_tiles::FRAME_BUDGET, in_background: true };
    let (mut harness, _folder) = example_map_harness(Some(settings));
    // Frames go on while a thread of its own makes the tiles; it asks for a frame as each is
    // done. Until the canvas's tiles are all there the map is painted live, which differs from
    // the tiles' rasteriser in a few pixels' last bits.
    let started = std::time::Instant::now();
    loop {
        harness.step();
        if harness.render().unwrap().into_raw() == at_once {
            break;
        }
        assert!(started.elapsed().as_secs() < 60, "the tiles made in the background never showed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Every rectangle of the panels' fill colour the frame paints, taken out of nested shape lists.
fn panel_fill_rects(shapes: &[egui::epaint::ClippedShape], fill: egui::Color32) -> Vec<egui::Rect> {
    rects_where(shapes, |rect| rect.fill == fill)
}

/// The rectangles among `shapes` (within lists of shapes too) that `wanted` picks.
fn rects_where(
    shapes: &[egui::epaint::ClippedShape],
    wanted: impl Fn(&egui::epaint::RectShape) -> bool,
) -> Vec<egui::Rect> {
    fn walk(shape: &egui::Shape, wanted: &dyn Fn(&egui::epaint::RectShape) -> bool, rects: &mut Vec<egui::Rect>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|shape| walk(shape, wanted, rects)),
            egui::Shape::Rect(rect) if wanted(rect) => rects.push(rect.rect),
            _ => {}
        }
    }
    let mut rects = Vec::new();
    for clipped in shapes {
        walk(&clipped.shape, &wanted, &mut rects);
    }
    rects
}

#[test]
fn no_part_of_the_window_is_filled_with_the_panels_colour_twice() {
    // On a computer without a graphics card every pixel painted costs the processor: the map's
    // answers panel and key used to paint the panels' colour again over the central panel's.
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let (mut harness, _folder) = map_snapshot_harness(&example_map(), theme);
        harness.run();
        let fill = harness.ctx.global_style().visuals.panel_fill;
        let rects = panel_fill_rects(&harness.output().shapes, fill);
        let screen = harness.ctx.content_rect();
        let painted: f32 = rects.iter().map(|rect| rect.intersect(screen).area()).sum();
        assert!(painted > 0.3 * screen.area(), "{theme:?}: the panels' fill is found ({painted} of {})", screen.area());
        for (index, first) in rects.iter().enumerate() {
            for second in &rects[index + 1..] {
                let both = first.intersect(*second);
                let overlap = if both.is_positive() { both.area() } else { 0.0 };
                assert!(overlap < 50.0, "{theme:?}: {first:?} and {second:?} both fill {overlap} points²");
            }
        }
    }
}

/// The rectangles outlined in `colour` among `shapes`.
fn rects_outlined_in(shapes: &[egui::epaint::ClippedShape], colour: egui::Color32) -> Vec<egui::Rect> {
    rects_where(shapes, |rect| rect.stroke.color == colour && rect.stroke.width > 0.0)
}

#[test]
fn only_the_selected_card_is_ringed_in_the_selection_colour_wherever_the_pointer_rests() {
    // The pointer left resting on one card while another is selected (with the keyboard, say)
    // used to ring both in the selection's colour, so the map seemed to have two selected.
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let (mut harness, _folder) = map_snapshot_harness(&example_map(), theme);
        let selection = common_ground::canvas::map::style::MapPalette::for_theme(theme == egui::Theme::Dark).selection;
        let young_carers = note_widget_rect(&harness, "Need: Young carers stressed");
        let debt = note_widget_rect(&harness, "Need: Debt and benefit worries");
        harness.get_by_label_contains("Need: Young carers stressed").click();
        harness.run();
        harness.hover_at(debt.center());
        harness.run();
        let rings = rects_outlined_in(&harness.output().shapes, selection);
        let around = |card: egui::Rect| {
            rings.iter().filter(|ring| ring.contains_rect(card) && card.expand(8.0).contains_rect(**ring)).count()
        };
        assert_eq!(around(young_carers), 1, "{theme:?}: the selected card is ringed: {rings:?}");
        assert_eq!(around(debt), 0, "{theme:?}: the card under the pointer is not ringed as selected: {rings:?}");
    }
}

#[test]
fn where_the_window_is_cleared_to_the_panels_colour_the_panels_paint_none_of_it() {
    // With glow (no graphics card) eframe clears the window to the panels' colour before each
    // frame, so the menu bars and the central panel need not shade a million pixels of it again.
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let (mut harness, _folder) = map_snapshot_harness(&example_map(), theme);
        common_ground::ui::install_cleared_to_panel_fill(&harness.ctx);
        harness.run();
        let visuals = harness.ctx.global_style().visuals.clone();
        let fill = visuals.panel_fill;
        let clear = eframe::App::clear_color(harness.state(), &visuals);
        assert_eq!(clear, fill.to_normalized_gamma_f32(), "{theme:?}: the window is cleared to the panels' colour");
        let screen = harness.ctx.content_rect();
        let painted: f32 =
            panel_fill_rects(&harness.output().shapes, fill).iter().map(|rect| rect.intersect(screen).area()).sum();
        assert!(
            painted < 0.02 * screen.area(),
            "{theme:?}: {painted} of {} points² painted the panels' fill",
            screen.area()
        );
    }
}
