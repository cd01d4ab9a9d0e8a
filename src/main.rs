//! The `wsis` command line: a thin shell over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use wsis::diagnostic::Error;
use wsis::ingest::{self, Layout};
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
wsis inspect notes.txt --layout pdf-text"
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
    /// Start a new site in DIR (which must be new or empty): wsis.yaml, content/, seeds/.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Print the document model of one source file as JSON on stdout; warnings go to stderr.
    Inspect {
        /// The source file (UTF-8 text).
        file: PathBuf,
        /// Read the file as this layout instead of detecting it: word-export, un-markdown, pdf-text.
        #[arg(long, value_parser = parse_layout)]
        layout: Option<Layout>,
    },
}

fn parse_layout(s: &str) -> Result<Layout, String> {
    s.parse()
}

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
            let report = site::build(&opts)?;
            for w in &report.warnings {
                if !quiet {
                    eprintln!("{w}");
                }
            }
            if !quiet {
                let paragraphs: usize = report
                    .documents
                    .iter()
                    .map(|d| d.paragraphs().count())
                    .sum();
                eprintln!(
                    "built {} document(s), {} paragraphs, {} file(s) into {} in {} ms ({} warning(s))",
                    report.documents.len(),
                    paragraphs,
                    report.files_written,
                    report.out.display(),
                    started.elapsed().as_millis(),
                    report.warnings.len()
                );
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
        Command::Inspect { file, layout } => {
            let ingested = ingest::read_file(&file, layout)?;
            for w in &ingested.warnings {
                eprintln!("{w}");
            }
            let json = serde_json::to_string_pretty(&ingested.document)
                .map_err(|e| Error::Other(e.to_string()))?;
            println!("{json}");
            Ok(())
        }
    }
}
