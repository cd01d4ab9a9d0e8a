//! Benchmark: reading the bundled corpus into the document model.
//!
//! Reported as a ratio against a baseline measured in the same run, so that the figure holds on a
//! noisy or slower machine: the baseline is the unavoidable part of ingestion (decoding every
//! source and normalising every line of it: NFC and white-space collapse); the ratio says how much
//! the readers' structure recovery costs on top of that.
//!
//! Run: `cargo bench --bench ingest` (add `-- --runs 50` for more samples).

mod common;

use std::path::{Path, PathBuf};

use common::{median, p95, time};
use wsis::ingest;
use wsis::text::{decode_source, normalize};

fn main() {
    let runs = common::runs(30);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let baseline = time(runs, || {
        for (path, b) in &files {
            let text = decode_source(b, path).unwrap();
            let n: usize = text.lines().map(|l| normalize(l).len()).sum();
            std::hint::black_box(n);
        }
    });
    let mut paragraphs = 0;
    let ingest_times = time(runs, || {
        paragraphs = 0;
        for (path, b) in &files {
            let i = ingest::read_bytes(b, path, None).unwrap();
            paragraphs += i.document.paragraphs().count();
            std::hint::black_box(&i.document);
        }
    });
    let (base, ing) = (median(baseline), median(ingest_times.clone()));
    println!(
        "corpus: {} files, {:.1} KiB, {paragraphs} paragraphs; {runs} runs",
        files.len(),
        bytes as f64 / 1024.0
    );
    println!(
        "baseline (decode + normalise every line): median {:.2} ms",
        base.as_secs_f64() * 1e3
    );
    println!(
        "ingest (detect + read + build model):     median {:.2} ms, p95 {:.2} ms, {:.1} MiB/s",
        ing.as_secs_f64() * 1e3,
        p95(ingest_times).as_secs_f64() * 1e3,
        bytes as f64 / (1024.0 * 1024.0) / ing.as_secs_f64()
    );
    println!(
        "ratio ingest / baseline: {:.2}",
        ing.as_secs_f64() / base.as_secs_f64()
    );
}
