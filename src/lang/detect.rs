//! Which language a text is written in: by its script, and among languages of one script by their function
//! words, from the table `detect.tsv` (a new language is a new row).
//!
//! Small on purpose: the engine's download has a budget, and a news article is long enough for function words
//! to decide (a paragraph holds dozens of "the", "de", "und"). A text with too few of them (a list of names, a
//! headline alone) is left undecided rather than guessed.

use crate::hash::FastMap as HashMap;
use std::sync::OnceLock;

/// The table, embedded.
const TABLE: &str = include_str!("detect.tsv");

/// Fewer weighted function-word hits than this for the best Latin-script language leaves the text undecided.
const MIN_EVIDENCE: f64 = 3.0;

/// Hits at which the amount of evidence stops lowering the confidence.
const FULL_EVIDENCE: f64 = 12.0;

/// The language a text appears to be in.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code (`en`, `fr`, `zh`).
    pub code: &'static str,
    /// Its English name ("French").
    pub name: &'static str,
    /// How sure, 0..1: how far the best language leads the next, times how much evidence there was.
    pub confidence: f32,
    /// The share of the text's letters in the language's script, 0..1.
    pub script_share: f32,
    /// The languages of that script with their function-word evidence (weighted hits), best first.
    pub scores: Vec<(&'static str, f32)>,
}

impl Detected {
    /// True when the text is surely not in the language `code`: its script is mostly another's, or its
    /// function words are less than half as frequent as the detected language's.
    pub fn is_surely_not(&self, code: &str) -> bool {
        if self.code == code || self.script_share < 0.5 {
            return false;
        }
        let best = self.scores.first().map_or(0.0, |s| s.1);
        let theirs = self.scores.iter().find(|s| s.0 == code).map_or(0.0, |s| s.1);
        theirs <= 0.5 * best
    }
}

/// Writing systems told apart by code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Script {
    Latin = 0,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Hangul,
    Kana,
    Han,
}

impl Script {
    /// Every script, in the order of their numbers.
    const ALL: [Script; 10] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Devanagari,
        Script::Thai,
        Script::Hangul,
        Script::Kana,
        Script::Han,
    ];

    fn named(name: &str) -> Option<Script> {
        Some(match name {
            "Latin" => Script::Latin,
            "Cyrillic" => Script::Cyrillic,
            "Greek" => Script::Greek,
            "Arabic" => Script::Arabic,
            "Hebrew" => Script::Hebrew,
            "Devanagari" => Script::Devanagari,
            "Thai" => Script::Thai,
            "Hangul" => Script::Hangul,
            "Kana" => Script::Kana,
            "Han" => Script::Han,
            _ => return None,
        })
    }

    /// The script of a letter, by Unicode block.
    fn of(c: char) -> Option<Script> {
        Some(match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F => Script::Cyrillic,
            0x590..=0x5FF => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            0x900..=0x97F => Script::Devanagari,
            0xE00..=0xE7F => Script::Thai,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
            _ => return None,
        })
    }
}

/// One row of the table.
struct Row {
    code: &'static str,
    name: &'static str,
    script: Script,
}

/// The table, read once: the rows, and each function word with the rows (by index) that list it.
struct Table {
    rows: Vec<Row>,
    words: HashMap<&'static str, Vec<usize>>,
    /// The byte length of the longest function word: a longer word is not looked up.
    longest: usize,
}

fn table() -> &'static Table {
    static TABLE_READ: OnceLock<Table> = OnceLock::new();
    TABLE_READ.get_or_init(|| {
        let mut rows = Vec::new();
        let mut words: HashMap<&'static str, Vec<usize>> = HashMap::default();
        for line in TABLE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(code), Some(name), Some(script)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            // The table is part of the crate; a row with an unknown script is a bug the tests catch.
            let Some(script) = Script::named(script) else {
                continue;
            };
            for word in cols.next().unwrap_or("").split_whitespace() {
                words.entry(word).or_default().push(rows.len());
            }
            rows.push(Row { code, name, script });
        }
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        Table { rows, words, longest }
    })
}

/// The English name of the language with ISO 639-1 `code`, when the table has it.
pub fn name_of(code: &str) -> Option<&'static str> {
    table().rows.iter().find(|r| r.code == code).map(|r| r.name)
}

