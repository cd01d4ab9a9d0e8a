//! The open-data exports of the bundled corpus (`wsis export`, docs/export.md): the NDJSON of the
//! paragraphs is valid against `docs/ndjson.schema.json` (checked with Python's `jsonschema` when
//! `WSIS_PYTHON` names a Python that has it: see `scripts/jsonschema-venv.sh`), holds one record
//! per paragraph per page language with the facts the sources give, and the citations graph reads
//! back from its CSV and JSON into the model's references.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;
use wsis::export::citations::{self, COLUMNS};
use wsis::export::ndjson::{self, Line};
use wsis::export::Corpus;
use wsis::model::{CitationKind, CitationStatus};

struct Export {
    corpus: Corpus,
    lines: Vec<Line>,
    ndjson: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn export() -> &'static Export {
    static EXPORT: OnceLock<Export> = OnceLock::new();
    EXPORT.get_or_init(|| {
        let corpus = Corpus::load(root()).unwrap_or_else(|e| panic!("{e}"));
        let theme = wsis::theme::Theme::load(root()).unwrap_or_else(|e| panic!("{e}"));
        let lines = ndjson::site_lines(&corpus, &theme).unwrap_or_else(|e| panic!("{e}"));
        let ndjson = ndjson::to_string(&lines);
        Export {
            corpus,
            lines,
            ndjson,
        }
    })
}

fn line(key: &str) -> &'static Line {
    export()
        .lines
        .iter()
        .find(|l| l.key == key)
        .unwrap_or_else(|| panic!("no record {key}"))
}

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("docs/ndjson.schema.json")).unwrap();
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wsis-export-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Validates every line of an NDJSON file against the schema, and checks that the schema rejects
/// the broken records of a second file (one JSON object per line: `{"why": …, "record": …}`).
/// Prints `valid N` (or the errors of the first invalid lines) and one `rejected WHY` or `ACCEPTED WHY` per broken record; exits 1 unless
/// every line is valid and every broken record rejected.
const VALIDATE: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
ok = True
n = invalid = 0
for i, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    errors = sorted(v.iter_errors(json.loads(line)), key=lambda e: list(e.path))
    if errors:
        invalid += 1
        if invalid <= 10:
            for e in errors[:3]:
                print(f"line {i}: {list(e.path)}: {e.message}")
    n += 1
ok = invalid == 0
print(f"valid {n}" if ok else f"INVALID {invalid} of {n}")
for line in open(sys.argv[3], encoding="utf-8"):
    case = json.loads(line)
    rejected = not v.is_valid(case["record"])
    print(("rejected " if rejected else "ACCEPTED ") + case["why"])
    ok = ok and rejected
sys.exit(0 if ok else 1)
"#;

/// Records the schema must reject, each made by breaking one real record.
fn broken_records() -> Vec<(&'static str, Value)> {
    let good = |key: &str| serde_json::to_value(line(key)).unwrap();
    let quoting = "fr/itu-report-unga-wsis20-meeting#annex1-p67";
    let mut out = Vec::new();
    let mut r = good("fr/a-res-80-173#p67");
    r.as_object_mut().unwrap().remove("text");
    out.push(("missing text", r));
    let mut r = good(quoting);
    r["citations"][0]["kind"] = "footnote".into();
    out.push(("citation kind footnote", r));
    let mut r = good(quoting);
    r["citations"][0]["status"] = "checked".into();
    out.push(("citation status checked", r));
    let mut r = good(quoting);
    r["citations"][0]["target_doc"] = Value::Null;
    out.push(("target ids without their document", r));
    let mut r = good("fr/a-res-80-173#p67");
    r["lang"] = "de".into();
    out.push(("page language de", r));
    let mut r = good("fr/a-res-80-173#p67");
    r["cited_by"] = serde_json::json!([3, 7]);
    out.push(("cited_by as record positions", r));
    let mut r = good("fr/a-res-80-173#p67");
    r["score"] = 1.into();
    out.push(("a field the schema does not name", r));
    let mut r = good("fr/a-res-80-173#p67");
    r["number"] = 67.into();
    out.push(("number as a JSON number", r));
    let mut r = good("fr/a-res-80-173#p67");
    r["date"] = "17 décembre 2025".into();
    out.push(("date as printed", r));
    out
}

