//! Benchmark: do the readers scale linearly?
//!
//! Generates sources of N = 2,000, 20,000 and 200,000 short paragraphs (and their notes) in each
//! layout, written the way the texts of that layout are written, and times
//! `wsis::ingest::read_text` (decoder, structure reader, builder and structure report) on each.
//! Reading 10× the input may cost at most 11× the time: the figure checked is the ratio
//! time(10N) / time(N), measured in the same run, so that it holds on a noisy or slower machine,
//! brought to 10× the bytes (10N paragraphs are 10.0 to 10.4 times the bytes of N: their numbers,
//! note numbers and ids are longer).
//! Each size is read several times (the largest `--runs` times, the smaller ones more often), in
//! rounds that read every size, so that a load on the machine weighs on every size alike.
//! The time checked is the mean user CPU time of the reading thread (`getrusage`; the median wall
//! time where there is no such clock): what the readers compute. The wall time and the CPU time with the
//! kernel's are printed beside it. On a shared machine the wall time also counts the waits for a
//! core; and on the development machine (a virtual machine) the kernel's time to hand fresh
//! memory to the allocator grows faster than the memory itself: from 20,000 to 200,000 paragraphs
//! the system time of a reading grows 30 to several hundred times while its user time grows 10
//! times.
//!
//! The sources:
//!
//! - `un-markdown`: a resolution (cover, title, formula, preambular paragraphs) whose numbered
//!   paragraphs `N. Texte …` are separated by blank lines; superscript note marks glued to words
//!   (`numérique¹²`) and the notes printed as blocks where the page ended, a page break now and
//!   then cutting a paragraph; lettered items; a chapter every 500 paragraphs, an annex every
//!   9,000 (numbers restart).
//! - `pdf-text (leading space)`: a report as some extractors write it: every printed line followed
//!   by a blank line and ending with a space, a block's first line beginning with a space; at each
//!   page's foot a line of white space, the notes (` 12 Texte `), the notes' URLs repeated as bare
//!   lines, and the running foot (`A/81/62`, `E/2026/48`, `GE.26-01527 3`); note calls glued to
//!   words, words hyphenated at line ends, URLs cut at line ends.
//! - `pdf-text (blank lines)`: a resolution as `pdftotext` writes it: blocks separated by blank
//!   lines, a form feed between pages, the running head `A/RES/80/173` at each page's top, the
//!   notes (`12 Texte`) and the page number `n/N` at its foot.
//! - `pdf-text (dense)`: the report as pypdf writes it: no blank line, no form feed; each page's
//!   notes (one every 250 paragraphs: three digits at most), running head and page number after
//!   its text.
//! - `word-export`: an ITU document saved as text: cover fields, tab-numbered paragraphs `N⇥Texte`
//!   and items `a)⇥texte`, chapters `I⇥Titre`, notes `[footnoteRef:N]` with their text `[N: ⇥…]`
//!   later on the same line.
//!
//! Run: `cargo bench --bench readers_scale` (options: `-- --runs 5`, `--sizes 2000,20000`,
//! `--only word`; `--write DIR` writes the sources there and times nothing). Exits with 1 when a
//! ratio is over 11.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use wsis::ingest::{self, Layout};

/// The allocator of the `wsis` binary (`src/main.rs`): what is measured is what wsis does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The largest ratio time(10N) / time(N) allowed.
const MAX_RATIO: f64 = 11.0;

