//! Decoding the lines of text extracted from a PDF, whatever the extractor wrote them with.
//!
//! Extractors agree on little: `pdftotext` separates text blocks with blank lines and pages with
//! form feeds; `pdftotext -layout` keeps the page's indentation and puts a hanging number on the
//! line of its text; pdfminer may print a page's paragraph numbers together before their texts;
//! pypdf writes no blank line at all and moves running heads to the page's end; other tools
//! follow every printed line with a blank one and mark the first line of a block by leading
//! space. This decoder finds which of these ways a text is written in and turns it into lines
//! that say the same things in one way:
//!
//! - `lead`: the line begins a block (a paragraph, a heading, a note), whatever told it: leading
//!   space, a blank line before it, a page start, or a short line ending a sentence before it;
//! - `furniture`: the line is a running head or foot (a page number, `n/N`, a job number, or a
//!   line repeated at the edge of page after page), never text;
//! - a paragraph or item label printed alone on its line (`67.`, `a)`) is put back at the start
//!   of the text it labels.
//!
//! It decides nothing about structure: which line is a heading or a paragraph is the reader's
//! business.

use std::collections::{HashMap, HashSet, VecDeque};

use super::detect::is_job_number_line;

/// One decoded line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DecodedLine {
    /// 1-based line in the source.
    pub no: usize,
    /// The line's text; for the leading-space way of writing, as in the source.
    pub text: String,
    /// The line begins a block.
    pub lead: bool,
    /// A running head or foot.
    pub furniture: bool,
    /// The text kept its leading and trailing space (the leading-space way of writing), so that
    /// white space at the ends of the line still means something.
    pub spaced: bool,
}

/// How an extractor separates blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// Every printed line is followed by a blank line and ends with a space; a block's first line
    /// begins with space.
    LeadingSpace,
    /// Blank lines separate blocks (`pdftotext`, `pdftotext -layout`, pdfminer).
    BlankLines,
    /// No blank lines: blocks are told by labels and by short lines that end a sentence (pypdf).
    Dense,
}

/// A line is short, and may end a paragraph, under this share of the typical width.
const SHORT_LINE: f64 = 0.8;

/// Decodes `text` (LF line ends).
pub(super) fn decode(text: &str) -> Vec<DecodedLine> {
    let raw: Vec<&str> = text.lines().collect();
    let dialect = dialect(&raw);
    let mut lines: Vec<DecodedLine> = Vec::with_capacity(raw.len());
    let mut page_start = true;
    let mut after_blank = true;
    let width = typical_width(&raw);
    let mut prev_content: Option<String> = None;
    for (i, r) in raw.iter().enumerate() {
        let form_feed = r.contains('\u{c}');
        let cleaned: String = if form_feed {
            r.replace('\u{c}', "")
        } else {
            r.to_string()
        };
        page_start |= form_feed;
        let content = cleaned.trim_matches(is_ws);
        if content.is_empty() {
            after_blank = true;
            lines.push(DecodedLine {
                no: i + 1,
                text: cleaned.clone(),
                lead: false,
                furniture: false,
                spaced: dialect == Dialect::LeadingSpace,
            });
            continue;
        }
        // A short line that ends a clause, before a line that begins with a capital or a label,
        // ends its block: extractors that write nothing between blocks, and those that put a
        // page's paragraphs in one block, are read so.
        let after_short_end = prev_content.as_deref().is_none_or(|p| {
            ends_block(p) && (width_of(p) as f64) < SHORT_LINE * width && opens_block(content)
        });
        // A line that begins with a paragraph number after one that ends a sentence.
        let numbered_after_end = prev_content
            .as_deref()
            .is_some_and(|p| ends_block(p) && starts_with_number_label(content));
        let lead = match dialect {
            Dialect::LeadingSpace => cleaned.starts_with(is_ws),
            _ if numbered_after_end => true,
            Dialect::BlankLines => after_blank || page_start || after_short_end,
            Dialect::Dense => page_start || after_short_end,
        };
        let text = match dialect {
            Dialect::LeadingSpace => cleaned.clone(),
            _ => content.to_string(),
        };
        lines.push(DecodedLine {
            no: i + 1,
            text,
            lead,
            furniture: false,
            spaced: dialect == Dialect::LeadingSpace,
        });
        prev_content = Some(content.to_string());
        page_start = false;
        after_blank = false;
    }
    mark_furniture(&mut lines, &raw);
    // A page begins after its running head: the first line of text after furniture leads.
    let mut after_furniture = false;
    for l in &mut lines {
        if l.furniture {
            after_furniture = true;
        } else if !l.text.trim_matches(is_ws).is_empty() {
            l.lead |= after_furniture && dialect != Dialect::LeadingSpace;
            after_furniture = false;
        }
    }
    if dialect == Dialect::Dense {
        lead_page_foot_notes(&mut lines);
    }
    if dialect != Dialect::LeadingSpace {
        lines = split_columns(lines);
        put_labels_back(&mut lines);
    }
    lines
}

