//! The HTTP server phones talk to: axum routes served by hyper on a small tokio runtime on a
//! thread of its own, owned by a [`JoinServer`] handle. It listens only on the address the
//! facilitator chose and only while the handle lives; dropping the handle stops it.
//!
//! The server never changes the workshop. It checks each request (room code, device token,
//! rate limits, sizes, the form's fields; see [`routes`](super::routes)), then hands the change
//! to the session's owner as a [`JoinRequest`] and waits for the outcome, so a phone that is
//! told "your note is in" can rely on it being in the workshop. Who may join is decided by the
//! [`gate`](super::gate) and [`devices`](super::devices); connections are accepted under the
//! timeouts and cap of [`connections`](super::connections).

use super::connections::{self, ConnectionLimits};
use super::devices::{DeviceId, Devices};
use super::gate::Gate;
use super::safety::{JoinLimits, new_room_code, normalise_room_code};
use super::{JoinRequest, RoomSnapshot, routes};
use crate::model::NoteId;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The cookie that carries a phone's device token.
pub const DEVICE_COOKIE: &str = "cg_device";

/// Where and how to run the server.
#[derive(Clone, Debug)]
pub struct JoinConfig {
    /// The address to listen on: the chosen interface's address and a port (0 for any free one).
    pub bind: SocketAddr,
    /// The room's limits.
    pub limits: JoinLimits,
    /// The room code; `None` for a fresh random one.
    pub room_code: Option<String>,
}

impl JoinConfig {
    /// Listen on `bind` with the default limits and a random room code.
    pub fn new(bind: SocketAddr) -> Self {
        Self { bind, limits: JoinLimits::default(), room_code: None }
    }
}

/// Why joining could not start.
#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    /// The address could not be listened on (taken, or no longer this computer's).
    #[error("Couldn't listen on {address}: {source}")]
    Listen {
        /// The address.
        address: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server's thread or runtime could not be started.
    #[error("Couldn't start the joining server: {0}")]
    Start(std::io::Error),
}

/// A phone that has joined, as the console lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinedDevice {
    /// Which phone, for removing what it sent.
    pub device: DeviceId,
    /// The organisation they chose or typed, in words.
    pub organisation: String,
    /// Their name, if they gave one.
    pub name: Option<String>,
    /// How many notes they have sent.
    pub notes: usize,
    /// How long since the phone last asked for anything.
    pub idle: Duration,
}

/// What every request handler shares.
pub(super) struct Room {
    pub(super) code: String,
    pub(super) limits: JoinLimits,
    pub(super) snapshot: Mutex<Arc<RoomSnapshot>>,
    pub(super) devices: Mutex<Devices>,
    pub(super) gate: Mutex<Gate>,
    /// While set, no new phone may join (those already in carry on).
    pub(super) paused: AtomicBool,
    pub(super) to_owner: Sender<JoinRequest>,
    pub(super) wake: Arc<dyn Fn() + Send + Sync>,
}

/// Locks shared state; a handler that panicked while holding a lock leaves plain data behind,
/// still usable.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Room {
    /// What phones may see now.
    pub(super) fn snapshot(&self) -> Arc<RoomSnapshot> {
        lock(&self.snapshot).clone()
    }
}

/// The running server. Dropping it stops the server and waits (briefly) for it to finish.
pub struct JoinServer {
    address: SocketAddr,
    room: Arc<Room>,
    stop: Arc<tokio::sync::Notify>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl JoinServer {
    /// Start listening. Returns the server and the channel its changes arrive on; `wake` is
    /// called after each change is sent.
    pub fn start(
        config: JoinConfig,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<(Self, Receiver<JoinRequest>), JoinError> {
        // Bound here, not on the server's thread, so a taken port is reported to the caller.
        let listener = std::net::TcpListener::bind(config.bind)
            .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
            .map_err(|source| JoinError::Listen { address: config.bind, source })?;
        let address = listener.local_addr().map_err(|source| JoinError::Listen { address: config.bind, source })?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(JoinError::Start)?;
        let (to_owner, requests) = std::sync::mpsc::channel();
        let now = Instant::now();
        let limits = config.limits;
        let connection_limits = ConnectionLimits {
            max_connections: limits.max_connections,
            header_timeout: limits.header_timeout,
            lifetime: limits.connection_lifetime,
        };
        let room = Arc::new(Room {
            code: config.room_code.map_or_else(new_room_code, |code| normalise_room_code(&code)),
            devices: Mutex::new(Devices::new(&limits, now)),
            gate: Mutex::new(Gate::new(&limits, now)),
            paused: AtomicBool::new(false),
            limits,
            snapshot: Mutex::new(Arc::new(RoomSnapshot::default())),
            to_owner,
            wake,
        });
        let app = routes::router(room.clone());
        let stop = Arc::new(tokio::sync::Notify::new());
        let stopped = stop.clone();
        let thread = std::thread::Builder::new()
            .name("join server".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                    connections::serve(listener, app, connection_limits, stopped).await;
                });
                // Dropping the runtime drops whatever connections are left (a phone holding one
                // open must not keep the laptop listening).
            })
            .map_err(JoinError::Start)?;
        Ok((Self { address, room, stop, thread: Some(thread) }, requests))
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The room code.
    pub fn room_code(&self) -> &str {
        &self.room.code
    }

    /// Replace what phones see of the workshop.
    pub fn publish(&self, snapshot: RoomSnapshot) {
        *lock(&self.room.snapshot) = Arc::new(snapshot);
    }

    /// The phones that have joined and said who they are (idle ones past their expiry are
    /// forgotten first).
    pub fn people(&self) -> Vec<JoinedDevice> {
        let snapshot = self.room.snapshot();
        let now = Instant::now();
        let mut devices = lock(&self.room.devices);
        devices.expire(&self.room.limits, now);
        devices.people(&snapshot, now)
    }

    /// Stop or let again new phones join; phones already in carry on either way.
    pub fn set_paused(&self, paused: bool) {
        self.room.paused.store(paused, Ordering::Relaxed);
    }

    /// Whether joining is paused.
    pub fn is_paused(&self) -> bool {
        self.room.paused.load(Ordering::Relaxed)
    }

    /// Sign a phone out (its cookie stops working) and return the notes it sent.
    pub fn sign_out(&self, device: DeviceId) -> Vec<NoteId> {
        lock(&self.room.devices).remove(device)
    }
}

impl Drop for JoinServer {
    fn drop(&mut self) {
        // `notify_one` keeps the wake-up even if the loop is not waiting at this instant.
        self.stop.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
