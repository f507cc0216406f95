//! Matching the rows of two versions of a sheet by their hashes.
//!
//! A row of the new version whose content equals a row of the old one is the same row, wherever
//! it moved (the n-th copy of a repeated row matches the n-th copy). What is left over is paired
//! up within gaps: unmatched old and new rows that sit after the same number of matched rows (in
//! the same gap between unchanged rows) may be one row that was *changed*. Each new row of a gap
//! takes the remaining old row of that gap most similar to it (most equal cells, the first one
//! on a tie), if any cell is equal; the rest were *removed* (old) or *added* (new). A gap too
//! large to compare every pair ([`MAX_PAIRS_COMPARED`]) is paired in order instead. It needs one
//! hash per row and a hash map, so 100,000 rows match in milliseconds.

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

/// The largest gap (unmatched old rows × unmatched new rows) whose pairs are all compared.
pub const MAX_PAIRS_COMPARED: usize = 1 << 20;

/// Matches rows by hash, pairing leftovers in order (every pair counts as similar).
pub fn match_rows(old: &[u64], new: &[u64]) -> RowMatch {
    match_rows_with(old, new, |_, _| 1)
}

/// Matches rows by hash (see the module documentation); `similarity(i, j)` is how many cells
/// old row `i` and new row `j` have in common.
pub fn match_rows_with(old: &[u64], new: &[u64], similarity: impl Fn(usize, usize) -> usize) -> RowMatch {
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
                pair_gap(&olds, &news, &similarity, &mut result);
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

/// Pairs the unmatched rows of one gap.
fn pair_gap(olds: &[usize], news: &[usize], similarity: &impl Fn(usize, usize) -> usize, result: &mut RowMatch) {
    if olds.len().saturating_mul(news.len()) > MAX_PAIRS_COMPARED {
        let paired = olds.len().min(news.len());
        result.changed.extend(olds.iter().copied().zip(news.iter().copied()));
        result.removed.extend_from_slice(&olds[paired..]);
        result.added.extend_from_slice(&news[paired..]);
        return;
    }
    let mut taken = vec![false; olds.len()];
    for &j in news {
        let best = olds
            .iter()
            .enumerate()
            .filter(|(k, _)| !taken[*k])
            .map(|(k, &i)| (similarity(i, j), k))
            .filter(|(s, _)| *s > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        match best {
            Some((_, k)) => {
                taken[k] = true;
                result.changed.push((olds[k], j));
            }
            None => result.added.push(j),
        }
    }
    result
        .removed
        .extend(olds.iter().zip(&taken).filter(|(_, t)| !**t).map(|(&i, _)| i));
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
    /// old row; then each new row left over takes the most similar old row left over in its gap.
    fn reference(old: &[u64], new: &[u64], similarity: &dyn Fn(usize, usize) -> usize) -> RowMatch {
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
        let mut paired_old = vec![false; old.len()];
        for j in (0..new.len()).filter(|&j| !new_matched[j]) {
            let gap = gap_of(&new_matched, j);
            let mut best: Option<(usize, usize)> = None;
            for i in (0..old.len()).filter(|&i| !used[i] && !paired_old[i] && gap_of(&used, i) == gap) {
                let s = similarity(i, j);
                if s > 0 && best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, i));
                }
            }
            match best {
                Some((_, i)) => {
                    paired_old[i] = true;
                    result.changed.push((i, j));
                }
                None => result.added.push(j),
            }
        }
        result.removed = (0..old.len()).filter(|&i| !used[i] && !paired_old[i]).collect();
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
    fn a_deletion_next_to_an_edit_is_not_taken_for_the_edit() {
        // Rows 1 (deleted) and 2 (edited) share a gap; the edit keeps most of its cells.
        let old = [10, 11, 12, 13];
        let new = [10, 22, 13];
        let similar = |i: usize, j: usize| usize::from(old[i] % 10 == new[j] % 10);
        let m = match_rows_with(&old, &new, similar);
        assert_eq!(m.changed, [(2, 1)]);
        assert_eq!(m.removed, [1]);
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
            // Rows are "similar" when their values share the lowest bit: ties, zeros and
            // clear winners all occur.
            let similarity = |i: usize, j: usize| usize::from(old[i] & 1 == new[j] & 1) * (1 + usize::from(old[i] & 2 == new[j] & 2));
            let fast = sorted(match_rows_with(&old, &new, similarity));
            prop_assert_eq!(&fast, &sorted(reference(&old, &new, &similarity)));
            prop_assert_eq!(sorted(match_rows(&old, &new)), sorted(reference(&old, &new, &|_, _| 1)));
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
