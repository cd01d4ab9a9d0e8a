//! Reader for UN texts converted to text with Markdown traces (GA and ECOSOC resolutions in
//! French or English).
//!
//! The layout: paragraphs are separated by blank lines and each paragraph is one long line; a
//! cover block (body, `Distr. générale`, date, session, agenda item and title, adoption line,
//! committee) comes first; then the resolution title (`- 80/173. Titre**`), the enacting formula,
//! preambular paragraphs ending with a comma, numbered operative paragraphs and unnumbered section
//! headings. Note marks are superscript digits glued to the text (`Séville¹,`); note texts are
//! printed where the page ended, as blocks of their own that start with the superscript number.
//! A page break can split a paragraph: its rest comes in a later block, after a blank line or
//! after the page's notes. Markdown traces: `**bold**`, `*italic*`, `[70/125](#)` links,
//! `\(` escapes, `^e^` superscripts, a leading `- ` list trace, stray unmatched markers.

use std::collections::HashSet;

use super::builder::{DocBuilder, Para};
use super::detect::is_job_number_line;
use super::vocabulary::printed_date;
use crate::model::{Emphasis, Inline, Role};
use crate::text::{is_space, is_superscript_digit, normalize, superscript_to_digit, trailing_run};

/// Reads a UN text with Markdown traces into the builder.
pub fn read(text: &str, b: &mut DocBuilder) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let notes = known_notes(&lines);
    let mut reader = Reader::new(b, notes);
    let start = reader.read_cover(&lines);
    let blocks = split_blocks(lines.get(start..).unwrap_or(&[]));
    reader.read_body(&blocks);
}

/// Whether blocks read as the body of a resolution: before its first numbered paragraph, an
/// enacting formula or a resolution title (`80/173. Titre`).
pub(super) fn is_resolution(blocks: &[Fragment]) -> bool {
    blocks
        .iter()
        .take_while(|b| numbered(&b.text).is_none())
        .any(|b| resolution_title(&b.text).is_some() || formula(&plain(&b.text)).is_some())
}

/// Reads the body of a UN resolution from blocks another decoder made (its cover already read).
pub(super) fn read_body(blocks: &[Fragment], b: &mut DocBuilder) {
    let mut reader = Reader::new(b, HashSet::new());
    reader.read_body(blocks);
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

/// A block of text, as a decoder hands it to the structure reader: a run of non-blank lines
/// joined with spaces (`line` is the 1-based line of its first line). This file's decoder leaves
/// the Markdown traces in `text` and the runs to be parsed from it; another decoder (text
/// extracted from a PDF) gives the runs it read, and `text` is then their text.
#[derive(Debug, Clone)]
pub(super) struct Fragment {
    pub line: usize,
    pub text: String,
    pub runs: Option<Vec<Inline>>,
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| is_space(c) || c.is_whitespace())
}

fn trim_spaces(s: &str) -> &str {
    s.trim_matches(|c: char| is_space(c) || c.is_whitespace())
}

/// Splits lines into blocks at blank lines; a line that starts with a note number also starts a
/// block of its own.
fn split_blocks(lines: &[(usize, &str)]) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    let mut open = false;
    for &(no, line) in lines {
        if is_blank(line) {
            open = false;
            continue;
        }
        let t = trim_spaces(line);
        match out.last_mut() {
            Some(last) if open && note_start(t).is_none() => {
                last.text.push(' ');
                last.text.push_str(t);
            }
            _ => out.push(Fragment {
                line: no,
                text: t.to_string(),
                runs: None,
            }),
        }
        open = true;
    }
    out
}

/// The note numbers the text prints notes for (lines that start with a superscript number).
fn known_notes(lines: &[(usize, &str)]) -> HashSet<String> {
    lines
        .iter()
        .filter_map(|(_, l)| note_start(trim_spaces(l)).map(|(n, _)| n))
        .collect()
}

/// `¹⁰ Texte de la note` → (`10`, `Texte de la note`); also as text exports of a word
/// processor's notes print them: `[10] Texte` (pandoc) and `footnote10)⇥Texte` (docx2python).
fn note_start(t: &str) -> Option<(String, &str)> {
    let exported = t
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .or_else(|| t.strip_prefix("footnote").and_then(|r| r.split_once(')')));
    if let Some((n, rest)) = exported {
        let rest_trimmed = trim_spaces(rest);
        if !n.is_empty()
            && n.len() <= 3
            && n.bytes().all(|b| b.is_ascii_digit())
            && rest.starts_with(is_space)
            && !rest_trimmed.is_empty()
        {
            return Some((n.to_string(), rest_trimmed));
        }
    }
    superscript_note_start(t)
}

/// `¹⁰ Texte de la note` → (`10`, `Texte de la note`).
fn superscript_note_start(t: &str) -> Option<(String, &str)> {
    let digits: String = t.chars().take_while(|c| is_superscript_digit(*c)).collect();
    let count = digits.chars().count();
    if count == 0 || count > 3 {
        return None;
    }
    let rest = &t[digits.len()..];
    if !rest.starts_with(is_space) {
        return None;
    }
    let rest = trim_spaces(rest);
    if rest.is_empty() {
        return None;
    }
    Some((digits.chars().map(superscript_to_digit).collect(), rest))
}

// ---------------------------------------------------------------------------------------------
// Inline Markdown traces
// ---------------------------------------------------------------------------------------------

/// A piece of a line before emphasis markers are paired.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Text(String),
    /// A `*` (n = 1) or `**` (n = 2) marker; `left`/`right`: a non-space follows / precedes it.
    Star {
        n: u8,
        left: bool,
        right: bool,
    },
    Note(String),
    Link {
        text: String,
        target: Option<String>,
    },
}

/// Units after which a superscript digit is an exponent (`km²`), not a note mark.
const UNITS: [&str; 6] = ["m", "km", "cm", "mm", "m2", "m3"];