/// A layout to read: its name in the table, the layout, and the source of N paragraphs.
type Case = (&'static str, Layout, fn(usize) -> String);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let min_runs = common::runs(3).max(1);
    let sizes: Vec<usize> = arg("--sizes")
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 20_000, 200_000]);
    let only = arg("--only");
    let write = arg("--write");
    let cases: [Case; 5] = [
        ("un-markdown", Layout::UnMarkdown, un_markdown),
        (
            "pdf-text (leading space)",
            Layout::PdfText,
            pdf_leading_space,
        ),
        ("pdf-text (blank lines)", Layout::PdfText, pdf_blank_lines),
        ("pdf-text (dense)", Layout::PdfText, pdf_dense),
        ("word-export", Layout::WordExport, word_export),
    ];
    let started = Instant::now();
    let clock = thread_times().is_some();
    println!(
        "{:<26} {:>9} {:>6} {:>7} {:>5} {:>9} {:>9} {:>9} {:>8} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "layout",
        "N",
        "MiB",
        "notes",
        "runs",
        "wall ms",
        "user ms",
        "sys ms",
        "µs/para",
        "input ×",
        "wall ×",
        "cpu ×",
        "user ×",
        "checked"
    );
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for (name, layout, generate) in cases {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let texts: Vec<String> = sizes.iter().map(|&n| generate(n)).collect();
        if let Some(dir) = &write {
            for (n, text) in sizes.iter().zip(&texts) {
                let file = format!("{}-{n}.txt", name.replace([' ', '(', ')'], ""));
                std::fs::write(Path::new(dir).join(file), text).expect("write the source");
            }
            continue;
        }
        let timings = measure(&texts, layout, min_runs);
        let mut prev: Option<(usize, usize, Timing)> = None;
        let mut ratios = Vec::new();
        for ((&n, text), t) in sizes.iter().zip(&texts).zip(timings) {
            assert!(
                t.paragraphs >= n,
                "{name}, N={n}: the reading found {} paragraphs",
                t.paragraphs
            );
            let before = prev.as_ref().filter(|(m, _, _)| m * 10 == n);
            let ratio = |f: fn(&Timing) -> Duration| {
                before.map(|(_, _, p)| f(&t).as_secs_f64() / f(p).as_secs_f64())
            };
            let input_ratio = before.map(|(_, bytes, _)| text.len() as f64 / *bytes as f64);
            let wall_ratio = ratio(|t| t.wall);
            let cpu_ratio = ratio(|t| t.user + t.system);
            let user_ratio = ratio(|t| t.user);
            // The input grows a little more than 10× (longer numbers and ids): the time checked
            // is the user time for 10× the bytes.
            let checked = user_ratio.zip(input_ratio).map(|(u, i)| u * 10.0 / i);
            let shown = |r: Option<f64>| r.map_or(String::new(), |r| format!("{r:.2}"));
            println!(
                "{:<26} {:>9} {:>6.1} {:>7} {:>5} {:>9.1} {:>9.1} {:>9.1} {:>8.2} {:>7} {:>7} {:>7} {:>7} {:>7}",
                name,
                thousands(n),
                text.len() as f64 / (1024.0 * 1024.0),
                thousands(t.notes),
                t.runs,
                common::ms(t.wall),
                common::ms(t.user),
                common::ms(t.system),
                t.user.as_secs_f64() * 1e6 / n as f64,
                shown(input_ratio),
                shown(wall_ratio),
                shown(cpu_ratio),
                shown(user_ratio),
                shown(checked),
            );
            if let (Some(i), Some(w), Some(c), Some(u), Some(k)) =
                (input_ratio, wall_ratio, cpu_ratio, user_ratio, checked)
            {
                ratios.push(format!(
                    "{}→{}: {k:.2} (user time {u:.2} for {i:.2}× the bytes; with the kernel's time {c:.2}, wall {w:.2})",
                    thousands(n / 10),
                    thousands(n)
                ));
                if k > MAX_RATIO {
                    failures.push(format!(
                        "{name}: time({n})/time({}) = {k:.2} for 10× the input > {MAX_RATIO}",
                        n / 10
                    ));
                }
            }
            prev = Some((n, text.len(), t));
        }
        summary.push(format!("{name}: {}", ratios.join(", ")));
    }
    println!();
    println!(
        "ratios time(10N)/time(N) for 10× the bytes, {} (target ≤ {MAX_RATIO}):",
        if clock {
            "user CPU time of the reading thread"
        } else {
            "wall time (no thread clock here)"
        }
    );
    for s in summary {
        println!("  {s}");
    }
    println!(
        "total {:.1} s; at least {min_runs} readings of each size (wall: median; user, sys: mean)",
        started.elapsed().as_secs_f64()
    );
    if !failures.is_empty() {
        eprintln!("super-linear reading:");
        for f in &failures {
            eprintln!("  {f}");
        }
        std::process::exit(1);
    }
}