#[test]
fn the_ndjson_is_valid_against_its_schema() {
    let x = export();
    assert_eq!(x.ndjson.lines().count(), x.lines.len());
    // Without Python: every line reads back into the record it was made from, with exactly the
    // fields the schema requires, and the schema's enums are the model's.
    let schema = schema();
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let properties: BTreeSet<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(required, properties, "every field is required");
    assert_eq!(schema["additionalProperties"], false);
    for (text, l) in x.ndjson.lines().zip(&x.lines) {
        let back: Line = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(&back, l);
        let value: Value = serde_json::from_str(text).unwrap();
        let fields: BTreeSet<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(fields, required, "{}", l.key);
    }
    let kinds: Vec<&str> = [
        CitationKind::Explicit,
        CitationKind::AnnexQuote,
        CitationKind::Quotation,
        CitationKind::Reuse,
        CitationKind::Symbol,
    ]
    .iter()
    .map(|k| k.as_str())
    .collect();
    let statuses: Vec<&str> = [
        CitationStatus::Verified,
        CitationStatus::Mismatch,
        CitationStatus::Unverified,
        CitationStatus::External,
        CitationStatus::Unresolved,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(strings(&schema["$defs"]["kind"]["enum"]), kinds);
    assert_eq!(strings(&schema["$defs"]["status"]["enum"]), statuses);
    assert_eq!(
        strings(&schema["$defs"]["pageLanguage"]["enum"]),
        wsis::config::THEME_LANGUAGES
    );

    let Some(python) = std::env::var_os("WSIS_PYTHON").filter(|v| !v.is_empty()) else {
        println!(
            "WSIS_PYTHON is not set: skipped the JSON Schema validation of {} NDJSON records \
             (set it to the Python `scripts/jsonschema-venv.sh` prints)",
            x.lines.len()
        );
        return;
    };
    let dir = temp("schema");
    let records = dir.join("wsis.ndjson");
    std::fs::write(&records, &x.ndjson).unwrap();
    let broken = broken_records();
    let cases: String = broken
        .iter()
        .map(|(why, record)| format!("{}\n", serde_json::json!({"why": why, "record": record})))
        .collect();
    let broken_file = dir.join("broken.ndjson");
    std::fs::write(&broken_file, cases).unwrap();
    let out = Command::new(&python)
        .arg("-c")
        .arg(VALIDATE)
        .arg(root().join("docs/ndjson.schema.json"))
        .arg(&records)
        .arg(&broken_file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", Path::new(&python).display()));
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains(&format!("valid {}\n", x.lines.len())),
        "{report}"
    );
    for (why, _) in &broken {
        assert!(report.contains(&format!("rejected {why}\n")), "{report}");
    }
}

/// The text of the paragraph numbered `n` in a source where each paragraph is one line
/// printed `n. text`.
fn source_paragraph(rel: &str, n: &str) -> String {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    let prefix = format!("{n}. ");
    let line = text
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("{rel} prints no paragraph {n}"));
    line[prefix.len()..]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn paragraph_67_of_the_outcome_document_is_one_record_per_language_with_who_cites_it() {
    let fr = line("fr/a-res-80-173#p67");
    assert_eq!(fr.doc, "a-res-80-173");
    assert_eq!(fr.number.as_deref(), Some("67"));
    assert_eq!(fr.text_lang, "fr");
    let source = source_paragraph("seeds/fr/a-res-80-173.txt", "67");
    assert!(source.starts_with(
        "Nous invitons l'Union internationale des télécommunications, qui assure le secrétariat"
    ));
    assert_eq!(fr.text, source, "the text is the source's paragraph, whole");
    assert_eq!(fr.citation, "A/RES/80/173, par. 67");
    assert_eq!(fr.url, "fr/a-res-80-173.html#p67");
    assert_eq!(fr.section, "Mécanismes de financement");
    // From content/documents/a-res-80-173.yaml.
    assert_eq!(fr.date, "2025-12-17");
    assert_eq!(fr.body.as_deref(), Some("Assemblée générale"));
    // The ITU report's annex reproduces §67 (seeds/fr/itu-report-unga-wsis20-meeting.txt, line
    // 65: `67<TAB>Nous invitons l'Union …`), and C26/93 names it (`paragraphes 67 et 113 de la
    // Résolution 80/173`).
    assert!(fr
        .cited_by
        .contains(&"fr/itu-report-unga-wsis20-meeting#annex1-p67".to_string()));
    assert!(fr.cited_by.contains(&"fr/c26-93#t4".to_string()));

    let en = line("en/a-res-80-173#p67");
    assert_eq!(en.text_lang, "en");
    assert_eq!(en.text, source_paragraph("seeds/en/a-res-80-173.txt", "67"));
    assert!(en
        .text
        .starts_with("We invite the International Telecommunication Union"));
    assert_eq!(en.citation, "A/RES/80/173, para. 67");
    assert_eq!(en.body.as_deref(), Some("General Assembly"));
    assert!(en
        .cited_by
        .contains(&"en/itu-report-unga-wsis20-meeting#annex1-p67".to_string()));

    let annex = line("fr/itu-report-unga-wsis20-meeting#annex1-p67");
    assert_eq!(
        annex.text, fr.text,
        "the annex reproduces §67 word for word"
    );
    assert_eq!(annex.date, "2026");
    assert_eq!(annex.body.as_deref(), Some("Conseil de l'UIT"));
    let c = &annex.citations[..];
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].from, "annex1-p67");
    assert_eq!(c[0].kind, CitationKind::AnnexQuote);
    assert_eq!(c[0].status, CitationStatus::Verified);
    assert_eq!(c[0].target_doc.as_deref(), Some("a-res-80-173"));
    assert_eq!(c[0].target_ids, ["p67"]);
    assert_eq!(c[0].text, "67");
}

