//! Reader: text extracted from the PDF of a UN document (report or resolution, French or
//! English).
//!
//! What the extractor leaves, and how it is read:
//!
//! - Every printed line is a line of its own (usually followed by an empty line and ending with a
//!   space), so empty lines say nothing about paragraphs. A line that begins with white space
//!   begins a text block: a heading, the first line after a page break, a footnote.
//! - Numbered paragraphs begin with `N. ` where `N` is the next number expected; headings are
//!   `I.` (chapter), `A.` (section), `1.` (subsection), `a)` (sub-subsection) or unnumbered lines
//!   followed by the start of a block.
//! - The cover page (symbol, bodies, distribution, date, languages) may be printed out of order;
//!   its lines are recognised by their vocabulary before the first numbered paragraph.
//! - Page headers and footers (the document's symbols, job numbers such as `GE.26-01527`, page
//!   numbers) are dropped.
//! - Footnotes sit at the foot of each page, between the running text of one page and the next:
//!   ` N text` where `N` is the next note number. After them the extractor repeats the notes'
//!   URLs as bare lines; those are dropped once matched against the notes just read.
//! - Note marks are the note numbers glued to the text (`perdurent2.`, `20326.` for 2032 + 6):
//!   they are looked for, in order, in the running text of the page that carries the notes.
//! - A word or URL cut at a line end is joined without a space.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::builder::{DocBuilder, Para};
use super::detect::is_job_number_line;
use super::page_lines::{self, DecodedLine};
use super::un_markdown::{self, Fragment};
use super::vocabulary::{opens_preambular, printed_date};
use super::word_export;
use crate::model::{DocumentType, Inline, Role};
use crate::text::{is_space, trailing_run};

/// Reads `text` (decoded, LF line ends) into `b`.
/// `declared`: the document's type, when the registry names it, chooses the reader of its body;
/// otherwise the body's first blocks do.
pub fn read(text: &str, b: &mut DocBuilder, declared: Option<DocumentType>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let decoded = page_lines::decode(text);
    let lines: Vec<Line> = decoded.iter().map(Line::new).collect();
    let ctx = Context::new(text, &lines);
    let scan = Scanner::new(&lines, &ctx, b).run();
    let text_lines: Vec<TextLine> = scan
        .text
        .iter()
        .map(|&i| TextLine {
            line: lines[i],
            marks: scan.marks.get(&i).map_or(&[][..], Vec::as_slice),
        })
        .collect();
    let blocks = fragments(&text_lines, &ctx);
    let resolution = match declared {
        Some(t) => t == DocumentType::Resolution,
        None => un_markdown::is_resolution(&blocks),
    };
    if resolution {
        un_markdown::read_body(&blocks, b);
    } else {
        let mut assembler = Assembler::new(&ctx, b);
        for (k, line) in text_lines.iter().enumerate() {
            assembler.line(line, text_lines.get(k + 1));
        }
        assembler.flush();
    }
    for note in scan.notes {
        b.footnote(
            &note.number,
            vec![Inline::Text { text: note.text }],
            note.line,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Lines and document-wide context
// ---------------------------------------------------------------------------------------------

/// Any character that counts as white space for structure: ASCII and typographic spaces.
fn is_ws(c: char) -> bool {
    is_space(c) || c.is_whitespace()
}

/// One source line, split into its indentation, content and trailing space.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based line number.
    no: usize,
    raw: &'a str,
    /// Byte offset of the content in `raw`.
    start: usize,
    /// The line without its leading and trailing white space.
    content: &'a str,
    /// The line begins with white space: the first line of a block.
    lead: bool,
    /// The line ends with white space (extracted text lines do; repeated URL lines do not).
    trail: bool,
    /// A running head or foot, found by the decoder.
    furniture: bool,
    /// The extractor wrote leading and trailing space, and only the space says where a block
    /// begins (see [`page_lines::Dialect::LeadingSpace`]).
    spaced: bool,
}

impl<'a> Line<'a> {
    fn new(decoded: &'a DecodedLine) -> Self {
        let raw = decoded.text.as_str();
        let rest = raw.trim_start_matches(is_ws);
        let start = raw.len() - rest.len();
        let content = rest.trim_end_matches(is_ws);
        Line {
            no: decoded.no,
            raw,
            start,
            content,
            lead: decoded.lead && !content.is_empty(),
            // Only the leading-space way of writing tells a repeated URL line by its missing
            // trailing space.
            trail: raw.len() > start + content.len() || !decoded.spaced,
            furniture: decoded.furniture,
            spaced: decoded.spaced,
        }
    }
}

/// What the reader knows about the whole source before reading it line by line.
struct Context {
    /// Lower-cased words (runs of letters and digits) of the source.
    words: HashSet<String>,
    /// The source, lower-cased, to look for hyphenated forms.
    lower: String,
    /// The hyphenated words of `lower`, to look them up without reading it again.
    hyphenated: Hyphenated,
    /// Lines that are a bare URL with no trailing space: the extractor's URL annotations (sorted,
    /// so that a URL's beginning is looked up).
    bare_urls: BTreeSet<String>,
    /// Median length in characters of the non-empty lines.
    median_width: usize,
}

impl Context {
    fn new(text: &str, lines: &[Line]) -> Self {
        let lower = text.to_lowercase();
        let words = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let bare_urls = lines
            .iter()
            .filter_map(bare_url)
            .map(str::to_string)
            .collect();
        let mut widths: Vec<usize> = lines
            .iter()
            .filter(|l| !l.content.is_empty())
            .map(|l| l.content.chars().count())
            .collect();
        widths.sort_unstable();
        let median_width = widths.get(widths.len() / 2).copied().unwrap_or(0);
        let hyphenated = Hyphenated::new(&lower);
        Context {
            words,
            lower,
            hyphenated,
            bare_urls,
            median_width,
        }
    }

    /// Whether the lower-cased source contains `h` (`avant-garde`).
    fn contains_hyphenated(&self, h: &str) -> bool {
        self.hyphenated
            .contains(h)
            .unwrap_or_else(|| self.lower.contains(h))
    }
}

/// The runs of letters on either side of each `-` of a text, indexed by their last and first
/// three letters: `lower.contains("avant-garde")` for every word cut at a line end read the
/// whole source each time.
struct Hyphenated {
    /// Distinct (letters before, letters after) pairs.
    pairs: Vec<(String, String)>,
    /// (last letters before, first letters after), one to three of each → pairs.
    index: HashMap<(String, String), Vec<usize>>,
}

impl Hyphenated {
    const KEY: usize = 3;

    fn new(text: &str) -> Self {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        let mut pairs = Vec::new();
        let mut index: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (q, _) in text.match_indices('-') {
            let before = &text[..q];
            let after = &text[q + 1..];
            let a = trailing_run(before, char::is_alphabetic);
            let b_len: usize = after
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let b = &after[..b_len];
            if a.is_empty() || b.is_empty() || seen.contains_key(&(a, b)) {
                continue;
            }
            let k = pairs.len();
            seen.insert((a, b), k);
            pairs.push((a.to_string(), b.to_string()));
            for i in 1..=Self::KEY.min(a.chars().count()) {
                for j in 1..=Self::KEY.min(b.chars().count()) {
                    index
                        .entry((last_chars(a, i).to_string(), first_chars(b, j).to_string()))
                        .or_default()
                        .push(k);
                }
            }
        }
        Hyphenated { pairs, index }
    }

    /// Whether the text contains `h`, when `h` is letters, `-`, letters; `None` for any other
    /// `h`. (An occurrence of `h` has its letters inside the runs of letters around a `-`.)
    fn contains(&self, h: &str) -> Option<bool> {
        let (l, r) = h.split_once('-')?;
        let letters = |s: &str| !s.is_empty() && s.chars().all(char::is_alphabetic);
        if !letters(l) || !letters(r) {
            return None;
        }
        let key = (
            last_chars(l, Self::KEY.min(l.chars().count())).to_string(),
            first_chars(r, Self::KEY.min(r.chars().count())).to_string(),
        );
        Some(self.index.get(&key).is_some_and(|ks| {
            ks.iter().any(|&k| {
                let (a, b) = &self.pairs[k];
                a.ends_with(l) && b.starts_with(r)
            })
        }))
    }
}

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[start..]
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// A line that is only a URL, with no trailing space.
fn bare_url<'a>(line: &Line<'a>) -> Option<&'a str> {
    let c = line.content;
    (!line.trail && is_url(c) && !c.contains(is_ws)).then_some(c)
}

fn is_url(token: &str) -> bool {
    token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.")
}

// ---------------------------------------------------------------------------------------------
// Joining wrapped lines
// ---------------------------------------------------------------------------------------------

/// How a wrapped line joins the text before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// With a space (the ordinary case).
    Space,
    /// Without a space: a URL or a hyphenated word cut at the line end.
    Glue,
    /// Without a space and without the line-end hyphen: a word hyphenated only to wrap it.
    DropHyphen,
}

/// Characters that end a URL cut by the line width (the URL goes on on the next line).
const URL_CUT_ENDS: [char; 8] = ['-', '_', '%', '=', '&', '?', '#', '~'];
/// Punctuation that may follow a URL or a note mark without being part of it.
const TRAILING_PUNCT: [char; 14] = [
    '.', ',', ';', ':', '!', '?', ')', ']', '»', '”', '"', '’', '\'', '…',
];