/// The times of a reading of one source, and what it found.
struct Timing {
    /// The median wall time.
    wall: Duration,
    /// The mean user CPU time of the reading thread (the median wall time where there is no such
    /// clock). A mean, not a median: the kernel counts CPU time in ticks (4 ms here), and only
    /// their sum over many readings is precise.
    user: Duration,
    /// The mean system CPU time of the reading thread (zero where there is no such clock).
    system: Duration,
    runs: usize,
    paragraphs: usize,
    notes: usize,
}

/// The user and system CPU time of this thread: `getrusage(RUSAGE_THREAD)`.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_times() -> Option<(Duration, Duration)> {
    /// `struct timeval` and `struct rusage` of 64-bit Linux.
    #[repr(C)]
    struct Timeval {
        sec: i64,
        usec: i64,
    }
    #[repr(C)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        rest: [i64; 14],
    }
    extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_THREAD: i32 = 1;
    let mut usage = std::mem::MaybeUninit::<Rusage>::zeroed();
    // SAFETY: `getrusage` writes a `struct rusage`, which `Rusage` lays out, into memory that
    // lives for the call; the value is read only when the call succeeded.
    let usage = unsafe {
        if getrusage(RUSAGE_THREAD, usage.as_mut_ptr()) != 0 {
            return None;
        }
        usage.assume_init()
    };
    let time = |t: &Timeval| Duration::from_micros((t.sec * 1_000_000 + t.usec) as u64);
    Some((time(&usage.utime), time(&usage.stime)))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_times() -> Option<(Duration, Duration)> {
    None
}

/// A reading's wall, user and system times.
type Sample = (Duration, Duration, Duration);

/// Reads each of `texts` as `layout` several times. The sizes are read in rounds, each round
/// reading the largest once and each smaller one for an eighth of that time (at least 0.2 s), so
/// that a load on the machine (a compiler running beside) weighs on every size alike; the largest
/// is read `min_runs` times. A first reading shorter than 0.5 s warms up and is not kept.
fn measure(texts: &[String], layout: Layout, min_runs: usize) -> Vec<Timing> {
    let path = Path::new("readers-scale.txt");
    let read = |text: &str| -> (Sample, (usize, usize)) {
        let (wall, times) = (Instant::now(), thread_times());
        let ingested = ingest::read_text(text, path, Some(layout)).expect("the source reads");
        let counts = (
            ingested.document.paragraphs().count(),
            ingested.document.footnotes.len(),
        );
        drop(std::hint::black_box(ingested));
        let wall = wall.elapsed();
        let (user, system) = match (times, thread_times()) {
            (Some((u0, s0)), Some((u1, s1))) => (u1.saturating_sub(u0), s1.saturating_sub(s0)),
            _ => (wall, Duration::ZERO),
        };
        ((wall, user, system), counts)
    };
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); texts.len()];
    let mut counts = Vec::new();
    let mut first = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let (sample, c) = read(text);
        if sample.0 >= Duration::from_millis(500) {
            samples[i].push(sample);
        }
        counts.push(c);
        first.push(sample.0);
    }
    let longest = first.iter().copied().max().unwrap_or_default();
    let largest = first.iter().position(|&t| t == longest).unwrap_or(0);
    let share = (longest.as_secs_f64() / 8.0).max(0.2);
    let reps: Vec<usize> = first
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i == largest {
                1
            } else {
                ((share / t.as_secs_f64().max(1e-6)).round() as usize).max(1)
            }
        })
        .collect();
    let rounds = min_runs.saturating_sub(samples[largest].len()).max(1);
    for _ in 0..rounds {
        for (i, text) in texts.iter().enumerate().rev() {
            for _ in 0..reps[i] {
                samples[i].push(read(text).0);
            }
        }
    }
    let clock = thread_times().is_some();
    samples
        .into_iter()
        .zip(counts)
        .map(|(times, (paragraphs, notes))| {
            let runs = times.len() as u32;
            let wall = common::median(times.iter().map(|t| t.0).collect());
            let (user, system) = if clock {
                (
                    times.iter().map(|t| t.1).sum::<Duration>() / runs,
                    times.iter().map(|t| t.2).sum::<Duration>() / runs,
                )
            } else {
                (wall, Duration::ZERO)
            };
            Timing {
                wall,
                user,
                system,
                runs: times.len(),
                paragraphs,
                notes,
            }
        })
        .collect()
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/// splitmix64: the same text on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const WORDS: [&str; 72] = [
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "et",
    "pour",
    "dans",
    "sur",
    "avec",
    "aux",
    "en",
    "une",
    "développement",
    "numérique",
    "information",
    "communications",
    "technologies",
    "société",
    "coopération",
    "internationale",
    "gouvernance",
    "connectivité",
    "renforcement",
    "capacités",
    "infrastructures",
    "compétences",
    "partenariats",
    "organisations",
    "durable",
    "accès",
    "données",
    "pays",
    "Internet",
    "progrès",
    "mise",
    "œuvre",
    "textes",
    "issus",
    "Sommet",
    "mondial",
    "examen",
    "ensemble",
    "réunion",
    "haut",
    "niveau",
    "entreprises",
    "innovation",
    "politiques",
    "publiques",
    "régionale",
    "inclusion",
    "transformation",
    "intelligence",
    "artificielle",
    "cybersécurité",
    "confiance",
    "utilisation",
    "populations",
    "rurales",
    "femmes",
    "jeunes",
    "éducation",
    "santé",
    "environnement",
    "objectifs",
    "programme",
    "parties",
    "prenantes",
    "secrétariat",
    "avant-garde",
];

