//! Turns what a reader recognises into a [`Document`]: assigns stable ids, checks numbering,
//! resolves footnote marks. Every reader goes through this one builder, so the id rules
//! (documented in `docs/data-format.md`) live here and nowhere else.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::{Block, CoverField, Document, Footnote, Heading, Inline, Paragraph, Role};
use crate::text::{normalize, normalize_run, slug};

use super::labels::{first_label, label_kind, label_rank, next_label, run_together};

/// A parent on the item stack: a numbered paragraph, a clause, or an item.
#[derive(Debug, Clone)]
struct Parent {
    id: String,
    /// Labels already used by children, for duplicate detection.
    used: HashSet<String>,
    /// The last label given to a child (as interpreted), for order checks.
    last: Option<String>,
    /// Count of dash list items under this parent.
    list_items: usize,
}

impl Parent {
    fn new(id: String) -> Self {
        Parent {
            id,
            used: HashSet::new(),
            last: None,
            list_items: 0,
        }
    }
}

/// How a reader describes one paragraph to the builder.
#[derive(Debug, Clone)]
pub struct Para {
    pub role: Role,
    /// Number or label as printed, without its punctuation (`67`, `a`, `iv`, `2.1`).
    pub number: Option<String>,
    pub runs: Vec<Inline>,
    pub line: usize,
}

impl Para {
    pub fn new(role: Role, number: Option<&str>, runs: Vec<Inline>, line: usize) -> Self {
        Para {
            role,
            number: number.map(str::to_string),
            runs,
            line,
        }
    }
}

/// Collects blocks, footnotes and cover fields in reading order, then builds the [`Document`].
pub struct DocBuilder {
    file: PathBuf,
    layout: String,
    cover: Vec<CoverField>,
    blocks: Vec<Block>,
    footnotes: Vec<Footnote>,
    diagnostics: Vec<Diagnostic>,
    ids: HashSet<String>,
    /// Per id given more than once, the `-dup` number to try next (the lower ones are taken).
    next_dup: HashMap<String, usize>,
    /// The numbers of the notes read so far.
    note_numbers: HashSet<String>,
    /// Ordinal counters per id prefix (`pp`, `t`, `h`, `formula` …), reset per annex.
    counters: HashMap<String, usize>,
    /// Current annex (1-based), if any.
    annex: Option<u32>,
    /// Current ITU clause slug and role, if any.
    clause: Option<(String, Role)>,
    /// Heading numbers by level, for nested heading ids.
    heading_numbers: Vec<(u8, String)>,
    /// Item stack: `[0]` is the current top-level parent (numbered paragraph or clause).
    stack: Vec<Parent>,
    /// Last top-level number seen, per (annex, clause) scope, for order checks.
    last_top: HashMap<String, String>,
    used_top: HashMap<String, HashSet<String>>,
}

