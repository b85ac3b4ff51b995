//! A list whose items are written as markup and patched by key, outside
//! Yew's diff. Building each item as elements through Yew costs a few DOM
//! calls per node; an edit that brings in a whole new run then rebuilds a
//! long list node by node. Here new items are parsed from text (many at once
//! in one call), items whose text changed are patched in place, and the rest
//! keep their elements.

use std::ops::Range;
use web_sys::Element;

/// An item of the list: one element, drawn from its value.
pub trait Item: PartialEq {
    type Key: Ord;
    /// Keys increase along the list.
    fn key(&self) -> Self::Key;
    fn write_markup(&self, out: &mut String);
    /// Whether `patch` can bring an element drawn from `old` up to date
    /// (the same elements, other text or attributes).
    fn patchable_from(&self, old: &Self) -> bool;
    /// Bring `el`, drawn from `old`, up to date; only called when patchable.
    fn patch(&self, old: &Self, el: &Element);
}

/// What to do at the next element of the list, walking it from the start.
#[derive(Debug, PartialEq)]
pub enum Step {
    Keep,
    Remove,
    /// Parse these new items (by index) in one piece before the next element.
    Insert(Range<usize>),
    /// Old item `.0` becomes new item `.1`: patched, or replaced if it cannot be.
    Update(usize, usize),
}

#[derive(Debug, PartialEq)]
pub enum Patch {
    Steps(Vec<Step>),
    /// So many items are new that parsing the whole list at once is cheaper.
    Rebuild,
}

/// The steps from `old` to `new`. Both lists are ordered by key, so a single
/// merge finds which keys left, which arrived and which changed.
pub fn diff<T: Item>(old: &[T], new: &[T]) -> Patch {
    use std::cmp::Ordering::*;
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::new();
    // Items to parse (inserted, or changed beyond patching), and removed.
    let (mut parsed, mut removed) = (0, 0);
    while i < old.len() || j < new.len() {
        let order = match (old.get(i), new.get(j)) {
            (Some(o), Some(n)) => o.key().cmp(&n.key()),
            (Some(_), None) => Less,
            _ => Greater,
        };
        match order {
            Less => {
                steps.push(Step::Remove);
                removed += 1;
                i += 1;
            }
            Greater => {
                match steps.last_mut() {
                    Some(Step::Insert(r)) => r.end = j + 1,
                    _ => steps.push(Step::Insert(j..j + 1)),
                }
                parsed += 1;
                j += 1;
            }
            Equal => {
                if old[i] == new[j] {
                    steps.push(Step::Keep);
                } else {
                    if !new[j].patchable_from(&old[i]) {
                        parsed += 1;
                    }
                    steps.push(Step::Update(i, j));
                }
                i += 1;
                j += 1;
            }
        }
    }
    if parsed * 2 > new.len() || removed > new.len() {
        Patch::Rebuild
    } else {
        // Trailing keeps need no walking.
        while steps.last() == Some(&Step::Keep) {
            steps.pop();
        }
        Patch::Steps(steps)
    }
}

fn markup<T: Item>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items {
        item.write_markup(&mut out);
    }
    out
}

