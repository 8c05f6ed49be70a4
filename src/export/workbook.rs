//! The workshop's tables as one spreadsheet workbook (`.xlsx`), for Excel, `LibreOffice` and
//! Numbers: a sheet for each table of [`super::tables`], with its header row frozen and filtered
//! and its columns as wide as their words (within reason).
//!
//! Unlike CSV, a workbook says what each cell is: every cell of a person's words is written as a
//! string with `write_string`, so nothing typed in the room (`=HYPERLINK(…)`, `+1`, `@SUM(A1)`) is
//! ever read as a formula or a number, and its text comes back exactly, with no quote in front.
//! Only the counts and positions the app itself writes are stored as numbers.

use super::tables::{Table, all_tables};
use super::{ExportError, ExportOptions};
use crate::model::Session;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The most UTF-16 code units a spreadsheet cell holds (Excel's limit, which `LibreOffice` shares).
pub const CELL_LIMIT: usize = 32_767;

/// What ends a cell whose text was longer than [`CELL_LIMIT`] and was cut to fit.
pub const CUT_MARK: &str = "… [cut: a spreadsheet cell holds at most 32,767 characters; the whole text is in the \
                            CSV tables and the summaries]";

/// Column widths, in the width of a digit: never narrower than a short heading, never so wide
/// that a long note pushes the next column off the screen (its lines wrap instead).
const NARROWEST: usize = 8;
const WIDEST: usize = 60;

/// The tables of `session` as the bytes of an `.xlsx` workbook. The workbook's own date is
/// `options.generated_at`, so the same workshop at the same moment gives the same bytes.
pub fn to_xlsx(session: &Session, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    workbook(session, options)
        .map_err(|error| ExportError::Drawing(format!("the workbook could not be written: {error}")))
}

fn workbook(session: &Session, options: &ExportOptions) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let made = ExcelDateTime::from_timestamp(options.generated_at.unix_timestamp())?;
    let mut properties = DocProperties::new()
        .set_title(session.display_title())
        .set_subject("The workshop's notes, map links, actions and dot votes, one table to a sheet")
        .set_comment("Made with Common Ground")
        .set_creation_datetime(&made);
    let facilitator = session.details.facilitator.trim();
    if !facilitator.is_empty() {
        properties = properties.set_author(facilitator);
    }
    workbook.set_properties(&properties);
    for table in all_tables(session) {
        write_sheet(workbook.add_worksheet(), &table)?;
    }
    workbook.save_to_buffer()
}

/// One table as a sheet: the header row bold, frozen and filtered, every cell wrapped and
/// top-aligned so a long note reads in its row.
fn write_sheet(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    sheet.set_name(sheet_name(table.name))?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0x00E8_EEF4))
        .set_border_bottom(FormatBorder::Thin);
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (column, heading) in (0u16..).zip(table.columns) {
        sheet.write_string_with_format(0, column, *heading, &header)?;
        let widest = table.rows.iter().filter_map(|row| row.get(usize::from(column))).map(|text| longest_line(text));
        let width = widest.chain([longest_line(heading)]).max().unwrap_or(0) + 2;
        sheet.set_column_width(column, width.clamp(NARROWEST, WIDEST) as f64)?;
    }
    for (row_number, row) in (1u32..).zip(&table.rows) {
        for (column, text) in (0u16..).zip(row) {
            if text.is_empty() {
                continue;
            }
            // Counts and positions the app wrote are numbers; everything else, a person's words
            // included, is stored as a string and so never evaluated.
            match text.parse::<f64>() {
                Ok(number) if table.is_numeric(usize::from(column)) => {
                    sheet.write_number_with_format(row_number, column, number, &cell)?;
                }
                _ => {
                    sheet.write_string_with_format(row_number, column, fit_in_a_cell(text), &cell)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_column = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    sheet.autofilter(0, 0, last_row, last_column)?;
    Ok(())
}

/// "notes" → "Notes".
fn sheet_name(name: &str) -> String {
    let mut letters = name.chars();
    letters.next().map(|first| first.to_uppercase().chain(letters).collect()).unwrap_or_default()
}

/// The characters in the longest line of `text`.
fn longest_line(text: &str) -> usize {
    text.lines().map(|line| line.chars().count()).max().unwrap_or(0)
}

/// `text` as it fits in one cell: whole when it is within [`CELL_LIMIT`], else its start, cut
/// between characters, and [`CUT_MARK`].
pub fn fit_in_a_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let length = |text: &str| text.encode_utf16().count();
    if length(text) <= CELL_LIMIT {
        return text.into();
    }
    let room = CELL_LIMIT - length(CUT_MARK);
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, character)| {
            used += character.len_utf16();
            used > room
        })
        .map_or(text.len(), |(at, _)| at);
    format!("{}{CUT_MARK}", &text[..end]).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_within_the_limit_is_kept_whole() {
        let text = "é".repeat(CELL_LIMIT);
        assert_eq!(fit_in_a_cell(&text), text);
    }

    #[test]
    fn a_longer_cell_is_cut_between_characters_to_the_limit_and_says_so() {
        // Each emoji is two UTF-16 units, so a cut in the middle of one would split it.
        let text = "🙂".repeat(CELL_LIMIT);
        let fitted = fit_in_a_cell(&text);
        assert!(fitted.encode_utf16().count() <= CELL_LIMIT);
        assert!(fitted.encode_utf16().count() >= CELL_LIMIT - 1, "as much as fits");
        assert!(fitted.ends_with(CUT_MARK));
        assert!(fitted.trim_end_matches(CUT_MARK).chars().all(|character| character == '🙂'));
    }

    #[test]
    fn sheets_are_named_with_a_capital() {
        assert_eq!(sheet_name("notes"), "Notes");
        assert_eq!(sheet_name(""), "");
    }
}
