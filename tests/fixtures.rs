//! Each seed laid out as a real PDF and a real .docx by `scripts/fixtures/make_fixtures.py`, its
//! text extracted again by real tools (pdftotext, pdfminer, pypdf, pandoc, LibreOffice, mammoth,
//! docx2python), must read to the seed's own model — or be refused by the structure report.
//! What must never happen is a reading that differs from the model, where the extracted text
//! kept the words, and passes as sound. (An extractor may lose words itself: `pdftotext` joins
//! `Sud-` `Est` into `SudEst`, mammoth drops the notes; such differences are reported, and the
//! structure report is what must catch them when it can.)
//!
//! The fixtures are made by `bash scripts/fixtures/make.sh` (CI does it); without them this test
//! says so and checks nothing, unless `WSIS_FIXTURES_REQUIRED` is set (CI sets it). The table
//! of what differs is printed and written to `target/fixtures/report.md`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use wsis::ingest;
use wsis::model::{Block, Document};

#[derive(Debug, Deserialize)]
struct Manifest {
    fixtures: Vec<Fixture>,
}

#[derive(Debug, Deserialize)]
struct Fixture {
    doc: String,
    lang: String,
    /// The seed source, relative to the repository.
    source: String,
    variant: String,
    extractor: String,
    /// The extracted text, relative to the manifest's folder or absolute.
    path: String,
}

fn fixtures_dir() -> PathBuf {
    std::env::var_os("WSIS_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fixtures"))
}

/// Text with white space runs as one space, trimmed: extractors and layouts may change spacing,
/// never words.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pairs of neighbouring words a text holds, to tell whether the extractor kept a passage:
/// read as printed, with note numbers glued to words taken off (`homme2` → `homme`), and with
/// bare numbers and note traces left out (`Séville [1], qui`).
fn word_pairs(text: &str) -> HashSet<(String, String)> {
    let raw: Vec<String> = wsis::text::words(text).collect();
    let unglued: Vec<String> = raw
        .iter()
        .map(|w| {
            let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
            if letters.chars().any(char::is_alphabetic) {
                letters.to_string()
            } else {
                w.clone()
            }
        })
        .collect();
    let bare: Vec<String> = unglued
        .iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !w.starts_with("footnote"))
        .cloned()
        .collect();
    let mut out = HashSet::new();
    for stream in [raw, unglued, bare] {
        for w in stream.windows(2) {
            out.insert((w[0].clone(), w[1].clone()));
        }
    }
    out
}

/// What the extracted text holds: pairs of neighbouring words, and the words themselves.
struct Kept {
    pairs: HashSet<(String, String)>,
    words: HashSet<String>,
}

impl Kept {
    fn of(extracted: &str) -> Kept {
        Kept {
            pairs: word_pairs(extracted),
            words: wsis::text::words(extracted).collect(),
        }
    }
}

/// Whether the extractor gave wsis the whole of `text`: every pair of its neighbouring words is
/// in the extracted text, and no hyphenated word of it was printed there joined (`pdftotext`
/// makes `NordSud` of `Nord-` `Sud` at a line end). A reading that differs from the seed is
/// then wsis's doing.
fn extractor_kept(text: &str, kept: &Kept) -> bool {
    let words: Vec<String> = wsis::text::words(text).collect();
    let joined_by_extractor = text.split_whitespace().any(|token| {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        core.contains('-') && kept.words.contains(&core.replace('-', ""))
    });
    let single_kept = words.len() != 1 || kept.words.contains(&words[0]);
    !joined_by_extractor
        && single_kept
        && words
            .windows(2)
            .all(|w| kept.pairs.contains(&(w[0].clone(), w[1].clone())))
}

/// What one block is, for comparison: id, role, number, text.
fn block_key(b: &Block) -> (String, String, Option<String>, String) {
    let role = match b {
        Block::Heading(h) => format!("heading{}", h.level),
        Block::Paragraph(p) => p.role.as_str().to_string(),
    };
    (
        b.id().to_string(),
        role,
        b.number().map(str::to_string),
        flat(b.text()),
    )
}

/// How a reading compares with the seed's model.
#[derive(Debug, Default)]
struct Comparison {
    blocks: usize,
    equal: usize,
    /// Same id, other role, number or text.
    differing: Vec<String>,
    missing: Vec<String>,
    extra: Vec<String>,
    notes: usize,
    notes_equal: usize,
    notes_differing: Vec<String>,
    /// Blocks and notes that differ although the extractor kept their words: wsis misread them.
    misread: usize,
}

impl Comparison {
    fn exact(&self) -> bool {
        self.equal == self.blocks
            && self.extra.is_empty()
            && self.notes_equal == self.notes
            && self.notes_differing.is_empty()
    }
}

