//! The structure report: what a reading found, set against what the source shows.
//!
//! A reader that fails on an unfamiliar layout rarely fails loudly: it finds fewer paragraphs, or
//! none. The report counts what the model holds (blocks by role, runs of numbered paragraphs,
//! notes called and defined) and looks at the source itself for what the model should hold (lines
//! that begin with a paragraph number, in sequence). Where the two disagree, or the model shows
//! page furniture in its text, the report names an [`Anomaly`] with its line. A build refuses a
//! document with an anomaly unless its registry entry accepts that kind (`accept:`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::Deserialize;

use super::builder::note_refs;
use super::detect::is_job_number_line;
use super::labels::{first_label, label_kind, label_rank, next_label, run_together};
use crate::model::{Block, Document, Role};

/// What a reading found in one source, and what looks wrong in it.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureReport {
    /// Blocks by role, in the order of [`ROLE_ORDER`]; roles with no block are left out.
    pub roles: Vec<(Role, usize)>,
    /// Runs of top-level numbered paragraphs (`1–127`), in reading order.
    pub runs: Vec<NumberRun>,
    /// Distinct note numbers called from the text.
    pub notes_called: usize,
    /// Notes defined.
    pub notes_defined: usize,
    /// Source lines that begin with a paragraph number and continue a sequence (`66.`, `67.`,
    /// `68.`): how many numbered paragraphs the text shows.
    pub numbered_lines: usize,
    /// Blocks that carry a numeric number: how many the model holds.
    pub numbered_blocks: usize,
    pub anomalies: Vec<Anomaly>,
}

/// A run of numbered paragraphs that follow one another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberRun {
    /// `None` for the body, `Some(n)` for annex `n`.
    pub annex: Option<u32>,
    /// ITU clause slug, when the run is a clause's items.
    pub clause: Option<String>,
    pub first: String,
    pub last: String,
    pub count: usize,
}

/// Something a reading shows that a faithful reading of a sound source would not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anomaly {
    pub kind: AnomalyKind,
    /// 1-based source line.
    pub line: usize,
    pub message: String,
}

/// The kinds of anomaly, as a registry entry names them under `accept:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnomalyKind {
    /// The source shows numbered paragraphs that the model does not hold.
    UnreadNumbering,
    /// Numbers or labels that skip, repeat or go back.
    NumberingGap,
    /// A note mark without its note, a note without its mark, or a note number missing.
    UnpairedNote,
    /// Page furniture (running heads, page numbers, job numbers) in the text of the model.
    FurnitureInText,
}

impl AnomalyKind {
    pub const ALL: [AnomalyKind; 4] = [
        AnomalyKind::UnreadNumbering,
        AnomalyKind::NumberingGap,
        AnomalyKind::UnpairedNote,
        AnomalyKind::FurnitureInText,
    ];

    pub fn name(self) -> &'static str {
        match self {
            AnomalyKind::UnreadNumbering => "unread-numbering",
            AnomalyKind::NumberingGap => "numbering-gap",
            AnomalyKind::UnpairedNote => "unpaired-note",
            AnomalyKind::FurnitureInText => "furniture-in-text",
        }
    }
}

impl fmt::Display for AnomalyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The order roles are listed in.
const ROLE_ORDER: [Role; 9] = [
    Role::Heading,
    Role::Formula,
    Role::Preambular,
    Role::Operative,
    Role::Item,
    Role::ListItem,
    Role::Text,
    Role::AnnexQuotation,
    Role::Closing,
];

/// Fewer numbered lines than this in sequence say nothing: a list of three is not a document.
const MIN_NUMBERED_LINES: usize = 5;

