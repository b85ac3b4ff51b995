//! The fill-in exercise's words: a catalog of their own
//! (`static/i18n/exercise/<lang>.txt`), carried in the exercise's code, so
//! that a page without an exercise loads none of them (the split build
//! moves what only the exercise's code uses into its part).

use super::catalog;
use super::Lang;
use std::cell::OnceCell;

catalog::strings! {
    /// The exercise's words in one language.
    pub struct ExerciseWords {
        fill_title,
        fill_prompt,
        fill_student,
        fill_student_hint,
        fill_student_use,
        fill_check,
        fill_again,
        fill_score,
        fill_segment,
        fill_no_ack,
        why_isn,
        why_isn_relative,
        why_follows_seq,
        why_follows_ack,
        why_repeats,
        why_given,
        why_no_ack,
        author_hint,
        author_hide,
        author_ask,
        author_vary,
        vary_isn,
        vary_delay,
        vary_data,
        vary_loss,
        author_absolute,
        author_no_labels,
        author_try,
        author_link,
        order_title,
        order_prompt,
        order_card,
        order_up,
        order_down,
        order_check,
        order_score,
        order_place,
        order_tie_first,
        order_tie_answers,
        order_tie_after,
        play_title_client,
        play_title_server,
        play_prompt,
        play_isn,
        play_arrived,
        play_own,
        play_watch,
        play_watch_skip,
        play_len,
        play_send,
        play_nothing,
        play_no_flags,
        play_bad_number,
        play_move,
        play_you,
        play_linux,
        play_nothing_sent,
        play_score,
        play_again,
        play_due_none,
        play_due_later,
        author_kind,
        kind_fill,
        kind_order,
        kind_play,
        kind_predict,
        author_side,
        author_preview,
        author_preview_close,
        author_preview_title,
    }
}

const ENGLISH: &str = include_str!("../../static/i18n/exercise/en.txt");
const CHINESE: &str = include_str!("../../static/i18n/exercise/zh.txt");

thread_local! {
    static WORDS: [OnceCell<&'static ExerciseWords>; 2] = const { [OnceCell::new(), OnceCell::new()] };
}

/// The exercise's words in `lang` (both languages come with its code).
pub fn exercise_words(lang: Lang) -> &'static ExerciseWords {
    let (i, text) = match lang {
        Lang::En => (0, ENGLISH),
        Lang::Zh => (1, CHINESE),
    };
    WORDS.with(|w| {
        *w[i].get_or_init(|| {
            // Built in and checked by the tests: they always read.
            let words = catalog::parse::<ExerciseWords>(text)
                .unwrap_or_else(|e| panic!("exercise/{}.txt: {e}", lang.code()));
            Box::leak(Box::new(words))
        })
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::i18n::catalog::Catalog;

    #[test]
    fn both_languages_read_with_the_same_blanks() {
        let (en, zh) = (exercise_words(Lang::En), exercise_words(Lang::Zh));
        assert_eq!(en.fill_title, "Fill in the hidden fields");
        let blanks = |t: &str| {
            let mut v: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|r| r.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v
        };
        for (e, z) in en.values().iter().zip(zh.values()) {
            assert_eq!(blanks(e), blanks(z), "{e} / {z}");
        }
        assert_eq!(ExerciseWords::LEN, 70);
    }
}
