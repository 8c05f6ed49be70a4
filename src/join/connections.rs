//! Accepting connections so that no client can hold the room's door shut or use up the
//! laptop's open files.
//!
//! Each connection is served by hyper's HTTP/1 directly (rather than `axum::serve`, which sets
//! no timeouts) with a header timeout that also bounds how long a kept-alive connection may sit
//! idle, a lifetime after which it is closed once its request in flight is answered, and a cap
//! on how many are open at once. When the cap is reached, the connection that has gone longest
//! without a request in flight is closed to make way, so hundreds of idle or slow connections
//! cannot shut a phone out, and the server never holds more than the cap's worth of the
//! process's open files. (Request bodies have their own timeout where forms are read.)

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt as _;

/// How long a connection past its lifetime (or the server stopping) has to finish its answer.
const FINISH_GRACE: Duration = Duration::from_secs(2);
/// After a failed accept (most likely the process is out of files), wait this long before the
/// next, rather than spinning.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// How the server treats connections.
#[derive(Clone, Copy, Debug)]
pub(super) struct ConnectionLimits {
    /// The most open at once.
    pub(super) max_connections: usize,
    /// How long headers (and idling between requests) may take.
    pub(super) header_timeout: Duration,
    /// How long one connection is kept.
    pub(super) lifetime: Duration,
}

/// One open connection as the accept loop sees it.
struct Tracked {
    /// Requests being handled on it now.
    in_flight: Arc<AtomicUsize>,
    /// Told when it must close to make way.
    close: Arc<Notify>,
}

/// The open connections, oldest first (their keys count up).
#[derive(Default)]
struct Open {
    connections: BTreeMap<u64, Tracked>,
    next: u64,
}

impl Open {
    /// Close one connection to make way: the oldest with no request in flight, or failing that
    /// the oldest (a request that slow is most likely someone holding the door).
    fn make_way(&mut self) {
        let victim = self
            .connections
            .iter()
            .find(|(_, tracked)| tracked.in_flight.load(Ordering::Relaxed) == 0)
            .or_else(|| self.connections.iter().next())
            .map(|(key, _)| *key);
        if let Some(tracked) = victim.and_then(|key| self.connections.remove(&key)) {
            tracked.close.notify_one();
        }
    }
}

/// Removes a connection from the open list when its task ends, however it ends.
struct Registration {
    open: Arc<Mutex<Open>>,
    key: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).connections.remove(&self.key);
    }
}

/// Counts a request in flight on its connection while it lives.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn start(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Self(count.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Accept and serve connections until `stop` is notified; connections still open then get
/// [`FINISH_GRACE`] to finish before the runtime drops them.
pub(super) async fn serve(listener: TcpListener, app: Router, limits: ConnectionLimits, stop: Arc<Notify>) {
    let open = Arc::new(Mutex::new(Open::default()));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
    let (stopping, stopped) = tokio::sync::watch::channel(false);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = stop.notified() => break,
        };
        let Ok((stream, peer)) = accepted else {
            tokio::time::sleep(ACCEPT_RETRY).await;
            continue;
        };
        let (registration, in_flight, close) = {
            let mut list = open.lock().unwrap_or_else(PoisonError::into_inner);
            while list.connections.len() >= limits.max_connections.max(1) {
                list.make_way();
            }
            let key = list.next;
            list.next += 1;
            let tracked = Tracked { in_flight: Arc::new(AtomicUsize::new(0)), close: Arc::new(Notify::new()) };
            let handles = (tracked.in_flight.clone(), tracked.close.clone());
            list.connections.insert(key, tracked);
            (Registration { open: open.clone(), key }, handles.0, handles.1)
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let busy = InFlight::start(&in_flight);
            let app = app.clone();
            async move {
                let response = app.oneshot(request).await;
                drop(busy);
                response
            }
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let _registration = registration;
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                // Dropping the connection closes it at once.
                () = close.notified() => return,
                () = tokio::time::sleep(limits.lifetime) => {}
                _ = stopped.wait_for(|stopped| *stopped) => {}
            }
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(FINISH_GRACE, connection).await;
        });
    }
    let _ = stopping.send(true);
    drop(listener);
    // Idle connections close at once; answers in flight get a moment to finish.
    let _ = tokio::time::timeout(FINISH_GRACE, async {
        while !open.lock().unwrap_or_else(PoisonError::into_inner).connections.is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
}