impl DocBuilder {
    pub fn new(file: &Path, layout: &str) -> Self {
        DocBuilder {
            file: file.to_path_buf(),
            layout: layout.to_string(),
            cover: Vec::new(),
            blocks: Vec::new(),
            footnotes: Vec::new(),
            diagnostics: Vec::new(),
            ids: HashSet::new(),
            next_dup: HashMap::new(),
            note_numbers: HashSet::new(),
            counters: HashMap::new(),
            annex: None,
            clause: None,
            heading_numbers: Vec::new(),
            stack: Vec::new(),
            last_top: HashMap::new(),
            used_top: HashMap::new(),
        }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(&self.file, line, message));
    }

    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(&self.file, line, message));
    }

    pub fn cover(&mut self, key: &str, label: Option<&str>, value: &str, line: usize) {
        self.cover.push(CoverField {
            key: key.to_string(),
            label: label.map(normalize),
            value: normalize(value),
            line,
        });
    }

    /// Appends text to the last cover field (a value that continues on the next line).
    pub fn extend_cover(&mut self, value: &str) {
        if let Some(f) = self.cover.last_mut() {
            f.value = normalize(&format!("{} {}", f.value, value));
        }
    }

    pub fn cover_fields(&self) -> &[CoverField] {
        &self.cover
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Enters annex `n` (1-based): later ids are prefixed with `annex{n}-` and counters restart.
    /// The annex's title, if any, should follow as a heading.
    pub fn enter_annex(&mut self, n: u32) {
        self.annex = Some(n);
        self.clause = None;
        self.stack.clear();
        self.counters.clear();
        self.heading_numbers.clear();
    }

    pub fn annex(&self) -> Option<u32> {
        self.annex
    }

    fn prefix(&self) -> String {
        match self.annex {
            Some(n) => format!("annex{n}-"),
            None => String::new(),
        }
    }

    fn next_ordinal(&mut self, key: &str) -> usize {
        let c = self.counters.entry(key.to_string()).or_insert(0);
        *c += 1;
        *c
    }

    /// Makes `id` unique; a repeated id gets `-dup2`, `-dup3` … and a warning.
    fn unique(&mut self, id: String, line: usize) -> String {
        if self.ids.insert(id.clone()) {
            return id;
        }
        let mut n = self.next_dup.get(&id).copied().unwrap_or(2);
        loop {
            let candidate = format!("{id}-dup{n}");
            if self.ids.insert(candidate.clone()) {
                self.next_dup.insert(id.clone(), n + 1);
                self.warn(
                    line,
                    format!("a second block would get the id `{id}`; this one is `{candidate}`"),
                );
                return candidate;
            }
            n += 1;
        }
    }

    /// A heading. `level`: 1 title, 2 chapter, 3 section, 4 minor heading.
    pub fn heading(&mut self, level: u8, number: Option<&str>, runs: Vec<Inline>, line: usize) {
        self.clause = None;
        self.stack.clear();
        let runs = clean_runs(runs);
        let id = match number {
            Some(n) => {
                self.heading_numbers.retain(|(l, _)| *l < level);
                self.heading_numbers.push((level, slug(n)));
                let path: Vec<&str> = self
                    .heading_numbers
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect();
                format!("{}s-{}", self.prefix(), path.join("-"))
            }
            None => {
                let k = self.next_ordinal("h");
                format!("{}h{k}", self.prefix())
            }
        };
        let id = self.unique(id, line);
        let footnotes = note_refs(&runs);
        self.blocks.push(Block::Heading(Heading {
            id,
            level,
            number: number.map(str::to_string),
            role: Role::Heading,
            text: plain_text(&runs),
            runs,
            footnotes,
            line,
        }));
    }

    /// An ITU resolution clause heading (`décide`, `charge le Secrétaire général`): emitted as a
    /// level-4 heading whose id is the clause slug; the clause's items get ids `{slug}-{label}`.
    /// `role` is the role of the clause's items (preambular or operative).
    pub fn clause(&mut self, text: &str, role: Role, line: usize) {
        let slug = clause_slug(text);
        let id = self.unique(format!("{}{}", self.prefix(), slug), line);
        let runs = clean_runs(vec![Inline::Text {
            text: text.to_string(),
        }]);
        self.blocks.push(Block::Heading(Heading {
            id: id.clone(),
            level: 4,
            number: None,
            role: Role::Heading,
            text: plain_text(&runs),
            runs,
            footnotes: Vec::new(),
            line,
        }));
        self.stack.clear();
        self.stack.push(Parent::new(id.clone()));
        self.clause = Some((id, role));
    }

    /// The current clause's id, if the builder is inside an ITU clause.
    pub fn current_clause(&self) -> Option<&str> {
        self.clause.as_ref().map(|(s, _)| s.as_str())
    }

    /// A top-level paragraph (preambular, numbered operative, text, formula, closing, quotation).
    /// Returns its id.
    pub fn paragraph(&mut self, para: Para) -> String {
        self.clause = None;
        let runs = clean_runs(para.runs);
        let prefix = self.prefix();
        let id = match (&para.number, para.role) {
            // Quotations carry the quoted document's numbers: no sequence to check.
            (Some(n), Role::AnnexQuotation) => format!("{prefix}p{}", slug(n)),
            (Some(n), _) => {
                let scope = prefix.clone();
                let n = self.check_top_number(&scope, n, para.line);
                format!("{prefix}p{}", slug(&n))
            }
            (None, Role::Preambular) => format!("{prefix}pp{}", self.next_ordinal("pp")),
            (None, Role::Formula) => format!("{prefix}formula-{}", self.next_ordinal("formula")),
            (None, Role::Closing) => format!("{prefix}closing-{}", self.next_ordinal("closing")),
            (None, Role::AnnexQuotation) => format!("{prefix}q{}", self.next_ordinal("q")),
            (None, _) => format!("{prefix}t{}", self.next_ordinal("t")),
        };
        let id = self.unique(id, para.line);
        self.push_paragraph(id.clone(), para.role, para.number, runs, None, para.line);
        self.stack.clear();
        self.stack.push(Parent::new(id.clone()));
        id
    }

    /// An item at `depth` (1 = directly under the current paragraph or clause, 2 = under the last
    /// depth-1 item …) with the label as printed (`a`, `iv`, `5`, `fg`). Returns its id.
    pub fn item(
        &mut self,
        role: Role,
        depth: usize,
        label: &str,
        runs: Vec<Inline>,
        line: usize,
    ) -> String {
        let runs = clean_runs(runs);
        let depth = depth.max(1);
        if self.stack.is_empty() {
            // An item with no paragraph before it hangs from the annex (`annex1-a`) or, in the
            // body, from the document (`item-a`).
            let root = match self.annex {
                Some(n) => format!("annex{n}"),
                None => "item".to_string(),
            };
            self.stack.push(Parent::new(root));
        }
        let depth = depth.min(self.stack.len());
        self.stack.truncate(depth);
        let interpreted = self.check_child_label(depth - 1, label, line);
        let parent_id = self.stack[depth - 1].id.clone();
        let id = self.unique(format!("{parent_id}-{}", slug(&interpreted)), line);
        let parent = self.ids.contains(&parent_id).then_some(parent_id);
        self.push_paragraph(
            id.clone(),
            role,
            Some(label.to_string()),
            runs,
            parent,
            line,
        );
        self.stack.push(Parent::new(id.clone()));
        id
    }

    /// A dash list item under the current paragraph or item at `depth` (1 = under the current
    /// top-level paragraph). Returns its id.
    pub fn list_item(&mut self, depth: usize, runs: Vec<Inline>, line: usize) -> String {
        let runs = clean_runs(runs);
        if self.stack.is_empty() {
            let k = self.next_ordinal("li");
            let id = self.unique(format!("{}li{k}", self.prefix()), line);
            self.push_paragraph(id.clone(), Role::ListItem, None, runs, None, line);
            return id;
        }
        let depth = depth.max(1).min(self.stack.len());
        self.stack.truncate(depth);
        let parent = &mut self.stack[depth - 1];
        parent.list_items += 1;
        let (parent_id, k) = (parent.id.clone(), parent.list_items);
        let id = self.unique(format!("{parent_id}-li{k}"), line);
        let role = Role::ListItem;
        self.push_paragraph(id.clone(), role, None, runs, Some(parent_id), line);
        id
    }

    /// An unnumbered paragraph that belongs to the current item or clause (a chapeau line such as
    /// `le Conseil a également été prié:` inside an item). Its id is `{parent}-t{k}`.
    pub fn inner_text(&mut self, depth: usize, runs: Vec<Inline>, line: usize) -> String {
        if self.stack.is_empty() {
            return self.paragraph(Para {
                role: Role::Text,
                number: None,
                runs,
                line,
            });
        }
        let runs = clean_runs(runs);
        let depth = depth.max(1).min(self.stack.len());
        self.stack.truncate(depth);
        let parent_id = self.stack[depth - 1].id.clone();
        let k = self.next_ordinal(&format!("inner:{parent_id}"));
        let id = self.unique(format!("{parent_id}-t{k}"), line);
        let role = self.clause.as_ref().map_or(Role::Text, |(_, r)| *r);
        self.push_paragraph(id.clone(), role, None, runs, Some(parent_id), line);
        id
    }

    /// Appends runs to the last paragraph: the rest of a paragraph that a page break, its notes
    /// or a hard line break interrupted.
    pub fn continue_last(&mut self, runs: Vec<Inline>) -> bool {
        let Some(Block::Paragraph(p)) = self.blocks.last_mut() else {
            return false;
        };
        let mut all = std::mem::take(&mut p.runs);
        all.push(Inline::Text { text: " ".into() });
        all.extend(runs);
        let runs = clean_runs(all);
        p.text = plain_text(&runs);
        p.footnotes = note_refs(&runs);
        p.runs = runs;
        true
    }

    /// Appends runs to the last heading (a heading printed over several lines).
    pub fn continue_heading(&mut self, runs: Vec<Inline>) -> bool {
        let Some(Block::Heading(h)) = self.blocks.last_mut() else {
            return false;
        };
        let mut all = std::mem::take(&mut h.runs);
        all.push(Inline::Text { text: " ".into() });
        all.extend(runs);
        let runs = clean_runs(all);
        h.text = plain_text(&runs);
        h.footnotes = note_refs(&runs);
        h.runs = runs;
        true
    }

    /// A footnote's text. A second note with the same number is reported and kept apart.
    pub fn footnote(&mut self, number: &str, runs: Vec<Inline>, line: usize) {
        let runs = clean_runs(runs);
        let base = footnote_id(number);
        if !self.note_numbers.insert(number.to_string()) {
            self.warn(line, format!("a second note numbered {number}"));
        }
        let id = self.unique(base, line);
        self.footnotes.push(Footnote {
            number: number.to_string(),
            id,
            text: plain_text(&runs),
            runs,
            referenced_from: Vec::new(),
            line,
        });
    }

    /// Appends runs to the last footnote (a note that continues on the next line or page).
    pub fn continue_footnote(&mut self, runs: Vec<Inline>, joiner: &str) -> bool {
        let Some(f) = self.footnotes.last_mut() else {
            return false;
        };
        let mut all = std::mem::take(&mut f.runs);
        all.push(Inline::Text {
            text: joiner.into(),
        });
        all.extend(runs);
        let runs = clean_runs(all);
        f.text = plain_text(&runs);
        f.runs = runs;
        true
    }

    pub fn footnotes(&self) -> &[Footnote] {
        &self.footnotes
    }

    fn push_paragraph(
        &mut self,
        id: String,
        role: Role,
        number: Option<String>,
        runs: Vec<Inline>,
        parent: Option<String>,
        line: usize,
    ) {
        let clause = self
            .clause
            .as_ref()
            .map(|(c, _)| c.strip_prefix(&self.prefix()).unwrap_or(c).to_string());
        self.blocks.push(Block::Paragraph(Paragraph {
            id,
            role,
            number,
            text: plain_text(&runs),
            footnotes: note_refs(&runs),
            runs,
            parent,
            clause,
            annex: self.annex,
            line,
        }));
    }

    /// Checks a top-level number against the previous one in its scope; returns the number to use
    /// in the id (the second half of a flattened tracked change such as `46` after `5`).
    fn check_top_number(&mut self, scope: &str, printed: &str, line: usize) -> String {
        let prev = self.last_top.get(scope).cloned();
        // Taken out while it is read (not cloned: it holds every number of the scope).
        let mut used = self.used_top.remove(scope).unwrap_or_default();
        let n = self.interpret(prev.as_deref(), &used, printed, line);
        self.last_top.insert(scope.to_string(), n.clone());
        used.insert(n.clone());
        self.used_top.insert(scope.to_string(), used);
        n
    }

    fn check_child_label(&mut self, parent_index: usize, printed: &str, line: usize) -> String {
        let prev = self.stack[parent_index].last.clone();
        let mut used = std::mem::take(&mut self.stack[parent_index].used);
        let n = self.interpret(prev.as_deref(), &used, printed, line);
        used.insert(n.clone());
        let parent = &mut self.stack[parent_index];
        parent.last = Some(n.clone());
        parent.used = used;
        n
    }

    /// Compares a printed label with the one expected after `prev`, warns on duplicates, gaps
    /// and order, and reads two labels run together (tracked changes flattened) as the new one.
    fn interpret(
        &mut self,
        prev: Option<&str>,
        used: &HashSet<String>,
        printed: &str,
        line: usize,
    ) -> String {
        let kind = label_kind(printed, prev);
        let expected = match prev {
            Some(p) => next_label(p, kind),
            None => first_label(kind),
        };
        if expected.as_deref() == Some(printed) {
            return printed.to_string();
        }
        if let Some(exp) = &expected {
            if let Some(old) = run_together(printed, exp, prev) {
                if !used.contains(exp) {
                    self.warn(
                        line,
                        format!(
                            "number `{printed}` reads as `{old}` and `{exp}` run together (tracked changes flattened into the text); numbered {exp}"
                        ),
                    );
                    return exp.clone();
                }
            }
        }
        if used.contains(printed) {
            self.warn(
                line,
                format!(
                    "number `{printed}` is used twice here (expected {})",
                    expected.as_deref().unwrap_or("another number")
                ),
            );
        } else if let (Some(exp), Some(p)) = (&expected, prev) {
            if label_rank(printed, kind) < label_rank(exp, kind) {
                self.warn(
                    line,
                    format!("number `{printed}` comes after `{p}`: out of order (expected {exp})"),
                );
            } else {
                self.warn(
                    line,
                    format!("number `{printed}` follows `{p}`: expected {exp}"),
                );
            }
        } else if let Some(exp) = &expected {
            self.warn(
                line,
                format!("numbering starts at `{printed}`: expected {exp}"),
            );
        }
        printed.to_string()
    }

    /// Finishes the document: resolves footnote marks against notes and reports the ones that do
    /// not pair up.
    pub fn finish(mut self) -> (Document, Vec<Diagnostic>) {
        let mut refs: Vec<(String, String, usize)> = Vec::new();
        for b in &self.blocks {
            let nums = match b {
                Block::Heading(h) => &h.footnotes,
                Block::Paragraph(p) => &p.footnotes,
            };
            for n in nums {
                refs.push((n.clone(), b.id().to_string(), b.line()));
            }
        }
        // The first note of each number, and the (note, block) pairs already recorded.
        let mut first_note: HashMap<String, usize> = HashMap::new();
        for (k, f) in self.footnotes.iter().enumerate() {
            first_note.entry(f.number.clone()).or_insert(k);
        }
        let mut recorded: HashSet<(usize, &str)> = HashSet::new();
        for (number, block, line) in &refs {
            match first_note.get(number) {
                Some(&k) => {
                    if recorded.insert((k, block.as_str())) {
                        self.footnotes[k].referenced_from.push(block.clone());
                    }
                }
                None => self.diagnostics.push(Diagnostic::warning(
                    &self.file,
                    *line,
                    format!("footnote mark {number} has no note"),
                )),
            }
        }
        let mut marks: HashMap<&str, usize> = HashMap::new();
        for (n, _, _) in &refs {
            *marks.entry(n.as_str()).or_default() += 1;
        }
        for f in &self.footnotes {
            match marks.get(f.number.as_str()) {
                None => self.diagnostics.push(Diagnostic::warning(
                    &self.file,
                    f.line,
                    format!("note {} has no mark in the text", f.number),
                )),
                Some(&k) if k > 1 => self.diagnostics.push(Diagnostic::warning(
                    &self.file,
                    f.line,
                    format!("note {} is marked {k} times", f.number),
                )),
                _ => {}
            }
        }
        let doc = Document {
            id: String::new(),
            symbol: String::new(),
            symbols: Vec::new(),
            lang: String::new(),
            title: String::new(),
            layout: self.layout,
            doc_type: Default::default(),
            source: self.file.display().to_string(),
            cover: self.cover,
            blocks: self.blocks,
            footnotes: self.footnotes,
            citations: Vec::new(),
        };
        (doc, self.diagnostics)
    }
}

