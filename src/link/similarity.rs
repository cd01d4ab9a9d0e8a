//! Comparing wordings: word shingles (hashed runs of consecutive words) and an inverted index
//! over every paragraph of the corpus, so that a quotation finds its source paragraph, and a
//! reused paragraph its original, without comparing all pairs.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::UnicodeNormalization;

/// A hasher for keys that are hashes already (shingles) or small integers: one multiplication
/// instead of SipHash, which is built to resist chosen keys these are not.
#[derive(Debug, Default, Clone, Copy)]
pub struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
}

pub type Mix = BuildHasherDefault<MixHasher>;

/// A set of hashed shingles.
pub type Shingles = HashSet<u64, Mix>;

/// Words per shingle.
pub const SHINGLE: usize = 4;

/// A shingle that occurs in more paragraphs than this says nothing about where a text comes from
/// (`de la société de l'information`): the index does not follow it.
const COMMON: usize = 48;

/// The words of a text for comparison: lower case, compatibility-folded (no-break spaces,
/// typographic apostrophes), letters and digits only.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for_each_char(text, |c| {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    });
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Calls `f` on each character of `text`, compatibility-folded where that matters (ligatures,
/// superscripts, full-width forms); plain characters are passed through without normalising.
fn for_each_char(text: &str, mut f: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            f(c);
        } else {
            for d in std::iter::once(c).nfkc() {
                f(d);
            }
        }
    }
}

/// A word's hash (FNV-1a over its lower-case characters).
fn word_hash(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut in_word = false;
    for_each_char(text, |c| {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for b in l.encode_utf8(&mut buf).bytes() {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            }
            in_word = true;
        } else if in_word {
            out.push(h);
            h = 0xcbf2_9ce4_8422_2325;
            in_word = false;
        }
    });
    if in_word {
        out.push(h);
    }
    out
}

/// The set of hashed shingles of a text. A text shorter than a shingle gives one shingle of
/// all its words.
pub fn shingles(text: &str) -> Shingles {
    let w = word_hash(text);
    let mut out = Shingles::with_capacity_and_hasher(w.len(), Mix::default());
    if w.is_empty() {
        return out;
    }
    let combine = |ws: &[u64]| {
        ws.iter().fold(0x9E37_79B9_7F4A_7C15u64, |acc, &x| {
            (acc ^ x)
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(17)
        })
    };
    if w.len() < SHINGLE {
        out.insert(combine(&w));
        return out;
    }
    for window in w.windows(SHINGLE) {
        out.insert(combine(window));
    }
    out
}

/// How much of `part`'s wording is found in `whole`: shared shingles / shingles of `part`.
pub fn containment(part: &Shingles, whole: &Shingles) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    part.intersection(whole).count() as f64 / part.len() as f64
}

/// Two texts say the same thing in the same words (allowing a typo or two): each carries at
/// least `min` of the other's shingles.
pub fn same_wording(a: &Shingles, b: &Shingles, min: f64) -> bool {
    containment(a, b) >= min && containment(b, a) >= min
}

/// One indexed text: a paragraph of a document of the corpus.
#[derive(Debug, Clone)]
pub struct Entry<K> {
    pub key: K,
    /// The text's shingles, sorted ([`sorted`]).
    pub shingles: Vec<u64>,
}

/// A set of shingles as a sorted list, the form [`Index`] keeps and takes.
pub fn sorted(set: &Shingles) -> Vec<u64> {
    let mut v: Vec<u64> = set.iter().copied().collect();
    v.sort_unstable();
    v
}

/// How many values two sorted lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// An inverted index from shingles to the paragraphs that contain them.
#[derive(Debug)]
pub struct Index<K> {
    entries: Vec<Entry<K>>,
    /// Per shingle, where its entries stand in `lists`: (start, count).
    postings: HashMap<u64, (u32, u32), Mix>,
    /// The entries of every shingle, one run per shingle, each in entry order.
    lists: Vec<u32>,
}

/// A candidate source for a text, with how much of the text it contains and how much of itself
/// the text contains.
#[derive(Debug, Clone, Copy)]
pub struct Match<'a, K> {
    pub key: &'a K,
    /// Share of the query's shingles found in the entry.
    pub query_in_entry: f64,
    /// Share of the entry's shingles found in the query.
    pub entry_in_query: f64,
    /// Number of the entry's shingles.
    pub entry_len: usize,
}

