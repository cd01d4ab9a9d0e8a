//! Inline runs to HTML. Every text from a source passes through [`escape`] here, so a source that
//! contains `<script>` or `"><img onerror=…>` is shown as text, never run.

use std::collections::HashMap;

use crate::model::{Emphasis, Footnote, Inline};

/// Escapes text for HTML content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Gives every footnote mark of a page its own anchor (`fnref1`, then `fnref1-2` for a second
/// mark of note 1) and remembers them, so that each note can link back to each of its marks.
#[derive(Debug, Default)]
pub struct NoteMarks {
    /// Note number → anchor id of the note (`fn1`).
    note_ids: HashMap<String, String>,
    /// Note number → anchors of its marks, in page order.
    marks: HashMap<String, Vec<String>>,
}

impl NoteMarks {
    pub fn new(footnotes: &[Footnote]) -> Self {
        NoteMarks {
            note_ids: footnotes
                .iter()
                .map(|f| (f.number.clone(), f.id.clone()))
                .collect(),
            marks: HashMap::new(),
        }
    }

    /// The anchors of the marks of note `number`, in page order.
    pub fn marks_of(&self, number: &str) -> &[String] {
        self.marks.get(number).map_or(&[], Vec::as_slice)
    }

    fn mark(&mut self, number: &str) -> Option<(String, String)> {
        let note_id = self.note_ids.get(number)?.clone();
        let list = self.marks.entry(number.to_string()).or_default();
        let base = format!("{}ref{}", "fn", note_id.trim_start_matches("fn"));
        let id = if list.is_empty() {
            base
        } else {
            format!("{base}-{}", list.len() + 1)
        };
        list.push(id.clone());
        Some((note_id, id))
    }
}

/// A stretch of a block's plain text to wrap in markup (a citation link): byte range in the
/// block's `text`, the opening markup and the closing markup (already escaped HTML).
#[derive(Debug, Clone)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub open: String,
    pub close: String,
    /// Markup to write after the span (a preview of the cited paragraph).
    pub after: String,
}

/// Renders runs as HTML. `note_label` gives the accessible name of a note mark (`Note 3`).
pub fn runs_html(
    runs: &[Inline],
    marks: &mut NoteMarks,
    note_label: &dyn Fn(&str) -> String,
) -> String {
    runs_html_with_spans(runs, marks, note_label, &[])
}

/// Writes `text`, which starts at byte `pos` of the block's plain text, escaped by `escape`,
/// opening and closing the spans that start or end inside it. A span still open at the end of
/// the text is closed there and reopened by the next piece of text. HTML pages and the Akoma
/// Ntoso export (`<ref>` spans, XML escaping) share it.
pub fn text_with_spans(
    out: &mut String,
    text: &str,
    pos: usize,
    spans: &[Span],
    escape: fn(&str) -> String,
) {
    let end = pos + text.len();
    let mut cut = pos;
    for s in spans.iter().filter(|s| s.start < end && s.end > pos) {
        let a = s.start.max(pos);
        let b = s.end.min(end);
        if a < cut || !(text.is_char_boundary(a - pos) && text.is_char_boundary(b - pos)) {
            continue;
        }
        out.push_str(&escape(&text[cut - pos..a - pos]));
        out.push_str(&s.open);
        out.push_str(&escape(&text[a - pos..b - pos]));
        out.push_str(&s.close);
        if s.end <= end {
            out.push_str(&s.after);
        }
        cut = b;
    }
    out.push_str(&escape(&text[cut - pos..]));
}

