//! The workshop as tables: one row per note, per link, per action and per note with dots in a
//! closed vote. The same rows become CSV files (here) and the sheets of a workbook
//! ([`super::workbook`]).
//!
//! CSV is written with the `csv` crate, so text with commas, quotes and line breaks is quoted as
//! `LibreOffice` and Excel expect; each file starts with a UTF-8 byte-order mark (Excel needs it to
//! read accents and curly quotes right) and ends its rows with CRLF, as RFC 4180 has it. A cell
//! that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front (see
//! [`inert`]), so a note typed on a phone cannot become a formula in every partner's spreadsheet.

use super::ExportError;
use super::marks::shown_vote;
use super::summary::link_words;
use crate::guide::map::needs_map;
use crate::model::answer::{NeedStatus, need_statuses};
use crate::model::vote_scope_words;
use crate::model::{Link, MapArc, Note, NoteId, Placement, Session, WheelBand};
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;

/// The byte-order mark that tells spreadsheets the file is UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The columns of `notes.csv`.
pub const NOTE_COLUMNS: [&str; 19] = [
    "Note id",
    "Canvas",
    "Prompt number",
    "Prompt",
    "Ring",
    "Arc",
    "Position along arc",
    "Stage",
    "Need status",
    "Text",
    "Organisation",
    "Sector",
    "Author",
    "Tags",
    "Group",
    "Dots",
    "Created",
    "Edited",
    "Prompt key",
];

/// The columns of `links.csv`.
pub const LINK_COLUMNS: [&str; 6] = ["Link id", "Need id", "Need", "Source of help id", "Source of help", "Kind"];

/// The columns of `actions.csv`.
pub const ACTION_COLUMNS: [&str; 11] = [
    "Action id",
    "Number",
    "What",
    "Lead organisation",
    "Supporting organisations",
    "By when",
    "Agreed",
    "Arose from note ids",
    "Arose from notes",
    "Map link ids",
    "Map links",
];

/// The columns of `votes.csv`: one row for each note that got dots in each closed vote.
pub const VOTE_COLUMNS: [&str; 11] =
    ["Vote id", "Question", "Over", "Voters", "Dots per voter", "Opened", "Closed", "Rank", "Dots", "Note id", "Note"];

/// How a canvas is named in the tables.
pub fn canvas_name(placement: &Placement) -> &'static str {
    match placement {
        Placement::Unplaced => "Not on a canvas",
        Placement::Wheel { .. } => "Prompt wheel",
        Placement::Map { .. } => "Needs map",
    }
}

/// How a ring is named in the tables.
pub fn ring_name(band: WheelBand) -> &'static str {
    match band {
        WheelBand::Assumption => "Assumption",
        WheelBand::Opportunity => "Opportunity",
    }
}

/// How an arc is named in the tables.
pub fn arc_name(arc: MapArc) -> &'static str {
    match arc {
        MapArc::Need => "Need",
        MapArc::Help => "Source of help",
    }
}

/// A timestamp as written in the tables (RFC 3339, e.g. 2026-03-12T10:14:00Z).
fn moment(moment: time::OffsetDateTime) -> String {
    moment.format(&Rfc3339).unwrap_or_default()
}

/// Several values in one cell, one per line.
pub const LIST_SEPARATOR: &str = "\n";

fn note_row(session: &Session, statuses: &HashMap<NoteId, NeedStatus>, note: &Note) -> Vec<String> {
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let mut row = vec![note.id.to_string(), canvas_name(&note.placement).to_owned()];
    match &note.placement {
        Placement::Wheel { prompt, band } => {
            let number = session.wheel.index_of(prompt).map_or_else(String::new, |index| (index + 1).to_string());
            let question = session.wheel.prompt(prompt).map_or_else(String::new, |prompt| prompt.question.clone());
            row.extend([number, question, ring_name(*band).to_owned(), String::new(), String::new(), String::new()]);
            row.push(String::new());
        }
        Placement::Map { arc, along } => {
            let stage = needs_map().arc(*arc).stage_at(*along).map_or_else(String::new, |stage| stage.label.clone());
            let status = if *arc == MapArc::Need {
                statuses.get(&note.id).copied().unwrap_or(NeedStatus::NoSupportYet).label().to_owned()
            } else {
                String::new()
            };
            row.extend([String::new(), String::new(), String::new(), arc_name(*arc).to_owned(), along.to_string()]);
            row.extend([stage, status]);
        }
        Placement::Unplaced => row.extend(std::iter::repeat_n(String::new(), 7)),
    }
    row.extend([
        note.text.clone(),
        organisation.map_or_else(String::new, |organisation| organisation.name.clone()),
        organisation.map_or_else(String::new, |organisation| organisation.sector.label().to_owned()),
        note.author.clone().unwrap_or_default(),
        note.tags.join(LIST_SEPARATOR),
        note.group.and_then(|id| session.group(id)).map_or_else(String::new, |group| group.heading.clone()),
        shown_vote(session).map_or_else(String::new, |vote| vote.dots_on(note.id).to_string()),
        moment(note.created),
        moment(note.edited),
        note.placement.wheel_spot().map_or_else(String::new, |(key, _)| key.to_owned()),
    ]);
    row
}

