//! The `wsis` command line: a thin shell over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use wsis::diagnostic::Error;
use wsis::ingest::{self, Layout};
use wsis::serve::ServeOptions;
use wsis::site::{self, BuildOptions};

#[derive(Parser)]
#[command(
    name = "wsis",
    version,
    about = "Publishes the texts of the World Summit on the Information Society as a bilingual static site",
    long_about = "wsis reads official texts (UN resolutions and reports, ITU Council documents) from \
plain-text sources in several layouts, recovers their structure paragraph by paragraph, and writes \
a static site and open data.\n\nA site is a folder with content/documents/*.yaml (one entry per \
document) and the source files they name (seeds/<lang>/*.txt).",
    after_help = "Examples:\n  wsis build                       build ./public from ./content and ./seeds\n  \
wsis inspect seeds/fr/c26-93.txt print the model of one source as JSON\n  \
wsis inspect notes.txt --layout pdf-text\n  \
wsis serve                       preview at http://127.0.0.1:8080/, rebuilt on every change\n  \
wsis bundle -o wsis.zip          the site as one zip for reading offline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site: read every registered document and write the output folder.
    Build {
        /// The site folder (holds content/ and seeds/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: the `output` of wsis.yaml]. wsis only replaces a folder it
        /// wrote itself.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check the site without writing it: references that resolve to nothing, quotations that do
    /// not match the paragraph they cite, and links or anchors of the pages that lead nowhere.
    /// Exits with 1 when a page would carry a broken link.
    Check {
        /// The site folder (holds wsis.yaml, content/ and seeds/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Search the paragraphs of the site (the index `wsis build` wrote): words in French or
    /// English, accents typed or not, or a citation (`§67`, `80/173 67`, `A/RES/80/173 §67`,
    /// `C26/93`): the cited paragraph comes first, then the paragraphs that cite it.
    Search {
        /// The query.
        query: Vec<String>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The page language to search: fr or en.
        #[arg(long, default_value = "fr")]
        lang: String,
        /// Only this document (its id, e.g. a-res-80-173).
        #[arg(long)]
        doc: Option<String>,
        /// How many results.
        #[arg(long, short = 'n', default_value_t = 10)]
        limit: usize,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the site as one zip for reading offline: pages, search, notes and references for
    /// the chosen documents and languages, each document as a single HTML file, and a
    /// README/LISEZMOI listing the texts with a SHA-256 digest of each source.
    #[command(
        long_about = "Write the site, or part of it, as one zip for reading offline (a USB stick, an e-mail).\n\n\
The zip unpacks to one folder named after it. Its index.html, opened from the disk with no \
network, gives the documents with their notes, references both ways, language switch, \
side-by-side view and search. Its documents/ folder holds each document in each language as \
one HTML file that works on its own (an e-mail attachment), with its search inside. Links to \
documents or pages that are not in the bundle lead to the online site (base_url of wsis.yaml) \
and are marked ↗. README.html and LISEZMOI.html say when the bundle was made and which \
versions of the texts it holds (a SHA-256 digest per source file).\n\n\
An existing FILE is replaced only if it is a bundle wsis wrote. Set SOURCE_DATE_EPOCH to \
record a fixed date instead of now.",
        after_help = "Examples:\n  wsis bundle                                   every document, both languages: wsis-bundle.zip\n  \
wsis bundle --lang fr -o textes-smsi.zip\n  \
wsis bundle --doc a-res-80-173 --doc itu-report-unga-wsis20-meeting -o wsis20.zip"
    )]
    Bundle {
        /// The site folder (holds wsis.yaml, content/ and seeds/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The languages to include: fr, en, or both.
        #[arg(long, default_value = "both")]
        lang: String,
        /// A document to include (its id, e.g. a-res-80-173); repeat for several. Default: all.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// The zip to write.
        #[arg(long, short, default_value = "wsis-bundle.zip")]
        out: PathBuf,
    },
    /// Start a new site in DIR (which must be new or empty): wsis.yaml, content/, seeds/.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Preview the site: build it, serve it on 127.0.0.1, rebuild and reload pages on change.
    #[command(
        long_about = "Preview the site locally.\n\n\
wsis serve builds the site once (as `wsis build` does), then serves the output folder at \
http://127.0.0.1:PORT/ for this computer only. It watches content/, seeds/, themes/ and \
wsis.yaml, and rebuilds whenever a file there is added, removed or changed. Open pages reload \
by themselves after a successful rebuild.\n\n\
A failed rebuild changes nothing in the output folder: the previous output goes on being \
served, the error (with its file and line) is printed here and shown in a banner in the open \
pages, and the next change is rebuilt as usual.\n\n\
The server is for previewing only: it adds a small live-reload script to every HTML page it \
serves (the files on disk are left as built) and sends nothing but the output folder's files. \
Publish the output of `wsis build` instead.\n\n\
Stop it with Ctrl-C.",
        after_help = "Examples:\n  wsis serve                 build ./public and serve it at http://127.0.0.1:8080/\n  \
wsis serve --port 3000     use another port\n  \
wsis serve --port 0        let the system choose a free port (printed at start)\n  \
wsis serve --root site --out /tmp/preview"
    )]
    Serve {
        /// The site folder (holds wsis.yaml, content/ and seeds/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on, on 127.0.0.1 only; 0 picks any free port.
        #[arg(long, short, default_value_t = wsis::serve::DEFAULT_PORT)]
        port: u16,
        /// The output folder [default: the `output` of wsis.yaml, usually ROOT/public]. wsis
        /// only replaces a folder it wrote.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Print nothing but errors and the address.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write open data: every paragraph as NDJSON, the citations graph as CSV or JSON, or every
    /// document as Akoma Ntoso XML.
    #[command(
        long_about = "Write the corpus as open data, read and linked as `wsis build` reads it \
(docs/export.md).\n\n\
--ndjson: one JSON object per line, one per paragraph per page language, with its text, \
citation, notes, page address, the keys of the paragraphs that cite it and the references it \
makes (docs/ndjson.schema.json): for bulk loading into a search engine.\n\n\
--citations csv|json: the graph of references, one row per citing paragraph and cited \
paragraph (and one for each reference that resolves to no paragraph).\n\n\
--akn: every document in every language as Akoma Ntoso 3.0 XML, DIR/<lang>/<id>.akn.xml. \
wsis writes only into a new or empty folder, or one it exported to before.",
        group = clap::ArgGroup::new("what").required(true).multiple(false),
        after_help = "Examples:\n  wsis export --ndjson -o wsis.ndjson\n  \
wsis export --ndjson | gzip > wsis.ndjson.gz\n  \
wsis export --citations csv -o citations.csv\n  \
wsis export --akn -o akn"
    )]
    Export {
        /// The site folder (holds wsis.yaml, content/ and seeds/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Every paragraph as one JSON object per line (NDJSON).
        #[arg(long, group = "what")]
        ndjson: bool,
        /// The citations graph, as csv or json.
        #[arg(long, value_name = "FORMAT", group = "what", value_parser = parse_citations_format)]
        citations: Option<wsis::export::citations::Format>,
        /// Every document in every language as Akoma Ntoso XML, into a folder.
        #[arg(long, group = "what")]
        akn: bool,
        /// Where to write: a file for --ndjson and --citations [default: standard output], a
        /// folder for --akn [default: akn].
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Print the document model of one source file as JSON on stdout; warnings and the structure
    /// report go to stderr. Exits with 1 when the report finds an anomaly that the registry entry
    /// naming the file (if the site has one) does not accept.
    Inspect {
        /// The source file (UTF-8 text).
        file: PathBuf,
        /// The site folder, whose registry may accept anomalies of the file.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Read the file as this layout instead of detecting it: word-export, un-markdown, pdf-text.
        #[arg(long, value_parser = parse_layout)]
        layout: Option<Layout>,
    },
}