fn compare(seed: &Document, read: &Document, kept: &Kept) -> Comparison {
    let mut c = Comparison {
        blocks: seed.blocks.len(),
        notes: seed.footnotes.len(),
        ..Comparison::default()
    };
    let theirs: BTreeMap<String, _> = read
        .blocks
        .iter()
        .map(|b| (b.id().to_string(), block_key(b)))
        .collect();
    for b in &seed.blocks {
        let ours = block_key(b);
        let t = match theirs.get(b.id()) {
            Some(t) if *t == ours => {
                c.equal += 1;
                continue;
            }
            t => t,
        };
        c.misread += usize::from(extractor_kept(b.text(), kept));
        match t {
            Some(t) => c.differing.push(format!(
                "{}: {} {:?} «{}» read as {} {:?} «{}»",
                ours.0,
                ours.1,
                ours.2,
                excerpt(&ours.3),
                t.1,
                t.2,
                excerpt(&t.3)
            )),
            None => c.missing.push(ours.0),
        }
    }
    for b in &read.blocks {
        if seed.block(b.id()).is_none() {
            c.extra.push(b.id().to_string());
        }
    }
    for f in &seed.footnotes {
        let g = read.footnotes.iter().find(|g| g.number == f.number);
        if g.is_some_and(|g| {
            flat(&g.text) == flat(&f.text) && g.referenced_from == f.referenced_from
        }) {
            c.notes_equal += 1;
            continue;
        }
        c.misread += usize::from(extractor_kept(&f.text, kept));
        c.notes_differing.push(match g {
            Some(g) => format!(
                "note {}: «{}» in {:?} read as «{}» in {:?}",
                f.number,
                excerpt(&flat(&f.text)),
                f.referenced_from,
                excerpt(&flat(&g.text)),
                g.referenced_from
            ),
            None => format!("note {}: missing", f.number),
        });
    }
    c
}

fn excerpt(s: &str) -> String {
    if s.chars().count() <= 70 {
        return s.to_string();
    }
    let head: String = s.chars().take(40).collect();
    let tail: String = s
        .chars()
        .rev()
        .take(25)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{head} … {tail}")
}