#[test]
fn an_annex_entry_under_a_draft_number_points_at_the_paragraph_it_really_is() {
    // The annex prints 108 before the text of the adopted §110 (README; tests/linking.rs).
    let entry = line("fr/itu-report-unga-wsis20-meeting#annex1-p108");
    let c = &entry.citations[0];
    assert_eq!(c.status, CitationStatus::Mismatch);
    assert_eq!(c.target_paragraphs, ["108"]);
    assert_eq!(c.target_ids, ["p110"]);
    assert!(line("fr/a-res-80-173#p110").cited_by.contains(&entry.key));
    assert!(!line("fr/a-res-80-173#p108").cited_by.contains(&entry.key));
}

#[test]
fn one_record_per_paragraph_per_page_language_and_every_key_unique() {
    let x = export();
    let mut keys = BTreeSet::new();
    for l in &x.lines {
        assert!(keys.insert(l.key.as_str()), "{} twice", l.key);
        assert_eq!(l.key, format!("{}/{}#{}", l.lang, l.doc, l.id));
        assert_eq!(l.url, format!("{}/{}.html#{}", l.lang, l.doc, l.id));
    }
    let langs: Vec<&String> = x.corpus.config.languages.iter().collect();
    // In the order of wsis.yaml, the documents in registry order.
    let order: Vec<(&str, &str)> = x
        .lines
        .iter()
        .map(|l| (l.lang.as_str(), l.doc.as_str()))
        .collect();
    let mut expected_order = order.clone();
    expected_order.sort_by_key(|(lang, doc)| {
        (
            langs.iter().position(|l| l == lang),
            x.corpus.entries.iter().position(|e| e.id == *doc),
        )
    });
    assert_eq!(order, expected_order);
    for lang in &langs {
        let mut total = 0;
        for entry in &x.corpus.entries {
            // A page shows its language's text, completed by the reference text's paragraphs.
            let reference = wsis::align::reference_language(entry);
            let ids: BTreeSet<&str> = x
                .corpus
                .documents
                .iter()
                .filter(|d| d.id == entry.id && (&d.lang == *lang || d.lang == reference))
                .flat_map(|d| d.paragraphs().map(|p| p.id.as_str()))
                .collect();
            let got: BTreeSet<&str> = x
                .lines
                .iter()
                .filter(|l| &l.lang == *lang && l.doc == entry.id)
                .map(|l| l.id.as_str())
                .collect();
            assert_eq!(got, ids, "{lang} {}", entry.id);
            total += ids.len();
        }
        let records = x.lines.iter().filter(|l| &l.lang == *lang).count();
        assert_eq!(records, total, "{lang}");
        println!("{lang}: {records} records");
    }
    // Every paragraph of the French texts has its record.
    let french: usize = x
        .corpus
        .documents
        .iter()
        .filter(|d| d.lang == "fr")
        .map(|d| d.paragraphs().count())
        .sum();
    assert_eq!(x.lines.iter().filter(|l| l.lang == "fr").count(), french);
    // `cited_by` names records of the same page language; each citation comes from the
    // paragraph or a note it calls.
    for l in &x.lines {
        for k in &l.cited_by {
            assert!(keys.contains(k.as_str()), "{}: {k}", l.key);
            assert!(k.starts_with(&format!("{}/", l.lang)), "{}: {k}", l.key);
        }
        for c in &l.citations {
            assert!(
                c.from == l.id || c.from.starts_with("fn"),
                "{}: {c:?}",
                l.key
            );
        }
    }
}

