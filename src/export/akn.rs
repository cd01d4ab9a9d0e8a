//! Akoma Ntoso 3.0 (AKN4UN) export: one document in one language as one XML file.
//!
//! The file is an expression of the document's work in the sense of FRBR, named by Akoma Ntoso
//! IRIs built from the registry entry ([`work_iri`]):
//!
//! ```text
//! /akn/un/<type>/<subtype>/<actor>/<date>/<number>             work (FRBRuri)
//! /akn/un/statement/deliberation/unga/2025-12-17/80-173/!main  work, main component (FRBRthis)
//! …/80-173/fra@                                               expression (FRBRuri)
//! …/80-173/fra@/!main                                         expression (FRBRthis)
//! …/80-173/fra@.akn, …/80-173/fra@/!main.akn                  manifestation
//! ```
//!
//! Document types follow the AKN4UN document classes: a resolution (a symbol `X/RES/…`) is a
//! `<statement name="resolution">` of subtype `deliberation`, because AKN4UN files deliberative
//! documents under `statement` (whose content is preface, preamble and a `mainBody` of
//! paragraphs) rather than under `act`, which is legislation with a `body` of articles. Every
//! other document is a `<doc>` (the type for documents outside the named ones, with the same
//! content model), named `report`, `resolutionDraft` (a Council contribution carrying a draft
//! resolution: its introduction and proposal are not part of a statement) or `document`.
//!
//! Every block of the model becomes one element whose `eId` comes from the block's id
//! ([`block_eid`]: `p67` → `para_67`), in reading order:
//!
//! - leading document-title headings go to `<preface>` (as `blockContainer`s), after the cover
//!   fields (`docNumber`, `docAuthority`, `docDate`, … with their printed labels);
//! - a leading enacting formula and preambular paragraphs go to `<preamble>`;
//! - the rest goes to `<mainBody>`: headings open `chapter`, `section`, `subsection`, `level` or
//!   `hcontainer` elements by level (an ITU clause heading is an `hcontainer` named
//!   `preambularClause` or `operativeClause`), paragraphs are `paragraph`s, their items `point`s,
//!   dash items `indent`s and unnumbered paragraphs inside an item `alinea`s, each with its `num`
//!   as printed and its text in `content` (or in `intro` when it has items);
//! - trailing closing lines go to `<conclusions>`;
//! - each annex is an `<attachment>` holding a `<doc name="annex">` built the same way.
//!
//! Notes are `authorialNote`s where their first mark is (later marks are `noteRef`s); a note
//! that no block marks stands in the preface. Resolved references become `<ref href>` around
//! the printed reference, pointing to the cited paragraph (`<work IRI>#para_67`) or to the
//! official copy outside the corpus; emphasis is `<i>` / `<b>`.
//!
//! An expression in a language whose text is partial (a translation that gives only some
//! blocks) holds the whole document as the site shows it ([`crate::align::shown`]): each block
//! or note with no text in that language is given in the reference language, marked with
//! `xml:lang`, listed in `<proprietary>` and counted in a comment at the top.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::align::{self, Shown};
use crate::diagnostic::{Error, Result};
use crate::model::{
    Block, Citation, CitationStatus, CoverField, Document, DocumentType, Emphasis, Footnote,
    Heading, Inline, Paragraph, Role,
};
use crate::registry::DocumentEntry;
use crate::render::document_page::{heading_number, paragraph_number};
use crate::render::inline::Span;

/// The Akoma Ntoso 3.0 namespace.
pub const AKN_NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The namespace of wsis's own metadata, in `<proprietary>`.
pub const WSIS_NS: &str = "urn:x-wsis:akn-export:1";

/// The media type written in `FRBRformat`.
pub const AKN_MEDIA_TYPE: &str = "application/akn+xml";

/// Options of an export.
#[derive(Debug, Clone)]
pub struct AknOptions {
    /// The date of the manifestation (`FRBRManifestation/FRBRdate`), ISO `YYYY-MM-DD`.
    pub generated: String,
}

impl Default for AknOptions {
    /// Today, or the day of `SOURCE_DATE_EPOCH` when it is set.
    fn default() -> Self {
        AknOptions {
            generated: crate::bundle::now().iso_date(),
        }
    }
}

/// The Akoma Ntoso XML of `entry`'s text in `lang`, completed where it is partial as its page is
/// (see the module's documentation). `documents` are the linked texts of the corpus and
/// `entries` the registry, for the IRIs of cited documents. Fails when the document has no text
/// in `lang`.
pub fn akn(
    entries: &[DocumentEntry],
    documents: &[Document],
    entry: &DocumentEntry,
    lang: &str,
    opts: &AknOptions,
) -> Result<String> {
    let shown = align::shown(documents, entry, lang)?;
    if shown.main.lang != lang {
        return Err(Error::Other(format!(
            "{} has no {lang} text to export",
            entry.id
        )));
    }
    let reference_lang = align::reference_language(entry);
    let reference = documents
        .iter()
        .find(|d| d.id == entry.id && d.lang == reference_lang && d.lang != lang);
    Ok(Writer::new(entries, entry, &shown, reference, opts).document())
}

/// How a document is typed (AKN4UN document class).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Resolution,
    DraftResolution,
    Report,
    Other,
}

impl DocKind {
    /// The type the registry declares (`type:`); failing that, a resolution carries a symbol
    /// `X/RES/…`. A draft resolution's English title says so
    /// (`Draft … resolution …`). A report's title or short name says so in some language, or it
    /// carries a main-series symbol of the General Assembly, the Economic and Social Council or
    /// the Security Council (`A/81/62`: that series is the one of the reports; a letter or a note
    /// in it would be typed as a report too).
    pub fn of(entry: &DocumentEntry) -> DocKind {
        match entry.doc_type {
            Some(DocumentType::Resolution) => return DocKind::Resolution,
            Some(DocumentType::DraftResolution) => return DocKind::DraftResolution,
            Some(DocumentType::Report) => return DocKind::Report,
            Some(DocumentType::Document) => return DocKind::Other,
            None => {}
        }
        if entry.symbols.iter().any(|s| s.contains("/RES/")) {
            return DocKind::Resolution;
        }
        let english = entry
            .title
            .get("en")
            .or_else(|| entry.title.values().next())
            .map_or(String::new(), |t| t.to_lowercase());
        let says_report = entry
            .title
            .values()
            .chain(entry.short.values())
            .map(|t| t.to_lowercase())
            .any(|t| t.contains("report") || t.contains("rapport"));
        if english.starts_with("draft") && english.contains("resolution") {
            DocKind::DraftResolution
        } else if says_report || entry.symbols.iter().any(|s| is_main_series(s)) {
            DocKind::Report
        } else {
            DocKind::Other
        }
    }

    /// The document element.
    pub fn element(self) -> &'static str {
        match self {
            DocKind::Resolution => "statement",
            _ => "doc",
        }
    }

    /// The document element's `name`.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Resolution => "resolution",
            DocKind::DraftResolution => "resolutionDraft",
            DocKind::Report => "report",
            DocKind::Other => "document",
        }
    }

    /// The subtype (`FRBRsubtype` and the IRI's second component).
    pub fn subtype(self) -> &'static str {
        match self {
            DocKind::Resolution => "deliberation",
            other => other.name(),
        }
    }

    /// The name of the work's date.
    fn date_name(self) -> &'static str {
        match self {
            DocKind::Resolution => "adoption",
            _ => "publication",
        }
    }
}