/// Decides how `head` (the next line's content) joins `tail` (the text so far).
fn join_rule(tail: &str, head: &str, ctx: &Context) -> Join {
    let tail = tail.trim_end_matches(is_ws);
    let last = tail.rsplit(is_ws).next().unwrap_or("");
    let first = head.split(is_ws).next().unwrap_or("");
    if last.contains("://") || last.starts_with("www.") || is_cut_scheme(last) {
        return url_join(last, first, ctx);
    }
    // A compound cut after its dash (`Society–` `2030`, `20-` `year`): the dash stays, glued.
    let dash_cut = last
        .strip_suffix(['–', '-', '‑'])
        .and_then(|stem| stem.chars().last())
        .is_some_and(|c| c.is_ascii_digit() || (c.is_alphabetic() && !last.ends_with('-')));
    if dash_cut && first.starts_with(|c: char| c.is_alphanumeric()) {
        return Join::Glue;
    }
    // A symbol or a number cut after a slash (`70/` `125`, `A/RES/` `80/173`).
    if last.len() > 1 && last.ends_with('/') && first.starts_with(|c: char| c.is_alphanumeric()) {
        return Join::Glue;
    }
    hyphen_join(last, first, ctx)
}

/// A URL at the end of a line: glued to the next token when a bare URL line of the source
/// confirms it, or when the URL visibly breaks off (`…-`, `…%`, `…/` followed by a path).
fn url_join(url: &str, next: &str, ctx: &Context) -> Join {
    let next_core = next.trim_end_matches(TRAILING_PUNCT);
    if next_core.is_empty() {
        return Join::Space;
    }
    let joined = format!("{url}{next_core}");
    // The first bare URL from `joined` on in order begins with it if any does.
    let begins = ctx.bare_urls.range(joined.clone()..).next();
    if begins.is_some_and(|u| u.starts_with(&joined)) {
        return Join::Glue;
    }
    if ctx.bare_urls.contains(url) {
        return Join::Space;
    }
    let url_chars = next_core.chars().all(|c| c.is_ascii_graphic());
    if url.ends_with(URL_CUT_ENDS) && url_chars {
        return Join::Glue;
    }
    let path_like = next_core
        .chars()
        .any(|c| matches!(c, '/' | '.' | '_' | '-' | '%' | '=' | '?' | '&' | '#'));
    // Cut after a slash, a dot or the scheme (`https://www.` `unido.org/…`, `https:/`
    // `/www.…`), before what goes on as an address.
    if (url.ends_with(['/', '.']) || is_cut_scheme(url)) && url_chars && path_like {
        return Join::Glue;
    }
    Join::Space
}

/// An address cut inside its scheme: `https:` or `https:/` at a line end.
fn is_cut_scheme(token: &str) -> bool {
    ["http:", "https:", "http:/", "https:/"].contains(&token)
}

/// A word cut with a hyphen at a line end: the hyphen is kept (`avant-` `garde`) unless the
/// word is written elsewhere in the source without it and never with it.
fn hyphen_join(last: &str, next: &str, ctx: &Context) -> Join {
    let Some(stem) = last.strip_suffix('-') else {
        return Join::Space;
    };
    let left = trailing_run(stem, char::is_alphabetic);
    let right: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    if left.is_empty() || right.is_empty() {
        return if left.is_empty() {
            Join::Space
        } else {
            Join::Glue
        };
    }
    let whole = format!("{left}{right}").to_lowercase();
    let hyphenated = format!("{left}-{right}").to_lowercase();
    if ctx.words.contains(&whole) && !ctx.contains_hyphenated(&hyphenated) {
        Join::DropHyphen
    } else {
        Join::Glue
    }
}

/// Appends a line to plain text (a note being read).
fn join_text(text: &mut String, next: &str, ctx: &Context) {
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    match join_rule(text, next, ctx) {
        Join::Space => text.push(' '),
        Join::Glue => {}
        Join::DropHyphen => {
            let kept = text.trim_end_matches(is_ws).len();
            text.truncate(kept);
            if text.ends_with('-') {
                text.pop();
            }
        }
    }
    text.push_str(next);
}

// ---------------------------------------------------------------------------------------------
// Pass 1: cover, furniture, notes and note marks
// ---------------------------------------------------------------------------------------------

/// A note mark found in a line: the byte range of its digits in the raw line.
#[derive(Debug, Clone)]
struct Mark {
    start: usize,
    end: usize,
    number: String,
}

/// A footnote as it is read, before it goes to the builder.
#[derive(Debug, Clone)]
struct NoteDraft {
    number: String,
    line: usize,
    text: String,
}

/// The result of the first pass.
#[derive(Default)]
struct Scan {
    /// Indices of the running-text lines, in order.
    text: Vec<usize>,
    /// Note marks per line index.
    marks: HashMap<usize, Vec<Mark>>,
    notes: Vec<NoteDraft>,
}

/// Where the scanner is: in the running text, or in the notes at the foot of a page.
#[derive(Debug, Clone, Copy)]
enum Mode {
    Body,
    /// `first`: index in `notes` of the area's first note; `annotating`: the repeated URL lines
    /// have begun.
    Notes {
        first: usize,
        annotating: bool,
    },
}

/// First pass: sorts lines into cover, furniture, notes and running text, and finds the marks
/// of each page's notes in that page's running text.
struct Scanner<'a, 'b> {
    lines: &'a [Line<'a>],
    ctx: &'a Context,
    b: &'b mut DocBuilder,
    scan: Scan,
    mode: Mode,
    /// The words of the running-text lines since the last notes: the page the next notes belong
    /// to.
    page: Vec<Token<'a>>,
    /// The URLs of the notes area's notes but its last (which may still grow), as printed and
    /// without trailing punctuation: (the area's first note, the notes read in, the URLs).
    area_urls: (usize, usize, HashSet<String>),
    next_note: u64,
    /// True until the first numbered paragraph: cover lines are recognised.
    cover_open: bool,
    cover_symbols: Vec<String>,
    /// `Nations Unies` read on a cover line of its own (and its line index), waiting for the
    /// symbol.
    organisation: Option<(&'a str, usize)>,
    /// A line already read with the one before it.
    skip: Option<usize>,
    /// An ITU cover label was read: its value follows; `field_has_value` once a line of it was.
    field_open: bool,
    field_has_value: bool,
    /// A label of the ITU Council template has been read.
    itu_cover: bool,
}