/// Splits a line into text, markers, note marks and links. `marks`: whether superscript digits
/// are note marks (false for cover values and link texts, which keep them as printed).
fn tokenize(s: &str, notes: &HashSet<String>, marks: bool) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut toks = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                buf.push(chars[i + 1]);
                i += 2;
            }
            // A word processor's note call as text exports write it: `[3]`, `----footnote3----`.
            '[' | '-' if marks && exported_call(&chars[i..], notes).is_some() => {
                let (number, len) = exported_call(&chars[i..], notes).unwrap_or_default();
                flush_text(&mut buf, &mut toks);
                toks.push(Tok::Note(number));
                i += len;
            }
            '[' => match parse_link(&chars, i) {
                Some((text, target, next)) => {
                    flush_text(&mut buf, &mut toks);
                    toks.push(Tok::Link {
                        text: plain(&text),
                        target,
                    });
                    i = next;
                }
                None => {
                    buf.push('[');
                    i += 1;
                }
            },
            '*' => {
                let run = chars[i..].iter().take_while(|&&c| c == '*').count();
                let left = chars.get(i + run).is_some_and(|c| !is_ws(*c));
                let right = i > 0 && !is_ws(chars[i - 1]);
                flush_text(&mut buf, &mut toks);
                for n in star_sizes(run) {
                    toks.push(Tok::Star { n, left, right });
                }
                i += run;
            }
            // Superscript trace (`68^e`, `68^e^`): the marker goes, the letters stay.
            '^' => i += 1,
            c if marks && is_superscript_digit(c) => {
                let run = chars[i..]
                    .iter()
                    .take_while(|c| is_superscript_digit(**c))
                    .count();
                let number: String = chars[i..i + run]
                    .iter()
                    .map(|c| superscript_to_digit(*c))
                    .collect();
                let glued = i > 0 && !is_ws(chars[i - 1]);
                if is_note_mark(&number, glued, &buf, notes) {
                    flush_text(&mut buf, &mut toks);
                    toks.push(Tok::Note(number));
                } else {
                    buf.extend(&chars[i..i + run]);
                }
                i += run;
            }
            _ => {
                buf.push(c);
                i += 1;
            }
        }
    }
    flush_text(&mut buf, &mut toks);
    toks
}

fn is_ws(c: char) -> bool {
    is_space(c) || c.is_whitespace()
}

/// A note call at the start of `chars`, as text exports of a word processor write it: `[3]`
/// (pandoc) when note 3 is printed, or `----footnote3----` (docx2python). The number and the
/// length of the call.
fn exported_call(chars: &[char], notes: &HashSet<String>) -> Option<(String, usize)> {
    let digits = |from: usize| -> String {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect()
    };
    if chars.first() == Some(&'[') {
        let n = digits(1);
        let len = 1 + n.len();
        return (!n.is_empty() && chars.get(len) == Some(&']') && notes.contains(&n))
            .then(|| (n, len + 1));
    }
    let head: String = chars.iter().take(12).collect();
    if head == "----footnote" {
        let n = digits(12);
        let tail: String = chars.iter().skip(12 + n.len()).take(4).collect();
        return (!n.is_empty() && tail == "----").then(|| (n.clone(), 12 + n.len() + 4));
    }
    None
}

/// `***` is a bold and an italic marker; longer runs are read two by two.
fn star_sizes(run: usize) -> Vec<u8> {
    let mut sizes = vec![2; run / 2];
    if run % 2 == 1 {
        sizes.push(1);
    }
    sizes
}

/// A superscript number is a note mark when a note with that number is printed, or when it is
/// glued to the text and not an exponent after a unit (an unknown mark is then reported).
fn is_note_mark(number: &str, glued: bool, before: &str, notes: &HashSet<String>) -> bool {
    if notes.contains(number) {
        return true;
    }
    glued && !UNITS.contains(&trailing_run(before, char::is_alphanumeric))
}

fn flush_text(buf: &mut String, toks: &mut Vec<Tok>) {
    if !buf.is_empty() {
        toks.push(Tok::Text(std::mem::take(buf)));
    }
}

