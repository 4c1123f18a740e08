//! The region tree ("regionale Zusätze") that `get regions` and `get regionsLiveSearch`
//! answer from: built-in data (`catalogs/regions.tsv`), one tree shared by every tenant.
//!
//! The file is parsed and checked when the store opens ([`check`]); a broken line stops the
//! store from opening, naming the line.

use std::collections::HashMap;
use std::sync::LazyLock;

use kontor_proto::Language;

/// The prefix of every region key, as real answers carry it (`openGeoDb_Region_26882`).
pub const KEY_PREFIX: &str = "openGeoDb_Region_";

/// Postal codes of a region: a range or a single code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostalCodes {
    Range(String, String),
    Single(String),
}

/// One region of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// `openGeoDb_Region_<number>`.
    pub key: String,
    pub number: u32,
    /// 1 for a state, 2 for its cities, 3 for their districts.
    pub level: u8,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    deu: String,
    eng: Option<String>,
    pub postalcodes: Vec<PostalCodes>,
}

impl Region {
    /// The region's name in `lang`: English where it differs, German otherwise.
    pub fn name(&self, lang: Language) -> &str {
        match (&self.eng, lang == Language::ENG) {
            (Some(eng), true) => eng,
            _ => &self.deu,
        }
    }
}

/// The regions in file order (parents before children).
#[derive(Debug, Default)]
pub struct RegionTree {
    regions: Vec<Region>,
    by_key: HashMap<String, usize>,
}

impl RegionTree {
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Region> {
        self.regions.get(index)
    }

    /// A region by its key (`openGeoDb_Region_1161`).
    pub fn by_key(&self, key: &str) -> Option<&Region> {
        self.by_key.get(key).and_then(|&i| self.regions.get(i))
    }

    /// The top regions (the states), in file order.
    pub fn roots(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| r.parent.is_none())
    }

    pub fn children<'a>(&'a self, region: &'a Region) -> impl Iterator<Item = &'a Region> {
        region.children.iter().filter_map(|&i| self.regions.get(i))
    }

    /// The region and its ancestors, from the top down.
    pub fn path<'a>(&'a self, region: &'a Region) -> Vec<&'a Region> {
        let mut path = vec![region];
        let mut at = region.parent;
        while let Some(parent) = at.and_then(|i| self.regions.get(i)) {
            path.push(parent);
            at = parent.parent;
        }
        path.reverse();
        path
    }

    /// The state a region lies in (the region itself for a state).
    pub fn state_of<'a>(&'a self, region: &'a Region) -> &'a Region {
        self.path(region).first().copied().unwrap_or(region)
    }

    /// Regions whose German or English name starts with `prefix`, ignoring letter case and
    /// umlauts (`koln`, `koeln` and `Köln` all find Köln), in file order.
    pub fn search(&self, prefix: &str) -> Vec<&Region> {
        let wanted = fold(prefix, true);
        self.regions
            .iter()
            .filter(|r| {
                std::iter::once(r.deu.as_str())
                    .chain(r.eng.as_deref())
                    .any(|name| {
                        fold(name, true).starts_with(&wanted)
                            || fold(name, false).starts_with(&wanted)
                    })
            })
            .collect()
    }
}

/// Lower case with `ß` → `ss` and umlauts as `ae`/`oe`/`ue` (`spelled`) or as the bare vowel.
fn fold(text: &str, spelled: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match (c, spelled) {
            ('ä', true) => out.push_str("ae"),
            ('ö', true) => out.push_str("oe"),
            ('ü', true) => out.push_str("ue"),
            ('ä', false) => out.push('a'),
            ('ö', false) => out.push('o'),
            ('ü', false) => out.push('u'),
            ('ß', _) => out.push_str("ss"),
            _ => out.push(c),
        }
    }
    out
}

static TREE: LazyLock<Result<RegionTree, String>> =
    LazyLock::new(|| parse("regions.tsv", include_str!("../catalogs/regions.tsv")));

/// The built-in region tree (empty only if the file is broken, which [`check`] reports).
pub fn tree() -> &'static RegionTree {
    static EMPTY: LazyLock<RegionTree> = LazyLock::new(RegionTree::default);
    match &*TREE {
        Ok(tree) => tree,
        Err(_) => &EMPTY,
    }
}

/// Whether the region file parsed; called when the store opens.
pub fn check() -> Result<(), String> {
    TREE.as_ref().map(|_| ()).map_err(Clone::clone)
}

fn none_if_dash(text: &str) -> Option<&str> {
    (text != "-" && !text.is_empty()).then_some(text)
}

fn postal_code(text: &str) -> Result<String, String> {
    if text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err(format!("postal code {text:?} is not five digits"))
    }
}

