//! The instance list's auto-refresh: whether to read the list again, and how long to wait.

use crate::server::Server;

/// The first wait, and the wait again after a change.
pub const FIRST_DELAY_MS: u32 = 2_000;
/// The longest wait while nothing changes.
pub const MAX_DELAY_MS: u32 = 30_000;
/// The wait between reads of a settled list that can be read with `changes-since` (such a
/// read costs only what changed, so changes made elsewhere show within this).
pub const IDLE_DELAY_MS: u32 = 10_000;

/// The wait before the next read: back to [`FIRST_DELAY_MS`] after a change, otherwise doubled,
/// up to [`MAX_DELAY_MS`].
pub fn next_delay_ms(current: u32, changed: bool) -> u32 {
    if changed {
        FIRST_DELAY_MS
    } else {
        current
            .saturating_mul(2)
            .clamp(FIRST_DELAY_MS, MAX_DELAY_MS)
    }
}

/// Whether any server is in a transitional state (BUILD, REBOOT, RESIZE …) or running a task
/// (a delete under way): only then is the list read again by itself.
pub fn needs_refresh(servers: &[Server]) -> bool {
    servers
        .iter()
        .any(|s| s.status.is_transitional() || s.task_state.as_ref().is_some_and(|t| t.is_active()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_while_nothing_changes_up_to_the_max() {
        let mut d = FIRST_DELAY_MS;
        let mut seen = vec![d];
        for _ in 0..6 {
            d = next_delay_ms(d, false);
            seen.push(d);
        }
        assert_eq!(
            seen,
            vec![2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
        );
    }

    #[test]
    fn a_change_resets_the_wait() {
        assert_eq!(next_delay_ms(16_000, true), FIRST_DELAY_MS);
        assert_eq!(next_delay_ms(MAX_DELAY_MS, true), FIRST_DELAY_MS);
        assert_eq!(next_delay_ms(0, false), FIRST_DELAY_MS);
        assert_eq!(next_delay_ms(u32::MAX, false), MAX_DELAY_MS);
    }

    #[test]
    fn nothing_to_follow_in_an_empty_list() {
        assert!(!needs_refresh(&[]));
    }
}
