//! A list whose items are given as markup and patched by key, outside Yew's
//! diff. Building each item as elements through Yew costs a few DOM calls per
//! node; an edit that brings in a whole new run then rebuilds a long list
//! node by node. Here the changed items are parsed from text: many at once in
//! one call, a few in a call each, and the rest keep their elements.

use web_sys::Element;

/// One item: its key (keys increase along the list) and its whole markup.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<K> {
    pub key: K,
    pub markup: String,
}

/// What to do at the next element of the list, walking it from the start.
#[derive(Debug, PartialEq)]
pub enum Step {
    Keep,
    Remove,
    /// Put these items (their markup joined) before the next element.
    Insert(String),
    Replace(String),
}

#[derive(Debug, PartialEq)]
pub enum Patch {
    Steps(Vec<Step>),
    /// So many items changed that parsing the whole list at once is cheaper.
    Rebuild(String),
}

/// The steps from `old` to `new`. Both lists are ordered by key, so a single
/// merge finds which keys left, which arrived and which changed markup.
pub fn diff<K: Ord>(old: &[Item<K>], new: &[Item<K>]) -> Patch {
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::new();
    // Items parsed anew (inserted or replaced), and removed.
    let (mut parsed, mut removed) = (0, 0);
    while i < old.len() || j < new.len() {
        let order = match (old.get(i), new.get(j)) {
            (Some(o), Some(n)) => o.key.cmp(&n.key),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                steps.push(Step::Remove);
                removed += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                if let Some(Step::Insert(s)) = steps.last_mut() {
                    s.push_str(&new[j].markup);
                } else {
                    steps.push(Step::Insert(new[j].markup.clone()));
                }
                parsed += 1;
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                if old[i].markup == new[j].markup {
                    steps.push(Step::Keep);
                } else {
                    steps.push(Step::Replace(new[j].markup.clone()));
                    parsed += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if parsed * 2 > new.len() || removed > new.len() {
        Patch::Rebuild(new.iter().map(|n| n.markup.as_str()).collect())
    } else {
        // Trailing keeps need no walking.
        while steps.last() == Some(&Step::Keep) {
            steps.pop();
        }
        Patch::Steps(steps)
    }
}

/// Applies a patch to `parent`, whose element children are the old items.
pub fn apply(parent: &Element, patch: &Patch) {
    let steps = match patch {
        Patch::Rebuild(all) => return parent.set_inner_html(all),
        Patch::Steps(steps) => steps,
    };
    let mut next = parent.first_element_child();
    for step in steps {
        match step {
            Step::Keep => next = next.and_then(|e| e.next_element_sibling()),
            Step::Remove | Step::Replace(_) => {
                let Some(e) = next else { return };
                next = e.next_element_sibling();
                match step {
                    Step::Replace(markup) => e.set_outer_html(markup),
                    _ => e.remove(),
                }
            }
            Step::Insert(markup) => {
                let _ = match &next {
                    Some(e) => e.insert_adjacent_html("beforebegin", markup),
                    None => parent.insert_adjacent_html("beforeend", markup),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(keys: &[(u32, &str)]) -> Vec<Item<u32>> {
        keys.iter()
            .map(|&(key, m)| Item {
                key,
                markup: m.to_string(),
            })
            .collect()
    }

    /// The patch applied to a list of markup strings, as `apply` does to elements.
    fn run(old: &[Item<u32>], patch: &Patch) -> String {
        let steps = match patch {
            Patch::Rebuild(all) => return all.clone(),
            Patch::Steps(steps) => steps,
        };
        let mut list: Vec<String> = old.iter().map(|o| o.markup.clone()).collect();
        let mut at = 0;
        for step in steps {
            match step {
                Step::Keep => at += 1,
                Step::Remove => {
                    list.remove(at);
                }
                Step::Replace(m) => {
                    list[at] = m.clone();
                    at += 1;
                }
                Step::Insert(m) => {
                    list.insert(at, m.clone());
                    at += 1;
                }
            }
        }
        list.concat()
    }

    #[test]
    fn a_window_sliding_by_one_removes_one_item_and_adds_one() {
        let old = items(&[(1, "b"), (2, "c"), (3, "d"), (4, "e")]);
        let new = items(&[(2, "c"), (3, "D"), (4, "e"), (5, "f")]);
        let patch = diff(&old, &new);
        assert_eq!(
            patch,
            Patch::Steps(vec![
                Step::Remove,
                Step::Keep,
                Step::Replace("D".into()),
                Step::Keep,
                Step::Insert("f".into()),
            ])
        );
        assert_eq!(run(&old, &patch), "cDef");
    }

    #[test]
    fn items_arriving_together_are_inserted_in_one_piece() {
        let old = items(&[(0, "<"), (5, "f"), (6, "g"), (7, "h"), (8, "i"), (9, ">")]);
        let new = items(&[
            (0, "<"),
            (3, "d"),
            (4, "e"),
            (5, "f"),
            (6, "g"),
            (7, "h"),
            (9, ">"),
        ]);
        let patch = diff(&old, &new);
        assert_eq!(
            patch,
            Patch::Steps(vec![
                Step::Keep,
                Step::Insert("de".into()),
                Step::Keep,
                Step::Keep,
                Step::Keep,
                Step::Remove,
            ])
        );
        assert_eq!(run(&old, &patch), "<defgh>");
    }

    #[test]
    fn a_list_mostly_new_is_parsed_in_one_piece() {
        let old = items(&[(1, "a"), (2, "b"), (3, "c")]);
        let new = items(&[(1, "A"), (2, "B"), (3, "c")]);
        assert_eq!(diff(&old, &new), Patch::Rebuild("ABc".into()));
        assert_eq!(diff(&[], &new), Patch::Rebuild("ABc".into()));
        assert_eq!(diff(&old, &[]), Patch::Rebuild(String::new()));
        assert_eq!(diff(&old, &old), Patch::Steps(vec![]));
    }
}