/// Words a note call is glued to (they end with a lower-case letter).
const CALLED: [&str; 6] = [
    "numérique",
    "information",
    "développement",
    "gouvernance",
    "connectivité",
    "capacités",
];

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The words of a short paragraph: 12 to 35 words, capitalised, no final punctuation.
fn words(rng: &mut Rng) -> Vec<String> {
    let n = 12 + rng.below(24);
    (0..n)
        .map(|i| {
            let w = rng.pick(&WORDS);
            if i == 0 {
                capitalised(w)
            } else {
                w.to_string()
            }
        })
        .collect()
}

fn note_text(rng: &mut Rng, k: usize) -> String {
    let ws = words(rng);
    let n = 4 + rng.below(8);
    format!(
        "{}, voir le document A/80/{k}.",
        ws[..n.min(ws.len())].join(" ")
    )
}

fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d as usize - '0' as usize])
        .collect()
}

/// Paragraphs per annex: numbering restarts in each (numbers have at most four digits).
const PER_ANNEX: usize = 9_000;
/// Paragraphs per chapter.
const PER_CHAPTER: usize = 500;

/// A heading's text: a few words, none repeated from heading to heading (a text printed again
/// and again is a running head).
fn title(rng: &mut Rng) -> String {
    let n = 3 + rng.below(5);
    let ws: Vec<&str> = (0..n).map(|_| rng.pick(&WORDS)).collect();
    capitalised(&ws.join(" "))
}

fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// un-markdown
// ---------------------------------------------------------------------------------------------