/// Reads CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field between
/// double quotes may hold commas, line breaks and doubled quotes.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, '"') => panic!("a bare quote inside an unquoted field: {field}"),
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n' | '\r') => panic!("a line break outside quotes that is not CRLF"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unclosed quote");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record has no CRLF"
    );
    rows
}

#[test]
fn the_tiny_csv_reader_reads_quotes_commas_and_line_breaks() {
    let rows = read_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n,\"x\r\ny\",\r\n");
    assert_eq!(
        rows,
        vec![vec!["a", "b,c", "say \"hi\""], vec!["", "x\r\ny", ""],]
    );
}

/// The CSV's rows as maps from column to value.
fn csv_rows(csv: &str) -> Vec<BTreeMap<String, String>> {
    let rows = read_csv(csv);
    assert_eq!(rows[0], COLUMNS, "the header");
    rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), COLUMNS.len(), "{r:?}");
            COLUMNS
                .iter()
                .map(|c| c.to_string())
                .zip(r.iter().cloned())
                .collect()
        })
        .collect()
}

fn find<'a>(
    rows: &'a [BTreeMap<String, String>],
    wanted: &[(&str, &str)],
) -> Vec<&'a BTreeMap<String, String>> {
    rows.iter()
        .filter(|r| wanted.iter().all(|(k, v)| r[*k] == *v))
        .collect()
}