/// The anchor id of a footnote: `fn12`, `fn-star` for `*`, `fn-2star` for `**`.
pub fn footnote_id(number: &str) -> String {
    if number.chars().all(|c| c == '*') {
        return if number.len() == 1 {
            "fn-star".into()
        } else {
            format!("fn-{}star", number.len())
        };
    }
    format!("fn{}", slug(number))
}

/// A clause's slug: its words folded to ASCII, articles and prepositions left out, at most four
/// words (`charge le Secrétaire général` → `charge-secretaire-general`).
pub fn clause_slug(text: &str) -> String {
    const SKIP: [&str; 16] = [
        "le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au", "aux", "the", "of", "and",
        "to",
    ];
    let s = slug(text);
    let words: Vec<&str> = s
        .split('-')
        .filter(|w| !w.is_empty() && !SKIP.contains(w))
        .take(4)
        .collect();
    if words.is_empty() {
        "clause".into()
    } else {
        words.join("-")
    }
}

/// Normalises runs: merges neighbouring text, collapses white space, trims the ends, drops
/// empty runs.
pub fn clean_runs(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for r in runs {
        match r {
            Inline::Text { text } => {
                if let Some(Inline::Text { text: prev }) = out.last_mut() {
                    prev.push_str(&text);
                } else {
                    out.push(Inline::Text { text });
                }
            }
            other => out.push(other),
        }
    }
    // Normalise each run, then make sure two runs never both carry the space between them.
    let mut norm: Vec<Inline> = Vec::with_capacity(out.len());
    for r in out {
        let r = match r {
            Inline::Text { text } => Inline::Text {
                text: normalize_run(&text),
            },
            Inline::Emphasis { style, text } => Inline::Emphasis {
                style,
                text: normalize_run(&text),
            },
            Inline::Link { text, target } => Inline::Link {
                text: normalize_run(&text),
                target,
            },
            n @ Inline::NoteRef { .. } => n,
        };
        let prev_ends_space = norm
            .iter()
            .rev()
            .find(|r| !matches!(r, Inline::NoteRef { .. }))
            .is_none_or(|p| p.text().ends_with(|c: char| c.is_whitespace()));
        let r = if prev_ends_space {
            trim_start_run(r)
        } else {
            r
        };
        norm.push(r);
    }
    if let Some(last) = norm
        .iter_mut()
        .rev()
        .find(|r| !matches!(r, Inline::NoteRef { .. }))
    {
        *last = trim_end_run(last.clone());
    }
    norm.retain(|r| matches!(r, Inline::NoteRef { .. }) || !r.text().is_empty());
    norm
}