fn un_markdown(n: usize) -> String {
    let mut rng = Rng(1);
    let mut s = String::from(
        "Assemblée générale\n\nDistr. générale\n19 décembre 2025\n\nQuatre-vingtième session\n\n\
         Point 15 de l'ordre du jour\n\n**Les technologies de l'information\net des communications au service\n\
         du développement durable**\n\nRésolution adoptée par l'Assemblée générale le 17 décembre 2025\n\n\
         [sans renvoi à une grande commission ([A/80/L.41](#))]\n\n\
         - 80/173. Document final de la réunion de haut niveau sur l'examen d'ensemble**\n\n\
         L'Assemblée générale,\n\n\
         Rappelant sa résolution [70/125](#) du 16 décembre 2015,\n\n\
         Réaffirmant son attachement aux textes issus du Sommet mondial sur la société de l'information,\n\n",
    );
    // Superscript note numbers have at most three digits: a note every 250 paragraphs.
    let mut note = 0;
    let mut page_notes: Vec<String> = Vec::new();
    for k in 0..n {
        let local = k % PER_ANNEX + 1;
        if k > 0 && local == 1 {
            let a = k / PER_ANNEX + 1;
            s.push_str(&format!("Annexe {a}\n\n{}\n\n", title(&mut rng)));
        }
        if local % PER_CHAPTER == 1 {
            let c = (local / PER_CHAPTER) + 1;
            s.push_str(&format!("{}. {}\n\n", roman(c), title(&mut rng)));
        }
        let mut ws = words(&mut rng);
        if k % 250 == 249 && note < 999 {
            note += 1;
            let at = 3 + rng.below(ws.len() - 4);
            ws[at] = format!("{}{}", rng.pick(&CALLED), superscript(note));
            page_notes.push(format!(
                "{} {}",
                superscript(note),
                note_text(&mut rng, note)
            ));
        }
        let items = k % 10 == 5;
        let end = if items { ":" } else { "." };
        // Every eighth paragraph ends its page: the page's notes cut it before a lower-case word.
        let page_end = k % 8 == 7;
        let cut = (page_end && !items)
            .then(|| (4..ws.len() - 2).find(|&i| ws[i].starts_with(char::is_lowercase)))
            .flatten();
        match cut {
            Some(c) => {
                s.push_str(&format!("{local}. {}\n\n", ws[..c].join(" ")));
                for note in page_notes.drain(..) {
                    s.push_str(&note);
                    s.push_str("\n\n");
                }
                s.push_str(&format!("{}{end}\n\n", ws[c..].join(" ")));
            }
            None => s.push_str(&format!("{local}. {}{end}\n\n", ws.join(" "))),
        }
        if items {
            let (a, b) = (words(&mut rng), words(&mut rng));
            s.push_str(&format!(
                "a) {};\n\nb) {}.\n\n",
                lower_first(&a),
                lower_first(&b)
            ));
        }
        if page_end {
            for note in page_notes.drain(..) {
                s.push_str(&note);
                s.push_str("\n\n");
            }
        }
    }
    for note in page_notes.drain(..) {
        s.push_str(&note);
        s.push_str("\n\n");
    }
    s.push_str("*68e séance plénière\n17 décembre 2025*\n");
    s
}

fn lower_first(ws: &[String]) -> String {
    let mut t = ws.join(" ");
    if let Some(c) = t.chars().next() {
        let lower: String = c.to_lowercase().collect();
        t.replace_range(..c.len_utf8(), &lower);
    }
    t
}

// ---------------------------------------------------------------------------------------------
// word-export
// ---------------------------------------------------------------------------------------------

fn word_export(n: usize) -> String {
    let mut rng = Rng(2);
    let mut s = String::from(
        "[image: ]\n- 2 -\nC2001/#-F\n\tPoint de l'ordre du jour: PL 2\n\tDocument C26/93-F\n\n\t\n\
         \t14 avril 2026\n\n\t\n\tOriginal: russe\n\n\t\n\tContribution de la Fédération de Russie\n\n\
         \tPROJET DE RÉVISION DE LA RÉSOLUTION 1332 DU CONSEIL SUR LE RÔLE DE L'UIT\n\n\tObjet\n\
         La présente contribution contient un projet de révision de la Résolution 1332 du Conseil.\n\
         Suite à donner par le Conseil\n\
         Le Conseil est invité à examiner la présente contribution et à prendre les mesures appropriées.\n\
         __________________\nRéférences\nRésolutions 80/173 et 80/118 de l'Assemblée générale des Nations Unies\n\n\n",
    );
    let mut note = 0;
    for k in 0..n {
        let local = k % PER_ANNEX + 1;
        if local == 1 && k > 0 {
            s.push_str(&format!("ANNEXE {}\n", k / PER_ANNEX + 1));
            s.push_str(&format!("{}\n", title(&mut rng)));
        }
        if local % PER_CHAPTER == 1 {
            let c = (local / PER_CHAPTER) + 1;
            s.push_str(&format!("{}\t{}\n", roman(c), title(&mut rng)));
        }
        let mut ws = words(&mut rng);
        let mut notes = String::new();
        if k % 25 == 24 {
            note += 1;
            let at = 3 + rng.below(ws.len() - 4);
            ws[at] = format!("{}[footnoteRef:{note}]", rng.pick(&CALLED));
            let url = if note % 3 == 0 {
                format!(" https://www.itu.int/md/S26-CL-C-{note:04}/fr")
            } else {
                String::new()
            };
            notes = format!(" [{note}: \t{}{url}]", note_text(&mut rng, note));
        }
        let items = k % 10 == 5;
        let end = if items { ":" } else { "." };
        s.push_str(&format!("{local}\t{}{end}{notes}\n", ws.join(" ")));
        if items {
            let (a, b) = (words(&mut rng), words(&mut rng));
            s.push_str(&format!(
                "a)\t{};\nb)\t{}.\n",
                lower_first(&a),
                lower_first(&b)
            ));
        }
    }
    s.push_str("\n______________\n");
    s
}