fn parse_layout(s: &str) -> Result<Layout, String> {
    s.parse()
}

fn parse_citations_format(s: &str) -> Result<wsis::export::citations::Format, String> {
    s.parse()
}

/// See `Cargo.toml`: faster and leaner than the system allocator for wsis's many small strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Build { root, out, quiet } => {
            let mut opts = BuildOptions::load(&root)?;
            if let Some(out) = out {
                opts.out = out;
            }
            let started = std::time::Instant::now();
            let progress = if quiet {
                wsis::progress::Progress::silent()
            } else {
                wsis::progress::Progress::terminal()
            };
            let report = site::build_reporting(&opts, &progress)?;
            for w in &report.warnings {
                if !quiet {
                    eprintln!("{w}");
                }
            }
            if !quiet {
                eprintln!("{}", report.summary(started.elapsed()));
            }
            Ok(())
        }
        Command::Check { root } => {
            let report = wsis::check::check(&root)?;
            for c in &report.coverage {
                println!(
                    "translation: {} [{}] {}/{} blocks of the {} text aligned",
                    c.doc, c.lang, c.aligned, c.total, c.reference
                );
            }
            let sections = [
                ("source warnings", &report.source_warnings),
                ("translations that lack or add blocks", &report.alignment),
                ("unresolved references", &report.unresolved),
                (
                    "quotations that do not match the cited paragraph",
                    &report.mismatches,
                ),
            ];
            for (title, list) in sections {
                if !list.is_empty() {
                    println!("{title} ({}):", list.len());
                    for d in list {
                        println!("  {d}");
                    }
                }
            }
            if !report.broken_links.is_empty() {
                println!("broken links ({}):", report.broken_links.len());
                for l in &report.broken_links {
                    println!("  {l}");
                }
            }
            println!(
                "checked {} pages, {} links: {} broken; {} unresolved references, {} mismatches, {} source warnings",
                report.pages,
                report.links,
                report.broken_links.len(),
                report.unresolved.len(),
                report.mismatches.len(),
                report.source_warnings.len()
            );
            if report.has_errors() {
                return Err(Error::Other("the site has broken links".into()));
            }
            Ok(())
        }
        Command::Search {
            query,
            root,
            lang,
            doc,
            limit,
            json,
        } => {
            let index =
                wsis::search::index::SearchIndex::open(&root.join(wsis::search::index::INDEX_DIR))?;
            let hits = index.search(&query.join(" "), &lang, doc.as_deref(), limit)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&hits).map_err(|e| Error::Other(e.to_string()))?
                );
                return Ok(());
            }
            if hits.is_empty() {
                println!("no result");
            }
            let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
            for (i, h) in hits.iter().enumerate() {
                println!("{}. {}  [{}]", i + 1, h.citation, h.reason);
                println!("   {}", terminal_snippet(&h.snippet, tty));
                println!("   {}", h.url);
            }
            Ok(())
        }
        Command::Init { dir } => {
            let files = wsis::init::init(&dir)?;
            for f in files {
                eprintln!("created {}", dir.join(f).display());
            }
            eprintln!(
                "next: put a source under {0}/seeds/fr/, describe it in {0}/content/documents/<id>.yaml, then run `wsis serve --root {0}`",
                dir.display()
            );
            Ok(())
        }
        Command::Serve {
            root,
            port,
            out,
            quiet,
        } => {
            let mut build = BuildOptions::load(&root)?;
            if let Some(out) = out {
                build.out = out;
            }
            let mut opts = ServeOptions::new(build);
            opts.port = port;
            opts.quiet = quiet;
            wsis::serve::serve(opts)
        }
        Command::Bundle {
            root,
            lang,
            docs,
            out,
        } => {
            let started = std::time::Instant::now();
            let langs = match lang.as_str() {
                "both" | "all" => Vec::new(),
                l => l.split(',').map(|s| s.trim().to_string()).collect(),
            };
            let report = wsis::bundle::bundle(&wsis::bundle::BundleOptions {
                root,
                langs,
                docs,
                out,
                when: wsis::bundle::now(),
            })?;
            println!(
                "wrote {} in {} ms: {} document(s) in {}, {} files ({} single-file documents), {} KiB zipped, {} KiB unpacked into {}/; {} link(s) lead online",
                report.out.display(),
                started.elapsed().as_millis(),
                report.documents,
                report.languages.join(", "),
                report.files,
                report.single_files,
                report.zip_bytes / 1024,
                report.unpacked_bytes / 1024,
                report.folder,
                report.online_links
            );
            Ok(())
        }
        Command::Export {
            root,
            ndjson,
            citations,
            akn,
            out,
        } => {
            use wsis::export::{self, Corpus};
            let corpus = Corpus::load(&root)?;
            if akn {
                let dir = out.unwrap_or_else(|| PathBuf::from("akn"));
                let report = export::akn_dir::write(&corpus, &dir, &export::AknOptions::default())?;
                eprintln!(
                    "wrote {} Akoma Ntoso file(s) into {}{}",
                    report.files.len(),
                    dir.display(),
                    if report.removed.is_empty() {
                        String::new()
                    } else {
                        format!(", removed {} of the previous export", report.removed.len())
                    }
                );
                return Ok(());
            }
            let (text, what) = if ndjson {
                let theme = wsis::theme::Theme::load(&root)?;
                let lines = export::ndjson::site_lines(&corpus, &theme)?;
                let n = lines.len();
                (
                    export::ndjson::to_string(&lines),
                    format!("{n} paragraph record(s)"),
                )
            } else if let Some(format) = citations {
                let text = export::citations::citations(&corpus.documents, format);
                (text, "the citations graph".to_string())
            } else {
                unreachable!("clap requires one of --ndjson, --citations, --akn")
            };
            match out {
                Some(path) => {
                    export::write_file(&path, text.as_bytes())?;
                    eprintln!("wrote {what} to {}", path.display());
                }
                None => print_stdout(&text)?,
            }
            Ok(())
        }
        Command::Inspect { file, root, layout } => {
            let entry = registry_entry(&root, &file);
            let declared = entry.as_ref().and_then(|e| e.doc_type);
            let ingested = ingest::read_file_as(&file, layout, declared)?;
            for w in &ingested.warnings {
                eprintln!("{w}");
            }
            let json = serde_json::to_string_pretty(&ingested.document)
                .map_err(|e| Error::Other(e.to_string()))?;
            print_stdout(&format!("{json}\n"))?;
            eprint!(
                "structure of {} (read as {}):\n  type: {} ({})\n{}",
                file.display(),
                ingested.layout,
                ingested.document.doc_type.as_str(),
                ingested.type_reason,
                ingested.report
            );
            let accepted = entry.map(|e| e.accept).unwrap_or_default();
            let refused = ingested
                .report
                .anomalies
                .iter()
                .filter(|a| !accepted.contains_key(&a.kind))
                .count();
            for (kind, why) in &accepted {
                eprintln!("  accepted by the registry: {kind}: {}", why.trim());
            }
            if refused == 0 {
                Ok(())
            } else {
                Err(Error::Other(format!(
                    "{}: {refused} anomalies in the structure report; a build refuses them unless the document's entry accepts them (`accept:`)",
                    file.display()
                )))
            }
        }
    }
}

/// The registry entry that names `file` as a source, when the site has a registry and one does:
/// its `accept:` and `type:` apply to the file.
fn registry_entry(root: &Path, file: &Path) -> Option<wsis::registry::DocumentEntry> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    wsis::registry::load(root).ok().and_then(|entries| {
        entries
            .into_iter()
            .find(|e| e.sources.values().any(|s| same(&s.path, file)))
    })
}

/// Writes `text` to standard output; a reader that stops early (`| head`) is not an error.
fn print_stdout(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Other(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// A snippet for the terminal: matches in bold (or between `[[ ]]` when piped), entities
/// decoded.
fn terminal_snippet(html: &str, tty: bool) -> String {
    let (open, close) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[[", "]]")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