/// Parses `[text](target)` starting at `chars[start] == '['`: returns the raw link text, the
/// target (`None` for the empty trace `#`), and the index after the closing parenthesis.
fn parse_link(chars: &[char], start: usize) -> Option<(String, Option<String>, usize)> {
    let close = matching(chars, start, '[', ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = matching(chars, close + 1, '(', ')')?;
    let text: String = chars[start + 1..close].iter().collect();
    let target: String = chars[close + 2..end].iter().collect();
    let target = unescape(trim_spaces(&target));
    let target = (!target.is_empty() && target != "#").then_some(target);
    Some((text, target, end + 1))
}

/// The index of the bracket closing the one at `start`, skipping escaped characters.
fn matching(chars: &[char], start: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(n)) if n.is_ascii_punctuation() => {
                out.push(*n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Which star markers open or close an emphasis: `Some(true)` opens, `Some(false)` closes,
/// `None` is a stray marker (dropped).
fn pair_stars(toks: &[Tok]) -> Vec<Option<bool>> {
    let mut roles = vec![None; toks.len()];
    let mut stack: Vec<(usize, u8)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Tok::Star { n, left, right } = *t else {
            continue;
        };
        let opener = stack.iter().rposition(|&(_, m)| m == n);
        match opener {
            Some(pos) if right => {
                roles[stack[pos].0] = Some(true);
                roles[i] = Some(false);
                stack.truncate(pos);
            }
            _ if left => stack.push((i, n)),
            _ => {}
        }
    }
    roles
}

/// Parses one line of the layout into runs: emphasis, links, note marks; stray markers dropped.
fn parse_runs(s: &str, notes: &HashSet<String>) -> Vec<Inline> {
    let toks = tokenize(s, notes, true);
    let roles = pair_stars(&toks);
    let (mut bold, mut italic) = (0usize, 0usize);
    let mut runs = Vec::new();
    for (t, role) in toks.into_iter().zip(roles) {
        match t {
            Tok::Star { n, .. } => {
                let depth = if n == 2 { &mut bold } else { &mut italic };
                match role {
                    Some(true) => *depth += 1,
                    Some(false) => *depth = depth.saturating_sub(1),
                    None => {}
                }
            }
            Tok::Text(text) if bold > 0 => runs.push(Inline::Emphasis {
                style: Emphasis::Bold,
                text,
            }),
            Tok::Text(text) if italic > 0 => runs.push(Inline::Emphasis {
                style: Emphasis::Italic,
                text,
            }),
            Tok::Text(text) => runs.push(Inline::Text { text }),
            Tok::Note(number) => runs.push(Inline::NoteRef { number }),
            Tok::Link { text, target } => runs.push(Inline::Link { text, target }),
        }
    }
    runs
}

/// The plain text of a line: traces resolved, markers dropped, superscripts kept as printed.
fn plain(s: &str) -> String {
    let toks = tokenize(s, &HashSet::new(), false);
    let text: String = toks
        .iter()
        .map(|t| match t {
            Tok::Text(s) | Tok::Note(s) | Tok::Link { text: s, .. } => s.as_str(),
            Tok::Star { .. } => "",
        })
        .collect();
    normalize(&text)
}

/// The plain text of runs (note marks left out), normalised.
fn runs_text(runs: &[Inline]) -> String {
    normalize(&runs.iter().map(Inline::text).collect::<String>())
}

/// The runs covering bytes `start..end` of the runs' joined text; a note mark at either end is
/// kept.
fn cut_runs(runs: &[Inline], start: usize, end: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut pos = 0;
    for r in runs {
        let text = r.text();
        let (from, to) = (pos, pos + text.len());
        pos = to;
        if let Inline::NoteRef { .. } = r {
            if (start..=end).contains(&from) {
                out.push(r.clone());
            }
            continue;
        }
        let (a, b) = (start.max(from), end.min(to));
        if a >= b {
            continue;
        }
        let part = text[a - from..b - from].to_string();
        out.push(match r {
            Inline::Emphasis { style, .. } => Inline::Emphasis {
                style: *style,
                text: part,
            },
            Inline::Link { target, .. } => Inline::Link {
                text: part,
                target: target.clone(),
            },
            _ => Inline::Text { text: part },
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Text shape: endings, case, vocabulary
// ---------------------------------------------------------------------------------------------

/// How a paragraph's text ends, for telling a complete paragraph from one a page break cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// No final punctuation: the paragraph goes on in a later block.
    Open,
    /// `,` or `;`: complete, but the sentence may go on (a preambular paragraph).
    Soft,
    /// `:`: complete, introduces what follows.
    Colon,
    /// `.`, `!`, `?`, `…`.
    Hard,
}

/// The ending of a text, looking through closing brackets, quotes, markers and note marks
/// (`(Part I)` is open, `»,` is soft, `Unies¹⁰.` is hard).
fn ending(text: &str) -> Ending {
    let t = text.trim_end_matches(|c: char| {
        is_ws(c)
            || is_superscript_digit(c)
            || matches!(
                c,
                ')' | ']' | '»' | '"' | '”' | '’' | '\'' | '*' | '_' | '›' | '^'
            )
    });
    match t.chars().last() {
        None => Ending::Hard,
        Some(',' | ';') => Ending::Soft,
        Some(':') => Ending::Colon,
        Some('.' | '!' | '?' | '…') => Ending::Hard,
        Some(_) => Ending::Open,
    }
}

/// The case of the first letter or digit of a text (quotes, brackets, markers skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Upper,
    Lower,
    Other,
}

fn start_case(text: &str) -> Start {
    match text.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_uppercase() => Start::Upper,
        Some(c) if c.is_lowercase() => Start::Lower,
        _ => Start::Other,
    }
}

/// A section heading: short, starts with a capital, no final punctuation, no sentence inside.
fn heading_like(plain: &str) -> bool {
    let chars = plain.chars().count();
    (1..=300).contains(&chars)
        && plain.split_whitespace().count() <= 40
        && start_case(plain) == Start::Upper
        && ending(plain) == Ending::Open
        && !plain.contains(". ")
}

/// Folds a text for vocabulary comparisons: typographic spaces and apostrophes made plain,
/// lower case, normalised.
fn fold(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '’' | 'ʼ' => '\'',
            c if is_space(c) => ' ',
            c => c,
        })
        .collect();
    normalize(&s).to_lowercase()
}

/// Bodies printed at the top of a cover block.
const BODIES: [&str; 8] = [
    "assemblée générale",
    "general assembly",
    "conseil économique et social",
    "economic and social council",
    "conseil de sécurité",
    "security council",
    "conseil des droits de l'homme",
    "human rights council",
];

/// Subjects of an enacting formula (`L'Assemblée générale,`), folded. A bare subject is a
/// formula as it stands; a longer one (`Le Conseil de l'UIT,`) when it ends with a comma.
const SUBJECTS: [&str; 14] = [
    "l'assemblée générale",
    "the general assembly",
    "le conseil économique et social",
    "the economic and social council",
    "le conseil de sécurité",
    "the security council",
    "le conseil des droits de l'homme",
    "the human rights council",
    "le conseil",
    "the council",
    "la conférence",
    "the conference",
    "la commission",
    "the commission",
];

/// An enacting formula or opening subject: `L'Assemblée générale,`, `The Economic and Social
/// Council,`, `Nous, Ministres …,`, `We, the Heads of State …,`. Returns whether the formula is
/// complete by itself (a bare subject, which prints no final punctuation).
pub(super) fn formula(plain: &str) -> Option<bool> {
    let f = fold(plain);
    if f.starts_with("nous, ") || f.starts_with("we, ") {
        return Some(false);
    }
    let words = f.split(' ').count();
    let bare = f.trim_end_matches([',', ':', ' ']);
    let exact = SUBJECTS.contains(&bare);
    let longer = SUBJECTS.iter().any(|s| bare.starts_with(&format!("{s} ")))
        || (bare.starts_with("the ") && bare.contains("council"));
    let comma = matches!(ending(plain), Ending::Soft | Ending::Colon);
    let sentence = bare.contains(['.', ';', ':']);
    (words <= 8 && !sentence && (exact || (longer && comma))).then_some(true)
}

/// The closing lines: `68e séance plénière`, `68th plenary meeting` (a date may follow).
pub(super) fn is_closing(plain: &str) -> bool {
    let f = fold(plain);
    let digits = f.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = f.get(digits..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| c.is_alphabetic() && c != ' ');
    let rest = rest.trim_start();
    rest.starts_with("séance plénière") || rest.starts_with("plenary meeting")
}

/// A resolution title `- 80/173. Titre` (list trace and markers allowed): (`80/173`, title).
fn resolution_title(t: &str) -> Option<(String, &str)> {
    let s = t.trim_start_matches(|c: char| matches!(c, '-' | '*' | '#') || is_ws(c));
    let a = s.chars().take_while(char::is_ascii_digit).count();
    let rest = s.get(a..)?.strip_prefix('/')?;
    let b = rest.chars().take_while(char::is_ascii_digit).count();
    if a == 0 || b == 0 || a > 4 || b > 5 {
        return None;
    }
    let after = rest.get(b..)?.strip_prefix('.')?;
    if !after.starts_with(is_ws) {
        return None;
    }
    let title = trim_spaces(after);
    let number = &s[..a + 1 + b];
    (!title.is_empty()).then(|| (number.to_string(), title))
}

/// A numbered paragraph `12. Texte` (markers around the number allowed): (`12`, text).
fn numbered(t: &str) -> Option<(String, &str)> {
    let s = t.trim_start_matches('*');
    let n = s.chars().take_while(char::is_ascii_digit).count();
    if n == 0 || n > 4 {
        return None;
    }
    let after = s.get(n..)?.strip_prefix('.')?;
    let after = after.trim_start_matches('*');
    if !after.starts_with(is_ws) {
        return None;
    }
    let rest = trim_spaces(after);
    (!rest.is_empty()).then(|| (s[..n].to_string(), rest))
}

const ROMAN_ITEMS: [&str; 15] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
];

