//! A real browser joins: headless Chromium, driven through chromedriver's `WebDriver` HTTP API,
//! opens the participant page, fills the forms, submits, and the note is in the session.
//!
//! Skips (with a message saying so) only when Chromium or chromedriver is not installed;
//! `.ci/install-system-packages` installs both, so on CI it always runs.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod phone;

use common_ground::join::{JoinLimits, RoomFocus};
use common_ground::model::{Organisation, Placement, Rgb, Sector, Session, WheelBand, WorkshopDetails};
use phone::TestRoom;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

fn installed(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(Path::new).find(|path| path.exists()).map(Path::to_owned)
}

/// chromedriver, and a `WebDriver` session of headless Chromium; both end when this is dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_mins(1)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while agent.get(format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--window-size=390,844",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let mut browser = Self { driver, base, session: String::new(), agent, _profile: profile };
        let created = browser.call("POST", "/session", Some(capabilities));
        browser.session = created["sessionId"].as_str().expect("a WebDriver session").to_owned();
        browser
    }

    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, Value> {
        let url = format!("{}{path}", self.base);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string().as_bytes()),
        };
        let mut response = response.unwrap();
        let status = response.status();
        let value: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        if status.is_success() { Ok(value["value"].clone()) } else { Err(value) }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body).unwrap_or_else(|error| panic!("WebDriver {method} {path} failed: {error}"))
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn go(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({"url": url})));
    }

    fn find(&self, css: &str) -> String {
        let found = self.session_call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        match found[ELEMENT_KEY].as_str() {
            Some(element) => element.to_owned(),
            None => panic!("no element {css} ({found}) on {}:\n{}", self.current_url(), self.source()),
        }
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.session_call("POST", &format!("/element/{element}/value"), Some(json!({"text": text})));
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.session_call("POST", &format!("/element/{element}/click"), None);
    }

    /// Clicks a form's button and waits (up to ten seconds) until the page it posted to has
    /// replaced this one, so what is read next is never the old page's.
    fn submit(&self, css: &str) {
        let button = self.find(css);
        self.session_call("POST", &format!("/element/{button}/click"), None);
        let deadline = Instant::now() + Duration::from_secs(10);
        // The old page's button goes stale once the new page is in.
        while self.try_call_in_session("GET", &format!("/element/{button}/name"), None).is_ok() {
            assert!(Instant::now() < deadline, "{css} did not lead to a new page from {}", self.current_url());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The text of the element `css` picks, waiting (up to ten seconds) for a page that has it:
    /// after a click that submits a form, the next page may still be loading.
    fn text_of(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .try_call_in_session("POST", "/element", Some(json!({"using": "css selector", "value": css})))
                .ok()
                .and_then(|found| found[ELEMENT_KEY].as_str().map(str::to_owned));
            if let Some(element) = found
                && let Ok(text) = self.try_call_in_session("GET", &format!("/element/{element}/text"), None)
            {
                return text.as_str().unwrap_or_default().to_owned();
            }
            assert!(Instant::now() < deadline, "no element {css} on {}", self.current_url());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn try_call_in_session(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, Value> {
        self.try_call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn source(&self) -> String {
        self.session_call("GET", "/source", None).as_str().unwrap().to_owned()
    }

    fn current_url(&self) -> String {
        self.session_call("GET", "/url", None).as_str().unwrap().to_owned()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.agent.delete(format!("{}/session/{}", self.base, self.session)).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn headless_chromium_joins_and_adds_a_note() {
    let (Some(chromium), Some(chromedriver)) = (
        installed(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]),
        installed(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]),
    ) else {
        eprintln!(
            "SKIPPED headless_chromium_joins_and_adds_a_note: Chromium and chromedriver are not installed \
             (apt-get install chromium chromium-driver, as .ci/install-system-packages does)."
        );
        return;
    };
    let mut session =
        Session::new_workshop(WorkshopDetails { title: "Knowle West partners".into(), ..Default::default() });
    session.organisations.push(Organisation::new("Knowle West Health Park", Sector::Community, Rgb::new(20, 90, 200)));
    let organisation = session.organisations[0].id;
    let prompt = session.wheel.prompts[1].clone();
    let focus = RoomFocus::Wheel { prompt: prompt.key.clone(), question: prompt.question.clone() };
    let room = TestRoom::start(session, JoinLimits::default(), Some(focus));
    let browser = Browser::start(&chromium, &chromedriver);

    // As the QR code does: the address with the room code filled in.
    browser.go(&format!("{}/?code={}", room.base, room.code));
    browser.submit("form[action='/join'] button");
    assert_eq!(browser.text_of("h2"), "About you");
    assert!(browser.current_url().ends_with("/about-you"), "{}", browser.current_url());
    browser.click(&format!("#organisation option[value='{organisation}']"));
    browser.type_into("#name", "Rosa");
    browser.submit("form[action='/about-you'] button");

    assert!(browser.text_of(".question").contains(&prompt.question), "the page asks the prompt of the moment");
    browser.type_into("#text", "Young carers could run the Saturday drop-in");
    assert!(browser.text_of("#text-left").ends_with("characters left"), "the inline script counts characters");
    browser.click("input[name='kind'][value='opportunity']");
    browser.submit("form[action='/notes'] button");

    assert!(browser.text_of(".notice").contains("Your note is in"));
    assert!(
        browser.text_of("ul.notes").contains("Young carers could run the Saturday drop-in"),
        "their own note is listed"
    );
    let session = room.session();
    assert_eq!(session.notes.len(), 1);
    let note = &session.notes[0];
    assert_eq!(note.text, "Young carers could run the Saturday drop-in");
    assert_eq!(note.placement, Placement::Wheel { prompt: prompt.key.clone(), band: WheelBand::Opportunity });
    assert_eq!((note.author.as_deref(), note.organisation), (Some("Rosa"), Some(organisation)));

    // Withdrawing from the browser takes the note out of the workshop again.
    browser.submit(&format!("form[action='/notes/{}/withdraw'] button", note.id));
    assert!(browser.text_of(".notice").contains("withdrawn"));
    assert!(room.session().notes.is_empty());
}
