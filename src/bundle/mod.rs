//! `wsis bundle`: the site, or part of it, as one zip for reading offline (a USB stick, an
//! e-mail). The zip holds one folder with the site's pages, search and data for the chosen
//! documents and languages ([`site_files`]), each document in each language as a single HTML
//! file ([`single_file`]), and a README/LISEZMOI naming what it holds ([`readme`]). Links to
//! anything not in the bundle lead to the online site ([`links`]).

pub mod links;
pub mod readme;
pub mod sha256;
pub mod single_file;
pub mod zip;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Error, Result};
use crate::registry;
use crate::render::{self, OutputFile, SiteInput};
use crate::theme::Theme;

/// The file a bundle carries to say that wsis wrote it (and may replace it).
pub const MARK: &str = ".wsis-bundle";

#[derive(Debug, Clone)]
pub struct BundleOptions {
    /// The site root.
    pub root: PathBuf,
    /// Languages to include; empty: every language of the site.
    pub langs: Vec<String>,
    /// Documents to include (registry ids); empty: all.
    pub docs: Vec<String>,
    /// The zip to write.
    pub out: PathBuf,
    /// When the bundle is made (UTC); its README shows it and its files carry it.
    pub when: readme::Utc,
}

/// What a bundle holds.
#[derive(Debug)]
pub struct BundleReport {
    pub out: PathBuf,
    /// The folder the zip unpacks to.
    pub folder: String,
    pub documents: usize,
    pub languages: Vec<String>,
    /// Files in the zip (single files included).
    pub files: usize,
    pub single_files: usize,
    /// Size of the zip and of what it unpacks to.
    pub zip_bytes: usize,
    pub unpacked_bytes: usize,
    /// Links pointed at the online site because their target is not in the bundle.
    pub online_links: usize,
}

/// The moment to record: `SOURCE_DATE_EPOCH` when set (for reproducible bundles), else now.
pub fn now() -> readme::Utc {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    readme::Utc::from_unix(secs)
}

/// The files of a bundle, before they are zipped.
pub struct BundleFiles {
    /// Paths relative to the bundle's folder.
    pub files: Vec<OutputFile>,
    pub online_links: usize,
    /// The documents included.
    pub documents: usize,
    pub languages: Vec<String>,
    pub single_files: usize,
}