/// An item label `a) `, `(a) `, `iv) ` at the start of a block: (label, text).
fn item_label(t: &str) -> Option<(String, &str)> {
    let s = t.strip_prefix('(').unwrap_or(t);
    let close = s.find(')')?;
    let label = &s[..close];
    let single = label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase());
    if !(single || ROMAN_ITEMS.contains(&label)) {
        return None;
    }
    let after = &s[close + 1..];
    if !after.starts_with(is_ws) {
        return None;
    }
    let rest = trim_spaces(after);
    (!rest.is_empty()).then(|| (label.to_string(), rest))
}

/// A dash list item `- texte`, `– texte`, `• texte`: its text.
fn list_item(t: &str) -> Option<&str> {
    let rest = t
        .strip_prefix('-')
        .or_else(|| t.strip_prefix('–'))
        .or_else(|| t.strip_prefix('•'))?;
    if !rest.starts_with(is_ws) {
        return None;
    }
    let rest = trim_spaces(rest);
    (!rest.is_empty()).then_some(rest)
}

/// A Markdown heading `## Texte`: (level, text).
fn markdown_heading(t: &str) -> Option<(u8, &str)> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.starts_with(is_ws) {
        return None;
    }
    let rest = trim_spaces(rest);
    (!rest.is_empty()).then_some((hashes.min(4) as u8, rest))
}

/// A numbered heading `I. Titre` (level 2) or `A. Titre` (level 3): (level, number, text).
fn numbered_heading(t: &str) -> Option<(u8, String, &str)> {
    let s = t.trim_start_matches('*');
    let (label, after) = s.split_once('.')?;
    if !after.starts_with(is_ws) || label.is_empty() || label.len() > 5 {
        return None;
    }
    let roman = label.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase());
    let rest = trim_spaces(after);
    if !(roman || letter) || !heading_like(&plain(rest)) {
        return None;
    }
    Some((if roman { 2 } else { 3 }, label.to_string(), rest))
}

/// `Annexe`, `Annex II`: the annex number (`None` when unnumbered).
fn annex_marker(t: &str) -> Option<Option<u32>> {
    let p = plain(t);
    let mut words = p.split_whitespace();
    let first = words.next()?;
    if !matches!(first, "Annexe" | "Annex" | "ANNEXE" | "ANNEX") {
        return None;
    }
    match (words.next(), words.next()) {
        (None, _) => Some(None),
        (Some(n), None) => roman_or_arabic(n).map(Some),
        _ => None,
    }
}

fn roman_or_arabic(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let lower = s.to_ascii_lowercase();
    ROMAN_ITEMS
        .iter()
        .position(|r| *r == lower)
        .map(|p| p as u32 + 1)
}

/// Page furniture that survived the conversion: a job number on its own (`25-21497 (F)`).
fn is_furniture(t: &str) -> bool {
    t.split_whitespace().count() <= 3 && is_job_number_line(t)
}

// ---------------------------------------------------------------------------------------------
// Cover
// ---------------------------------------------------------------------------------------------

/// What a cover line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CoverLine {
    Field(&'static str),
    /// More of the previous field's value (an agenda title over several lines).
    More,
}

/// The cover key of a line, given the key of the previous field.
pub(super) fn cover_line(raw: &str, prev: Option<&str>) -> Option<CoverLine> {
    let p = plain(raw);
    let f = fold(&p);
    let key = if BODIES.contains(&f.as_str()) {
        "body"
    } else if f.starts_with("distr.") {
        "distribution"
    } else if printed_date(&p).is_some() {
        "date"
    } else if is_session(&f) {
        "session"
    } else if is_agenda_item(&f) {
        "agenda-item"
    } else if is_adoption(&f) {
        "adoption"
    } else if (raw.starts_with('[') && prev.is_some()) || is_committee(&f) {
        "committee"
    } else if f.starts_with("original") && f.contains(':') {
        "original-language"
    } else if is_symbol(raw) {
        "symbol"
    } else {
        return match prev {
            Some("agenda-item") => Some(CoverLine::Field("agenda-title")),
            Some("agenda-title") => Some(CoverLine::More),
            _ => None,
        };
    };
    Some(CoverLine::Field(key))
}

/// The committee line of an adopted resolution, when its brackets are not printed.
fn is_committee(f: &str) -> bool {
    [
        "sans renvoi à une grande commission",
        "without reference to a main committee",
        "sur la base du rapport de la",
        "on the report of the",
    ]
    .iter()
    .any(|p| f.starts_with(p))
}

fn is_session(f: &str) -> bool {
    let words = f.split(' ').count();
    words <= 6 && (f.ends_with(" session") || f.starts_with("session "))
}

fn is_agenda_item(f: &str) -> bool {
    ((f.starts_with("point ") || f.starts_with("points ")) && f.contains("ordre du jour"))
        || f.starts_with("agenda item")
}

fn is_adoption(f: &str) -> bool {
    [
        "résolution adoptée par",
        "resolution adopted by",
        "décision adoptée par",
        "decision adopted by",
    ]
    .iter()
    .any(|p| f.starts_with(p))
}

/// A document symbol on its own (`A/RES/80/173`, `E/2025/L.12`).
fn is_symbol(raw: &str) -> bool {
    raw.starts_with(|c: char| c.is_ascii_uppercase())
        && raw.contains('/')
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-'))
}

/// The value of a cover line: the committee's brackets go, traces are resolved.
fn cover_value(raw: &str, key: &str) -> String {
    if key == "committee" {
        let s = raw.strip_prefix('[').unwrap_or(raw);
        let s = s.strip_suffix(']').unwrap_or(s);
        return plain(s);
    }
    plain(raw)
}

// ---------------------------------------------------------------------------------------------
// Body
// ---------------------------------------------------------------------------------------------

/// Where the reader stands in the resolution, for the roles of unnumbered paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Before any enacting formula (title, introduction).
    Front,
    /// After a formula: paragraphs ending with a comma are preambular.
    Preamble,
    /// After an unnumbered operative paragraph that followed the preamble.
    Operative,
    /// After numbered paragraphs or section headings.
    Body,
}