/// Renders runs as HTML with `spans` (sorted, not overlapping) wrapped around stretches of the
/// block's plain text.
pub fn runs_html_with_spans(
    runs: &[Inline],
    marks: &mut NoteMarks,
    note_label: &dyn Fn(&str) -> String,
    spans: &[Span],
) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for run in runs {
        match run {
            Inline::Text { text } => {
                text_with_spans(&mut out, text, pos, spans, escape);
                pos += text.len();
            }
            Inline::Emphasis { style, text } => {
                let tag = match style {
                    Emphasis::Bold => "strong",
                    Emphasis::Italic => "em",
                };
                out.push_str(&format!("<{tag}>"));
                text_with_spans(&mut out, text, pos, spans, escape);
                out.push_str(&format!("</{tag}>"));
                pos += text.len();
            }
            Inline::NoteRef { number } => match marks.mark(number) {
                Some((note_id, mark_id)) => out.push_str(&format!(
                    "<sup class=\"fnref\"><a href=\"#{note_id}\" id=\"{mark_id}\" aria-label=\"{}\">{}</a></sup>",
                    escape(&note_label(number)),
                    escape(number)
                )),
                // A mark without a note (reported at ingestion) is shown, not linked.
                None => out.push_str(&format!("<sup class=\"fnref\">{}</sup>", escape(number))),
            },
            Inline::Link { text, target } => {
                match target.as_deref().filter(|t| is_web_address(t)) {
                    Some(url) => out.push_str(&format!(
                        "<a href=\"{}\" rel=\"external noopener\">{}</a>",
                        escape(url),
                        escape(text)
                    )),
                    None => text_with_spans(&mut out, text, pos, spans, escape),
                }
                pos += text.len();
            }
        }
    }
    out
}

/// Only http(s) addresses become links: never `javascript:` or `data:`.
fn is_web_address(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && !s.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(n: &str) -> Footnote {
        Footnote {
            number: n.into(),
            id: format!("fn{n}"),
            text: String::new(),
            runs: vec![],
            referenced_from: vec![],
            line: 1,
        }
    }

    #[test]
    fn hostile_text_is_inert() {
        let runs = vec![
            Inline::Text {
                text: "<script>alert(1)</script>".into(),
            },
            Inline::Emphasis {
                style: Emphasis::Italic,
                text: "\"><img src=x onerror=alert(1)>".into(),
            },
            Inline::Link {
                text: "x".into(),
                target: Some("javascript:alert(1)".into()),
            },
        ];
        let html = runs_html(&runs, &mut NoteMarks::default(), &|n| n.to_string());
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;") && html.contains("&quot;&gt;&lt;img"),
            "{html}"
        );
        assert!(!html.contains("href"), "{html}");
    }

    #[test]
    fn each_mark_gets_its_own_anchor_and_the_note_knows_them() {
        let mut marks = NoteMarks::new(&[note("1")]);
        let runs = vec![
            Inline::NoteRef { number: "1".into() },
            Inline::NoteRef { number: "1".into() },
            Inline::NoteRef { number: "9".into() },
        ];
        let html = runs_html(&runs, &mut marks, &|n| format!("Note {n}"));
        assert!(
            html.contains("href=\"#fn1\" id=\"fnref1\" aria-label=\"Note 1\""),
            "{html}"
        );
        assert!(html.contains("id=\"fnref1-2\""), "{html}");
        assert!(html.ends_with("<sup class=\"fnref\">9</sup>"), "{html}");
        assert_eq!(marks.marks_of("1"), ["fnref1", "fnref1-2"]);
    }

    #[test]
    fn spans_wrap_stretches_of_text_across_runs() {
        let runs = vec![
            Inline::Text {
                text: "voir la résolution ".into(),
            },
            Inline::Emphasis {
                style: Emphasis::Italic,
                text: "70/125".into(),
            },
            Inline::Text {
                text: " & suite".into(),
            },
        ];
        let start = "voir la ".len();
        let end = "voir la résolution 70/125".len();
        let spans = [Span {
            start,
            end,
            open: "<a href=#x>".into(),
            close: "</a>".into(),
            after: "<i>p</i>".into(),
        }];
        let html =
            runs_html_with_spans(&runs, &mut NoteMarks::default(), &|n| n.to_string(), &spans);
        assert_eq!(
            html,
            "voir la <a href=#x>résolution </a><em><a href=#x>70/125</a><i>p</i></em> &amp; suite"
        );
    }

    #[test]
    fn web_links_are_links() {
        let runs = vec![Inline::Link {
            text: "site".into(),
            target: Some("https://undocs.org/fr/A/RES/70/125".into()),
        }];
        let html = runs_html(&runs, &mut NoteMarks::default(), &|n| n.to_string());
        assert_eq!(
            html,
            "<a href=\"https://undocs.org/fr/A/RES/70/125\" rel=\"external noopener\">site</a>"
        );
    }
}