/// `A/81/62`, `E/2026/48`, `S/2025/10/Add.1`: a document of the main series of the General
/// Assembly, the Economic and Social Council or the Security Council.
fn is_main_series(symbol: &str) -> bool {
    let mut parts = symbol.split('/');
    let organ = parts.next().unwrap_or_default();
    let numbers: Vec<&str> = parts
        .take_while(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    matches!(organ, "A" | "E" | "S") && numbers.len() >= 2
}

/// The ISO 639-2 code Akoma Ntoso names a language by (`fr` → `fra`); a code it does not know
/// is returned as it is.
pub fn lang3(lang: &str) -> &str {
    match lang {
        "fr" => "fra",
        "en" => "eng",
        "es" => "spa",
        "ar" => "ara",
        "zh" => "zho",
        "ru" => "rus",
        "de" => "deu",
        "it" => "ita",
        "pt" => "por",
        other => other,
    }
}

/// The model's language code for an ISO 639-2 code (`fra` → `fr`).
pub fn lang2(code: &str) -> &str {
    match code {
        "fra" | "fre" => "fr",
        "eng" => "en",
        "spa" => "es",
        "ara" => "ar",
        "zho" | "chi" => "zh",
        "rus" => "ru",
        "deu" | "ger" => "de",
        "ita" => "it",
        "por" => "pt",
        other => other,
    }
}

/// The issuing bodies of a document, each as `(actor, English name)`, from its registry entry
/// (`General Assembly; Economic and Social Council` → `unga`, `ecosoc`).
fn bodies(entry: &DocumentEntry) -> Vec<(String, String)> {
    let english = entry
        .body
        .get("en")
        .or_else(|| entry.body.values().next())
        .map_or("", String::as_str);
    english
        .split(';')
        .map(|b| b.split('(').next().unwrap_or_default().trim())
        .filter(|b| !b.is_empty())
        .map(|b| {
            let actor = match b.to_lowercase().as_str() {
                "general assembly" => "unga".to_string(),
                "security council" => "unsc".to_string(),
                "economic and social council" => "ecosoc".to_string(),
                "secretary-general" => "unsg".to_string(),
                "itu council" => "itu-council".to_string(),
                other => crate::text::slug(other),
            };
            (actor, b.to_string())
        })
        .collect()
}

/// The actor component of a document's IRI: its issuing bodies' short names joined by `-`.
pub fn actor(entry: &DocumentEntry) -> String {
    let actors: Vec<String> = bodies(entry).into_iter().map(|(a, _)| a).collect();
    if actors.is_empty() {
        "un".to_string()
    } else {
        actors.join("-")
    }
}

/// The number component of a document's IRI: a resolution's session and number (`A/RES/80/173`
/// → `80-173`, as AKN4UN numbers General Assembly resolutions), another symbol as a slug
/// (`A/81/62` → `a-81-62`), or the registry id of a document without a symbol.
pub fn work_number(entry: &DocumentEntry) -> String {
    match entry.symbols.first() {
        Some(s) => {
            let core = s.split_once("/RES/").map_or(s.as_str(), |(_, rest)| rest);
            let slug = crate::text::slug(core);
            if slug.is_empty() {
                entry.id.clone()
            } else {
                slug
            }
        }
        None => entry.id.clone(),
    }
}

/// The work IRI: `/akn/un/<type>/<subtype>/<actor>/<date>/<number>`. The date is the
/// registry's, as precise as it is (`2026` when only the year is printed).
pub fn work_iri(entry: &DocumentEntry) -> String {
    let kind = DocKind::of(entry);
    format!(
        "/akn/un/{}/{}/{}/{}/{}",
        kind.element(),
        kind.subtype(),
        actor(entry),
        entry.date,
        work_number(entry)
    )
}

/// The expression IRI of the text in `lang`: `<work>/fra@`.
pub fn expression_iri(entry: &DocumentEntry, lang: &str) -> String {
    format!("{}/{}@", work_iri(entry), lang3(lang))
}

/// The `eId` of a block, from its model id: `p67` → `para_67`, `p5-a` → `para_5__a`, `pp3` →
/// `rec_3`, `annex1-p67` → `annex_1__para_67`; any other id is kept, with characters an `eId`
/// does not take replaced by `_`. Distinct ids give distinct eIds.
pub fn block_eid(id: &str) -> String {
    if let Some((n, rest)) = annex_prefix(id) {
        return format!("annex_{n}__{}", block_eid(rest));
    }
    for (prefix, name) in [("pp", "rec"), ("p", "para")] {
        if let Some(rest) = id.strip_prefix(prefix) {
            let number_len = numbered_prefix(rest);
            if number_len > 0 {
                let (number, tail) = rest.split_at(number_len);
                return match tail.strip_prefix('-') {
                    None if tail.is_empty() => format!("{name}_{number}"),
                    Some(item) if !item.is_empty() => {
                        format!("{name}_{number}__{}", sanitise(item))
                    }
                    _ => sanitise(id),
                };
            }
        }
    }
    sanitise(id)
}

/// The `eId` of a note: `fn12` → `fn_12`, `fn-star` → `fn_star`.
pub fn note_eid(id: &str) -> String {
    match id.strip_prefix("fn") {
        Some(rest) if !rest.is_empty() => format!("fn_{}", sanitise(rest.trim_start_matches('-'))),
        _ => format!("fn_{}", sanitise(id)),
    }
}

/// `annex2-p5` → `(2, "p5")`.
fn annex_prefix(id: &str) -> Option<(&str, &str)> {
    let rest = id.strip_prefix("annex")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let (n, tail) = rest.split_at(digits);
    let tail = tail.strip_prefix('-')?;
    (digits > 0 && !tail.is_empty()).then_some((n, tail))
}

/// The annex a block stands in, if any.
fn annex_of(b: &Block) -> Option<String> {
    if let Block::Paragraph(Paragraph { annex: Some(n), .. }) = b {
        return Some(n.to_string());
    }
    annex_prefix(b.id()).map(|(n, _)| n.to_string())
}

/// The length of the leading `12` or `2-1` (digits, groups joined by `-`) of `s`.
fn numbered_prefix(s: &str) -> usize {
    let mut end = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            break;
        }
        end = i;
        if i < bytes.len() && bytes[i] == b'-' {
            i += 1;
        } else {
            break;
        }
    }
    end
}

fn sanitise(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".to_string()
    } else {
        out
    }
}

/// Escapes text for XML content. Characters XML 1.0 does not allow (C0 controls other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD.
pub fn escape_text(s: &str) -> String {
    escape(s, false)
}

/// Escapes text for a double-quoted XML attribute value (also `"`, and tab and line breaks as
/// character references, so that they survive attribute normalisation).
pub fn escape_attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\t' | '\n' | '\r' if attr => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// An XML comment's text: `--` may not occur in it.
fn comment_text(s: &str) -> String {
    let mut t = escape_text(s);
    while t.contains("--") {
        t = t.replace("--", "- -");
    }
    t
}

/// A date attribute for `FRBRdate`, which takes a full date, and what is known of it:
/// `2026` → `2026-01-01`, "year only".
fn full_date(date: &str) -> (String, Option<&'static str>) {
    match date.len() {
        4 => (format!("{date}-01-01"), Some("year only")),
        7 => (format!("{date}-01"), Some("month only")),
        _ => (date.to_string(), None),
    }
}

