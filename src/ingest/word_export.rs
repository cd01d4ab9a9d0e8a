//! Reader for documents saved from a word processor as plain text ("Word export"), the way ITU
//! and UN documents come out of Word's "Save as text":
//!
//! - one paragraph per line; a paragraph's number or label is separated from its text by a TAB
//!   (`67\t…`, `2.1\t…`, `a)\t…`, `iv)\t…`, `–\t…`), chapter headings are `I\tTitle`;
//! - lines that begin with TABs and no label are indented paragraphs inside an item;
//! - a title is a line of capitals after white space (` \tTITLE`), or a line that begins with a
//!   space (` Rapport final …`); a title may wrap over lines that begin in lower case;
//! - the cover page of an ITU Council document prints labels (`Objet`, `Suite à donner par le
//!   Conseil` …) each followed by its value on the next line(s), and TAB-indented header fields
//!   (`Document C26/93-F`, `Original: russe`, the date …);
//! - footnote marks are `[footnoteRef:N]` and the note's text follows later on the same line as
//!   `[N: \ttext]`, sometimes running over the next line(s) until its closing `]`;
//! - field traces `[bookmark: …]` and `[image: …]`, separators `_____`, page numbers `- 2 -`
//!   and running headers that are a document symbol alone (`C2001/#-F`) are not text;
//! - ITU resolutions: an enacting formula (`Le Conseil de l'UIT,`) then clause keywords on lines
//!   of their own (`rappelant`, `décide`, `charge le Secrétaire général` / `recalling`,
//!   `resolves`, `instructs …`), each followed by its labelled items;
//! - annexes start at a line `ANNEXE` / `Annex 2`; an annex whose numbered paragraphs do not
//!   count 1, 2, 3 … quotes another document's paragraphs (annex quotations).

use super::builder::{DocBuilder, Para};
use super::vocabulary::printed_date;
use crate::model::{text_with_marks, Block, Inline, Role};
use crate::text::is_space;

/// Reads a Word export into the builder.
pub fn read(text: &str, b: &mut DocBuilder) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // The lines that carry debris, without it; the others are read where they are.
    let stripped: Vec<Option<String>> = text
        .lines()
        .map(|l| {
            DEBRIS
                .iter()
                .any(|d| l.contains(d))
                .then(|| strip_debris(l))
        })
        .collect();
    let lines: Vec<SrcLine> = text
        .lines()
        .zip(&stripped)
        .enumerate()
        .map(|(i, (raw, s))| SrcLine::new(i + 1, raw, s.as_deref().unwrap_or(raw)))
        .collect();
    let mut reader = Reader::new(&lines);
    reader.run(b);
}

// ---------------------------------------------------------------------------------------------
// Lines and their shapes
// ---------------------------------------------------------------------------------------------

/// Field traces the export leaves in the text; each runs to the next `]` and is dropped.
const DEBRIS: [&str; 2] = ["[bookmark:", "[image:"];

/// Characters printed in front of a dash list item.
const DASHES: [&str; 6] = ["–", "-", "—", "•", "·", "o"];

/// One source line, its debris removed and its indentation measured.
#[derive(Debug, Clone)]
struct SrcLine<'a> {
    /// 1-based line number.
    no: usize,
    /// Leading TABs.
    tabs: usize,
    /// Leading spaces other than TABs (ordinary or no-break).
    spaces: usize,
    /// The whole line, debris removed (used when a note runs over from the line before).
    full: &'a str,
    shape: Shape<'a>,
}

