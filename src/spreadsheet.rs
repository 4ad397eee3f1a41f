//! CSV for spreadsheets: the exports leads hand to other teams (product
//! ideas, report tables) are opened in Excel, LibreOffice or Google Sheets.
//!
//! Customer text and names start cells, and a spreadsheet runs a cell that
//! starts with `=`, `+`, `-`, `@` (or a tab or carriage return before one) as a
//! formula: [`text_cell`] gives such cells a leading apostrophe, which
//! spreadsheets show as text (OWASP's advice on CSV injection).

/// The characters a spreadsheet may read as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell of free text that a spreadsheet shows as text, never runs as a formula.
pub fn text_cell(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A header row and the rows as CSV (RFC 4180 quoting, by the `csv` crate).
/// Free-text cells should already have passed through [`text_cell`].
pub fn to_csv<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header)
        .expect("writing CSV into memory cannot fail");
    for row in rows {
        out.write_record(&row)
            .expect("writing CSV into memory cannot fail");
    }
    let bytes = out
        .into_inner()
        .expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV written from UTF-8 text is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_become_text_and_other_text_is_kept() {
        let cells = [
            (
                "=HYPERLINK(\"https://evil.example\",\"click\")",
                "'=HYPERLINK(\"https://evil.example\",\"click\")",
            ),
            ("+1 for dark mode", "'+1 for dark mode"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("plain = fine", "plain = fine"),
            ("", ""),
        ];
        for (cell, shown) in cells {
            assert_eq!(text_cell(cell), shown, "{cell:?}");
        }
    }

    #[test]
    fn rows_follow_the_header_with_quoting() {
        let csv = to_csv(
            ["name", "words"],
            [
                ["a".to_owned(), "one, two".to_owned()],
                ["b".to_owned(), "say \"hi\"\nthen".to_owned()],
            ],
        );
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(reader.headers().unwrap(), vec!["name", "words"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(
            rows,
            vec![vec!["a", "one, two"], vec!["b", "say \"hi\"\nthen"]]
        );
    }
}