/// A printed date (`19 décembre 2025`, `1er janvier 2026`, `9 February 2026`) as ISO, when it
/// reads as one.
pub fn parse_printed_date(s: &str) -> Option<String> {
    const MONTHS: [(&str, &str); 12] = [
        ("janvier", "january"),
        ("février", "february"),
        ("mars", "march"),
        ("avril", "april"),
        ("mai", "may"),
        ("juin", "june"),
        ("juillet", "july"),
        ("août", "august"),
        ("septembre", "september"),
        ("octobre", "october"),
        ("novembre", "november"),
        ("décembre", "december"),
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    let day: u32 = day
        .trim_end_matches("er")
        .trim_end_matches(',')
        .parse()
        .ok()?;
    let month = month.to_lowercase();
    let month = MONTHS
        .iter()
        .position(|(fr, en)| *fr == month || *en == month)? as u32
        + 1;
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: u32 = year.parse().ok()?;
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days)
        .contains(&day)
        .then(|| format!("{year}-{month:02}-{day:02}"))
}

/// Only http(s) addresses become links.
fn is_web_address(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && !s.chars().any(char::is_whitespace)
}

/// The blocks of a document part (the main text, an annex), split into where they go.
#[derive(Default)]
struct Part<'a> {
    titles: Vec<Shown1<'a>>,
    preamble: Vec<Shown1<'a>>,
    body: Vec<Shown1<'a>>,
    conclusions: Vec<Shown1<'a>>,
}

/// A block with the text it is shown from.
type Shown1<'a> = (&'a Block, &'a Document);

impl<'a> Part<'a> {
    /// Leading document-title headings go to the preface; for the main text, a leading formula
    /// and preambular paragraphs to the preamble and trailing closing lines to the conclusions.
    /// The body keeps at least one block.
    fn split(blocks: &[Shown1<'a>], main: bool) -> Part<'a> {
        let mut rest = blocks;
        let titles = rest
            .iter()
            .take_while(|(b, _)| matches!(b, Block::Heading(h) if h.level <= 1))
            .count()
            .min(rest.len().saturating_sub(1));
        let (title_blocks, after) = rest.split_at(titles);
        rest = after;
        let (mut preamble, mut conclusions) = (0, 0);
        if main {
            // A paragraph of one of `roles` that is not an item of another.
            let lone = |b: &Block, roles: &[Role]| match b {
                Block::Paragraph(p) => roles.contains(&p.role) && p.parent.is_none(),
                Block::Heading(_) => false,
            };
            preamble = rest
                .iter()
                .take_while(|(b, _)| lone(b, &[Role::Formula, Role::Preambular]))
                .count();
            // A preambular paragraph with items stays in the body, where items can follow it.
            while preamble > 0
                && rest
                    .get(preamble)
                    .is_some_and(|(b, _)| has_parent(b, rest[preamble - 1].0.id()))
            {
                preamble -= 1;
            }
            conclusions = rest[preamble..]
                .iter()
                .rev()
                .take_while(|(b, _)| lone(b, &[Role::Closing]))
                .count();
            if preamble + conclusions >= rest.len() {
                (preamble, conclusions) = (0, 0);
            }
        }
        let (pre, after) = rest.split_at(preamble);
        let (body, concl) = after.split_at(after.len() - conclusions);
        Part {
            titles: title_blocks.to_vec(),
            preamble: pre.to_vec(),
            body: body.to_vec(),
            conclusions: concl.to_vec(),
        }
    }
}

fn has_parent(b: &Block, id: &str) -> bool {
    matches!(b, Block::Paragraph(p) if p.parent.as_deref() == Some(id))
}

/// The blocks of a part as a tree in reading order: headings contain what follows them up to a
/// heading of the same or a higher level, paragraphs contain their items. Returns each node's
/// children and the roots.
fn tree(blocks: &[Shown1<'_>]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut children = vec![Vec::new(); blocks.len()];
    let mut roots = Vec::new();
    // The chain from a root to the last node placed: a node may only go under one of these, so
    // that the tree read in order gives the blocks in order.
    let mut path: Vec<usize> = Vec::new();
    for (i, (b, _)) in blocks.iter().enumerate() {
        match b {
            Block::Heading(h) => {
                while let Some(&top) = path.last() {
                    match blocks[top].0 {
                        Block::Heading(t) if t.level < h.level => break,
                        _ => {
                            path.pop();
                        }
                    }
                }
            }
            Block::Paragraph(p) => {
                let parent = p
                    .parent
                    .as_deref()
                    .and_then(|pid| path.iter().rposition(|&j| blocks[j].0.id() == pid));
                match parent {
                    Some(k) => path.truncate(k + 1),
                    None => {
                        while path
                            .last()
                            .is_some_and(|&j| matches!(blocks[j].0, Block::Paragraph(_)))
                        {
                            path.pop();
                        }
                    }
                }
            }
        }
        match path.last() {
            Some(&parent) => children[parent].push(i),
            None => roots.push(i),
        }
        path.push(i);
    }
    (children, roots)
}

struct Writer<'a> {
    out: String,
    entry: &'a DocumentEntry,
    shown: &'a Shown<'a>,
    /// The reference text, when it is not the one exported.
    reference: Option<&'a Document>,
    opts: &'a AknOptions,
    /// The expression's language.
    lang: &'a str,
    entries: HashMap<&'a str, &'a DocumentEntry>,
    /// Notes by number, with the text each is shown from.
    notes: HashMap<&'a str, (&'a Footnote, &'a Document)>,
    /// Numbers of the notes already written.
    written: HashSet<String>,
    /// The citations of each text shown, by the block or note they are in.
    citations: HashMap<(&'a str, &'a str), Vec<&'a Citation>>,
}

impl<'a> Writer<'a> {
    fn new(
        entries: &'a [DocumentEntry],
        entry: &'a DocumentEntry,
        shown: &'a Shown<'a>,
        reference: Option<&'a Document>,
        opts: &'a AknOptions,
    ) -> Writer<'a> {
        Writer {
            out: String::new(),
            entry,
            shown,
            reference,
            opts,
            lang: &shown.main.lang,
            entries: entries.iter().map(|e| (e.id.as_str(), e)).collect(),
            notes: shown
                .notes
                .iter()
                .map(|&(f, d)| (f.number.as_str(), (f, d)))
                .collect(),
            written: HashSet::new(),
            citations: {
                let mut by_from: HashMap<(&str, &str), Vec<&Citation>> = HashMap::new();
                // Every text a block or note is shown from (the main one and the reference).
                let mut texts: Vec<&Document> = vec![shown.main];
                let shown_from = shown.blocks.iter().map(|&(_, d)| d);
                for d in shown_from.chain(shown.notes.iter().map(|&(_, d)| d)) {
                    if !texts.iter().any(|t| std::ptr::eq(*t, d)) {
                        texts.push(d);
                    }
                }
                for d in texts {
                    for c in &d.citations {
                        by_from
                            .entry((d.lang.as_str(), c.from.as_str()))
                            .or_default()
                            .push(c);
                    }
                }
                by_from
            },
        }
    }

    fn document(mut self) -> String {
        let kind = DocKind::of(self.entry);
        let fallback_blocks: Vec<&str> = self
            .shown
            .blocks
            .iter()
            .filter(|(_, d)| d.lang != self.lang)
            .map(|(b, _)| b.id())
            .collect();
        let fallback_notes: Vec<&str> = self
            .shown
            .notes
            .iter()
            .filter(|(_, d)| d.lang != self.lang)
            .map(|(f, _)| f.id.as_str())
            .collect();
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            self.out,
            "<!-- {} -->",
            comment_text(&format!(
                "{} ({}): Akoma Ntoso 3.0 export by wsis of {}.",
                self.entry.name_in(self.lang),
                self.lang,
                self.shown.main.source
            ))
        );
        if !fallback_blocks.is_empty() || !fallback_notes.is_empty() {
            let other = self.fallback_lang().unwrap_or_default();
            let _ = writeln!(
                self.out,
                "<!-- {} -->",
                comment_text(&format!(
                    "Fallback: {} of {} blocks and {} of {} notes have no {} text and are given in {other} (xml:lang=\"{other}\"); they are listed in meta/proprietary.",
                    fallback_blocks.len(),
                    self.shown.blocks.len(),
                    fallback_notes.len(),
                    self.shown.notes.len(),
                    self.lang,
                ))
            );
        }
        let _ = writeln!(self.out, "<akomaNtoso xmlns=\"{AKN_NS}\">");
        let _ = writeln!(self.out, "  <{} name=\"{}\">", kind.element(), kind.name());
        self.meta(kind, &fallback_blocks, &fallback_notes);

        // The main text, then each annex.
        let blocks = &self.shown.blocks;
        let first_annex = blocks
            .iter()
            .position(|(b, _)| annex_of(b).is_some())
            .unwrap_or(blocks.len());
        let main = Part::split(&blocks[..first_annex], true);
        let mut annexes: Vec<(String, Vec<Shown1<'a>>)> = Vec::new();
        for &(b, d) in &blocks[first_annex..] {
            let n = annex_of(b);
            match annexes.last_mut() {
                Some((m, list)) if n.is_none() || n.as_deref() == Some(m.as_str()) => {
                    list.push((b, d))
                }
                _ => annexes.push((n.unwrap_or_else(|| "1".into()), vec![(b, d)])),
            }
        }
        self.preface(&main.titles, true, 2);
        self.preamble(&main.preamble);
        self.main_body(&main.body, 2);
        if !main.conclusions.is_empty() {
            self.line(2, "<conclusions>");
            for &(b, d) in &main.conclusions {
                self.block_container(b, d, "closing", 3);
            }
            self.line(2, "</conclusions>");
        }
        if !annexes.is_empty() {
            self.line(2, "<attachments>");
            for (n, list) in &annexes {
                let part = Part::split(list, false);
                self.line(3, "<attachment>");
                self.line(4, "<doc name=\"annex\">");
                self.line(5, "<meta>");
                let mut languages: Vec<&str> = list
                    .iter()
                    .map(|(_, d)| d.lang.as_str())
                    .filter(|l| *l != self.lang)
                    .collect();
                languages.sort_unstable();
                languages.dedup();
                self.identification(kind, &format!("annex_{n}"), 6, &languages, false);
                self.line(5, "</meta>");
                self.preface(&part.titles, false, 5);
                self.main_body(&part.body, 5);
                self.line(4, "</doc>");
                self.line(3, "</attachment>");
            }
            self.line(2, "</attachments>");
        }
        let _ = writeln!(self.out, "  </{}>", kind.element());
        self.out.push_str("</akomaNtoso>\n");
        self.out
    }

    /// The language blocks are shown in when they are not in the expression's.
    fn fallback_lang(&self) -> Option<&'a str> {
        self.shown
            .blocks
            .iter()
            .map(|(_, d)| d.lang.as_str())
            .chain(self.shown.notes.iter().map(|(_, d)| d.lang.as_str()))
            .find(|l| *l != self.lang)
    }

