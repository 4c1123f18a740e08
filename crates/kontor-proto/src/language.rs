//! Language codes as the API uses them: three upper-case letters (`DEU`, `ENG`, `FRA`).

use std::fmt;

/// The languages Kontor knows labels for or accepts. The docs name the codes ISO 3166-1
/// alpha-3 in some places and ISO 639 in others; every example uses these three-letter forms.
const KNOWN: &[&str] = &[
    "DEU", "ENG", "FRA", "ITA", "ESP", "NLD", "POL", "CZE", "DAN", "FIN", "GRC", "HUN", "NOR",
    "PRT", "RUS", "SWE", "TUR", "HRV", "SVK", "SVN", "ROU", "BGR", "CHN", "JPN", "ARA",
];

/// A validated language code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language([u8; 3]);

impl Language {
    pub const DEU: Language = Language(*b"DEU");
    pub const ENG: Language = Language(*b"ENG");

    /// Accepts a known code in any letter case (`eng` is taken as `ENG`).
    pub fn parse(text: &str) -> Option<Language> {
        let upper = text.trim().to_ascii_uppercase();
        let bytes: [u8; 3] = upper.as_bytes().try_into().ok()?;
        KNOWN.contains(&upper.as_str()).then_some(Language(bytes))
    }

    pub fn as_str(&self) -> &str {
        // The bytes are checked ASCII letters, so this never fails; the fallback keeps it total.
        std::str::from_utf8(&self.0).unwrap_or("DEU")
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_codes_in_any_case() {
        assert_eq!(Language::parse("eng"), Some(Language::ENG));
        assert_eq!(
            Language::parse("DEU").map(|l| l.to_string()),
            Some("DEU".into())
        );
        assert_eq!(Language::parse("EN"), None);
        assert_eq!(Language::parse("XYZ"), None);
        assert_eq!(Language::parse("ENGL"), None);
    }
}