/// A gap this wide between two words of a line separates columns (`pdftotext -layout` prints
/// a cover's left and right fields, or a hanging number and its text, on one line); justified
/// text spreads its words by less.
const COLUMN_GAP: usize = 5;

/// Splits lines at column gaps into one line per column, in reading order along the line; each
/// column after the first begins a block.
fn split_columns(lines: Vec<DecodedLine>) -> Vec<DecodedLine> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        if l.furniture {
            out.push(l);
            continue;
        }
        let text = l.text.trim_matches(is_ws);
        let mut cells: Vec<&str> = Vec::new();
        let mut start = 0;
        let mut spaces = 0;
        for (i, c) in text.char_indices() {
            if c == ' ' {
                spaces += 1;
                continue;
            }
            if spaces >= COLUMN_GAP {
                cells.push(text[start..i].trim_end());
                start = i;
            }
            spaces = 0;
        }
        if cells.is_empty() {
            out.push(l);
            continue;
        }
        cells.push(&text[start..]);
        for (k, cell) in cells.into_iter().enumerate() {
            out.push(DecodedLine {
                no: l.no,
                text: cell.to_string(),
                lead: l.lead || k > 0,
                furniture: false,
                spaced: l.spaced,
            });
        }
    }
    out
}

/// Where nothing separates blocks, a page's notes follow its text on the next line, even in the
/// middle of a sentence that goes on over the page. A run of lines just above a running foot, each
/// note in it beginning with its number (`2 Résolution 217 A (III).`, then `3 …`), is the page's
/// notes: each of their first lines begins a block.
fn lead_page_foot_notes(lines: &mut [DecodedLine]) {
    const MAX_NOTE_LINES: usize = 20;
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].furniture {
            i += 1;
            continue;
        }
        // Lines above this running foot, up to the previous foot or MAX_NOTE_LINES.
        let mut top = i;
        while top > 0 && !lines[top - 1].furniture && i - (top - 1) <= MAX_NOTE_LINES {
            top -= 1;
        }
        // The first line of the foot's note run: the earliest note start from which numbers run
        // up by one to the foot.
        let starts: Vec<(usize, u64)> = (top..i)
            .filter_map(|k| note_number(&lines[k].text).map(|n| (k, n)))
            .collect();
        let mut first = None;
        for (pos, &(k, n)) in starts.iter().enumerate() {
            let runs = starts[pos..]
                .iter()
                .enumerate()
                .all(|(j, &(_, m))| m == n + j as u64);
            if runs {
                first = Some(k);
                break;
            }
        }
        if let Some(first) = first {
            for &(k, _) in starts.iter().filter(|(k, _)| *k >= first) {
                lines[k].lead = true;
            }
        }
        i += 1;
    }
}

/// `12 Voir …`: the number a note's first line begins with.
fn note_number(t: &str) -> Option<u64> {
    let t = t.trim_start_matches(is_ws);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=3).contains(&digits) && t[digits..].starts_with(is_ws))
        .then(|| t[..digits].parse().ok())
        .flatten()
}