    fn line(&mut self, depth: usize, s: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn lang_attr(lang: &str, inherited: &str) -> String {
        if lang == inherited {
            String::new()
        } else {
            format!(" xml:lang=\"{}\"", escape_attr(lang))
        }
    }

    fn meta(&mut self, kind: DocKind, fallback_blocks: &[&str], fallback_notes: &[&str]) {
        self.line(2, "<meta>");
        let languages: Vec<&str> = self.fallback_lang().into_iter().collect();
        self.identification(kind, "main", 3, &languages, true);
        // References: the issuing bodies, wsis, and the roles they play.
        self.line(3, "<references source=\"#wsis\">");
        let local = |i: usize| -> String {
            self.entry
                .body
                .get(self.lang)
                .and_then(|b| b.split(';').nth(i))
                .map(|b| b.split('(').next().unwrap_or_default().trim().to_string())
                .unwrap_or_default()
        };
        let orgs: Vec<(String, String)> = bodies(self.entry)
            .into_iter()
            .enumerate()
            .map(|(i, (actor, english))| {
                let shown = local(i);
                (actor, if shown.is_empty() { english } else { shown })
            })
            .collect();
        for (actor, name) in orgs {
            let s = format!(
                "<TLCOrganization eId=\"{a}\" href=\"/ontology/organization/un/{a}\" showAs=\"{}\"/>",
                escape_attr(&name),
                a = escape_attr(&actor)
            );
            self.line(4, &s);
        }
        self.line(
            4,
            "<TLCOrganization eId=\"wsis\" href=\"/ontology/organization/wsis\" showAs=\"wsis\"/>",
        );
        for role in ["author", "translator", "editor"] {
            let s = format!(
                "<TLCRole eId=\"{role}\" href=\"/ontology/role/{role}\" showAs=\"{role}\"/>"
            );
            self.line(4, &s);
        }
        self.line(3, "</references>");
        // wsis's own record: the registry id and title, the source, and what is shown from
        // another text.
        self.line(3, "<proprietary source=\"#wsis\">");
        let s = format!(
            "<wsis:export xmlns:wsis=\"{WSIS_NS}\" document=\"{}\" language=\"{}\" source=\"{}\" layout=\"{}\">",
            escape_attr(&self.entry.id),
            escape_attr(self.lang),
            escape_attr(&self.shown.main.source),
            escape_attr(&self.shown.main.layout),
        );
        self.line(4, &s);
        let s = format!(
            "<wsis:title>{}</wsis:title>",
            escape_text(self.entry.title_in(self.lang))
        );
        self.line(5, &s);
        if let Some(other) = self.fallback_lang() {
            let s = format!(
                "<wsis:fallback language=\"{}\" blocks=\"{}\" notes=\"{}\"/>",
                escape_attr(other),
                escape_attr(&fallback_blocks.join(" ")),
                escape_attr(&fallback_notes.join(" "))
            );
            self.line(5, &s);
        }
        self.line(4, "</wsis:export>");
        self.line(3, "</proprietary>");
        self.line(2, "</meta>");
    }

    /// `<identification>` of the document (`component` = `main`) or of an annex
    /// (`annex_1`), with `extra_languages` in the expression besides its own.
    fn identification(
        &mut self,
        kind: DocKind,
        component: &str,
        depth: usize,
        extra_languages: &[&str],
        main: bool,
    ) {
        let entry = self.entry;
        let work = work_iri(entry);
        let expr = expression_iri(entry, self.lang);
        let reference = align::reference_language(entry);
        let official = self.lang == reference;
        let (date, precision) = full_date(&entry.date);
        let date_name = match precision {
            Some(p) => format!("{} ({p})", kind.date_name()),
            None => kind.date_name().to_string(),
        };
        let authors: Vec<String> = bodies(entry).into_iter().map(|(a, _)| a).collect();
        let d = depth;
        self.line(d, "<identification source=\"#wsis\">");
        self.line(d + 1, "<FRBRWork>");
        self.line(
            d + 2,
            &format!(
                "<FRBRthis value=\"{}\"/>",
                escape_attr(&format!("{work}/!{component}"))
            ),
        );
        self.line(
            d + 2,
            &format!("<FRBRuri value=\"{}\"/>", escape_attr(&work)),
        );
        if main {
            self.line(
                d + 2,
                &format!(
                    "<FRBRalias name=\"wsis\" value=\"{}\"/>",
                    escape_attr(&entry.id)
                ),
            );
        }
        self.line(
            d + 2,
            &format!(
                "<FRBRdate date=\"{date}\" name=\"{}\"/>",
                escape_attr(&date_name)
            ),
        );
        for a in &authors {
            self.line(
                d + 2,
                &format!("<FRBRauthor href=\"#{}\" as=\"#author\"/>", escape_attr(a)),
            );
        }
        self.line(d + 2, "<FRBRcountry value=\"un\"/>");
        self.line(
            d + 2,
            &format!("<FRBRsubtype value=\"{}\"/>", kind.subtype()),
        );
        for s in &entry.symbols {
            self.line(
                d + 2,
                &format!("<FRBRnumber value=\"{}\"/>", escape_attr(s)),
            );
        }
        if entry.symbols.is_empty() {
            self.line(
                d + 2,
                &format!("<FRBRname value=\"{}\"/>", escape_attr(&work_number(entry))),
            );
        }
        self.line(d + 1, "</FRBRWork>");
        self.line(d + 1, "<FRBRExpression>");
        self.line(
            d + 2,
            &format!(
                "<FRBRthis value=\"{}\"/>",
                escape_attr(&format!("{expr}/!{component}"))
            ),
        );
        self.line(
            d + 2,
            &format!("<FRBRuri value=\"{}\"/>", escape_attr(&expr)),
        );
        self.line(
            d + 2,
            &format!(
                "<FRBRdate date=\"{date}\" name=\"{}\"/>",
                escape_attr(&date_name)
            ),
        );
        if official {
            for a in &authors {
                self.line(
                    d + 2,
                    &format!("<FRBRauthor href=\"#{}\" as=\"#author\"/>", escape_attr(a)),
                );
            }
        } else {
            // A text in another language than the reference one is the project's own
            // translation.
            self.line(d + 2, "<FRBRauthor href=\"#wsis\" as=\"#translator\"/>");
        }
        self.line(d + 2, &format!("<FRBRauthoritative value=\"{official}\"/>"));
        if !official {
            self.line(
                d + 2,
                &format!(
                    "<FRBRmasterExpression href=\"{}\" showAs=\"{}\"/>",
                    escape_attr(&expression_iri(entry, reference)),
                    escape_attr(&format!("{} ({reference})", entry.name_in(reference)))
                ),
            );
        }
        self.line(
            d + 2,
            &format!("<FRBRlanguage language=\"{}\"/>", lang3(self.lang)),
        );
        for l in extra_languages {
            self.line(
                d + 2,
                &format!("<FRBRlanguage language=\"{}\"/>", escape_attr(lang3(l))),
            );
        }
        if !official {
            self.line(
                d + 2,
                &format!(
                    "<FRBRtranslation href=\"{}\" fromLanguage=\"{}\" authoritative=\"false\" by=\"#wsis\"/>",
                    escape_attr(&expression_iri(entry, reference)),
                    escape_attr(lang3(reference))
                ),
            );
        }
        self.line(d + 1, "</FRBRExpression>");
        self.line(d + 1, "<FRBRManifestation>");
        self.line(
            d + 2,
            &format!(
                "<FRBRthis value=\"{}\"/>",
                escape_attr(&format!("{expr}/!{component}.akn"))
            ),
        );
        self.line(
            d + 2,
            &format!(
                "<FRBRuri value=\"{}\"/>",
                escape_attr(&format!("{expr}.akn"))
            ),
        );
        let (generated, _) = full_date(&self.opts.generated);
        self.line(
            d + 2,
            &format!(
                "<FRBRdate date=\"{}\" name=\"generation\"/>",
                escape_attr(&generated)
            ),
        );
        self.line(d + 2, "<FRBRauthor href=\"#wsis\" as=\"#editor\"/>");
        self.line(d + 2, &format!("<FRBRformat value=\"{AKN_MEDIA_TYPE}\"/>"));
        self.line(d + 1, "</FRBRManifestation>");
        self.line(d, "</identification>");
    }

    /// The cover fields (main text only), the document-title headings and the notes no block
    /// marks (main text only).
    fn preface(&mut self, titles: &[Shown1<'a>], main: bool, depth: usize) {
        let cover: Vec<(&'a CoverField, &'a str)> = if main {
            let from = match self.reference {
                Some(r) if self.shown.main.cover.is_empty() => r,
                _ => self.shown.main,
            };
            from.cover.iter().map(|f| (f, from.lang.as_str())).collect()
        } else {
            Vec::new()
        };
        let unmarked: Vec<(&'a Footnote, &'a Document)> = if main {
            let marked: HashSet<&str> = self
                .shown
                .blocks
                .iter()
                .flat_map(|(b, _)| b.runs())
                .filter_map(|r| match r {
                    Inline::NoteRef { number } => Some(number.as_str()),
                    _ => None,
                })
                .collect();
            self.shown
                .notes
                .iter()
                .filter(|(f, _)| !marked.contains(f.number.as_str()))
                .copied()
                .collect()
        } else {
            Vec::new()
        };
        if cover.is_empty() && titles.is_empty() && unmarked.is_empty() {
            return;
        }
        self.line(depth, "<preface>");
        if !cover.is_empty() {
            let lang = cover[0].1;
            let open = format!(
                "<container name=\"cover\"{}>",
                Self::lang_attr(lang, self.lang)
            );
            self.line(depth + 1, &open);
            for (f, _) in &cover {
                self.cover_field(f, depth + 2);
            }
            self.line(depth + 1, "</container>");
        }
        for &(b, d) in titles {
            self.block_container(b, d, "title", depth + 1);
        }
        if !unmarked.is_empty() {
            // Notes whose mark is in no block (a note on the cover): kept here, in the order
            // they are printed.
            self.line(depth + 1, "<container name=\"notes\">");
            self.indent(depth + 2);
            self.out.push_str("<p>");
            for (f, d) in unmarked {
                let lang = self.lang;
                self.note(f, d, lang);
            }
            self.out.push_str("</p>\n");
            self.line(depth + 1, "</container>");
        }
        self.line(depth, "</preface>");
    }

    fn cover_field(&mut self, f: &CoverField, depth: usize) {
        let value = escape_text(&f.value);
        let inner = match f.key.as_str() {
            "symbol" => format!("<docNumber>{value}</docNumber>"),
            "body" => format!("<docAuthority>{value}</docAuthority>"),
            "title" => format!("<docTitle>{value}</docTitle>"),
            "session" => format!("<session>{value}</session>"),
            "committee" => format!("<docCommittee>{value}</docCommittee>"),
            "author" => format!("<docProponent>{value}</docProponent>"),
            "date" => match parse_printed_date(&f.value) {
                Some(iso) => format!("<docDate date=\"{iso}\">{value}</docDate>"),
                None => format!("<inline name=\"date\">{value}</inline>"),
            },
            key => format!("<inline name=\"{}\">{value}</inline>", escape_attr(key)),
        };
        let label = f
            .label
            .as_deref()
            .map(|l| format!("<inline name=\"label\">{}</inline> ", escape_text(l)))
            .unwrap_or_default();
        let s = format!("<p class=\"{}\">{label}{inner}</p>", escape_attr(&f.key));
        self.line(depth, &s);
    }

    /// A block outside the hierarchy (a title in the preface, a closing line): a
    /// `blockContainer` with its number and its text in a `p`.
    fn block_container(&mut self, b: &'a Block, from: &'a Document, class: &str, depth: usize) {
        self.indent(depth);
        let _ = write!(
            self.out,
            "<blockContainer eId=\"{}\" class=\"{class}\"{}>",
            escape_attr(&block_eid(b.id())),
            Self::lang_attr(&from.lang, self.lang)
        );
        if let Some(n) = display_number(b) {
            let _ = write!(self.out, "<num>{}</num>", escape_text(&n));
        }
        self.out.push_str("<p>");
        let title = class == "title";
        if title {
            self.out.push_str("<docTitle>");
        }
        self.block_runs(b, from);
        if title {
            self.out.push_str("</docTitle>");
        }
        self.out.push_str("</p></blockContainer>\n");
    }

    fn preamble(&mut self, blocks: &[Shown1<'a>]) {
        if blocks.is_empty() {
            return;
        }
        self.line(2, "<preamble>");
        let mut in_recitals = false;
        for &(b, d) in blocks {
            let Block::Paragraph(p) = b else { continue };
            let recital = p.role == Role::Preambular;
            if recital != in_recitals {
                self.line(3, if recital { "<recitals>" } else { "</recitals>" });
                in_recitals = recital;
            }
            let depth = if recital { 4 } else { 3 };
            self.indent(depth);
            let (tag, extra) = if recital {
                ("recital", String::new())
            } else {
                ("formula", " name=\"enactingFormula\"".to_string())
            };
            let _ = write!(
                self.out,
                "<{tag}{extra} eId=\"{}\" class=\"{}\"{}>",
                escape_attr(&block_eid(&p.id)),
                p.role.as_str(),
                Self::lang_attr(&d.lang, self.lang)
            );
            if recital {
                if let Some(n) = display_number(b) {
                    let _ = write!(self.out, "<num>{}</num>", escape_text(&n));
                }
            }
            self.out.push_str("<p>");
            self.block_runs(b, d);
            let _ = writeln!(self.out, "</p></{tag}>");
        }
        if in_recitals {
            self.line(3, "</recitals>");
        }
        self.line(2, "</preamble>");
    }

    fn main_body(&mut self, blocks: &[Shown1<'a>], depth: usize) {
        self.line(depth, "<mainBody>");
        if blocks.is_empty() {
            self.line(depth + 1, "<p/>");
        }
        let (children, roots) = tree(blocks);
        let lang = self.lang;
        for r in roots {
            self.node(blocks, &children, r, None, lang, depth + 1);
        }
        self.line(depth, "</mainBody>");
    }

    /// One block and what it contains. `parent` is the block it stands in, `inherited` the
    /// language in force where it is written.
    fn node(
        &mut self,
        blocks: &[Shown1<'a>],
        children: &[Vec<usize>],
        i: usize,
        parent: Option<&Block>,
        inherited: &str,
        depth: usize,
    ) {
        let (b, from) = blocks[i];
        let lang_attr = Self::lang_attr(&from.lang, inherited);
        let eid = escape_attr(&block_eid(b.id()));
        let kids = &children[i];
        let (tag, attrs) = match b {
            Block::Heading(h) => heading_element(h, kids.iter().map(|&k| blocks[k].0)),
            Block::Paragraph(p) => {
                let in_paragraph = matches!(parent, Some(Block::Paragraph(_)));
                let tag = match p.role {
                    Role::Item => "point",
                    Role::ListItem => "indent",
                    _ if in_paragraph => "alinea",
                    _ => "paragraph",
                };
                (tag, format!(" class=\"{}\"", p.role.as_str()))
            }
        };
        self.indent(depth);
        let _ = write!(self.out, "<{tag} eId=\"{eid}\"{attrs}{lang_attr}>");
        if let Some(n) = display_number(b) {
            let _ = write!(self.out, "<num>{}</num>", escape_text(&n));
        }
        match b {
            Block::Heading(_) => {
                self.out.push_str("<heading>");
                self.block_runs(b, from);
                self.out.push_str("</heading>");
            }
            Block::Paragraph(_) => {
                let wrapper = if kids.is_empty() { "content" } else { "intro" };
                let _ = write!(self.out, "<{wrapper}><p>");
                self.block_runs(b, from);
                let _ = write!(self.out, "</p></{wrapper}>");
            }
        }
        if kids.is_empty() {
            let _ = writeln!(self.out, "</{tag}>");
            return;
        }
        self.out.push('\n');
        for &k in kids {
            self.node(blocks, children, k, Some(b), &from.lang, depth + 1);
        }
        self.indent(depth);
        let _ = writeln!(self.out, "</{tag}>");
    }

    /// A block's runs, with its references as `<ref>`.
    fn block_runs(&mut self, b: &Block, from: &'a Document) {
        let spans = self.spans(from, b.id());
        self.runs(b.runs(), &spans, &from.lang, false);
    }

    /// The references of block or note `id` of text `from` that can be linked, as spans of its
    /// text, in order and not overlapping.
    fn spans(&self, from: &Document, id: &str) -> Vec<Span> {
        let mut cites: Vec<&Citation> = self
            .citations
            .get(&(from.lang.as_str(), id))
            .into_iter()
            .flatten()
            .copied()
            .filter(|c| c.end > c.start)
            .collect();
        cites.sort_by_key(|c| (c.start, c.end));
        let mut out: Vec<Span> = Vec::new();
        for c in cites {
            if out.last().is_some_and(|s| s.end > c.start) {
                continue;
            }
            if let Some(href) = self.citation_href(c) {
                out.push(Span {
                    start: c.start,
                    end: c.end,
                    open: format!("<ref href=\"{}\">", escape_attr(&href)),
                    close: "</ref>".into(),
                    after: String::new(),
                });
            }
        }
        out
    }

    /// Where a reference points: the cited paragraph of a corpus document (`<work>#para_67`),
    /// the cited document, or the official copy of a text outside the corpus.
    fn citation_href(&self, c: &Citation) -> Option<String> {
        if c.status == CitationStatus::Unresolved {
            return None;
        }
        if let Some(target) = c.target_doc.as_deref().and_then(|t| self.entries.get(t)) {
            let work = work_iri(target);
            return Some(match c.target_ids.first() {
                Some(id) => format!("{work}#{}", block_eid(id)),
                None => work,
            });
        }
        c.url.clone().filter(|u| is_web_address(u))
    }

    /// Runs as inline XML. `lang` is the language of the text the runs belong to (for the
    /// notes written inside them); inside a note, marks of other notes are `noteRef`s.
    fn runs(&mut self, runs: &[Inline], spans: &[Span], lang: &str, in_note: bool) {
        let mut pos = 0;
        // Consecutive runs of plain text (a link trace is plain text) are written as one, so
        // that a reference over them is one `<ref>`.
        let mut plain = String::new();
        let mut plain_at = 0;
        for run in runs {
            if let Inline::Text { text } | Inline::Link { text, target: None } = run {
                if plain.is_empty() {
                    plain_at = pos;
                }
                plain.push_str(text);
                pos += text.len();
                continue;
            }
            if let Inline::Link {
                text,
                target: Some(t),
            } = run
            {
                if !is_web_address(t) {
                    if plain.is_empty() {
                        plain_at = pos;
                    }
                    plain.push_str(text);
                    pos += text.len();
                    continue;
                }
            }
            self.text_with_spans(&std::mem::take(&mut plain), plain_at, spans);
            match run {
                Inline::Emphasis { style, text } => {
                    let tag = match style {
                        Emphasis::Bold => "b",
                        Emphasis::Italic => "i",
                    };
                    let _ = write!(self.out, "<{tag}>");
                    self.text_with_spans(text, pos, spans);
                    let _ = write!(self.out, "</{tag}>");
                    pos += text.len();
                }
                Inline::NoteRef { number } => self.note_mark(number, lang, in_note),
                Inline::Link { text, target } => {
                    let _ = write!(
                        self.out,
                        "<a href=\"{}\">{}</a>",
                        escape_attr(target.as_deref().unwrap_or_default()),
                        escape_text(text)
                    );
                    pos += text.len();
                }
                Inline::Text { .. } => {}
            }
        }
        self.text_with_spans(&plain, plain_at, spans);
    }

    /// Writes `text`, which starts at byte `pos` of its block's text, wrapping the parts that
    /// spans cover in `<ref>`.
    fn text_with_spans(&mut self, text: &str, pos: usize, spans: &[Span]) {
        crate::render::inline::text_with_spans(&mut self.out, text, pos, spans, escape_text);
    }

    /// A note's mark: the note itself the first time, a `noteRef` to it afterwards.
    fn note_mark(&mut self, number: &str, lang: &str, in_note: bool) {
        match self.notes.get(number).copied() {
            Some((f, d)) if !in_note && !self.written.contains(number) => self.note(f, d, lang),
            Some((f, _)) => {
                let _ = write!(
                    self.out,
                    "<noteRef marker=\"{}\" href=\"#{}\"/>",
                    escape_attr(number),
                    escape_attr(&note_eid(&f.id))
                );
            }
            // A mark without a note (reported at ingestion) is kept, pointing nowhere.
            None => {
                let _ = write!(
                    self.out,
                    "<noteRef marker=\"{}\" href=\"#\" class=\"unresolved\"/>",
                    escape_attr(number)
                );
            }
        }
    }

    /// An `authorialNote`, where it is marked; `inherited` is the language in force there.
    fn note(&mut self, f: &'a Footnote, from: &'a Document, inherited: &str) {
        self.written.insert(f.number.clone());
        let _ = write!(
            self.out,
            "<authorialNote marker=\"{}\" placement=\"bottom\" eId=\"{}\"{}><p>",
            escape_attr(&f.number),
            escape_attr(&note_eid(&f.id)),
            Self::lang_attr(&from.lang, inherited)
        );
        let spans = self.spans(from, &f.id);
        self.runs(&f.runs, &spans, &from.lang, true);
        self.out.push_str("</p></authorialNote>");
    }
}

/// The element of a heading and its attributes: an ITU clause heading (one whose paragraphs
/// are the clause's) is an `hcontainer` named for the clause's kind; other headings are
/// `hcontainer name="title"` (level 1), `chapter`, `section`, `subsection` or `level`.
fn heading_element<'b>(
    h: &Heading,
    mut children: impl Iterator<Item = &'b Block>,
) -> (&'static str, String) {
    let clause = children.find_map(|b| match b {
        Block::Paragraph(p) if p.clause.is_some() => Some(p.role),
        _ => None,
    });
    match clause {
        Some(Role::Preambular) => ("hcontainer", " name=\"preambularClause\"".into()),
        Some(_) => ("hcontainer", " name=\"operativeClause\"".into()),
        None => match h.level {
            0 | 1 => ("hcontainer", " name=\"title\"".into()),
            2 => ("chapter", String::new()),
            3 => ("section", String::new()),
            4 => ("subsection", String::new()),
            _ => ("level", String::new()),
        },
    }
}

/// A block's number as printed (`67.`, `a)`, `I.`).
fn display_number(b: &Block) -> Option<String> {
    match b {
        Block::Heading(h) => h.number.as_deref().map(heading_number),
        Block::Paragraph(p) => paragraph_number(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::akn_read::read;
    use crate::model::{CitationKind, Footnote};
    use std::collections::BTreeMap;

    fn entry(
        id: &str,
        symbols: &[&str],
        date: &str,
        body_en: &str,
        title_en: &str,
    ) -> DocumentEntry {
        let map = |fr: &str, en: &str| -> BTreeMap<String, String> {
            [
                ("fr".to_string(), fr.to_string()),
                ("en".to_string(), en.to_string()),
            ]
            .into_iter()
            .collect()
        };
        DocumentEntry {
            id: id.into(),
            yaml: format!("{id}.yaml").into(),
            symbols: symbols.iter().map(|s| s.to_string()).collect(),
            body: map("Assemblée générale", body_en),
            date: date.into(),
            title: map("Titre", title_en),
            short: BTreeMap::new(),
            accept: Default::default(),
            doc_type: None,
            sources: [("fr", "fr.txt")]
                .into_iter()
                .map(|(l, p)| {
                    (
                        l.to_string(),
                        crate::registry::Source {
                            lang: l.into(),
                            path: p.into(),
                            relative: p.into(),
                            layout: None,
                        },
                    )
                })
                .collect(),
        }
    }

    fn para(id: &str, role: Role, number: Option<&str>, runs: Vec<Inline>) -> Block {
        let text: String = runs.iter().map(Inline::text).collect();
        Block::Paragraph(Paragraph {
            id: id.into(),
            role,
            number: number.map(str::to_string),
            text,
            footnotes: vec![],
            runs,
            parent: None,
            clause: None,
            annex: None,
            line: 1,
        })
    }

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(
            escape_text("a < b & c > \"d\""),
            "a &lt; b &amp; c &gt; \"d\""
        );
        assert_eq!(
            escape_attr("\"x\" & <y>\n"),
            "&quot;x&quot; &amp; &lt;y&gt;&#10;"
        );
        // Characters XML 1.0 cannot carry are replaced, never written raw.
        assert_eq!(
            escape_text("a\u{0}b\u{c}c\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(escape_text("tab\there"), "tab\there");
        assert_eq!(comment_text("a -- b --- c"), "a - - b - - - c");
    }

    #[test]
    fn block_ids_map_to_akn_eids() {
        assert_eq!(block_eid("p67"), "para_67");
        assert_eq!(block_eid("p2-1"), "para_2-1");
        assert_eq!(block_eid("p5-a"), "para_5__a");
        assert_eq!(block_eid("p5-a-ii"), "para_5__a-ii");
        assert_eq!(block_eid("pp3"), "rec_3");
        assert_eq!(block_eid("annex1-p67"), "annex_1__para_67");
        assert_eq!(block_eid("annex12-q1"), "annex_12__q1");
        assert_eq!(block_eid("t4"), "t4");
        assert_eq!(block_eid("formula-1"), "formula-1");
        assert_eq!(block_eid("decide-3-a"), "decide-3-a");
        assert_eq!(block_eid("s-i-a"), "s-i-a");
        assert_eq!(block_eid("pending"), "pending");
        assert_eq!(block_eid("p"), "p");
        assert_eq!(block_eid("a b"), "a_b");
        assert_eq!(note_eid("fn12"), "fn_12");
        assert_eq!(note_eid("fn-star"), "fn_star");
        // Distinct ids give distinct eIds.
        let ids = ["p1", "pp1", "p1-1", "p11", "annex1-p1", "t1", "fn1", "p1-a"];
        let eids: HashSet<String> = ids.iter().map(|i| block_eid(i)).collect();
        assert_eq!(eids.len(), ids.len());
    }

    #[test]
    fn iris_follow_the_akn4un_naming() {
        let res = entry(
            "a-res-80-173",
            &["A/RES/80/173"],
            "2025-12-17",
            "General Assembly",
            "Outcome document",
        );
        assert_eq!(DocKind::of(&res), DocKind::Resolution);
        assert_eq!(
            work_iri(&res),
            "/akn/un/statement/deliberation/unga/2025-12-17/80-173"
        );
        assert_eq!(
            expression_iri(&res, "fr"),
            "/akn/un/statement/deliberation/unga/2025-12-17/80-173/fra@"
        );
        let report = entry(
            "a-81-62-e-2026-48",
            &["A/81/62", "E/2026/48"],
            "2026-02-09",
            "General Assembly; Economic and Social Council",
            "Progress made",
        );
        assert_eq!(
            work_iri(&report),
            "/akn/un/doc/report/unga-ecosoc/2026-02-09/a-81-62"
        );
        let itu = entry(
            "itu-final-report-wsis",
            &[],
            "2026",
            "ITU Council (contribution of the Russian Federation)",
            "Final report",
        );
        assert_eq!(
            work_iri(&itu),
            "/akn/un/doc/report/itu-council/2026/itu-final-report-wsis"
        );
        let draft = entry(
            "c26-93",
            &["C26/93"],
            "2026-04-14",
            "ITU Council",
            "Draft revision of Council Resolution 1332",
        );
        assert_eq!(
            expression_iri(&draft, "en"),
            "/akn/un/doc/resolutionDraft/itu-council/2026-04-14/c26-93/eng@"
        );
        assert_eq!(
            (lang3("fr"), lang3("en"), lang2("fra"), lang2("eng")),
            ("fra", "eng", "fr", "en")
        );
        assert!(is_main_series("A/81/62") && is_main_series("E/2026/48"));
        assert!(!is_main_series("A/RES/80/173") && !is_main_series("C26/93"));
        assert!(!is_main_series("A/C.2/80/L.4"));
        assert_eq!(full_date("2026"), ("2026-01-01".into(), Some("year only")));
        assert_eq!(full_date("2025-12-17"), ("2025-12-17".into(), None));
    }

    #[test]
    fn printed_dates_read_in_both_languages() {
        assert_eq!(
            parse_printed_date("19 décembre 2025").as_deref(),
            Some("2025-12-19")
        );
        assert_eq!(
            parse_printed_date("1er janvier 2026").as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(
            parse_printed_date("9 February 2026").as_deref(),
            Some("2026-02-09")
        );
        assert_eq!(parse_printed_date("30 février 2026"), None);
        assert_eq!(parse_printed_date("Quatre-vingtième session"), None);
    }

    #[test]
    fn a_small_document_is_written_whole_and_reads_back() {
        let e = entry(
            "a-res-1-1",
            &["A/RES/1/1"],
            "2025-12-17",
            "General Assembly",
            "T",
        );
        let mut item = para("p1-a", Role::Item, Some("a"), vec![text("point <a> & b")]);
        if let Block::Paragraph(p) = &mut item {
            p.parent = Some("p1".into());
        }
        let doc = Document {
            id: "a-res-1-1".into(),
            symbol: "A/RES/1/1".into(),
            symbols: vec!["A/RES/1/1".into()],
            lang: "fr".into(),
            title: "Titre".into(),
            layout: "un-markdown".into(),
            doc_type: Default::default(),
            source: "fr.txt".into(),
            cover: vec![CoverField {
                key: "date".into(),
                label: None,
                value: "19 décembre 2025".into(),
                line: 1,
            }],
            blocks: vec![
                Block::Heading(Heading {
                    id: "s-1-1".into(),
                    level: 1,
                    number: Some("1/1".into()),
                    role: Role::Heading,
                    text: "Titre".into(),
                    runs: vec![text("Titre")],
                    footnotes: vec![],
                    line: 2,
                }),
                para(
                    "formula-1",
                    Role::Formula,
                    None,
                    vec![text("L'Assemblée générale,")],
                ),
                para(
                    "pp1",
                    Role::Preambular,
                    None,
                    vec![
                        Inline::Emphasis {
                            style: Emphasis::Italic,
                            text: "Rappelant".into(),
                        },
                        text(" sa résolution 70/125"),
                        Inline::NoteRef { number: "1".into() },
                        text(","),
                    ],
                ),
                Block::Heading(Heading {
                    id: "h1".into(),
                    level: 2,
                    number: None,
                    role: Role::Heading,
                    text: "Suite".into(),
                    runs: vec![text("Suite")],
                    footnotes: vec![],
                    line: 3,
                }),
                para(
                    "p1",
                    Role::Operative,
                    Some("1"),
                    vec![
                        text("Décide, voir le paragraphe 2"),
                        Inline::NoteRef { number: "1".into() },
                    ],
                ),
                item,
                para("p2", Role::Operative, Some("2"), vec![text("Prie.")]),
                para(
                    "closing-1",
                    Role::Closing,
                    None,
                    vec![text("1re séance plénière")],
                ),
            ],
            footnotes: vec![Footnote {
                number: "1".into(),
                id: "fn1".into(),
                text: "Voir A/RES/70/125.".into(),
                runs: vec![text("Voir A/RES/70/125.")],
                referenced_from: vec!["pp1".into(), "p1".into()],
                line: 9,
            }],
            citations: vec![{
                let mut c = Citation::new(
                    "p1",
                    "Décide, voir ".len(),
                    "Décide, voir le paragraphe 2".len(),
                    "le paragraphe 2",
                    CitationKind::Explicit,
                );
                c.status = CitationStatus::Unverified;
                c.target_doc = Some("a-res-1-1".into());
                c.target_ids = vec!["p2".into()];
                c
            }],
        };
        let docs = [doc];
        let xml = akn(
            std::slice::from_ref(&e),
            &docs,
            &e,
            "fr",
            &AknOptions {
                generated: "2026-01-02".into(),
            },
        )
        .unwrap();
        assert!(xml.contains("<statement name=\"resolution\">"), "{xml}");
        assert!(xml.contains("<FRBRthis value=\"/akn/un/statement/deliberation/unga/2025-12-17/1-1/fra@/!main\"/>"), "{xml}");
        assert!(
            xml.contains("<docDate date=\"2025-12-19\">19 décembre 2025</docDate>"),
            "{xml}"
        );
        assert!(
            xml.contains("<formula name=\"enactingFormula\" eId=\"formula-1\""),
            "{xml}"
        );
        assert!(xml.contains("<recital eId=\"rec_1\" class=\"preambular\"><p><i>Rappelant</i> sa résolution 70/125<authorialNote marker=\"1\" placement=\"bottom\" eId=\"fn_1\"><p>Voir A/RES/70/125.</p></authorialNote>,</p></recital>"), "{xml}");
        assert!(xml.contains("<ref href=\"/akn/un/statement/deliberation/unga/2025-12-17/1-1#para_2\">le paragraphe 2</ref><noteRef marker=\"1\" href=\"#fn_1\"/>"), "{xml}");
        assert!(
            xml.contains("<paragraph eId=\"para_1\" class=\"operative\"><num>1.</num><intro><p>"),
            "{xml}"
        );
        assert!(xml.contains("<point eId=\"para_1__a\" class=\"item\"><num>a)</num><content><p>point &lt;a&gt; &amp; b</p></content></point>"), "{xml}");
        assert!(xml.contains("<conclusions>"), "{xml}");
        let back = read(&xml).unwrap();
        let got: Vec<(String, Option<String>, String)> = back
            .blocks
            .iter()
            .map(|b| (b.eid.clone(), b.num.clone(), b.text.clone()))
            .collect();
        let want: Vec<(String, Option<String>, String)> = docs[0]
            .blocks
            .iter()
            .map(|b| (block_eid(b.id()), display_number(b), b.text().to_string()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(back.notes.len(), 1);
        assert_eq!(
            (back.notes[0].marker.as_str(), back.notes[0].text.as_str()),
            ("1", "Voir A/RES/70/125.")
        );
        assert_eq!(back.language, "fra");
    }
}