impl<'a, 'b> Scanner<'a, 'b> {
    fn new(lines: &'a [Line<'a>], ctx: &'a Context, b: &'b mut DocBuilder) -> Self {
        Scanner {
            lines,
            ctx,
            b,
            scan: Scan::default(),
            mode: Mode::Body,
            page: Vec::new(),
            area_urls: (0, 0, HashSet::new()),
            next_note: 1,
            cover_open: true,
            cover_symbols: Vec::new(),
            organisation: None,
            skip: None,
            field_open: false,
            field_has_value: false,
            itu_cover: false,
        }
    }

    fn run(mut self) -> Scan {
        // A line of white space only precedes the notes of a page.
        let mut after_rule = false;
        for i in 0..self.lines.len() {
            let line = self.lines[i];
            if line.content.is_empty() {
                after_rule |= !line.raw.is_empty();
                continue;
            }
            let rule = std::mem::take(&mut after_rule);
            self.line(i, rule);
        }
        self.close_notes();
        self.scan
    }

    fn line(&mut self, i: usize, rule: bool) {
        let line = self.lines[i];
        if self.cover_open && paragraph_number(line.content).is_some_and(|(n, _)| n == 1) {
            self.cover_open = false;
        }
        if self.cover_open {
            if self.skip == Some(i) {
                return;
            }
            // The organisation's name on a line of its own labels the symbol on the next one, or
            // on the one before it (an extractor may print the symbol first).
            if ORGANISATIONS.contains(&line.content) {
                self.organisation = Some((line.content, i));
                return;
            }
            let symbol = !symbol_parts(line.content).is_empty();
            if let Some((org, org_line)) = self.organisation.take() {
                if symbol {
                    self.close_notes();
                    self.cover(CoverLine::new("symbol", Some(org), line.content), line.no);
                    return;
                }
                // Not a symbol after all: the name is text.
                self.push_page(org_line);
                self.scan.text.push(org_line);
            }
            if symbol {
                let next = (i + 1..self.lines.len()).find(|&j| !self.lines[j].content.is_empty());
                if let Some(j) = next.filter(|&j| ORGANISATIONS.contains(&self.lines[j].content)) {
                    self.close_notes();
                    let org = self.lines[j].content;
                    self.cover(CoverLine::new("symbol", Some(org), line.content), line.no);
                    self.skip = Some(j);
                    return;
                }
            }
            // The ITU Council template: a label on its line (`Objet`, `Suite à donner par le
            // Conseil` …), its value on the next lines, until the next label or the title.
            // (`Résumé` alone opens a UN report's summary: a label only among the others.)
            let label = word_export::cover_label(line.content)
                .filter(|&k| k != "summary" || self.itu_cover);
            if let Some(key) = label {
                self.itu_cover = true;
                self.close_notes();
                let label = line.content.trim_end_matches(':').trim_end();
                self.b.cover(key, Some(label), "", line.no);
                self.field_open = true;
                return;
            }
            if self.field_open {
                if word_export::is_caps_title(line.content) || line.lead && self.field_has_value {
                    self.field_open = false;
                    self.field_has_value = false;
                } else {
                    self.b.extend_cover(line.content);
                    self.field_has_value = true;
                    return;
                }
            }
            if let Some(field) = cover_field(line.content) {
                self.close_notes();
                self.cover(field, line.no);
                return;
            }
            if self.resolution_cover(line.content, line.no) {
                self.close_notes();
                return;
            }
        }
        if line.furniture || is_page_furniture(line.content, &self.cover_symbols) {
            // The cover page ends with its footer.
            if !self.b.cover_fields().is_empty() && is_job_number_line(line.content) {
                self.cover_open = false;
            }
            self.close_notes();
            return;
        }
        if let Mode::Notes { .. } = self.mode {
            if self.note_line(i) {
                return;
            }
            self.close_notes();
        } else if self.note_opens(i, rule) {
            return;
        }
        self.push_page(i);
        self.scan.text.push(i);
    }

    /// Reads a cover line of an adopted resolution (session, agenda item and title, adoption,
    /// committee) with the resolution reader's vocabulary; whether it was one.
    fn resolution_cover(&mut self, content: &str, line: usize) -> bool {
        let prev = self.b.cover_fields().last().map(|f| f.key.as_str());
        match un_markdown::cover_line(content, prev) {
            // The report vocabulary reads these (a symbol with its organisation).
            None
            | Some(un_markdown::CoverLine::Field("symbol" | "date" | "body" | "distribution")) => {
                false
            }
            Some(un_markdown::CoverLine::Field(key)) => {
                let value = if key == "committee" {
                    content.trim_start_matches('[').trim_end_matches(']')
                } else {
                    content
                };
                self.b.cover(key, None, value, line);
                true
            }
            // The agenda title goes on over the next line.
            Some(un_markdown::CoverLine::More) => {
                self.b.extend_cover(content);
                true
            }
        }
    }

    fn cover(&mut self, field: CoverLine, line: usize) {
        if field.key == "symbol" {
            self.cover_symbols.extend(symbol_parts(&field.value));
        }
        self.b
            .cover(field.key, field.label.as_deref(), &field.value, line);
    }

    /// A line met in the notes area. Returns false when the running text resumes.
    fn note_line(&mut self, i: usize) -> bool {
        let line = self.lines[i];
        let Mode::Notes { first, annotating } = self.mode else {
            return false;
        };
        if let Some(url) = bare_url(&line) {
            self.annotation(url, line.no, first, annotating);
            return true;
        }
        if let Some((n, rest)) = note_start(&line, self.next_note, true) {
            self.start_note(n, rest, line.no);
            return true;
        }
        if !line.lead && !annotating {
            self.continue_note(line.content);
            return true;
        }
        false
    }

    /// A bare URL line after notes: dropped when it repeats a URL of the notes just read, kept in
    /// the last note otherwise.
    fn annotation(&mut self, url: &str, line: usize, first: usize, annotating: bool) {
        if self.known_url(first, url) {
            self.mode = Mode::Notes {
                first,
                annotating: true,
            };
            return;
        }
        let note_open = self
            .scan
            .notes
            .last()
            .is_some_and(|n| !n.text.trim_end().ends_with('.'));
        if !annotating && note_open {
            // A URL wrapped inside the last note.
            self.continue_note(url);
            return;
        }
        let number = self.scan.notes.last().map_or("?", |n| n.number.as_str());
        self.b.warn(
            line,
            format!(
                "a bare URL line after the notes repeats none of their URLs; kept at the end of note {number}: check the note"
            ),
        );
        if let Some(n) = self.scan.notes.last_mut() {
            n.text.push(' ');
            n.text.push_str(url);
        }
        self.mode = Mode::Notes {
            first,
            annotating: true,
        };
    }

    /// Whether `url` repeats a URL of the notes of the area that begins at note `first`.
    fn known_url(&mut self, first: usize, url: &str) -> bool {
        let notes = &self.scan.notes;
        // Notes before the last are complete: their URLs are gathered once.
        let last = notes.len().saturating_sub(1).max(first);
        let (area, read, urls) = &mut self.area_urls;
        if *area != first {
            (*area, *read) = (first, first);
            urls.clear();
        }
        while *read < last {
            for u in urls_in(&notes[*read].text) {
                urls.insert(u.to_string());
                urls.insert(u.trim_end_matches(TRAILING_PUNCT).to_string());
            }
            *read += 1;
        }
        urls.contains(url)
            || notes[last..]
                .iter()
                .flat_map(|n| urls_in(&n.text))
                .any(|u| u == url || u.trim_end_matches(TRAILING_PUNCT) == url)
    }

    /// In the running text: does this line open the notes of the page?
    fn note_opens(&mut self, i: usize, rule: bool) -> bool {
        let line = self.lines[i];
        if let Some(rest) = star_note(&line) {
            if line.lead || rule {
                let stars: String = line.content.chars().take_while(|&c| c == '*').collect();
                self.open_notes();
                self.scan.notes.push(NoteDraft {
                    number: stars,
                    line: line.no,
                    text: rest.to_string(),
                });
                return true;
            }
        }
        let Some((n, rest)) = note_start(&line, self.next_note, false) else {
            return false;
        };
        if !rule && !self.page_has_mark(&n.to_string()) {
            return false;
        }
        self.open_notes();
        self.start_note(n, rest, line.no);
        true
    }

    fn open_notes(&mut self) {
        self.mode = Mode::Notes {
            first: self.scan.notes.len(),
            annotating: false,
        };
    }

    fn start_note(&mut self, n: u64, rest: &str, line: usize) {
        if n != self.next_note {
            self.b.warn(
                line,
                format!(
                    "note {n} follows note {}: note {} is missing",
                    self.next_note.saturating_sub(1),
                    self.next_note
                ),
            );
        }
        self.next_note = n + 1;
        self.scan.notes.push(NoteDraft {
            number: n.to_string(),
            line,
            text: rest.to_string(),
        });
    }

    fn continue_note(&mut self, text: &str) {
        if let Some(note) = self.scan.notes.last_mut() {
            join_text(&mut note.text, text, self.ctx);
        }
    }

    /// Ends the notes area: finds the marks of its notes in the page's running text.
    fn close_notes(&mut self) {
        let Mode::Notes { first, .. } = self.mode else {
            return;
        };
        self.mode = Mode::Body;
        let numbers: Vec<String> = self.scan.notes[first..]
            .iter()
            .map(|n| n.number.clone())
            .collect();
        let mut tokens = std::mem::take(&mut self.page);
        let mut from = 0;
        for number in &numbers {
            let found = if number.starts_with('*') {
                tokens.iter().position(|t| star_mark(t.core, number))
            } else {
                find_mark(&tokens[from..], number).map(|k| k + from)
            };
            if let Some(k) = found {
                let t = &tokens[k];
                let end = t.start + t.core.len();
                self.scan.marks.entry(t.line).or_default().push(Mark {
                    start: end - number.len(),
                    end,
                    number: number.clone(),
                });
                if !number.starts_with('*') {
                    from = k + 1;
                }
            }
        }
        tokens.clear();
        self.page = tokens;
    }

    fn page_has_mark(&self, number: &str) -> bool {
        find_mark(&self.page, number).is_some()
    }

    /// Adds the words of running-text line `i` to the current page, with their place.
    fn push_page(&mut self, i: usize) {
        let line = self.lines[i];
        let mut pos = line.start;
        for word in line.content.split(is_ws) {
            if !word.is_empty() && !is_url(word) && !word.contains("://") {
                self.page.push(Token {
                    line: i,
                    start: pos,
                    core: word.trim_end_matches(TRAILING_PUNCT),
                });
            }
            pos += word.len();
            // Skip the separator (one char; its length varies with NBSP and the like).
            if let Some(c) = line.raw.get(pos..).and_then(|s| s.chars().next()) {
                pos += c.len_utf8();
            }
        }
    }
}

/// A word of the running text with its trailing punctuation left out.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    /// Line index.
    line: usize,
    /// Byte offset of the word in the raw line.
    start: usize,
    core: &'a str,
}

/// How likely a word ending with a note number carries that note's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// `perdurent2`, `(SMSI)1`, `»13`, `20326` (a year and the mark).
    Strong,
    /// `G7`, `C7`, `Mundial+10`: a code that ends with the number; taken only when nothing
    /// better is found.
    Weak,
}

/// Finds the first word of `tokens` that carries the mark `number`: strong candidates first.
fn find_mark(tokens: &[Token], number: &str) -> Option<usize> {
    let strength = |t: &Token| mark_strength(t.core, number);
    tokens
        .iter()
        .position(|t| strength(t) == Some(Strength::Strong))
        .or_else(|| {
            tokens
                .iter()
                .position(|t| strength(t) == Some(Strength::Weak))
        })
}

/// Whether `core` (a word without its trailing punctuation) ends with the mark `number` glued to
/// it, and how sure that is.
fn mark_strength(core: &str, number: &str) -> Option<Strength> {
    let prefix = core.strip_suffix(number)?;
    let c = prefix.chars().last()?;
    if c.is_ascii_digit() {
        // Digits glued to digits: only a year before the mark (`2032` + `6`).
        let run = prefix
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let year = prefix.get(prefix.len() - run..)?;
        let before = prefix.chars().rev().nth(run);
        let is_year = run == 4 && (year.starts_with("19") || year.starts_with("20"));
        return (is_year && !matches!(before, Some('/' | ',' | '.'))).then_some(Strength::Strong);
    }
    if c.is_lowercase() {
        return Some(Strength::Strong);
    }
    if c.is_uppercase() {
        let letters = prefix
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        return Some(if letters > 1 {
            Strength::Strong
        } else {
            Strength::Weak
        });
    }
    match c {
        ')' | ']' | '»' | '”' | '"' | '’' | '\'' => Some(Strength::Strong),
        '.' | ',' | ';' | ':' => {
            let head = prefix.get(..prefix.len() - 1)?;
            if !head.ends_with(|b: char| b.is_ascii_digit()) {
                return Some(Strength::Strong);
            }
            // `in 2024.2`: a year, its full stop and a mark (English); `2,6` is a number.
            let run = head.chars().rev().take_while(char::is_ascii_digit).count();
            let year = head.get(head.len() - run..)?;
            (c == '.' && run == 4 && (year.starts_with("19") || year.starts_with("20")))
                .then_some(Strength::Weak)
        }
        '+' | '-' | '‑' | '–' => Some(Strength::Weak),
        _ => None,
    }
}