fn is_ws(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

fn width_of(s: &str) -> usize {
    s.trim_matches(is_ws).chars().count()
}

/// Which way `lines` are written.
pub(super) fn dialect(lines: &[&str]) -> Dialect {
    let blank = |l: &str| l.trim_matches(is_ws).is_empty();
    let nonblank = lines.iter().filter(|l| !blank(l)).count().max(1) as f64;
    let followed = lines
        .windows(2)
        .filter(|w| !blank(w[0]) && blank(w[1]))
        .count() as f64;
    let indented = lines
        .iter()
        .filter(|l| !blank(l) && l.replace('\u{c}', "").starts_with(is_ws))
        .count() as f64;
    let trailing = lines
        .iter()
        .filter(|l| !blank(l) && l.ends_with(is_ws))
        .count() as f64;
    let spaced = indented > 0.0 || trailing / nonblank > 0.5;
    if followed / nonblank > 0.6 && spaced && indented / nonblank < 0.8 {
        Dialect::LeadingSpace
    } else if followed / nonblank > 0.05 {
        Dialect::BlankLines
    } else {
        Dialect::Dense
    }
}

/// The width of a full line of running text: a high percentile of the line widths.
fn typical_width(lines: &[&str]) -> f64 {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| width_of(l))
        .filter(|&w| w > 0)
        .collect();
    if widths.is_empty() {
        return 0.0;
    }
    widths.sort_unstable();
    widths[widths.len() * 3 / 4] as f64
}

/// A line that can end a block: it ends a sentence or a clause (`.`, `:`, `;`, `,`, `!`, `?`),
/// closing quotes and brackets looked through.
fn ends_block(line: &str) -> bool {
    let t = line
        .trim_end_matches(is_ws)
        .trim_end_matches(['»', '”', '"', '’', ')', ']', '*']);
    t.ends_with(['.', ':', ';', ',', '!', '?'])
}

/// A line that can open a block: it begins with a capital letter, a digit, a label or an
/// opening quote or bracket.
fn opens_block(line: &str) -> bool {
    line.trim_start_matches(is_ws)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "«“\"([–•*".contains(c))
}

/// The number of `67. Texte`: a paragraph number, a space and a capital.
pub(super) fn number_label(line: &str) -> Option<u64> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    starts_with_number_label(line)
        .then(|| line[..digits].parse().ok())
        .flatten()
}

/// `67. Texte`: a paragraph number, a space and a capital.
fn starts_with_number_label(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && line[digits..].strip_prefix('.').is_some_and(|r| {
            r.starts_with(is_ws) && r.trim_start_matches(is_ws).starts_with(char::is_uppercase)
        })
}

/// The line with each run of digits as `#` and each run of space as one space: a running head's
/// shape, the same on every page (`A/RES/80/173 3/22` and `A/RES/80/173 4/22`).
fn shape(line: &str) -> String {
    let mut out = String::new();
    let mut digits = false;
    let mut space = false;
    for c in line.trim_matches(is_ws).chars() {
        if c.is_ascii_digit() {
            if !digits {
                out.push('#');
            }
            digits = true;
            space = false;
        } else if is_ws(c) {
            if !space {
                out.push(' ');
            }
            space = true;
            digits = false;
        } else {
            out.push(c);
            digits = false;
            space = false;
        }
    }
    out
}

/// Page numbers as extractors print them: `3`, `3/22`, `- 3 -`, `Page 3`, `Page 3 of 22`,
/// `Page 3 sur 22`.
pub(super) fn is_page_number(line: &str) -> bool {
    let t = line.trim_matches(is_ws);
    let num = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if num(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        if num(a.trim()) && num(b.trim()) {
            return true;
        }
    }
    if let Some(inner) = t.strip_prefix('-').and_then(|s| s.strip_suffix('-')) {
        return num(inner.trim());
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.as_slice() {
        [p, n] => p.eq_ignore_ascii_case("page") && num(n),
        [p, n, of, m] => {
            p.eq_ignore_ascii_case("page") && num(n) && matches!(*of, "of" | "sur" | "de") && num(m)
        }
        _ => false,
    }
}

/// The page count of an `n/N` page number: a line that says it is one of the document's pages
/// is furniture wherever the extractor put it.
fn page_of_total(t: &str) -> Option<usize> {
    let (a, b) = t.trim_matches(is_ws).split_once('/')?;
    let (a, b): (usize, usize) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a >= 1 && a <= b).then_some(b)
}

