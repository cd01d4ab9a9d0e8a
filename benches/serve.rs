//! Benchmark: how soon an edit is visible under `wsis serve`, from the moment the file is saved to
//! the moment the server announces the new version (when open pages reload), for an edit of the
//! theme's stylesheet, of an editorial page and of a source text; against a full build of the
//! same site measured in the same run.
//!
//! Run: `cargo bench --bench serve` (add `-- --runs 20` for more samples).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{median, ms, p95};
use wsis::serve::{self, ServeOptions};
use wsis::site::{self, BuildOptions};

/// Copies the site's inputs (not its output) to `to`.
fn copy_site(from: &Path, to: &Path) {
    for top in ["wsis.yaml", "content", "seeds", "themes"] {
        for e in walkdir::WalkDir::new(from.join(top))
            .into_iter()
            .filter_map(Result::ok)
        {
            let dest = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
    }
}

/// Saves `edit(k)` into `file` and waits for the server's next version: the delay.
fn edit_and_wait(server: &serve::Server, file: &Path, text: &str) -> Duration {
    let before = server.version();
    let t = Instant::now();
    std::fs::write(file, text).unwrap();
    while server.version() == before {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "no rebuild after editing {file:?}"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    assert!(server.last_error().is_none(), "{:?}", server.last_error());
    t.elapsed()
}

fn main() {
    let runs = common::runs(10);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = std::env::temp_dir().join(format!("wsis-bench-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_site(&repo, &root);
    // The theme's stylesheet, overridden by the site so that it can be edited.
    let theme = wsis::theme::Theme::load(&root).unwrap();
    let css = theme
        .assets()
        .find(|(rel, _)| *rel == "style.css")
        .map(|(_, f)| String::from_utf8(f.bytes.clone()).unwrap())
        .unwrap();
    let css_file = root.join("themes/default/static/style.css");
    std::fs::create_dir_all(css_file.parent().unwrap()).unwrap();
    std::fs::write(&css_file, &css).unwrap();
    let page = root.join("content/pages/about.en.md");
    let page_text = std::fs::read_to_string(&page).unwrap();
    let source = root.join("seeds/en/a-res-80-173.txt");
    let source_text = std::fs::read_to_string(&source).unwrap();

    let opts = BuildOptions {
        root: root.clone(),
        out: root.join("public"),
    };
    let full = common::time(runs, || {
        site::build(&opts).unwrap();
    });
    let mut s = ServeOptions::new(opts.clone());
    s.port = 0;
    s.quiet = true;
    let server = serve::start(s).unwrap();
    let mut css_edits = Vec::new();
    let mut page_edits = Vec::new();
    let mut source_edits = Vec::new();
    for k in 0..runs {
        // Let the watcher settle between edits.
        std::thread::sleep(Duration::from_millis(150));
        css_edits.push(edit_and_wait(
            &server,
            &css_file,
            &format!("{css}\n/* {k} */\n"),
        ));
        std::thread::sleep(Duration::from_millis(150));
        page_edits.push(edit_and_wait(
            &server,
            &page,
            &format!("{page_text}\nEdit {k}.\n"),
        ));
        std::thread::sleep(Duration::from_millis(150));
        source_edits.push(edit_and_wait(
            &server,
            &source,
            &source_text.replacen("We recognize", &format!("We recognize ({k})"), 1),
        ));
    }
    server.stop();
    println!("wsis serve on the corpus: from saving a file to the new version, {runs} edits each");
    let full = median(full);
    println!(
        "floor: full build of the site:          {:.1} ms (median)",
        ms(full)
    );
    for (what, v) in [
        ("theme stylesheet (style.css)", css_edits),
        ("editorial page (about.en.md)", page_edits),
        ("source text (seeds/en/a-res-80-173.txt)", source_edits),
    ] {
        let (m, p) = (median(v.clone()), p95(v));
        println!(
            "{what:<42} median {:.1} ms, p95 {:.1} ms; ratio to a full build {:.2}",
            ms(m),
            ms(p),
            ms(m) / ms(full)
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}