/// The language `text` is written in, or `None` when it has too few letters or function words to tell.
///
/// Linear in the text: one pass counting letters by script and looking each word up once.
pub fn detect(text: &str) -> Option<Detected> {
    let table = table();
    // Letters per script, by the script's number: counted for every letter, so no hashing.
    let mut letters = [0usize; Script::ALL.len()];
    let mut score = vec![0.0_f64; table.rows.len()];
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if word.len() > table.longest {
            word.clear();
            return;
        }
        if let Some(rows) = table.words.get(word.as_str()) {
            for &r in rows {
                score[r] += 1.0 / rows.len() as f64;
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if let Some(script) = Script::of(c) {
                letters[script as usize] += 1;
            }
            // Words longer than any function word are not looked up, nor grown past that length.
            if word.len() <= table.longest {
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    word.extend(c.to_lowercase());
                }
            }
        } else if !word.is_empty() {
            flush(&mut word);
        }
    }
    if !word.is_empty() {
        flush(&mut word);
    }
    let total: usize = letters.iter().sum();
    let (script, count) = Script::ALL
        .iter()
        .map(|&s| (s, letters[s as usize]))
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(s, n)| (n, std::cmp::Reverse(s as usize)))?;
    if total == 0 {
        return None;
    }
    let (script, count) = if matches!(script, Script::Han | Script::Kana) {
        // Japanese writes Han with Kana; Chinese has none.
        let (han, kana) = (letters[Script::Han as usize], letters[Script::Kana as usize]);
        (if kana * 10 >= han { Script::Kana } else { Script::Han }, han + kana)
    } else {
        (script, count)
    };
    let share = count as f64 / total as f64;
    let candidates: Vec<usize> = (0..table.rows.len())
        .filter(|&r| table.rows[r].script == script)
        .collect();
    let mut ranked: Vec<(f64, usize)> = candidates.iter().map(|&r| (score[r], r)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let (best, mut row) = *ranked.first()?;
    let confidence = if ranked.len() == 1 {
        // The script alone decides (Greek, Thai, Han...).
        share
    } else if best < MIN_EVIDENCE {
        if script == Script::Latin {
            return None;
        }
        // Too few words to choose among the script's languages, but the script is sure: its first row, half sure.
        row = candidates[0];
        ranked.sort_by_key(|&(_, r)| r != row);
        share * 0.5
    } else {
        let second = ranked.get(1).map_or(0.0, |r| r.0);
        share * ((best - second) / best) * (best / FULL_EVIDENCE).min(1.0)
    };
    let row = &table.rows[row];
    Some(Detected {
        code: row.code,
        name: row.name,
        confidence: confidence.clamp(0.0, 1.0) as f32,
        script_share: share as f32,
        scores: ranked.iter().map(|&(s, r)| (table.rows[r].code, s as f32)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        detect(text).map(|d| d.code)
    }

    #[test]
    fn each_script_counts_in_its_own_slot() {
        for (i, s) in Script::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i, "{s:?}");
        }
        assert_eq!(Script::of('Ж'), Some(Script::Cyrillic));
        assert_eq!(
            detect("Это короткий текст на русском языке, и он написан кириллицей.").map(|d| d.script_share),
            Some(1.0)
        );
    }

    #[test]
    fn every_row_reads() {
        let rows = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(
            table().rows.len(),
            rows,
            "a row has an unknown script or too few columns"
        );
    }

    #[test]
    fn news_sentences_in_several_languages() {
        let cases = [
            ("en", "The minister said on Sunday that the talks with the rebels were over and that troops would stay in the city for a week."),
            ("fr", "Le ministre a déclaré dimanche que les négociations avec les rebelles sont terminées et que les troupes resteront dans la ville."),
            ("de", "Der Minister sagte am Sonntag, dass die Gespräche mit den Rebellen beendet sind und die Truppen eine Woche in der Stadt bleiben."),
            ("es", "El ministro dijo el domingo que las negociaciones con los rebeldes han terminado y que las tropas se quedarán en la ciudad una semana."),
            ("pt", "O ministro disse no domingo que as negociações com os rebeldes terminaram e que as tropas vão ficar na cidade por uma semana."),
            ("cs", "Ministr v neděli řekl, že jednání s rebely skončila a že vojáci zůstanou ve městě ještě týden, jak to bylo dohodnuto."),
            ("ru", "Министр заявил в воскресенье, что переговоры с повстанцами закончены и что войска останутся в городе на неделю."),
            ("zh", "部长星期日说，与叛军的谈判已经结束，部队将在城市里停留一个星期。"),
            ("ja", "大臣は日曜日、反政府勢力との交渉は終わり、部隊は一週間市内にとどまると述べた。"),
            ("ar", "قال الوزير يوم الأحد إن المفاوضات مع المتمردين انتهت وإن القوات ستبقى في المدينة لمدة أسبوع."),
        ];
        for (want, text) in cases {
            let got = detect(text);
            assert_eq!(got.as_ref().map(|d| d.code), Some(want), "{text}: {got:?}");
            let got = got.expect("detected");
            assert_eq!(got.is_surely_not("en"), want != "en", "{want}: {got:?}");
            assert!(!got.is_surely_not(want));
        }
    }

    #[test]
    fn too_little_to_tell_is_undecided() {
        assert_eq!(code(""), None);
        assert_eq!(code("Homs\nAleppo\nIdlib"), None);
        assert_eq!(code("12 345 678"), None);
    }

    #[test]
    fn english_with_foreign_names_stays_english() {
        let text = "Président François Hollande met Señor José Pérez in São Paulo on Monday, and the two leaders \
                    said that the deal was good for both of their countries.";
        assert_eq!(code(text), Some("en"));
    }
}