/// The report on `doc`, read from `source` (decoded text).
pub fn report(doc: &Document, source: &str) -> StructureReport {
    let mut anomalies = Vec::new();
    let numbered_blocks = doc
        .blocks
        .iter()
        .filter(|b| b.number().is_some_and(is_arabic))
        .count();
    let (numbered_lines, first_numbered) = numbered_source_lines(source);
    if numbered_lines >= MIN_NUMBERED_LINES && numbered_blocks * 10 < numbered_lines * 9 {
        let (line, excerpt) = first_numbered.unwrap_or_default();
        anomalies.push(Anomaly {
            kind: AnomalyKind::UnreadNumbering,
            line,
            message: format!(
                "the text shows {numbered_lines} paragraph numbers in sequence (the first here: `{excerpt}`) but the reading as `{}` found {numbered_blocks} numbered paragraphs; is that the right layout?",
                doc.layout
            ),
        });
    }
    let (note_lines, first_note) = note_source_lines(source);
    if note_lines >= 2 && doc.footnotes.len() < note_lines {
        let (line, excerpt) = first_note.unwrap_or_default();
        anomalies.push(Anomaly {
            kind: AnomalyKind::UnpairedNote,
            line,
            message: format!(
                "the text shows {note_lines} notes in sequence (the first here: `{excerpt}`) but the reading as `{}` found {}",
                doc.layout,
                doc.footnotes.len()
            ),
        });
    }
    let runs = numbering(doc, &mut anomalies);
    let (notes_called, notes_defined) = notes(doc, &mut anomalies);
    furniture(doc, &mut anomalies);
    anomalies.sort_by_key(|a| (a.line, a.kind));
    let mut counts: HashMap<Role, usize> = HashMap::new();
    for b in &doc.blocks {
        let role = match b {
            Block::Heading(h) => h.role,
            Block::Paragraph(p) => p.role,
        };
        *counts.entry(role).or_default() += 1;
    }
    let roles = ROLE_ORDER
        .iter()
        .filter_map(|r| counts.get(r).map(|&n| (*r, n)))
        .collect();
    StructureReport {
        roles,
        runs,
        notes_called,
        notes_defined,
        numbered_lines,
        numbered_blocks,
        anomalies,
    }
}

fn is_arabic(number: &str) -> bool {
    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
}

/// Counts the source lines that begin with a paragraph number (`67.`, `67)`, `67⇥`, or `67.`
/// alone on its line) and continue a sequence of at least three; with the line and text of the
/// first line of the longest sequence.
fn numbered_source_lines(source: &str) -> (usize, Option<(usize, String)>) {
    struct Chain {
        len: usize,
        first_line: usize,
        excerpt: String,
    }
    let mut chains: Vec<Chain> = Vec::new();
    // The number each open chain expects next → the chain.
    let mut open: HashMap<u64, usize> = HashMap::new();
    for (i, line) in source.lines().enumerate() {
        let Some(n) = leading_paragraph_number(line) else {
            continue;
        };
        match open.remove(&n) {
            Some(c) => {
                chains[c].len += 1;
                open.insert(n + 1, c);
            }
            None => {
                chains.push(Chain {
                    len: 1,
                    first_line: i + 1,
                    excerpt: line.trim().chars().take(60).collect(),
                });
                open.insert(n + 1, chains.len() - 1);
            }
        }
    }
    let total = chains.iter().filter(|c| c.len >= 3).map(|c| c.len).sum();
    let longest = chains
        .into_iter()
        .filter(|c| c.len >= 3)
        .max_by_key(|c| (c.len, std::cmp::Reverse(c.first_line)))
        .map(|c| (c.first_line, c.excerpt));
    (total, longest)
}

/// Counts the source lines that begin a note the way text exports print one, in sequence from
/// 1 (`[1] …`, `footnote1) …`, `¹ …`), with the first one's line and text.
fn note_source_lines(source: &str) -> (usize, Option<(usize, String)>) {
    let mut next = 1;
    let mut first = None;
    for (i, line) in source.lines().enumerate() {
        let t = line.trim_start();
        let number = t
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .filter(|(_, rest)| rest.starts_with(char::is_whitespace))
            .map(|(n, _)| n.to_string())
            .or_else(|| {
                t.strip_prefix("footnote")
                    .and_then(|r| r.split_once(')'))
                    .map(|(n, _)| n.to_string())
            })
            .or_else(|| {
                let sup: String = t
                    .chars()
                    .take_while(|c| crate::text::is_superscript_digit(*c))
                    .collect();
                let rest = &t[sup.len()..];
                (!sup.is_empty() && rest.starts_with(char::is_whitespace))
                    .then(|| sup.chars().map(crate::text::superscript_to_digit).collect())
            });
        if number.as_deref() == Some(next.to_string().as_str()) {
            if next == 1 {
                first = Some((i + 1, t.chars().take(60).collect()));
            }
            next += 1;
        }
    }
    (next - 1, first)
}