/// A word that ends with the star mark `stars` (`provisoire*`).
fn star_mark(core: &str, stars: &str) -> bool {
    core.strip_suffix(stars)
        .and_then(|p| p.chars().last())
        .is_some_and(|c| c != '*' && !is_ws(c))
}

/// ` N text`: the first line of note `N` (the expected number, or a little more inside the
/// notes area). Returns the number and the note's text.
fn note_start<'a>(line: &Line<'a>, expected: u64, in_notes: bool) -> Option<(u64, &'a str)> {
    // Where blank lines or nothing separate blocks, the notes of a page follow one another
    // without a sign: the next number begins the next note.
    let unmarked_next = in_notes && !line.spaced;
    if !line.lead && !unmarked_next {
        return None;
    }
    let c = line.content;
    let digits = c.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let after = c.get(digits..)?;
    if !after.starts_with(is_ws) {
        return None;
    }
    let rest = after.trim_start_matches(is_ws);
    let n: u64 = c.get(..digits)?.parse().ok()?;
    let ok = if line.lead {
        n == expected || (in_notes && n > expected && n <= expected + 2)
    } else {
        n == expected
    };
    (ok && !rest.is_empty()).then_some((n, rest))
}

/// ` * text`: a note marked with stars (the agenda note of a cover page).
fn star_note<'a>(line: &Line<'a>) -> Option<&'a str> {
    let c = line.content;
    let stars = c.chars().take_while(|&ch| ch == '*').count();
    if stars == 0 || stars > 3 {
        return None;
    }
    let after = c.get(stars..)?;
    if !after.starts_with(is_ws) {
        return None;
    }
    let rest = after.trim_start_matches(is_ws);
    (!rest.is_empty()).then_some(rest)
}

/// The URLs printed in a note's text, as printed (trailing punctuation included).
fn urls_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_ws)
        .map(|w| w.trim_start_matches(['(', '[', '<', '«']))
        .filter(|w| is_url(w))
}

// ---------------------------------------------------------------------------------------------
// Cover page and page furniture
// ---------------------------------------------------------------------------------------------

/// A recognised cover line.
#[derive(Debug, Clone, PartialEq)]
struct CoverLine {
    key: &'static str,
    label: Option<String>,
    value: String,
}

impl CoverLine {
    fn new(key: &'static str, label: Option<&str>, value: &str) -> Self {
        CoverLine {
            key,
            label: label.map(str::to_string),
            value: value.to_string(),
        }
    }
}

/// Names of the organisation printed before the symbol on a cover page.
const ORGANISATIONS: [&str; 2] = ["Nations Unies", "United Nations"];
/// Principal organs named on a cover page.
const BODIES: [&str; 10] = [
    "Assemblée générale",
    "General Assembly",
    "Conseil économique et social",
    "Economic and Social Council",
    "Conseil de sécurité",
    "Security Council",
    "Conseil des droits de l’homme",
    "Conseil des droits de l'homme",
    "Human Rights Council",
    "Conseil de tutelle",
];
/// The language of the version, as printed under the date.
const LANGUAGES: [&str; 12] = [
    "Français",
    "Anglais",
    "Espagnol",
    "Arabe",
    "Chinois",
    "Russe",
    "English",
    "French",
    "Spanish",
    "Arabic",
    "Chinese",
    "Russian",
];

/// Recognises a line of a UN cover page.
fn cover_field(content: &str) -> Option<CoverLine> {
    let words: Vec<&str> = content.split(is_ws).filter(|w| !w.is_empty()).collect();
    let flat = words.join(" ");
    for org in ORGANISATIONS {
        if let Some(rest) = flat.strip_prefix(org) {
            let rest = rest.trim();
            if !rest.is_empty() && !symbol_parts(rest).is_empty() {
                return Some(CoverLine::new("symbol", Some(org), rest));
            }
        }
    }
    if BODIES.contains(&flat.as_str()) {
        return Some(CoverLine::new("body", None, content));
    }
    if flat.starts_with("Distr.") && words.len() <= 3 {
        return Some(CoverLine::new("distribution", None, content));
    }
    if printed_date(content).is_some() {
        return Some(CoverLine::new("date", None, content));
    }
    if words.len() == 1 && LANGUAGES.contains(&words[0]) {
        return Some(CoverLine::new("language", None, content));
    }
    if let Some(rest) = flat.strip_prefix("Original") {
        let value = rest.trim_start().strip_prefix(':')?.trim();
        if !value.is_empty() && value.split(' ').count() <= 2 {
            return Some(CoverLine::new("original-language", Some("Original"), value));
        }
    }
    cover_session_or_item(&flat, &words, content)
}

/// `Quatre-vingt-unième session`, `Eighty-first session`, `Point 13 de l'ordre du jour`, `Item
/// 13 of the provisional agenda`.
fn cover_session_or_item(flat: &str, words: &[&str], content: &str) -> Option<CoverLine> {
    let last = words.last()?;
    if words.len() <= 3 && (*last == "session" || words.first() == Some(&"Session")) {
        return Some(CoverLine::new("session", None, content));
    }
    let agenda = (flat.starts_with("Point ")
        && (flat.contains("ordre du jour") || flat.contains("liste préliminaire")))
        || (flat.starts_with("Item ")
            && (flat.contains("agenda") || flat.contains("preliminary list")));
    (agenda && words.len() <= 10).then(|| CoverLine::new("agenda-item", None, content))
}

/// The symbols of a (possibly joint) document symbol: `A/81/62−E/2026/48` gives both. Empty
/// when `s` is not a symbol.
fn symbol_parts(s: &str) -> Vec<String> {
    for sep in ['−', '–', '—', '-'] {
        let parts: Vec<&str> = s.split(sep).map(str::trim).collect();
        if parts.len() > 1 && parts.iter().all(|p| is_symbol(p)) {
            return parts.into_iter().map(str::to_string).collect();
        }
    }
    if is_symbol(s) {
        vec![s.to_string()]
    } else {
        Vec::new()
    }
}

/// A UN document symbol: `A/81/62`, `E/2026/48`, `A/RES/80/173`, `E/CN.16/2026/3`.
fn is_symbol(s: &str) -> bool {
    let mut parts = s.split('/');
    let head = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !head.is_empty()
        && head.len() <= 6
        && head.chars().all(|c| c.is_ascii_uppercase())
        && !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '(' | ')'))
        })
        && s.chars().any(|c| c.is_ascii_digit())
        && s.len() <= 40
}

/// Page headers and footers: the document's symbols, job numbers (`GE.26-01527`, `25-01234
/// (F)`), page numbers, `Merci de recycler`.
fn is_page_furniture(content: &str, cover_symbols: &[String]) -> bool {
    let flat = content.trim_start_matches(['♲', ' ']);
    if flat == "Merci de recycler" || flat == "Please recycle" {
        return true;
    }
    let tokens: Vec<&str> = content.split(is_ws).filter(|w| !w.is_empty()).collect();
    let page = |t: &str| t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit());
    let job = |t: &str| is_job_number_line(t);
    let tag = |t: &str| {
        (t.len() == 3 && t.starts_with('(') && t.ends_with(')'))
            || (t.len() > 2
                && t.starts_with('*')
                && t.ends_with('*')
                && t.trim_matches('*').chars().all(|c| c.is_ascii_digit()))
    };
    let own = |t: &str| cover_symbols.iter().any(|s| s == t);
    let symbol = |t: &str| own(t) || (cover_symbols.is_empty() && is_symbol(t));
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    match tokens.as_slice() {
        [] => false,
        [t] => page(t) || job(t) || symbol(t) || (tag(t) && t.starts_with('*')),
        ts => {
            let has_job = ts.iter().any(|t| job(t));
            // With a job number, other numbers are print dates (`25-01234 (E) 120225`).
            ts.iter()
                .all(|t| page(t) || job(t) || tag(t) || symbol(t) || (has_job && digits(t)))
                && (has_job || ts.iter().any(|t| own(t)))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pass 2: headings and paragraphs
// ---------------------------------------------------------------------------------------------

/// A running-text line with the note marks found in it.
#[derive(Debug, Clone, Copy)]
struct TextLine<'a> {
    line: Line<'a>,
    marks: &'a [Mark],
}

impl TextLine<'_> {
    /// The line's runs from byte `from` of the raw line: text, with marks as note references.
    fn runs_from(&self, from: usize) -> Vec<Inline> {
        let end = self.line.start + self.line.content.len();
        let mut out = Vec::new();
        let mut pos = from;
        let mut marks: Vec<&Mark> = self.marks.iter().collect();
        marks.sort_by_key(|m| m.start);
        for m in marks {
            if m.start < pos || m.end > end {
                continue;
            }
            if let Some(t) = self.line.raw.get(pos..m.start) {
                out.push(Inline::Text {
                    text: t.to_string(),
                });
            }
            out.push(Inline::NoteRef {
                number: m.number.clone(),
            });
            pos = m.end;
        }
        if let Some(t) = self.line.raw.get(pos..end) {
            out.push(Inline::Text {
                text: t.to_string(),
            });
        }
        out
    }

    /// The line's text with its marks left out.
    fn plain(&self) -> String {
        self.runs_from(self.line.start)
            .iter()
            .map(Inline::text)
            .collect()
    }

    /// Byte offset in the raw line of a content offset.
    fn at(&self, content_offset: usize) -> usize {
        self.line.start + content_offset
    }
}

