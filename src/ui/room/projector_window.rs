//! The projector's own window: a deferred egui viewport (a second native window) that draws the
//! projection from a copy of what the console shows, handed over each frame. Keys pressed while
//! it has the keyboard come back to the console as commands.

use super::{ProjectedCanvas, Projection, ProjectorLook, RoomTimer, projection_ui, projector_viewport_id};
use crate::model::Session;
use crate::ui::commands::Command;
use crate::ui::join_panel::JoinInfo;
use crate::ui::map::NeedsMapState;
use crate::ui::vote::VoteOnCanvas;
use crate::ui::wheel::WheelView;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// What the projector window draws, and what it sends back.
#[derive(Default)]
pub struct ProjectorFeed {
    /// The workshop as the console has it.
    pub session: Session,
    /// The document revision `session` was copied at, so it is copied again only after a change.
    pub session_revision: Option<u64>,
    /// The canvas to show.
    pub canvas: ProjectedCanvas,
    /// The wheel as the console shows it (its own fit of the wheel).
    pub wheel: WheelView,
    /// The map as the console shows it (its own fit of the map).
    pub map: NeedsMapState,
    /// Light or dark, and the type size.
    pub look: ProjectorLook,
    /// The time box.
    pub timer: RoomTimer,
    /// The clock's time.
    pub now: Duration,
    /// The commands whose keys act now.
    pub available: Vec<Command>,
    /// Commands whose keys were pressed in the projector window, for the console to run.
    pub commands: Vec<Command>,
    /// Whether the window was asked to close.
    pub closed: bool,
    /// The join card, while joining from phones is open.
    pub join: Option<JoinInfo>,
    /// Which closed vote's totals the notes show.
    pub voting: VoteOnCanvas,
}

/// The feed shared between the console and the projector window.
pub type SharedFeed = Arc<Mutex<ProjectorFeed>>;

/// The feed, even if a panic elsewhere left its lock poisoned (the data is still whole: it is
/// replaced every frame).
pub fn lock(feed: &SharedFeed) -> MutexGuard<'_, ProjectorFeed> {
    feed.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Show (or keep showing) the projector window, drawing from `feed`.
pub fn show_projector_window(ctx: &egui::Context, feed: &SharedFeed, title: String) {
    let builder = egui::ViewportBuilder::default()
        .with_title(title)
        .with_app_id("common-ground-projector")
        .with_inner_size([1280.0, 720.0])
        .with_min_inner_size([480.0, 320.0]);
    let feed = Arc::clone(feed);
    ctx.show_viewport_deferred(projector_viewport_id(), builder, move |ui, _class| {
        let mut feed = lock(&feed);
        let feed = &mut *feed;
        if ui.input(|input| input.viewport().close_requested()) {
            feed.closed = true;
        }
        let available = &feed.available;
        if let Some(command) =
            ui.input_mut(|input| Command::from_shortcuts(input, false, |command| available.contains(&command)))
        {
            feed.commands.push(command);
        }
        if feed.closed || !feed.commands.is_empty() {
            ui.ctx().request_repaint_of(egui::ViewportId::ROOT);
        }
        egui::Frame::NONE.show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            projection_ui(
                ui,
                Projection {
                    session: &feed.session,
                    // Revisions start at 1, so 0 stands for the empty session before the first copy.
                    revision: feed.session_revision.unwrap_or(0),
                    canvas: feed.canvas,
                    wheel: &mut feed.wheel,
                    map: &mut feed.map,
                    look: feed.look,
                    timer: &feed.timer,
                    now: feed.now,
                    join: feed.join.as_ref(),
                    voting: feed.voting,
                },
            );
        });
    });
}