/// The number a line begins with when it looks like a paragraph number: one to three digits
/// followed by `.` or `)` and a space, a tab or the end of the line, or by a tab.
fn leading_paragraph_number(line: &str) -> Option<u64> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '>');
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = t[digits..].trim_start_matches('*');
    let after = match rest.chars().next() {
        Some('.' | ')') => &rest[1..],
        Some('\t') => rest,
        _ => return None,
    };
    let after = after.trim_start_matches('*').trim_start_matches('\\');
    let ok = match after.chars().next() {
        None => true,
        Some(c) => c.is_whitespace(),
    };
    ok.then(|| t[..digits].parse().ok()).flatten()
}

/// Finds the runs of top-level numbered paragraphs and of items under each parent, and reports
/// the numbers that skip, repeat or go back.
fn numbering(doc: &Document, anomalies: &mut Vec<Anomaly>) -> Vec<NumberRun> {
    let mut runs: Vec<NumberRun> = Vec::new();
    // Scope of a paragraph's number → (index of the open run, previous label, labels used).
    type Scope = (Option<u32>, Option<String>, Option<String>);
    let mut open: HashMap<Scope, (Option<usize>, String, HashSet<String>)> = HashMap::new();
    for p in doc.paragraphs() {
        let Some(number) = p.number.as_deref() else {
            continue;
        };
        if p.role == Role::AnnexQuotation || number.is_empty() {
            continue;
        }
        let top = p.parent.is_none() && is_arabic(number);
        let item = p.parent.is_some() && number.chars().all(|c| c.is_ascii_alphanumeric());
        if !top && !item {
            continue;
        }
        let scope = (p.annex, p.clause.clone(), p.parent.clone());
        let prev = open.get(&scope).map(|(_, prev, _)| prev.clone());
        let kind = label_kind(number, prev.as_deref());
        let restart = first_label(kind).as_deref() == Some(number);
        let label = match &prev {
            None => number.to_string(),
            Some(prev) if restart && label_kind(prev, None) == kind && prev != number => {
                number.to_string()
            }
            Some(prev) => {
                let expected = next_label(prev, kind);
                let used = &open[&scope].2;
                match expected {
                    Some(exp) if exp == number => number.to_string(),
                    Some(exp) if run_together(number, &exp, Some(prev)).is_some() => exp,
                    expected => {
                        let what = if used.contains(number) {
                            "repeats"
                        } else if expected
                            .as_deref()
                            .is_some_and(|e| label_rank(number, kind) < label_rank(e, kind))
                        {
                            "goes back after"
                        } else {
                            "skips after"
                        };
                        anomalies.push(Anomaly {
                            kind: AnomalyKind::NumberingGap,
                            line: p.line,
                            message: format!(
                                "number `{number}` {what} `{prev}`{} (paragraph {})",
                                expected
                                    .map(|e| format!(": expected `{e}`"))
                                    .unwrap_or_default(),
                                p.id
                            ),
                        });
                        number.to_string()
                    }
                }
            }
        };
        let entry = open
            .entry(scope)
            .or_insert_with(|| (None, String::new(), HashSet::new()));
        if top {
            let continues = entry.0.is_some() && !(restart && prev.is_some());
            match entry.0 {
                Some(r) if continues => {
                    runs[r].last = label.clone();
                    runs[r].count += 1;
                }
                _ => {
                    runs.push(NumberRun {
                        annex: p.annex,
                        clause: p.clause.clone(),
                        first: label.clone(),
                        last: label.clone(),
                        count: 1,
                    });
                    entry.0 = Some(runs.len() - 1);
                }
            }
        }
        entry.2.insert(label.clone());
        entry.1 = label;
    }
    runs
}