/// The kind of block being gathered.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Heading {
        level: u8,
        number: Option<String>,
    },
    Numbered(String),
    /// An unnumbered paragraph: running text, an enacting formula or a preambular paragraph.
    Text(Role),
    Item {
        depth: usize,
        label: String,
    },
    ListItem,
}

/// A block being gathered from its lines.
#[derive(Debug, Clone)]
struct Acc {
    kind: Kind,
    runs: Vec<Inline>,
    line: usize,
    lines: usize,
    /// Length in characters of the last line read into the block.
    last_width: usize,
}

impl Acc {
    fn plain(&self) -> String {
        self.runs.iter().map(Inline::text).collect()
    }
}

/// The numbering scheme of a heading or item label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    /// `I.`: chapter.
    Roman,
    /// `A.`: section.
    Capital,
    /// `1.`: subsection (a number that is not the next paragraph's).
    Arabic,
    /// `a)` or `(a)`: sub-subsection, or an item inside a paragraph.
    LetterParen,
}

/// Second pass: gathers running-text lines into headings and paragraphs.
struct Assembler<'a, 'b> {
    ctx: &'a Context,
    b: &'b mut DocBuilder,
    acc: Option<Acc>,
    last_number: Option<u64>,
    /// Level of the last numbered heading: unnumbered headings go one level below it.
    heading_level: Option<u8>,
    /// The last capital-letter section in the current chapter (tells `I.` after `H.` apart).
    section_letter: Option<char>,
    /// Label of the last depth-1 item.
    item_letter: Option<String>,
    annex: u32,
    /// After an enacting formula and before the first numbered paragraph: unnumbered paragraphs
    /// are preambular.
    preamble: bool,
}

/// Words a heading line can end with when the heading goes on on the next line.
const CONNECTORS: [&str; 30] = [
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "au", "aux", "en", "dans", "pour",
    "sur", "par", "avec", "of", "the", "and", "for", "on", "in", "to", "with", "by", "at", "a",
    "an",
];

impl<'a, 'b> Assembler<'a, 'b> {
    fn new(ctx: &'a Context, b: &'b mut DocBuilder) -> Self {
        Assembler {
            ctx,
            b,
            acc: None,
            last_number: None,
            heading_level: None,
            section_letter: None,
            item_letter: None,
            annex: 0,
            preamble: false,
        }
    }

    fn expected(&self) -> u64 {
        self.last_number.map_or(1, |n| n + 1)
    }

    /// Reads one running-text line; `next` is the following one, if any.
    fn line(&mut self, cur: &TextLine, next: Option<&TextLine>) {
        if self.is_open() {
            self.append(cur);
            return;
        }
        if self.numbered_paragraph(cur, next) {
            return;
        }
        let plain = cur.plain();
        if self.annex_heading(cur, &plain) || self.labelled_block(cur) {
            return;
        }
        if self.continues_heading(cur, &plain) {
            self.append(cur);
            return;
        }
        if self.unnumbered_heading(cur, &plain, next) {
            return;
        }
        let start_text = match &self.acc {
            None => true,
            Some(acc) => match acc.kind {
                Kind::Heading { .. } | Kind::Text(Role::Formula) => true,
                Kind::Text(_) => self.text_ends(acc, &plain),
                _ => false,
            },
        };
        if is_formula(&plain) {
            self.preamble = true;
            self.start(Kind::Text(Role::Formula), cur, cur.line.start);
        } else if start_text {
            let role = if self.preamble {
                Role::Preambular
            } else {
                Role::Text
            };
            self.start(Kind::Text(role), cur, cur.line.start);
        } else {
            self.append(cur);
        }
    }

    /// The current paragraph stops mid-sentence: the next line, whatever it looks like,
    /// continues it (the rest of a paragraph after a page break and its notes).
    fn is_open(&self) -> bool {
        let Some(acc) = &self.acc else {
            return false;
        };
        let text = acc.plain();
        match acc.kind {
            Kind::Heading { .. } | Kind::Text(Role::Formula) => false,
            // Unnumbered paragraphs (preambular ones) may end with a comma.
            Kind::Text(_) => !(ends_sentence(&text) || text.trim_end().ends_with(',')),
            _ => !ends_sentence(&text),
        }
    }

    /// Whether the previous block is complete (a heading, or text that ends a sentence).
    fn is_closed(&self) -> bool {
        !self.is_open()
    }

    /// `N. text` with `N` the next paragraph number (or one or two more).
    fn numbered_paragraph(&mut self, cur: &TextLine, next: Option<&TextLine>) -> bool {
        let Some((n, off)) = paragraph_number(cur.line.content) else {
            return false;
        };
        let expected = self.expected();
        let rest = cur.line.content.get(off..).unwrap_or("");
        let plausible = n > expected && n <= expected + 2 && starts_upper(rest);
        if n != expected && !plausible {
            return false;
        }
        // `1. Introduction` followed by `1. The present report`: the first is a heading.
        if cur.line.lead && next.and_then(|l| paragraph_number(l.line.content)) == Some((n, off)) {
            return false;
        }
        self.start(Kind::Numbered(n.to_string()), cur, cur.at(off));
        self.last_number = Some(n);
        self.preamble = false;
        self.item_letter = None;
        true
    }

    /// `Annexe`, `Annex II`: enters an annex, whose paragraphs are numbered afresh.
    fn annex_heading(&mut self, cur: &TextLine, plain: &str) -> bool {
        let words: Vec<&str> = plain.split(is_ws).filter(|w| !w.is_empty()).collect();
        let is_annex = match words.as_slice() {
            [w] => is_annex_word(w),
            [w, n] => is_annex_word(w) && (roman_value(n).is_some() || n.parse::<u32>().is_ok()),
            _ => false,
        };
        if !is_annex || !(cur.line.lead || self.is_closed()) {
            return false;
        }
        self.flush();
        self.annex += 1;
        self.b.enter_annex(self.annex);
        self.last_number = None;
        self.heading_level = Some(1);
        self.section_letter = None;
        self.start(
            Kind::Heading {
                level: 1,
                number: None,
            },
            cur,
            cur.line.start,
        );
        true
    }

    /// A line that begins with a heading or item label (`I.`, `A.`, `1.`, `a)`).
    fn labelled_block(&mut self, cur: &TextLine) -> bool {
        if let Some(off) = bullet(cur.line.content) {
            if self.takes_item() {
                self.start(Kind::ListItem, cur, cur.at(off));
                return true;
            }
        }
        let Some((kind, label, off)) = heading_label(cur.line.content) else {
            return false;
        };
        let rest = cur.line.content.get(off..).unwrap_or("");
        if kind == LabelKind::LetterParen && self.takes_item() {
            let depth = self.item_depth(&label);
            if depth == 1 {
                self.item_letter = Some(label.clone());
            }
            self.start(Kind::Item { depth, label }, cur, cur.at(off));
            return true;
        }
        if !(cur.line.lead || self.acc.is_none()) || !heading_text(rest) {
            return false;
        }
        if kind == LabelKind::Arabic && !cur.line.lead {
            return false;
        }
        let kind = self.roman_or_letter(kind, &label);
        let level = match kind {
            LabelKind::Roman => 2,
            LabelKind::Capital => 3,
            LabelKind::Arabic => 4,
            LabelKind::LetterParen => 5,
        };
        match kind {
            LabelKind::Roman => self.section_letter = None,
            LabelKind::Capital => self.section_letter = label.chars().next(),
            _ => {}
        }
        self.heading_level = Some(level);
        self.start(
            Kind::Heading {
                level,
                number: Some(label),
            },
            cur,
            cur.at(off),
        );
        true
    }

    /// `I`, `V`, `X` are section letters right after `H.`, `U.`, `W.`; chapters otherwise.
    fn roman_or_letter(&self, kind: LabelKind, label: &str) -> LabelKind {
        if kind != LabelKind::Roman || label.len() != 1 {
            return kind;
        }
        let follows = self
            .section_letter
            .and_then(|c| char::from_u32(c as u32 + 1));
        if label.chars().next() == follows {
            LabelKind::Capital
        } else {
            LabelKind::Roman
        }
    }

    /// Whether a lettered line is an item of the current paragraph: the paragraph ends with a
    /// colon, or an item list is under way.
    fn takes_item(&self) -> bool {
        match &self.acc {
            Some(acc) => {
                let text = acc.plain();
                let text = text.trim_end();
                match acc.kind {
                    Kind::Numbered(_) | Kind::Text(_) => text.ends_with(':'),
                    Kind::Item { .. } | Kind::ListItem => !text.ends_with('.'),
                    Kind::Heading { .. } => false,
                }
            }
            None => false,
        }
    }