#[derive(Debug, Clone)]
enum Kind {
    Numbered(String),
    Unnumbered,
    Item {
        label: String,
        depth: usize,
    },
    ListItem,
    /// `complete`: a bare subject (`L'Assemblée générale`) that nothing continues.
    Formula {
        complete: bool,
    },
    Closing,
}

/// A paragraph being read: its first fragment and the fragments page breaks cut off.
#[derive(Debug, Clone)]
struct Pending {
    kind: Kind,
    frags: Vec<(Vec<Inline>, usize)>,
}

impl Pending {
    fn ending(&self) -> Ending {
        if let Kind::Formula { complete: true } = self.kind {
            return Ending::Hard;
        }
        self.frags
            .last()
            .map_or(Ending::Hard, |(runs, _)| ending(&runs_text(runs)))
    }

    fn last_line(&self) -> usize {
        self.frags.last().map_or(0, |(_, l)| *l)
    }
}

struct Reader<'a> {
    b: &'a mut DocBuilder,
    notes: HashSet<String>,
    stage: Stage,
    pending: Option<Pending>,
    /// The last numbered paragraph's number.
    last_number: Option<u64>,
    /// No block yet since the last annex marker.
    annex_start: bool,
    annexes: u32,
    /// The last lettered item's label, to tell `i)` the letter from `i)` the roman sub-item.
    last_letter: Option<String>,
    /// The block being read when its decoder gave its runs: where its text starts in memory,
    /// its length, and the runs.
    given: Option<(usize, usize, Vec<Inline>)>,
}

impl<'a> Reader<'a> {
    fn new(b: &'a mut DocBuilder, notes: HashSet<String>) -> Self {
        Reader {
            b,
            notes,
            stage: Stage::Front,
            pending: None,
            last_number: None,
            annex_start: false,
            annexes: 0,
            last_letter: None,
            given: None,
        }
    }

    /// The runs of `s`, a part of the block being read: parsed from its traces, or cut from the
    /// runs its decoder gave.
    fn runs(&self, s: &str) -> Vec<Inline> {
        if let Some((base, len, runs)) = &self.given {
            let start = (s.as_ptr() as usize).wrapping_sub(*base);
            if start <= *len && start + s.len() <= *len {
                return cut_runs(runs, start, start + s.len());
            }
        }
        parse_runs(s, &self.notes)
    }

    /// The plain text of `s`, a part of the block being read.
    fn plain_of(&self, s: &str) -> String {
        match &self.given {
            Some(_) => runs_text(&self.runs(s)),
            None => plain(s),
        }
    }

    /// Reads the cover block line by line; returns the index of the first body line.
    fn read_cover(&mut self, lines: &[(usize, &str)]) -> usize {
        let mut prev: Option<&'static str> = None;
        let mut in_bracket = false;
        for (i, &(no, line)) in lines.iter().enumerate() {
            let t = trim_spaces(line);
            if t.is_empty() {
                continue;
            }
            if in_bracket {
                self.b.extend_cover(&cover_value(t, "committee"));
                in_bracket = !t.ends_with(']');
                continue;
            }
            if resolution_title(t).is_some()
                || numbered(t).is_some()
                || note_start(t).is_some()
                || formula(&plain(t)).is_some()
            {
                return i;
            }
            match cover_line(t, prev) {
                Some(CoverLine::Field(key)) => {
                    self.b.cover(key, None, &cover_value(t, key), no);
                    in_bracket = key == "committee" && t.starts_with('[') && !t.ends_with(']');
                    prev = Some(key);
                }
                Some(CoverLine::More) => self.b.extend_cover(&plain(t)),
                None => return i,
            }
        }
        lines.len()
    }

    fn read_body(&mut self, blocks: &[Fragment]) {
        for (k, blk) in blocks.iter().enumerate() {
            self.block(blk, blocks.get(k + 1));
        }
        self.flush();
    }

    /// Reads one block of the body. `next` is the block after it (for title headings).
    fn block(&mut self, blk: &Fragment, next: Option<&Fragment>) {
        self.given = blk
            .runs
            .as_ref()
            .map(|r| (blk.text.as_ptr() as usize, blk.text.len(), r.clone()));
        let t = blk.text.as_str();
        let line = blk.line;
        if is_furniture(t) {
            return;
        }
        if let Some((number, rest)) = note_start(t) {
            let runs = self.runs(rest);
            self.b.footnote(&number, runs, line);
            return;
        }
        if !t.chars().any(char::is_alphanumeric) {
            // Marker debris (`**`, `-`, `[`): no word to keep.
            return;
        }
        if let Some(n) = annex_marker(t) {
            self.flush();
            self.annexes = n.unwrap_or(self.annexes + 1);
            self.b.enter_annex(self.annexes);
            self.stage = Stage::Front;
            self.last_number = None;
            self.annex_start = true;
            return;
        }
        if let Some((level, rest)) = markdown_heading(t) {
            let number = numbered_heading(rest).map(|(_, n, r)| (n, r));
            match number {
                Some((n, r)) => self.heading(level, Some(&n), r, line),
                None => self.heading(level, None, rest, line),
            }
            return;
        }
        let open = self
            .pending
            .as_ref()
            .is_some_and(|p| p.ending() == Ending::Open);
        if let Some((number, title)) = resolution_title(t).filter(|_| !open) {
            self.heading(1, Some(&number), title, line);
            return;
        }
        let p = self.plain_of(t);
        if is_closing(&p) {
            self.start(Kind::Closing, vec![Inline::Text { text: p }], line);
            return;
        }
        if self.continues(t, &p) {
            self.continue_pending(t, line);
            return;
        }
        self.new_block(t, &p, line, next);
    }

    /// Whether the block is the rest of the pending paragraph, cut by a page break.
    fn continues(&mut self, t: &str, p: &str) -> bool {
        let Some(pending) = &self.pending else {
            return false;
        };
        let end = pending.ending();
        let start = start_case(p);
        if let Some((n, _)) = numbered(t) {
            // A number that does not come next is a word at the start of the rest (`2030. …`).
            return end == Ending::Open && !self.is_next_number(&n);
        }
        if item_label(t).is_some() {
            return false;
        }
        // Blocks that another decoder cut by line shape (a short line that ends a sentence): in
        // the numbered part of a resolution, a block that is no heading and no formula goes on
        // with the numbered paragraph before it.
        if self.given.is_some()
            && matches!(pending.kind, Kind::Numbered(_))
            && !heading_like(p)
            && formula(p).is_none()
        {
            return true;
        }
        match (end, &pending.kind) {
            (_, Kind::Closing) => printed_date(p).is_some(),
            (Ending::Open, _) => start == Start::Lower || !heading_like(p),
            (Ending::Soft, _) => start == Start::Lower,
            _ => {
                if start == Start::Lower {
                    let line = pending.last_line();
                    self.b.warn(
                        line + 1,
                        "a block begins with a lower-case letter after a complete paragraph; read as a new paragraph (check for a misplaced page-break fragment)",
                    );
                }
                false
            }
        }
    }