/// One table of the workshop, as both a CSV file and a sheet of the workbook hold it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Its name: the CSV file's stem and, capitalised, the sheet's, e.g. "notes".
    pub name: &'static str,
    /// The column headings.
    pub columns: &'static [&'static str],
    /// The columns whose cells are counts or positions the app writes (never a person's words),
    /// so the workbook stores them as numbers that sort and add up.
    pub numeric: &'static [&'static str],
    /// Its rows, one cell for each column; an empty string is an empty cell.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Whether the column at `index` holds numbers.
    pub fn is_numeric(&self, index: usize) -> bool {
        self.columns.get(index).is_some_and(|column| self.numeric.contains(column))
    }
}

/// The characters a spreadsheet may take as the start of a formula (or, for tab and carriage
/// return, may drop before one), as OWASP's "CSV Injection" lists them.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell made inert as OWASP recommends: one that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a single quote in front, so spreadsheets show it as text and never
/// evaluate it; every other cell is unchanged.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) { format!("'{cell}").into() } else { cell.into() }
}

/// A table as CSV bytes, headed by its columns, with every cell made [`inert`].
pub fn to_csv(table: &Table) -> Result<Vec<u8>, ExportError> {
    let failed = |error: csv::Error| ExportError::Drawing(format!("a table could not be written: {error}"));
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(UTF8_BOM.to_vec());
    writer.write_record(table.columns.iter().map(|column| inert(column).into_owned())).map_err(failed)?;
    for row in &table.rows {
        writer.write_record(row.iter().map(|cell| inert(cell).into_owned())).map_err(failed)?;
    }
    writer.into_inner().map_err(|error| ExportError::Drawing(format!("a table could not be written: {error}")))
}

/// Every table of the workshop, in the order the CSV files and the sheets come in.
pub fn all_tables(session: &Session) -> [Table; 4] {
    [notes_table(session), links_table(session), actions_table(session), votes_table(session)]
}

/// The notes: every note, where it sits, who it is from, and when it was written and edited.
pub fn notes_table(session: &Session) -> Table {
    // Every need's status in one pass over the links, rather than a pass for each need.
    let statuses = need_statuses(session);
    Table {
        name: "notes",
        columns: &NOTE_COLUMNS,
        numeric: &["Prompt number", "Position along arc", "Dots"],
        rows: session.notes.iter().map(|note| note_row(session, &statuses, note)).collect(),
    }
}

/// The links: every link on the map between a need and a source of help.
pub fn links_table(session: &Session) -> Table {
    let text_of = |id| session.note(id).map_or_else(String::new, |note: &Note| note.text.clone());
    Table {
        name: "links",
        columns: &LINK_COLUMNS,
        numeric: &[],
        rows: session
            .links
            .iter()
            .map(|link| {
                vec![
                    link.id.to_string(),
                    link.need.to_string(),
                    text_of(link.need),
                    link.help.to_string(),
                    text_of(link.help),
                    link.kind.label().to_owned(),
                ]
            })
            .collect(),
    }
}