    /// Lettered items are at depth 1; roman items (`i)` not after `h)`) under them at depth 2.
    fn item_depth(&self, label: &str) -> usize {
        let in_item = matches!(self.acc.as_ref().map(|a| &a.kind), Some(Kind::Item { .. }));
        let next_letter = self
            .item_letter
            .as_deref()
            .and_then(|l| l.chars().next())
            .and_then(|c| char::from_u32(c as u32 + 1))
            .map(String::from);
        let roman = roman_value(label).is_some();
        let depth2 = matches!(
            self.acc.as_ref().map(|a| &a.kind),
            Some(Kind::Item { depth: 2, .. })
        );
        if in_item && roman && next_letter.as_deref() != Some(label) && (label == "i" || depth2) {
            2
        } else {
            1
        }
    }

    /// A heading printed over several lines: the next line begins in lower case, or the heading
    /// line ends with a word such as `de` or `of`.
    fn continues_heading(&self, cur: &TextLine, plain: &str) -> bool {
        let Some(acc) = &self.acc else {
            return false;
        };
        if !matches!(acc.kind, Kind::Heading { .. }) || cur.line.lead || acc.lines >= 4 {
            return false;
        }
        let text = acc.plain();
        if ends_sentence(&text) || text.trim_end().ends_with(',') {
            return false;
        }
        let last_word = text
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        plain.chars().next().is_some_and(char::is_lowercase)
            || CONNECTORS.contains(&last_word.as_str())
    }

    /// An unnumbered heading (`Introduction`, `Résumé`, `Commerce électronique`): a short line
    /// that begins a block, does not end a sentence, and is followed by the start of a block.
    fn unnumbered_heading(&mut self, cur: &TextLine, plain: &str, next: Option<&TextLine>) -> bool {
        let text = plain.trim();
        let width = text.chars().count();
        if !cur.line.lead
            || !starts_upper(text)
            || width > 100
            || text.ends_with(['.', ';', ':', ',', '!', '?'])
        {
            return false;
        }
        let followed = match next {
            None => true,
            Some(n) => {
                self.is_block_start(n)
                    || (width <= 50
                        && n.line
                            .content
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase))
            }
        };
        if !followed {
            return false;
        }
        let level = self.heading_level.map_or(2, |l| (l + 1).min(6));
        self.start(
            Kind::Heading {
                level,
                number: None,
            },
            cur,
            cur.line.start,
        );
        true
    }

    /// Whether a line begins a block: it is indented, or it begins the next numbered paragraph.
    fn is_block_start(&self, l: &TextLine) -> bool {
        l.line.lead
            || paragraph_number(l.line.content).is_some_and(|(n, _)| {
                let e = self.expected();
                n >= e && n <= e + 2
            })
    }

    /// In unnumbered text, a short last line that ends a sentence ends the paragraph.
    fn text_ends(&self, acc: &Acc, next_plain: &str) -> bool {
        let short = acc.last_width * 4 < self.ctx.median_width * 3;
        let text = acc.plain();
        let ends = ends_sentence(&text) || text.trim_end().ends_with(',');
        short && ends && !starts_lower(next_plain)
    }

    /// Starts a block with `cur` read from byte `from` of its raw line.
    fn start(&mut self, kind: Kind, cur: &TextLine, from: usize) {
        self.flush();
        self.acc = Some(Acc {
            kind,
            runs: cur.runs_from(from),
            line: cur.line.no,
            lines: 1,
            last_width: cur.line.content.chars().count(),
        });
    }

    /// Adds a wrapped line to the current block.
    fn append(&mut self, cur: &TextLine) {
        let Some(acc) = self.acc.as_mut() else {
            self.start(Kind::Text(Role::Text), cur, cur.line.start);
            return;
        };
        join_runs(&mut acc.runs, cur, self.ctx);
        acc.lines += 1;
        acc.last_width = cur.line.content.chars().count();
    }

    /// Hands the gathered block to the builder.
    fn flush(&mut self) {
        let Some(acc) = self.acc.take() else {
            return;
        };
        match acc.kind {
            Kind::Heading { level, number } => {
                self.b.heading(level, number.as_deref(), acc.runs, acc.line)
            }
            Kind::Numbered(n) => {
                self.b
                    .paragraph(Para::new(Role::Operative, Some(&n), acc.runs, acc.line));
            }
            Kind::Text(role) => {
                self.b.paragraph(Para::new(role, None, acc.runs, acc.line));
            }
            Kind::Item { depth, label } => {
                self.b.item(Role::Item, depth, &label, acc.runs, acc.line);
            }
            Kind::ListItem => {
                self.b.list_item(1, acc.runs, acc.line);
            }
        }
    }
}

/// Adds the runs of a wrapped line to the runs of its block, joined as [`join_rule`] says.
fn join_runs(runs: &mut Vec<Inline>, cur: &TextLine, ctx: &Context) {
    let tail = match runs.last() {
        Some(Inline::Text { text }) => text.as_str(),
        _ => "",
    };
    let join = join_rule(tail, cur.line.content, ctx);
    match join {
        Join::Space => runs.push(Inline::Text { text: " ".into() }),
        Join::Glue => {}
        Join::DropHyphen => {
            if let Some(Inline::Text { text }) = runs.last_mut() {
                let kept = text.trim_end_matches(is_ws).len();
                text.truncate(kept);
                text.pop();
            }
        }
    }
    if join != Join::Space {
        if let Some(Inline::Text { text }) = runs.last_mut() {
            let kept = text.trim_end_matches(is_ws).len();
            text.truncate(kept);
        }
    }
    runs.extend(cur.runs_from(cur.line.start));
}

/// The running text as blocks: a block begins at each line the decoder marked as leading.
fn fragments(lines: &[TextLine], ctx: &Context) -> Vec<Fragment> {
    let mut out: Vec<(usize, Vec<Inline>)> = Vec::new();
    // An enacting formula and a closing line (`68e séance plénière`) begin blocks of their own,
    // whatever the extractor joined them with.
    let mut after_formula = false;
    // The next paragraph's number begins a block wherever the extractor put it.
    let mut next_number = 1;
    for l in lines {
        let numbered = page_lines::number_label(l.line.content);
        let next_paragraph = numbered == Some(next_number);
        if let Some(n) = numbered.filter(|&n| n == next_number || l.line.lead) {
            next_number = n + 1;
        }
        let formula = (l.line.content.starts_with(char::is_uppercase)
            && un_markdown::formula(l.line.content).is_some())
            || un_markdown::is_closing(l.line.content);
        // A preambular paragraph begins after one that ends with a comma or a semicolon.
        let preambular = |runs: &Vec<Inline>| {
            let tail = runs.iter().rev().find_map(|r| match r {
                Inline::Text { text } => Some(text.trim_end()),
                _ => None,
            });
            tail.is_some_and(|t| t.ends_with([',', ';'])) && opens_preambular(l.line.content)
        };
        match out.last_mut() {
            Some((_, runs))
                if !l.line.lead
                    && !formula
                    && !after_formula
                    && !next_paragraph
                    && !preambular(runs) =>
            {
                join_runs(runs, l, ctx)
            }
            _ => out.push((l.line.no, l.runs_from(l.line.start))),
        }
        after_formula = formula && un_markdown::formula(l.line.content) == Some(true);
    }
    out.into_iter()
        .map(|(line, runs)| Fragment {
            line,
            text: runs.iter().map(Inline::text).collect(),
            runs: Some(runs),
        })
        .collect()
}

/// `12. ` at the start of a line: the number and the byte offset of the text after it.
fn paragraph_number(content: &str) -> Option<(u64, usize)> {
    let digits = content.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let after = content.get(digits..)?.strip_prefix('.')?;
    if !after.starts_with(is_ws) {
        return None;
    }
    let rest = after.trim_start_matches(is_ws);
    if rest.is_empty() {
        return None;
    }
    let n = content.get(..digits)?.parse().ok()?;
    Some((n, content.len() - rest.len()))
}

/// A heading or item label at the start of a line: `IV.`, `B.`, `2.`, `c)`, `(c)`. Returns its
/// kind, the label and the byte offset of the text after it.
fn heading_label(content: &str) -> Option<(LabelKind, String, usize)> {
    let (kind, label, after) = if let Some(rest) = content.strip_prefix('(') {
        let letters = rest.chars().take_while(char::is_ascii_lowercase).count();
        let after = rest.get(letters..)?.strip_prefix(')')?;
        (LabelKind::LetterParen, rest.get(..letters)?, after)
    } else {
        let alnum = content
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .count();
        let label = content.get(..alnum)?;
        let tail = content.get(alnum..)?;
        if let Some(after) = tail.strip_prefix(')') {
            if !label.chars().all(|c| c.is_ascii_lowercase()) {
                return None;
            }
            (LabelKind::LetterParen, label, after)
        } else {
            let after = tail.strip_prefix('.')?;
            let kind = if label.chars().all(|c| c.is_ascii_digit()) {
                LabelKind::Arabic
            } else if roman_value(label).is_some() && label.chars().all(|c| c.is_ascii_uppercase())
            {
                LabelKind::Roman
            } else if label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase()) {
                LabelKind::Capital
            } else {
                return None;
            };
            (kind, label, after)
        }
    };
    if label.is_empty() || label.len() > 5 || !after.starts_with(is_ws) {
        return None;
    }
    if kind == LabelKind::LetterParen && label.len() > 1 && roman_value(label).is_none() {
        return None;
    }
    let rest = after.trim_start_matches(is_ws);
    if rest.is_empty() {
        return None;
    }
    Some((kind, label.to_string(), content.len() - rest.len()))
}

