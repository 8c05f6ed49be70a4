//! The server's routes: the pages phones get and the posts they send, each checked (room code,
//! device token, rate limits, sizes, the form's fields) before any change goes to the session's
//! owner.

use super::devices::{Full, Profile};
use super::gate::Door;
use super::page::{self, AboutYou, Writer};
use super::safety::{JoinLimits, normalise_room_code, same_secret};
use super::server::{DEVICE_COOKIE, Room, lock};
use super::{ChangeOutcome, FormError, FormFields, JoinRequest, PhoneChange, PhoneSpot};
use crate::model::{MapArc, NoteId, OrganisationId, WheelBand};
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long a phone waits for the facilitator's laptop to take its change before it is told the
/// change was sent and will show shortly.
const OWNER_ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// The routes, sharing `room`.
pub(super) fn router(room: Arc<Room>) -> Router {
    let body_limit = room.limits.max_body_bytes;
    Router::new()
        .route("/", get(home))
        .route("/join", post(join))
        .route("/about-you", get(about_you_form).post(about_you))
        .route("/notes", post(add_note))
        .route("/notes/{id}/edit", post(edit_note))
        .route("/notes/{id}/withdraw", post(withdraw_note))
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(room)
}

// ---- Responses ----

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // The page loads nothing from anywhere: only its own inline style and script.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

fn problem(status: StatusCode, title: &str, message: &str) -> Response {
    html(status, page::message_page(title, message, ("/", "Back to the workshop page")))
}

/// A refused request: its status and the words of the page that explains it. Kept small (the
/// page is only built when it is sent) so results that may carry one stay cheap to pass around.
struct Refusal {
    status: StatusCode,
    title: &'static str,
    message: String,
}

fn refuse(status: StatusCode, title: &'static str, message: &str) -> Refusal {
    Refusal { status, title, message: message.to_owned() }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        problem(self.status, self.title, &self.message)
    }
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn too_many(retry_after: Duration, message: &str) -> Response {
    let mut response = problem(StatusCode::TOO_MANY_REQUESTS, "Please slow down", message);
    if let Ok(value) = HeaderValue::from_str(&retry_after.as_secs().max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

fn not_joined() -> Response {
    problem(
        StatusCode::UNAUTHORIZED,
        "Join the room first",
        "This phone has not joined the room yet, or joining was restarted. Go back and type the room code.",
    )
}

async fn not_found() -> Response {
    problem(StatusCode::NOT_FOUND, "Page not found", "There is nothing at this address.")
}

async fn wrong_method() -> Response {
    problem(StatusCode::METHOD_NOT_ALLOWED, "Not like that", "This address does not take that kind of request.")
}

// ---- Reading requests ----

fn device_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .find_map(|cookie| cookie.trim().strip_prefix(DEVICE_COOKIE)?.strip_prefix('=').map(str::to_owned))
}

/// A post's form, read and checked: a handler taking it only runs for a well-formed form, and
/// every other body gets a page saying what is wrong with it.
struct PostedForm(FormFields);

impl FromRequest<Arc<Room>> for PostedForm {
    type Rejection = Response;

    async fn from_request(request: Request, room: &Arc<Room>) -> Result<Self, Response> {
        let headers = request.headers().clone();
        // A body that dribbles in is cut off, so a slow sender cannot hold a connection.
        let Ok(body) = tokio::time::timeout(room.limits.body_timeout, Bytes::from_request(request, room)).await else {
            return Err(problem(
                StatusCode::REQUEST_TIMEOUT,
                "That took too long",
                "The form took too long to arrive. Please try again.",
            ));
        };
        read_form(&headers, body, &room.limits).map(PostedForm).map_err(IntoResponse::into_response)
    }
}

/// The form in a post's body, or the response that says what is wrong with it.
fn read_form(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    limits: &JoinLimits,
) -> Result<FormFields, Refusal> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Too much at once",
                &format!(
                    "That was more than {} bytes. Notes are short: at most {} characters.",
                    limits.max_body_bytes, limits.max_note_chars
                ),
            )
        } else {
            refuse(
                StatusCode::BAD_REQUEST,
                "Something went wrong on the way",
                "The form did not arrive whole. Please try again.",
            )
        }
    })?;
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Not a form",
            "This address takes the page's own form. Please use the page.",
        ));
    }
    FormFields::parse(&body).map_err(|error| match error {
        FormError::NotUtf8 => refuse(
            StatusCode::BAD_REQUEST,
            "Unreadable text",
            "The text that arrived is not valid UTF-8, so it could not be read. Nothing was changed.",
        ),
        FormError::Malformed(how) => refuse(
            StatusCode::BAD_REQUEST,
            "The form is not right",
            &format!("The form could not be read: {how}. Nothing was changed."),
        ),
    })
}