// ---------------------------------------------------------------------------------------------
// pdf-text: blocks laid out in printed lines and pages
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Heading,
    Paragraph,
    Item,
}

/// A block to print: its words (note calls glued) and the notes it calls.
struct Block {
    kind: BlockKind,
    words: Vec<String>,
    /// (note number, position of the calling word).
    calls: Vec<(usize, usize)>,
}

/// A printed line: its text, whether it is its block's first line, and the notes it calls.
struct Printed {
    text: String,
    first: bool,
    kind: BlockKind,
    calls: Vec<usize>,
}

/// Characters of a full line.
const WIDTH: usize = 88;
/// Lines of running text on a page.
const PAGE_LINES: usize = 42;

/// The body of a report or resolution: N numbered paragraphs (an annex every 9,000, a chapter
/// every 500, two items after every tenth paragraph) with a note every 25 paragraphs,
/// some of them carrying a URL. Returns the blocks and the notes' texts. `dense`: where nothing
/// separates blocks, a heading is told only by a short line before it, and pypdf's readings lose
/// some: no chapters, and an annex begins with its paragraphs; and a note is told from text by
/// its number of at most three digits: a note every 250 paragraphs.
fn body(n: usize, dense: bool, rng: &mut Rng) -> (Vec<Block>, Vec<String>) {
    let note_every = if dense { 250 } else { 25 };
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let heading = |text: String| Block {
        kind: BlockKind::Heading,
        words: text.split(' ').map(str::to_string).collect(),
        calls: Vec::new(),
    };
    for k in 0..n {
        let local = k % PER_ANNEX + 1;
        if local == 1 && k > 0 {
            let a = k / PER_ANNEX + 1;
            blocks.push(heading(format!("Annexe {}", roman(a))));
            if !dense {
                blocks.push(heading(title(rng)));
            }
        }
        if local % PER_CHAPTER == 1 && !dense {
            let c = (local / PER_CHAPTER) + 1;
            blocks.push(heading(format!("{}. {}", roman(c), title(rng))));
        }
        let mut ws = words(rng);
        let mut calls = Vec::new();
        if k % note_every == note_every - 1 {
            let number = notes.len() + 1;
            let at = 3 + rng.below(ws.len() - 4);
            ws[at] = format!("{}{number}", rng.pick(&CALLED));
            calls.push((number, at));
            let mut text = note_text(rng, number);
            if number % 3 == 0 {
                text.push_str(&format!(
                    " Voir https://unctad.org/publication/{number}-report-secretary-general-progress-made-implementation-and-follow-up."
                ));
            }
            notes.push(text);
        }
        let items = k % 10 == 5;
        let last = ws.len() - 1;
        ws[last].push(if items { ':' } else { '.' });
        ws.insert(0, format!("{local}."));
        for c in &mut calls {
            c.1 += 1;
        }
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            words: ws,
            calls,
        });
        if items {
            for (label, end) in [("a)", ';'), ("b)", '.')] {
                let mut ws = words(rng);
                ws[0] = ws[0].to_lowercase();
                let last = ws.len() - 1;
                ws[last].push(end);
                ws.insert(0, label.to_string());
                blocks.push(Block {
                    kind: BlockKind::Item,
                    words: ws,
                    calls: Vec::new(),
                });
            }
        }
    }
    (blocks, notes)
}