#[test]
fn the_citations_csv_reads_back_into_the_references_of_the_model() {
    let docs = &export().corpus.documents;
    let csv = citations::citations_csv(docs);
    let rows = csv_rows(&csv);
    // One edge per target id, one for a reference with none.
    let edges: usize = docs
        .iter()
        .flat_map(|d| &d.citations)
        .map(|c| c.target_ids.len().max(1))
        .sum();
    assert_eq!(rows.len(), edges);
    println!("{} edges", rows.len());

    // The ITU report's annex reproduces A/RES/80/173 §67: `citation en annexe`, `vérifiée` on
    // fr/citations.html.
    let quote = find(
        &rows,
        &[
            ("from_doc", "itu-report-unga-wsis20-meeting"),
            ("from_lang", "fr"),
            ("from_id", "annex1-p67"),
        ],
    );
    assert_eq!(quote.len(), 1);
    let q = quote[0];
    assert_eq!(q["from_number"], "67");
    assert_eq!(q["kind"], "annex-quote");
    assert_eq!(q["status"], "verified");
    assert_eq!(q["target_symbol"], "A/RES/80/173");
    assert_eq!(q["target_doc"], "a-res-80-173");
    assert_eq!(q["target_id"], "p67");
    assert_eq!(q["target_number"], "67");
    assert_eq!(q["similarity"], "1");

    // Printed 108, the text of §110.
    let draft = find(
        &rows,
        &[
            ("from_lang", "fr"),
            ("from_id", "annex1-p108"),
            ("kind", "annex-quote"),
        ],
    );
    assert_eq!(draft.len(), 1);
    assert_eq!(draft[0]["status"], "mismatch");
    assert_eq!(draft[0]["target_paragraphs"], "108");
    assert_eq!(draft[0]["target_id"], "p110");
    assert_eq!(draft[0]["target_number"], "110");
    assert_eq!(draft[0]["suggested"], "110");

    // C26/93 names two paragraphs in one reference: two edges.
    let two = find(
        &rows,
        &[
            ("from_doc", "c26-93"),
            ("from_lang", "fr"),
            ("from_id", "t4"),
            ("target_doc", "a-res-80-173"),
        ],
    );
    let targets: Vec<&str> = two.iter().map(|r| r["target_id"].as_str()).collect();
    assert_eq!(targets, ["p67", "p113"]);
    for r in &two {
        assert_eq!(r["text"], "paragraphes 67 et 113 de la Résolution 80/173");
        assert_eq!(r["kind"], "explicit");
        assert_eq!(r["status"], "unverified");
        assert_eq!(r["target_paragraphs"], "67 113");
    }

    // A reference with a comma is quoted, and reads back as printed.
    assert!(csv.contains(",\"Résolution 1332 (C11, dernière mod. C24)\"\r\n"));
    let comma = find(
        &rows,
        &[
            ("from_doc", "c26-93"),
            ("from_lang", "fr"),
            ("from_id", "p2-1"),
        ],
    );
    assert!(comma
        .iter()
        .any(|r| r["text"] == "Résolution 1332 (C11, dernière mod. C24)"));

    // References to whole documents and outside texts are edges with no target paragraph.
    let outside = find(&rows, &[("status", "external")]);
    assert!(!outside.is_empty());
    assert!(outside.iter().all(|r| r["target_id"].is_empty()));
    assert!(outside
        .iter()
        .any(|r| r["url"].starts_with("https://undocs.org/")));

    // Every text reads back as the model prints it, in the model's order.
    let mut ordered: Vec<&wsis::model::Document> = docs.iter().collect();
    ordered.sort_by(|a, b| (&a.id, &a.lang).cmp(&(&b.id, &b.lang)));
    let texts: Vec<&str> = ordered
        .iter()
        .flat_map(|d| &d.citations)
        .flat_map(|c| std::iter::repeat_n(c.text.as_str(), c.target_ids.len().max(1)))
        .collect();
    let read: Vec<&str> = rows.iter().map(|r| r["text"].as_str()).collect();
    assert_eq!(read, texts);
}

#[test]
fn quotes_and_line_breaks_in_a_reference_survive_the_csv() {
    let mut docs = export().corpus.documents.clone();
    let odd = "la « Déclaration », dite \"de Genève\"\nsur deux lignes";
    let d = docs
        .iter_mut()
        .find(|d| d.id == "c26-93" && d.lang == "fr")
        .unwrap();
    d.citations[0].text = odd.to_string();
    let from = d.citations[0].from.clone();
    let csv = citations::citations_csv(&docs);
    assert!(csv.contains("\"la « Déclaration », dite \"\"de Genève\"\"\nsur deux lignes\""));
    let rows = csv_rows(&csv);
    let hit = find(
        &rows,
        &[
            ("from_doc", "c26-93"),
            ("from_lang", "fr"),
            ("from_id", &from),
        ],
    );
    assert_eq!(hit[0]["text"], odd);
}