    fn is_next_number(&self, n: &str) -> bool {
        let expected = self.last_number.map_or(1, |l| l + 1);
        n.parse::<u64>().ok() == Some(expected)
    }

    fn continue_pending(&mut self, t: &str, line: usize) {
        let runs = match self.pending.as_ref().map(|p| &p.kind) {
            Some(Kind::Closing) => vec![Inline::Text {
                text: self.plain_of(t),
            }],
            _ => self.runs(t),
        };
        if let Some(p) = self.pending.as_mut() {
            p.frags.push((runs, line));
        }
    }

    /// A block that starts something new: numbered paragraph, item, formula, heading, list item
    /// or unnumbered paragraph.
    fn new_block(&mut self, t: &str, p: &str, line: usize, next: Option<&Fragment>) {
        if let Some((number, rest)) = numbered(t) {
            let runs = self.runs(rest);
            self.start(Kind::Numbered(number), runs, line);
        } else if let Some((label, rest)) = item_label(t) {
            let depth = self.item_depth(&label);
            let runs = self.runs(rest);
            self.start(Kind::Item { label, depth }, runs, line);
        } else if let Some(complete) = formula(p) {
            let runs = self.runs(t);
            self.start(Kind::Formula { complete }, runs, line);
        } else if let Some((level, number, rest)) = numbered_heading(t) {
            self.heading(level, Some(&number), rest, line);
        } else if heading_like(p) {
            let level = if self.title_position(next) { 1 } else { 2 };
            self.heading(level, None, t, line);
        } else if let Some(rest) = list_item(t) {
            let runs = self.runs(rest);
            self.start(Kind::ListItem, runs, line);
        } else {
            let runs = self.runs(t);
            self.start(Kind::Unnumbered, runs, line);
        }
    }

    /// A heading is a document title (level 1) when a paragraph ending with a colon introduces
    /// it, when it opens an annex, or when an opening formula follows it.
    fn title_position(&self, next: Option<&Fragment>) -> bool {
        let colon = self
            .pending
            .as_ref()
            .is_some_and(|p| p.ending() == Ending::Colon);
        let formula_next =
            next.is_some_and(|n| formula(&plain(&n.text)).is_some_and(|complete| !complete));
        colon || self.annex_start || formula_next
    }

    /// Depth of an item: a roman label under a lettered item is one level down.
    fn item_depth(&mut self, label: &str) -> usize {
        let roman = ROMAN_ITEMS.contains(&label);
        let continues_letters = self
            .last_letter
            .as_deref()
            .and_then(|l| l.chars().next())
            .and_then(|c| char::from_u32(c as u32 + 1))
            .is_some_and(|c| label.len() == 1 && label.starts_with(c));
        if roman && self.last_letter.is_some() && !continues_letters {
            return 2;
        }
        if !roman || continues_letters {
            self.last_letter = Some(label.to_string());
        }
        1
    }

    fn start(&mut self, kind: Kind, runs: Vec<Inline>, line: usize) {
        self.flush();
        self.annex_start = false;
        self.pending = Some(Pending {
            kind,
            frags: vec![(runs, line)],
        });
    }

    fn heading(&mut self, level: u8, number: Option<&str>, text: &str, line: usize) {
        self.flush();
        let runs = self.runs(text);
        self.b.heading(level, number, runs, line);
        self.stage = if level == 1 {
            Stage::Front
        } else {
            Stage::Body
        };
        self.annex_start = false;
        self.last_letter = None;
    }