impl<K> Index<K> {
    pub fn new(entries: Vec<Entry<K>>) -> Index<K>
    where
        K: Sync,
    {
        use rayon::prelude::*;
        // Every (shingle, entry) pair, sorted: each shingle's entries are then one run, in entry
        // order. One allocation for all lists, not one per shingle.
        let mut pairs: Vec<(u64, u32)> = entries
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, e)| e.shingles.iter().map(move |&s| (s, i as u32)))
            .collect();
        pairs.par_sort_unstable();
        let lists: Vec<u32> = pairs.iter().map(|&(_, i)| i).collect();
        let mut postings: HashMap<u64, (u32, u32), Mix> = HashMap::default();
        let mut start = 0;
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            postings.insert(run[0].0, (start as u32, run.len() as u32));
            start += run.len();
        }
        Index {
            entries,
            postings,
            lists,
        }
    }

    /// The entries holding shingle `s`, in entry order.
    fn list(&self, s: &u64) -> Option<&[u32]> {
        self.postings
            .get(s)
            .map(|&(start, n)| &self.lists[start as usize..(start + n) as usize])
    }

    pub fn entries(&self) -> &[Entry<K>] {
        &self.entries
    }

    /// Entries sharing at least one telling shingle with `query`, best first (by the smaller of
    /// the two containments, then by the query's containment). The telling shingles find the
    /// candidates; their containments are then counted over all shingles, common ones included.
    /// Work is proportional to the postings of the query's shingles and to the few best
    /// candidates, not to the size of the corpus.
    pub fn candidates(&self, query: &[u64]) -> Vec<Match<'_, K>> {
        const EXACT: usize = 64;
        // Per entry, the telling shingles it shares with the query, counted in a buffer of the
        // thread's own (one slot per entry), reset after use: no hashing per posting.
        thread_local! {
            static SHARED: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        // The query's common shingles, in order: counted for the best candidates only.
        let mut common: Vec<u64> = Vec::new();
        let mut found: Vec<(u32, u32)> = SHARED.with(|cell| {
            let mut shared = cell.borrow_mut();
            if shared.len() < self.entries.len() {
                shared.resize(self.entries.len(), 0);
            }
            let mut touched: Vec<u32> = Vec::new();
            for s in query {
                if let Some(list) = self.list(s) {
                    if list.len() > COMMON {
                        common.push(*s);
                        continue;
                    }
                    for &i in list {
                        let n = &mut shared[i as usize];
                        if *n == 0 {
                            touched.push(i);
                        }
                        *n += 1;
                    }
                }
            }
            touched
                .into_iter()
                .map(|i| (i, std::mem::take(&mut shared[i as usize])))
                .collect()
        });
        let by_count = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if found.len() > EXACT {
            found.select_nth_unstable_by(EXACT - 1, by_count);
            found.truncate(EXACT);
        }
        found.sort_by(by_count);
        let mut out: Vec<Match<'_, K>> = found
            .into_iter()
            .map(|(i, telling)| {
                let e = &self.entries[i as usize];
                // Shared shingles: the telling ones, counted exactly above, and the common ones
                // the entry has, looked up one by one when they are few.
                let n = telling as usize
                    + if common.len() * 8 < e.shingles.len() {
                        common
                            .iter()
                            .filter(|s| e.shingles.binary_search(s).is_ok())
                            .count()
                    } else {
                        shared(&common, &e.shingles)
                    };
                Match {
                    key: &e.key,
                    query_in_entry: n as f64 / query.len().max(1) as f64,
                    entry_in_query: n as f64 / e.shingles.len().max(1) as f64,
                    entry_len: e.shingles.len(),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            let ka = a.query_in_entry.min(a.entry_in_query);
            let kb = b.query_in_entry.min(b.entry_in_query);
            kb.total_cmp(&ka)
                .then(b.query_in_entry.total_cmp(&a.query_in_entry))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_spaces_and_apostrophes() {
        assert_eq!(
            words("L’UIT, 93\u{a0}% « SMSI »"),
            ["l", "uit", "93", "smsi"]
        );
        assert_eq!(words("93%"), words("93 %"));
    }

    #[test]
    fn the_same_paragraph_with_a_typo_has_the_same_wording() {
        let a = shingles("Nous prions les entités qui facilitent la mise en œuvre des grandes orientations d'élaborer des feuilles de route ciblées");
        let b = shingles("Nous prions les entités qui facilitent le mise en œuvre des grandes orientations d'élaborer des feuilles de route ciblées");
        assert!(
            same_wording(&a, &b, 0.7),
            "{} {}",
            containment(&a, &b),
            containment(&b, &a)
        );
        let c = shingles("Nous savons le rôle important que jouent les commissions régionales dans la mise en œuvre");
        assert!(!same_wording(&a, &c, 0.3));
    }

    #[test]
    fn containments_count_the_common_shingles_too() {
        // Every entry shares one opening, too common to find candidates by, and has a tail of
        // its own.
        let texts: Vec<String> = (0..COMMON + 12)
            .map(|i| {
                format!("alpha beta gamma delta epsilon zeta eta theta u{i} v{i} w{i} x{i} y{i}")
            })
            .collect();
        let index = Index::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Entry {
                    key: i,
                    shingles: sorted(&shingles(t)),
                })
                .collect(),
        );
        let found = index.candidates(&sorted(&shingles(&texts[7])));
        assert_eq!(*found[0].key, 7);
        assert_eq!(found[0].query_in_entry, 1.0);
        assert_eq!(found[0].entry_in_query, 1.0);
        assert_eq!(found.len(), 1, "the opening alone finds no candidate");
    }

    #[test]
    fn the_index_finds_the_source_of_a_quotation_first() {
        let texts = [
            "Nous savons que la connectivité universelle et un accès aux technologies de l'information sont fondamentaux",
            "Nous nous félicitons que l'Union internationale des télécommunications continue d'organiser le Forum du Sommet mondial",
            "Nous savons le rôle important que jouent les commissions régionales",
        ];
        let index = Index::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Entry {
                    key: i,
                    shingles: sorted(&shingles(t)),
                })
                .collect(),
        );
        let q =
            shingles("l'Union internationale des télécommunications continue d'organiser le Forum");
        let found = index.candidates(&sorted(&q));
        assert_eq!(*found[0].key, 1);
        assert!(found[0].query_in_entry > 0.99);
        assert!(index
            .candidates(&sorted(&shingles("rien de commun ici du tout")))
            .is_empty());
    }
}
