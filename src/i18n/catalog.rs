//! Catalogs: the words of one language as a text file of `key = value`
//! lines (`static/i18n/*.txt`), read into a [`Strings`]. The one way a word
//! reaches the page: English is built in, since every page needs it first;
//! Chinese is fetched the first time someone reads in it, so English
//! readers do not download it.

use super::{Lang, Strings};
use std::cell::OnceCell;

/// Defines a catalog's struct from its keys: `name` is one text,
/// `name[N]` a list of N (keys `name.1` to `name.N` in a catalog). The
/// page's words are [`Strings`]; a part of the page fetched when first
/// shown may have its own (`super::exercise_words`), carried in its code.
macro_rules! strings {
    ($(#[$sdoc:meta])* pub struct $S:ident { $( $(#[$doc:meta])* $name:ident $([$n:literal])? ),* $(,)? }) => {
        $(#[$sdoc])*
        // repr(C), of texts and arrays of texts only: laid out as one array
        // of texts, which is how a catalog is read (`Catalog::from_values`).
        #[repr(C)]
        pub struct $S {
            $( $(#[$doc])* pub $name: $crate::i18n::catalog::strings!(@ty $($n)?), )*
        }

        // SAFETY: repr(C), and every field a `&'static str` or an array of
        // them (the macro writes no other), so it has the layout of
        // `[&'static str; LEN]`: same size and alignment, asserted here.
        unsafe impl $crate::i18n::catalog::Catalog for $S {
            const LEN: usize =
                0 $( + $crate::i18n::catalog::strings!(@len $($n)?) )*;

            #[cfg(not(target_arch = "wasm32"))]
            const NAMES: &'static [(&'static str, usize)] =
                &[$( (stringify!($name), $crate::i18n::catalog::strings!(@count $($n)?)) ),*];
        }

        const _: () = assert!(
            std::mem::size_of::<$S>()
                == <$S as $crate::i18n::catalog::Catalog>::LEN * std::mem::size_of::<&str>()
                && std::mem::align_of::<$S>() == std::mem::align_of::<&str>()
        );
    };
    (@ty) => { &'static str };
    (@ty $n:literal) => { [&'static str; $n] };
    (@count) => { 0 };
    (@count $n:literal) => { $n };
    (@len) => { 1 };
    (@len $n:literal) => { $n };
}
pub(crate) use strings;

/// A catalog's words as a struct of texts (made by `strings!` only).
///
/// # Safety
/// The type must have the layout of `[&'static str; LEN]`, as `strings!`
/// makes and asserts.
pub unsafe trait Catalog: Sized + 'static {
    /// How many texts in all.
    const LEN: usize;
    /// Each key's name and how many values it has (0: one, not a list).
    /// Native only: the page reads a catalog by place.
    #[cfg(not(target_arch = "wasm32"))]
    const NAMES: &'static [(&'static str, usize)];

    /// The words from their texts in key order; None unless exactly LEN.
    fn from_values(values: &[&'static str]) -> Option<Self> {
        // SAFETY: LEN texts are there, and Self has the layout of LEN texts
        // (the trait's contract); `&'static str` is Copy, so reading them
        // out leaves nothing to drop twice.
        (values.len() == Self::LEN)
            .then(|| unsafe { std::ptr::read(values.as_ptr() as *const Self) })
    }

    /// Every text, in key order (as `keys()` names them).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    fn values(&self) -> &[&'static str] {
        // SAFETY: as in from_values: the same layout, borrowed.
        unsafe { std::slice::from_raw_parts(self as *const Self as *const &'static str, Self::LEN) }
    }
}

/// Each key (`name` or `name.N`), in the order of the fields.
#[cfg(not(target_arch = "wasm32"))]
fn keys<C: Catalog>() -> Vec<String> {
    let mut out = Vec::new();
    for &(name, count) in C::NAMES {
        match count {
            0 => out.push(name.to_string()),
            n => out.extend((1..=n).map(|i| format!("{name}.{i}"))),
        }
    }
    out
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
pub fn parse<C: Catalog>(text: &'static str) -> Result<C, String> {
    #[cfg(not(target_arch = "wasm32"))]
    let keys = keys::<C>();
    let mut values = Vec::with_capacity(C::LEN);
    for line in lines(text) {
        let (n, _key, value) = line?;
        if values.len() == C::LEN {
            return Err(format!("line {n}: more lines than the {} words", C::LEN));
        }
        #[cfg(not(target_arch = "wasm32"))]
        if _key != keys[values.len()] {
            return Err(format!(
                "line {n}: {_key} where {} belongs",
                keys[values.len()]
            ));
        }
        values.push(value);
    }
    if values.len() < C::LEN {
        return Err(format!(
            "{} of {} words are missing",
            C::LEN - values.len(),
            C::LEN
        ));
    }
    C::from_values(&values).ok_or_else(|| "the words do not fit".into())
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
    let values: Vec<&'static str> = text.lines().collect();
    match values.len().cmp(&Strings::LEN) {
        std::cmp::Ordering::Less => Err("a word is missing".into()),
        std::cmp::Ordering::Greater => Err("more lines than words".into()),
        std::cmp::Ordering::Equal => {
            Strings::from_values(&values).ok_or_else(|| "the words do not fit".into())
        }
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
        let en: Strings = parse(ENGLISH).expect("en.txt reads");
        let zh: Strings = parse(CHINESE).expect("zh.txt reads");
        let keys = keys::<Strings>();
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
            parse::<Strings>(ENGLISH).unwrap(),
        );
        assert_eq!(page.values(), full.values());
        assert!(!synack_sim::english::VALUES.contains("why_syn_in_listen"));
        assert!(from_value_lines("a\nb").is_err());
    }

    #[test]
    fn a_bad_catalog_says_where() {
        let full = ENGLISH.to_string();
        let drop_title = full.replacen("\ntitle = ", "\n# title = ", 1);
        let msg = parse::<Strings>(Box::leak(drop_title.into_boxed_str()))
            .err()
            .unwrap();
        assert!(msg.ends_with("words_failed where title belongs"), "{msg}");
        let extra = format!("{full}nonsense = x\n");
        let msg = parse::<Strings>(Box::leak(extra.into_boxed_str()))
            .err()
            .unwrap();
        assert!(msg.contains("more lines than the"), "{msg}");
        let short = full.rsplit_once("\nrule_").unwrap().0.to_string();
        let msg = parse::<Strings>(Box::leak(short.into_boxed_str()))
            .err()
            .unwrap();
        assert!(msg.contains("words are missing"), "{msg}");
        assert!(parse::<Strings>("title")
            .err()
            .unwrap()
            .contains("not `key = value`"));
    }
}