#[test]
fn the_citations_json_holds_the_same_edges_as_the_csv() {
    let docs = &export().corpus.documents;
    let json: Value = serde_json::from_str(&citations::citations_json(docs)).unwrap();
    assert_eq!(json["format"], citations::FORMAT);
    let edges = json["edges"].as_array().unwrap();
    let rows = csv_rows(&citations::citations_csv(docs));
    assert_eq!(edges.len(), rows.len());
    for (e, r) in edges.iter().zip(&rows) {
        for c in COLUMNS {
            let as_csv = match &e[c] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Number(n) => n.as_f64().unwrap().to_string(),
                Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(" "),
                other => panic!("{c}: {other}"),
            };
            assert_eq!(as_csv, r[c], "{c} of {e}");
        }
    }
}

fn wsis(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wsis"))
        .args(args)
        .output()
        .expect("wsis runs")
}

#[test]
fn the_command_line_writes_each_export() {
    let root = root().to_str().unwrap();
    let out = wsis(&["export", "--root", root, "--ndjson"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        export().ndjson,
        "the command prints the library's export"
    );
    assert!(stdout.lines().count() > 500);

    let dir = temp("cli");
    let file = dir.join("citations.csv");
    let out = wsis(&[
        "export",
        "--root",
        root,
        "--citations",
        "csv",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        citations::citations_csv(&export().corpus.documents)
    );

    let akn = dir.join("akn");
    let out = wsis(&[
        "export",
        "--root",
        root,
        "--akn",
        "-o",
        akn.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for entry in &export().corpus.entries {
        for lang in entry.sources.keys() {
            let xml = std::fs::read_to_string(akn.join(lang).join(format!("{}.akn.xml", entry.id)))
                .unwrap_or_else(|e| panic!("{lang}/{}: {e}", entry.id));
            assert!(xml.contains("<akomaNtoso"), "{lang}/{}", entry.id);
        }
    }
    // Again into the same folder, which carries the export's marker: a file the last export
    // listed and this one does not make is removed, a file it did not list is left.
    let marker = akn.join(wsis::export::akn_dir::MARKER);
    let mut listed = std::fs::read_to_string(&marker).unwrap();
    assert_eq!(listed.lines().count(), 10, "{listed}");
    listed.push_str("de/gone.akn.xml\n");
    std::fs::write(&marker, listed).unwrap();
    std::fs::create_dir_all(akn.join("de")).unwrap();
    std::fs::write(akn.join("de/gone.akn.xml"), "<old/>").unwrap();
    std::fs::write(akn.join("fr/mine.txt"), "keep").unwrap();
    let again = wsis(&[
        "export",
        "--root",
        root,
        "--akn",
        "-o",
        akn.to_str().unwrap(),
    ]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(!akn.join("de").exists());
    assert!(akn.join("fr/mine.txt").exists());
    assert_eq!(
        std::fs::read_to_string(&marker).unwrap().lines().count(),
        10
    );
    // Not into a folder of someone else's files.
    let foreign = dir.join("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "keep").unwrap();
    let refused = wsis(&[
        "export",
        "--root",
        root,
        "--akn",
        "-o",
        foreign.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("will not write into it"));
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_citations_format_is_a_clear_error() {
    let out = wsis(&[
        "export",
        "--root",
        root().to_str().unwrap(),
        "--citations",
        "xml",
    ]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown citations format `xml`: choose csv or json"),
        "{err}"
    );
    let none = wsis(&["export", "--root", root().to_str().unwrap()]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("--ndjson|--citations"));
}
