//! Catalogs: the words of one language as a text file of `key = value`
//! lines (`static/i18n/*.txt`), read into a [`Strings`]. The one way a word
//! reaches the page: English is built in, since every page needs it first;
//! Chinese is fetched the first time someone reads in it, so English
//! readers do not download it.

use super::{Lang, Strings};
use std::cell::OnceCell;

/// Defines [`Strings`] from its keys: `name` is one text, `name[N]` a list
/// of N (keys `name.1` to `name.N` in a catalog).
macro_rules! strings {
    ($( $(#[$doc:meta])* $name:ident $([$n:literal])? ),* $(,)?) => {
        /// Every word of one language. Made only by reading a catalog.
        // repr(C), of texts and arrays of texts only: laid out as one array
        // of texts, which is how a catalog is read (`from_values`).
        #[repr(C)]
        pub struct Strings {
            $( $(#[$doc])* pub $name: $crate::i18n::catalog::strings!(@ty $($n)?), )*
        }

        impl Strings {
            /// How many texts in all.
            pub(in crate::i18n) const LEN: usize =
                0 $( + $crate::i18n::catalog::strings!(@len $($n)?) )*;

            /// Each key's name and how many values it has (0: one, not a
            /// list). Native only: the page reads a catalog by place.
            #[cfg(not(target_arch = "wasm32"))]
            pub(in crate::i18n) const NAMES: &'static [(&'static str, usize)] =
                &[$( (stringify!($name), $crate::i18n::catalog::strings!(@count $($n)?)) ),*];
        }
    };
    (@ty) => { &'static str };
    (@ty $n:literal) => { [&'static str; $n] };
    (@blank) => { "" };
    (@blank $n:literal) => { [""; $n] };
    (@count) => { 0 };
    (@count $n:literal) => { $n };
    (@len) => { 1 };
    (@len $n:literal) => { $n };
}
pub(crate) use strings;

/// Each key (`name` or `name.N`), in the order of the fields.
#[cfg(not(target_arch = "wasm32"))]
fn keys() -> Vec<String> {
    let mut out = Vec::new();
    for &(name, count) in Strings::NAMES {
        match count {
            0 => out.push(name.to_string()),
            n => out.extend((1..=n).map(|i| format!("{name}.{i}"))),
        }
    }
    out
}

// The layout `from_values` relies on.
const _: () = assert!(
    std::mem::size_of::<Strings>() == Strings::LEN * std::mem::size_of::<&str>()
        && std::mem::align_of::<Strings>() == std::mem::align_of::<&str>()
);

impl Strings {
    fn from_values(values: [&'static str; Strings::LEN]) -> Strings {
        // SAFETY: Strings is repr(C) and holds only `&'static str`s and
        // arrays of them, so it has the layout of `[&'static str; LEN]`
        // (same size and alignment, asserted above; no padding between
        // fields of one type). Every value is a valid `&'static str`.
        unsafe { std::mem::transmute::<[&'static str; Strings::LEN], Strings>(values) }
    }

    /// Every text, in key order (as `keys()` names them).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    fn values(&self) -> &[&'static str; Strings::LEN] {
        // SAFETY: as in from_values: the same layout, borrowed.
        unsafe { &*(self as *const Strings as *const [&'static str; Strings::LEN]) }
    }
}

/// The `key = value` lines of a catalog (or a lesson), with their line
/// numbers; blank lines and `#` comments are skipped. A value in quotes
/// keeps spaces at either end.
pub fn lines(text: &str) -> impl Iterator<Item = Result<(usize, &str, &str), String>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !(line.trim().is_empty() || line.starts_with('#')))
        .map(|(n, line)| {
            let (key, value) = line
                .split_once(" = ")
                .ok_or_else(|| format!("line {}: not `key = value`", n + 1))?;
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            Ok((n + 1, key, value))
        })
}

/// Read a catalog: one line per word, in the order of the fields of
/// `Strings` (`words.rs`). The page reads the lines by place, so the key
/// names stay out of it; natively (the tests, the command line) each key is
/// checked to be the one its place belongs to.
pub fn parse(text: &'static str) -> Result<Strings, String> {
    #[cfg(not(target_arch = "wasm32"))]
    let keys = keys();
    let mut values = [""; Strings::LEN];
    let mut count = 0;
    for line in lines(text) {
        let (n, _key, value) = line?;
        let slot = values
            .get_mut(count)
            .ok_or_else(|| format!("line {n}: more lines than the {} words", Strings::LEN))?;
        #[cfg(not(target_arch = "wasm32"))]
        if _key != keys[count] {
            return Err(format!("line {n}: {_key} where {} belongs", keys[count]));
        }
        *slot = value;
        count += 1;
    }
    if count < Strings::LEN {
        return Err(format!(
            "{} of {} words are missing",
            Strings::LEN - count,
            Strings::LEN
        ));
    }
    Ok(Strings::from_values(values))
}

/// The English catalog with its keys, where size does not matter (the
/// command line, native tests, which check every key).
#[cfg(not(target_arch = "wasm32"))]
pub const ENGLISH: &str = include_str!("../../static/i18n/en.txt");

/// English as built in: the page carries the catalog's values alone (the
/// core's build script strips the keys), read by place.
fn read_english() -> Result<Strings, String> {
    #[cfg(not(target_arch = "wasm32"))]
    return parse(ENGLISH);
    #[cfg(target_arch = "wasm32")]
    return from_value_lines(synack_sim::english::VALUES);
}

/// Words from a catalog's values alone, one per line, in key order.
#[cfg(any(target_arch = "wasm32", test))]
fn from_value_lines(text: &'static str) -> Result<Strings, String> {
    let mut values = [""; Strings::LEN];
    let mut lines = text.lines();
    for slot in values.iter_mut() {
        *slot = lines.next().ok_or("a word is missing")?;
    }
    match lines.next() {
        Some(_) => Err("more lines than words".into()),
        None => Ok(Strings::from_values(values)),
    }
}

/// The Chinese catalog, built in where size does not matter (the command
/// line, native tests); the page fetches it (`assets::fetch_words`).
#[cfg(not(target_arch = "wasm32"))]
pub const CHINESE: &str = include_str!("../../static/i18n/zh.txt");

thread_local! {
    static EN: OnceCell<&'static Strings> = const { OnceCell::new() };
    static ZH: OnceCell<&'static Strings> = const { OnceCell::new() };
}

fn leak(s: Strings) -> &'static Strings {
    Box::leak(Box::new(s))
}

/// The words of `lang`; English until another language's are installed.
pub fn words(lang: Lang) -> &'static Strings {
    let english = || {
        EN.with(|c| {
            *c.get_or_init(|| {
                // Built in and checked by the tests: it always reads.
                leak(read_english().unwrap_or_else(|e| panic!("en.txt: {e}")))
            })
        })
    };
    match lang {
        Lang::En => english(),
        Lang::Zh => installed(Lang::Zh).unwrap_or_else(english),
    }
}

/// A language's words, if they are here.
pub fn installed(lang: Lang) -> Option<&'static Strings> {
    match lang {
        Lang::En => Some(words(Lang::En)),
        Lang::Zh => ZH.with(|c| {
            #[cfg(not(target_arch = "wasm32"))]
            let _ =
                c.get_or_init(|| leak(parse(CHINESE).unwrap_or_else(|e| panic!("zh.txt: {e}"))));
            c.get().copied()
        }),
    }
}

/// Fetch `lang`'s words if they are not here yet (natively they always
/// are). The error is a sentence.
pub async fn load(lang: Lang) -> Result<(), String> {
    if installed(lang).is_some() {
        return Ok(());
    }
    let text = wasm_bindgen_futures::JsFuture::from(crate::assets::fetch_words(lang.code()))
        .await
        .map_err(|e| crate::export::describe(&e))?;
    install(lang, text.as_string().unwrap_or_default())
}

/// Read and keep a fetched catalog for `lang`.
pub fn install(lang: Lang, text: String) -> Result<(), String> {
    if lang == Lang::En {
        return Ok(());
    }
    let strings = parse(Box::leak(text.into_boxed_str()))?;
    ZH.with(|c| {
        let _ = c.set(leak(strings));
    });
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn names(template: &str) -> Vec<&str> {
        let mut out: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .filter(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn both_catalogs_read_and_fill_the_same_blanks() {
        let en = parse(ENGLISH).expect("en.txt reads");
        let zh = parse(CHINESE).expect("zh.txt reads");
        let keys = keys();
        assert_eq!(keys.len(), Strings::LEN);
        for ((key, e), z) in keys.iter().zip(en.values()).zip(zh.values()) {
            assert_eq!(names(e), names(z), "{key}: the same {{names}} in both");
        }
        // Read by place, not by chance: a key's text lands in its own field.
        assert_eq!(en.title, "TCP connection visualizer");
        assert_eq!(zh.header_fields[9].split('：').next(), Some("选项"));
    }

    #[test]
    fn the_page_reads_the_same_english_from_its_values_alone() {
        let (page, full) = (
            from_value_lines(synack_sim::english::VALUES).expect("values read"),
            parse(ENGLISH).unwrap(),
        );
        assert_eq!(page.values(), full.values());
        assert!(!synack_sim::english::VALUES.contains("why_syn_in_listen"));
        assert!(from_value_lines("a\nb").is_err());
    }

    #[test]
    fn a_bad_catalog_says_where() {
        let full = ENGLISH.to_string();
        let drop_title = full.replacen("\ntitle = ", "\n# title = ", 1);
        let msg = parse(Box::leak(drop_title.into_boxed_str())).err().unwrap();
        assert!(msg.ends_with("words_failed where title belongs"), "{msg}");
        let extra = format!("{full}nonsense = x\n");
        let msg = parse(Box::leak(extra.into_boxed_str())).err().unwrap();
        assert!(msg.contains("more lines than the"), "{msg}");
        let short = full.rsplit_once("\nrule_").unwrap().0.to_string();
        let msg = parse(Box::leak(short.into_boxed_str())).err().unwrap();
        assert!(msg.contains("words are missing"), "{msg}");
        assert!(parse("title").err().unwrap().contains("not `key = value`"));
    }
}