/// Applies `diff(old, new)` to `parent`, whose element children were drawn from `old`.
pub fn apply<T: Item>(parent: &Element, old: &[T], new: &[T], patch: &Patch) {
    let steps = match patch {
        Patch::Rebuild => return parent.set_inner_html(&markup(new)),
        Patch::Steps(steps) => steps,
    };
    let mut next = parent.first_element_child();
    for step in steps {
        match step {
            Step::Keep => next = next.and_then(|e| e.next_element_sibling()),
            Step::Remove => {
                let Some(e) = next else { return };
                next = e.next_element_sibling();
                e.remove();
            }
            Step::Update(i, j) => {
                let Some(e) = next else { return };
                next = e.next_element_sibling();
                if new[*j].patchable_from(&old[*i]) {
                    new[*j].patch(&old[*i], &e);
                } else {
                    e.set_outer_html(&markup(&new[*j..=*j]));
                }
            }
            Step::Insert(range) => {
                let text = markup(&new[range.clone()]);
                let _ = match &next {
                    Some(e) => e.insert_adjacent_html("beforebegin", &text),
                    None => parent.insert_adjacent_html("beforeend", &text),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An item whose shape is its first letter: items of the same shape patch.
    #[derive(Debug, PartialEq)]
    struct T(u32, &'static str);

    impl Item for T {
        type Key = u32;
        fn key(&self) -> u32 {
            self.0
        }
        fn write_markup(&self, out: &mut String) {
            out.push_str(self.1);
        }
        fn patchable_from(&self, old: &Self) -> bool {
            self.1.chars().next() == old.1.chars().next()
        }
        fn patch(&self, _: &Self, _: &Element) {}
    }

    /// The patch applied to a list of strings, as `apply` does to elements.
    fn run(old: &[T], new: &[T], patch: &Patch) -> Vec<String> {
        let steps = match patch {
            Patch::Rebuild => return new.iter().map(|n| n.1.to_string()).collect(),
            Patch::Steps(steps) => steps,
        };
        let mut list: Vec<String> = old.iter().map(|o| o.1.to_string()).collect();
        let mut at = 0;
        for step in steps {
            match step {
                Step::Keep => at += 1,
                Step::Remove => {
                    list.remove(at);
                }
                Step::Update(_, j) => {
                    list[at] = new[*j].1.to_string();
                    at += 1;
                }
                Step::Insert(r) => {
                    for n in &new[r.clone()] {
                        list.insert(at, n.1.to_string());
                        at += 1;
                    }
                }
            }
        }
        list
    }

    fn check(old: &[T], new: &[T]) -> Patch {
        let patch = diff(old, new);
        let want: Vec<String> = new.iter().map(|n| n.1.to_string()).collect();
        assert_eq!(run(old, new, &patch), want);
        patch
    }

    #[test]
    fn a_window_sliding_by_one_removes_one_item_and_adds_one() {
        let old = [T(1, "b"), T(2, "c"), T(3, "d"), T(4, "e")];
        let new = [T(2, "c"), T(3, "d2"), T(4, "e"), T(5, "f")];
        let steps = vec![
            Step::Remove,
            Step::Keep,
            Step::Update(2, 1),
            Step::Keep,
            Step::Insert(3..4),
        ];
        assert_eq!(check(&old, &new), Patch::Steps(steps));
    }

    #[test]
    fn items_arriving_together_are_inserted_in_one_piece() {
        let old = [
            T(0, "<"),
            T(5, "f"),
            T(6, "g"),
            T(7, "h"),
            T(8, "i"),
            T(9, ">"),
        ];
        let new = [
            T(0, "<"),
            T(3, "d"),
            T(4, "e"),
            T(5, "f"),
            T(6, "g"),
            T(7, "h"),
            T(9, ">"),
        ];
        let steps = vec![
            Step::Keep,
            Step::Insert(1..3),
            Step::Keep,
            Step::Keep,
            Step::Keep,
            Step::Remove,
        ];
        assert_eq!(check(&old, &new), Patch::Steps(steps));
    }

    #[test]
    fn items_that_only_change_text_are_patched_however_many() {
        let old = [T(1, "a1"), T(2, "b1"), T(3, "c1")];
        let new = [T(1, "a2"), T(2, "b2"), T(3, "c1")];
        let steps = vec![Step::Update(0, 0), Step::Update(1, 1)];
        assert_eq!(check(&old, &new), Patch::Steps(steps));
    }

    #[test]
    fn a_list_mostly_new_is_parsed_in_one_piece() {
        let old = [T(1, "a"), T(2, "b"), T(3, "c")];
        let new = [T(1, "A"), T(2, "B"), T(3, "c")];
        assert_eq!(check(&old, &new), Patch::Rebuild);
        assert_eq!(check(&[], &new), Patch::Rebuild);
        assert_eq!(check(&old, &[]), Patch::Rebuild);
        assert_eq!(check(&old, &old), Patch::Steps(vec![]));
    }
}