fn map_text(r: Inline, f: impl Fn(&str) -> &str) -> Inline {
    match r {
        Inline::Text { text } => Inline::Text {
            text: f(&text).to_string(),
        },
        Inline::Emphasis { style, text } => Inline::Emphasis {
            style,
            text: f(&text).to_string(),
        },
        Inline::Link { text, target } => Inline::Link {
            text: f(&text).to_string(),
            target,
        },
        n => n,
    }
}

fn trim_start_run(r: Inline) -> Inline {
    map_text(r, |t| t.trim_start())
}

fn trim_end_run(r: Inline) -> Inline {
    map_text(r, |t| t.trim_end())
}

/// The plain text of runs: their texts concatenated, note marks left out, normalised.
pub fn plain_text(runs: &[Inline]) -> String {
    let joined: String = runs.iter().map(Inline::text).collect();
    normalize(&joined)
}

/// The numbers of the note marks among `runs`, in order.
pub fn note_refs(runs: &[Inline]) -> Vec<String> {
    runs.iter()
        .filter_map(|r| match r {
            Inline::NoteRef { number } => Some(number.clone()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<Inline> {
        vec![Inline::Text { text: s.into() }]
    }

    fn builder() -> DocBuilder {
        DocBuilder::new(Path::new("doc.txt"), "test")
    }

    #[test]
    fn ids_follow_the_documented_rules() {
        let mut b = builder();
        b.paragraph(Para::new(Role::Preambular, None, t("Rappelant,"), 1));
        b.heading(2, Some("I"), t("Titre"), 2);
        b.heading(3, Some("A"), t("Sous-titre"), 3);
        b.paragraph(Para::new(Role::Operative, Some("1"), t("Un."), 4));
        b.item(Role::Item, 1, "a", t("alpha"), 5);
        b.item(Role::Item, 2, "i", t("roman"), 6);
        b.paragraph(Para::new(Role::Operative, Some("2.1"), t("Deux."), 7));
        b.clause("charge le Secrétaire général", Role::Operative, 8);
        b.item(Role::Operative, 1, "1", t("de faire"), 9);
        b.enter_annex(1);
        b.paragraph(Para::new(
            Role::AnnexQuotation,
            Some("67"),
            t("Nous invitons"),
            10,
        ));
        let (doc, diags) = b.finish();
        let ids: Vec<&str> = doc.blocks.iter().map(Block::id).collect();
        assert_eq!(
            ids,
            [
                "pp1",
                "s-i",
                "s-i-a",
                "p1",
                "p1-a",
                "p1-a-i",
                "p2-1",
                "charge-secretaire-general",
                "charge-secretaire-general-1",
                "annex1-p67"
            ]
        );
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn flattened_tracked_numbers_take_the_new_number() {
        let mut b = builder();
        b.clause("décide", Role::Operative, 1);
        for (i, n) in ["1", "2", "3", "4", "5", "46", "57", "6"]
            .iter()
            .enumerate()
        {
            b.item(Role::Operative, 1, n, t("x"), i + 2);
        }
        let (doc, diags) = b.finish();
        let ids: Vec<&str> = doc.blocks.iter().map(Block::id).collect();
        assert_eq!(&ids[6..], ["decide-6", "decide-7", "decide-6-dup2"]);
        assert_eq!(doc.blocks[6].number(), Some("46"));
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("7:") && m.contains("`4` and `6`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("9:") && m.contains("used twice")),
            "{msgs:?}"
        );
    }

    #[test]
    fn duplicate_and_out_of_order_numbers_are_reported_with_their_line() {
        let mut b = builder();
        for (line, n) in [(1, "1"), (2, "2"), (3, "2"), (4, "5"), (5, "4")] {
            b.paragraph(Para::new(Role::Operative, Some(n), t("x"), line));
        }
        let (_, diags) = b.finish();
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert!(
            lines.contains(&3) && lines.contains(&4) && lines.contains(&5),
            "{diags:?}"
        );
        assert!(diags
            .iter()
            .any(|d| d.line == 5 && d.message.contains("out of order")));
    }

    #[test]
    fn letter_i_after_h_is_a_letter_and_roman_sequences_continue() {
        let mut b = builder();
        b.paragraph(Para::new(Role::Operative, Some("1"), t("x"), 1));
        for (l, n) in [(2, "g"), (3, "h"), (4, "i"), (5, "j")] {
            b.item(Role::Item, 1, n, t("y"), l);
        }
        let (_, diags) = b.finish();
        // `g` first is reported (expected a) but h, i, j follow in order.
        assert_eq!(diags.len(), 1, "{diags:?}");
    }

    #[test]
    fn footnote_marks_resolve_to_one_note() {
        let mut b = builder();
        let runs = vec![
            Inline::Text {
                text: "Séville".into(),
            },
            Inline::NoteRef { number: "1".into() },
            Inline::Text {
                text: ", qui".into(),
            },
        ];
        b.paragraph(Para::new(Role::Preambular, None, runs, 1));
        b.footnote("1", t("Résolution 79/323, annexe."), 3);
        b.footnote("2", t("orpheline"), 4);
        let (doc, diags) = b.finish();
        assert_eq!(doc.footnotes[0].referenced_from, ["pp1"]);
        assert_eq!(doc.blocks[0].text(), "Séville, qui");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("note 2 has no mark"));
    }

    #[test]
    fn runs_are_cleaned_without_losing_spaces_between_them() {
        let runs = clean_runs(vec![
            Inline::Text {
                text: "  la  résolution ".into(),
            },
            Inline::Link {
                text: "70/125".into(),
                target: None,
            },
            Inline::Text {
                text: " du ".into(),
            },
            Inline::Emphasis {
                style: crate::model::Emphasis::Italic,
                text: " Recueil ".into(),
            },
            Inline::Text { text: " x ".into() },
        ]);
        assert_eq!(plain_text(&runs), "la résolution 70/125 du Recueil x");
        assert_eq!(runs.first().unwrap().text(), "la résolution ");
    }

    #[test]
    fn clause_slugs_are_short_and_ascii() {
        assert_eq!(clause_slug("décide"), "decide");
        assert_eq!(
            clause_slug("charge le Secrétaire général et les Directeurs des Bureaux"),
            "charge-secretaire-general-directeurs"
        );
        assert_eq!(footnote_id("*"), "fn-star");
        assert_eq!(footnote_id("12"), "fn12");
    }
}