/// A paragraph, item or note label printed alone (`67.`, `a)`, `(a)`, `iv)`, `I.`, `A.`, `–`,
/// `•`, a note's `12` or `*`).
fn is_lone_label(t: &str) -> bool {
    let t = t.trim_matches(is_ws);
    if (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
        || (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b == b'*'))
    {
        return true;
    }
    if matches!(t, "–" | "-" | "•" | "—") {
        return true;
    }
    let inner = t
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .or_else(|| t.strip_suffix(')'))
        .or_else(|| t.strip_suffix('.'));
    let Some(inner) = inner else {
        return false;
    };
    (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()))
        || (inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_alphabetic()))
        || (inner.len() <= 5
            && inner
                .chars()
                .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X')))
}

/// Marks running heads and feet: page numbers, job numbers, and lines of the same shape that
/// end no sentence, printed at the edge of at least three pages and of three in ten (or, when
/// the text shows no pages, printed at least three times).
fn mark_furniture(lines: &mut [DecodedLine], raw: &[&str]) {
    let blank = |l: &DecodedLine| l.text.trim_matches(is_ws).is_empty();
    // Pages: split at form feeds.
    let mut page_of = vec![0usize; lines.len()];
    let mut page = 0;
    for (i, r) in raw.iter().enumerate() {
        if r.contains('\u{c}') && i > 0 {
            page += 1;
        }
        page_of[i] = page;
    }
    // Pages with text (an extractor ends the last page with a form feed too).
    let pages = {
        let mut with_text: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !blank(l))
            .map(|(i, _)| page_of[i])
            .collect();
        with_text.dedup();
        with_text.len().max(1)
    };
    let page_count = page + 1;
    // The lines at a page's edges: its first and last three lines of text.
    let mut edge = vec![pages == 1; lines.len()];
    if pages > 1 {
        let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); page_count];
        for (i, l) in lines.iter().enumerate() {
            if !blank(l) {
                by_page[page_of[i]].push(i);
            }
        }
        for idx in by_page {
            for &i in idx.iter().take(3).chain(idx.iter().rev().take(3)) {
                edge[i] = true;
            }
        }
    }
    // A bare number at a page's edge is its page number when it runs with the pages: the offset
    // between the number and the page's index is the one most bare numbers have. Others are note
    // numbers printed alone.
    let bare = |t: &str| -> Option<i64> {
        let t = t.trim_matches(is_ws);
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if let (true, Some(n)) = (edge[i], bare(&l.text)) {
            *offsets.entry(n - page_of[i] as i64).or_default() += 1;
        }
    }
    let page_offset = offsets
        .into_iter()
        .filter(|&(_, k)| pages > 1 && k >= 2 && k * 10 >= pages * 3)
        .max_by_key(|&(d, k)| (k, -d))
        .map(|(d, _)| d);
    // Bare numbers are page numbers or the numbers of notes printed alone. Notes are numbered
    // through the document: a bare number is a note's when it is the next note's number and text
    // follows it on the page; otherwise it is the page's number when it runs with the pages.
    let mut page_number_lines: Vec<bool> = vec![false; lines.len()];
    let mut note_lines: Vec<bool> = vec![false; lines.len()];
    let mut next_note: i64 = 1;
    for i in 0..lines.len() {
        let t = lines[i].text.trim_matches(is_ws);
        match bare(t) {
            Some(n) => {
                // The page's own number may stand between a note's number and its text.
                let runs_with_pages = |k: usize| {
                    bare(&lines[k].text)
                        .is_some_and(|m| pages > 1 && page_offset == Some(m - page_of[k] as i64))
                };
                let followed_by_text = (i + 1..lines.len())
                    .find(|&k| !lines[k].text.trim_matches(is_ws).is_empty() && !runs_with_pages(k))
                    .is_some_and(|k| page_of[k] == page_of[i] && !is_lone_label(&lines[k].text));
                if n == next_note && followed_by_text {
                    next_note += 1;
                    note_lines[i] = true;
                } else if pages > 1 && page_offset == Some(n - page_of[i] as i64) {
                    page_number_lines[i] = true;
                }
            }
            None => {
                if note_number(t).is_some_and(|n| n as i64 == next_note) {
                    next_note += 1;
                }
            }
        }
    }
    let mut count: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if blank(l) || !edge[i] {
            continue;
        }
        let t = l.text.trim_matches(is_ws);
        if bare(t).is_some() {
            continue;
        }
        // Running heads do not end a sentence; a paragraph's last line may, and may repeat.
        if t.chars().count() > 120
            || is_lone_label(t)
            || starts_with_number_and_space(t)
            || ends_block(t)
        {
            continue;
        }
        count.entry(shape(t)).or_default().push(page_of[i]);
    }
    // The shapes printed often enough, each decided once.
    let running: HashSet<String> = count
        .into_iter()
        .filter(|(_, ps)| {
            let mut distinct = ps.clone();
            distinct.dedup();
            if pages > 1 {
                let enough = (pages as f64 * 0.3).ceil().max(3.0) as usize;
                distinct.len() >= enough || (pages <= 3 && distinct.len() >= 2)
            } else {
                ps.len() >= 3
            }
        })
        .map(|(shape, _)| shape)
        .collect();
    for (i, l) in lines.iter_mut().enumerate() {
        if blank(l) {
            continue;
        }
        let t = l.text.trim_matches(is_ws);
        let repeated = edge[i] && running.contains(&shape(t));
        let page_edge = pages > 1 && edge[i];
        let page_number = match bare(t) {
            Some(_) => page_number_lines[i],
            None => {
                is_page_number(t)
                    && (page_edge || pages == 1 || page_of_total(t).is_some_and(|n| n == pages))
            }
        };
        if repeated || page_number || (is_job_number_line(t) && shape(t).chars().count() <= 40) {
            l.furniture = true;
        }
    }
    // With no form feed to tell the pages, a bare number beside a running head or foot is the
    // page's number, unless it is the next note's.
    if pages == 1 {
        let text_lines: Vec<usize> = (0..lines.len()).filter(|&i| !blank(&lines[i])).collect();
        for (k, &i) in text_lines.iter().enumerate() {
            if lines[i].furniture || note_lines[i] || bare(&lines[i].text).is_none() {
                continue;
            }
            let beside = |j: Option<&usize>| j.is_some_and(|&j| lines[j].furniture);
            if beside(k.checked_sub(1).and_then(|k| text_lines.get(k)))
                || beside(text_lines.get(k + 1))
            {
                lines[i].furniture = true;
            }
        }
    }
}