    /// Emits the pending paragraph with its role, then the fragments that continue it.
    fn flush(&mut self) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let end = pending.ending();
        let mut frags = pending.frags.into_iter();
        let Some((runs, line)) = frags.next() else {
            return;
        };
        let id = self.emit(pending.kind.clone(), runs, line);
        for (runs, _) in frags {
            self.b.continue_last(runs);
        }
        let body = !matches!(pending.kind, Kind::Formula { .. } | Kind::Closing);
        if end == Ending::Open && body {
            self.b.warn(
                line,
                format!("paragraph `{id}` ends without final punctuation and no block continues it; check for a lost or misplaced page-break fragment"),
            );
        }
    }

    fn emit(&mut self, kind: Kind, runs: Vec<Inline>, line: usize) -> String {
        match kind {
            Kind::Numbered(n) => {
                self.last_number = n.parse().ok();
                self.stage = Stage::Body;
                self.last_letter = None;
                self.b
                    .paragraph(Para::new(Role::Operative, Some(&n), runs, line))
            }
            Kind::Unnumbered => {
                let role = self.unnumbered_role(&runs);
                self.b.paragraph(Para::new(role, None, runs, line))
            }
            Kind::Item { label, depth } => self.b.item(Role::Item, depth, &label, runs, line),
            Kind::ListItem => self.b.list_item(1, runs, line),
            Kind::Formula { .. } => {
                self.stage = Stage::Preamble;
                self.b.paragraph(Para::new(Role::Formula, None, runs, line))
            }
            Kind::Closing => self.b.paragraph(Para::new(Role::Closing, None, runs, line)),
        }
    }

    /// After a formula, a paragraph ending with a comma is preambular and one that does not is
    /// the (unnumbered) operative paragraph; elsewhere an unnumbered paragraph is running text.
    fn unnumbered_role(&mut self, runs: &[Inline]) -> Role {
        match self.stage {
            Stage::Preamble if ending(&runs_text(runs)) == Ending::Soft => Role::Preambular,
            Stage::Preamble | Stage::Operative => {
                self.stage = Stage::Operative;
                Role::Operative
            }
            Stage::Front | Stage::Body => Role::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::model::Document;
    use std::path::Path;

    fn read_doc(text: &str) -> (Document, Vec<Diagnostic>) {
        let mut b = DocBuilder::new(Path::new("t.txt"), "un-markdown");
        read(text, &mut b);
        b.finish()
    }

    fn ids(doc: &Document) -> Vec<String> {
        doc.blocks.iter().map(|b| b.id().to_string()).collect()
    }

    const ENGLISH: &str = "\
General Assembly

Distr.: General
19 December 2025

Eightieth session

Agenda item 15

**Information and communications technologies
for sustainable development**

Resolution adopted by the General Assembly on 17 December 2025

[without reference to a Main Committee ([A/80/L.41](#))]

- 80/999. A test resolution**

The General Assembly,

Recalling its resolution [70/125](#) of 16 December 2015,

Reaffirming the Sevilla Commitment², which sets out a framework,

Introduction

1. We reaffirm our commitment to the vision of the Summit.

2. We are concerned that access remains uneven. Internet use stands at

² Resolution 79/323, annex.

Part of the population in urban areas, against less in rural areas.

3. We decide to review the outcome in 2035.

*68th plenary meeting
17 December 2025*
";

    #[test]
    fn a_committee_line_without_brackets_ends_with_its_line() {
        let text = "Assemblée générale\n\nRésolution adoptée par l'Assemblée générale le 17 décembre 2025\n\nsans renvoi à une grande commission (A/80/L.41)\n\n80/999. Titre\n\nL'Assemblée générale,\n\n1. Décide de poursuivre ses travaux.\n";
        let (doc, _) = read_doc(text);
        assert_eq!(
            doc.cover_value("committee"),
            Some("sans renvoi à une grande commission (A/80/L.41)")
        );
        assert_eq!(ids(&doc), ["s-80-999", "formula-1", "p1"]);
    }

    #[test]
    fn english_resolution_cover_is_read() {
        let (doc, _) = read_doc(ENGLISH);
        let cover: Vec<(&str, &str)> = doc
            .cover
            .iter()
            .map(|f| (f.key.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            cover,
            [
                ("body", "General Assembly"),
                ("distribution", "Distr.: General"),
                ("date", "19 December 2025"),
                ("session", "Eightieth session"),
                ("agenda-item", "Agenda item 15"),
                (
                    "agenda-title",
                    "Information and communications technologies for sustainable development"
                ),
                (
                    "adoption",
                    "Resolution adopted by the General Assembly on 17 December 2025"
                ),
                (
                    "committee",
                    "without reference to a Main Committee (A/80/L.41)"
                ),
            ]
        );
    }

    #[test]
    fn english_resolution_body_is_structured() {
        let (doc, diags) = read_doc(ENGLISH);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            ids(&doc),
            [
                "s-80-999",
                "formula-1",
                "pp1",
                "pp2",
                "h1",
                "p1",
                "p2",
                "p3",
                "closing-1"
            ]
        );
        assert_eq!(doc.blocks[0].text(), "A test resolution");
        assert_eq!(doc.blocks[0].number(), Some("80/999"));
        let pp1 = doc.block("pp1").unwrap();
        assert_eq!(
            pp1.runs()[1],
            Inline::Link {
                text: "70/125".into(),
                target: None
            }
        );
        let p2 = doc.block("p2").unwrap();
        assert_eq!(
            p2.text(),
            "We are concerned that access remains uneven. Internet use stands at Part of the population in urban areas, against less in rural areas."
        );
        assert_eq!(doc.footnotes.len(), 1);
        assert_eq!(doc.footnotes[0].referenced_from, ["pp2"]);
        assert_eq!(doc.footnotes[0].text, "Resolution 79/323, annex.");
        let closing = doc.block("closing-1").unwrap();
        assert_eq!(closing.text(), "68th plenary meeting 17 December 2025");
        assert_eq!(
            doc.block("formula-1").unwrap().as_paragraph().unwrap().role,
            Role::Formula
        );
    }

    #[test]
    fn stray_markers_are_dropped_and_pairs_kept() {
        let runs = parse_runs("Titre de la résolution**", &HashSet::new());
        assert_eq!(
            runs,
            [Inline::Text {
                text: "Titre de la résolution".into()
            }]
        );
        let runs = parse_runs(
            "Nations Unies, *Recueil des Traités*, vol. 2515",
            &HashSet::new(),
        );
        assert_eq!(
            runs[1],
            Inline::Emphasis {
                style: Emphasis::Italic,
                text: "Recueil des Traités".into()
            }
        );
        assert_eq!(
            runs_text(&runs),
            "Nations Unies, Recueil des Traités, vol. 2515"
        );
        let runs = parse_runs("un * deux ** trois", &HashSet::new());
        assert_eq!(runs_text(&runs), "un deux trois");
        let runs = parse_runs("**gras** et *fin", &HashSet::new());
        assert_eq!(
            runs[0],
            Inline::Emphasis {
                style: Emphasis::Bold,
                text: "gras".into()
            }
        );
        assert_eq!(runs_text(&runs), "gras et fin");
    }

    #[test]
    fn escapes_and_links_are_resolved() {
        let runs = parse_runs(
            "⁹ [A/CONF.157/24 \\(Part I\\)](#), chap. III.",
            &HashSet::new(),
        );
        assert_eq!(
            runs[1],
            Inline::Link {
                text: "A/CONF.157/24 (Part I)".into(),
                target: None
            }
        );
        let runs = parse_runs("voir [site](https://example.org/a) et \\*", &HashSet::new());
        assert_eq!(
            runs[1],
            Inline::Link {
                text: "site".into(),
                target: Some("https://example.org/a".into())
            }
        );
        assert_eq!(runs_text(&runs), "voir site et *");
        // A bracket that opens no link stays as printed.
        assert_eq!(
            runs_text(&parse_runs("[sans lien] (x)", &HashSet::new())),
            "[sans lien] (x)"
        );
    }

    #[test]
    fn superscripts_are_marks_except_exponents() {
        let notes: HashSet<String> = ["1".to_string(), "10".to_string()].into();
        let runs = parse_runs("Séville¹, Unies¹⁰. Surface de 3 km².", &notes);
        let marks: Vec<&Inline> = runs
            .iter()
            .filter(|r| matches!(r, Inline::NoteRef { .. }))
            .collect();
        assert_eq!(
            marks,
            [
                &Inline::NoteRef { number: "1".into() },
                &Inline::NoteRef {
                    number: "10".into()
                }
            ]
        );
        assert!(runs_text(&runs).ends_with("3 km²."));
    }

    #[test]
    fn superscript_trace_keeps_its_letters() {
        assert_eq!(plain("*68^e séance plénière"), "68e séance plénière");
        assert_eq!(plain("68^e^ séance"), "68e séance");
    }

    #[test]
    fn endings_look_through_closers_and_marks() {
        assert_eq!(ending("à l'horizon 2030 »,"), Ending::Soft);
        assert_eq!(ending("des Nations Unies¹⁰."), Ending::Hard);
        assert_eq!(ending("texte figure ci-après :"), Ending::Colon);
        assert_eq!(
            ending("la coopération Sud-Sud et de la coopération"),
            Ending::Open
        );
        assert_eq!(ending("(Part I)"), Ending::Open);
    }

    #[test]
    fn nbsp_does_not_change_structure() {
        let with_nbsp = ENGLISH
            .replace("1. We", "1.\u{a0}We")
            .replace("2. We", "2.\u{a0}\u{a0}We")
            .replace("² Resolution", "²\u{a0}Resolution")
            .replace("Agenda item 15", "Agenda\u{a0}item\u{a0}15")
            .replace("19 December", "19\u{a0}December")
            .replace("15,", "15\u{a0},");
        let (a, da) = read_doc(ENGLISH);
        let (b, db) = read_doc(&with_nbsp);
        assert_eq!(ids(&a), ids(&b));
        let nums = |d: &Document| {
            d.blocks
                .iter()
                .map(|b| b.number().map(String::from))
                .collect::<Vec<_>>()
        };
        assert_eq!(nums(&a), nums(&b));
        assert_eq!(a.cover.len(), b.cover.len());
        assert_eq!(a.footnotes.len(), b.footnotes.len());
        assert_eq!(da.len(), db.len());
    }

    #[test]
    fn crlf_and_bom_do_not_change_structure() {
        let crlf = format!("\u{FEFF}{}", ENGLISH.replace('\n', "\r\n"));
        let (a, da) = read_doc(ENGLISH);
        let (b, db) = read_doc(&crlf);
        assert_eq!(a.blocks, b.blocks);
        assert_eq!(a.cover, b.cover);
        assert_eq!(a.footnotes, b.footnotes);
        assert_eq!(da.len(), db.len());
    }

    #[test]
    fn garbage_gives_no_blocks_and_no_panic() {
        let debris = [
            "",
            "\n\n",
            "**",
            "*",
            "[",
            "[](",
            "\\",
            "^^^",
            "- ",
            "((((",
            "]]](",
            "* * *\n\n---",
        ];
        for g in debris {
            let (doc, _) = read_doc(g);
            assert!(doc.blocks.is_empty(), "{g:?}: {:?}", doc.blocks);
            assert!(doc.cover.is_empty(), "{g:?}: {:?}", doc.cover);
        }
        // Odd mixtures must not panic.
        let odd = [
            "é¹²³⁴*\\\u{a0}[é](é",
            "a)\u{a0}",
            "ⅰ) x",
            "80/\u{a0}. x",
            "1\u{a0}. x",
            "Annexe\nAnnex XL\n",
            "¹",
            "¹ ",
            "1.",
            "[sans renvoi\n\n",
            "Point 1 de l'ordre du jour\n\nx",
            "# \n\n## I. \n\nI. x\n",
        ];
        for g in odd {
            let _ = read_doc(g);
        }
    }

    #[test]
    fn open_paragraph_before_a_heading_is_reported() {
        let (doc, diags) = read_doc(
            "L'Assemblée générale,\n\n1. Nous décidons de la\n\nIntroduction\n\n2. Texte.\n",
        );
        assert_eq!(ids(&doc), ["formula-1", "p1", "h1", "p2"]);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0]
            .message
            .contains("`p1` ends without final punctuation"));
    }

    #[test]
    fn uppercase_continuation_after_notes_joins_and_complete_paragraph_does_not() {
        let text = "1. Le taux d'accès à\n\n³ Note.\n\nInternet dans les villes est de 85 %.\n\nRappelant la suite,\n\n2. Fin.³\n";
        let (doc, diags) = read_doc(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(ids(&doc), ["p1", "t1", "p2"]);
        assert_eq!(
            doc.blocks[0].text(),
            "Le taux d'accès à Internet dans les villes est de 85 %."
        );
    }

    #[test]
    fn lowercase_after_comma_continues_and_after_period_is_reported() {
        let text = "L'Assemblée générale,\n\nRappelant les États,\n\nles organisations et le reste,\n\n1. Fin.\n\net ceci.\n";
        let (doc, diags) = read_doc(text);
        assert_eq!(ids(&doc), ["formula-1", "pp1", "p1", "t1"]);
        assert_eq!(
            doc.blocks[1].text(),
            "Rappelant les États, les organisations et le reste,"
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("lower-case"));
    }

    #[test]
    fn items_and_annex_are_read() {
        let text = "1. Décide :\n\na) premier ;\n\nb) second :\n\ni) sous-point ;\n\nii) autre ;\n\nc) dernier.\n\nAnnexe\n\nDéclaration de test\n\n1. Texte.\n";
        let (doc, diags) = read_doc(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            ids(&doc),
            [
                "p1",
                "p1-a",
                "p1-b",
                "p1-b-i",
                "p1-b-ii",
                "p1-c",
                "annex1-h1",
                "annex1-p1"
            ]
        );
        assert_eq!(doc.headings().last().unwrap().level, 1);
    }

    #[test]
    fn unnumbered_operative_paragraph_and_title_heading() {
        let text = "L'Assemblée générale\n\nAdopte le document final, dont le texte figure ci-après :\n\nDocument final de la réunion\n\nNous, Ministres réunis à New York,\n\nRappelant le Sommet,\n\nIntroduction\n\n1. Nous réaffirmons.\n";
        let (doc, diags) = read_doc(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            ids(&doc),
            ["formula-1", "t1", "h1", "formula-2", "pp1", "h2", "p1"]
        );
        let roles: Vec<Role> = doc.paragraphs().map(|p| p.role).collect();
        assert_eq!(
            roles,
            [
                Role::Formula,
                Role::Operative,
                Role::Formula,
                Role::Preambular,
                Role::Operative
            ]
        );
        let levels: Vec<u8> = doc.headings().map(|h| h.level).collect();
        assert_eq!(levels, [1, 2]);
    }

    #[test]
    fn a_number_after_an_open_paragraph_is_a_word_of_its_rest() {
        let text = "1. Premier.\n\n2. Nous visons l'horizon\n\n2030. Et au-delà.\n\n3. Voir la résolution\n\n70/125. Fin.\n";
        let (doc, diags) = read_doc(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(ids(&doc), ["p1", "p2", "p3"]);
        assert_eq!(
            doc.blocks[1].text(),
            "Nous visons l'horizon 2030. Et au-delà."
        );
        assert_eq!(doc.blocks[2].text(), "Voir la résolution 70/125. Fin.");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_markdown_like_text_never_panics(
            s in "([a-zé A-Z0-9.,;:()\\[\\]*#^\\\\\u{a0}¹²⁰-]|\n|\n\n|\\(#\\)){0,80}"
        ) {
            let _ = read_doc(&s);
        }
    }
}