/// What a line is, before context is taken into account. Its texts are parts of the line.
#[derive(Debug, Clone, PartialEq)]
enum Shape<'a> {
    /// Empty, or white space only (also a line that held only debris).
    Blank,
    /// `________` separator, `- 2 -` page number, a running header that is a symbol alone.
    Furniture,
    /// `Annexe: 1` / `Annexes: 2` / `Annex: 1`: the template's count of annexes.
    AnnexCount { label: String, value: String },
    /// `ANNEXE`, `Annexe 2`, `ANNEX A`: the start of an annex (the text as printed).
    AnnexMarker { number: Option<u32>, text: &'a str },
    /// A label, a TAB, and the text.
    Labelled { label: Label, text: &'a str },
    /// A dash list item.
    Dash { text: &'a str },
    /// A line without label.
    Plain { text: &'a str },
}

/// A label as printed before the TAB.
#[derive(Debug, Clone, PartialEq)]
enum Label {
    /// `67`, `1415` (a trailing `.` or `)` dropped).
    Arabic(String),
    /// `2.1`, `3.2.1`.
    Dotted(String),
    /// `a)`, `fg)`, `iv)`, `(b)`: letters or a roman number in brackets.
    Alpha(String),
    /// `I`, `IV`, `II.`: a chapter number.
    UpperRoman(String),
    /// `A`, `B.`: a section letter.
    UpperLetter(String),
}

impl<'a> SrcLine<'a> {
    /// `full` is `raw` without its debris.
    fn new(no: usize, raw: &str, full: &'a str) -> Self {
        let (tabs, spaces, rest) = split_indent(full);
        let body = rest.trim_end_matches(is_white);
        let shape = if raw.chars().all(is_white) || body.is_empty() {
            Shape::Blank
        } else {
            shape_of(body)
        };
        SrcLine {
            no,
            tabs,
            spaces,
            full,
            shape,
        }
    }

    /// Indented (TABs or spaces) or not.
    fn indented(&self) -> bool {
        self.tabs + self.spaces > 0
    }
}

/// White space for structure: ASCII white space and the typographic spaces.
fn is_white(c: char) -> bool {
    is_space(c) || c.is_whitespace() || c == '\u{FEFF}'
}

/// Removes `[bookmark: …]` and `[image: …]` traces; an unclosed trace is kept as text.
fn strip_debris(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        let next = DEBRIS
            .iter()
            .filter_map(|d| rest.find(d).map(|p| (p, d.len())))
            .min_by_key(|(p, _)| *p);
        let Some((p, len)) = next else {
            out.push_str(rest);
            return out;
        };
        let after = &rest[p + len..];
        match after.find(']') {
            Some(q) => {
                out.push_str(&rest[..p]);
                rest = &after[q + 1..];
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// Counts the leading TABs and other spaces; returns them with the rest of the line.
fn split_indent(s: &str) -> (usize, usize, &str) {
    let (mut tabs, mut spaces) = (0, 0);
    for (i, c) in s.char_indices() {
        if c == '\t' {
            tabs += 1;
        } else if c == '\u{FEFF}' {
            // A byte-order mark is not indentation.
        } else if is_white(c) {
            spaces += 1;
        } else {
            return (tabs, spaces, &s[i..]);
        }
    }
    (tabs, spaces, "")
}

/// The shape of a non-blank line body (indentation already removed).
fn shape_of(body: &str) -> Shape<'_> {
    if is_furniture(body) {
        return Shape::Furniture;
    }
    if let Some((label, value)) = annex_count(body) {
        return Shape::AnnexCount { label, value };
    }
    if let Some(number) = annex_marker(body) {
        return Shape::AnnexMarker { number, text: body };
    }
    if let Some((head, text)) = body.split_once('\t') {
        let head = head.trim_matches(is_white);
        if DASHES.contains(&head) {
            return Shape::Dash { text };
        }
        if let Some(label) = parse_label(head) {
            return Shape::Labelled { label, text };
        }
    }
    Shape::Plain { text: body }
}

/// Separators (`____`), page numbers (`- 2 -`) and running headers made of a document symbol
/// alone (`C2001/#-F`, `C26/93-F`).
fn is_furniture(body: &str) -> bool {
    let t = body.trim_matches(is_white);
    if t.chars().count() >= 3 && t.chars().all(|c| c == '_') {
        return true;
    }
    if let Some(inner) = t.strip_prefix('-').and_then(|r| r.strip_suffix('-')) {
        let inner = inner.trim_matches(is_white);
        if !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    is_symbol_alone(t)
}

/// A document symbol standing alone with its language suffix: `C26/93-F`, `C2001/#-E`,
/// `CWG-WSIS&SDG-44/8-F`. Such a line is a running page header.
fn is_symbol_alone(t: &str) -> bool {
    if t.chars().any(is_white) || !t.contains('/') {
        return false;
    }
    let Some((stem, lang)) = t.rsplit_once('-') else {
        return false;
    };
    let lang_ok = matches!(lang, "E" | "F" | "S" | "A" | "C" | "R");
    let starts_upper = stem.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let chars_ok = stem
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/#-&().".contains(c));
    lang_ok && starts_upper && chars_ok
}

/// `Annexe: 1`, `Annexes: 2`, `Annex: 1`, `Annexes : 2` → (label, value).
fn annex_count(body: &str) -> Option<(String, String)> {
    let (label, value) = body.split_once(':')?;
    let label = label.trim_matches(is_white);
    let value = value.trim_matches(is_white);
    let word = label.to_lowercase();
    let is_annex_word = matches!(word.as_str(), "annexe" | "annexes" | "annex");
    (is_annex_word && !value.is_empty() && value.chars().all(|c| c.is_ascii_digit()))
        .then(|| (label.to_string(), value.to_string()))
}

/// `ANNEXE`, `Annexe`, `ANNEX`, `Annexe 2`, `ANNEX A` alone on a line → the annex number if
/// printed as digits.
fn annex_marker(body: &str) -> Option<Option<u32>> {
    let mut words = body.split(is_white).filter(|w| !w.is_empty());
    let first = words.next()?.to_lowercase();
    if first != "annexe" && first != "annex" {
        return None;
    }
    let number = words.next();
    if words.next().is_some() {
        return None;
    }
    match number {
        None => Some(None),
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => Some(n.parse().ok()),
        Some(n) if n.chars().count() == 1 && n.chars().all(|c| c.is_ascii_uppercase()) => {
            Some(None)
        }
        Some(_) => None,
    }
}

/// Classifies the text before a TAB as a label, or `None` if it is not one.
fn parse_label(head: &str) -> Option<Label> {
    if head.is_empty() || head.chars().count() > 8 {
        return None;
    }
    let digits = head.trim_end_matches(['.', ')']);
    if !digits.is_empty() && digits.len() <= 6 && digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(Label::Arabic(digits.to_string()));
    }
    let dotted = head.trim_end_matches('.');
    if dotted.contains('.')
        && dotted
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(Label::Dotted(dotted.to_string()));
    }
    if let Some(inner) = head.strip_suffix(')') {
        let inner = inner.strip_prefix('(').unwrap_or(inner);
        if !inner.is_empty()
            && inner.chars().count() <= 5
            && inner.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Some(Label::Alpha(inner.to_string()));
        }
        return None;
    }
    let word = head.strip_suffix('.').unwrap_or(head);
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase()) {
        if roman_value(word).is_some() {
            return Some(Label::UpperRoman(word.to_string()));
        }
        if word.len() == 1 {
            return Some(Label::UpperLetter(word.to_string()));
        }
    }
    None
}

/// The value of a roman number written with `i`, `v`, `x` only (1–39), in either case; `None`
/// if the string is not such a number in its canonical form.
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    (1..40).find(|&n| to_roman(n) == lower)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/// Cover-page labels of the ITU Council template (French and English) → field key.
pub(super) fn cover_label(text: &str) -> Option<&'static str> {
    let t = text.trim_matches(is_white);
    let t = t.strip_suffix(':').unwrap_or(t).trim_matches(is_white);
    if t.chars().count() > 80 {
        return None;
    }
    let l = t.to_lowercase().replace(|c: char| is_white(c), " ");
    let key = match l.as_str() {
        "objet" | "subject" | "purpose" => "subject",
        "résumé" | "summary" => "summary",
        "références" | "référence" | "references" | "reference" => "references",
        _ if l.starts_with("suite à donner") || l.starts_with("action required") => "action",
        _ if l.starts_with("incidences financi") || l.starts_with("financial implication") => {
            "financial-implications"
        }
        _ if (l.starts_with("lien") && l.contains("plan stratégique"))
            || (l.contains("link") && l.contains("strategic plan")) =>
        {
            "strategic-link"
        }
        _ => return None,
    };
    Some(key)
}

/// A TAB-indented header field of the cover page → (key, label, value).
fn header_field(text: &str) -> (&'static str, Option<String>, String) {
    let t = text.trim_matches(is_white);
    if printed_date(t).is_some() {
        return ("date", None, t.to_string());
    }
    if let Some((label, value)) = t.split_once(':') {
        let l = label.trim_matches(is_white).to_lowercase();
        let key = match l.as_str() {
            "point de l'ordre du jour" | "point de l’ordre du jour" | "agenda item" => {
                Some("agenda-item")
            }
            "original" => Some("original-language"),
            "date" => Some("date"),
            _ => None,
        };
        if let Some(key) = key {
            return (
                key,
                Some(label.trim_matches(is_white).to_string()),
                value.trim_matches(is_white).to_string(),
            );
        }
    }
    let mut words = t.split(is_white).filter(|w| !w.is_empty());
    if let (Some(first), Some(symbol), None) = (words.next(), words.next(), words.next()) {
        if first == "Document" && symbol.contains('/') {
            return ("symbol", Some(first.to_string()), symbol.to_string());
        }
    }
    let l = t.to_lowercase();
    let author_starts = [
        "contribution de",
        "contribution du",
        "contribution des",
        "contribution by",
        "contribution from",
        "contribution of",
        "note du",
        "note de la",
        "note by",
        "rapport du",
        "rapport de la",
        "report by",
        "report of",
    ];
    if author_starts.iter().any(|s| l.starts_with(s)) {
        return ("author", None, t.to_string());
    }
    ("note", None, t.to_string())
}

/// Operative keywords of ITU resolutions and decisions.
const OPERATIVE: [&str; 40] = [
    "décide",
    "décident",
    "charge",
    "chargent",
    "invite",
    "invitent",
    "demande",
    "prie",
    "encourage",
    "recommande",
    "approuve",
    "adopte",
    "exhorte",
    "engage",
    "appelle",
    "autorise",
    "entérine",
    "accepte",
    "convient",
    "souscrit",
    "resolves",
    "resolve",
    "decides",
    "decide",
    "instructs",
    "instruct",
    "invites",
    "invite",
    "requests",
    "request",
    "encourages",
    "recommends",
    "urges",
    "calls",
    "approves",
    "adopts",
    "authorizes",
    "authorises",
    "endorses",
    "agrees",
];

/// Preambular keywords that are not participles in `-ant` / `-ing`.
const PREAMBULAR: [&str; 18] = [
    "conscient",
    "consciente",
    "conscients",
    "convaincu",
    "convaincue",
    "convaincus",
    "préoccupé",
    "préoccupée",
    "préoccupés",
    "profondément",
    "vivement",
    "aware",
    "mindful",
    "convinced",
    "concerned",
    "deeply",
    "alarmed",
    "guided",
];

/// Words in `-ant` / `-ing` that are not participles opening a clause.
const NOT_PARTICIPLES: [&str; 22] = [
    "avant",
    "pendant",
    "durant",
    "cependant",
    "maintenant",
    "quant",
    "tant",
    "devant",
    "suivant",
    "moyennant",
    "nonobstant",
    "during",
    "according",
    "nothing",
    "something",
    "anything",
    "everything",
    "being",
    "including",
    "concerning",
    "regarding",
    "following",
];

/// If `text` is an ITU clause keyword line (`considérant`, `charge le Secrétaire général`,
/// `further resolves`), the role of the clause's items.
fn clause_role(text: &str) -> Option<Role> {
    let t = text.trim_matches(is_white);
    if !t.chars().next().is_some_and(char::is_lowercase)
        || t.ends_with([';', '.', ','])
        || t.chars().count() > 250
    {
        return None;
    }
    let mut words = t
        .split(|c: char| is_white(c) || c == ':')
        .filter(|w| !w.is_empty());
    let mut first = words.next()?;
    if matches!(first, "further" | "also") {
        first = words.next()?;
    }
    if OPERATIVE.contains(&first) {
        return Some(Role::Operative);
    }
    let participle = first.chars().count() > 4
        && (first.ends_with("ant") || first.ends_with("ing"))
        && first.chars().all(char::is_alphabetic);
    if PREAMBULAR.contains(&first) || (participle && !NOT_PARTICIPLES.contains(&first)) {
        return Some(Role::Preambular);
    }
    None
}

/// `RÉSOLUTION 1332 (…)`, `RESOLUTION 1332`, `DÉCISION 5`, `DECISION 5`.
fn is_resolution_heading(text: &str) -> bool {
    let mut words = text.split(is_white).filter(|w| !w.is_empty());
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let first = first.to_uppercase();
    matches!(
        first.as_str(),
        "RÉSOLUTION" | "RESOLUTION" | "DÉCISION" | "DECISION"
    ) && second.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A title in capitals: at least two words and eight letters, every letter upper case.
pub(super) fn is_caps_title(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let words = text.split(is_white).filter(|w| !w.is_empty()).count();
    letters.len() >= 8 && words >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// True when a text ends with punctuation that closes a sentence or a heading.
fn ends_closed(text: &str) -> bool {
    text.trim_end_matches(is_white)
        .ends_with(['.', ';', ':', '!', '?', ','])
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start_matches(is_white)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

// ---------------------------------------------------------------------------------------------
// Inline content and notes
// ---------------------------------------------------------------------------------------------

const NOTE_MARK: &str = "[footnoteRef:";

/// A note number as printed: digits or asterisks.
fn is_note_number(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 4
        && (s.chars().all(|c| c.is_ascii_digit()) || s.chars().all(|c| c == '*'))
}

/// Turns a text into runs: `[footnoteRef:N]` becomes a note mark, a printed URL a link.
fn inline_runs(s: &str) -> Vec<Inline> {
    let mut runs = Vec::new();
    let mut rest = s;
    while let Some(p) = rest.find(NOTE_MARK) {
        let after = &rest[p + NOTE_MARK.len()..];
        let number = after
            .find(']')
            .map(|q| (q, after[..q].trim_matches(is_white)));
        match number {
            Some((q, n)) if is_note_number(n) => {
                push_text(&mut runs, &rest[..p]);
                runs.push(Inline::NoteRef {
                    number: n.to_string(),
                });
                rest = &after[q + 1..];
            }
            _ => {
                push_text(&mut runs, &rest[..p + NOTE_MARK.len()]);
                rest = after;
            }
        }
    }
    push_text(&mut runs, rest);
    runs
}

/// Pushes text, splitting out printed URLs (`https://…`, `www.…`) as links.
fn push_text(runs: &mut Vec<Inline>, s: &str) {
    let mut rest = s;
    while let Some((start, end)) = find_url(rest) {
        if start > 0 {
            runs.push(Inline::Text {
                text: rest[..start].to_string(),
            });
        }
        let url = &rest[start..end];
        let target = if url.starts_with("www.") {
            format!("https://{url}")
        } else {
            url.to_string()
        };
        runs.push(Inline::Link {
            text: url.to_string(),
            target: Some(target),
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        runs.push(Inline::Text {
            text: rest.to_string(),
        });
    }
}

/// The byte range of the first URL in `s`, trailing punctuation left out.
fn find_url(s: &str) -> Option<(usize, usize)> {
    let start = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| {
            s.match_indices(p)
                .find(|(i, _)| {
                    s[..*i]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
                })
                .map(|(i, _)| i)
        })
        .min()?;
    let tail = &s[start..];
    let len = tail.find(|c: char| is_white(c)).unwrap_or(tail.len());
    let url = tail[..len].trim_end_matches(['.', ',', ';', ':', ')', ']', '"', '»', '\'']);
    let min = if url.starts_with("www.") { 5 } else { 9 };
    (url.len() >= min).then_some((start, start + url.len()))
}

/// A footnote's text found on a line.
#[derive(Debug, Clone, PartialEq)]
struct NoteText {
    number: String,
    text: String,
}

/// A line's text split into the paragraph's text and the notes printed in it.
#[derive(Debug, Clone, PartialEq)]
struct SplitLine {
    main: String,
    notes: Vec<NoteText>,
    /// A note that does not close on this line: its number, text so far, and bracket depth.
    open: Option<(String, String, usize)>,
}

/// If `s` starts with a note opening `[N:` followed by white space, the number and the length
/// of the opening.
fn note_opening(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix('[')?;
    let colon = inner.find(':')?;
    let number = &inner[..colon];
    if !is_note_number(number) {
        return None;
    }
    let after = &inner[colon + 1..];
    if !after.chars().next().is_some_and(is_white) {
        return None;
    }
    Some((number.to_string(), 1 + colon + 1))
}

/// Finds the `]` that closes a note, given the bracket depth already open inside the note.
/// Returns the byte offset of the `]`, or the depth at the end of `s`.
fn find_close(s: &str, mut depth: usize) -> Result<usize, usize> {
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return Ok(i),
            ']' => depth -= 1,
            _ => {}
        }
    }
    Err(depth)
}

/// Separates the notes (`[N: \ttext]`) from the paragraph text of a line.
fn split_notes(s: &str) -> SplitLine {
    let mut main = String::new();
    let mut notes = Vec::new();
    let mut rest = s;
    loop {
        let Some(p) = rest
            .match_indices('[')
            .map(|(i, _)| i)
            .find(|&i| note_opening(&rest[i..]).is_some())
        else {
            main.push_str(rest);
            return SplitLine {
                main,
                notes,
                open: None,
            };
        };
        let Some((number, len)) = note_opening(&rest[p..]) else {
            main.push_str(rest);
            return SplitLine {
                main,
                notes,
                open: None,
            };
        };
        main.push_str(&rest[..p]);
        let body = &rest[p + len..];
        match find_close(body, 0) {
            Ok(q) => {
                notes.push(NoteText {
                    number,
                    text: body[..q].to_string(),
                });
                rest = &body[q + 1..];
            }
            Err(depth) => {
                return SplitLine {
                    main,
                    notes,
                    open: Some((number, body.to_string(), depth)),
                };
            }
        }
    }
}

/// How two pieces of a note broken over lines join: without a space inside a URL, with one
/// otherwise.
fn note_joiner(before: &str, after: &str) -> &'static str {
    if before.ends_with(is_white) || after.starts_with(is_white) || after.is_empty() {
        return " ";
    }
    let last = before.split(is_white).next_back().unwrap_or("");
    if last.contains("://") || last.starts_with("www.") {
        ""
    } else {
        " "
    }
}

/// How many lines a note may run over before it is taken to be unclosed.
const NOTE_MAX_LINES: usize = 5;

/// The content of a paragraph line: its runs, its notes, and where reading goes on.
struct Content {
    runs: Vec<Inline>,
    notes: Vec<(NoteText, usize)>,
    /// Text after a note that closed on a later line: the rest of the paragraph.
    tail: Option<Vec<Inline>>,
    /// Index of the next line to read.
    next: usize,
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/// The kind of numbering of an item level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Arabic,
    Letter,
    Roman,
}

/// Where the reader stands in an ITU resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Res {
    /// Not in a resolution.
    Out,
    /// After a `RÉSOLUTION N` heading, before the formula: adoption note and title.
    Preamble { title_lines: usize },
    /// After the formula: clause keywords and their items.
    Clauses,
}

/// A cover field whose value is being read.
#[derive(Debug, Clone, Copy)]
struct PendingField {
    key: &'static str,
    has_value: bool,
    blank_after_value: bool,
}

struct Reader<'a> {
    lines: &'a [SrcLine<'a>],
    /// Still on the cover page.
    cover: bool,
    field: Option<PendingField>,
    /// The last block is a heading that a lower-case line may continue.
    heading_open: bool,
    res: Res,
    /// The role of the current ITU clause's items, if inside a clause.
    clause: Option<Role>,
    /// Item levels under the current paragraph or clause: kind and last label (last letter for
    /// letters run together such as `gh`).
    levels: Vec<(ItemKind, String)>,
    /// Depth of the last item (0: the paragraph or clause itself).
    depth: usize,
    annexes: u32,
    /// The current annex quotes another document's paragraphs.
    quotation: bool,
    annex_title_pending: bool,
    declared_annexes: Option<(u32, usize)>,
}