/// `• text`, `– text`: a list item's bullet. Returns the byte offset of the text after it.
fn bullet(content: &str) -> Option<usize> {
    let mut chars = content.chars();
    let b = chars.next()?;
    if !matches!(b, '•' | '–' | '-' | '—' | '▪' | '\u{f0b7}') {
        return None;
    }
    let after = chars.as_str();
    if !after.starts_with(is_ws) {
        return None;
    }
    let rest = after.trim_start_matches(is_ws);
    (!rest.is_empty()).then(|| content.len() - rest.len())
}

/// Whether the first line of a heading looks like one: it begins with a capital and does not
/// end a sentence.
fn heading_text(rest: &str) -> bool {
    starts_upper(rest) && !rest.trim_end().ends_with(['.', ';', ':', ',']) && rest.len() < 300
}

/// The enacting formula of a resolution: `L’Assemblée générale,`, `The General Assembly,`.
fn is_formula(plain: &str) -> bool {
    const FORMULAS: [&str; 8] = [
        "L'Assemblée générale",
        "The General Assembly",
        "Le Conseil économique et social",
        "The Economic and Social Council",
        "Le Conseil de sécurité",
        "The Security Council",
        "Le Conseil des droits de l'homme",
        "The Human Rights Council",
    ];
    let Some(body) = plain.trim().strip_suffix(',') else {
        return false;
    };
    let words: Vec<&str> = body.split(is_ws).filter(|w| !w.is_empty()).collect();
    let flat = words.join(" ").replace('’', "'");
    FORMULAS.contains(&flat.as_str())
}

fn is_annex_word(w: &str) -> bool {
    matches!(w, "Annexe" | "ANNEXE" | "Annex" | "ANNEX")
}

