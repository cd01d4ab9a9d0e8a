//! The build: registry → ingest every source → write the output folder atomically.
//!
//! The output is written into a temporary folder beside the output folder and swapped in at the
//! end, so a failed build leaves the previous output whole. wsis only replaces a folder that it
//! wrote itself (it carries the manifest [`MANIFEST`] listing every file wsis wrote there), and it
//! refuses to remove a file that a person added to it.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::ingest;
use crate::model::{Document, DocumentType};
use crate::progress::Progress;
use crate::registry::{self, DocumentEntry};
use crate::render::{self, SiteInput};
use crate::theme::Theme;

/// The manifest wsis writes at the top of every output folder: one relative path per line.
pub const MANIFEST: &str = ".wsis-output";

/// The version tag of the JSON data files (`docs/data-format.md`).

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: holds `content/` and `seeds/`.
    pub root: PathBuf,
    /// The output folder; `public/` under the root by default.
    pub out: PathBuf,
}

impl BuildOptions {
    pub fn new(root: &Path) -> Self {
        BuildOptions {
            root: root.to_path_buf(),
            out: root.join("public"),
        }
    }

    /// Options for the site at `root`, with the output folder its `wsis.yaml` names.
    pub fn load(root: &Path) -> Result<Self> {
        let config = crate::config::Config::load(root)?;
        Ok(BuildOptions {
            root: root.to_path_buf(),
            out: root.join(&config.output),
        })
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub documents: Vec<Document>,
    pub warnings: Vec<Diagnostic>,
    pub files_written: usize,
    pub out: PathBuf,
    /// How long each stage took: read, linked, rendered (pages and static index, written as they
    /// are made), indexed (data files and the tantivy index).
    pub stages: Vec<(&'static str, std::time::Duration)>,
}

/// Times the stages of a build.
struct Stages {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Default for Stages {
    fn default() -> Stages {
        Stages {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }
}

impl Stages {
    fn lap(&mut self, what: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((what, now - self.last));
        self.last = now;
    }
}

impl BuildReport {
    /// One line for the terminal: `built 5 document(s), 420 paragraphs, 28 file(s) into public
    /// in 150 ms: read 12 ms, linked 26 ms, rendered 78 ms, indexed 33 ms (20 warning(s))`.
    pub fn summary(&self, elapsed: std::time::Duration) -> String {
        let paragraphs: usize = self.documents.iter().map(|d| d.paragraphs().count()).sum();
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|(what, d)| format!("{what} {} ms", d.as_millis()))
            .collect();
        format!(
            "built {} document(s), {paragraphs} paragraphs, {} file(s) into {} in {} ms: {} ({} warning(s))",
            self.documents.len(),
            self.files_written,
            self.out.display(),
            elapsed.as_millis(),
            stages.join(", "),
            self.warnings.len()
        )
    }
}

/// The sources read by the last build, for `wsis serve`: a rebuild reads again only the files
/// whose size or modification time changed.
#[derive(Default)]
pub struct ReadCache(std::sync::Mutex<HashMap<PathBuf, (FileStamp, ingest::Ingested)>>);

/// What tells that a file changed: its size, modification time, and the layout and type asked
/// for.
type FileStamp = (
    u64,
    Option<std::time::SystemTime>,
    Option<ingest::Layout>,
    Option<DocumentType>,
);

impl ReadCache {
    /// Reads `path` as [`ingest::read_file`] does, or takes what the last read of the same
    /// unchanged file gave.
    fn read(
        &self,
        path: &Path,
        layout: Option<ingest::Layout>,
        declared: Option<DocumentType>,
    ) -> Result<ingest::Ingested> {
        let stamp = std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok(), layout, declared));
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(stamp) = stamp {
            if let Some((s, read)) = lock().get(path) {
                if *s == stamp {
                    return Ok(read.clone());
                }
            }
        }
        let read = ingest::read_file_as(path, layout, declared)?;
        if let Some(stamp) = stamp {
            lock().insert(path.to_path_buf(), (stamp, read.clone()));
        }
        Ok(read)
    }
}

/// Reads every registered document in every language it has. Full texts are read first; a
/// paragraph-keyed translation is then laid on its document's reference text.
pub fn ingest_all(entries: &[DocumentEntry]) -> Result<(Vec<Document>, Vec<Diagnostic>)> {
    ingest_all_cached(entries, None)
}

/// [`ingest_all`], taking unchanged files from `cache` when there is one.
fn ingest_all_cached(
    entries: &[DocumentEntry],
    cache: Option<&ReadCache>,
) -> Result<(Vec<Document>, Vec<Diagnostic>)> {
    let mut docs = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let label = |mut doc: Document, entry: &DocumentEntry, source: &registry::Source| {
        doc.id = entry.id.clone();
        doc.symbol = entry.symbol().to_string();
        doc.symbols = entry.symbols.clone();
        doc.lang = source.lang.clone();
        doc.title = entry.title_in(&source.lang).to_string();
        doc.source = source.relative.clone();
        doc
    };
    let keyed = |s: &&registry::Source| ingest::keyed::is_keyed(&s.path);
    // Full texts are read in parallel; the results are taken in registry order.
    use rayon::prelude::*;
    let jobs: Vec<(&DocumentEntry, &registry::Source)> = entries
        .iter()
        .flat_map(|e| {
            e.sources
                .values()
                .filter(|s| !keyed(s))
                .map(move |s| (e, s))
        })
        .collect();
    let read: Vec<Result<ingest::Ingested>> = jobs
        .par_iter()
        .map(|(entry, source)| match cache {
            Some(cache) => cache.read(&source.path, source.layout, entry.doc_type),
            None => ingest::read_file_as(&source.path, source.layout, entry.doc_type),
        })
        .collect();
    for ((entry, source), result) in jobs.into_iter().zip(read) {
        match result {
            Ok(i) => {
                warnings.extend(i.warnings);
                errors.extend(unaccepted_anomalies(&i.report, entry, source));
                docs.push(label(i.document, entry, source));
            }
            Err(Error::Input(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
    }
    for entry in entries {
        let reference = crate::align::reference_language(entry);
        for source in entry.sources.values().filter(keyed) {
            let Some(original) = docs
                .iter()
                .find(|d| d.id == entry.id && d.lang == reference)
            else {
                if !entry
                    .sources
                    .values()
                    .any(|s| s.lang == reference && !keyed(&s))
                {
                    errors.push(Diagnostic::error(
                        &source.path,
                        0,
                        format!(
                            "a paragraph-keyed translation needs a full text to key on, and {} has none: give its `{reference}` source as a text file",
                            entry.yaml.display()
                        ),
                    ));
                }
                continue;
            };
            let projected = ingest::keyed::read_file(&source.path)
                .and_then(|k| ingest::keyed::project(&k, original, &source.path));
            match projected {
                Ok((doc, w)) => {
                    warnings.extend(w);
                    let mut doc = label(doc, entry, source);
                    doc.layout = ingest::keyed::LAYOUT.to_string();
                    docs.push(doc);
                }
                Err(Error::Input(ds)) => errors.extend(ds),
                Err(e) => return Err(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    Ok((docs, warnings))
}

/// The anomalies of a source's structure report that its registry entry does not accept, as
/// errors at their source lines.
fn unaccepted_anomalies(
    report: &ingest::report::StructureReport,
    entry: &DocumentEntry,
    source: &registry::Source,
) -> Vec<Diagnostic> {
    report
        .anomalies
        .iter()
        .filter(|a| !entry.accept.contains_key(&a.kind))
        .map(|a| {
            Diagnostic::error(
                &source.path,
                a.line,
                format!(
                    "{} [{}]; if the source really is so, say why in {} with `accept: {{{}: \"…\"}}`",
                    a.message,
                    a.kind,
                    entry.yaml.display(),
                    a.kind
                ),
            )
        })
        .collect()
}

/// Builds the site: every document's page in every language, the home, editorial and root
/// pages, the sitemap, the theme's assets and every document's model as JSON under `data/`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_reporting(opts, &Progress::silent())
}

/// [`build`], reporting its progress.
pub fn build_reporting(opts: &BuildOptions, progress: &Progress) -> Result<BuildReport> {
    let report = build_stages(opts, progress, None, &|| {});
    progress.done();
    report
}

/// [`build`] for `wsis serve`: unchanged sources are taken from `cache` (and the files read are
/// kept there), and `live` is called as soon as the new output is in place, before the search
/// index under the site root and the removal of the previous output are done (the browser
/// reloads then).
pub fn build_live(
    opts: &BuildOptions,
    cache: &ReadCache,
    live: &(dyn Fn() + Sync),
) -> Result<BuildReport> {
    build_stages(opts, &Progress::silent(), Some(cache), live)
}

fn build_stages(
    opts: &BuildOptions,
    progress: &Progress,
    cache: Option<&ReadCache>,
    live: &(dyn Fn() + Sync),
) -> Result<BuildReport> {
    let mut clock = Stages::default();
    let config = Config::load(&opts.root)?;
    let entries = registry::load(&opts.root)?;
    progress.stage(&format!("reading {} documents", entries.len()));
    let (mut documents, mut warnings) = ingest_all_cached(&entries, cache)?;
    clock.lap("read");
    progress.stage(&format!("linking {} texts", documents.len()));
    warnings.extend(crate::link::link(&entries, &mut documents));
    clock.lap("linked");
    progress.stage(&format!(
        "rendering the pages of {} documents and the search index",
        entries.len()
    ));
    let coverage = crate::align::coverage(&entries, &documents);
    warnings.extend(crate::align::report(&coverage, &documents));
    let theme = Theme::load(&opts.root)?;
    let input = SiteInput {
        root: &opts.root,
        config: &config,
        entries: &entries,
        documents: &documents,
        coverage: &coverage,
    };
    // Each page is written to the staging folder as soon as it is rendered, so that the site is
    // never held in memory whole.
    let out = WriteTo(std::sync::Mutex::new(Output::begin(&opts.out)?));
    let rendered = render::site(&input, &theme, &out)?;
    clock.lap("rendered");
    progress.stage(&format!(
        "writing the data files and the search index ({} pages written)",
        rendered.files
    ));
    let mut out = out.0.into_inner().unwrap_or_else(|e| e.into_inner());
    let glossary = rendered.glossary;
    // The search index is written while the data files are: the two do not depend on each other.
    let index_dir = opts.root.join(crate::search::index::INDEX_DIR);
    let records = rendered.records;
    let (files_written, index) = std::thread::scope(|s| {
        let index =
            s.spawn(|| crate::search::index::SearchIndex::write(&index_dir, records, glossary));
        let pages = (|| {
            crate::export::data_files::data_files(&entries, &documents, &mut |file| {
                out.write(&file.path, &file.bytes)
            })?;
            out.finish_then(live)
        })();
        (
            pages,
            index
                .join()
                .unwrap_or_else(|_| Err(Error::Other("writing the search index failed".into()))),
        )
    });
    let files_written = files_written?;
    index?;
    clock.lap("indexed");
    Ok(BuildReport {
        documents,
        warnings,
        files_written,
        out: opts.out.clone(),
        stages: clock.laps,
    })
}

/// For `wsis serve`: after an edit of editorial pages only (`content/pages/*.md` changed, none
/// added or removed, each named in the navigation by the theme's strings rather than by its
/// title), renders those pages again from the documents of the last build and writes them over
/// their built copies. Returns false, having written nothing, when the edit may change other
/// pages: then the site must be rebuilt.
pub fn rerender_editorial(
    opts: &BuildOptions,
    documents: &[Document],
    changed: &[PathBuf],
) -> Result<bool> {
    let pages_dir = opts.root.join("content/pages");
    let editorial_only = changed.iter().all(|p| {
        p.starts_with(&pages_dir) && p.extension().is_some_and(|e| e == "md") && p.is_file()
    });
    if changed.is_empty() || !editorial_only {
        return Ok(false);
    }
    let config = Config::load(&opts.root)?;
    let entries = registry::load(&opts.root)?;
    let theme = Theme::load(&opts.root)?;
    let renderer = render::Renderer::new(&theme, &config.languages)?;
    let editorial = render::pages::load_editorial(&opts.root, &config.languages)?;
    let touched: Vec<&render::pages::EditorialPage> = editorial
        .iter()
        .filter(|p| p.versions.values().any(|v| changed.contains(&v.file)))
        .collect();
    if touched.is_empty() || touched.iter().any(|p| !renderer.strings.has(&p.name)) {
        return Ok(false);
    }
    let coverage = crate::align::coverage(&entries, documents);
    let input = SiteInput {
        root: &opts.root,
        config: &config,
        entries: &entries,
        documents,
        coverage: &coverage,
    };
    let mut files = Vec::new();
    for lang in &config.languages {
        let nav = render::pages::nav(&renderer, &editorial, lang);
        for page in &touched {
            files.push(render::pages::editorial_page(
                &renderer, &input, page, lang, &nav,
            )?);
        }
    }
    // Only pages the last build wrote are replaced (a new page needs the navigation of all).
    if files.iter().any(|f| !opts.out.join(&f.path).is_file()) {
        return Ok(false);
    }
    for f in files {
        let target = opts.out.join(&f.path);
        let tmp = target.with_extension("wsis-partial");
        std::fs::write(&tmp, &f.bytes).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &target).map_err(|e| Error::io(&target, e))?;
    }
    Ok(true)
}

/// A sink that writes each file into an output being built.
struct WriteTo(std::sync::Mutex<Output>);

impl render::Sink for WriteTo {
    fn put(&self, file: render::OutputFile) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .write(&file.path, &file.bytes)
    }
}

/// An output folder being written: files go to a temporary sibling folder until [`Output::finish`]
/// swaps it in.
pub struct Output {
    target: PathBuf,
    /// Whether `target` holds a previous output, whose unchanged files are linked, not written.
    previous: bool,
    staging: PathBuf,
    written: BTreeSet<String>,
    /// Folders already made in the staging folder.
    dirs: BTreeSet<PathBuf>,
}

impl Output {
    /// Checks that `target` may be replaced and creates the staging folder.
    pub fn begin(target: &Path) -> Result<Output> {
        check_replaceable(target)?;
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("public");
        let staging = parent.join(format!(".{name}.wsis-staging-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        }
        std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Output {
            target: target.to_path_buf(),
            previous: target.is_dir(),
            staging,
            written: BTreeSet::new(),
            dirs: BTreeSet::new(),
        })
    }

    /// Writes one file, `rel` being a `/`-separated path inside the output.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.staging.join(rel);
        if let Some(dir) = path.parent() {
            if !self.dirs.contains(dir) {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                self.dirs.insert(dir.to_path_buf());
            }
        }
        // A file the previous output holds with the same bytes is linked, not written again:
        // a rebuild creates files only for what changed.
        let unchanged = self.previous && {
            let old = self.target.join(rel);
            same_file_contents(&old, bytes) && std::fs::hard_link(&old, &path).is_ok()
        };
        if !unchanged {
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        }
        self.written.insert(rel.to_string());
        Ok(())
    }

    /// Writes the manifest and swaps the staging folder in place of the target. Returns the
    /// number of files written.
    pub fn finish(self) -> Result<usize> {
        self.finish_then(&|| {})
    }

    /// [`Output::finish`], calling `swapped` as soon as the new output is in place, before the
    /// previous one is removed.
    pub fn finish_then(mut self, swapped: &dyn Fn()) -> Result<usize> {
        let manifest: String = self.written.iter().map(|p| format!("{p}\n")).collect();
        let path = self.staging.join(MANIFEST);
        std::fs::write(&path, manifest).map_err(|e| Error::io(&path, e))?;
        // Check again: someone may have added a file while the build ran.
        check_replaceable(&self.target)?;
        let old = self.staging.with_file_name(
            self.staging
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .replace("wsis-staging", "wsis-previous"),
        );
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io(&self.target, e));
        }
        swapped();
        if old.exists() {
            remove_written(&old)?;
        }
        let n = self.written.len();
        self.written.clear();
        Ok(n)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // A build that failed leaves no staging folder behind.
        if self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Is `path` a plain file holding exactly `bytes`?
fn same_file_contents(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// The files of an output folder that its manifest does not list.
fn foreign_files(dir: &Path) -> Result<Option<Vec<PathBuf>>> {
    let manifest = dir.join(MANIFEST);
    let listed: BTreeSet<String> = match std::fs::read_to_string(&manifest) {
        Ok(m) => m.lines().map(str::to_string).collect(),
        Err(_) => return Ok(None),
    };
    let mut foreign = Vec::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.map_err(|e| Error::Other(format!("cannot list {}: {e}", dir.display())))?;
        if e.file_type().is_dir() {
            continue;
        }
        let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != MANIFEST && !listed.contains(&rel) {
            foreign.push(e.path().to_path_buf());
        }
    }
    Ok(Some(foreign))
}

/// Refuses to replace a folder that wsis did not write, or that holds files wsis did not write.
fn check_replaceable(target: &Path) -> Result<()> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(Error::Other(format!(
            "{} exists and is not a folder; choose another output with --out",
            target.display()
        )));
    }
    let empty = std::fs::read_dir(target)
        .map_err(|e| Error::io(target, e))?
        .next()
        .is_none();
    if empty {
        return Ok(());
    }
    match foreign_files(target)? {
        None => Err(Error::Other(format!(
            "{} was not created by wsis (it has no {MANIFEST} file); wsis will not replace it. Move it away or choose another output with --out",
            target.display()
        ))),
        Some(f) if !f.is_empty() => Err(Error::Other(format!(
            "{} holds files wsis did not write, for example {}; move them out of the output folder, wsis will not delete them",
            target.display(),
            f[0].display()
        ))),
        Some(_) => Ok(()),
    }
}

/// Removes a previous output folder, after checking that every file in it is wsis's.
fn remove_written(dir: &Path) -> Result<()> {
    match foreign_files(dir)? {
        Some(f) if f.is_empty() => std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e)),
        _ => Err(Error::Other(format!(
            "the previous output was kept at {}: it holds files wsis did not write",
            dir.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("wsis-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn output_is_swapped_in_and_replaced_next_time() {
        let d = temp("swap");
        let target = d.join("public");
        let mut o = Output::begin(&target).unwrap();
        o.write("data/a.json", b"1").unwrap();
        assert!(!target.exists(), "nothing is visible before finish");
        assert_eq!(o.finish().unwrap(), 1);
        assert_eq!(std::fs::read(target.join("data/a.json")).unwrap(), b"1");
        let mut o = Output::begin(&target).unwrap();
        o.write("data/b.json", b"2").unwrap();
        o.finish().unwrap();
        assert!(!target.join("data/a.json").exists());
        assert!(target.join("data/b.json").exists());
        let leftovers: Vec<_> = std::fs::read_dir(&d).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or previous folder is left");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_keeps_unchanged_files_and_rewrites_the_others() {
        use std::os::unix::fs::MetadataExt;
        let d = temp("reuse");
        let target = d.join("public");
        let inode = |rel: &str| std::fs::metadata(target.join(rel)).unwrap().ino();
        let mut o = Output::begin(&target).unwrap();
        o.write("same.html", b"unchanged").unwrap();
        o.write("edited.html", b"version 1").unwrap();
        o.write("grown.html", b"short").unwrap();
        o.finish().unwrap();
        let before = [
            inode("same.html"),
            inode("edited.html"),
            inode("grown.html"),
        ];
        let mut o = Output::begin(&target).unwrap();
        o.write("same.html", b"unchanged").unwrap();
        // Same length, other bytes: must be written, not linked.
        o.write("edited.html", b"version 2").unwrap();
        o.write("grown.html", b"longer now").unwrap();
        o.finish().unwrap();
        assert_eq!(inode("same.html"), before[0], "an unchanged file is kept");
        assert_ne!(inode("edited.html"), before[1]);
        assert_eq!(
            std::fs::read(target.join("same.html")).unwrap(),
            b"unchanged"
        );
        assert_eq!(
            std::fs::read(target.join("edited.html")).unwrap(),
            b"version 2"
        );
        assert_eq!(
            std::fs::read(target.join("grown.html")).unwrap(),
            b"longer now"
        );
        assert_eq!(
            std::fs::metadata(target.join("same.html")).unwrap().nlink(),
            1,
            "the previous output's link is gone with it"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn the_new_output_is_announced_once_it_is_in_place() {
        let d = temp("announce");
        let target = d.join("public");
        let mut o = Output::begin(&target).unwrap();
        o.write("index.html", b"1").unwrap();
        o.finish().unwrap();
        let mut o = Output::begin(&target).unwrap();
        o.write("index.html", b"2").unwrap();
        let seen = std::sync::Mutex::new(None);
        o.finish_then(&|| {
            *seen.lock().unwrap() = Some(std::fs::read(target.join("index.html")).unwrap());
        })
        .unwrap();
        assert_eq!(seen.into_inner().unwrap().as_deref(), Some(&b"2"[..]));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn the_read_cache_reads_again_only_a_changed_file() {
        let d = temp("cache");
        let path = d.join("x.txt");
        let text = |w: &str| format!("1.\tNous {w} le texte.\n2.\tNous demandons la suite.\n");
        let first_word =
            |r: &ingest::Ingested| r.document.paragraphs().next().unwrap().text.clone();
        std::fs::write(&path, text("adoptons")).unwrap();
        let cache = ReadCache::default();
        let first = cache
            .read(&path, Some(ingest::Layout::WordExport), None)
            .unwrap();
        assert!(first_word(&first).contains("adoptons"));
        let stamp = std::fs::metadata(&path).unwrap().modified().unwrap();
        // Same size, same modification time: taken from the cache, the file is not read.
        std::fs::write(&path, text("rejetons")).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(stamp)
            .unwrap();
        assert!(first_word(
            &cache
                .read(&path, Some(ingest::Layout::WordExport), None)
                .unwrap()
        )
        .contains("adoptons"));
        // A new modification time: read again.
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(stamp + std::time::Duration::from_secs(1))
            .unwrap();
        assert!(first_word(
            &cache
                .read(&path, Some(ingest::Layout::WordExport), None)
                .unwrap()
        )
        .contains("rejetons"));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_failed_build_leaves_the_previous_output_whole() {
        let d = temp("fail");
        let target = d.join("public");
        let mut o = Output::begin(&target).unwrap();
        o.write("index.html", b"old").unwrap();
        o.finish().unwrap();
        {
            let mut o = Output::begin(&target).unwrap();
            o.write("index.html", b"new").unwrap();
            // Dropped without finish: the build failed.
        }
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_folder_wsis_did_not_write_is_not_replaced() {
        let d = temp("foreign");
        let target = d.join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("mine.txt"), "keep").unwrap();
        let err = Output::begin(&target).err().unwrap().to_string();
        assert!(err.contains("not created by wsis"), "{err}");
        assert_eq!(
            std::fs::read_to_string(target.join("mine.txt")).unwrap(),
            "keep"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_file_added_to_the_output_is_never_deleted() {
        let d = temp("added");
        let target = d.join("public");
        let mut o = Output::begin(&target).unwrap();
        o.write("a.html", b"a").unwrap();
        o.finish().unwrap();
        std::fs::write(target.join("notes.txt"), "mine").unwrap();
        let err = Output::begin(&target).err().unwrap().to_string();
        assert!(
            err.contains("files wsis did not write") && err.contains("notes.txt"),
            "{err}"
        );
        assert!(target.join("notes.txt").exists());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