/// Pairs note marks with notes; reports marks without a note, notes without a mark, and numbers
/// missing from a run of numbered notes. Returns (notes called, notes defined).
fn notes(doc: &Document, anomalies: &mut Vec<Anomaly>) -> (usize, usize) {
    let mut called: BTreeMap<&str, usize> = BTreeMap::new();
    let mut marks: Vec<(String, usize)> = Vec::new();
    for b in &doc.blocks {
        for n in note_refs(b.runs()) {
            marks.push((n, b.line()));
        }
    }
    for f in &doc.footnotes {
        for n in note_refs(&f.runs) {
            marks.push((n, f.line));
        }
    }
    for (n, line) in &marks {
        called.entry(n.as_str()).or_insert(*line);
    }
    let defined: HashSet<&str> = doc.footnotes.iter().map(|f| f.number.as_str()).collect();
    for (n, &line) in &called {
        if !defined.contains(n) {
            anomalies.push(Anomaly {
                kind: AnomalyKind::UnpairedNote,
                line,
                message: format!("note mark {n} has no note"),
            });
        }
    }
    for f in &doc.footnotes {
        if !called.contains_key(f.number.as_str()) {
            anomalies.push(Anomaly {
                kind: AnomalyKind::UnpairedNote,
                line: f.line,
                message: format!("note {} is not called from the text", f.number),
            });
        }
    }
    let mut numbered: Vec<(u64, usize)> = doc
        .footnotes
        .iter()
        .filter_map(|f| f.number.parse().ok().map(|n| (n, f.line)))
        .collect();
    numbered.sort_unstable();
    for w in numbered.windows(2) {
        let ((a, _), (b, line)) = (w[0], w[1]);
        if b > a + 1 {
            let missing = if b == a + 2 {
                format!("note {} is missing", a + 1)
            } else {
                format!("notes {} to {} are missing", a + 1, b - 1)
            };
            anomalies.push(Anomaly {
                kind: AnomalyKind::UnpairedNote,
                line,
                message: format!("{missing}: note {b} follows note {a}"),
            });
        }
    }
    (called.len(), doc.footnotes.len())
}

/// Looks for page furniture that a decoder let through: job numbers and `n/N` page numbers
/// beside a symbol in the text, and headings printed again and again (running heads).
fn furniture(doc: &Document, anomalies: &mut Vec<Anomaly>) {
    let texts = doc
        .blocks
        .iter()
        .map(|b| (b.id(), b.text(), b.line()))
        .chain(
            doc.footnotes
                .iter()
                .map(|f| (f.id.as_str(), f.text.as_str(), f.line)),
        );
    for (id, text, line) in texts {
        if let Some(what) = furniture_in(text) {
            anomalies.push(Anomaly {
                kind: AnomalyKind::FurnitureInText,
                line,
                message: format!("{id} carries what looks like page furniture: `{what}`"),
            });
        }
    }
    let mut headings: HashMap<&str, Vec<usize>> = HashMap::new();
    for h in doc.headings() {
        headings.entry(h.text.as_str()).or_default().push(h.line);
    }
    let mut repeated: Vec<(&str, Vec<usize>)> = headings
        .into_iter()
        .filter(|(_, lines)| lines.len() >= 3)
        .collect();
    repeated.sort_by_key(|(_, lines)| lines[0]);
    for (text, lines) in repeated {
        let shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
        anomalies.push(Anomaly {
            kind: AnomalyKind::FurnitureInText,
            line: lines[0],
            message: format!(
                "the heading `{}` is printed {} times (lines {}{}): a running head?",
                text.chars().take(60).collect::<String>(),
                lines.len(),
                shown.join(", "),
                if lines.len() > 5 { ", …" } else { "" }
            ),
        });
    }
}

/// The furniture in `text`, if any: a job number (`25-20412`, `GE.26-01527`) or a page number
/// `n/N` next to a document symbol (`A/RES/80/173 3/22`).
fn furniture_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if is_job_number_line(w) {
            return Some(w.to_string());
        }
        if is_page_of(w) {
            let near =
                |j: Option<usize>| j.and_then(|j| words.get(j)).is_some_and(|n| is_symbol(n));
            if near(i.checked_sub(1)) || near(Some(i + 1)) {
                let from = i.saturating_sub(1);
                return Some(words[from..(i + 2).min(words.len())].join(" "));
            }
        }
    }
    None
}

/// `3/22`: a page number out of a count.
fn is_page_of(w: &str) -> bool {
    let Some((a, b)) = w.split_once('/') else {
        return false;
    };
    let num = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    num(a) && num(b) && a.parse::<u32>().ok() <= b.parse::<u32>().ok() && a != "0"
}