fn postal_codes(text: &str) -> Result<Vec<PostalCodes>, String> {
    let Some(text) = none_if_dash(text) else {
        return Ok(Vec::new());
    };
    text.split(',')
        .map(|part| match part.split_once('-') {
            Some((from, to)) if from <= to => {
                Ok(PostalCodes::Range(postal_code(from)?, postal_code(to)?))
            }
            Some(_) => Err(format!("postal code range {part:?} runs backwards")),
            None => Ok(PostalCodes::Single(postal_code(part)?)),
        })
        .collect()
}

/// Parses the region file; errors name the file and line.
pub fn parse(file_name: &str, text: &str) -> Result<RegionTree, String> {
    let mut tree = RegionTree::default();
    let mut by_number: HashMap<u32, usize> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let at = |e: String| format!("{file_name}:{}: {e}", n + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [number, parent, deu, eng, codes] = cols[..] else {
            return Err(at(format!("{} columns, expected 5", cols.len())));
        };
        let number: u32 = number
            .parse()
            .map_err(|_| at(format!("number {number:?} is not a positive integer")))?;
        if by_number.contains_key(&number) {
            return Err(at(format!("number {number} appears twice")));
        }
        let parent =
            match none_if_dash(parent) {
                None => None,
                Some(p) => {
                    let p: u32 = p
                        .parse()
                        .map_err(|_| at(format!("parent {p:?} is not a number")))?;
                    Some(*by_number.get(&p).ok_or_else(|| {
                        at(format!("parent {p} is not defined on an earlier line"))
                    })?)
                }
            };
        if deu.trim().is_empty() || deu.trim() != deu {
            return Err(at(format!("German name {deu:?} is empty or padded")));
        }
        let level = match parent.and_then(|p| tree.regions.get(p)) {
            Some(p) => p.level + 1,
            None => 1,
        };
        let index = tree.regions.len();
        if let Some(p) = parent.and_then(|p| tree.regions.get_mut(p)) {
            p.children.push(index);
        }
        let key = format!("{KEY_PREFIX}{number}");
        tree.by_key.insert(key.clone(), index);
        by_number.insert(number, index);
        tree.regions.push(Region {
            key,
            number,
            level,
            parent,
            children: Vec::new(),
            deu: deu.to_string(),
            eng: none_if_dash(eng).map(str::to_string),
            postalcodes: postal_codes(codes).map_err(at)?,
        });
    }
    Ok(tree)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_tree_has_the_states_capitals_and_large_cities() {
        assert_eq!(check(), Ok(()));
        let tree = tree();
        let states: Vec<&str> = tree.roots().map(|r| r.name(Language::DEU)).collect();
        assert_eq!(states.len(), 16);
        assert!(tree.len() >= 16 + 16 + 40, "{} regions", tree.len());
        let koeln = tree.by_key("openGeoDb_Region_1161");
        assert_eq!(koeln.map(|r| r.name(Language::ENG)), Some("Cologne"));
        assert_eq!(koeln.map(|r| r.name(Language::DEU)), Some("Köln"));
        let bavaria = tree.roots().find(|r| r.name(Language::ENG) == "Bavaria");
        assert_eq!(bavaria.map(|r| r.name(Language::DEU)), Some("Bayern"));
        for capital in [
            "Stuttgart",
            "München",
            "Potsdam",
            "Schwerin",
            "Erfurt",
            "Kiel",
        ] {
            assert!(
                tree.search(capital).iter().any(|r| r.level == 2),
                "{capital}"
            );
        }
    }

    #[test]
    fn search_ignores_case_and_umlauts() {
        let tree = tree();
        for query in ["köln", "KOELN", "koln", "Cologne"] {
            let found: Vec<&str> = tree.search(query).iter().map(|r| r.key.as_str()).collect();
            assert_eq!(found, vec!["openGeoDb_Region_1161"], "{query}");
        }
        assert!(tree.search("xyz").is_empty());
    }

    #[test]
    fn broken_lines_are_named() {
        let err = |text: &str| parse("r.tsv", text).err().unwrap_or_default();
        assert!(err("1\t-\tA\t-\t-\n1\t-\tB\t-\t-").contains("r.tsv:2: number 1 appears twice"));
        assert!(err("1\t7\tA\t-\t-").contains("r.tsv:1: parent 7"));
        assert!(err("1\t-\tA\t-").contains("r.tsv:1: 4 columns"));
        assert!(err("1\t-\tA\t-\t123").contains("five digits"));
        assert!(err("1\t-\tA\t-\t20000-10000").contains("backwards"));
        assert!(err("1\t-\t\t-\t-").contains("German name"));
    }
}
