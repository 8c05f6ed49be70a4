//! A room run headless for tests and benchmarks: the joining server on 127.0.0.1 with an
//! ephemeral port, a "session owner" thread that applies what phones send exactly as the app
//! does, and a small HTTP client playing a phone.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    reason = "shared test helpers: each test file uses some of them, and stops at the first thing not as expected"
)]

use common_ground::join::{HeadlessOwner, JoinConfig, JoinHost, JoinLimits, RoomFocus, SessionOwner};
use common_ground::model::Session;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

type Job<O> = Box<dyn FnOnce(&mut JoinHost, &mut O) + Send>;

/// A running room: the server and the thread that owns the session (a [`HeadlessOwner`]
/// unless the test brings its own).
pub struct TestRoom<O = HeadlessOwner> {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The room code.
    pub code: String,
    jobs: Option<Sender<Job<O>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestRoom {
    /// Start a room for `session` with `limits`, asking about `focus`.
    pub fn start(session: Session, limits: JoinLimits, focus: Option<RoomFocus>) -> Self {
        Self::start_with(HeadlessOwner { session, ..HeadlessOwner::default() }, limits, focus)
    }
}

impl<O: SessionOwner + Send + 'static> TestRoom<O> {
    /// Start a room whose session `owner` holds.
    pub fn start_with(mut owner: O, limits: JoinLimits, focus: Option<RoomFocus>) -> Self {
        let (jobs, job_queue) = channel::<Job<O>>();
        let (ready, started) = channel();
        let thread = std::thread::spawn(move || {
            let (wake, woken) = channel::<()>();
            let config = JoinConfig { bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), limits, room_code: None };
            let mut host = JoinHost::start(
                config,
                Arc::new(move || {
                    let _ = wake.send(());
                }),
            )
            .unwrap();
            host.publish(owner.session(), focus);
            ready.send((host.short_address(), host.room_code().to_owned())).unwrap();
            loop {
                match job_queue.try_recv() {
                    Ok(job) => job(&mut host, &mut owner),
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
                    Err(std::sync::mpsc::TryRecvError::Empty) => {}
                }
                let _ = woken.recv_timeout(Duration::from_millis(2));
                host.handle_requests(&mut owner);
            }
        });
        let (base, code) = started.recv().unwrap();
        Self { base, code, jobs: Some(jobs), thread: Some(thread) }
    }

    /// Run something on the owner's thread, with the host and the session.
    pub fn with<R: Send + 'static>(&self, job: impl FnOnce(&mut JoinHost, &mut O) -> R + Send + 'static) -> R {
        let (answer, answered) = channel();
        let job: Job<O> = Box::new(move |host, owner| drop(answer.send(job(host, owner))));
        self.jobs.as_ref().unwrap().send(job).unwrap();
        answered.recv().unwrap()
    }

    /// The session as it is now.
    pub fn session(&self) -> Session {
        self.with(|_, owner| owner.session().clone())
    }

    /// A new phone pointed at this room.
    pub fn phone(&self) -> Phone {
        Phone::new(&self.base)
    }

    /// A phone that has joined with the right code and said who it is.
    pub fn joined_phone(&self, organisation: &str, name: &str) -> Phone {
        let mut phone = self.phone();
        assert_eq!(phone.post_form("/join", &[("code", &self.code)]).status, 303);
        let about = phone.post_form("/about-you", &[("organisation", organisation), ("name", name), ("other", "")]);
        assert_eq!(about.status, 303, "{}", about.body);
        phone
    }
}

impl<O> Drop for TestRoom<O> {
    fn drop(&mut self) {
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One answer from the server.
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Where a redirect points.
    pub location: Option<String>,
    /// The page.
    pub body: String,
    /// The Retry-After header.
    pub retry_after: Option<String>,
}

/// A phone: an HTTP client that keeps the device cookie and does not follow redirects, so the
/// tests see each answer.
pub struct Phone {
    agent: ureq::Agent,
    base: String,
    /// The device cookie, once joined.
    pub cookie: Option<String>,
}

impl Phone {
    /// A phone with no cookie.
    pub fn new(base: &str) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Self { agent, base: base.to_owned(), cookie: None }
    }

    fn reply(&mut self, response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
        let mut response = response.unwrap();
        let header = |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
        if let Some(cookie) = header("set-cookie") {
            self.cookie = cookie.split(';').next().map(str::to_owned);
        }
        let location = header("location");
        let retry_after = header("retry-after");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        Reply { status, location, body, retry_after }
    }

    /// GET a path.
    pub fn get(&mut self, path: &str) -> Reply {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("Cookie", cookie);
        }
        let response = request.call();
        self.reply(response)
    }

    /// POST raw bytes with a content type.
    pub fn post_raw(&mut self, path: &str, content_type: &str, body: &[u8]) -> Reply {
        let mut request = self.agent.post(format!("{}{path}", self.base)).header("Content-Type", content_type);
        if let Some(cookie) = &self.cookie {
            request = request.header("Cookie", cookie);
        }
        let response = request.send(body);
        self.reply(response)
    }

    /// POST a form.
    pub fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = fields
            .iter()
            .map(|(name, value)| {
                format!(
                    "{}={}",
                    utf8_percent_encode(name, NON_ALPHANUMERIC),
                    utf8_percent_encode(value, NON_ALPHANUMERIC)
                )
            })
            .collect::<Vec<_>>()
            .join("&");
        self.post_raw(path, "application/x-www-form-urlencoded", body.as_bytes())
    }

    /// Add a note to the wheel (`kind` assumption or opportunity) on `prompt`.
    pub fn add_to_wheel(&mut self, text: &str, kind: &str, prompt: &str) -> Reply {
        self.post_form("/notes", &[("text", text), ("kind", kind), ("prompt", prompt)])
    }

    /// Add a note to the map (`kind` need or help).
    pub fn add_to_map(&mut self, text: &str, kind: &str) -> Reply {
        self.post_form("/notes", &[("text", text), ("kind", kind)])
    }
}
