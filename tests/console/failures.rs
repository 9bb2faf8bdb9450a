//! The error box's `Retry-After` countdown: it counts down from the server's seconds and then
//! says the user may try again (nothing is sent by itself).

use super::*;

#[wasm_bindgen_test]
async fn a_rate_limit_error_counts_down_retry_after_in_the_users_language() {
    let error = ApiError::Http(HttpError {
        status: 429,
        fault: Some("overLimit".into()),
        message: "This request was rate-limited.".into(),
        request_id: None,
        retry_after: Some(2),
    });
    let root = mount(move || {
        provide_i18n(Lang::Ko);
        view! { <ErrorMessage error /> }
    });
    let countdown = by_testid(&root, "retry-countdown");
    assert!(
        text(&countdown).contains("2초 후에"),
        "{}",
        text(&countdown)
    );
    gloo_timers::future::TimeoutFuture::new(2_300).await;
    assert_eq!(text(&countdown), tr(Lang::Ko, Msg::TryAgainNow));
}
