//! What the console does after a failed request: give up, wait and send again, or ask for the
//! credentials first. Pure, so the policy is tested here rather than in a browser.
//!
//! The rule that matters most: only reads are ever sent again on our own. A POST, PUT, DELETE
//! or action that failed with a 5xx, a timeout or a dropped connection may already have acted;
//! sending it again could create two servers or reboot twice. The one exception is a 401: the
//! server refused the request before acting on it, so after the user signs in again it is sent
//! once more, whatever its method.

use crate::error::ApiError;
use crate::request::Method;

/// Retries of a read after a 502, 503 or 504, or a 429 with `Retry-After`.
pub const READ_RETRIES: u32 = 2;
/// The wait before the first retry of a read after a 5xx; doubled for the next one.
pub const FIRST_BACKOFF_MS: u32 = 1_000;
/// A `Retry-After` longer than this is not waited for by itself: the user decides.
pub const MAX_AUTOMATIC_WAIT_SECS: u64 = 60;

/// The next step after a request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Show the error.
    GiveUp,
    /// Send the same read again after this many milliseconds. `announced` says the server asked
    /// for the wait (`Retry-After`), which the console shows as a countdown.
    RetryAfter { wait_ms: u64, announced: bool },
    /// Ask for the credentials again, then send the request once more.
    SignInAgain,
}

/// Decides the next step for `method` after `error`. `retries_done` counts the retries of this
/// request so far, and `signed_in_again` whether it already went through a fresh sign-in (a
/// second 401 is an error, not a loop). `with_token` is false for the sign-in request itself,
/// whose 401 is a wrong password.
pub fn after_failure(
    method: Method,
    error: &ApiError,
    retries_done: u32,
    with_token: bool,
    signed_in_again: bool,
) -> NextStep {
    let Some(status) = error.status() else {
        return NextStep::GiveUp;
    };
    if status == 401 {
        return if with_token && !signed_in_again {
            NextStep::SignInAgain
        } else {
            NextStep::GiveUp
        };
    }
    if !method.is_idempotent_read() || retries_done >= READ_RETRIES {
        return NextStep::GiveUp;
    }
    let retry_after = error.retry_after();
    match status {
        502..=504 => match retry_after {
            Some(seconds) if seconds <= MAX_AUTOMATIC_WAIT_SECS => NextStep::RetryAfter {
                wait_ms: seconds * 1000,
                announced: true,
            },
            Some(_) => NextStep::GiveUp,
            None => NextStep::RetryAfter {
                wait_ms: u64::from(FIRST_BACKOFF_MS) << retries_done,
                announced: false,
            },
        },
        429 | 413 => match retry_after {
            Some(seconds) if seconds <= MAX_AUTOMATIC_WAIT_SECS => NextStep::RetryAfter {
                wait_ms: seconds * 1000,
                announced: true,
            },
            _ => NextStep::GiveUp,
        },
        _ => NextStep::GiveUp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16, retry_after: Option<u64>) -> ApiError {
        ApiError::from_response(status, Some("text/plain"), "failed", None, retry_after)
    }

    const ALL: [Method; 4] = [Method::Get, Method::Post, Method::Put, Method::Delete];

    #[test]
    fn reads_are_retried_twice_on_gateway_errors_with_a_growing_wait() {
        for status in [502, 503, 504] {
            let error = http(status, None);
            assert_eq!(
                after_failure(Method::Get, &error, 0, true, false),
                NextStep::RetryAfter {
                    wait_ms: 1_000,
                    announced: false
                }
            );
            assert_eq!(
                after_failure(Method::Get, &error, 1, true, false),
                NextStep::RetryAfter {
                    wait_ms: 2_000,
                    announced: false
                }
            );
            assert_eq!(
                after_failure(Method::Get, &error, 2, true, false),
                NextStep::GiveUp
            );
        }
    }

    #[test]
    fn writes_are_never_retried_on_their_own() {
        for method in [Method::Post, Method::Put, Method::Delete] {
            for error in [
                http(502, None),
                http(503, Some(1)),
                http(504, None),
                http(429, Some(1)),
            ] {
                assert_eq!(
                    after_failure(method, &error, 0, true, false),
                    NextStep::GiveUp
                );
            }
            let dropped = ApiError::network("connection reset");
            assert_eq!(
                after_failure(method, &dropped, 0, true, false),
                NextStep::GiveUp
            );
        }
    }

    #[test]
    fn other_failures_are_shown_at_once() {
        for error in [
            http(500, None),
            http(400, None),
            http(404, None),
            http(409, None),
            ApiError::network("Failed to fetch"),
        ] {
            assert_eq!(
                after_failure(Method::Get, &error, 0, true, false),
                NextStep::GiveUp
            );
        }
    }

    #[test]
    fn rate_limits_wait_for_retry_after_when_it_is_short() {
        for status in [429, 413] {
            assert_eq!(
                after_failure(Method::Get, &http(status, Some(3)), 0, true, false),
                NextStep::RetryAfter {
                    wait_ms: 3_000,
                    announced: true
                }
            );
            assert_eq!(
                after_failure(Method::Get, &http(status, Some(61)), 0, true, false),
                NextStep::GiveUp
            );
            assert_eq!(
                after_failure(Method::Get, &http(status, None), 0, true, false),
                NextStep::GiveUp
            );
        }
        assert_eq!(
            after_failure(Method::Get, &http(503, Some(5)), 0, true, false),
            NextStep::RetryAfter {
                wait_ms: 5_000,
                announced: true
            }
        );
    }

    #[test]
    fn a_401_asks_to_sign_in_again_once_for_every_method() {
        for method in ALL {
            let error = http(401, None);
            assert_eq!(
                after_failure(method, &error, 0, true, false),
                NextStep::SignInAgain
            );
            assert_eq!(
                after_failure(method, &error, 0, true, true),
                NextStep::GiveUp
            );
            // The sign-in request itself: a wrong password.
            assert_eq!(
                after_failure(method, &error, 0, false, false),
                NextStep::GiveUp
            );
        }
    }
}