fn malformed(how: &str) -> Refusal {
    refuse(
        StatusCode::BAD_REQUEST,
        "The form is not right",
        &format!("The form could not be read: {how}. Nothing was changed."),
    )
}

/// A note's text from a form, trimmed and checked against the cap.
fn note_text(fields: &FormFields, limits: &JoinLimits) -> Result<String, Refusal> {
    let typed = fields.required("text").map_err(|_| malformed("the note's text is missing"))?;
    // Control characters (other than line breaks and tabs) have no business on a sticky note and
    // could upset whatever later shows or exports it.
    let cleaned: String = typed
        .chars()
        .filter(|c| *c != '\r')
        .map(|c| if c.is_control() && c != '\n' && c != '\t' { ' ' } else { c })
        .collect();
    let text = cleaned.trim();
    if text.is_empty() {
        return Err(refuse(StatusCode::BAD_REQUEST, "Empty note", "The note was empty. Write something first."));
    }
    let length = text.chars().count();
    if length > limits.max_note_chars {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Note too long",
            &format!(
                "That note has {length} characters; notes can have at most {}. Nothing was added.",
                limits.max_note_chars
            ),
        ));
    }
    Ok(text.to_owned())
}

/// A short piece of text a participant typed (name, organisation), checked against the cap.
fn short_text(fields: &FormFields, name: &str, what: &str, limits: &JoinLimits) -> Result<Option<String>, Refusal> {
    match fields.optional(name) {
        Some(text) if text.chars().count() > limits.max_name_chars => Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Too long",
            &format!("{what} can have at most {} characters.", limits.max_name_chars),
        )),
        other => Ok(other.map(str::to_owned)),
    }
}

// ---- Handlers ----

async fn home(State(room): State<Arc<Room>>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let query = query.and_then(|query| FormFields::parse(query.as_bytes()).ok()).unwrap_or_default();
    let snapshot = room.snapshot();
    let token = device_token(&headers);
    let mut devices = lock(&room.devices);
    let device = match &token {
        Some(token) => devices.seen(token, &room.limits, Instant::now()),
        None => None,
    };
    let Some(device) = device else {
        return html(StatusCode::OK, page::code_page(query.optional("code").unwrap_or(""), None));
    };
    let Some(profile) = &device.profile else { return see_other("/about-you") };
    let notes =
        device.notes.iter().filter_map(|id| snapshot.phone_notes.get(id).map(|note| (*id, note.clone()))).collect();
    let described =
        format!("{}, {}", profile.about.name.as_deref().unwrap_or("anonymous"), profile.organisation_label(&snapshot));
    drop(devices);
    let notice = match query.optional("done") {
        Some("added") => Some("Your note is in. Thank you!"),
        Some("waiting") => Some("Your note is waiting for the facilitator to approve it."),
        Some("edited") => Some("Your change is saved."),
        Some("withdrawn") => Some("Your note has been withdrawn."),
        Some("sent") => Some("Your note was sent; it will appear in a moment."),
        _ => None,
    };
    html(StatusCode::OK, page::notes_page(&snapshot, &Writer { described, notes }, room.limits.max_note_chars, notice))
}