/// The value of a roman numeral from I to XXX (either case).
fn roman_value(s: &str) -> Option<usize> {
    const ROMANS: [&str; 30] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi",
        "xxvii", "xxviii", "xxix", "xxx",
    ];
    let lower = s.to_ascii_lowercase();
    ROMANS.iter().position(|r| *r == lower).map(|p| p + 1)
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| !matches!(c, '«' | '“' | '"' | '(' | '[') && !is_ws(*c))
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn starts_lower(s: &str) -> bool {
    s.trim_start_matches(is_ws)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether text ends a sentence: `.`, `:`, `;`, `!`, `?`, `…`, possibly followed by closing
/// quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end_matches(is_ws)
        .trim_end_matches(['»', '”', '"', '’', ')', ']'])
        .trim_end_matches(is_ws);
    t.ends_with(['.', ':', ';', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Document};
    use std::path::Path;

    fn read_doc(text: &str) -> (Document, Vec<String>) {
        let mut b = DocBuilder::new(Path::new("t.txt"), "pdf-text");
        read(text, &mut b, None);
        let (doc, diags) = b.finish();
        let msgs = diags
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        (doc, msgs)
    }

    fn ids(doc: &Document) -> Vec<String> {
        doc.blocks.iter().map(|b| b.id().to_string()).collect()
    }

    fn para<'d>(doc: &'d Document, id: &str) -> &'d Block {
        doc.block(id)
            .unwrap_or_else(|| panic!("no block {id}: {:?}", ids(doc)))
    }

    /// Doubles every line with an empty line, as the extractor does.
    fn spaced(lines: &[&str]) -> String {
        lines.iter().map(|l| format!("{l}\n\n")).collect()
    }

    /// An English two-page sample: cover, header, footer job number, a note interrupting a
    /// paragraph, glued marks, repeated URL lines, a paragraph at the top of the next page and a
    /// hyphenated word.
    fn sample() -> String {
        let mut s = spaced(&[
            " Summary ",
            "The present report was submitted pursuant to resolution 2006/46. ",
            " * E/2026/1. ",
            "United Nations A/81/62–E/2026/48 ",
            "General Assembly ",
            "Economic and Social Council ",
            "Distr.: General ",
            "9 February 2026 ",
            "Original: English ",
            " I. Introduction ",
            "1. The present report is sub- ",
            "mitted to the Council. It covers the well- ",
            "being of users of the Internet1. ",
            "2. Access grew from 53 % in 2019 to 68 % in 2024, reaching ",
            "2 600 million people by 20242. The gap between ",
            "  ",
            " 1 See https://example.org/reports/a-very-long- ",
            "path-name.html. ",
            " 2 ITU, Facts and Figures 2024. ",
        ]);
        s.push_str("https://example.org/reports/a-very-long-path-name.html\n");
        s.push_str("https://example.org/reports/a-very-long-path-name.html\n");
        s.push_str(&spaced(&[
            "A/81/62 ",
            "E/2026/48 ",
            "GE.26-01527 3 ",
            "regions remains wide. ",
            " A. Connectivity ",
            "3. Connectivity is a goal. ",
            "  ",
            " 3 Not marked anywhere. ",
            " 4. Costs remain high in 17 countries. ",
        ]));
        s
    }

    #[test]
    fn english_sample_structure() {
        let (doc, warnings) = read_doc(&sample());
        assert_eq!(
            ids(&doc),
            ["h1", "t1", "s-i", "p1", "p2", "s-i-a", "p3", "p4"]
        );
        assert_eq!(doc.cover_value("symbol"), Some("A/81/62–E/2026/48"));
        assert_eq!(doc.cover[0].label.as_deref(), Some("United Nations"));
        assert_eq!(doc.cover_value("distribution"), Some("Distr.: General"));
        assert_eq!(doc.cover_value("date"), Some("9 February 2026"));
        assert_eq!(doc.cover_value("original-language"), Some("English"));
        let bodies: Vec<&str> = doc
            .cover
            .iter()
            .filter(|f| f.key == "body")
            .map(|f| f.value.as_str())
            .collect();
        assert_eq!(bodies, ["General Assembly", "Economic and Social Council"]);
        // Note 3 has no mark; the star note neither.
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("note * has no mark")));
        assert!(warnings.iter().any(|w| w.contains("note 3 has no mark")));
    }

    #[test]
    fn hyphens_marks_and_page_breaks() {
        let (doc, _) = read_doc(&sample());
        // `sub-mitted` loses its hyphen (the source writes `submitted`), `well-being` keeps it.
        assert_eq!(
            para(&doc, "p1").text(),
            "The present report is submitted to the Council. It covers the well-being of users of the Internet."
        );
        assert_eq!(doc.blocks[3].as_paragraph().unwrap().footnotes, ["1"]);
        // The paragraph goes on after the notes and the page header; `20242` is 2024 + mark 2.
        let p2 = para(&doc, "p2");
        assert_eq!(
            p2.text(),
            "Access grew from 53 % in 2019 to 68 % in 2024, reaching 2 600 million people by 2024. The gap between regions remains wide."
        );
        assert_eq!(p2.as_paragraph().unwrap().footnotes, ["2"]);
        // A paragraph at the top of a page, indented.
        assert_eq!(
            para(&doc, "p4").text(),
            "Costs remain high in 17 countries."
        );
    }

    #[test]
    fn notes_join_urls_and_drop_repeated_url_lines() {
        let (doc, _) = read_doc(&sample());
        let numbers: Vec<&str> = doc.footnotes.iter().map(|f| f.number.as_str()).collect();
        assert_eq!(numbers, ["*", "1", "2", "3"]);
        assert_eq!(
            doc.footnotes[1].text,
            "See https://example.org/reports/a-very-long-path-name.html."
        );
        assert_eq!(doc.footnotes[1].referenced_from, ["p1"]);
        assert_eq!(doc.footnotes[2].text, "ITU, Facts and Figures 2024.");
        for b in &doc.blocks {
            assert!(!b.text().contains("https"), "{}", b.text());
            assert!(!b.text().contains("GE.26"), "{}", b.text());
            assert!(!b.text().contains("A/81/62"), "{}", b.text());
        }
    }

    #[test]
    fn an_unmatched_bare_url_is_kept_and_reported() {
        let mut s = spaced(&[
            " I. Intro ",
            "1. Text with a mark1. ",
            "  ",
            " 1 https://a.example/x. ",
        ]);
        s.push_str("https://a.example/x\nhttps://b.example/other\n");
        s.push_str(&spaced(&[" 2. Next paragraph. "]));
        let (doc, warnings) = read_doc(&s);
        assert_eq!(
            doc.footnotes[0].text,
            "https://a.example/x. https://b.example/other"
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("repeats none"), "{warnings:?}");
        assert_eq!(ids(&doc), ["s-i", "p1", "p2"]);
    }

    #[test]
    fn no_break_spaces_do_not_change_the_structure() {
        let nb = sample()
            .replace("1. The", "1.\u{a0}The")
            .replace(" 1 See", "\u{a0}1\u{a0}See")
            .replace(" I. Intro", "\u{a0}I.\u{a0}Intro")
            .replace("3 \n", "3\u{a0}\n")
            .replace(" 4. Costs", "\u{a0}4.\u{a0}Costs")
            .replace("53 %", "53\u{a0}%");
        let (a, wa) = read_doc(&sample());
        let (b, wb) = read_doc(&nb);
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(a.footnotes.len(), b.footnotes.len());
        assert_eq!(wa.len(), wb.len(), "{wb:?}");
        let numbers = |d: &Document| -> Vec<Option<String>> {
            d.blocks
                .iter()
                .map(|b| b.number().map(str::to_string))
                .collect()
        };
        assert_eq!(numbers(&a), numbers(&b));
    }

    #[test]
    fn bom_and_crlf_do_not_change_the_structure() {
        let crlf = format!("\u{FEFF}{}", sample().replace('\n', "\r\n"));
        let (a, _) = read_doc(&sample());
        let (b, _) = read_doc(&crlf);
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(a.footnotes, b.footnotes);
    }

    #[test]
    fn headings_levels_and_wrapped_headings() {
        let s = spaced(&[
            "  Introduction ",
            "1. First. ",
            " I. Chapter ",
            " A. Commission on Science and Technology for ",
            "Development ",
            "2. Second. ",
            " 1. Action lines ",
            " a) Building capacity for the ",
            "information society (C4) ",
            "  Electronic commerce ",
            "3. Third. ",
            " H. Eighth ",
            " I. Ninth section ",
            "4. Fourth. ",
        ]);
        let (doc, warnings) = read_doc(&s);
        assert_eq!(
            ids(&doc),
            [
                "h1",
                "p1",
                "s-i",
                "s-i-a",
                "p2",
                "s-i-a-1",
                "s-i-a-1-a",
                "h2",
                "p3",
                "s-i-h",
                "s-i-i",
                "p4"
            ]
        );
        let levels: Vec<u8> = doc.headings().map(|h| h.level).collect();
        assert_eq!(levels, [2, 2, 3, 4, 5, 6, 3, 3]);
        assert_eq!(
            para(&doc, "s-i-a").text(),
            "Commission on Science and Technology for Development"
        );
        assert_eq!(
            para(&doc, "s-i-a-1-a").text(),
            "Building capacity for the information society (C4)"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn numbers_in_wrapped_lines_are_not_paragraphs() {
        let s = spaced(&[
            "1. Growth reached ",
            "53 % in 2019. ",
            "2. The next paragraph. ",
            "3. Then ",
            "5. of them agreed. ",
        ]);
        let (doc, _) = read_doc(&s);
        assert_eq!(ids(&doc), ["p1", "p2", "p3"]);
        assert_eq!(para(&doc, "p3").text(), "Then 5. of them agreed.");
    }

    #[test]
    fn marks_prefer_words_over_codes() {
        let tok = |core| Token {
            line: 0,
            start: 0,
            core,
        };
        // `G7` could carry mark 7, but `garde7` does.
        assert_eq!(find_mark(&[tok("(G7"), tok("garde7")], "7"), Some(1));
        assert_eq!(find_mark(&[tok("(G7"), tok("autres")], "7"), Some(0));
        let s = spaced(&["1. The G7 and the avant-garde1. ", "  ", " 1 Note one. "]);
        let (doc, warnings) = read_doc(&s);
        assert_eq!(para(&doc, "p1").text(), "The G7 and the avant-garde.");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(mark_strength("G7", "7"), Some(Strength::Weak));
        assert_eq!(mark_strength("2,6", "6"), None);
        assert_eq!(mark_strength("20326", "6"), Some(Strength::Strong));
        assert_eq!(mark_strength("2025-202820", "20"), Some(Strength::Strong));
        assert_eq!(mark_strength("2025", "25"), None);
        assert_eq!(mark_strength("70/125", "5"), None);
        assert_eq!(mark_strength("(SMSI)1", "1"), Some(Strength::Strong));
    }

    #[test]
    fn items_after_a_colon() {
        let s = spaced(&[
            "1. The Council decided: ",
            "a) to act; ",
            "b) to report. ",
            "2. Next. ",
        ]);
        let (doc, warnings) = read_doc(&s);
        assert_eq!(ids(&doc), ["p1", "p1-a", "p1-b", "p2"]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let s = spaced(&["1. Two points: ", "• one; ", "• two. ", "2. Next. "]);
        let (doc, warnings) = read_doc(&s);
        assert_eq!(ids(&doc), ["p1", "p1-li1", "p1-li2", "p2"]);
        assert_eq!(para(&doc, "p1-li2").text(), "two.");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn resolution_formula_and_preambular_paragraphs() {
        let s = spaced(&[
            "L’Assemblée générale, ",
            "Rappelant sa résolution 70/125 du 16 décembre 2015, qui porte sur l’examen ",
            "d’ensemble, ",
            "Réaffirmant le Programme de développement durable à l’horizon 2030, dont les ",
            "objectifs sont universels, ",
            "1. Décide de tenir une réunion. ",
            "2. Prie le Secrétaire général de faire rapport. ",
        ]);
        let (doc, warnings) = read_doc(&s);
        assert_eq!(ids(&doc), ["formula-1", "pp1", "pp2", "p1", "p2"]);
        assert_eq!(
            para(&doc, "pp1").text(),
            "Rappelant sa résolution 70/125 du 16 décembre 2015, qui porte sur l’examen d’ensemble,"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn english_marks_after_a_full_stop() {
        assert_eq!(mark_strength("(WSIS).1", "1"), Some(Strength::Strong));
        assert_eq!(mark_strength("2024.2", "2"), Some(Strength::Weak));
        assert_eq!(mark_strength("1.5", "5"), None);
        let s = spaced(&[
            "1. Use rose from 1.5 billion in 2019 to 2.6 billion in 2024.2 The gap ",
            "remains wide (WSIS).3 ",
            "  ",
            " 1 First. ",
            " 2 Second. ",
            " 3 Third. ",
        ]);
        let (doc, warnings) = read_doc(&s);
        assert_eq!(
            para(&doc, "p1").text(),
            "Use rose from 1.5 billion in 2019 to 2.6 billion in 2024. The gap remains wide (WSIS)."
        );
        let p1 = doc.block("p1").unwrap().as_paragraph().unwrap();
        assert_eq!(p1.footnotes, ["2", "3"]);
        assert_eq!(warnings, ["7: note 1 has no mark in the text"]);
    }

    #[test]
    fn annexes_restart_numbering() {
        let s = spaced(&["1. Body. ", " Annex ", "1. Annexed. "]);
        let (doc, warnings) = read_doc(&s);
        assert_eq!(ids(&doc), ["p1", "annex1-h1", "annex1-p1"]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn furniture_lines() {
        let own = vec!["A/81/62".to_string()];
        assert!(is_page_furniture("2 GE.26-01527", &own));
        assert!(is_page_furniture("GE.26-01527 3", &own));
        assert!(is_page_furniture("A/81/62", &own));
        assert!(is_page_furniture("25-01234 (F)", &own));
        assert!(is_page_furniture("12", &own));
        assert!(is_page_furniture("25-01234 (E) 120225 130225", &own));
        assert!(is_page_furniture("*2501234*", &own));
        assert!(!is_page_furniture("12 A/RES/80/173", &own));
        assert!(!is_page_furniture("A/RES/80/173", &own));
        assert!(is_page_furniture("A/RES/80/173", &[]));
        assert!(!is_page_furniture("les 16 et 17 décembre 2025", &own));
    }

    #[test]
    fn french_cover_lines() {
        let f = cover_field("Nations Unies A/81/62−E/2026/48").unwrap();
        assert_eq!(
            (f.key, f.label.as_deref()),
            ("symbol", Some("Nations Unies"))
        );
        assert_eq!(
            symbol_parts(&f.value),
            ["A/81/62".to_string(), "E/2026/48".to_string()]
        );
        assert_eq!(cover_field("Distr. générale").unwrap().key, "distribution");
        assert_eq!(cover_field("9 février 2026").unwrap().key, "date");
        assert_eq!(cover_field("Français").unwrap().key, "language");
        let o = cover_field("Original\u{a0}: anglais").unwrap();
        assert_eq!((o.key, o.value.as_str()), ("original-language", "anglais"));
        assert_eq!(
            cover_field("Quatre-vingt-unième session").unwrap().key,
            "session"
        );
        assert!(cover_field("Le Conseil a décidé").is_none());
        assert_eq!(
            cover_field("Item 17 of the preliminary list*").unwrap().key,
            "agenda-item"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Random lines made of the pieces this layout is made of never make the reader panic.
        #[test]
        fn random_layout_pieces_do_not_panic(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    " ", "\u{a0}", "\n", "\n\n", "  \n", "1. ", " 2 ", "3", "é", "-", "*", " * ",
                    "https://x.org/a-", "b.html", " I. ", " A. ", "a) ", ":", ".", "GE.26-01527",
                    "A/81/62", "Nations Unies A/1/2", "Original : anglais", "mot7.", "20326.",
                    "\u{202f}", "(", ")", "»", "Annexe", "•",
                ]),
                0..60,
            )
        ) {
            let text: String = pieces.concat();
            let _ = read_doc(&text);
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        let samples = [
            "",
            "\n\n\n",
            " ",
            "1.",
            " 1 ",
            "*",
            " * ",
            "https://",
            "é-\nà",
            "1. é\u{a0}\n 1 ü\nhttps://x\n",
            "\u{a0}\u{202f}1.\u{2009}x\n\u{a0}1\u{a0}y",
            " I. \n a) \n (\n )\n A.\n",
            "x-\n-\n—\n GE.26-01527\n",
            "1. a1\n 1 b\n 2 c\n 4 d\nhttps://q\n",
        ];
        for s in samples {
            let (_doc, _w) = read_doc(s);
        }
        // Every prefix of the sample, cut at any char boundary.
        let s = sample();
        for (i, _) in s.char_indices().step_by(7) {
            let _ = read_doc(&s[..i]);
        }
    }
}