#[test]
fn every_fixture_reads_to_its_seed_or_is_refused() {
    let dir = fixtures_dir();
    let manifest_path = dir.join("manifest.json");
    let Ok(text) = std::fs::read_to_string(&manifest_path) else {
        assert!(
            std::env::var_os("WSIS_FIXTURES_REQUIRED").is_none(),
            "no fixtures at {}: make them with `bash scripts/fixtures/make.sh`",
            manifest_path.display()
        );
        eprintln!(
            "no fixtures at {}: skipped (make them with `bash scripts/fixtures/make.sh`)",
            manifest_path.display()
        );
        return;
    };
    let manifest: Manifest = serde_json::from_str(&text).expect("manifest.json reads");
    assert!(
        !manifest.fixtures.is_empty(),
        "the manifest lists no fixture"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: BTreeMap<String, Document> = BTreeMap::new();
    let accepts: BTreeMap<String, _> = wsis::registry::load(root)
        .expect("the registry loads")
        .into_iter()
        .map(|e| (e.id, e.accept))
        .collect();
    let mut table = String::from(
        "| document | variant | extractor | layout | blocks equal | differing | missing | extra | notes equal | verdict |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut details = String::new();
    let mut silent = Vec::new();
    let baseline = Baseline::read();
    let mut measured = Vec::new();
    let mut regressions = Vec::new();
    let mut unrecorded = Vec::new();
    let (mut exact, mut refused, mut lost) = (0, 0, 0);
    for f in &manifest.fixtures {
        let seed = seeds.entry(f.source.clone()).or_insert_with(|| {
            ingest::read_file(&root.join(&f.source), None)
                .unwrap_or_else(|e| panic!("{}: {e}", f.source))
                .document
        });
        let path = if Path::new(&f.path).is_absolute() {
            PathBuf::from(&f.path)
        } else {
            dir.join(&f.path)
        };
        let name = format!("{}.{} {} {}", f.doc, f.lang, f.variant, f.extractor);
        let (layout, verdict, c) = match ingest::read_file(&path, None) {
            Err(e) => {
                refused += 1;
                let first = e.to_string().lines().next().unwrap_or("").to_string();
                let _ = writeln!(details, "\n### {name}: refused\n\n    {first}");
                ("—".to_string(), "refused (read error)".to_string(), None)
            }
            Ok(i) => {
                let extracted = std::fs::read_to_string(&path).unwrap_or_default();
                let c = compare(seed, &i.document, &Kept::of(&extracted));
                // The anomalies the document's registry entry accepts (the seed has them too)
                // do not refuse a reading, as in a build.
                let accepted = accepts.get(&f.doc);
                let anomalies = i
                    .report
                    .anomalies
                    .iter()
                    .filter(|a| accepted.is_none_or(|acc| !acc.contains_key(&a.kind)))
                    .count();
                let verdict = if c.exact() {
                    exact += 1;
                    if anomalies == 0 {
                        "equal".to_string()
                    } else {
                        format!("equal, {anomalies} anomalies")
                    }
                } else if anomalies > 0 {
                    refused += 1;
                    format!("refused ({anomalies} anomalies)")
                } else if c.misread == 0 {
                    lost += 1;
                    "differs where the extractor lost words".to_string()
                } else {
                    silent.push(name.clone());
                    format!("**misread silently** ({} blocks or notes)", c.misread)
                };
                let _ = writeln!(details, "\n### {name}: {verdict}\n");
                for a in i.report.anomalies.iter().take(5) {
                    let _ = writeln!(details, "- anomaly, line {}: {}", a.line, a.message);
                }
                for d in c.differing.iter().chain(&c.notes_differing).take(8) {
                    let _ = writeln!(details, "- {d}");
                }
                if !c.missing.is_empty() {
                    let _ = writeln!(details, "- missing: {}", c.missing.join(", "));
                }
                if !c.extra.is_empty() {
                    let _ = writeln!(details, "- extra: {}", c.extra.join(", "));
                }
                (i.layout.to_string(), verdict, Some(c))
            }
        };
        let (blocks_equal, notes_equal) = c.as_ref().map_or((0, 0), |c| (c.equal, c.notes_equal));
        let key = format!("{}.{}\t{}\t{}", f.doc, f.lang, f.variant, f.extractor);
        let misread = verdict.starts_with("**misread");
        if misread && !baseline.0.contains_key(&key) {
            unrecorded.push(name.clone());
        }
        if let Some(was) = baseline.0.get(&key) {
            if blocks_equal < was.blocks || notes_equal < was.notes || (misread && !was.misread) {
                regressions.push(format!(
                    "{name}: {blocks_equal} blocks and {notes_equal} notes equal{} (baseline: {} and {}{})",
                    if misread { ", misread silently" } else { "" },
                    was.blocks,
                    was.notes,
                    if was.misread { ", misread silently" } else { "" }
                ));
            }
        }
        measured.push(format!(
            "{key}\t{blocks_equal}\t{notes_equal}\t{}",
            if misread { "misread" } else { "sound" }
        ));
        let cells = match &c {
            Some(c) => format!(
                "{}/{} | {} | {} | {} | {}/{}",
                c.equal,
                c.blocks,
                c.differing.len(),
                c.missing.len(),
                c.extra.len(),
                c.notes_equal,
                c.notes
            ),
            None => "— | — | — | — | —".to_string(),
        };
        let _ = writeln!(
            table,
            "| {}.{} | {} | {} | {layout} | {cells} | {verdict} |",
            f.doc, f.lang, f.variant, f.extractor
        );
    }
    let summary = format!(
        "{} fixtures: {exact} read to the seed's model, {refused} refused by the structure report or the reader, {lost} differ only where the extractor lost words, {} misread silently\n",
        manifest.fixtures.len(),
        silent.len()
    );
    let report =
        format!("# Fixtures against their seeds\n\n{summary}\n{table}\n## Details\n{details}");
    let _ = std::fs::write(dir.join("report.md"), &report);
    let _ = std::fs::write(dir.join("baseline.tsv"), Baseline::text(&measured));
    println!("{summary}\n{table}");
    if std::env::var_os("WSIS_FIXTURES_BLESS").is_some() {
        std::fs::write(Baseline::path(), Baseline::text(&measured)).expect("baseline written");
        return;
    }
    assert!(
        regressions.is_empty(),
        "fixtures read worse than {} records (see {}; if a reading is better in another way, record the new figures with WSIS_FIXTURES_BLESS=1):\n{}",
        Baseline::path().display(),
        dir.join("report.md").display(),
        regressions.join("\n")
    );
    assert!(
        unrecorded.is_empty(),
        "fixtures not in {} that differ from their seed's model where the extractor kept the words, and pass as sound (see {}):\n{}",
        Baseline::path().display(),
        dir.join("report.md").display(),
        unrecorded.join("\n")
    );
}

/// What each fixture read to when it was last recorded (`tests/fixture_baseline.tsv`): a
/// reading may get better, never worse. Silent misreadings are recorded there so that they
/// stay in sight until they are mended.
struct Baseline(BTreeMap<String, Recorded>);

struct Recorded {
    blocks: usize,
    notes: usize,
    misread: bool,
}

impl Baseline {
    fn path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture_baseline.tsv")
    }

    fn read() -> Baseline {
        let text = std::fs::read_to_string(Self::path()).unwrap_or_default();
        let rows = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('\t').collect();
                let [doc, variant, extractor, blocks, notes, verdict] = cells.as_slice() else {
                    return None;
                };
                Some((
                    format!("{doc}\t{variant}\t{extractor}"),
                    Recorded {
                        blocks: blocks.parse().ok()?,
                        notes: notes.parse().ok()?,
                        misread: *verdict == "misread",
                    },
                ))
            })
            .collect();
        Baseline(rows)
    }

    fn text(rows: &[String]) -> String {
        let mut out = String::from(
            "# Fixtures (scripts/fixtures) and what they read to: document.lang, variant, extractor,\n# blocks and notes equal to the seed's model, and whether the reading differs silently\n# where the extractor kept the words (misread) or not (sound). tests/fixtures.rs fails\n# when a reading gets worse; WSIS_FIXTURES_BLESS=1 records new figures.\n",
        );
        for r in rows {
            out.push_str(r);
            out.push('\n');
        }
        out
    }
}