async fn join(
    State(room): State<Arc<Room>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PostedForm(fields): PostedForm,
) -> Response {
    let now = Instant::now();
    // A phone already in is sent on, and its code is not even looked at: only attempts
    // without a valid device cookie get a verdict, and each of those counts.
    if let Some(token) = device_token(&headers)
        && lock(&room.devices).seen(&token, &room.limits, now).is_some()
    {
        return see_other("/");
    }
    if room.paused.load(Ordering::Relaxed) {
        return problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "Joining is paused",
            "The facilitator has paused joining for now. Ask them, then try again.",
        );
    }
    let Ok(typed) = fields.required("code") else { return malformed("the room code is missing").into_response() };
    let door =
        lock(&room.gate).attempt(peer.ip(), &room.limits, now, || same_secret(&normalise_room_code(typed), &room.code));
    match door {
        Door::Right => {}
        Door::Wrong => {
            return html(
                StatusCode::FORBIDDEN,
                page::code_page(typed, Some("That is not the room code. Check the code on the screen and try again.")),
            );
        }
        // The same answer whether the code was right or wrong: a guesser learns nothing.
        Door::AddressLocked(wait) => {
            return too_many(
                wait,
                &format!(
                    "Too many wrong room codes from this device. Wait {}, then try again, or ask the facilitator.",
                    in_words(wait)
                ),
            );
        }
        Door::RoomLocked(wait) => {
            return too_many(
                wait,
                &format!("Too many wrong room codes in this room lately. Wait {}, then try again.", in_words(wait)),
            );
        }
    }
    let admitted = lock(&room.devices).admit(peer.ip(), &room.limits, now);
    let token = match admitted {
        Ok(token) => token,
        Err(Full::Room) => {
            return problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "The room is full",
                &format!(
                    "{} phones have joined already, the most this room takes. Ask the facilitator.",
                    room.limits.max_devices
                ),
            );
        }
        Err(Full::Address) => {
            return problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "Too many phones from here",
                &format!(
                    "{} phones have joined from this network address already, the most one address may have. \
                     Ask the facilitator.",
                    room.limits.max_devices_per_address
                ),
            );
        }
    };
    let mut response = see_other("/about-you");
    let cookie = format!("{DEVICE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// A wait in words, rounded up: "a minute", "4 minutes", "20 seconds".
fn in_words(wait: Duration) -> String {
    match wait.as_secs() {
        0..=59 => format!("{} seconds", wait.as_secs().max(1)),
        60..=119 => "a minute".to_owned(),
        seconds => format!("{} minutes", seconds.div_ceil(60)),
    }
}

async fn about_you_form(State(room): State<Arc<Room>>, headers: HeaderMap) -> Response {
    let snapshot = room.snapshot();
    let mut devices = lock(&room.devices);
    let Some(device) = device_token(&headers).and_then(|token| devices.seen(&token, &room.limits, Instant::now()))
    else {
        return not_joined();
    };
    let current = device.profile.clone().unwrap_or_default().about;
    html(StatusCode::OK, page::about_you_page(&snapshot, &current, None))
}

async fn about_you(State(room): State<Arc<Room>>, headers: HeaderMap, PostedForm(fields): PostedForm) -> Response {
    let Some(token) =
        device_token(&headers).filter(|token| lock(&room.devices).seen(token, &room.limits, Instant::now()).is_some())
    else {
        return not_joined();
    };
    let snapshot = room.snapshot();
    let Ok(chosen) = fields.required("organisation") else {
        return malformed("the organisation is missing").into_response();
    };
    let (name, other) = match (
        short_text(&fields, "name", "A name", &room.limits),
        short_text(&fields, "other", "An organisation's name", &room.limits),
    ) {
        (Ok(name), Ok(other)) => (name, other),
        (Err(refusal), _) | (_, Err(refusal)) => return refusal.into_response(),
    };
    let about = match chosen {
        "none" => AboutYou { organisation: None, other_organisation: None, name },
        "other" => AboutYou { organisation: None, other_organisation: other, name },
        id => {
            let known = uuid::Uuid::parse_str(id)
                .ok()
                .map(OrganisationId)
                .filter(|id| snapshot.organisations.iter().any(|(org, _)| org == id));
            let Some(organisation) = known else {
                return html(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    page::about_you_page(
                        &snapshot,
                        &AboutYou { name, ..AboutYou::default() },
                        Some("That organisation is not on this workshop's list. Choose one from the list, or Other."),
                    ),
                );
            };
            AboutYou { organisation: Some(organisation), other_organisation: None, name }
        }
    };
    let mut devices = lock(&room.devices);
    let Some(device) = devices.seen(&token, &room.limits, Instant::now()) else { return not_joined() };
    device.profile = Some(Profile { about });
    see_other("/")
}

/// Check the device, its profile and the rate limits, then send a change to the owner and turn
/// its outcome into a response.
async fn send_change(
    room: &Room,
    headers: &HeaderMap,
    fields: FormFields,
    make: impl FnOnce(&FormFields, &Profile, &mut Vec<NoteId>) -> Result<(PhoneChange, &'static str), Refusal>,
) -> Response {
    let Some(token) = device_token(headers) else { return not_joined() };
    let (change, done) = {
        let now = Instant::now();
        let mut devices = lock(&room.devices);
        let profile = {
            let Some(device) = devices.seen(&token, &room.limits, now) else { return not_joined() };
            let Some(profile) = device.profile.clone() else { return see_other("/about-you") };
            if let Err(wait) = device.limit.take(now) {
                return too_many(wait, "That is a lot of notes in a short time. Wait a moment, then send it again.");
            }
            profile
        };
        if let Err(wait) = devices.room_limit.take(now) {
            return too_many(wait, "Everyone is writing at once. Wait a moment, then send it again.");
        }
        let Some(device) = devices.by_token.get_mut(&token) else { return not_joined() };
        match make(&fields, &profile, &mut device.notes) {
            Ok(made) => made,
            Err(refusal) => return refusal.into_response(),
        }
    };
    let (reply, outcome) = tokio::sync::oneshot::channel();
    if room.to_owner.send(JoinRequest { change, reply }).is_err() {
        return problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "Joining has closed",
            "The workshop is no longer taking notes.",
        );
    }
    (room.wake)();
    match tokio::time::timeout(OWNER_ANSWER_TIMEOUT, outcome).await {
        Ok(Ok(ChangeOutcome::Applied)) => see_other(&format!("/?done={done}")),
        Ok(Ok(ChangeOutcome::Waiting)) => see_other("/?done=waiting"),
        Ok(Ok(ChangeOutcome::Refused(reason))) => problem(StatusCode::CONFLICT, "That did not work", &reason),
        Ok(Err(_)) => {
            problem(StatusCode::SERVICE_UNAVAILABLE, "Joining has closed", "The workshop is no longer taking notes.")
        }
        Err(_) => see_other("/?done=sent"),
    }
}

async fn add_note(State(room): State<Arc<Room>>, headers: HeaderMap, PostedForm(fields): PostedForm) -> Response {
    let snapshot = room.snapshot();
    let limits = room.limits.clone();
    send_change(&room, &headers, fields, |fields, profile, notes| {
        let text = note_text(fields, &limits)?;
        let kind = fields.required("kind").map_err(|_| malformed("it does not say what kind of note this is"))?;
        let band = match kind {
            "assumption" => Some(WheelBand::Assumption),
            "opportunity" => Some(WheelBand::Opportunity),
            "need" | "help" => None,
            _ => return Err(malformed("the kind of note must be assumption, opportunity, need or help")),
        };
        let spot = match band {
            Some(band) => {
                let prompt = fields.required("prompt").map_err(|_| malformed("it does not say which question"))?;
                if !snapshot.prompts.iter().any(|(key, _)| key == prompt) {
                    return Err(refuse(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "That question has gone",
                        "That question is not on the wheel any more. Nothing was added.",
                    ));
                }
                PhoneSpot::Wheel { prompt: prompt.to_owned(), band }
            }
            None => PhoneSpot::Map(if kind == "need" { MapArc::Need } else { MapArc::Help }),
        };
        let id = NoteId::new_random();
        notes.push(id);
        let change =
            PhoneChange::Add { id, text, author: profile.author(), organisation: profile.about.organisation, spot };
        Ok((change, "added"))
    })
    .await
}

/// The id in a note's address, if it names one of this phone's notes.
fn own_note(id: &str, notes: &[NoteId]) -> Result<NoteId, Refusal> {
    let id = uuid::Uuid::parse_str(id)
        .map(NoteId)
        .map_err(|_| refuse(StatusCode::NOT_FOUND, "No such note", "There is no note at this address."))?;
    if notes.contains(&id) {
        Ok(id)
    } else {
        Err(refuse(StatusCode::FORBIDDEN, "Not your note", "You can only change notes written on this phone."))
    }
}

async fn edit_note(
    State(room): State<Arc<Room>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    PostedForm(fields): PostedForm,
) -> Response {
    let limits = room.limits.clone();
    send_change(&room, &headers, fields, |fields, _, notes| {
        let id = own_note(&id, notes)?;
        let text = note_text(fields, &limits)?;
        Ok((PhoneChange::EditText { id, text }, "edited"))
    })
    .await
}

async fn withdraw_note(
    State(room): State<Arc<Room>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    PostedForm(fields): PostedForm,
) -> Response {
    send_change(&room, &headers, fields, |_, _, notes| Ok((PhoneChange::Withdraw(own_note(&id, notes)?), "withdrawn")))
        .await
}