/// The action plan.
pub fn actions_table(session: &Session) -> Table {
    let rows = session.actions.iter().enumerate().map(|(index, action)| {
        let lead = action.lead.and_then(|id| session.organisation(id));
        let linked: Vec<&Note> = action.linked_notes.iter().filter_map(|id| session.note(*id)).collect();
        let supporting: Vec<&str> = action
            .supporting
            .iter()
            .filter_map(|id| session.organisation(*id))
            .map(|organisation| organisation.name.as_str())
            .collect();
        let links: Vec<&Link> = action.linked_links.iter().filter_map(|id| session.link(*id)).collect();
        vec![
            action.id.to_string(),
            (index + 1).to_string(),
            action.what.clone(),
            lead.map_or_else(String::new, |organisation| organisation.name.clone()),
            supporting.join(LIST_SEPARATOR),
            action.by_when.map_or_else(String::new, |date| date.to_string()),
            if action.agreed { "Yes" } else { "No" }.to_owned(),
            linked.iter().map(|note| note.id.to_string()).collect::<Vec<_>>().join(LIST_SEPARATOR),
            linked.iter().map(|note| note.text.as_str()).collect::<Vec<_>>().join(LIST_SEPARATOR),
            links.iter().map(|link| link.id.to_string()).collect::<Vec<_>>().join(LIST_SEPARATOR),
            links.iter().map(|link| link_words(session, link)).collect::<Vec<_>>().join(LIST_SEPARATOR),
        ]
    });
    Table { name: "actions", columns: &ACTION_COLUMNS, numeric: &["Number"], rows: rows.collect() }
}

/// The result of every closed vote, note by note (votes still open are left out, since nobody
/// sees their dots until they close).
pub fn votes_table(session: &Session) -> Table {
    let rows = session.votes.iter().filter(|vote| !vote.is_open()).flat_map(|vote| {
        let over = vote_scope_words(session, &vote.scope);
        vote.tallies(&session.notes).into_iter().filter(|tally| tally.dots > 0).map(move |tally| {
            vec![
                vote.id.to_string(),
                vote.question.clone(),
                over.clone(),
                vote.voters.label().to_owned(),
                vote.dots_per_voter.to_string(),
                moment(vote.opened),
                vote.closed.map(moment).unwrap_or_default(),
                tally.rank.to_string(),
                tally.dots.to_string(),
                tally.note.to_string(),
                session.note(tally.note).map_or_else(String::new, |note| note.text.clone()),
            ]
        })
    });
    Table { name: "votes", columns: &VOTE_COLUMNS, numeric: &["Dots per voter", "Rank", "Dots"], rows: rows.collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each character that can start a formula, alone and before words, gets a quote in front.
    fn assert_made_inert(start: char) {
        for cell in [format!("{start}"), format!("{start}1+1"), format!("{start}HYPERLINK(\"http://x\",\"y\")")] {
            assert_eq!(inert(&cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn a_cell_beginning_with_equals_is_made_inert() {
        assert_made_inert('=');
    }

    #[test]
    fn a_cell_beginning_with_plus_is_made_inert() {
        assert_made_inert('+');
    }

    #[test]
    fn a_cell_beginning_with_minus_is_made_inert() {
        assert_made_inert('-');
    }

    #[test]
    fn a_cell_beginning_with_at_is_made_inert() {
        assert_made_inert('@');
    }

    #[test]
    fn a_cell_beginning_with_a_tab_is_made_inert() {
        assert_made_inert('\t');
    }

    #[test]
    fn a_cell_beginning_with_a_carriage_return_is_made_inert() {
        assert_made_inert('\r');
    }

    #[test]
    fn other_cells_are_left_as_they_are_even_with_a_formula_later_on() {
        for cell in ["", "1+1", "café; =SUM(A1)", " =1+1", "'quoted", "\n=1+1", "“=1”", "12.5"] {
            assert_eq!(inert(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn the_csv_holds_the_quoted_cell_and_a_csv_reader_gives_it_back() {
        let table = Table {
            name: "notes",
            columns: &["Text", "Dots"],
            numeric: &["Dots"],
            rows: vec![vec!["=1+1".to_owned(), "2".to_owned()], vec!["a, \"b\"; c".to_owned(), String::new()]],
        };
        let bytes = to_csv(&table).expect("the table is written");
        let mut reader = csv::Reader::from_reader(&bytes[UTF8_BOM.len()..]);
        let rows: Vec<Vec<String>> =
            reader.records().map(|record| record.expect("a row").iter().map(str::to_owned).collect()).collect();
        assert_eq!(rows, [vec!["'=1+1", "2"], vec!["a, \"b\"; c", ""]]);
    }
}
