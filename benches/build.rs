//! Benchmark: a full build of the bundled corpus (read, render, minify, write, swap), reported
//! against two floors measured in the same run: copying the finished output tree (the least any
//! build that writes these files must do) and ingestion alone.
//!
//! Run: `cargo bench --bench build` (add `-- --runs 30` for more samples).

mod common;

use std::path::{Path, PathBuf};

use common::{median, ms, time};
use wsis::registry;
use wsis::site::{self, BuildOptions};

fn copy_tree(from: &Path, to: &Path) -> usize {
    let mut bytes = 0;
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            bytes += std::fs::copy(e.path(), &dest).unwrap() as usize;
        }
    }
    bytes
}

fn main() {
    let runs = common::runs(15);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = std::env::temp_dir().join(format!("wsis-bench-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let opts = BuildOptions {
        root: root.clone(),
        out: scratch.join("public"),
    };

    let mut files = 0;
    let build = time(runs, || {
        files = site::build(&opts).expect("the corpus builds").files_written;
    });
    let mut bytes = 0;
    let copy = time(runs, || {
        let dest = scratch.join("copy");
        let _ = std::fs::remove_dir_all(&dest);
        bytes = copy_tree(&opts.out, &dest);
    });
    let entries = registry::load(&root).unwrap();
    let ingest = time(runs, || {
        std::hint::black_box(site::ingest_all(&entries).unwrap());
    });
    let (docs, _) = site::ingest_all(&entries).unwrap();
    let link = time(runs, || {
        let mut d = docs.clone();
        std::hint::black_box(wsis::link::link(&entries, &mut d));
    });
    let (b, c, i) = (median(build), median(copy), median(ingest));
    println!(
        "corpus site: {files} files, {:.0} KiB; {runs} runs, medians",
        bytes as f64 / 1024.0
    );
    println!(
        "full build (ingest + render + minify + write + swap): {:.1} ms",
        ms(b)
    );
    println!(
        "floor: copy of the output tree:                       {:.1} ms",
        ms(c)
    );
    println!(
        "ingest alone:                                         {:.1} ms",
        ms(i)
    );
    println!(
        "linking alone (references, quotations, reuse):        {:.1} ms",
        ms(median(link))
    );
    println!(
        "ratio build / copy: {:.1}   build / ingest: {:.1}",
        ms(b) / ms(c),
        ms(b) / ms(i)
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
