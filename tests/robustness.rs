//! Encoding accidents change nothing; bad input gets a clear message naming file and line.

mod common;

use std::path::Path;

use wsis::diagnostic::Error;
use wsis::ingest::{self, Layout};
use wsis::model::Document;

const SEEDS: [&str; 5] = [
    "a-res-80-173.txt",
    "a-81-62-e-2026-48.txt",
    "itu-report-unga-wsis20-meeting.txt",
    "itu-final-report-wsis.txt",
    "c26-93.txt",
];

/// What must not change: every block's id, number, role and text (no-break spaces read as
/// spaces), and the footnotes.
fn structure(doc: &Document) -> Vec<String> {
    let plain = |s: &str| s.replace('\u{a0}', " ");
    let mut out: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| {
            let role = match b {
                wsis::model::Block::Heading(h) => format!("h{}", h.level),
                wsis::model::Block::Paragraph(p) => p.role.as_str().to_string(),
            };
            format!("{} {:?} {} {}", b.id(), b.number(), role, plain(b.text()))
        })
        .collect();
    out.extend(doc.footnotes.iter().map(|f| {
        format!(
            "note {} {:?} {}",
            f.number,
            f.referenced_from,
            plain(&f.text)
        )
    }));
    out
}

fn read(bytes: &[u8], name: &str) -> Document {
    match ingest::read_bytes(bytes, Path::new(name), None) {
        Ok(i) => i.document,
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn bom_and_crlf_change_nothing() {
    for seed in SEEDS {
        let text = common::seed_text(seed);
        let plain = read(text.as_bytes(), seed);
        let dos = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let with_bom_crlf = read(dos.as_bytes(), seed);
        assert_eq!(plain.blocks, with_bom_crlf.blocks, "{seed}");
        assert_eq!(plain.footnotes, with_bom_crlf.footnotes, "{seed}");
        assert_eq!(plain.cover, with_bom_crlf.cover, "{seed}");
    }
}

#[test]
fn no_break_spaces_change_no_structure() {
    for seed in SEEDS {
        let text = common::seed_text(seed);
        let plain = read(text.as_bytes(), seed);
        // A no-break space after every paragraph number and in place of every third space.
        let mut nbsp = String::with_capacity(text.len());
        let mut spaces = 0;
        let mut prev = ' ';
        for c in text.chars() {
            if c == ' ' {
                spaces += 1;
                if prev == '.' || spaces % 3 == 0 {
                    nbsp.push('\u{a0}');
                    prev = c;
                    continue;
                }
            }
            nbsp.push(c);
            prev = c;
        }
        let changed = read(nbsp.as_bytes(), seed);
        let (a, b) = (structure(&plain), structure(&changed));
        let first_diff = a.iter().zip(&b).find(|(x, y)| x != y);
        assert_eq!(
            a.len(),
            b.len(),
            "{seed}: block count changed; first difference: {first_diff:?}"
        );
        assert!(first_diff.is_none(), "{seed}: {first_diff:?}");
    }
}

fn input_errors(result: Result<ingest::Ingested, Error>) -> Vec<wsis::diagnostic::Diagnostic> {
    match result {
        Err(Error::Input(ds)) => ds,
        Err(e) => panic!("expected an input error, got {e}"),
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn non_utf8_is_an_error_naming_file_and_line() {
    let text = common::seed_text("c26-93.txt");
    let mut bytes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        bytes.extend_from_slice(line.as_bytes());
        if i == 44 {
            bytes.extend_from_slice(b" caf\xE9");
        }
        bytes.push(b'\n');
    }
    let ds = input_errors(ingest::read_bytes(&bytes, Path::new("latin1.txt"), None));
    let msg = ds[0].to_string();
    assert!(msg.starts_with("error: latin1.txt:45:"), "{msg}");
    assert!(msg.contains("UTF-8"), "{msg}");
}

#[test]
fn empty_and_binary_files_are_errors() {
    for (bytes, what) in [
        (&b""[..], "empty"),
        (&b"\n \n\t\n"[..], "empty"),
        (&b"%PDF-1.7\n\x00\x01\x02"[..], "binary"),
    ] {
        let ds = input_errors(ingest::read_bytes(bytes, Path::new("in.txt"), None));
        assert!(ds[0].message.contains(what), "{}", ds[0]);
        assert!(ds[0].to_string().contains("in.txt"));
    }
}

#[test]
fn an_unknown_layout_is_an_error_that_says_what_to_do() {
    let prose = "Chère collègue,\nVoici la lettre promise.\nBien à vous.\n";
    let ds = input_errors(ingest::read_bytes(
        prose.as_bytes(),
        Path::new("lettre.txt"),
        None,
    ));
    let msg = ds[0].to_string();
    assert!(
        msg.contains("lettre.txt") && msg.contains("--layout"),
        "{msg}"
    );
    assert!("scanned"
        .parse::<Layout>()
        .unwrap_err()
        .contains("word-export"));
}

#[test]
fn duplicate_and_out_of_order_numbers_are_reported_with_their_line() {
    let long = "Nous prenons note des travaux menés par les commissions régionales et les autres parties prenantes dans ce domaine, et nous les encourageons à poursuivre leurs efforts.";
    let text = format!("1. {long}\n\n2. {long}\n\n2. {long}\n\n4. {long}\n\n3. {long}\n");
    let i = ingest::read_text(&text, Path::new("numbers.txt"), Some(Layout::UnMarkdown)).unwrap();
    let w: Vec<String> = i.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter()
            .any(|m| m.contains("numbers.txt:5:") && m.contains("used twice")),
        "{w:?}"
    );
    assert!(w.iter().any(|m| m.contains("numbers.txt:7:")), "{w:?}");
    assert!(
        w.iter()
            .any(|m| m.contains("numbers.txt:9:") && m.contains("out of order")),
        "{w:?}"
    );
    assert_eq!(
        i.document.paragraphs().count(),
        5,
        "no paragraph is dropped"
    );
}

#[test]
fn every_seed_is_detected_as_its_layout() {
    let expected = [
        ("a-res-80-173.txt", Layout::UnMarkdown),
        ("a-81-62-e-2026-48.txt", Layout::PdfText),
        ("itu-report-unga-wsis20-meeting.txt", Layout::WordExport),
        ("itu-final-report-wsis.txt", Layout::WordExport),
        ("c26-93.txt", Layout::WordExport),
    ];
    for (seed, layout) in expected {
        assert_eq!(
            ingest::detect::detect(&common::seed_text(seed)),
            Some(layout),
            "{seed}"
        );
    }
}

#[test]
fn a_block_text_is_exactly_its_runs_text() {
    // Citation offsets are byte offsets into a block's text, applied to its runs when rendered.
    for seed in SEEDS {
        let doc = read(common::seed_text(seed).as_bytes(), seed);
        for b in &doc.blocks {
            let runs: String = b.runs().iter().map(wsis::model::Inline::text).collect();
            assert_eq!(runs, b.text(), "{seed} {}", b.id());
        }
        for f in &doc.footnotes {
            let runs: String = f.runs.iter().map(wsis::model::Inline::text).collect();
            assert_eq!(runs, f.text, "{seed} {}", f.id);
        }
    }
}