/// Wraps words in lines of at most `width` characters; now and then a long word at a line end
/// is hyphenated.
fn wrap(words: &[String], width: usize, rng: &mut Rng) -> Vec<(String, Vec<usize>)> {
    let mut lines: Vec<(String, Vec<usize>)> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let mut at: Vec<usize> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let wl = w.chars().count();
        if len > 0 && len + 1 + wl > width {
            // Room for a space, at least four letters and the hyphen; four letters go on.
            let room = width.saturating_sub(len + 2);
            let alphabetic = w.chars().all(char::is_alphabetic);
            if alphabetic && wl >= 10 && room >= 4 && rng.below(2) == 0 {
                let cut = room.min(wl - 4);
                let head: String = w.chars().take(cut).collect();
                let tail: String = w.chars().skip(cut).collect();
                line.push(' ');
                line.push_str(&head);
                line.push('-');
                lines.push((std::mem::take(&mut line), std::mem::take(&mut at)));
                line = tail;
                len = wl - cut;
                continue;
            }
            lines.push((std::mem::take(&mut line), std::mem::take(&mut at)));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(w);
        len += wl;
        at.push(i);
    }
    if !line.is_empty() {
        lines.push((line, at));
    }
    lines
}

/// The blocks as printed lines, each with the notes it calls.
fn print(blocks: &[Block], rng: &mut Rng) -> Vec<Printed> {
    let mut out = Vec::new();
    for b in blocks {
        for (i, (text, at)) in wrap(&b.words, WIDTH, rng).into_iter().enumerate() {
            let calls = b
                .calls
                .iter()
                .filter(|(_, w)| at.contains(w))
                .map(|&(n, _)| n)
                .collect();
            out.push(Printed {
                text,
                first: i == 0,
                kind: b.kind,
                calls,
            });
        }
    }
    out
}

/// A page: its running-text lines and the notes they call.
struct Page<'a> {
    lines: &'a [Printed],
    notes: Vec<usize>,
}

fn pages(lines: &[Printed]) -> Vec<Page<'_>> {
    lines
        .chunks(PAGE_LINES)
        .map(|lines| Page {
            lines,
            notes: lines.iter().flat_map(|l| l.calls.iter().copied()).collect(),
        })
        .collect()
}

/// A note's printed lines (its text wrapped), and the URL it carries.
fn note_lines(number: usize, text: &str) -> (Vec<String>, Option<String>) {
    let words: Vec<String> = format!("{number} {text}")
        .split(' ')
        .map(str::to_string)
        .collect();
    // A long URL is cut at the line width, after a `-`, as extractors do.
    let mut lines = Vec::new();
    let mut line = String::new();
    for w in words {
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > WIDTH {
            if w.starts_with("https://") {
                let room = WIDTH.saturating_sub(line.chars().count() + 1);
                if let Some(cut) = w[..room.min(w.len())].rfind('-') {
                    line.push(' ');
                    line.push_str(&w[..=cut]);
                    lines.push(std::mem::take(&mut line));
                    line.push_str(&w[cut + 1..]);
                    continue;
                }
            }
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&w);
    }
    lines.push(line);
    let url = text
        .split(' ')
        .find(|w| w.starts_with("https://"))
        .map(|u| u.trim_end_matches('.').to_string());
    (lines, url)
}

/// The report's body in the leading-space way of writing (`A/81/62` as some extractors give it).
fn pdf_leading_space(n: usize) -> String {
    let mut rng = Rng(3);
    let (blocks, notes) = body(n, false, &mut rng);
    let printed = print(&blocks, &mut rng);
    let mut s = String::new();
    let line = |s: &mut String, t: &str| {
        s.push_str(t);
        s.push_str("\n\n");
    };
    for cover in [
        " Résumé ",
        "Le présent rapport a été établi en application de la résolution 2006/46 du Conseil ",
        "économique et social. ",
        "Nations Unies A/81/62−E/2026/48 ",
        "Assemblée générale ",
        "Conseil économique et social ",
        "Distr. générale ",
        "9 février 2026 ",
        "Français ",
        "Original : anglais ",
    ] {
        line(&mut s, cover);
    }
    line(&mut s, "A/81/62 ");
    line(&mut s, "E/2026/48 ");
    line(&mut s, "2 GE.26-01527 ");
    line(&mut s, "  Introduction ");
    for (p, page) in pages(&printed).iter().enumerate() {
        for l in page.lines {
            let lead = l.first && l.kind == BlockKind::Heading;
            let t = if lead {
                format!(" {} ", l.text)
            } else {
                format!("{} ", l.text)
            };
            line(&mut s, &t);
        }
        if !page.notes.is_empty() {
            line(&mut s, "  ");
            let mut urls = Vec::new();
            for &k in &page.notes {
                let (lines, url) = note_lines(k, &notes[k - 1]);
                for (i, l) in lines.iter().enumerate() {
                    let t = if i == 0 {
                        format!(" {l} ")
                    } else {
                        format!("{l} ")
                    };
                    line(&mut s, &t);
                }
                urls.extend(url);
            }
            for u in urls {
                s.push_str(&format!("{u}\n{u}\n"));
            }
            s.push('\n');
        }
        line(&mut s, "A/81/62 ");
        line(&mut s, "E/2026/48 ");
        line(&mut s, &format!("GE.26-01527 {} ", p + 3));
    }
    s
}