/// `A/RES/80/173`, `E/2026/48`, `C26/93`: an upper-case series letter and parts split by `/`.
fn is_symbol(w: &str) -> bool {
    let parts: Vec<&str> = w.split('/').collect();
    parts.len() >= 2
        && parts[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
}

impl fmt::Display for StructureReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let roles: Vec<String> = self
            .roles
            .iter()
            .map(|(r, n)| format!("{n} {}", r.as_str()))
            .collect();
        writeln!(f, "  blocks: {}", roles.join(", "))?;
        let runs: Vec<String> = self
            .runs
            .iter()
            .map(|r| {
                let mut s = String::new();
                if let Some(a) = r.annex {
                    s.push_str(&format!("annex {a} "));
                }
                if let Some(c) = &r.clause {
                    s.push_str(&format!("{c} "));
                }
                if r.first == r.last {
                    s.push_str(&r.first);
                } else {
                    s.push_str(&format!("{}–{}", r.first, r.last));
                }
                s
            })
            .collect();
        writeln!(
            f,
            "  numbered paragraphs: {} in the model, {} numbered lines in sequence in the text{}",
            self.numbered_blocks,
            self.numbered_lines,
            if runs.is_empty() {
                String::new()
            } else {
                format!("; runs: {}", runs.join(", "))
            }
        )?;
        writeln!(
            f,
            "  notes: {} defined, {} called",
            self.notes_defined, self.notes_called
        )?;
        if self.anomalies.is_empty() {
            writeln!(f, "  anomalies: none")
        } else {
            writeln!(f, "  anomalies: {}", self.anomalies.len())?;
            for a in &self.anomalies {
                writeln!(f, "    line {}: {} — {}", a.line, a.kind, a.message)?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Footnote, Inline, Paragraph};

    fn para(
        id: &str,
        role: Role,
        number: Option<&str>,
        parent: Option<&str>,
        line: usize,
    ) -> Block {
        Block::Paragraph(Paragraph {
            id: id.into(),
            role,
            number: number.map(str::to_string),
            text: format!("Texte du paragraphe {id}."),
            runs: vec![Inline::Text {
                text: format!("Texte du paragraphe {id}."),
            }],
            footnotes: vec![],
            parent: parent.map(str::to_string),
            clause: None,
            annex: None,
            line,
        })
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            id: String::new(),
            symbol: String::new(),
            symbols: vec![],
            lang: "fr".into(),
            title: String::new(),
            layout: "pdf-text".into(),
            doc_type: Default::default(),
            source: "x.txt".into(),
            cover: vec![],
            blocks,
            footnotes: vec![],
            citations: vec![],
        }
    }

    fn kinds(r: &StructureReport) -> Vec<AnomalyKind> {
        r.anomalies.iter().map(|a| a.kind).collect()
    }

    #[test]
    fn numbered_lines_the_model_lacks_are_an_anomaly() {
        let source: String = (1..=8)
            .map(|n| format!("{n}.\nTexte du paragraphe {n}.\n"))
            .collect();
        let d = doc(vec![para("t1", Role::Text, None, None, 1)]);
        let r = report(&d, &source);
        assert_eq!(r.numbered_lines, 8);
        assert_eq!(kinds(&r), vec![AnomalyKind::UnreadNumbering]);
        assert_eq!(r.anomalies[0].line, 1);
        // The same source read into numbered paragraphs is sound.
        let blocks = (1..=8)
            .map(|n| {
                para(
                    &format!("p{n}"),
                    Role::Operative,
                    Some(&n.to_string()),
                    None,
                    2 * n - 1,
                )
            })
            .collect();
        let r = report(&doc(blocks), &source);
        assert!(r.anomalies.is_empty(), "{r}");
        assert_eq!(r.runs.len(), 1);
        assert_eq!(
            (r.runs[0].first.as_str(), r.runs[0].last.as_str()),
            ("1", "8")
        );
    }

    #[test]
    fn lines_that_only_start_with_a_number_do_not_count() {
        let source =
            "2030. Les objectifs\n17 décembre 2025\n1 A/RES/70/125\n2 A/RES/70/1\n3 Ibid.\n";
        assert_eq!(numbered_source_lines(source).0, 0);
        let tabbed = "1\tUn\n2\tDeux\n3\tTrois\n";
        assert_eq!(numbered_source_lines(tabbed).0, 3);
        assert_eq!(leading_paragraph_number("   67.   Le texte"), Some(67));
        assert_eq!(leading_paragraph_number("67)"), Some(67));
        assert_eq!(leading_paragraph_number("67.5 millions"), None);
        assert_eq!(leading_paragraph_number("1234. x"), None);
    }

    #[test]
    fn gaps_repeats_and_going_back_are_named() {
        let blocks = vec![
            para("p1", Role::Operative, Some("1"), None, 1),
            para("p2", Role::Operative, Some("2"), None, 2),
            para("p4", Role::Operative, Some("4"), None, 3),
            para("p4-a", Role::Item, Some("a"), Some("p4"), 4),
            para("p4-c", Role::Item, Some("c"), Some("p4"), 5),
            para("p4b", Role::Operative, Some("4"), None, 6),
            para("p5", Role::Operative, Some("5"), None, 7),
        ];
        let r = report(&doc(blocks), "");
        let lines: Vec<usize> = r.anomalies.iter().map(|a| a.line).collect();
        assert_eq!(lines, vec![3, 5, 6], "{r}");
        assert!(r.anomalies[0].message.contains("expected `3`"));
        assert!(r.anomalies[2].message.contains("repeats"));
    }

    #[test]
    fn restarts_and_flattened_revisions_are_not_gaps() {
        let mut annexed = para("annex1-p1", Role::Operative, Some("1"), None, 4);
        if let Block::Paragraph(p) = &mut annexed {
            p.annex = Some(1);
        }
        let blocks = vec![
            para("p1", Role::Operative, Some("1"), None, 1),
            para("p2", Role::Operative, Some("2"), None, 2),
            para("p2-a", Role::Item, Some("a"), Some("p2"), 3),
            para("p2-b", Role::Item, Some("cb"), Some("p2"), 3),
            annexed,
        ];
        let r = report(&doc(blocks), "");
        assert!(r.anomalies.is_empty(), "{r}");
        assert_eq!(r.runs.len(), 2);
    }

    #[test]
    fn notes_must_pair_and_run() {
        let mut d = doc(vec![Block::Paragraph(Paragraph {
            runs: vec![
                Inline::Text {
                    text: "Texte".into(),
                },
                Inline::NoteRef { number: "1".into() },
                Inline::NoteRef { number: "2".into() },
            ],
            ..match para("p1", Role::Operative, Some("1"), None, 1) {
                Block::Paragraph(p) => p,
                Block::Heading(_) => unreachable!(),
            }
        })]);
        let note = |n: &str, line| Footnote {
            number: n.into(),
            id: format!("fn{n}"),
            text: "Note.".into(),
            runs: vec![Inline::Text {
                text: "Note.".into(),
            }],
            referenced_from: vec![],
            line,
        };
        d.footnotes = vec![note("1", 10), note("4", 11)];
        let r = report(&d, "");
        let messages: Vec<&str> = r.anomalies.iter().map(|a| a.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "note mark 2 has no note",
                "note 4 is not called from the text",
                "notes 2 to 3 are missing: note 4 follows note 1"
            ],
            "{r}"
        );
        assert_eq!((r.notes_called, r.notes_defined), (2, 2));
    }

    #[test]
    fn notes_the_text_shows_but_the_model_lacks_are_an_anomaly() {
        let source = "1. Texte[1] et suite[2].\n\n[1] Première note.\n\n[2] Seconde note.\n";
        assert_eq!(note_source_lines(source).0, 2);
        let r = report(
            &doc(vec![para("p1", Role::Operative, Some("1"), None, 1)]),
            source,
        );
        assert_eq!(kinds(&r), vec![AnomalyKind::UnpairedNote]);
        assert_eq!(r.anomalies[0].line, 3);
        assert_eq!(note_source_lines("¹ Voir A/RES/70/1.\n² Ibid.\n").0, 2);
        assert_eq!(note_source_lines("[3] sans 1 ni 2\n").0, 0);
    }

    #[test]
    fn furniture_in_the_text_is_found() {
        assert_eq!(
            furniture_in("la société A/RES/80/173 3/22 de l'information").as_deref(),
            Some("A/RES/80/173 3/22 de")
        );
        assert_eq!(
            furniture_in("les pays 25-20412 en développement").as_deref(),
            Some("25-20412")
        );
        assert_eq!(
            furniture_in("la résolution 70/125 du 16 décembre 2015"),
            None
        );
        assert_eq!(furniture_in("les résolutions A/RES/70/1 et 3/4"), None);
        let heads = (0..4)
            .map(|i| {
                Block::Heading(crate::model::Heading {
                    id: format!("h{i}"),
                    level: 2,
                    number: None,
                    role: Role::Heading,
                    text: "A/RES/80/173".into(),
                    runs: vec![],
                    footnotes: vec![],
                    line: 10 * i + 1,
                })
            })
            .collect();
        let r = report(&doc(heads), "");
        assert_eq!(kinds(&r), vec![AnomalyKind::FurnitureInText]);
        assert!(r.anomalies[0].message.contains("4 times"));
    }
}