/// Every file of the bundle.
pub fn files(opts: &BundleOptions) -> Result<BundleFiles> {
    let mut config = Config::load(&opts.root)?;
    // A bundle is read offline: its search is the static index it carries, never a service.
    config.search_api = None;
    let all_entries = registry::load(&opts.root)?;
    let (mut documents, _) = crate::site::ingest_all(&all_entries)?;
    // References are found over the whole corpus, so that a bundle of one document still
    // links (online) to the texts it cites.
    crate::link::link(&all_entries, &mut documents);
    for d in &opts.docs {
        if !all_entries.iter().any(|e| &e.id == d) {
            return Err(Error::Other(format!(
                "no document `{d}`: the documents are {}",
                all_entries
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    for l in &opts.langs {
        if !config.languages.contains(l) {
            return Err(Error::Other(format!(
                "no language `{l}` in this site: its languages are {}",
                config.languages.join(", ")
            )));
        }
    }
    if !opts.langs.is_empty() {
        config.languages.retain(|l| opts.langs.contains(l));
    }
    let entries: Vec<registry::DocumentEntry> = all_entries
        .iter()
        .filter(|e| opts.docs.is_empty() || opts.docs.contains(&e.id))
        .cloned()
        .collect();
    let coverage = crate::align::coverage(&entries, &documents);
    let theme = Theme::load(&opts.root)?;
    let input = SiteInput {
        root: &opts.root,
        config: &config,
        entries: &entries,
        documents: &documents,
        coverage: &coverage,
    };
    let (mut files, _) = render::site_files(&input, &theme)?;
    // Pages come as they are rendered, in parallel: sorted, the zip is the same every time.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut files: Vec<OutputFile> = files
        .into_iter()
        // Addresses for search engines and a server's error page mean nothing offline.
        .filter(|f| !matches!(f.path.as_str(), "sitemap.xml" | "robots.txt" | "404.html"))
        .collect();
    let shown: Vec<crate::model::Document> = documents
        .iter()
        .filter(|d| entries.iter().any(|e| e.id == d.id))
        .cloned()
        .collect();
    // The data beside the pages of the chosen languages (a partial translation's is completed by
    // the original, which is read for it but not bundled unless chosen).
    crate::export::data_files::data_files(&entries, &shown, &mut |f| {
        let lang = f.path.split('/').next().unwrap_or_default();
        if lang == "data" || config.languages.iter().any(|l| l == lang) {
            files.push(f);
        }
        Ok(())
    })?;
    let renderer = render::Renderer::new(&theme, &config.languages)?;
    files.extend(readme::pages(&renderer, &input, &entries, opts.when)?);
    let singles = single_file::pages(&renderer, &input, &theme)?;
    let single_count = singles.len();
    let present: BTreeSet<String> = files
        .iter()
        .chain(&singles)
        .map(|f| f.path.clone())
        .collect();
    let mut online = 0;
    for f in files.iter_mut().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes).into_owned();
        let (html, n) =
            links::send_online(&f.path, &html, &config.base_url, &|p| present.contains(p));
        online += n;
        f.bytes = html.into_bytes();
    }
    files.extend(singles);
    Ok(BundleFiles {
        files,
        online_links: online,
        documents: entries.len(),
        languages: config.languages.clone(),
        single_files: single_count,
    })
}

/// The folder a zip unpacks to: the zip's file name without `.zip`.
fn folder_of(out: &Path) -> String {
    out.file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("wsis-bundle")
        .to_string()
}

/// Writes the bundle. An existing file at the zip's path is replaced only if it is a bundle
/// wsis wrote; the zip is written beside it and renamed, so a failure leaves it whole.
pub fn bundle(opts: &BundleOptions) -> Result<BundleReport> {
    if opts.out.exists() {
        let old = std::fs::read(&opts.out).map_err(|e| Error::io(&opts.out, e))?;
        let ours = zip::read(&old)
            .map(|files| files.iter().any(|(n, _)| n.ends_with(&format!("/{MARK}"))))
            .unwrap_or(false);
        if !ours {
            return Err(Error::Other(format!(
                "{} exists and is not a bundle wsis wrote: choose another name with -o, or move it away",
                opts.out.display()
            )));
        }
    }
    let BundleFiles {
        files,
        online_links,
        documents,
        languages,
        single_files,
    } = files(opts)?;
    let folder = folder_of(&opts.out);
    let when = opts.when;
    let mut z = zip::ZipWriter::new(zip::DosTime::new(
        when.year,
        when.month,
        when.day,
        when.hour,
        when.minute,
        when.second,
    ));
    let mut unpacked = 0;
    let mut names: Vec<&str> = Vec::new();
    for f in &files {
        z.add(&format!("{folder}/{}", f.path), &f.bytes)
            .map_err(|e| Error::io(&opts.out, e))?;
        unpacked += f.bytes.len();
        names.push(&f.path);
    }
    let mark = format!("{}\n", names.join("\n"));
    z.add(&format!("{folder}/{MARK}"), mark.as_bytes())
        .map_err(|e| Error::io(&opts.out, e))?;
    let bytes = z.finish().map_err(|e| Error::io(&opts.out, e))?;
    if let Some(parent) = opts.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let staging = opts.out.with_extension("zip.partial");
    std::fs::write(&staging, &bytes).map_err(|e| Error::io(&staging, e))?;
    std::fs::rename(&staging, &opts.out).map_err(|e| Error::io(&opts.out, e))?;
    Ok(BundleReport {
        out: opts.out.clone(),
        folder,
        documents,
        languages,
        files: files.len() + 1,
        single_files,
        zip_bytes: bytes.len(),
        unpacked_bytes: unpacked,
        online_links,
    })
}
