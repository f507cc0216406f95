//! Matching the rows of two versions of a sheet by their hashes.
//!
//! A row of the new version whose content equals a row of the old one is the same row, wherever
//! it moved (the n-th copy of a repeated row matches the n-th copy). What is left over is paired
//! up by position: an unmatched old row and an unmatched new row that sit after the same number
//! of matched rows (in the same gap between unchanged rows) are one row that was *changed*;
//! the rest were *removed* (old) or *added* (new). It needs one hash per row and a hash map, so
//! 100,000 rows match in milliseconds.

use std::collections::HashMap;

/// How the rows of two versions correspond. Indices are positions in the slices given to
/// [`match_rows`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowMatch {
    /// Old rows with no counterpart.
    pub removed: Vec<usize>,
    /// New rows with no counterpart.
    pub added: Vec<usize>,
    /// (old, new) pairs: the same row with changed cells.
    pub changed: Vec<(usize, usize)>,
}

/// Matches rows by hash (see the module documentation).
pub fn match_rows(old: &[u64], new: &[u64]) -> RowMatch {
    let mut positions: HashMap<u64, std::collections::VecDeque<usize>> = HashMap::with_capacity(old.len());
    for (i, h) in old.iter().enumerate() {
        positions.entry(*h).or_default().push_back(i);
    }
    let mut old_matched = vec![false; old.len()];
    let mut new_matched = vec![false; new.len()];
    for (j, h) in new.iter().enumerate() {
        if let Some(i) = positions.get_mut(h).and_then(std::collections::VecDeque::pop_front) {
            old_matched[i] = true;
            new_matched[j] = true;
        }
    }
    let old_gaps = unmatched_by_gap(&old_matched);
    let new_gaps = unmatched_by_gap(&new_matched);
    let mut result = RowMatch::default();
    let mut new_gaps = new_gaps.into_iter().peekable();
    let mut old_gaps = old_gaps.into_iter().peekable();
    loop {
        match (old_gaps.peek(), new_gaps.peek()) {
            (None, None) => break,
            (Some((a, _)), Some((b, _))) if a == b => {
                let (_, olds) = old_gaps.next().unwrap_or_default();
                let (_, news) = new_gaps.next().unwrap_or_default();
                let paired = olds.len().min(news.len());
                result.changed.extend(olds.iter().copied().zip(news.iter().copied()));
                result.removed.extend_from_slice(&olds[paired..]);
                result.added.extend_from_slice(&news[paired..]);
            }
            (Some((a, _)), Some((b, _))) if a < b => {
                result.removed.extend(old_gaps.next().unwrap_or_default().1);
            }
            (Some(_), None) => result.removed.extend(old_gaps.next().unwrap_or_default().1),
            (_, Some(_)) => result.added.extend(new_gaps.next().unwrap_or_default().1),
        }
    }
    result
}

/// The unmatched positions grouped by how many matched rows come before them, in order.
fn unmatched_by_gap(matched: &[bool]) -> Vec<(usize, Vec<usize>)> {
    let mut gaps: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut before = 0;
    for (i, &m) in matched.iter().enumerate() {
        if m {
            before += 1;
            continue;
        }
        match gaps.last_mut() {
            Some((gap, rows)) if *gap == before => rows.push(i),
            _ => gaps.push((before, vec![i])),
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The same rules, the slow and obvious way: every new row looks for the first unused equal
    /// old row; then the leftovers of each gap are paired in order.
    fn reference(old: &[u64], new: &[u64]) -> RowMatch {
        let mut used = vec![false; old.len()];
        let mut new_matched = vec![false; new.len()];
        for (j, h) in new.iter().enumerate() {
            if let Some(i) = (0..old.len()).find(|&i| !used[i] && old[i] == *h) {
                used[i] = true;
                new_matched[j] = true;
            }
        }
        let gap_of = |matched: &[bool], i: usize| matched[..i].iter().filter(|&&m| m).count();
        let mut result = RowMatch::default();
        let old_left: Vec<usize> = (0..old.len()).filter(|&i| !used[i]).collect();
        let new_left: Vec<usize> = (0..new.len()).filter(|&j| !new_matched[j]).collect();
        let mut paired_new = vec![false; new.len()];
        for &i in &old_left {
            let gap = gap_of(&used, i);
            let rank = old_left.iter().filter(|&&k| k < i && gap_of(&used, k) == gap).count();
            let partner = new_left.iter().filter(|&&j| gap_of(&new_matched, j) == gap).nth(rank);
            match partner {
                Some(&j) => {
                    result.changed.push((i, j));
                    paired_new[j] = true;
                }
                None => result.removed.push(i),
            }
        }
        result.added = new_left.into_iter().filter(|&j| !paired_new[j]).collect();
        result
    }

    fn sorted(mut m: RowMatch) -> RowMatch {
        m.removed.sort_unstable();
        m.added.sort_unstable();
        m.changed.sort_unstable();
        m
    }

    #[test]
    fn deleting_rows_removes_them_and_changes_nothing() {
        let old = [1, 2, 3, 4, 5];
        let m = match_rows(&old, &[1, 2, 5]);
        assert_eq!(m.removed, [2, 3]);
        assert!(m.added.is_empty() && m.changed.is_empty());
    }

    #[test]
    fn an_edited_row_is_changed_not_added_and_removed() {
        let m = match_rows(&[1, 2, 3], &[1, 20, 3]);
        assert_eq!(m.changed, [(1, 1)]);
        assert!(m.added.is_empty() && m.removed.is_empty());
    }

    #[test]
    fn sorting_a_sheet_changes_no_row() {
        let m = match_rows(&[3, 1, 2], &[1, 2, 3]);
        assert_eq!(m, RowMatch::default());
    }

    #[test]
    fn an_edit_far_from_a_deletion_is_paired_with_its_own_row() {
        // Row 1 deleted, row 4 edited: the edit must not be paired with the deletion.
        let m = match_rows(&[10, 11, 12, 13, 14, 15], &[10, 12, 13, 99, 15]);
        assert_eq!(m.removed, [1]);
        assert_eq!(m.changed, [(4, 3)]);
        assert!(m.added.is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn matches_the_reference(old in prop::collection::vec(0u64..6, 0..40), new in prop::collection::vec(0u64..6, 0..40)) {
            let fast = sorted(match_rows(&old, &new));
            prop_assert_eq!(&fast, &sorted(reference(&old, &new)));
            // Every row is accounted for exactly once on each side.
            prop_assert_eq!(fast.removed.len() + fast.changed.len() + (new.len() - fast.added.len() - fast.changed.len()), old.len());
            // What is matched is equal content: the multisets agree after removing the rest.
            let mut old_kept: Vec<u64> = (0..old.len())
                .filter(|i| !fast.removed.contains(i) && !fast.changed.iter().any(|c| c.0 == *i))
                .map(|i| old[i]).collect();
            let mut new_kept: Vec<u64> = (0..new.len())
                .filter(|j| !fast.added.contains(j) && !fast.changed.iter().any(|c| c.1 == *j))
                .map(|j| new[j]).collect();
            old_kept.sort_unstable();
            new_kept.sort_unstable();
            prop_assert_eq!(old_kept, new_kept);
        }
    }
}