/// `12 Voir …`: a number and a space, as a note begins.
fn starts_with_number_and_space(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(is_ws)
}

/// Puts labels printed alone on their line back at the start of the text they label. Labels
/// printed one after another (a page's numbers before its paragraphs) go to the blocks that
/// follow, in order.
fn put_labels_back(lines: &mut [DecodedLine]) {
    let mut queue: VecDeque<usize> = VecDeque::new();
    // The last line of text seen was a label: the next line is its text, block start or not
    // (`pdftotext -layout` prints a note's number on a line of its own above its text).
    let mut after_label = false;
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.furniture || l.text.trim_matches(is_ws).is_empty() {
            continue;
        }
        if is_lone_label(&l.text) {
            queue.push_back(i);
            after_label = true;
            continue;
        }
        let takes = l.lead || (after_label && queue.len() == 1);
        after_label = false;
        if queue.is_empty() || !takes {
            continue;
        }
        let Some(label_at) = queue.pop_front() else {
            continue;
        };
        let label = std::mem::take(&mut lines[label_at].text);
        let label = label.trim_matches(is_ws).to_string();
        let no = lines[label_at].no;
        let target = &mut lines[i];
        target.text = format!("{label} {}", target.text.trim_start_matches(is_ws));
        target.no = no;
        target.lead = true;
        // Left empty, the label's own line reads as a blank line: it ends nothing.
        lines[label_at].lead = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[DecodedLine]) -> Vec<(String, bool)> {
        lines
            .iter()
            .filter(|l| !l.furniture && !l.text.trim().is_empty())
            .map(|l| (l.text.clone(), l.lead))
            .collect()
    }

    #[test]
    fn dialects_are_told_apart() {
        let spaced = " Titre \n\nune ligne \n\n une autre \n\nsuite \n\nfin \n\n";
        assert_eq!(
            dialect(&spaced.lines().collect::<Vec<_>>()),
            Dialect::LeadingSpace
        );
        let blocks = "Titre\n\n1.\n\nUne ligne\nde texte.\n\n2.\n\nAutre.\n";
        assert_eq!(
            dialect(&blocks.lines().collect::<Vec<_>>()),
            Dialect::BlankLines
        );
        let dense = "Titre\n1. Une ligne\nde texte.\n2. Autre.\n";
        assert_eq!(dialect(&dense.lines().collect::<Vec<_>>()), Dialect::Dense);
    }

    #[test]
    fn a_number_alone_goes_back_to_its_paragraph() {
        let t = "\u{c}A/RES/80/173\n\nRappelant sa résolution,\n1.\n\nNous réaffirmons\nnotre attachement.\n\n2.\n\nCourt.\n\n1/2\n\u{c}A/RES/80/173\n\nFin.\n\n2/2\n";
        let d = decode(t);
        assert_eq!(
            texts(&d),
            vec![
                ("Rappelant sa résolution,".to_string(), true),
                ("1. Nous réaffirmons".to_string(), true),
                ("notre attachement.".to_string(), false),
                ("2. Court.".to_string(), true),
                ("Fin.".to_string(), true),
            ]
        );
        // The label keeps its own line number.
        assert_eq!(d.iter().find(|l| l.text.starts_with("2.")).unwrap().no, 9);
    }

    #[test]
    fn numbers_printed_together_go_to_the_blocks_after_them() {
        let t = "1.\n\n2.\n\nPremier paragraphe.\n\nSecond paragraphe\nsur deux lignes.\n";
        assert_eq!(
            texts(&decode(t)),
            vec![
                ("1. Premier paragraphe.".to_string(), true),
                ("2. Second paragraphe".to_string(), true),
                ("sur deux lignes.".to_string(), false),
            ]
        );
    }

    #[test]
    fn running_heads_repeated_at_page_edges_are_furniture() {
        let mut t = String::new();
        for p in 1..=4 {
            t.push_str(&format!(
                "\u{c}A/RES/80/173 Document final\n\n{} de la page, qui va\njusqu'au bout.\n\n{p}/4\n", ["Texte", "Suite", "Reste", "Fin"][p - 1]
            ));
        }
        let d = decode(&t);
        let furniture: Vec<&str> = d
            .iter()
            .filter(|l| l.furniture)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(furniture.len(), 8, "{furniture:?}");
        assert!(texts(&d)
            .iter()
            .all(|(t, _)| t.contains("de la page") || t.starts_with("jusqu")));
    }

    #[test]
    fn dense_text_leads_after_a_short_line_that_ends_a_sentence() {
        let t = "Une ligne de texte assez longue pour être pleine, qui continue\nici et finit.\nUne autre ligne de texte assez longue pour être pleine, qui va\njusqu'ici.\n";
        let d = decode(t);
        let leads: Vec<bool> = d.iter().map(|l| l.lead).collect();
        assert_eq!(leads, vec![true, false, true, false]);
    }

    #[test]
    fn page_numbers() {
        for p in [
            "3",
            "3/22",
            "- 3 -",
            "Page 3",
            "Page 3 of 22",
            "page 3 sur 22",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2030.", "A/RES/80/173", "3 décembre", "Page de garde"] {
            assert!(!is_page_number(p), "{p}");
        }
    }
}