impl<'a> Reader<'a> {
    fn new(lines: &'a [SrcLine<'a>]) -> Self {
        Reader {
            lines,
            cover: true,
            field: None,
            heading_open: false,
            res: Res::Out,
            clause: None,
            levels: Vec::new(),
            depth: 0,
            annexes: 0,
            quotation: false,
            annex_title_pending: false,
            declared_annexes: None,
        }
    }

    fn run(&mut self, b: &mut DocBuilder) {
        let mut i = 0;
        while i < self.lines.len() {
            i = self.line(b, i);
        }
        if let Some((n, line)) = self.declared_annexes {
            if n != self.annexes {
                b.warn(
                    line,
                    format!(
                        "the document announces {n} annex(es) but {} annex line(s) (`ANNEXE`, `ANNEX`) were found",
                        self.annexes
                    ),
                );
            }
        }
    }

    /// Reads the line at `i`; returns the index of the next line to read.
    fn line(&mut self, b: &mut DocBuilder, i: usize) -> usize {
        let lines = self.lines;
        let l = &lines[i];
        match &l.shape {
            Shape::Blank => {
                if let Some(f) = self.field.as_mut() {
                    f.blank_after_value |= f.has_value;
                }
                i + 1
            }
            Shape::Furniture => i + 1,
            Shape::AnnexCount { label, value } => {
                b.cover("annexes", Some(label), value, l.no);
                if let Ok(n) = value.parse() {
                    self.declared_annexes = Some((n, l.no));
                }
                i + 1
            }
            Shape::AnnexMarker { number, text } => {
                self.start_annex(b, i, *number, text);
                i + 1
            }
            Shape::Labelled { label, text } => {
                self.end_cover();
                self.annex_title_pending = false;
                self.labelled(b, i, label.clone(), text)
            }
            Shape::Dash { text } => {
                self.end_cover();
                self.annex_title_pending = false;
                let c = self.content(b, i, text);
                b.list_item(self.depth + 1, c.runs.clone(), l.no);
                self.heading_open = false;
                self.finish_content(b, c)
            }
            Shape::Plain { text } => self.plain(b, i, text),
        }
    }

    fn end_cover(&mut self) {
        self.cover = false;
        self.field = None;
    }

    /// Resets the item state for a new paragraph, clause or heading.
    fn reset_items(&mut self) {
        self.levels.clear();
        self.depth = 0;
    }

    /// Enters an annex; its marker line (`ANNEXE`) is kept as the annex's first heading, and the
    /// next plain line is taken as the annex's title.
    fn start_annex(&mut self, b: &mut DocBuilder, i: usize, number: Option<u32>, text: &str) {
        self.end_cover();
        self.annexes = number.unwrap_or(self.annexes + 1);
        b.enter_annex(self.annexes);
        b.heading(1, None, inline_runs(text), self.lines[i].no);
        self.res = Res::Out;
        self.clause = None;
        self.reset_items();
        self.heading_open = false;
        self.annex_title_pending = true;
        self.quotation = self.annex_quotes(i);
    }

    /// An annex quotes another document when its numbered paragraphs do not count 1, 2, 3 …:
    /// they start past 1, or they rise with gaps.
    fn annex_quotes(&self, marker: usize) -> bool {
        let mut numbers: Vec<u64> = Vec::new();
        for l in &self.lines[marker + 1..] {
            match &l.shape {
                Shape::AnnexMarker { .. } => break,
                Shape::Labelled {
                    label: Label::Arabic(n),
                    ..
                } => numbers.extend(n.parse::<u64>().ok()),
                _ => {}
            }
        }
        let Some(&first) = numbers.first() else {
            return false;
        };
        let rising = numbers.windows(2).all(|w| w[0] < w[1]);
        let gaps = numbers.windows(2).any(|w| w[1] > w[0] + 1);
        first != 1 || (rising && gaps)
    }

    /// Reads a line's text with its notes, taking in the next lines when a note runs over.
    fn content(&self, b: &mut DocBuilder, i: usize, text: &str) -> Content {
        let line = self.lines[i].no;
        let split = split_notes(text);
        let mut notes: Vec<(NoteText, usize)> =
            split.notes.into_iter().map(|n| (n, line)).collect();
        let mut tail = None;
        let mut next = i + 1;
        if let Some((number, mut body, depth)) = split.open {
            match self.note_continuation(i, &body, depth) {
                Some((more, rest, after)) => {
                    body.push_str(&more);
                    let rest = rest.trim_matches(is_white);
                    if !rest.is_empty() {
                        tail = Some(inline_runs(rest));
                    }
                    next = after;
                }
                None => b.warn(
                    line,
                    format!("the text of note {number} has no closing `]`: it is taken to end with this line"),
                ),
            }
            notes.push((NoteText { number, text: body }, line));
        }
        Content {
            runs: inline_runs(&split.main),
            notes,
            tail,
            next,
        }
    }

    /// Looks for the end of a note that runs over from line `i`: returns the text to append
    /// (with its joiners), the text after the closing `]`, and the index of the next line.
    fn note_continuation(
        &self,
        i: usize,
        body: &str,
        depth: usize,
    ) -> Option<(String, String, usize)> {
        let mut more = String::new();
        let mut so_far = body.to_string();
        let mut depth = depth;
        for j in i + 1..self.lines.len().min(i + 1 + NOTE_MAX_LINES) {
            let full = self.lines[j].full;
            let joiner = note_joiner(&so_far, full);
            match find_close(full, depth) {
                Ok(q) => {
                    more.push_str(joiner);
                    more.push_str(&full[..q]);
                    return Some((more, full[q + 1..].to_string(), j + 1));
                }
                Err(d) => {
                    depth = d;
                    more.push_str(joiner);
                    more.push_str(full);
                    so_far.push_str(joiner);
                    so_far.push_str(full);
                }
            }
        }
        None
    }

    /// Emits the notes of a content and the rest of its paragraph; returns the next line.
    fn finish_content(&mut self, b: &mut DocBuilder, c: Content) -> usize {
        for (note, line) in c.notes {
            let text = note.text.trim_start_matches(is_white);
            b.footnote(&note.number, inline_runs(text), line);
        }
        if let Some(tail) = c.tail {
            if !b.continue_last(tail.clone()) {
                b.continue_heading(tail);
            }
        }
        c.next
    }

    /// A heading from a text line. `level` 1 title, 2 chapter, 3 section.
    fn heading(
        &mut self,
        b: &mut DocBuilder,
        i: usize,
        level: u8,
        number: Option<&str>,
        text: &str,
    ) -> usize {
        let c = self.content(b, i, text);
        b.heading(level, number, c.runs.clone(), self.lines[i].no);
        self.clause = None;
        self.reset_items();
        self.res = if is_resolution_heading(text) {
            Res::Preamble { title_lines: 0 }
        } else {
            Res::Out
        };
        self.heading_open = true;
        self.finish_content(b, c)
    }

    /// A top-level paragraph.
    fn paragraph(
        &mut self,
        b: &mut DocBuilder,
        i: usize,
        role: Role,
        number: Option<&str>,
        text: &str,
    ) -> usize {
        let c = self.content(b, i, text);
        b.paragraph(Para::new(role, number, c.runs.clone(), self.lines[i].no));
        if role != Role::Formula {
            self.clause = None;
        }
        self.reset_items();
        self.heading_open = false;
        self.finish_content(b, c)
    }

    fn labelled(&mut self, b: &mut DocBuilder, i: usize, label: Label, text: &str) -> usize {
        match label {
            Label::UpperRoman(n) => self.heading(b, i, 2, Some(&n), text),
            Label::UpperLetter(n) => self.heading(b, i, 3, Some(&n), text),
            Label::Dotted(n) => {
                self.res = Res::Out;
                self.paragraph(b, i, self.top_role(), Some(&n), text)
            }
            Label::Arabic(n) if self.clause.is_none() || self.quotation => {
                self.res = Res::Out;
                self.paragraph(b, i, self.top_role(), Some(&n), text)
            }
            Label::Arabic(n) => self.item(b, i, ItemKind::Arabic, &n, text),
            Label::Alpha(n) => {
                let kind = self.alpha_kind(i, &n);
                self.item(b, i, kind, &n, text)
            }
        }
    }

    /// The role of a numbered top-level paragraph here.
    fn top_role(&self) -> Role {
        if self.quotation {
            Role::AnnexQuotation
        } else {
            Role::Operative
        }
    }

    /// An item of kind `kind`: its depth is the level of that kind, or a new level under the
    /// last item.
    fn item(
        &mut self,
        b: &mut DocBuilder,
        i: usize,
        kind: ItemKind,
        label: &str,
        text: &str,
    ) -> usize {
        let depth = match self.levels.iter().position(|(k, _)| *k == kind) {
            Some(p) => {
                self.levels.truncate(p + 1);
                p + 1
            }
            None => {
                self.levels.push((kind, String::new()));
                self.levels.len()
            }
        };
        let last = match kind {
            ItemKind::Letter => label.chars().last().map(String::from).unwrap_or_default(),
            _ => label.to_ascii_lowercase(),
        };
        if let Some(level) = self.levels.last_mut() {
            level.1 = last;
        }
        self.depth = depth;
        let role = match self.clause {
            Some(r) if depth == 1 => r,
            _ => Role::Item,
        };
        let c = self.content(b, i, text);
        b.item(role, depth, label, c.runs.clone(), self.lines[i].no);
        self.heading_open = false;
        self.finish_content(b, c)
    }

    /// Whether a bracketed label is a letter or a roman number. `i`, `v` and `x` are both:
    /// they are roman when the next label continues a roman sequence (`ii` after `i`) or when
    /// they continue one (`v` after `iv`), letters when they follow the letter before them
    /// (`i` after `h`).
    fn alpha_kind(&self, i: usize, label: &str) -> ItemKind {
        let lower = label.to_ascii_lowercase();
        if roman_value(&lower).is_none() {
            return ItemKind::Letter;
        }
        if lower.len() > 1 {
            return ItemKind::Roman;
        }
        let value = roman_value(&lower).unwrap_or(1);
        if self.next_alpha_label(i).as_deref() == Some(to_roman(value + 1).as_str()) {
            return ItemKind::Roman;
        }
        let last_of = |kind: ItemKind| {
            self.levels
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, l)| l.as_str())
        };
        if value > 1 && last_of(ItemKind::Roman) == Some(to_roman(value - 1).as_str()) {
            return ItemKind::Roman;
        }
        let letter_before = lower
            .chars()
            .next()
            .and_then(|c| char::from_u32(c as u32 - 1))
            .map(String::from);
        if last_of(ItemKind::Letter).is_some()
            && last_of(ItemKind::Letter) == letter_before.as_deref()
        {
            return ItemKind::Letter;
        }
        if value == 1 || last_of(ItemKind::Roman).is_some() {
            ItemKind::Roman
        } else {
            ItemKind::Letter
        }
    }

    /// The label of the next bracketed item after line `i`, skipping blank lines, indented
    /// lines and dash items; `None` when something else comes first.
    fn next_alpha_label(&self, i: usize) -> Option<String> {
        for l in &self.lines[i + 1..] {
            match &l.shape {
                Shape::Blank | Shape::Furniture | Shape::Dash { .. } => {}
                Shape::Plain { .. } if l.tabs > 0 => {}
                Shape::Labelled {
                    label: Label::Alpha(n),
                    ..
                } => return Some(n.to_ascii_lowercase()),
                _ => return None,
            }
        }
        None
    }

    /// The next line that is not blank or furniture.
    fn next_meaningful(&self, i: usize) -> Option<&SrcLine<'a>> {
        self.lines[i + 1..]
            .iter()
            .find(|l| !matches!(l.shape, Shape::Blank | Shape::Furniture))
    }

    /// A line without label.
    fn plain(&mut self, b: &mut DocBuilder, i: usize, text: &str) -> usize {
        let lines = self.lines;
        let l = &lines[i];
        if self.annex_title_pending {
            self.annex_title_pending = false;
            return self.heading(b, i, 1, None, text);
        }
        if self.heading_open
            && !l.indented()
            && starts_lowercase(text)
            && (self.res == Res::Out || clause_role(text).is_none())
            && matches!(b.blocks().last(), Some(Block::Heading(h)) if !ends_closed(&h.text))
        {
            let c = self.content(b, i, text);
            b.continue_heading(c.runs.clone());
            return self.finish_content(b, c);
        }
        if self.cover {
            if let Some(next) = self.cover_line(b, i, text) {
                return next;
            }
        }
        if self.is_formula(i, text) {
            self.res = Res::Clauses;
            return self.paragraph(b, i, Role::Formula, None, text);
        }
        if let Res::Preamble { title_lines } = self.res {
            if let Some(next) = self.preamble_line(b, i, text, title_lines) {
                return next;
            }
        }
        if self.res != Res::Out && !l.indented() {
            if let Some(role) = clause_role(text) {
                self.res = Res::Clauses;
                b.clause(text.trim_matches(is_white), role, l.no);
                self.clause = Some(role);
                self.reset_items();
                self.heading_open = false;
                return i + 1;
            }
        }
        if (l.spaces > 0 && l.tabs == 0) || is_caps_title(text) {
            return self.heading(b, i, 1, None, text);
        }
        if l.tabs > 0 {
            let depth = (l.tabs + 1).min(self.depth + 1).max(1);
            let c = self.content(b, i, text);
            b.inner_text(depth, c.runs.clone(), l.no);
            self.heading_open = false;
            return self.finish_content(b, c);
        }
        if self.clause.is_some() && starts_lowercase(text) {
            let c = self.content(b, i, text);
            let id = b.inner_text(1, c.runs.clone(), l.no);
            if !self.levels.is_empty() {
                b.warn(
                    l.no,
                    format!(
                        "a paragraph without number among the numbered items of a clause (tracked changes flattened into the text?); kept unnumbered as `{id}`"
                    ),
                );
            }
            self.depth = 0;
            self.heading_open = false;
            return self.finish_content(b, c);
        }
        self.res = Res::Out;
        let role = if self.quotation {
            Role::AnnexQuotation
        } else {
            Role::Text
        };
        self.paragraph(b, i, role, None, text)
    }

    /// A plain line on the cover page: a label, a label's value, a header field, or the title.
    /// Returns `None` when the line is not part of the cover (which ends the cover).
    fn cover_line(&mut self, b: &mut DocBuilder, i: usize, text: &str) -> Option<usize> {
        let lines = self.lines;
        let l = &lines[i];
        if let Some(key) = cover_label(text) {
            let label = text.trim_matches(is_white);
            let label = label.strip_suffix(':').unwrap_or(label);
            b.cover(key, Some(label), "", l.no);
            self.field = Some(PendingField {
                key,
                has_value: false,
                blank_after_value: false,
            });
            return Some(i + 1);
        }
        if is_caps_title(text) {
            // The document's title: a heading, and the cover goes on.
            return Some(self.heading(b, i, 1, None, text));
        }
        if l.spaces > 0 && l.tabs == 0 {
            self.end_cover();
            return None;
        }
        if let Some(f) = self.field {
            if !f.has_value || !f.blank_after_value {
                let value = self.cover_text(b, i, text);
                b.extend_cover(&value.0);
                if f.key == "references" {
                    self.end_cover();
                } else {
                    self.field = Some(PendingField {
                        has_value: true,
                        ..f
                    });
                }
                return Some(value.1);
            }
            self.end_cover();
            return None;
        }
        if l.tabs > 0 {
            let (key, label, _) = header_field(text);
            let (value, next) = self.cover_text(b, i, text);
            let (_, _, value) = header_field(&value);
            b.cover(key, label.as_deref(), &value, l.no);
            return Some(next);
        }
        self.end_cover();
        None
    }

    /// The text of a cover line with its notes emitted; a note mark stays as its number.
    fn cover_text(&mut self, b: &mut DocBuilder, i: usize, text: &str) -> (String, usize) {
        let c = self.content(b, i, text);
        let mut value = text_with_marks(&c.runs);
        if let Some(tail) = &c.tail {
            value.push(' ');
            value.push_str(&text_with_marks(tail));
        }
        let c = Content { tail: None, ..c };
        (value, self.finish_content(b, c))
    }

    /// The enacting formula: a short line ending with a comma, followed by a clause keyword.
    fn is_formula(&self, i: usize, text: &str) -> bool {
        let l = &self.lines[i];
        let t = text.trim_matches(is_white);
        !l.indented()
            && t.ends_with(',')
            && t.chars().count() <= 150
            && !starts_lowercase(t)
            && self.next_meaningful(i).is_some_and(|n| {
                !n.indented()
                    && matches!(&n.shape, Shape::Plain { text } if clause_role(text).is_some())
            })
    }

    /// A line between a `RÉSOLUTION N` heading and the formula: the adoption note in brackets
    /// (a text paragraph) or a line of the resolution's title. `None` when the line is neither.
    fn preamble_line(
        &mut self,
        b: &mut DocBuilder,
        i: usize,
        text: &str,
        title_lines: usize,
    ) -> Option<usize> {
        let lines = self.lines;
        let l = &lines[i];
        let t = text.trim_matches(is_white);
        if l.indented() || clause_role(t).is_some() {
            return None;
        }
        if t.starts_with('(') && t.ends_with(')') {
            let next = self.paragraph(b, i, Role::Text, None, text);
            self.res = Res::Preamble { title_lines };
            return Some(next);
        }
        if title_lines >= 3 || t.chars().count() > 200 || t.ends_with(['.', ';']) {
            self.res = Res::Out;
            return None;
        }
        let c = self.content(b, i, text);
        if title_lines == 0 {
            b.heading(2, None, c.runs.clone(), l.no);
        } else {
            b.continue_heading(c.runs.clone());
        }
        self.heading_open = false;
        self.res = Res::Preamble {
            title_lines: title_lines + 1,
        };
        Some(self.finish_content(b, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::model::Document;
    use std::path::Path;

    fn read_str(text: &str) -> (Document, Vec<Diagnostic>) {
        let mut b = DocBuilder::new(Path::new("t.txt"), "word-export");
        read(text, &mut b);
        b.finish()
    }

    fn ids(doc: &Document) -> Vec<String> {
        doc.blocks.iter().map(|b| b.id().to_string()).collect()
    }

    fn para<'d>(doc: &'d Document, id: &str) -> &'d crate::model::Paragraph {
        doc.block(id)
            .and_then(Block::as_paragraph)
            .unwrap_or_else(|| panic!("no paragraph {id} in {:?}", ids(doc)))
    }

    #[test]
    fn labels_are_classified() {
        assert_eq!(parse_label("67"), Some(Label::Arabic("67".into())));
        assert_eq!(parse_label("1."), Some(Label::Arabic("1".into())));
        assert_eq!(parse_label("2.1"), Some(Label::Dotted("2.1".into())));
        assert_eq!(parse_label("fg)"), Some(Label::Alpha("fg".into())));
        assert_eq!(parse_label("(iv)"), Some(Label::Alpha("iv".into())));
        assert_eq!(parse_label("IV"), Some(Label::UpperRoman("IV".into())));
        assert_eq!(parse_label("B."), Some(Label::UpperLetter("B".into())));
        assert_eq!(parse_label("Les mots"), None);
        assert_eq!(parse_label("ABC"), None);
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("cd"), None);
    }

    #[test]
    fn debris_and_furniture_are_recognised() {
        assert_eq!(
            strip_debris("[bookmark: a][bookmark: b]b)\tx [image: ]y"),
            "b)\tx y"
        );
        assert_eq!(strip_debris("[bookmark: open"), "[bookmark: open");
        assert!(is_furniture("__________________"));
        assert!(is_furniture("- 2 -"));
        assert!(is_furniture("C2001/#-F"));
        assert!(is_furniture("C26/93-E"));
        assert!(!is_furniture("Document C26/93-F"));
        assert!(!is_furniture("- texte -"));
    }

    #[test]
    fn french_cover_and_chapters() {
        let text = " \tRAPPORT SUR LA RÉUNION DE HAUT NIVEAU\n\n\tObjet\nLe présent rapport.\nSuite à donner par le Conseil\nLe Conseil est invité à prendre note.\nLien(s) pertinent(s) avec le plan stratégique\nCoopération.\nIncidences financières\nAucune.\n__________________\nRéférences\n I\tGénéralités\nPremier paragraphe.\nII\tSuite\n2.1\tProposer.\n2.2\tExaminer.\n";
        let (doc, diags) = read_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        let keys: Vec<(&str, &str)> = doc
            .cover
            .iter()
            .map(|f| (f.key.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("subject", "Le présent rapport."),
                ("action", "Le Conseil est invité à prendre note."),
                ("strategic-link", "Coopération."),
                ("financial-implications", "Aucune."),
                ("references", ""),
            ]
        );
        assert_eq!(ids(&doc), ["h1", "s-i", "t1", "s-ii", "p2-1", "p2-2"]);
        assert_eq!(doc.blocks[1].number(), Some("I"));
        assert_eq!(para(&doc, "p2-1").role, Role::Operative);
    }

    #[test]
    fn english_cover_and_header_fields() {
        let text = "\tAgenda item: PL 2\n\tDocument C26/12-E\n\t3 March 2026\n\tOriginal: English\n\tReport by the Secretary-General\n\tREPORT ON THE WSIS REVIEW\nPurpose\nThis report presents the review.\nAction required by the Council\nThe Council is invited to note the report.\nRelevant link(s) with the Strategic Plan\nGoal 1.\nFinancial implications\nNone.\nReferences\nResolution 140.\nThe body starts here.\n";
        let (doc, diags) = read_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        let keys: Vec<&str> = doc.cover.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "agenda-item",
                "symbol",
                "date",
                "original-language",
                "author",
                "subject",
                "action",
                "strategic-link",
                "financial-implications",
                "references"
            ]
        );
        assert_eq!(doc.cover_value("agenda-item"), Some("PL 2"));
        assert_eq!(doc.cover_value("symbol"), Some("C26/12-E"));
        assert_eq!(doc.cover_value("original-language"), Some("English"));
        assert_eq!(doc.cover_value("references"), Some("Resolution 140."));
        assert_eq!(ids(&doc), ["h1", "t1"]);
        assert_eq!(doc.blocks[0].text(), "REPORT ON THE WSIS REVIEW");
    }

    #[test]
    fn headings_wrap_over_lower_case_lines() {
        let text = " Rapport final sur les activités du Programme de développement\ndurable à l'horizon 2030 ainsi que sur des propositions\nrelatives à des activités futures\nDans le cadre de l'examen.\nsuite en minuscule.\n";
        let (doc, _) = read_str(text);
        assert_eq!(ids(&doc), ["h1", "t1", "t2"]);
        assert_eq!(
            doc.blocks[0].text(),
            "Rapport final sur les activités du Programme de développement durable à l'horizon 2030 ainsi que sur des propositions relatives à des activités futures"
        );
    }

    #[test]
    fn footnotes_split_from_the_paragraph_and_join_a_broken_url() {
        let text = "Des déclarations[footnoteRef:1] ont été faites. [1: \tListe: https://example.org/a/b/\n2025/x_en.pdf.] \nSuite[footnoteRef:2]. [2: \tVoir A/RES/80/173.]\n";
        let (doc, diags) = read_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0].text(), "Des déclarations ont été faites.");
        assert_eq!(doc.footnotes.len(), 2);
        assert_eq!(
            doc.footnotes[0].text,
            "Liste: https://example.org/a/b/2025/x_en.pdf."
        );
        assert!(doc.footnotes[0].runs.iter().any(|r| matches!(r,
            Inline::Link { target: Some(t), .. } if t == "https://example.org/a/b/2025/x_en.pdf")));
        assert_eq!(doc.footnotes[0].referenced_from, ["t1"]);
        assert_eq!(doc.footnotes[1].referenced_from, ["t2"]);
        assert_eq!(doc.footnotes[1].text, "Voir A/RES/80/173.");
    }

    #[test]
    fn a_note_broken_over_plain_words_joins_with_a_space() {
        let text = "Texte[footnoteRef:1]. [1: \tPremière partie\nseconde partie.]\n";
        let (doc, _) = read_str(text);
        assert_eq!(doc.footnotes[0].text, "Première partie seconde partie.");
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn an_unclosed_note_is_reported_and_does_not_swallow_the_text() {
        let text = "Texte[footnoteRef:1]. [1: \tnote sans fin\nA\nB\nC\nD\nE\nF\n";
        let (doc, diags) = read_str(text);
        assert!(diags
            .iter()
            .any(|d| d.line == 1 && d.message.contains("closing")));
        assert_eq!(doc.footnotes[0].text, "note sans fin");
        assert_eq!(doc.blocks.len(), 7);
    }

    #[test]
    fn dash_items_hang_from_the_paragraph() {
        let text = "L'UIT a organisé les manifestations suivantes:\n–\tPremière.\n–\tSeconde.\nOrganisées à New York.\n";
        let (doc, _) = read_str(text);
        assert_eq!(ids(&doc), ["t1", "t1-li1", "t1-li2", "t2"]);
        assert_eq!(para(&doc, "t1-li2").role, Role::ListItem);
    }

    const RESOLUTION_FR: &str = " RÉSOLUTION 1332 (C11, DERNIÈRE MOD. C24)\n(adoptée à la onzième séance plénière)\nRôle de l'UIT dans la mise en œuvre du\nProgramme à l'horizon 2030\nLe Conseil de l'UIT,\nrappelant\ng)\tsept;\nh)\thuit;\ni)\tneuf;\nj)\tdix,\nconsidérant\na)\tun;\nb)\tdeux:\n\tle Conseil a été prié:\ni)\tpremier;\nii)\tsecond;\n–\ttiret;\n\tet les membres sont invités:\nc)\ttrois,\ndécide\n1\tun;\n3\ttrois:\na)\talpha;\n4\tquatre;\n5\tcinq;\n46\tsix,\ncharge le Secrétaire général\n1\tde faire;\nde faire encore,\n";

    #[test]
    fn french_resolution_clauses_items_and_ids() {
        let (doc, diags) = read_str(RESOLUTION_FR);
        assert_eq!(
            ids(&doc),
            [
                "h1",
                "t1",
                "h2",
                "formula-1",
                "rappelant",
                "rappelant-g",
                "rappelant-h",
                "rappelant-i",
                "rappelant-j",
                "considerant",
                "considerant-a",
                "considerant-b",
                "considerant-b-t1",
                "considerant-b-i",
                "considerant-b-ii",
                "considerant-b-ii-li1",
                "considerant-b-t2",
                "considerant-c",
                "decide",
                "decide-1",
                "decide-3",
                "decide-3-a",
                "decide-4",
                "decide-5",
                "decide-6",
                "charge-secretaire-general",
                "charge-secretaire-general-1",
                "charge-secretaire-general-t1",
            ]
        );
        assert_eq!(
            doc.blocks[2].text(),
            "Rôle de l'UIT dans la mise en œuvre du Programme à l'horizon 2030"
        );
        assert_eq!(para(&doc, "formula-1").role, Role::Formula);
        assert_eq!(para(&doc, "rappelant-i").role, Role::Preambular);
        assert_eq!(para(&doc, "considerant-b-i").role, Role::Item);
        assert_eq!(para(&doc, "decide-6").number.as_deref(), Some("46"));
        assert_eq!(para(&doc, "decide-1").role, Role::Operative);
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        // `g` starts the list (expected a), `3` follows `1`, `46` reads as 4 and 6, and the
        // unnumbered line in `charge`.
        assert_eq!(msgs.len(), 4, "{msgs:#?}");
        assert!(msgs.iter().any(|m| m.starts_with("7:")), "{msgs:#?}");
        assert!(msgs.iter().any(|m| m.starts_with("22:")), "{msgs:#?}");
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("26:") && m.contains("run together")),
            "{msgs:#?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("29:") && m.contains("without number")),
            "{msgs:#?}"
        );
    }

    #[test]
    fn letter_i_after_h_and_roman_i_before_ii() {
        // `i)` after `h)` followed by `j)`: the letter i.
        let (doc, _) = read_str("Le Conseil,\nrappelant\nh)\thuit;\ni)\tneuf;\nj)\tdix,\n");
        assert!(doc.block("rappelant-i").is_some(), "{:?}", ids(&doc));
        // `i)` after `gh)` and indented lines, followed by `ii)`: roman under `h`.
        let (doc, diags) = read_str(
            "Le Conseil,\nconsidérant\ng)\tsept;\ngh)\thuit:\n\tprié:\ni)\tpremier;\nii)\tsecond;\nhi)\tneuf,\n",
        );
        assert_eq!(
            ids(&doc),
            [
                "formula-1",
                "considerant",
                "considerant-g",
                "considerant-h",
                "considerant-h-t1",
                "considerant-h-i",
                "considerant-h-ii",
                "considerant-i"
            ]
        );
        assert!(diags
            .iter()
            .any(|d| d.line == 4 && d.message.contains("run together")));
        assert!(diags
            .iter()
            .any(|d| d.line == 8 && d.message.contains("run together")));
        // `v)` after `iv)` is roman.
        let (doc, _) = read_str("1\tun:\na)\talpha:\ni)\tun;\nii)\tdeux;\niii)\ttrois;\niv)\tquatre;\nv)\tcinq;\nb)\tbeta.\n");
        assert!(doc.block("p1-a-v").is_some(), "{:?}", ids(&doc));
        assert!(doc.block("p1-b").is_some(), "{:?}", ids(&doc));
    }

    #[test]
    fn english_resolution() {
        let text = "RESOLUTION 1332 (C11, LAST AMENDED C24)\nThe ITU Council,\nrecalling\na)\tResolution 140;\nb)\tResolution 70,\nresolves\n1\tthat ITU shall lead;\n2\tto continue,\ninstructs the Secretary-General\n1\tto report;\nfurther resolves\n1\tto review,\n";
        let (doc, diags) = read_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            ids(&doc),
            [
                "h1",
                "formula-1",
                "recalling",
                "recalling-a",
                "recalling-b",
                "resolves",
                "resolves-1",
                "resolves-2",
                "instructs-secretary-general",
                "instructs-secretary-general-1",
                "further-resolves",
                "further-resolves-1"
            ]
        );
        assert_eq!(para(&doc, "recalling-a").role, Role::Preambular);
        assert_eq!(para(&doc, "resolves-2").role, Role::Operative);
    }

    #[test]
    fn annexes_quotations_and_lettered_mandates() {
        let text = "Texte.\nAnnexes: 2\n\n[bookmark: ANNEXE]ANNEXE\nParagraphes du document final faisant référence\nà l'engagement de l'UIT\nS'appuyant sur le rapport,\n9\tNous savons.\n18\tNous réaffirmons.\nAnnexe 2\n[bookmark: x]Mandat du Groupe\na)\tPermettre.\nb)\tSuperviser.\n";
        let (doc, diags) = read_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            ids(&doc),
            [
                "t1",
                "annex1-h1",
                "annex1-h2",
                "annex1-q1",
                "annex1-p9",
                "annex1-p18",
                "annex2-h1",
                "annex2-h2",
                "annex2-a",
                "annex2-b"
            ]
        );
        assert_eq!(doc.blocks[1].text(), "ANNEXE");
        assert_eq!(
            doc.blocks[2].text(),
            "Paragraphes du document final faisant référence à l'engagement de l'UIT"
        );
        assert_eq!(doc.blocks[6].text(), "Annexe 2");
        assert_eq!(para(&doc, "annex1-q1").role, Role::AnnexQuotation);
        assert_eq!(para(&doc, "annex1-p18").role, Role::AnnexQuotation);
        assert_eq!(para(&doc, "annex2-a").role, Role::Item);
        assert_eq!(doc.cover_value("annexes"), Some("2"));
    }

    #[test]
    fn an_annex_numbered_from_one_is_not_a_quotation() {
        let (doc, _) = read_str("Texte.\nANNEX\nTerms of reference\n1\tOne.\n2\tTwo.\n");
        assert_eq!(para(&doc, "annex1-p1").role, Role::Operative);
    }

    #[test]
    fn a_wrong_annex_count_is_reported() {
        let (_, diags) = read_str("Texte.\nAnnexe: 2\nANNEXE\nTitre\nUn.\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 2);
    }

    #[test]
    fn no_break_spaces_do_not_change_the_structure() {
        let plain = " \tTITRE DU DOCUMENT OFFICIEL\n\tOriginal: russe\nObjet\nSujet.\n I\tIntroduction\nTexte[footnoteRef:1]. [1: \tNote.]\n2.1\tPropose.\n Résolution annexe\nLe Conseil,\ndécide\n1\tun;\n2\tdeux:\na)\talpha,\n";
        let nbsp = plain
            .replace(" \t", "\u{a0}\t")
            .replace(" I\t", "\u{a0}I\u{a0}\t")
            .replace("1\t", "1\u{a0}\t")
            .replace("a)\t", "a)\u{202f}\t")
            .replace("Original: ", "Original\u{a0}:\u{a0}")
            .replace(" Résolution", "\u{a0}Résolution");
        assert_ne!(plain, nbsp);
        let (a, da) = read_str(plain);
        let (b, db) = read_str(&nbsp);
        let shape = |d: &Document| {
            d.blocks
                .iter()
                .map(|b| {
                    (
                        b.id().to_string(),
                        b.number().map(str::to_string),
                        b.as_paragraph().map(|p| p.role),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&a), shape(&b));
        assert_eq!(a.footnotes.len(), b.footnotes.len());
        assert_eq!(b.cover_value("original-language"), Some("russe"));
        assert_eq!(da.len(), db.len());
        // CRLF line ends and a byte-order mark give the same structure too.
        let (c, _) = read_str(&plain.replace('\n', "\r\n"));
        assert_eq!(shape(&a), shape(&c));
        let (d, _) = read_str(&format!("\u{FEFF}{plain}"));
        assert_eq!(shape(&a), shape(&d));
        let (e, _) = read_str("\u{FEFF}Texte.\n");
        assert_eq!(ids(&e), ["t1"]);
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in [
            "",
            "\t",
            "[",
            "[1: ",
            "[footnoteRef:",
            "[footnoteRef:]x[1:\t]]]",
            "a)\t",
            "–\t",
            "\u{a0}\t\u{a0}",
            "ANNEXE\nANNEXE\n1\t",
            "Le Conseil,\ndécide\ni)\t\nv)\tx\nx)\t",
            "é)\tx\nÉ\tx\n\u{202f}I\t",
            "[bookmark: \n[image: x]]\n",
            "Annexe: 99999999999999999999\n",
            "http://\nwww.\n[1: \thttp://a/\nb]\n",
        ] {
            let _ = read_str(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in r"[a-zA-Zéèà0-9 \t\n\u{a0}\u{202f}\[\]():.,;–_#/-]{0,300}") {
            let _ = read_str(&s);
        }

        #[test]
        fn arbitrary_lines_of_word_traces_never_panic(
            lines in proptest::collection::vec(
                r"(\[footnoteRef:[0-9]\]|\[[0-9]: \t|\[bookmark: x\]|ANNEXE|Annexe: [0-9]|[ivx]{1,3}\)\t|[0-9]{1,4}\t|–\t|\t|décide|considérant|Le Conseil,|https://a/|\]|[a-zé ]{0,12}){0,6}",
                0..30,
            )
        ) {
            let _ = read_str(&lines.join("\n"));
        }
    }
}
