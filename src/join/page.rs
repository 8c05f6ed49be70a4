//! The participant page: one mobile-first, self-contained HTML page (no external assets, so it
//! works with no internet), usable with plain form posts and a screen reader. A few lines of
//! inline script only add a count of the characters left.
//!
//! Every piece of text that came from a person (titles, organisations, names, notes, questions)
//! goes through [`escape`] before it is written into the page.

use super::{PhoneNote, PhoneNoteStatus, RoomFocus, RoomSnapshot};
use crate::model::{NoteId, OrganisationId};
use std::fmt::Write as _;

/// Text made safe to put in HTML, inside elements and inside quoted attributes: the same
/// escaping as the exported summaries, so every page the app writes escapes alike.
pub use crate::export::escape;

const STYLE: &str = "
*{box-sizing:border-box}
body{margin:0;font:1.15rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#fffdf5;color:#111}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
label,legend{display:block;font-weight:600;margin:.8rem 0 .3rem}
input[type=text],select,textarea{width:100%;font:inherit;padding:.6rem;border:2px solid #333;border-radius:.4rem;background:#fff;color:#111}
textarea{min-height:6rem}
.choice{display:flex;align-items:center;gap:.6rem;font-weight:400;margin:.4rem 0;padding:.5rem;border:2px solid #999;border-radius:.4rem;background:#fff}
.choice input{width:1.5rem;height:1.5rem}
fieldset{border:0;padding:0;margin:0}
button{font:inherit;font-weight:700;min-height:3rem;padding:.6rem 1.2rem;margin:.8rem 0;border:0;border-radius:.4rem;background:#174ea6;color:#fff;width:100%}
button.quiet{background:#fff;color:#8a1c1c;border:2px solid #8a1c1c}
:focus-visible{outline:4px solid #e37400;outline-offset:2px}
.question{font-size:1.35rem;font-weight:700;background:#fff3c4;border-left:.5rem solid #e3a400;padding:.8rem;margin:.5rem 0}
.notice{background:#e6f4ea;border:2px solid #137333;padding:.6rem;border-radius:.4rem}
.problem{background:#fce8e6;border:2px solid #a50e0e;padding:.6rem;border-radius:.4rem}
.hint{color:#444;font-size:1rem;margin:.2rem 0}
.code{font:700 1.6rem/1.2 ui-monospace,monospace;letter-spacing:.2em;text-transform:uppercase}
ul.notes{list-style:none;padding:0}
ul.notes>li{background:#fff;border:2px solid #999;border-radius:.4rem;padding:.7rem;margin:.7rem 0}
.status{font-size:1rem;color:#333}
a{color:#174ea6}
";

const SCRIPT: &str = "
document.querySelectorAll('textarea[maxlength]').forEach(function(box){
  var out=document.getElementById(box.id+'-left');if(!out)return;
  function show(){out.textContent=(box.maxLength-box.value.length)+' characters left';}
  box.addEventListener('input',show);show();
});
";

/// A whole page around `body`.
fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>{body}</main>\
         <script>{SCRIPT}</script></body></html>",
        title = escape(title),
    )
}

fn problem_box(problem: Option<&str>) -> String {
    problem.map_or_else(String::new, |problem| format!("<p class=\"problem\" role=\"alert\">{}</p>", escape(problem)))
}

/// The first page: the room code.
pub fn code_page(prefilled_code: &str, problem: Option<&str>) -> String {
    let body = format!(
        "<h1>Join the workshop</h1>{problem}\
         <p>Type the room code shown on the screen at the front of the room.</p>\
         <form method=\"post\" action=\"/join\">\
         <label for=\"code\">Room code</label>\
         <input type=\"text\" id=\"code\" name=\"code\" class=\"code\" value=\"{code}\" autocomplete=\"off\" \
         autocapitalize=\"characters\" spellcheck=\"false\" required>\
         <button type=\"submit\">Join</button></form>\
         <p class=\"hint\">Nothing you write leaves this room: it goes straight to the facilitator's laptop.</p>",
        problem = problem_box(problem),
        code = escape(prefilled_code),
    );
    document("Join the workshop", &body)
}

/// Who the participant says they are, as a form fills it in again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AboutYou {
    /// The organisation chosen from the list.
    pub organisation: Option<OrganisationId>,
    /// An organisation typed in, when theirs is not on the list.
    pub other_organisation: Option<String>,
    /// Their name; `None` to stay anonymous.
    pub name: Option<String>,
}

/// The second page: organisation and name.
pub fn about_you_page(snapshot: &RoomSnapshot, current: &AboutYou, problem: Option<&str>) -> String {
    let mut options = String::new();
    let chosen_other = current.organisation.is_none() && current.other_organisation.is_some();
    let chosen_none = current.organisation.is_none() && current.other_organisation.is_none();
    let _ = write!(
        options,
        "<option value=\"none\"{}>No organisation / rather not say</option>",
        if chosen_none { " selected" } else { "" }
    );
    for (id, name) in &snapshot.organisations {
        let selected = if current.organisation == Some(*id) { " selected" } else { "" };
        let _ = write!(options, "<option value=\"{id}\"{selected}>{}</option>", escape(name));
    }
    let _ = write!(
        options,
        "<option value=\"other\"{}>Other (type it below)</option>",
        if chosen_other { " selected" } else { "" }
    );
    let body = format!(
        "<h1>{title}</h1>{problem}<h2>About you</h2>\
         <form method=\"post\" action=\"/about-you\">\
         <label for=\"organisation\">Your organisation</label>\
         <select id=\"organisation\" name=\"organisation\">{options}</select>\
         <label for=\"other\">If Other: its name</label>\
         <input type=\"text\" id=\"other\" name=\"other\" value=\"{other}\" maxlength=\"80\">\
         <label for=\"name\">Your name</label>\
         <p class=\"hint\" id=\"name-hint\">Leave it empty to stay anonymous.</p>\
         <input type=\"text\" id=\"name\" name=\"name\" value=\"{name}\" maxlength=\"80\" \
         aria-describedby=\"name-hint\" autocomplete=\"name\">\
         <button type=\"submit\">Continue</button></form>",
        title = escape(&snapshot.title),
        problem = problem_box(problem),
        other = escape(current.other_organisation.as_deref().unwrap_or("")),
        name = escape(current.name.as_deref().unwrap_or("")),
    );
    document(&snapshot.title, &body)
}

/// Who is writing, as the notes page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Writer {
    /// Their name and organisation in words.
    pub described: String,
    /// Their notes, oldest first.
    pub notes: Vec<(NoteId, PhoneNote)>,
}

fn choice(name: &str, value: &str, label: &str, checked: bool) -> String {
    format!(
        "<label class=\"choice\"><input type=\"radio\" name=\"{name}\" value=\"{value}\"{} required> {}</label>",
        if checked { " checked" } else { "" },
        escape(label)
    )
}

/// The main page: the question of the moment, the note form and the participant's own notes.
pub fn notes_page(snapshot: &RoomSnapshot, writer: &Writer, max_note_chars: usize, notice: Option<&str>) -> String {
    let mut body = format!("<h1>{}</h1>", escape(&snapshot.title));
    if let Some(notice) = notice {
        let _ = write!(body, "<p class=\"notice\" role=\"status\">{}</p>", escape(notice));
    }
    let _ = write!(
        body,
        "<p class=\"hint\">Writing as {}. <a href=\"/about-you\">Change</a></p>",
        escape(&writer.described)
    );
    let (heading, question, hidden, choices) = match &snapshot.focus {
        Some(RoomFocus::Wheel { prompt, question }) => (
            "The question on the wheel",
            question.clone(),
            format!("<input type=\"hidden\" name=\"prompt\" value=\"{}\">", escape(prompt)),
            [
                choice("kind", "assumption", "An assumption: what people take for granted", true),
                choice("kind", "opportunity", "An opportunity: what could be done", false),
            ],
        ),
        Some(RoomFocus::Map) | None => (
            "The needs map",
            "What is the need, and where could help come from?".to_owned(),
            String::new(),
            [choice("kind", "need", "A need", true), choice("kind", "help", "A source of help", false)],
        ),
    };
    let _ = write!(
        body,
        "<section aria-labelledby=\"now\"><h2 id=\"now\">{heading}</h2><p class=\"question\">{question}</p>\
         <form method=\"post\" action=\"/notes\">{hidden}\
         <label for=\"text\">Your note</label>\
         <textarea id=\"text\" name=\"text\" maxlength=\"{max_note_chars}\" required \
         aria-describedby=\"text-left\"></textarea>\
         <p class=\"hint\" id=\"text-left\" aria-live=\"polite\">Up to {max_note_chars} characters.</p>\
         <fieldset><legend>This note is</legend>{choices}</fieldset>\
         <button type=\"submit\">Add my note</button></form>\
         <p><a href=\"/\">See the latest question</a></p></section>",
        question = escape(&question),
        choices = choices.concat(),
    );
    let _ = write!(body, "<section aria-labelledby=\"mine\"><h2 id=\"mine\">Your notes</h2>");
    if writer.notes.is_empty() {
        body.push_str("<p>None yet.</p>");
    } else {
        body.push_str("<ul class=\"notes\">");
        for (id, note) in &writer.notes {
            let status = match note.status {
                PhoneNoteStatus::Shown => "On the wall",
                PhoneNoteStatus::Hidden => "In the workshop, hidden until the facilitator reveals it",
                PhoneNoteStatus::Waiting => "Waiting for the facilitator to approve it",
            };
            let _ = write!(
                body,
                "<li><p>{text}</p><p class=\"status\">{place}. {status}.</p>\
                 <form method=\"post\" action=\"/notes/{id}/edit\">\
                 <label for=\"edit-{id}\">Change this note</label>\
                 <textarea id=\"edit-{id}\" name=\"text\" maxlength=\"{max_note_chars}\" required>{text}</textarea>\
                 <button type=\"submit\">Save the change</button></form>\
                 <form method=\"post\" action=\"/notes/{id}/withdraw\">\
                 <button type=\"submit\" class=\"quiet\">Withdraw this note</button></form></li>",
                text = escape(&note.text),
                place = escape(&note.place),
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("</section>");
    document(&snapshot.title, &body)
}

/// A page that explains a problem or an outcome, with a way on.
pub fn message_page(title: &str, message: &str, link: (&str, &str)) -> String {
    let body = format!(
        "<h1>{}</h1><p class=\"problem\" role=\"alert\">{}</p><p><a href=\"{}\">{}</a></p>",
        escape(title),
        escape(message),
        escape(link.0),
        escape(link.1)
    );
    document(title, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape("<b a=\"x\" c='y'>&</b>"), "&lt;b a=&quot;x&quot; c=&#39;y&#39;&gt;&amp;&lt;/b&gt;");
    }

    #[test]
    fn pages_escape_what_people_wrote() {
        let snapshot = RoomSnapshot {
            title: "<script>alert(1)</script>".to_owned(),
            organisations: vec![(OrganisationId::new_random(), "A & <B>".to_owned())],
            focus: Some(RoomFocus::Wheel { prompt: "k\"".to_owned(), question: "<i>Who</i>?".to_owned() }),
            ..RoomSnapshot::default()
        };
        let note =
            PhoneNote { text: "<img src=x>".to_owned(), place: "<p>".to_owned(), status: PhoneNoteStatus::Shown };
        let writer = Writer { described: "<u>me</u>".to_owned(), notes: vec![(NoteId::new_random(), note)] };
        let page = notes_page(&snapshot, &writer, 280, Some("<b>ok</b>"));
        let about = about_you_page(&snapshot, &AboutYou::default(), Some("<x>"));
        for html in [page, about] {
            assert!(!html.contains("<script>alert"), "{html}");
            assert!(!html.contains("<img src=x>"));
            assert!(!html.contains("<i>Who"));
            assert!(!html.contains("<u>me"));
            assert!(!html.contains("<B>"));
            assert!(!html.contains("<x>"));
        }
    }
}