/// The resolution in `pdftotext`'s way: blocks separated by blank lines, form feeds.
fn pdf_blank_lines(n: usize) -> String {
    let mut rng = Rng(4);
    let (blocks, notes) = body(n, false, &mut rng);
    let printed = print(&blocks, &mut rng);
    let pages = pages(&printed);
    let mut s = String::from(
        "A/RES/80/173\n\nAssemblée générale\nDistr. générale\n19 décembre 2025\n\
         Quatre-vingtième session\nPoint 15 de l'ordre du jour\n\n\
         Les technologies de l'information et des communications au service du développement durable\n\
         Résolution adoptée par l'Assemblée générale le 17 décembre 2025\n\
         sans renvoi à une grande commission (A/80/L.41)\n\n\
         80/173. Document final de la réunion de haut niveau de l'Assemblée générale sur\n\
         l'examen d'ensemble de la mise en œuvre des textes issus du Sommet mondial\n\n\
         L'Assemblée générale,\n\n\
         Rappelant sa résolution 70/125 du 16 décembre 2015, dans laquelle elle a décidé\n\
         de tenir une réunion de haut niveau,\n\n\
         Réaffirmant son attachement aux textes issus du Sommet mondial sur la société\n\
         de l'information,\n\n",
    );
    let total = pages.len();
    for (p, page) in pages.iter().enumerate() {
        if p > 0 {
            s.push_str("\u{c}A/RES/80/173\n\n");
        }
        for (i, l) in page.lines.iter().enumerate() {
            if l.first && i > 0 {
                s.push('\n');
            }
            s.push_str(&l.text);
            s.push('\n');
        }
        s.push('\n');
        for &k in &page.notes {
            let (lines, _) = note_lines(k, &notes[k - 1]);
            for l in lines {
                s.push_str(&l);
                s.push('\n');
            }
        }
        if !page.notes.is_empty() {
            s.push('\n');
        }
        if p == 0 {
            s.push_str("25-44316 (F)\n\n");
        }
        s.push_str(&format!("{}/{total}\n", p + 1));
    }
    s.push('\u{c}');
    s
}

/// The report in pypdf's way: no blank lines; notes, running head and page number after the
/// page's text.
fn pdf_dense(n: usize) -> String {
    let mut rng = Rng(5);
    let (blocks, notes) = body(n, true, &mut rng);
    let printed = print(&blocks, &mut rng);
    let pages = pages(&printed);
    let mut s = String::from(
        "A/81/62−E/2026/48Nations Unies\nAssemblée générale\nConseil économique et social\n\
         Distr. générale\n9 février 2026\nFrançais\nOriginal : anglais\nRésumé\n\
         Le présent rapport a été établi en application de la résolution 2006/46 du Conseil\n\
         économique et social.\nIntroduction\n",
    );
    let total = pages.len();
    for (p, page) in pages.iter().enumerate() {
        for l in page.lines {
            s.push_str(&l.text);
            s.push('\n');
        }
        for &k in &page.notes {
            let (lines, _) = note_lines(k, &notes[k - 1]);
            for l in lines {
                s.push_str(&l);
                s.push('\n');
            }
        }
        if p == 0 {
            s.push_str("26-60885 (F)\n");
        } else {
            s.push_str(&format!("A/81/62\nE/2026/48\n{}/{total}\n", p + 1));
        }
    }
    s
}
